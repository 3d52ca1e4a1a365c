"""The interest profile's records: O*NET's six interest areas and five answer options, an
O*NET® Interest Profiler item, and an occupation's O*NET interest ratings and Job Zone.

Read only by `fitcareer interests` and the report's interest section; plain records, for
their values are checked where they are read (`data/interests.py`)."""

from __future__ import annotations

from dataclasses import dataclass

AREAS = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
"""Holland's six interest areas, in O*NET's order (RIASEC)."""

OPTIONS = ("Strongly Dislike", "Dislike", "Unsure", "Like", "Strongly Like")
"""O*NET's answer options; an answer's value is its position from 1."""


@dataclass(frozen=True, slots=True)
class Item:
    index: int
    area: str
    text: str


@dataclass(frozen=True, slots=True)
class Occupation:
    """One occupation's O*NET interest ratings (OI, 1-7) and Job Zone (1-5)."""

    code: str
    title: str
    ratings: tuple[float, ...]
    """One per area of `AREAS`."""
    zone: int | None
    source: str
    date: str
