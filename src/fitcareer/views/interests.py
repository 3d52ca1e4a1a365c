"""The interest profile as a sheet: six area scores as bars, the best matches and why,
and the notices O*NET's terms ask every copy to keep."""

from __future__ import annotations

from typing import Any

from fitcareer.model import Catalog, Role
from fitcareer.model_interests import AREAS
from fitcareer.queries.interests import METHOD, SCORING, TOP, Match, Profile
from fitcareer.views.sheet import Cell, Line, Note, Sheet, Value

NOTICE = (
    "O*NET® Interest Profiler items © U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA); services.onetcenter.org. Ratings and Job Zones: O*NET® "
    "Database by USDOL/ETA, used under the CC BY 4.0 license. O*NET® is a trademark of "
    "USDOL/ETA, which has not approved, endorsed or tested fitcareer's matching."
)
"""Kept in every output: O*NET's terms ask that copies keep its copyright and trademark
notices, and CC BY 4.0 that the ratings' source and any changes be named."""

TITLE = "Your interests (O*NET® Interest Profiler)"
BAR = 24
"""Cells of a full bar: `#` for the score, `.` for the rest, so any terminal can show it."""


def bar(score: int, most: int, cells: int = BAR) -> str:
    filled = round(cells * score / most) if most else 0
    return "#" * filled + "." * (cells - filled)


def roles_for(catalog: Catalog, code: str) -> list[Role]:
    """The roles whose occupation has this O*NET-SOC code's SOC code."""
    ids = {o.id for o in catalog.occupations.values() if o.soc == code[:7]}
    return [r for r in catalog.roles.values() if r.occupation in ids]


def _match(n: int, m: Match) -> str:
    occ = m.occupation
    why = f" from {' and '.join(m.drivers)}" if m.drivers else ""
    zone = f", Job Zone {occ.zone}" if occ.zone is not None else ""
    ready = " (more than your --zone)" if m.ready is False else ""
    return f"{n}. {occ.title}: r {m.r:.2f}{why}{zone}{ready}"


def unclear(p: Profile) -> Value | None:
    """Why there is no clear match and what would decide it; the import that would, for
    an extract with no ratings, as command syntax a page leaves out."""
    u = p.unclear
    if u is None:
        return None
    said = f"No clear match: {u.why}. What would decide it: {u.decide}"
    if u.reason == "unrated":
        return Cell.join([said, Cell.typed(" (fitcareer onet import DIR)"), "."], "")
    return f"{said}."


def matches(p: Profile) -> list[str]:
    """The top matches, and the best one within the person's Job Zone when they need more."""
    if not p.matches or (p.unclear is not None and len(p.matches) < 2):
        return []
    out = [_match(n, m) for n, m in enumerate(p.matches[:TOP], 1)]
    ready = next((m for m in p.matches if m.ready), None)
    if p.matches[0].ready is False and ready is not None:
        out.append(f"Best within your Job Zone: {ready.occupation.title}, r {ready.r:.2f}.")
    return out


def found(p: Profile, ratings_from: str) -> str:
    code = f"Interest code {p.code}." if p.code else "No interest code (a flat profile)."
    return f"{code} Occupation ratings: {ratings_from}."


def lines(catalog: Catalog, p: Profile, ratings_from: str) -> list[Line]:
    """What the result says under the chart: the matches, or why there is none, then the
    next step."""
    why = unclear(p)
    out: list[Line] = [found(p, ratings_from), *([why] if why else []), *matches(p)]
    if p.matches and p.unclear is None:
        out.append(next_step(catalog, p.matches[0]))
    return out


def next_step(catalog: Catalog, m: Match) -> Line:
    roles = roles_for(catalog, m.occupation.code)
    if roles:
        return Note("Next: read the role", hint=f"fitcareer roles {roles[0].id}")
    return f"Next: read O*NET's profile of {m.occupation.code} at onetonline.org."


def notes(p: Profile, answered: bool = False) -> list[str]:
    """How the scores and matches were made (``answered``: the scores come from answers
    given before, as a saved profile's do), and the notice."""
    scoring = SCORING if p.answers or answered else "Scores as given."
    return [f"{scoring} {METHOD}", NOTICE]


def payload(catalog: Catalog, p: Profile, occupations_from: str) -> dict[str, Any]:
    return {
        "notice": NOTICE,
        "scores": dict(zip(AREAS, p.scores, strict=True)),
        "most": dict(zip(AREAS, p.most, strict=True)),
        "code": p.code or None,
        "clear": p.unclear is None,
        "unclear": {"why": p.unclear.why, "decide": p.unclear.decide} if p.unclear else None,
        "matches": [
            {
                "code": m.occupation.code,
                "title": m.occupation.title,
                "r": round(m.r, 4),
                "drivers": list(m.drivers),
                "job_zone": m.occupation.zone,
                "ready": m.ready,
                "roles": [r.id for r in roles_for(catalog, m.occupation.code)],
            }
            for m in p.matches
        ],
        "method": METHOD,
        "ratings_from": occupations_from,
        "answers": {str(k): v for k, v in sorted(p.answers.items())},
    }


def result(catalog: Catalog, p: Profile, occupations_from: str) -> Sheet:
    rows: list[list[Value]] = [
        [area, Cell.figure(f"{score} of {most}", score), bar(score, most)]
        for area, score, most in zip(AREAS, p.scores, p.most, strict=True)
    ]
    return Sheet(
        TITLE,
        ["Area", "Score", "Chart"],
        rows,
        payload=payload(catalog, p, occupations_from),
        notes=[*lines(catalog, p, occupations_from), *notes(p)],
        notice=NOTICE,
    )
