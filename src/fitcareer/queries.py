"""Pure questions asked of the catalog: no I/O, no printing."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog, normalize
from .errors import UsageError
from .models import Certification, Figure, Occupation, Outlook, Role, Statement

ASPECTS: dict[str, str] = {
    "duties": "Duties",
    "training-focus": "Training focus",
    "work-environment": "Work environment",
    "employment": "Employment type",
    "stability": "Stability and benefits",
    "insurance": "Insurance",
    "income": "Income",
    "outlook": "Job outlook",
    "certification": "Certification steps",
    "client-relationship": "Client relationship",
    "career-path": "Career path",
    "suits": "Choose this if",
}
"""Rows of `compare`, in order: id -> label."""

DEFAULT_COMPARE = ("fitness-instructor", "personal-trainer")


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact in a role's aspect. ``occupation`` is set when an occupation-wide
    figure stands for the role."""

    item: Statement | Figure | Outlook
    occupation: Occupation | None = None


def aspect_ids(names: list[str]) -> list[str]:
    """Aspect ids for what a user typed (`income`, `Training focus`, `who it suits`)."""
    if not names:
        return list(ASPECTS)
    labels = {normalize(label): key for key, label in ASPECTS.items()}
    labels.update({"employment-type": "employment", "who-it-suits": "suits", "job-outlook": "outlook"})
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
        return shared + [Entry(x) for x in (*role.income, *role.income_notes)]
    if key == "outlook":
        shared = [Entry(o, occupation) for o in occupation.outlook] if occupation else []
        return shared + [Entry(o) for o in role.outlook]
    statements: tuple[Statement, ...] = getattr(role, key.replace("-", "_"))
    return [Entry(s) for s in statements]


def credentials(catalog: Catalog, role: Role) -> list[Certification]:
    """Certifications in the data that prepare for a role."""
    return [c for c in catalog.certifications.values() if role.id in c.roles]


def accredited_by(cert: Certification, body_id: str) -> bool | None:
    """True or False when the data says, None when it is unknown."""
    verdicts = {a.accredited for a in cert.accreditation if a.body == body_id}
    if not verdicts:
        return None
    return True in verdicts


ENTRY_KINDS = ("exam", "package")
"""Price kinds that buy the credential (proctoring and retake fees come on top)."""


def entry_prices(cert: Certification) -> list[float]:
    """Every known price of getting the credential (exam-only or package), low ends of ranges."""
    return [p.usd for p in cert.price if p.kind in ENTRY_KINDS]


def lowest_price(cert: Certification) -> float | None:
    """The cheapest known way in, or None when no price is known."""
    prices = entry_prices(cert)
    return min(prices) if prices else None
