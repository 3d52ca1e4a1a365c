"""Finding a role, certification, accrediting body or questionnaire by what a user types."""

from __future__ import annotations

import difflib
from typing import TypeVar

from fitcareer.errors import UsageError, printable
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


def lookup(kind: str, text: str, items: dict[str, T], names: dict[str, str], also: str = "") -> T:
    """Find an item by id or by any of its names (case-insensitive), or fail with a hint.

    ``names`` maps normalized alternative names to ids; ``also`` is a further hint.
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
    if also:
        hint += (" " if hint.endswith("?") else "; ") + also
    raise UsageError(f"unknown {kind} '{printable(text)}' ({hint})")


def find_role(catalog: Catalog, text: str) -> Role:
    names = {normalize(n): r.id for r in catalog.roles.values() for n in (r.name, *r.aliases)}
    return lookup("role", text, catalog.roles, names)


def find_certification(catalog: Catalog, text: str) -> Certification:
    names = {normalize(c.abbr): c.id for c in catalog.certifications.values()}
    org = _org_names(catalog).get(normalize(text))
    also = f"{printable(text)} is an organization: 'fitcareer certs --org {org}' lists its certifications"
    also = also if org else ""
    return lookup("certification", text, catalog.certifications, names, also)


def _org_names(catalog: Catalog) -> dict[str, str]:
    """Each organization's normalized id, abbreviation and name, mapped to its id."""
    return {
        normalize(n): o.id for o in catalog.organizations.values() for n in (o.id, o.abbr, o.name)
    }


def find_org(catalog: Catalog, text: str) -> str:
    """``text`` when it is an organization's id or abbreviation or part of its name (what
    `--org` filters on); otherwise a usage error naming the closest organization."""
    needle = text.strip().lower()
    for org in catalog.organizations.values():
        if any(needle in word.lower() for word in (org.id, org.abbr, org.name)):
            return text
    return lookup("organization", text, catalog.organizations, _org_names(catalog)).id


def find_body(catalog: Catalog, text: str) -> Body:
    names = {
        normalize(n): b.id for b in catalog.bodies.values() for n in (b.abbr, b.name, *b.aliases)
    }
    return lookup("accrediting body", text, catalog.bodies, names)


def find_questionnaire(catalog: Catalog, text: str) -> Questionnaire:
    return lookup("questionnaire", text, catalog.questionnaires, {})
