"""Shell completion of role, certification, accrediting-body and source ids.

Each callback reads the catalog through the cache
and offers nothing, rather than an error, when the data cannot be read: a broken data
file must never break the user's shell.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer

from fitcareer import data
from fitcareer.cli.settings import settings
from fitcareer.model import Catalog


def _catalog(ctx: typer.Context) -> Catalog | None:
    """The catalog the command would use, honouring --data-dir and FITCAREER_DATA_DIR."""
    try:
        return data.load(settings(ctx).data_dir)
    except Exception:
        return None


def _taken(ctx: typer.Context) -> set[str]:
    """Values already typed for list arguments, so `compare a <TAB>` does not offer a again."""
    return {
        v
        for value in ctx.params.values()
        if isinstance(value, list | tuple)
        for v in value
        if isinstance(v, str)
    }


def _offer(
    ctx: typer.Context, incomplete: str, items: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    taken = _taken(ctx)
    return [(v, h) for v, h in items if v.startswith(incomplete) and v not in taken]


def roles(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    data = _catalog(ctx)
    if data is None:
        return []
    return _offer(ctx, incomplete, ((r.id, r.name) for r in data.roles.values()))


def certifications(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    data = _catalog(ctx)
    if data is None:
        return []
    return _offer(ctx, incomplete, ((c.id, c.credential) for c in data.certifications.values()))


def bodies(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Body ids (`ncca`), or abbreviations (`NCCA`) once the user starts in capitals."""
    data = _catalog(ctx)
    if data is None:
        return []
    upper = incomplete[:1].isupper()
    return _offer(
        ctx, incomplete, ((b.abbr if upper else b.id, b.name) for b in data.bodies.values())
    )


def sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    data = _catalog(ctx)
    if data is None:
        return []
    return _offer(ctx, incomplete, ((s.id, s.title) for s in data.sources.values()))
