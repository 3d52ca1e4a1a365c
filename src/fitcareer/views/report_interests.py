"""The report's interest section: the interest profile beside the fit quiz's result, where
the two agree and where they differ, and the next step for the top career."""

from __future__ import annotations

from typing import Any

from fitcareer.model import Catalog, Role
from fitcareer.model_interests import AREAS
from fitcareer.queries.interests import TOP, Profile
from fitcareer.queries.quiz import Result
from fitcareer.views import interests as views
from fitcareer.views.sheet import shown

TITLE = "Interests (O*NET® Interest Profiler)"
SHORT = 8
"""Cells of the longest bar on the page, where six stand side by side."""


def _fit(result: Result | None) -> Role | None:
    """The fit quiz's best fit, when it has a clear one."""
    if result is None or result.unclear is not None or result.ranking[0].score <= 0:
        return None
    return result.ranking[0].role


def agreement(catalog: Catalog, profile: Profile, result: Result | None) -> str:
    """Where the fit quiz and the interest profile agree, and where they differ."""
    fit = _fit(result)
    top = profile.matches[:TOP] if profile.unclear is None else ()
    if result is None:
        return "The fit quiz was not taken, so there is nothing to set the interests against."
    if fit is None:
        return "The fit quiz has no clear fit yet, so the two cannot agree or differ."
    if not top:
        return f"The interests give no clear match, so only the fit quiz speaks: {fit.name}."
    for n, m in enumerate(top, 1):
        if fit.id in {r.id for r in views.roles_for(catalog, m.occupation.code)}:
            where = {1: "best", 2: "second", 3: "third"}.get(n, f"number {n}")
            return (
                f"They agree: the fit quiz's best fit, {fit.name}, is in {m.occupation.title} "
                f"({m.occupation.code[:7]}), the interests' {where} match."
            )
    best = top[0]
    return (
        f"They differ: the fit quiz's best fit is {fit.name}; the interests match "
        f"{best.occupation.title} ({best.occupation.code[:7]}) best, from "
        f"{' and '.join(best.drivers) or 'the whole profile'}. The quiz asks about the "
        "work and the path; the profile about activities you like. Weigh both."
    )


def next_step(catalog: Catalog, profile: Profile, result: Result | None) -> str:
    fit = _fit(result)
    if fit is not None and result is not None:
        step = result.next.step
        first = f": step {step.n}, {step.title}" if step else ""
        return f"Next step for {fit.name}{first} (see the path below)."
    if profile.matches and profile.unclear is None:
        occ = profile.matches[0].occupation
        return f"Next step: read O*NET's profile of {occ.title} ({occ.code}) at onetonline.org."
    return "Next step: take the fit quiz, or answer the Profiler with fewer Unsure answers."


def matched(profile: Profile) -> str:
    """The interest code and the best matches in one paragraph, or why there are none."""
    why = views.unclear(profile)
    found = (
        f"Interest code {profile.code}." if profile.code else "No interest code (a flat profile)."
    )
    if why is not None:
        listed = "; ".join(views.matches(profile))
        return " ".join(p for p in (found, shown(why, page=True), listed) if p)
    parts = []
    for m in profile.matches[:TOP]:
        occ = m.occupation
        drove = f", from {' and '.join(m.drivers)}" if m.drivers else ""
        zone = f", Job Zone {occ.zone}" if occ.zone is not None else ""
        parts.append(f"{occ.title} (r {m.r:.2f}{drove}{zone})")
    return f"{found} Best matches: {'; '.join(parts)}."


def section(catalog: Catalog, profile: Profile, result: Result | None, ratings_from: str) -> Any:
    """The section: the comparison and next step, the matches in one paragraph, the six
    scores as one row of bars, then the method and O*NET's notice as the table's notes
    (a page sets notes smaller, so the section stays short enough for the first page)."""
    from fitcareer.views.report import Section

    sheet = views.result(catalog, profile, ratings_from)
    sheet.title = f"Interest scores (each of {profile.most[0]})"
    sheet.header = ["", *AREAS]
    sheet.rows = [
        [
            "Score",
            *(
                f"{s} {views.bar(s, m, SHORT)}"
                for s, m in zip(profile.scores, profile.most, strict=True)
            ),
        ]
    ]
    sheet.across = True
    paragraphs = [
        f"{agreement(catalog, profile, result)} {next_step(catalog, profile, result)}",
        matched(profile),
    ]
    sheet.notes = [f"Occupation ratings: {ratings_from}.", *views.notes(profile, answered=True)]
    return Section(TITLE, paragraphs, sheet)


def payload(catalog: Catalog, profile: Profile, result: Result | None, ratings_from: str) -> Any:
    return {
        **views.payload(catalog, profile, ratings_from),
        "agreement": agreement(catalog, profile, result),
        "next_step": next_step(catalog, profile, result),
    }


def summary(profile: Profile) -> str:
    """The terminal's line on the interests, with O*NET's trademark notice."""
    if profile.unclear is None and profile.matches:
        found = f"code {profile.code}, best match {profile.matches[0].occupation.title}"
    else:
        found = "no clear match"
    return f"Interests (O*NET® Interest Profiler): {found}. O*NET® is a trademark of USDOL/ETA."
