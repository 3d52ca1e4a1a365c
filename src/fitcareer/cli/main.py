"""The entry point and the one error edge: every error raised below is turned into one
line on stderr and an exit code here, and only here."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from contextlib import suppress
from typing import Any, NoReturn

import typer

from fitcareer.cli.app import (
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE,
    EXIT_USAGE,
    app,
    say,
)
from fitcareer.cli.registry import COMMANDS, command_name, register
from fitcareer.errors import DataError, FitcareerError, OutputError, UsageError, printable

MAX_PROBLEMS = 5
"""Data problems listed by commands other than `validate`."""


def report(error: FitcareerError) -> None:
    """Write an expected error to stderr: one line, or a few for data problems."""
    if isinstance(error, DataError):
        shown = error.problems[:MAX_PROBLEMS]
        for problem in shown:
            sys.stderr.write(f"fitcareer: {problem}\n")
        rest = len(error.problems) - len(shown)
        if rest:
            sys.stderr.write(
                f"fitcareer: ... and {rest} more problem{'s' if rest > 1 else ''}; "
                "run 'fitcareer validate' to list them all\n"
            )
        return
    hint = f" (see '{_help_path(None)} --help')" if isinstance(error, UsageError) else ""
    sys.stderr.write(f"fitcareer: {printable(error.message)}{hint}\n")


OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("EBADF", "EDQUOT", "EFBIG", "EIO", "ENOSPC", "EROFS")
    if hasattr(errno, name)
)
"""An OSError with one of these that reaches `main` failed writing output."""


class _Closed(io.TextIOBase):
    """Stands in for a standard stream that was closed before fitcareer started."""

    def __init__(self, name: str) -> None:
        self.label = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            raise OSError(errno.EBADF, f"{self.label} is closed")
        return 0


class _Whole(io.RawIOBase):
    """Unbuffered standard output (PYTHONUNBUFFERED, `python -u`) that writes all it is
    given or raises: Python's own writes once and drops what the system did not take
    (a full disk, a quota, a file-size limit), so output cut short would exit 0."""

    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__()
        self.raw = raw

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            written = self.raw.write(view)
            if written is None:
                raise BlockingIOError(errno.EAGAIN, "standard output would block")
            view = view[written:]
        return total


def _whole_writes(stream: Any) -> Any:
    """``stream`` as it is, or, when it writes unbuffered, the same stream writing whole."""
    raw = getattr(stream, "buffer", None)
    if not isinstance(stream, io.TextIOWrapper) or not isinstance(raw, io.RawIOBase):
        return stream
    return io.TextIOWrapper(
        _Whole(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        newline=None if os.name == "nt" else "\n",
        line_buffering=stream.line_buffering,
        write_through=True,
    )


def _streams() -> None:
    """Standard streams that cannot fail on their own: closed ones are stood in for,
    characters the terminal's encoding lacks are replaced, and output unbuffered by
    PYTHONUNBUFFERED is written whole or fails."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stdout is None:
        sys.stdout = _Closed("standard output")
    sys.stdout = _whole_writes(sys.stdout)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _colour() -> None:
    """FORCE_COLOR=0 means "do not force": Rich and Typer would read any value as forcing.

    Typer reads it once, when its help module is first imported, which is after this."""
    if os.environ.get("FORCE_COLOR") == "0":
        del os.environ["FORCE_COLOR"]


def _quiet_stdout() -> None:
    """After a failed write, point stdout at /dev/null so no later flush can fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _brief(error: BaseException) -> str:
    """One short line naming an unexpected error, however long or odd its message."""
    try:
        text = str(error)
    except Exception:
        text = ""
    line = printable(text.strip().splitlines()[0] if text.strip() else "")
    line = line if len(line) <= 120 else line[:117] + "..."
    return f"{type(error).__name__}: {line}" if line else type(error).__name__


def _help_path(ctx: typer.Context | None) -> str:
    """The command whose help a usage error points to."""
    if ctx is not None:
        return ctx.command_path
    name = command_name(sys.argv[1:])
    return f"fitcareer {name}" if name in COMMANDS else "fitcareer"


def _long(param: Any) -> str:
    """How a message names a parameter: its first long option, or an argument's name."""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts and getattr(param, "param_type_name", "") == "option":
        return str(opts[0])
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "").upper()


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _bad_value(param: Any, value: object) -> str | None:
    """What is wrong with ``value`` for ``param``, from the parameter's own declaration
    (its choices, its type, its least and greatest value); None when that says nothing."""
    text = printable(str(value))
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if choices:
        known = ", ".join(str(getattr(c, "value", c)) for c in choices)
        noun = str(getattr(param, "metavar", None) or "value").lower()
        article = "an" if noun[:1] in set("aeiou") else "a"
        return f"'{text}' is not {article} {noun} (use one of: {known})"
    kind = getattr(descriptor, "annotation", None)
    if kind not in (int, float):
        return None
    number = _number(str(value))
    if number is None or (kind is int and not number.is_integer()):
        return f"'{text}' is not a {'whole ' if kind is int else ''}number"
    least, most = getattr(param, "min", None), getattr(param, "max", None)
    if least is not None and most is not None:
        return f"must be from {least} to {most}, got {text}"
    if least is not None:
        return f"must be {least} or more, got {text}"
    if most is not None:
        return f"must be {most} or less, got {text}"
    return None


