"""Finding a role, certification, accrediting body or questionnaire by what a user types."""

from __future__ import annotations

import difflib
from typing import TypeVar

from fitcareer.errors import UsageError
from fitcareer.model import (
    Body,
    Catalog,
    Certification,
    Questionnaire,
    Role,
)

T = TypeVar("T")


def normalize(text: str) -> str:
    """Fold what a user types into id form: `Personal Trainer` -> `personal-trainer`."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def lookup(kind: str, text: str, items: dict[str, T], names: dict[str, str]) -> T:
    """Find an item by id or by any of its names (case-insensitive), or fail with a hint.

    ``names`` maps normalized alternative names to ids.
    """
    key = normalize(text)
    if key in items:
        return items[key]
    if key in names:
        return items[names[key]]
    candidates = list(items) + list(names)
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    if close:
        best = names.get(close[0], close[0])
        hint = f"did you mean '{best}'?"
    else:
        hint = f"known: {', '.join(items)}"
    raise UsageError(f"unknown {kind} '{text}' ({hint})")


def find_role(catalog: Catalog, text: str) -> Role:
    names = {normalize(n): r.id for r in catalog.roles.values() for n in (r.name, *r.aliases)}
    return lookup("role", text, catalog.roles, names)


def find_certification(catalog: Catalog, text: str) -> Certification:
    names = {normalize(c.abbr): c.id for c in catalog.certifications.values()}
    return lookup("certification", text, catalog.certifications, names)


def find_body(catalog: Catalog, text: str) -> Body:
    names = {
        normalize(n): b.id for b in catalog.bodies.values() for n in (b.abbr, b.name, *b.aliases)
    }
    return lookup("accrediting body", text, catalog.bodies, names)


def find_questionnaire(catalog: Catalog, text: str) -> Questionnaire:
    return lookup("questionnaire", text, catalog.questionnaires, {})
