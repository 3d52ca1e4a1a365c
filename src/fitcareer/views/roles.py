"""Sheets for `fitcareer compare` and `fitcareer roles`."""

from __future__ import annotations

from typing import Any

from fitcareer.model import Catalog, Role, Statement
from fitcareer.queries import certs as cq
from fitcareer.queries import roles as queries
from fitcareer.views.sheet import UNKNOWN, Sheet
from fitcareer.views.words import MAX_AGE, Footnotes, entry_line, entry_payload, plain, statement

CREDENTIALS_NAMED = 20
"""Credentials named in a role's certification cell; a large catalog's rest are counted."""


def aspect_cell(catalog: Catalog, role: Role, key: str, notes: Footnotes) -> str:
    entries = queries.aspect(catalog, role, key)
    scopes = [e.item.scope for e in entries if e.occupation and not isinstance(e.item, Statement)]
    common = max(set(scopes), key=scopes.count) if scopes else None
    lines = [entry_line(e, notes, common if e.occupation else None) for e in entries]
    shared = {e.occupation.id: e.occupation for e in entries if e.occupation}
    lines += [f"  Unless stated: {common}. {o.note}" for o in shared.values()]
    if key == "certification":
        certs = queries.credentials(catalog, role)
        if certs:
            ncca = sum(cq.accredited_by(c, "ncca") is True for c in certs)
            names = ", ".join(c.abbr for c in certs[:CREDENTIALS_NAMED])
            if len(certs) > CREDENTIALS_NAMED:
                names += f" and {len(certs) - CREDENTIALS_NAMED:,} more"
            lines.append(
                f"- Credentials in this data: {names} ({ncca:,} NCCA-accredited; see `fitcareer certs --role {role.id}`)"
            )
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


def compare(
    catalog: Catalog, roles: list[Role], aspects: list[str], max_age: int = MAX_AGE
) -> Sheet:
    notes = Footnotes(catalog, max_age)
    rows = [
        [queries.ASPECTS[key], *(aspect_cell(catalog, r, key, notes) for r in roles)]
        for key in aspects
    ]
    return Sheet(
        title=" vs ".join(r.name for r in roles),
        header=["Aspect", *(r.name for r in roles)],
        rows=rows,
        payload=lambda: {
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


def role_profile(catalog: Catalog, role: Role, max_age: int = MAX_AGE) -> Sheet:
    notes = Footnotes(catalog, max_age)
    aspects = list(queries.ASPECTS)
    rows = [["Summary", statement(role.summary, notes)[2:]]]
    if role.aliases:
        rows.append(["Also called", ", ".join(role.aliases)])
    rows += [[queries.ASPECTS[k], aspect_cell(catalog, role, k, notes)] for k in aspects]
    combos = [c for c in catalog.combinations if role.id in c.roles]
    for combo in combos:
        others = ", ".join(catalog.roles[r].name for r in combo.roles if r != role.id)
        rows.append(
            [f"Combine with {others}", "\n".join(statement(s, notes) for s in combo.statements)]
        )
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