def _option(ctx: typer.Context | None, name: str) -> Any:
    """The option that ``name`` spells, of the failing command (the one on the command
    line when the parser gives no context)."""
    if ctx is not None:
        command, where = ctx.command, ctx
    else:
        command = typer.main.get_command(app)
        where = typer.Context(command, info_name="fitcareer")
        if isinstance(command, typer.core.TyperGroup):
            command = command.commands.get(command_name(sys.argv[1:]) or "", command)
    for param in command.get_params(where):
        if name in param.opts or name in param.secondary_opts:
            return param
    return None


def _usage_words(error: typer.TyperException, ctx: typer.Context | None) -> str:
    """A usage error Typer found, said from the exception's attributes, not its text."""
    param = getattr(error, "param", None)
    option_name = getattr(error, "option_name", None)
    if option_name is not None and hasattr(error, "possibilities"):
        where = f" of '{ctx.command_path}'" if ctx is not None else ""
        close = sorted(error.possibilities or [])
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        return f"{printable(option_name)} is not an option{where}{hint}"
    if option_name is not None:
        option = _option(ctx, option_name)
        if getattr(option, "is_flag", False):
            return f"{option_name} takes no value"
        metavar = getattr(option, "metavar", None) or "VALUE"
        return f"{option_name} needs a value: {option_name} {metavar}"
    if param is not None and hasattr(error, "param_type"):
        return f"{_long(param)} is missing"
    if param is not None:
        errors = getattr(error.__cause__, "errors", None)
        found = errors()[0] if callable(errors) and errors() else None
        said = _bad_value(param, found["input"]) if isinstance(found, dict) else None
        message = said or " ".join(str(getattr(error, "message", "")).split())
        named = getattr(param, "param_type_name", "") == "option"
        return f"{_long(param)}: {message}" if named or said is None else message
    return " ".join(error.format_message().split()).removesuffix(".")


def usage_line(error: typer.TyperException) -> str:
    """A usage error Typer found (bad option, missing value, out of range) as one line in
    fitcareer's words, naming the option and where to find help."""
    ctx = getattr(error, "ctx", None)
    return printable(f"{_usage_words(error, ctx)} (see '{_help_path(ctx)} --help')")


def _closed(error: BaseException) -> bool:
    """Whether ``error`` ends a run whose reader closed the pipe: a BrokenPipeError, or
    an exit raised while handling one (Rich's console exits so)."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, BrokenPipeError):
            return True
        seen = seen.__context__
    return False


def _pipe_closed() -> NoReturn:
    """End as `cat` and `yes` do when their reader leaves early: quietly, killed by
    SIGPIPE (status 141 in the shell, so `set -o pipefail` sees what it expects); where
    there is no SIGPIPE (Windows), exit with the status a shell would show, 141."""
    _quiet_stdout()
    sigpipe = getattr(signal, "SIGPIPE", None)
    if sigpipe is not None and hasattr(os, "kill"):
        signal.signal(sigpipe, signal.SIG_DFL)
        os.kill(os.getpid(), sigpipe)
    sys.exit(EXIT_PIPE)


def main() -> None:
    """Run the command line and exit with its status: the installed command,
    `python -m fitcareer`, and the tests' entry point."""
    _streams()
    _colour()
    code: int | str | None = EXIT_OK
    try:
        register(sys.argv[1:])
        result = app(prog_name="fitcareer", standalone_mode=False)
        code = result if isinstance(result, int) else EXIT_OK
        if code == EXIT_INTERRUPTED:  # Typer's word for Ctrl-C in a command: none
            say("\nfitcareer: interrupted\n")
    except SystemExit as e:
        if _closed(e):
            _pipe_closed()
        code = e.code
    except typer.TyperException as e:
        if type(e).__name__ != "NoArgsIsHelpError":
            say(f"fitcareer: {usage_line(e)}\n")
        code = getattr(e, "exit_code", EXIT_USAGE)
    except typer.Abort:
        say("\nfitcareer: aborted\n")
        code = EXIT_FAIL
    except FitcareerError as e:
        if isinstance(e, OutputError):
            _quiet_stdout()  # what is still buffered would fail, and be reported, again
        with suppress(OSError, ValueError):
            report(e)
        code = e.exit_code
    except BrokenPipeError:
        _pipe_closed()
    except KeyboardInterrupt:
        say("\nfitcareer: interrupted\n")
        code = EXIT_INTERRUPTED
    except OSError as e:
        if e.errno not in OUTPUT_ERRNOS or os.environ.get("FITCAREER_DEBUG", "0") != "0":
            raise
        _quiet_stdout()
        say(f"fitcareer: cannot write output: {e.strerror or e}\n")
        code = EXIT_FAIL
    except Exception as e:
        code = _internal(e)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()
    except OSError as e:
        _quiet_stdout()
        say(f"fitcareer: cannot write output: {e.strerror or e}\n")
        code = EXIT_FAIL
    sys.exit(code)


def _internal(error: Exception) -> int:
    """A bug: one line asking for a report, or the traceback with FITCAREER_DEBUG=1."""
    if _debug():
        raise error
    say(
        f"fitcareer: internal error ({_brief(error)}); please report this bug with the "
        "command you ran (FITCAREER_DEBUG=1 shows the traceback)\n"
    )
    return EXIT_FAIL


def _debug() -> bool:
    return os.environ.get("FITCAREER_DEBUG", "0") != "0"
