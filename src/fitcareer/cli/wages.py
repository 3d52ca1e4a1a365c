"""`fitcareer wages`: import the BLS OEWS wage tables, and list what is imported."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fitcareer.cli import complete
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


LARGE = 1_000_000
"""Inputs of at least this many bytes get a progress bar at a terminal."""


@contextmanager
def _progress(name: str, size: int) -> Iterator[oews.ProgressCallback | None]:
    """A Rich progress bar on stderr while a large input is read, at a terminal only;
    nothing on a pipe, and nothing for a small input (read in a blink)."""
    if size < LARGE or not isatty(sys.stderr):
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
        bar.refresh()  # shown at once, not at the next tick
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
    """Read what BLS serves (a table, a zip of tables, the flat files), merge its tables
    into wages.yaml, write it whole; say what was done."""
    if not os.path.lexists(file):
        raise UsageError(f"'{file}': no such file (download a table from {BLS_PAGE})")
    from fitcareer.data import downloads  # the table readers: only for an import

    with _progress(*downloads.measure(file)) as progress:
        found = downloads.read(file, codes, release, progress, all_industries=everything)
    tables = []
    for table in found:
        some = store.tables_of(table, release)
        store.check(some, table.name or str(file))
        tables += some
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
    kinds = ", ".join(k for k in store.TABLES if any(t.area_type == k for t in tables))
    releases = ", ".join(dict.fromkeys(t.release for t in tables))
    read = sum(t.rows_read for t in found)
    return (
        f"Imported {releases} {kinds} wages ({areas} row{'' if areas == 1 else 's'} of "
        f"{read:,}) from {_said(file, found)} into {path} (the {target.chosen}).\n"
        "See them: fitcareer wages; local pay beside national: fitcareer income --area NAME"
    )


def _said(file: Path, found: list[oews.Table]) -> str:
    """Where the tables came from: `state_M2024_dl.csv`, `MSA_M2025_dl.xlsx and
    BOS_M2025_dl.xlsx in oesm25ma.zip`, `BLS's flat files (oe.data.0.Current)`."""
    names = " and ".join(printable(t.source) for t in found)
    if any(t.flat for t in found):
        return f"BLS's flat files ({names})"
    if names != printable(file.name):
        return f"{names} in {printable(file.name)}"
    return names


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer wages\n\n"
        "  fitcareer wages import oesm25st.zip\n\n"
        "  fitcareer wages import state_M2025_dl.xlsx\n\n"
        "  fitcareer wages import MSA_M2025_dl.csv --occupation 39-9031 --occupation 29-9091\n\n"
        "  fitcareer wages import ./oe/oe.data.0.Current\n\n"
        "  fitcareer --data-dir ./mydata wages import oesm25all.zip"
    )
)
def wages(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Argument(
            help="`import` to read OEWS wages.",
            metavar="import",
            show_default=False,
            autocompletion=complete.actions,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Argument(
            help="What BLS serves: a zip of OEWS tables, a table (XLSX or CSV), or the flat files (oe.data.0.Current, or their folder).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    occupation: Annotated[
        list[str] | None,
        typer.Option(
            "--occupation",
            metavar="SOC",
            autocompletion=complete.occupations,
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
            help="The release, e.g. 'May 2025', when the file name does not say it.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List the imported wage tables, or import one: `fitcareer wages import FILE`.

    FILE is what BLS serves at https://www.bls.gov/oes/tables.htm: a zip as downloaded
    (oesm25st.zip: state; oesm25ma.zip: metropolitan and nonmetropolitan areas;
    oesm25nat.zip: national; oesm25all.zip: all data) or the XLSX or CSV table in it; or
    the flat files of https://download.bls.gov/pub/time.series/oe/ (oe.data.0.Current with
    oe.area and oe.occupation beside it, or their folder). Its rows are written to
    wages.yaml in the data directory (--data-dir), or else the user data directory,
    replacing an earlier import of the same release and kind of area.
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
