"""The command line: options, the shared error edge, and the entry point.

Commands live in `fitcareer.commands`; each parses its options, calls a query, and
hands a `Sheet` to `emit`. Errors raised anywhere below are turned into one line on
stderr and an exit code here, and only here.
"""

from __future__ import annotations

import errno
import importlib
import io
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__, present, render, store
from .catalog import Catalog
from .errors import DataError, FitcareerError, OutputError, printable

COMPLETE_VAR = "_FITCAREER_COMPLETE"
"""Set by the shell when it asks for completions."""

MAX_PROBLEMS = 5
"""Data problems listed by commands other than `validate`."""

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="fitcareer",
    help=(
        "Compare fitness careers and certifications from sourced, dated facts.\n\n"
        "Every figure names its source and the date it is for; where the sources are "
        "silent the tool says unknown, and where they disagree it shows every value."
    ),
    epilog=(
        "Examples:\n\n"
        "  fitcareer compare\n\n"
        "  fitcareer compare personal-trainer gym-manager --aspect income\n\n"
        "  fitcareer certs --accredited NCCA --sort cost\n\n"
        "  fitcareer quiz"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

FormatOpt = Annotated[
    render.Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: table for people; json, csv or markdown for scripts and documents; html or svg to share.",
    ),
]


def _dash(value: Path | None) -> Path | None:
    """`-o -` means standard output, as `-` does for most tools."""
    return None if value is not None and str(value) == "-" else value


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        callback=_dash,
        help="Write to FILE (replaced whole, never half-written) instead of standard output ('-': standard output).",
    ),
]


def amount(value: str | None, what: str = "US dollars") -> float | None:
    """An option's amount: a finite number of zero or more, `$` and `,` allowed."""
    if value is None:
        return None
    try:
        number = float(value.replace("$", "").replace(",", ""))
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a number of {what}, e.g. 60") from None
    if number < 0 or number != number or number in (float("inf"), float("-inf")):
        raise typer.BadParameter(f"'{value}' must be zero or more {what}")
    return number


def usd(value: str | None) -> float | None:
    """Option callback for an amount of US dollars (Typer passes one argument)."""
    return amount(value)


class State:
    """Options given before the command."""

    data_dir: Path | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fitcareer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="FITCAREER_DATA_DIR",
            help="Use the YAML files in DIR instead of the shipped ones (files missing from DIR come from the shipped data).",
            metavar="DIR",
            show_envvar=True,
        ),
    ] = None,
    max_age: Annotated[
        int,
        typer.Option(
            "--max-age",
            min=0,
            help="Mark figures more than YEARS old as 'may be out of date'.",
            metavar="YEARS",
        ),
    ] = present.MAX_AGE,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    State.data_dir = data_dir
    present.MAX_AGE = max_age


def _progress(name: str, size: int) -> AbstractContextManager[object]:
    """A transient note on stderr while a large file is parsed, only on a terminal."""
    from contextlib import nullcontext

    if not render._isatty(sys.stderr):
        return nullcontext()
    from rich.console import Console

    megabytes = size / 1_000_000
    return Console(stderr=True).status(f"reading {name} ({megabytes:.1f} MB)...")


def catalog() -> Catalog:
    """The catalog for this run (data directory from the option or environment)."""
    return store.load(State.data_dir, _progress)


def emit(sheet: render.Sheet, fmt: render.Format, output: Path | None = None) -> None:
    """Send a sheet to standard output, or whole to a file."""
    if output is None:
        render.emit(sheet, fmt)
        return
    try:
        store.write_atomic(output, render.text(sheet, fmt).encode("utf-8"))
    except OSError as e:
        raise OutputError(f"cannot write {output}: {e.strerror or e}") from None
    typer.echo(f"wrote {output}", err=True)


def fail(message: str, code: int = EXIT_FAIL) -> NoReturn:
    """Print one line on stderr and exit."""
    sys.stderr.write(f"fitcareer: {message}\n")
    raise typer.Exit(code)


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


def _say(text: str) -> None:
    """Write to stderr, which may itself be gone: then the exit code is all there is."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
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
            _say(f"fitcareer: {usage_line(e)}\n")
        code = getattr(e, "exit_code", EXIT_USAGE)
    except typer.Abort:
        _say("\nfitcareer: aborted\n")
        code = EXIT_FAIL
    except FitcareerError as e:
        with suppress(OSError, ValueError):
            report(e)
        code = e.exit_code
    except BrokenPipeError:
        _quiet_stdout()
        code = EXIT_FAIL
    except KeyboardInterrupt:
        _say("\nfitcareer: interrupted\n")
        code = EXIT_INTERRUPTED
    except OSError as e:
        if e.errno not in OUTPUT_ERRNOS or os.environ.get("FITCAREER_DEBUG", "0") != "0":
            raise
        _quiet_stdout()
        _say(f"fitcareer: cannot write output: {e.strerror or e}\n")
        code = EXIT_FAIL
    except Exception as e:
        if os.environ.get("FITCAREER_DEBUG", "0") != "0":
            raise
        _say(
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
        _say(f"fitcareer: cannot write output: {e.strerror or e}\n")
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
            _say(f"{e.code}\n")
            status = EXIT_FAIL
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


COMMANDS = {
    "certs": "certs",
    "steps": "certs",
    "validate": "data",
    "cache": "data",
    "income": "income",
    "quiz": "quiz",
    "compare": "roles",
    "roles": "roles",
    "sources": "sources",
    "schema": "sources",
}
"""Each command and the module in `fitcareer.commands` that defines it."""

GLOBAL_VALUED = frozenset({"--data-dir", "--max-age"})
"""Options before the command name that take a value."""


def register(argv: Sequence[str] | None = None) -> None:
    """Define the command that ``argv`` runs, or every command when it names none.

    Typer builds a parser for every defined command on each run, so defining only the
    one in use keeps start-up short. Help, shell completion and a mistyped command
    get them all.
    """
    name = None if argv is None or os.environ.get(COMPLETE_VAR) else command_name(argv)
    modules = [COMMANDS[name]] if name in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"fitcareer.commands.{module}")


def command_name(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is neither an option nor an option's value."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return next(args, None)
        if arg in GLOBAL_VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None
