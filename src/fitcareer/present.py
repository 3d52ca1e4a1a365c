"""Turn query results into `Sheet`s: the words, figures and footnotes every format shares."""

from __future__ import annotations

import dataclasses
from typing import Any

from . import queries
from .catalog import Catalog
from .models import Figure, Outlook, Role, Source, Statement
from .render import CONFLICT, UNKNOWN, Sheet

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def money(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def when(date: str) -> str:
    """`2022-05` -> `May 2022`; `2024-03-06` -> `6 Mar 2024`; `2021` and `undated` unchanged."""
    parts = date.split("-")
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date


def plain(obj: Any) -> Any:
    """A dataclass as JSON-ready data (tuples become lists)."""
    return dataclasses.asdict(obj)


class Footnotes:
    """Numbers sources in the order a view first cites them."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.order: list[str] = []

    def ref(self, source_id: str) -> str:
        if source_id not in self.order:
            self.order.append(source_id)
        return f"[{self.order.index(source_id) + 1}]"

    def sources(self) -> list[Source]:
        return [self.catalog.sources[s] for s in self.order if s in self.catalog.sources]

    def lines(self) -> list[str]:
        return [f"[{i}] {describe(s)}" for i, s in enumerate(self.sources(), 1)]

    def payload(self) -> list[dict[str, Any]]:
        return [plain(s) for s in self.sources()]


def describe(source: Source) -> str:
    """One line naming a source: title, publisher, date, where to find it."""
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    parts.append(when(source.date))
    if source.url:
        parts.append(source.url)
    elif source.file:
        parts.append(f"article {source.file}")
    if source.kind == "third-party":
        parts.append("third-party")
    return ", ".join(parts)


def statement(s: Statement, notes: Footnotes) -> str:
    date = "" if s.date == "undated" else f" ({when(s.date)})"
    note = f" ({s.note})" if s.note else ""
    return f"- {s.text}{date}{note} {notes.ref(s.source)}"


def figure(f: Figure, notes: Footnotes) -> str:
    unit = "a year" if f.unit == "year" else "an hour"
    extra = ", reported by a secondary source" if f.secondary else ""
    note = f" ({f.note})" if f.note else ""
    return f"- {money(f.amount)} {unit}: {f.measure}, {when(f.date)}, {f.scope}{extra}{note} {notes.ref(f.source)}"


def outlook(o: Outlook, notes: Footnotes) -> str:
    facts = []
    if o.growth_percent is not None:
        facts.append(f"{o.growth_percent:+g}% jobs")
    if o.openings_per_year is not None:
        facts.append(f"about {number(o.openings_per_year)} openings a year")
    extra = ", reported by a secondary source" if o.secondary else ""
    note = f" ({o.note})" if o.note else ""
    what = ", ".join(facts) or UNKNOWN
    return f"- {what}, {o.period}, {o.scope}{extra}{note} {notes.ref(o.source)}"


def entry_line(entry: queries.Entry, notes: Footnotes) -> str:
    item = entry.item
    if isinstance(item, Figure):
        return figure(item, notes)
    if isinstance(item, Outlook):
        return outlook(item, notes)
    return statement(item, notes)


def entry_payload(entry: queries.Entry) -> dict[str, Any]:
    kind = {Figure: "figure", Outlook: "outlook", Statement: "statement"}[type(entry.item)]
    return {
        "type": kind,
        **plain(entry.item),
        "occupation": entry.occupation.id if entry.occupation else None,
    }


def aspect_cell(catalog: Catalog, role: Role, key: str, notes: Footnotes) -> str:
    entries = queries.aspect(catalog, role, key)
    lines = [entry_line(e, notes) for e in entries]
    shared = {e.occupation.id: e.occupation for e in entries if e.occupation}
    lines += [f"  Note: {o.note}" for o in shared.values()]
    if key == "certification":
        certs = queries.credentials(catalog, role)
        if certs:
            ncca = sum(queries.accredited_by(c, "ncca") is True for c in certs)
            names = ", ".join(c.abbr for c in certs)
            lines.append(f"- Credentials in this data: {names} ({ncca} NCCA-accredited; see `fitcareer certs --role {role.id}`)")
        if catalog.steps:
            lines.append(f"- The path: {len(catalog.steps)} steps (see `fitcareer steps`)")
    return "\n".join(lines) or f"{UNKNOWN} (the sources say nothing)"


def role_payload(catalog: Catalog, role: Role, aspects: list[str]) -> dict[str, Any]:
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    return {
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "summary": plain(role.summary),
        "occupation": (
            {"id": occupation.id, "name": occupation.name, "note": occupation.note}
            if occupation
            else None
        ),
        "aspects": {
            key: [entry_payload(e) for e in queries.aspect(catalog, role, key)] for key in aspects
        },
        "credentials": [c.id for c in queries.credentials(catalog, role)],
    }


def compare(catalog: Catalog, roles: list[Role], aspects: list[str]) -> Sheet:
    notes = Footnotes(catalog)
    rows = [
        [queries.ASPECTS[key], *(aspect_cell(catalog, r, key, notes) for r in roles)]
        for key in aspects
    ]
    return Sheet(
        title=" vs ".join(r.name for r in roles),
        header=["Aspect", *(r.name for r in roles)],
        rows=rows,
        payload={
            "roles": [role_payload(catalog, r, aspects) for r in roles],
            "aspects": aspects,
            "sources": notes.payload(),
        },
        notes=notes.lines(),
        across=True,
    )


def role_list(catalog: Catalog) -> Sheet:
    rows = [[r.id, r.name, r.summary.text] for r in catalog.roles.values()]
    return Sheet(
        title="Roles",
        header=["ID", "Name", "Summary"],
        rows=rows,
        payload=[
            {"id": r.id, "name": r.name, "aliases": list(r.aliases), "summary": r.summary.text}
            for r in catalog.roles.values()
        ],
        notes=["Show one: fitcareer roles ID    Compare: fitcareer compare ID ID ..."],
        empty="No roles in the data.",
    )


def role_profile(catalog: Catalog, role: Role) -> Sheet:
    notes = Footnotes(catalog)
    aspects = list(queries.ASPECTS)
    rows = [["Summary", statement(role.summary, notes)[2:]]]
    if role.aliases:
        rows.append(["Also called", ", ".join(role.aliases)])
    rows += [[queries.ASPECTS[k], aspect_cell(catalog, role, k, notes)] for k in aspects]
    combos = [c for c in catalog.combinations if role.id in c.roles]
    for combo in combos:
        others = ", ".join(catalog.roles[r].name for r in combo.roles if r != role.id)
        rows.append([f"Combine with {others}", "\n".join(statement(s, notes) for s in combo.statements)])
    payload = role_payload(catalog, role, aspects)
    payload["combinations"] = [plain(c) for c in combos]
    payload["sources"] = notes.payload()
    return Sheet(
        title=role.name,
        header=["Aspect", role.name],
        rows=rows,
        payload=payload,
        notes=notes.lines(),
        across=True,
    )


__all__ = ["CONFLICT", "Footnotes", "compare", "role_list", "role_profile"]
