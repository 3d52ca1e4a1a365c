"""The Typer app, the settings given before the command, and the options several
commands share, declared once."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar, cast

import typer
from typer._click import Context
from typer._click.globals import get_current_context

from fitcareer import __version__, data, render
from fitcareer.cli import complete
from fitcareer.cli.registry import App, Group
from fitcareer.cli.settings import settings
from fitcareer.data import wages
from fitcareer.data.files import data_names, data_paths, shipped_dir
from fitcareer.data.write import own_fd, write_file
from fitcareer.errors import FitcareerError, OutputError, UsageError, printable
from fitcareer.model import Catalog
from fitcareer.terminal import columns, isatty, wrap
from fitcareer.views.sheet import Sheet
from fitcareer.views.words import MAX_AGE, when

if TYPE_CHECKING:
    import datetime

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_PIPE = 128 + 13
"""What a shell shows for a command killed by SIGPIPE (13): the status of a run whose reader
closed the pipe, and the one fitcareer exits with where there is no SIGPIPE (Windows)."""

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

    if not isatty(sys.stderr):
        return nullcontext()
    from rich.console import Console

    megabytes = size / 1_000_000
    return Console(stderr=True).status(f"reading {name} ({megabytes:.1f} MB)...")


def catalog(ctx: typer.Context, areas: bool = False) -> Catalog:
    """The catalog for this run (data directory from the option or environment); with
    ``areas``, the shipped wages of every area too."""
    loaded = data.load(settings(ctx).data_dir, _progress, areas)
    ctx.find_root().meta[_LOADED] = loaded
    return loaded


def emit(sheet: Sheet, fmt: render.Format, output: Path | None = None) -> None:
    """Send a sheet to standard output, or whole to a file (`check_output` has already
    given ``fmt`` the format the file's extension names). An HTML page says when, by
    which version and from which data it was prepared."""
    ctx = _current()
    if fmt not in (render.Format.html, render.Format.pdf):
        if output is None:
            render.emit(sheet, fmt)
        else:
            save(output, render.text(sheet, fmt))
        return
    page = render.exported(sheet, render.Format.html, _colophon(ctx))
    if fmt is render.Format.pdf:
        pdf = page_pdf(page, output)
        if output is not None:
            save(output, pdf)
        return
    if output is None:
        sys.stdout.write(page)
        sys.stdout.flush()
    else:
        save(output, page)


def page_pdf(page: str, output: Path | None) -> bytes:
    """A page as a PDF, made before anything is written: with no WeasyPrint, nothing is."""
    if output is None:
        raise UsageError("a PDF is written to a file: give -o FILE.pdf")
    return render.to_pdf(page)


SUFFIXES = {
    ".json": render.Format.json,
    ".csv": render.Format.csv,
    ".md": render.Format.markdown,
    ".markdown": render.Format.markdown,
    ".pdf": render.Format.pdf,
    ".html": render.Format.html,
    ".htm": render.Format.html,
    ".svg": render.Format.svg,
}
"""The one map of extensions to formats: the format `-o FILE` gets from its extension when
`--format` is not given, for every command that writes that format."""

OTHER_FORMATS = frozenset(
    {
        ".doc", ".docx", ".odt", ".rtf", ".epub", ".tex",
        ".xls", ".xlsx", ".xlsm", ".xlsb", ".ods", ".numbers", ".tsv",
        ".ppt", ".pptx", ".odp", ".key",
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp",
        ".xml", ".yaml", ".yml", ".toml", ".zip",
    }
)  # fmt: skip
"""Extensions of formats fitcareer does not write (those not in `SUFFIXES`): `-o FILE` with
one is refused, as the file would not be what its name says. Any other name (none, `.txt`,
a temporary file's) gets the command's default format."""

E = TypeVar("E", bound=enum.Enum)


def extensions(formats: Iterable[enum.Enum]) -> list[str]:
    """The extensions that name ``formats``, in their order."""
    order = [f.value for f in formats]
    named = [e for e, f in SUFFIXES.items() if f.value in order]
    return sorted(named, key=lambda e: order.index(SUFFIXES[e].value))


def listed(names: Sequence[str]) -> str:
    """`a, b or c`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def file_format(command: str, output: Path, formats: Sequence[E]) -> E | None:
    """The format of ``formats`` that ``output``'s extension names; None for a name that
    names no format. An extension of a format the command does not write is a usage error
    (exit 2, before anything is written)."""
    suffix = output.suffix.lower()
    named = SUFFIXES.get(suffix)
    accepted = {f.value: f for f in formats}
    if named is not None and named.value in accepted:
        return accepted[named.value]
    if named is not None or suffix in OTHER_FORMATS:
        raise UsageError(
            f"{command} cannot write {printable(suffix)} files; give -o a name ending in "
            f"{listed(extensions(formats))}"
        )
    return None


def check_output(ctx: Context) -> None:
    """Before a command that takes `--format` and `-o FILE` runs: refuse a FILE it must not
    write (exit 2, nothing written), and, when `--format` is not given, give the command
    the format FILE's extension names. The command's formats are its `--format` choices."""
    output = ctx.params.get("output")
    param = next((p for p in ctx.command.params if p.name == "fmt"), None)
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if not isinstance(output, Path) or not isinstance(kind, enum.EnumMeta):
        return
    guard(output)
    named = file_format(ctx.info_name or "", output, list(kind))
    if named is not None and _defaulted(ctx, "fmt"):
        ctx.params["fmt"] = named


_LOADED = "fitcareer.catalog"
"""Where `catalog` leaves this run's catalog in the context, for the HTML colophon."""


def _current() -> typer.Context | None:
    """The running command's context (None outside a command), typed as commands see it."""
    return cast("typer.Context | None", get_current_context(silent=True))


def _defaulted(ctx: Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is None or source.name in ("DEFAULT", "DEFAULT_MAP")


def _colophon(ctx: typer.Context | None) -> str:
    """When, by which version and from which data a page was prepared."""
    today = run_date()
    folder = settings(ctx).data_dir if ctx is not None else None
    where = "the data shipped with it" if folder is None else f"the data in '{folder.name}'"
    loaded = ctx.find_root().meta.get(_LOADED) if ctx is not None else None
    dates = [s.date for s in loaded.sources.values() if s.date[:1].isdigit()] if loaded else []
    newest = f" (newest source dated {when(max(dates))})" if dates else ""
    return f"Prepared {when(today.isoformat())} by fitcareer {__version__} from {where}{newest}."


class SettingError(FitcareerError):
    """An environment variable fitcareer reads holds what it cannot use (exit 2, as a
    usage error, but the command's help has nothing to add)."""

    exit_code = EXIT_USAGE


LAST_EPOCH = 253_402_300_799
"""The last second of 9999-12-31: the latest SOURCE_DATE_EPOCH a date can show."""


def source_date() -> datetime.date | None:
    """The date SOURCE_DATE_EPOCH sets for a page (a reproducible build); None when it is
    not set. A value that is not a whole number of seconds from 1970 to the end of 9999
    is a usage error, as the variable's specification asks: a build that silently dated
    its pages today would not be reproducible."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return None
    if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > LAST_EPOCH:
        raise SettingError(
            f"SOURCE_DATE_EPOCH is '{printable(epoch[:40])}', not a number of seconds "
            "from 1970 to 9999 (unset it to use today's date)"
        )
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()


def run_date() -> datetime.date:
    """The run's date: SOURCE_DATE_EPOCH's (a reproducible build), else today's. A
    command passes it to the views, which judge against it whether a figure is old."""
    import datetime

    return source_date() or datetime.date.today()


def guard(output: Path) -> None:
    """Refuse (exit 2) an output that is a file fitcareer reads or writes as data, or is
    named by another option of the command: writing it would destroy what the user has.

    Data files are every name a data file may have (YAML or JSON, `wages.yaml`) in the
    data directory this run reads, in a directory the command was given, in the shipped
    data, and the user's imported wages (also when this run reads another directory):
    whether or not the file exists yet, as one written there would be read as data."""
    ctx = _current()
    if ctx is None or own_fd(output) is not None:
        return
    others = [v for v in ctx.params.values() if isinstance(v, Path) and v is not output]
    for other in others:
        if same_file(output, other):
            raise UsageError(
                f"'{output}' is also given as '{other}'; write the output to another file"
            )
    data_dir = settings(ctx).data_dir
    shipped = data_names(shipped_dir())
    folders = [v for v in others if os.path.isdir(v)]
    reads = [p for f in folders for p in data_names(f)] + wages.paths(data_dir)
    reads += shipped if data_dir is None else [*data_names(data_dir), *_fallback(data_dir)]
    from fitcareer.data import onet

    kept = shipped.copy()
    kept += [wages.location(None), wages.location(data_dir)]
    kept += [onet.location(None), onet.location(data_dir)]
    for path in [*reads, *kept]:
        if same_file(output, path):
            what = "where fitcareer looks for a data file"
            if os.path.lexists(path):
                what = "a data file this run reads" if path in reads else "a fitcareer data file"
            raise UsageError(f"'{output}' is {what}; write the output to another file")


def _fallback(data_dir: Path) -> list[Path]:
    """The shipped files a data directory falls back on (it reads those it lacks)."""
    try:
        return list(data_paths(data_dir).values()) if os.path.isdir(data_dir) else []
    except FitcareerError:
        return []


def same_file(a: Path, b: Path) -> bool:
    """Whether two names are one file (or would be, once written)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def save(output: Path, text: str | bytes) -> None:
    """Write ``text`` to ``output`` (replaced whole if it is a regular file) and say so."""
    guard(output)
    if own_fd(output) is not None:
        sys.stdout.flush()
    try:
        write_file(output, text.encode("utf-8") if isinstance(text, str) else text)
    except BrokenPipeError:
        raise  # `-o /dev/stdout` into a pipe its reader closed: as standard output would
    except OSError as e:
        raise OutputError(f"cannot write {output}: {e.strerror or e}") from None
    if own_fd(output) is None:
        inform(f"wrote {output}", sys.stderr)


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


def file_name(value: str) -> Path:
    """An output file name as given: `DIR/` (a trailing slash) names a directory."""
    if value != "-" and (value.endswith(("/", os.sep)) or os.path.isdir(value)):
        raise typer.BadParameter(f"'{printable(value)}' is a directory; give a file name")
    return Path(value)


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
        help="Output format: table for people; json, csv or markdown for scripts and documents; html, pdf or svg to share.",
    ),
]


def output_option(formats: Iterable[enum.Enum], default: str | None = None) -> Any:
    """`--output`/`-o FILE`, its help naming the extensions that pick ``formats`` and what
    any other name gets (``default``); without ``default``, of a command that writes one
    format and has no `--format`."""
    picks = (
        f"without --format, its extension ({', '.join(extensions(formats))}) picks the "
        f"format, another format's (.xlsx, .docx) is refused and any other name gets {default}"
        if default is not None
        else f"its extension, where it names a format, must be {listed(extensions(formats))}"
    )
    return typer.Option(
        "--output",
        "-o",
        parser=file_name,
        callback=_dash,
        metavar="FILE",
        help=(
            f"Write to FILE instead of standard output ('-': standard output); {picks}. "
            "A regular file is replaced whole, never half-written."
        ),
    )


OutputOpt = Annotated[Path | None, output_option(render.Format, "the table")]

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

AreaOpt = Annotated[
    str | None,
    typer.Option(
        "--area",
        help="Put this area's pay beside national pay: a state code (OH), state name, BLS area code or metro area (see fitcareer wages).",
        metavar="AREA",
        autocompletion=complete.areas,
    ),
]
"""The area whose pay a command adds, declared once for every command that takes one."""

CertOpt = Annotated[
    str | None,
    typer.Option(
        "--cert",
        help="A certification id or abbreviation (see 'fitcareer certs').",
        metavar="ID",
        autocompletion=complete.certifications,
    ),
]

LIST_LIMIT = 25
"""Items a table lists unless `--limit` says otherwise: more is a wall of text."""

LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        metavar="N",
        help=f"List at most N (0: all). Default: all, or the first {LIST_LIMIT} in a table.",
        show_default=False,
    ),
]


def cap(limit: int | None, fmt: render.Format) -> int:
    """How many items a list shows: ``limit`` when given (0: all), else `LIST_LIMIT` in a
    table and all in any other format."""
    return limit if limit is not None else (LIST_LIMIT if fmt is render.Format.table else 0)


SaveOpt = Annotated[
    Path | None,
    typer.Option(
        "--save",
        metavar="FILE",
        parser=file_name,
        help="Also write the answers and the result to FILE as JSON, for replay and for fitcareer report (replaced whole, never half-written).",
    ),
]
"""Where a questionnaire's answers are kept, declared once for the fit quiz and the interests."""

DetailOpt = Annotated[
    bool,
    typer.Option(
        "--detail",
        "-d",
        help="Show every figure, statement and note the data holds, not just the short answer.",
    ),
]


def inform(text: str, stream: TextIO) -> None:
    """An informational message, wrapped to the terminal's width (one line into a pipe).
    Errors are never wrapped: each stays the one line `fitcareer: ...` scripts read."""
    width = columns(stream)
    stream.write("\n".join(wrap(text, width) if width else [text]) + "\n")
    stream.flush()
