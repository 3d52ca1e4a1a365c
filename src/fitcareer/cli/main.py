"""The entry point and the one error edge: every error raised below is turned into one
line on stderr and an exit code here, and only here."""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import suppress
from typing import NoReturn

import typer

from fitcareer.cli.app import EXIT_FAIL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, app, say
from fitcareer.cli.registry import COMMANDS, command_name, register
from fitcareer.errors import DataError, FitcareerError, printable

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
    sys.stderr.write(f"fitcareer: {error.message}\n")


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


def _streams() -> None:
    """Standard streams that cannot fail on their own: closed ones are stood in for, and
    characters the terminal's encoding lacks are replaced."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stdout is None:
        sys.stdout = _Closed("standard output")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _colour() -> None:
    """FORCE_COLOR=0 means "do not force": Rich and Typer would read any value as forcing."""
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


def usage_line(error: typer.TyperException) -> str:
    """A usage error Typer found (bad option, missing value, unknown command) as one line,
    with where to find help."""
    message = " ".join(error.format_message().split()).removesuffix(".")
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        path = ctx.command_path
    else:
        name = command_name(sys.argv[1:])
        path = f"fitcareer {name}" if name in COMMANDS else "fitcareer"
    return f"{message} (see '{path} --help')"


def main() -> None:
    """Run the command line and exit with its status (`run` wraps it for the command)."""
    _streams()
    _colour()
    code: int | str | None = EXIT_OK
    try:
        register(sys.argv[1:])
        result = app(prog_name="fitcareer", standalone_mode=False)
        code = result if isinstance(result, int) else EXIT_OK
    except SystemExit as e:
        code = e.code
    except typer.TyperException as e:
        if type(e).__name__ != "NoArgsIsHelpError":
            say(f"fitcareer: {usage_line(e)}\n")
        code = getattr(e, "exit_code", EXIT_USAGE)
    except typer.Abort:
        say("\nfitcareer: aborted\n")
        code = EXIT_FAIL
    except FitcareerError as e:
        with suppress(OSError, ValueError):
            report(e)
        code = e.exit_code
    except BrokenPipeError:
        _quiet_stdout()
        code = EXIT_FAIL
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
        if os.environ.get("FITCAREER_DEBUG", "0") != "0":
            raise
        say(
            f"fitcareer: internal error ({_brief(e)}); please report this bug with the "
            "command you ran (FITCAREER_DEBUG=1 shows the traceback)\n"
        )
        code = EXIT_FAIL
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as e:
        _quiet_stdout()
        say(f"fitcareer: cannot write output: {e.strerror or e}\n")
        code = EXIT_FAIL
    sys.exit(code)


def run() -> NoReturn:
    """The installed command and `python -m fitcareer`: `main`, then exit at once.

    When `main` returns, all output is written and flushed. Python's own shutdown would
    then free every object one by one, which after reading a large catalog takes longer
    than printing it (about 13 ms for 10,000 certifications), so the process ends
    without it. Tests call `main`, which exits the usual way.
    """
    try:
        main()
        status = EXIT_OK
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            status = e.code or EXIT_OK
        else:
            say(f"{e.code}\n")
            status = EXIT_FAIL
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
