"""`fitcareer validate` and `fitcareer cache`: the data itself."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer

from fitcareer import data
from fitcareer.cli.app import EXIT_FAIL, FormatOpt, OutputOpt, app, emit, fail, inform
from fitcareer.cli.settings import settings
from fitcareer.data.files import shipped_dir
from fitcareer.errors import DataError, printable
from fitcareer.render import Format
from fitcareer.views.sheet import Sheet


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer validate\n\n"
        "  fitcareer validate ./my-data\n\n"
        "  fitcareer validate ./my-data --format json"
    )
)
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="A data directory to check (default: the shipped data, or --data-dir).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Check the data files and report every problem as FILE:LINE:COL: field: message."""
    target = directory or settings(ctx).data_dir
    try:
        catalog = data.check(target)
    except DataError as e:
        problems = e.problems
    else:
        problems = []
    payload = {"ok": not problems, "problems": [dataclasses.asdict(p) for p in problems]}
    if fmt is Format.table and output is None:
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        sys.stdout.flush()
    else:
        rows = [
            [p.file, str(p.line or ""), str(p.column or ""), p.path or "", p.message]
            for p in problems
        ]
        emit(
            Sheet(
                "Problems",
                ["File", "Line", "Column", "Field", "Message"],
                rows,
                payload,
                empty="No problems.",
            ),
            fmt,
            output,
        )
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        sys.stderr.write(f"fitcareer: {len(problems)} {noun} found\n")
        raise typer.Exit(EXIT_FAIL)
    where = target or shipped_dir()
    counts = (
        f"({len(catalog.roles)} roles, {len(catalog.certifications)} certifications, "
        f"{len(catalog.sources)} sources)"
    )
    inform(f"fitcareer: {where}: data is valid {counts}", sys.stderr)


@app.command(epilog="Examples:\n\n  fitcareer cache\n\n  fitcareer cache --clear")
def cache(
    clear: Annotated[bool, typer.Option("--clear", help="Remove every cached catalog.")] = False,
) -> None:
    """Show where the cache of checked data lives, or clear it.

    The cache holds the data as last checked, keyed by the exact contents of the data
    files and the code that reads them, so an edited file is always read afresh. It is
    used only in a directory of your own that nobody else can write. Set
    FITCAREER_NO_CACHE=1 to turn it off, or FITCAREER_CACHE_DIR to move it.
    """
    if clear:
        from fitcareer.data.cache import cache_clear

        done = cache_clear()
        if done.reason is not None and not done.failed:
            typer.echo(f"cache: not used: {printable(done.reason)}; nothing removed")
            return
        typer.echo(f"removed {done.removed} cached catalog{'s' if done.removed != 1 else ''}")
        if done.failed:
            fail(f"{done.failed} not removed: {printable(done.reason or '')}")
        return
    from fitcareer.data.cache import cache_info

    info = cache_info()
    if info.folder is None:
        typer.echo("cache: off (FITCAREER_NO_CACHE is set)")
        return
    if info.unused is not None:
        typer.echo(f"cache: not used: {printable(info.unused)}")
        return
    size = f"{info.bytes / 1e6:.1f} MB"
    entries = f"{info.entries} {'entry' if info.entries == 1 else 'entries'}"
    ignored = (
        f"; {info.ignored} other file{'s' if info.ignored != 1 else ''} ignored"
        if info.ignored
        else ""
    )
    inform(f"cache: {printable(str(info.folder))} ({entries}, {size}{ignored})", sys.stdout)
