"""`fitcareer paths`: the careers people move to and from a role, and
`fitcareer onet import`: read O*NET's database for the family's occupations."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from fitcareer.cli import complete
from fitcareer.cli.app import AreaOpt, FormatOpt, OutputOpt, app, catalog, emit
from fitcareer.cli.settings import settings
from fitcareer.data.write import write_file
from fitcareer.errors import DataError, Problem, UsageError, printable
from fitcareer.render import Format
from fitcareer.terminal import isatty

IMPORT = "import"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer paths fitness-instructor\n\n"
        "  fitcareer paths personal-trainer --area Ohio\n\n"
        "  fitcareer paths fitness-instructor --format json"
    )
)
def paths(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            help="A role id or name, e.g. fitness-instructor.",
            metavar="ROLE",
            show_default=False,
            autocompletion=complete.roles,
        ),
    ],
    area: AreaOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Show the careers people move to and from a role: what each move takes and the pay difference.

    Each move cites who says people make it (the source articles, career guides) and
    what it takes: education, credential, time and cost where a source gives them (the
    Occupational Outlook Handbook, else the destination's profile), with O*NET's Job
    Zone; O*NET's related occupations come with an imported O*NET release (fitcareer
    onet import DIR). Pay is each career's median annual wage (BLS OEWS), nationally
    and, with --area, in that area.
    """
    from fitcareer.data import onet
    from fitcareer.data import paths as store
    from fitcareer.queries import paths as queries
    from fitcareer.queries.wages import find_area
    from fitcareer.views import paths as views

    data = catalog(ctx, areas=True)
    moves = store.load(data, settings(ctx).data_dir)
    career = queries.find_career(moves, data, role)
    where = find_area(data, area, "fitcareer wages import FILE adds them") if area else None
    extract = onet.current(settings(ctx).data_dir)
    found = queries.paths(data, moves, extract, career, where)
    emit(views.sheet(data, found, settings(ctx).max_age), fmt, output)


LARGE = 20_000_000
"""A release at least this large gets a progress line at a terminal."""


@contextmanager
def _progress(size: int) -> Iterator[Callable[[str], None] | None]:
    """A status line on stderr naming each file as it is read, for a large release at a
    terminal only."""
    if size < LARGE or not isatty(sys.stderr):
        yield None
        return
    from rich.console import Console

    with Console(stderr=True).status("reading O*NET's files...") as status:
        yield lambda name: status.update(f"reading {printable(name)}...")


def _size(folder: Path) -> int:
    try:
        return sum(e.stat().st_size for e in os.scandir(folder) if e.is_file())
    except OSError:
        return 0


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer onet\n\n"
        "  fitcareer onet import ./db_28_2_text\n\n"
        "  fitcareer onet import ./db_28_2_text --release 28.2"
    )
)
def onet(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Argument(
            help="`import` to read O*NET's database.",
            metavar="import",
            show_default=False,
            autocompletion=complete.actions,
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="The folder of O*NET's text database, as unzipped from https://www.onetcenter.org/database.html.",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            metavar="RELEASE",
            help="The release, e.g. 28.2, when the folder's Read Me does not say it.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Show the O*NET extract in use, or import O*NET's database: `fitcareer onet import DIR`.

    Without import, lists what the extract in use holds of each occupation. Import reads
    the tab-delimited text files of O*NET's release (Occupation Data, Task
    Statements, Task Ratings, Skills, Knowledge, Work Context, Interests, Job Zones,
    Related Occupations, Alternate Titles) for the family's occupations and writes them
    to onet-import.json in the data directory (--data-dir), or else the user data
    directory. `fitcareer paths` uses it when its release is newer than the shipped one.
    """
    from fitcareer.data import onet as store

    if action is None:
        if folder is not None or release is not None:
            raise UsageError("give the folder to import: fitcareer onet import DIR")
        from fitcareer.views import paths as views

        extract, imported = store.chosen(settings(ctx).data_dir)
        emit(views.extract_sheet(extract, str(imported) if imported else None), fmt, output)
        return
    if action != IMPORT:
        raise UsageError(f"'{printable(action)}' is not an action (did you mean 'import DIR'?)")
    if folder is None:
        raise UsageError("import needs the folder to read: fitcareer onet import DIR")
    if release is not None and not store.newer(release, "0"):
        raise UsageError(f"--release '{printable(release)}' is not a release number, e.g. 28.2")
    with _progress(_size(folder) if folder.is_dir() else 0) as progress:
        extract = store.read_release(folder, store.FAMILY, release, progress)
    text = store.dump(extract)
    target = store.location(settings(ctx).data_dir)
    store.parsed(target, text)
    try:
        os.makedirs(target.parent, mode=0o700, exist_ok=True)
        write_file(target, text)
    except OSError as e:
        raise DataError([Problem(str(target), f"cannot write: {e.strerror or e}")]) from None
    held = len(extract.occupations)
    sys.stdout.write(
        f"Imported O*NET {extract.release} ({held} occupation{'' if held == 1 else 's'}, "
        f"{len(extract.files)} files) from {printable(str(folder))} into {target}.\n"
        "See them: fitcareer paths fitness-instructor\n"
    )
