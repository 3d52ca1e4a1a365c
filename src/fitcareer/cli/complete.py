"""Shell completion of every option and argument that takes an id or a word from a list:
roles, certifications, accrediting bodies, organizations, sources, SOC codes and areas
from the data; aspects, delivery kinds, sort keys and actions from the code.

Each callback reads the catalog through the cache and offers nothing, rather than an
error, when the data cannot be read: a broken data file must never break the user's shell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import typer

from fitcareer import data
from fitcareer.cli.settings import settings
from fitcareer.model import Catalog

Offered = list[tuple[str, str]]
"""What Tab offers: each value with a few words of help."""

Completion = Callable[[typer.Context, str], Offered]


def _catalog(ctx: typer.Context, areas: bool = False) -> Catalog | None:
    """The catalog the command would use, honouring --data-dir and FITCAREER_DATA_DIR."""
    try:
        return data.load(settings(ctx).data_dir, areas=areas)
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


def _offer(ctx: typer.Context, incomplete: str, items: Iterable[tuple[str, str]]) -> Offered:
    taken = _taken(ctx)
    return [(v, h) for v, h in items if v.startswith(incomplete) and v not in taken]


def _from_data(
    pick: Callable[[Catalog, bool], Iterable[tuple[str, str]]], areas: bool = False
) -> Completion:
    """A completion of what ``pick`` finds in the catalog; ``pick`` is told whether the
    user started in capitals (then abbreviations such as `NCCA` are offered, not ids)."""

    def complete(ctx: typer.Context, incomplete: str) -> Offered:
        catalog = _catalog(ctx, areas)
        if catalog is None:
            return []
        return _offer(ctx, incomplete, pick(catalog, incomplete[:1].isupper()))

    return complete


def _areas(catalog: Catalog) -> Iterable[tuple[str, str]]:
    """A state's postal code (`VT`), and each area's name that is one word (`Vermont`):
    a name of several words would reach the command as several."""
    from fitcareer.queries.wages import areas

    for table in catalog.wages:
        for wage in table.areas:
            if table.area_type in ("state", "territory") and wage.state:
                yield wage.state, wage.name
    for area in areas(catalog):
        if len(area.name.split()) == 1:
            yield area.name, area.kind


roles = _from_data(lambda c, _: ((r.id, r.name) for r in c.roles.values()))
certifications = _from_data(lambda c, _: ((x.id, x.credential) for x in c.certifications.values()))
bodies = _from_data(
    lambda c, upper: ((b.abbr if upper else b.id, b.name) for b in c.bodies.values())
)
organizations = _from_data(
    lambda c, upper: ((o.abbr if upper else o.id, o.name) for o in c.organizations.values())
)
sources = _from_data(lambda c, _: ((s.id, s.title) for s in c.sources.values()))
occupations = _from_data(
    lambda c, _: dict.fromkeys((o.soc, o.name) for o in c.occupations.values() if o.soc)
)
areas = _from_data(lambda c, _: dict.fromkeys(_areas(c)), areas=True)


def aspects(ctx: typer.Context, incomplete: str) -> Offered:
    """The rows of `compare`."""
    from fitcareer.queries.roles import ASPECTS

    return _offer(ctx, incomplete, ASPECTS.items())


def deliveries(ctx: typer.Context, incomplete: str) -> Offered:
    """The ways an exam is taken: the plain words, with the kinds each covers, then each kind."""
    from fitcareer.queries.certs import DELIVERY_WORDS, delivery_words

    return _offer(
        ctx,
        incomplete,
        ((w, ", ".join(DELIVERY_WORDS.get(w, ()))) for w in delivery_words()),
    )


def sorts(ctx: typer.Context, incomplete: str) -> Offered:
    """What `certs --sort` orders by."""
    from fitcareer.queries.certs import SORTS

    return _offer(ctx, incomplete, ((key, "") for key in SORTS))


def actions(ctx: typer.Context, incomplete: str) -> Offered:
    """What `onet` and `wages` do besides listing."""
    return _offer(ctx, incomplete, [("import", "")])
