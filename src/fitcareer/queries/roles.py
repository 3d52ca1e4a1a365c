"""Roles and their aspects: what `compare` and `roles` ask of the catalog."""

from __future__ import annotations

from dataclasses import dataclass

from fitcareer.errors import UsageError
from fitcareer.model import (
    FITNESS_TRAINERS,
    Catalog,
    Certification,
    Figure,
    JobZone,
    Occupation,
    Outlook,
    Role,
    Statement,
)
from fitcareer.queries.lookup import normalize

ASPECTS: dict[str, str] = {
    "duties": "Duties",
    "training-focus": "Training focus",
    "work-environment": "Work environment",
    "employment": "Employment type",
    "stability": "Stability and benefits",
    "insurance": "Insurance",
    "income": "Income",
    "outlook": "Job outlook",
    "education": "Education",
    "licensing": "Licensing",
    "certification": "Certification steps",
    "qualify": "Time, cost to qualify",
    "client-relationship": "Client relationship",
    "career-path": "Career path",
    "skills": "Skills",
    "suits": "Choose this if",
}
"""Rows of `compare`, in order: id -> label."""


DEFAULT_COMPARE = ("fitness-instructor", "personal-trainer")


@dataclass(slots=True)
class Entry:
    """One fact in a role's aspect. ``occupation`` is set when an occupation-wide
    figure stands for the role."""

    item: Statement | Figure | Outlook | JobZone
    occupation: Occupation | None = None


def aspect_ids(names: list[str]) -> list[str]:
    """Aspect ids for what a user typed (`income`, `Training focus`, `who it suits`)."""
    if not names:
        return list(ASPECTS)
    labels = {normalize(label): key for key, label in ASPECTS.items()}
    labels.update(
        {
            "employment-type": "employment",
            "who-it-suits": "suits",
            "job-outlook": "outlook",
            "license": "licensing",
            "licence": "licensing",
            "time-and-cost": "qualify",
            "time-and-cost-to-qualify": "qualify",
        }
    )
    chosen: list[str] = []
    for name in names:
        key = normalize(name)
        key = key if key in ASPECTS else labels.get(key, "")
        if not key:
            raise UsageError(f"unknown aspect '{name}' (known: {', '.join(ASPECTS)})")
        if key not in chosen:
            chosen.append(key)
    return chosen


def aspect(catalog: Catalog, role: Role, key: str) -> list[Entry]:
    """The facts a role has for one aspect."""
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    if key == "income":
        shared = [Entry(f, occupation) for f in occupation.income] if occupation else []
        return shared + [Entry(f) for f in role.income] + [Entry(s) for s in role.income_notes]
    if key == "outlook":
        shared = [Entry(o, occupation) for o in occupation.outlook] if occupation else []
        return shared + [Entry(o) for o in role.outlook]
    statements: tuple[Statement, ...] = getattr(role, key.replace("-", "_"))
    own = [Entry(s) for s in statements]
    if occupation is None:
        return own
    if key == "education":
        zones = [Entry(z, occupation) for z in occupation.job_zone]
        return zones + [Entry(s, occupation) for s in occupation.education] + own
    field = SHARED.get(key)
    wide: tuple[Statement, ...] = getattr(occupation, field) if field else ()
    return [Entry(s, occupation) for s in wide] + own


SHARED = {"skills": "skills", "licensing": "licensing", "certification": "credential"}
"""Aspects whose occupation-wide statements come before the role's own: aspect -> the
occupation's field."""


def brief(role: Role, key: str) -> tuple[Statement, ...]:
    """The role's short answer for one aspect, as written in the data (may be empty)."""
    return getattr(role.brief, key.replace("-", "_"), ())


def headline_income(figures: tuple[Figure, ...]) -> Figure | None:
    """The figure `compare` leads with: the newest national median annual wage from a
    primary source (a secondary report, a state figure or an hourly one is never chosen)."""
    picked = [
        f
        for f in figures
        if not f.secondary
        and f.area is None
        and f.unit == "year"
        and "median" in f.measure
        and f.date != "undated"
    ]
    return max(picked, key=lambda f: f.date, default=None)


def headline_outlook(projections: tuple[Outlook, ...]) -> Outlook | None:
    """The projection `compare` leads with: the newest period, from a primary source where
    one gives it (a secondary report of a newer period leads, and says so)."""
    return max(projections, key=lambda o: (o.period, not o.secondary), default=None)


FAMILY_ASPECTS = ("education", "licensing", "qualify")
"""Aspects that tell the fitness roles from the neighbouring careers."""

ONE_NOTE_ASPECTS = ("education", "licensing", "certification")
"""Aspects whose occupation-wide statements each say whom they cover, without the
occupation's note under them."""


def fitness_path(catalog: Catalog, role: Role) -> bool:
    """Whether the steps to a fitness certification (`fitcareer steps`) apply to a role:
    one with credentials in the data, a role of the fitness occupation, or one of no
    occupation (the gym manager, whom the articles send through personal training)."""
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    return (
        bool(credentials(catalog, role)) or occupation is None or occupation.soc == FITNESS_TRAINERS
    )


def families(catalog: Catalog) -> dict[str, list[Role]]:
    """The roles by family, each family in the order its first role comes in the data;
    roles without one last, under ``OTHER``."""
    found: dict[str, list[Role]] = {}
    for role in catalog.roles.values():
        found.setdefault(role.family or OTHER, []).append(role)
    if OTHER in found:
        found[OTHER] = found.pop(OTHER)
    return found


OTHER = "other"


def credentials(catalog: Catalog, role: Role) -> list[Certification]:
    """Certifications in the data that prepare for a role."""
    return [c for c in catalog.certifications.values() if role.id in c.roles]
