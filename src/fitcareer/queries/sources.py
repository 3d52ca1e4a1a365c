"""Which facts cite which source: a walk over the catalog, no I/O, no printing."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from fitcareer.model import Catalog


@dataclass(frozen=True, slots=True)
class Citation:
    """One fact that cites a source, and where it sits in the data."""

    section: str
    """Part of the data: `occupations`, `roles`, `combinations`, `bodies`, `organizations`,
    `certs`, `steps` or `quiz`."""
    owner: str
    """Id of the item the fact belongs to, e.g. `personal-trainer` or `nasm-cpt`."""
    field: str
    """Where in the item, e.g. `income`, `exam.questions`, `questions[pace].choices[groups]`."""
    date: str
    """The date the fact is for, as written in the data."""
    item: Any
    """The fact itself (a Statement, Figure, Price, ...)."""

    @property
    def top(self) -> str:
        """The item's own field the fact is under, or the named entry in it:
        `exam.questions` -> `exam`, `questions[pace].choices[groups]` -> `pace`."""
        first = self.field.split(".", 1)[0]
        named = _NAMED.fullmatch(first) if "[" in first else None
        return named.group(1) if named else first


_NAMED = re.compile(r"[^\[]*\[(.+)\]")


def _owners(catalog: Catalog) -> Iterator[tuple[str, str, Any]]:
    """Every item in the data that can hold sourced facts, as (section, owner id, item)."""
    yield from (("occupations", o.id, o) for o in catalog.occupations.values())
    yield from (("roles", r.id, r) for r in catalog.roles.values())
    yield from (("combinations", " + ".join(c.roles), c) for c in catalog.combinations)
    yield from (("bodies", b.id, b) for b in catalog.bodies.values())
    yield from (("organizations", o.id, o) for o in catalog.organizations.values())
    yield from (("certs", c.id, c) for c in catalog.certifications.values())
    yield from (("steps", s.id, s) for s in catalog.steps)
    yield from (("quiz", q.id, q) for q in catalog.questionnaires.values())


def _facts(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every object under ``obj`` with a `source` field, with its path.

    Items of a list are named by their `id` or `key` where they have one, so a quiz
    choice reads `questions[pace].choices[groups]`; other list items share the list's name.
    """
    kind: type = type(obj)
    for field in _names(kind):
        value = getattr(obj, field)
        here = f"{path}.{field}" if path else field
        if field == "source" and isinstance(value, str):
            yield path, obj
        elif is_dataclass(value):
            yield from _facts(value, here)
        elif isinstance(value, tuple):
            for item in value:
                if is_dataclass(item):
                    name = getattr(item, "id", None) or getattr(item, "key", None)
                    yield from _facts(item, f"{here}[{name}]" if name else here)


@functools.cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def citations(catalog: Catalog) -> dict[str, list[Citation]]:
    """Every source id, in the order of sources.yaml, with the facts that cite it."""
    found: dict[str, list[Citation]] = {source_id: [] for source_id in catalog.sources}
    for section, owner, item in _owners(catalog):
        for path, fact in _facts(item, ""):
            date = getattr(fact, "date", "undated")
            where = path or "note"  # an item citing a source itself cites it for its note
            found.setdefault(fact.source, []).append(Citation(section, owner, where, date, fact))
    return found


def summary(cited: Iterable[Citation]) -> list[str]:
    """One line per section: `certs: nasm-cpt (price, exam), ace-cpt (price)`."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for c in cited:
        tops = grouped.setdefault(c.section, {}).setdefault(c.owner, [])
        if c.top not in tops:
            tops.append(c.top)
    return [
        f"{section}: " + ", ".join(f"{owner} ({', '.join(tops)})" for owner, tops in owners.items())
        for section, owners in grouped.items()
    ]
