"""The Typer app, the settings given before the command, and the options several
commands share, declared once."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from fitcareer import __version__, data, render
from fitcareer.cli import complete
from fitcareer.cli.registry import App, Group
from fitcareer.cli.settings import settings
from fitcareer.data.write import write_atomic
from fitcareer.errors import OutputError
from fitcareer.model import Catalog
from fitcareer.views.sheet import Sheet
from fitcareer.views.words import MAX_AGE

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = App(
    name="fitcareer",
    cls=Group,
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
    ] = MAX_AGE,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Options before the command; commands read them through `settings`."""


def _progress(name: str, size: int) -> AbstractContextManager[object]:
    """A transient note on stderr while a large file is parsed, only on a terminal."""
    from contextlib import nullcontext

    if not render.isatty(sys.stderr):
        return nullcontext()
    from rich.console import Console

    megabytes = size / 1_000_000
    return Console(stderr=True).status(f"reading {name} ({megabytes:.1f} MB)...")


def catalog(ctx: typer.Context) -> Catalog:
    """The catalog for this run (data directory from the option or environment)."""
    return data.load(settings(ctx).data_dir, _progress)


def emit(sheet: Sheet, fmt: render.Format, output: Path | None = None) -> None:
    """Send a sheet to standard output, or whole to a file."""
    if output is None:
        render.emit(sheet, fmt)
        return
    save(output, render.text(sheet, fmt))


def save(output: Path, text: str) -> None:
    """Write ``text`` to ``output`` atomically and say so on stderr."""
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as e:
        raise OutputError(f"cannot write {output}: {e.strerror or e}") from None
    typer.echo(f"wrote {output}", err=True)


def say(text: str) -> None:
    """Write to stderr, which may itself be gone: then the exit code is all there is."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def fail(message: str, code: int = EXIT_FAIL) -> NoReturn:
    """Print one line on stderr and exit."""
    say(f"fitcareer: {message}\n")
    raise typer.Exit(code)


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


def _dash(value: Path | None) -> Path | None:
    """`-o -` means standard output, as `-` does for most tools."""
    return None if value is not None and str(value) == "-" else value


FormatOpt = Annotated[
    render.Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="Output format: table for people; json, csv or markdown for scripts and documents; html or svg to share.",
    ),
]

OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        callback=_dash,
        metavar="FILE",
        help="Write to FILE (replaced whole, never half-written) instead of standard output ('-': standard output).",
    ),
]

RolesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Role ids or names (see 'fitcareer roles').",
        metavar="ROLE",
        show_default=False,
        autocompletion=complete.roles,
    ),
]

RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        help="Only those preparing for ROLE.",
        metavar="ROLE",
        autocompletion=complete.roles,
    ),
]

CertOpt = Annotated[
    str | None,
    typer.Option(
        "--cert",
        help="A certification id or abbreviation (see 'fitcareer certs').",
        metavar="ID",
        autocompletion=complete.certifications,
    ),
]

DetailOpt = Annotated[
    bool,
    typer.Option(
        "--detail",
        "-d",
        help="Show every figure, statement and note the data holds, not just the short answer.",
    ),
]
