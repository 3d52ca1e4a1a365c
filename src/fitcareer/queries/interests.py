"""The interest profile, as pure functions: O*NET® Interest Profiler answers scored into
six area scores, and those scores matched to the family's occupations.

Scoring: each answer is one of O*NET's five values (1 Strongly Dislike ... 5 Strongly
Like); an area's score is the sum over its items of the value less one, so 0 to 4 per
item. Matching is fitcareer's own: the Pearson correlation of the six scores with an
occupation's six O*NET interest (OI) ratings, so only the shape of a profile counts, not
its level. No I/O and no printing happens here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from fitcareer.model_interests import AREAS, OPTIONS, Item, Occupation

UNSURE = 3
"""The value of "Unsure": what "not sure" (?, s, skip) picks."""

WORDS = {
    "strongly dislike": 1,
    "sd": 1,
    "dislike": 2,
    "d": 2,
    "unsure": 3,
    "u": 3,
    "?": 3,
    "s": 3,
    "skip": 3,
    "not sure": 3,
    "like": 4,
    "l": 4,
    "strongly like": 5,
    "sl": 5,
}
"""Words that pick an answer besides its value (1-5)."""

TIE = 0.05
"""Two matches closer than this in correlation are a tie: no clear match between them."""

FLAT = 2
"""A profile whose highest and lowest area scores differ by less than this many points
says nothing about which area is preferred: no clear match."""

TOP = 3
"""Matches shown."""

METHOD = (
    "Matches: fitcareer's own method, not O*NET's: r is the correlation of your six "
    "scores with an occupation's six O*NET interest ratings."
)

SCORING = "Scores: each answer less one (0-4), summed by area."


@dataclass(frozen=True, slots=True)
class Match:
    occupation: Occupation
    r: float
    drivers: tuple[str, ...]
    """The areas high in both profiles that raise r most, most first."""
    ready: bool | None
    """Its Job Zone is within the one the person is ready for (None if either is unknown)."""


@dataclass(frozen=True, slots=True)
class Unclear:
    why: str
    decide: str
    """What would decide it."""
    reason: Literal["unrated", "flat", "tie"]
    """No occupation has ratings, the profile is flat, or the top two tie."""


@dataclass(frozen=True, slots=True)
class Profile:
    scores: tuple[int, ...]
    """One per area of `AREAS`."""
    most: tuple[int, ...]
    """The most each area can score."""
    answers: dict[int, int]
    matches: tuple[Match, ...]
    unclear: Unclear | None

    @property
    def code(self) -> str:
        """The letters of the areas that score highest, up to three, highest first (O*NET's
        order breaks a tie), leaving out any at the profile's lowest; empty for a flat one."""
        low = min(self.scores)
        if max(self.scores) - low < FLAT:
            return ""
        order = sorted(range(len(AREAS)), key=lambda i: -self.scores[i])
        return "".join(AREAS[i][0] for i in order[:3] if self.scores[i] > low)


def value(text: object) -> int | None:
    """The answer value an answer picks (1-5, or a word of `WORDS`); None if none."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 1 <= text <= len(OPTIONS) else None
    if not isinstance(text, str):
        return None
    said = " ".join(text.lower().split())
    if said.isascii() and said.isdigit() and len(said) == 1:
        return value(int(said))
    return WORDS.get(said)


def scores(items: Sequence[Item], answers: Mapping[int, int]) -> tuple[int, ...]:
    """Each area's score; an item not answered counts as Unsure."""
    return tuple(
        sum(answers.get(i.index, UNSURE) - 1 for i in items if i.area == area) for area in AREAS
    )


def most(items: Sequence[Item]) -> tuple[int, ...]:
    return tuple((len(OPTIONS) - 1) * sum(1 for i in items if i.area == a) for a in AREAS)


def _z(xs: Sequence[float]) -> tuple[float, ...] | None:
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))
    return None if sd == 0 else tuple((x - mean) / sd for x in xs)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when either profile is flat."""
    zx, zy = _z(xs), _z(ys)
    if zx is None or zy is None:
        return None
    return sum(a * b for a, b in zip(zx, zy, strict=True)) / len(zx)


def drivers(person: Sequence[float], occupation: Occupation) -> tuple[str, ...]:
    """The areas above average in both profiles, by how much each raises r, at most two."""
    zp, zo = _z(person), _z(occupation.ratings)
    if zp is None or zo is None:
        return ()
    both = [(zp[i] * zo[i], AREAS[i]) for i in range(len(AREAS)) if zp[i] > 0 and zo[i] > 0]
    return tuple(a for _, a in sorted(both, key=lambda t: -t[0])[:2])


def match(
    person: Sequence[int], occupations: Sequence[Occupation], zone: int | None = None
) -> tuple[tuple[Match, ...], Unclear | None]:
    """Every occupation ranked by r, best first (equal r keeps the data's order), and why
    there is no clear match when there is none."""
    if not occupations:
        return (), Unclear(
            "no occupation in the O*NET extract in use has interest ratings to match against",
            "importing O*NET's database, which has them",
            "unrated",
        )
    spread = max(person) - min(person)
    if spread < FLAT:
        return (), Unclear(
            f"your six scores differ by {spread} point{'s' * (spread != 1)}, too little to "
            "say which kind of work you prefer",
            "answer Like or Dislike where you can instead of Unsure, or take the full "
            "60-item Profiler; any two areas set apart would decide it",
            "flat",
        )
    ranked = []
    for occ in occupations:
        r = correlation(person, occ.ratings)
        if r is None:
            continue
        ready = None if zone is None or occ.zone is None else occ.zone <= zone
        ranked.append(Match(occ, r, drivers(person, occ), ready))
    ranked.sort(key=lambda m: -round(m.r, 6))
    found = tuple(ranked)
    if len(found) >= 2 and found[0].r - found[1].r < TIE:
        return found, _tie(found[0], found[1])
    return found, None


def _tie(a: Match, b: Match) -> Unclear:
    gaps = [abs(x - y) for x, y in zip(a.occupation.ratings, b.occupation.ratings, strict=True)]
    i = max(range(len(AREAS)), key=lambda k: gaps[k])
    high, low = (a, b) if a.occupation.ratings[i] >= b.occupation.ratings[i] else (b, a)
    return Unclear(
        f"{a.occupation.title} and {b.occupation.title} match almost equally "
        f"(r {a.r:.2f} and {b.r:.2f})",
        f"your {AREAS[i]} answers: {AREAS[i]} rates "
        f"{high.occupation.ratings[i]:.1f} of 7 for {high.occupation.title}, "
        f"{low.occupation.ratings[i]:.1f} for {low.occupation.title}",
        "tie",
    )


def profile(
    items: Sequence[Item],
    answers: Mapping[int, int],
    occupations: Sequence[Occupation],
    zone: int | None = None,
) -> Profile:
    got = scores(items, answers)
    found, unclear = match(got, occupations, zone)
    return Profile(got, most(items), dict(answers), found, unclear)


def from_scores(
    given: Sequence[int], top: int, occupations: Sequence[Occupation], zone: int | None = None
) -> Profile:
    """A profile from six scores already computed (e.g. by My Next Move), each 0 to `top`."""
    found, unclear = match(given, occupations, zone)
    return Profile(tuple(given), (top,) * len(AREAS), {}, found, unclear)
