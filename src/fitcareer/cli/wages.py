"""`fitcareer wages`: import the BLS OEWS wage tables, and list what is imported."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fitcareer.cli.app import FormatOpt, OutputOpt, app, catalog, emit
from fitcareer.cli.settings import settings
from fitcareer.data import wages as store
from fitcareer.data.files import read as read_file
from fitcareer.data.write import write_file
from fitcareer.errors import DataError, Problem, UsageError, printable
from fitcareer.model import BLS_PAGE
from fitcareer.render import Format
from fitcareer.terminal import isatty
from fitcareer.views import wages as views

if TYPE_CHECKING:
    from fitcareer.data import oews

IMPORT = "import"


def where(data_dir: Path | None) -> views.Where:
    """The user's wages.yaml and which directory it is in."""
    chosen = "data directory" if data_dir is not None else "user data directory"
    return views.Where(store.location(data_dir), chosen)


@contextmanager
def _progress(name: str) -> Iterator[oews.ProgressCallback | None]:
    """A Rich progress bar on stderr at a terminal; nothing on a pipe."""
    if not isatty(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("reading {task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(printable(name), total=None)
        yield lambda rows: bar.update(task, completed=rows)


def _folder(data_dir: Path | None) -> Path:
    """The directory wages.yaml goes in: the data directory must exist; the user data
    directory is made when it does not."""
    target = where(data_dir)
    if target.path is None:
        raise UsageError("no user data directory (APPDATA is not set): give --data-dir DIR")
    folder = target.path.parent
    if data_dir is not None:
        if not folder.is_dir():
            raise UsageError(f"data directory '{folder}': no such directory")
        return folder
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as e:
        raise DataError([Problem(str(folder), f"cannot make directory: {e.strerror}")]) from None
    return folder


def run_import(
    file: Path, data_dir: Path | None, codes: list[str], release: str | None, everything: bool
) -> str:
    """Read an OEWS table, merge its tables into wages.yaml, write it whole; say what was done."""
    table_path = str(file)
    if not os.path.lexists(file):
        raise UsageError(f"'{file}': no such file (download a table from {BLS_PAGE})")
    if os.path.isdir(file):
        raise UsageError(f"'{file}' is a directory, not a wage table")
    from fitcareer.data import oews  # the table reader: only for an import

    with _progress(file.name) as progress:
        table = oews.read(table_path, codes, release, progress, all_industries=everything)
    tables = store.tables_of(table, release)
    store.check(tables, table_path)
    target = where(data_dir)
    folder = _folder(data_dir)
    path = target.path
    assert path is not None
    with store.locked(folder):  # read, merge and replace as one step among imports
        old = store.parsed(path, read_file(path)).tables if os.path.lexists(path) else ()
        text = store.dump(store.merged(old, tables))
        store.parsed(path, text)
        write_file(path, text)
    areas = sum(len(t.areas) for t in tables)
    kinds = ", ".join(t.area_type for t in tables)
    return (
        f"Imported {release or table.release} {kinds} wages "
        f"({areas} row{'' if areas == 1 else 's'} of {table.rows_read:,}) from {table.source} "
        f"into {path} (the {target.chosen}).\n"
        "See them: fitcareer wages; local pay beside national: fitcareer income --area NAME"
    )


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer wages\n\n"
        "  fitcareer wages import state_M2024_dl.xlsx\n\n"
        "  fitcareer wages import MSA_M2024_dl.csv --occupation 39-9031 --occupation 29-9091\n\n"
        "  fitcareer --data-dir ./mydata wages import all_data_M_2024.xlsx"
    )
)
def wages(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Argument(
            help="`import` to read an OEWS table.", metavar="import", show_default=False
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Argument(
            help="The OEWS table as downloaded (XLSX or CSV).", metavar="FILE", show_default=False
        ),
    ] = None,
    occupation: Annotated[
        list[str] | None,
        typer.Option(
            "--occupation",
            metavar="SOC",
            help="Keep this occupation's rows (repeatable; default: 39-9031, fitness trainers and instructors).",
        ),
    ] = None,
    all_industries: Annotated[
        bool,
        typer.Option(
            "--all-industries",
            help="Keep industry- and ownership-specific rows too (default: cross-industry, all ownerships).",
        ),
    ] = False,
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            metavar="RELEASE",
            help="The release, e.g. 'May 2024', when the file name does not say it.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List the imported wage tables, or import one: `fitcareer wages import FILE`.

    FILE is a BLS OEWS table (national, state, metropolitan area or all data) from
    https://www.bls.gov/oes/tables.htm. Its rows are written to wages.yaml in the data
    directory (--data-dir), or else the user data directory, replacing an earlier import
    of the same release and kind of area.
    """
    data_dir = settings(ctx).data_dir
    if action is None:
        if file is not None or occupation or all_industries or release:
            raise UsageError("give the file to import: fitcareer wages import FILE")
        emit(
            views.listing(catalog(ctx, areas=True), where(data_dir), settings(ctx).max_age),
            fmt,
            output,
        )
        return
    if action != IMPORT:
        raise UsageError(f"'{printable(action)}' is not an action (did you mean 'import FILE'?)")
    if file is None:
        raise UsageError("import needs the FILE to read: fitcareer wages import FILE")
    from fitcareer.data import oews

    codes = occupation or list(oews.DEFAULT_OCCUPATIONS)
    said = run_import(file, data_dir, codes, release, all_industries)
    sys.stdout.write(said + "\n")
