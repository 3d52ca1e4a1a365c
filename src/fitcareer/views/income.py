"""Sheets for `fitcareer income`: the roles' figures side by side, and a self-employed
year's estimate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fitcareer.model import Catalog, Certification, Figure, Role, Statement
from fitcareer.queries import certs as cert_q
from fitcareer.queries import income as earnings
from fitcareer.queries import roles as queries
from fitcareer.queries.certs import Renewal, Span
from fitcareer.views.sheet import CONFLICT, UNKNOWN, Sheet
from fitcareer.views.words import (
    MAX_AGE,
    STALE,
    Footnotes,
    figure,
    money,
    number,
    plain,
    price_text,
    statement,
    when,
)


def _figure_payload(f: Figure, notes: Footnotes) -> dict[str, Any]:
    return {**plain(f), "stale": notes.stale(f.date)}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def income(catalog: Catalog, roles: list[Role], max_age: int = MAX_AGE) -> Sheet:
    """The roles' income figures side by side: occupation-wide, role-specific, and words."""
    notes = Footnotes(catalog, max_age)
    cells: list[list[str]] = []
    payload = []
    covers: list[str] = []
    first: dict[str, Role] = {}
    """The first role shown for each occupation: its cell holds the occupation's figures."""
    for role in roles:
        entries = queries.aspect(catalog, role, "income")
        occupation = next((e.occupation for e in entries if e.occupation), None)
        shared = [e.item for e in entries if e.occupation and isinstance(e.item, Figure)]
        own = [e.item for e in entries if not e.occupation and isinstance(e.item, Figure)]
        said = [e.item for e in entries if isinstance(e.item, Statement)]
        if occupation and occupation.id in first:
            wide = (
                f"The same as for {first[occupation.id].name}: these figures cover all "
                f"{_lower_first(occupation.name)}."
            )
        elif occupation:
            first[occupation.id] = role
            covers.append(occupation.note)
            head = f"For all {_lower_first(occupation.name)}, not this role alone:"
            wide = "\n".join([head, *(figure(f, notes) for f in shared)])
        else:
            wide = "none: no occupation's statistics cover this role in the data"
        cells.append(
            [
                wide,
                "\n".join(figure(f, notes) for f in own)
                or f"{UNKNOWN} (the sources give no figure for this role alone)",
                "\n".join(statement(s, notes) for s in said) or "-",
            ]
        )
        payload.append(
            {
                "id": role.id,
                "name": role.name,
                "occupation": (
                    {
                        "id": occupation.id,
                        "name": occupation.name,
                        "note": occupation.note,
                        "figures": [_figure_payload(f, notes) for f in shared],
                    }
                    if occupation
                    else None
                ),
                "figures": [_figure_payload(f, notes) for f in own],
                "notes": [plain(s) for s in said],
            }
        )
    labels = ["Occupation-wide figures", "Role-specific figures", "What the sources say"]
    rows = [[label, *(c[i] for c in cells)] for i, label in enumerate(labels)]
    return Sheet(
        title="Income: " + ", ".join(r.name for r in roles),
        header=["", *(r.name for r in roles)],
        rows=rows,
        payload={"roles": payload, "max_age": notes.max_age, "sources": notes.payload()},
        notes=[
            *covers,
            "Estimate a self-employed year: fitcareer income --rate USD --sessions-per-week N",
            *notes.lines(),
        ],
        across=True,
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """What a user says about their self-employed year."""

    rate: float
    """US dollars per session."""
    sessions_per_week: int
    weeks: int
    session_hours: float
    costs: float | None
    """Yearly costs the user gives; None to take them from the data."""
    cert: Certification | None
    """The certification whose renewal fee counts as a cost."""


ASSUMPTIONS = (
    "only hours in sessions count: planning, travel, admin and finding clients are unpaid, so the real hourly rate is lower",
    "income is before income tax and self-employment tax",
    "not included unless in --costs: liability insurance (its cost is not in the data), continuing-education courses, equipment, travel, gym rent or fees",
)


def _usd(amount: float) -> str:
    return f"-{money(-amount)}" if amount < 0 else money(amount)


def _span(values: Span) -> str:
    low, high = values
    return _usd(low) if low == high else f"{_usd(low)} to {_usd(high)}"


def _costs(plan: Plan, renewal: Renewal | None, notes: Footnotes) -> str:
    if plan.costs is not None:
        return f"{money(plan.costs)} a year (--costs)"
    if plan.cert is None or renewal is None:
        return (
            f"{UNKNOWN}: give --costs USD (insurance, renewal, equipment, ...)"
            " or --cert ID to count its renewal fee"
        )
    insurance = f"- Liability insurance: {UNKNOWN} (not in the data; include it with --costs)"
    if renewal.per_year is None:
        fee = f"- {plan.cert.abbr} renewal: {UNKNOWN} ({renewal.missing})"
        return f"{UNKNOWN}\n{fee}\n{insurance}"
    cycles = " / ".join(number(y) for y in dict.fromkeys(renewal.cycles))
    fees = [
        price_text(p)
        + (f", {when(p.date)}" if p.date != "undated" else "")
        + (f" ({STALE})" if notes.stale(p.date) else "")
        + f" {notes.ref(p.source)}"
        for p in renewal.fees
    ]
    differ = f" ({CONFLICT})" if len({(p.usd, p.usd_max) for p in renewal.fees}) > 1 else ""
    return "\n".join(
        [
            f"{_span(renewal.per_year)} a year, known costs only",
            f"- {plan.cert.abbr} renewal fee every {cycles} years{differ}: {'; '.join(fees)}",
            insurance,
        ]
    )


def estimate(catalog: Catalog, plan: Plan, roles: list[Role], max_age: int = MAX_AGE) -> Sheet:
    """A self-employed year from a rate per session, with its assumptions and sources."""
    notes = Footnotes(catalog, max_age)
    renewal = cert_q.renewal(plan.cert) if plan.cert and plan.costs is None else None
    costs: Span | None = renewal.per_year if renewal else None
    if plan.costs is not None:
        costs = (plan.costs, plan.costs)
    est = earnings.estimate(
        plan.rate, plan.sessions_per_week, plan.weeks, plan.session_hours, costs
    )
    hourly = []
    if est.hourly_net is not None:
        hourly.append(f"{_span(est.hourly_net)} an hour after costs")
    if est.hourly_gross is not None:
        hourly.append(f"{_usd(est.hourly_gross)} an hour before costs")
    seen: list[Figure] = []
    for role in roles:
        for entry in queries.aspect(catalog, role, "income"):
            item = entry.item
            if isinstance(item, Figure) and item.unit == "hour" and item not in seen:
                seen.append(item)
    rows = [
        ["Rate", f"{money(plan.rate)} a session"],
        [
            "Sessions",
            f"{plan.sessions_per_week} a week x {plan.weeks} weeks = {number(est.sessions)} a year",
        ],
        [
            "Hours in sessions",
            f"{number(est.sessions)} x {number(plan.session_hours)} h = {number(est.hours)} hours a year",
        ],
        ["Gross income", f"{_usd(est.gross)} a year"],
        ["Yearly costs", _costs(plan, renewal, notes)],
        [
            "Net income, before tax",
            (f"{_span(est.net)} a year" if est.net else f"{UNKNOWN} (costs unknown)")
            + ("\nless insurance and other costs not in the data" if renewal else ""),
        ],
        ["Hourly equivalent", "\n".join(hourly) or UNKNOWN],
    ]
    if seen:
        rows.append(["Published hourly figures", "\n".join(figure(f, notes) for f in seen)])
    assumptions = [
        f"{plan.weeks} weeks a year"
        + (
            " (52 less four unpaid weeks: holidays, illness, quiet weeks)"
            if plan.weeks == earnings.WEEKS
            else ""
        ),
        f"sessions of {number(plan.session_hours)} hour{'' if plan.session_hours == 1 else 's'}",
        *ASSUMPTIONS,
    ]
    if renewal is not None:
        assumptions.append(
            "a renewal fee is spread evenly over its cycle; lifetime renewal options are left out"
        )
    return Sheet(
        title="Self-employed income estimate",
        header=["", "Estimate"],
        rows=rows,
        payload={
            "rate": plan.rate,
            "sessions_per_week": plan.sessions_per_week,
            "weeks": plan.weeks,
            "session_hours": plan.session_hours,
            "sessions": est.sessions,
            "hours": est.hours,
            "gross": est.gross,
            "costs": list(est.costs) if est.costs else None,
            "costs_from": (
                "--costs"
                if plan.costs is not None
                else f"{plan.cert.id} renewal fee"
                if plan.cert
                else None
            ),
            "net": list(est.net) if est.net else None,
            "hourly_gross": est.hourly_gross,
            "hourly_net": list(est.hourly_net) if est.hourly_net else None,
            "assumptions": assumptions,
            "published_hourly": [_figure_payload(f, notes) for f in seen],
            "sources": notes.payload(),
        },
        notes=[f"Assumes: {'; '.join(assumptions)}.", *notes.lines()],
        across=True,
    )
