"""A self-employed trainer's year, from a rate per session: pure arithmetic, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from fitcareer.model import Certification, Price

WEEKS = 48
"""Default weeks worked a year: 52 less four for holidays, illness and quiet weeks, which a
self-employed trainer is not paid for."""

SESSION_HOURS = 1.0
"""Default length of a session in hours (the usual booked personal-training hour)."""

HOURS_PER_WEEK = 168.0
"""No one trains more hours than a week has."""

Span = tuple[float, float]
"""A low-high range; equal ends when the value is exact."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """A year's income before tax; ranges run from the high-cost to the low-cost case."""

    sessions: float
    """Sessions a year."""
    hours: float
    """Hours of sessions a year (time spent on anything else is not counted)."""
    gross: float
    """Income before any cost."""
    costs: Span | None
    """Yearly costs subtracted; None when unknown."""
    net: Span | None
    """Gross less costs; None when the costs are unknown."""
    hourly_gross: float | None
    """Gross per hour of sessions; None when there are no hours."""
    hourly_net: Span | None
    """Net per hour of sessions; None when costs or hours are unknown or zero."""


def estimate(
    rate: float,
    sessions_per_week: float,
    weeks: float,
    session_hours: float = SESSION_HOURS,
    costs: Span | None = None,
) -> Estimate:
    """Rate per session x sessions a week x weeks, less yearly costs."""
    sessions = sessions_per_week * weeks
    hours = sessions * session_hours
    gross = rate * sessions
    net = (gross - costs[1], gross - costs[0]) if costs is not None else None
    return Estimate(
        sessions=sessions,
        hours=hours,
        gross=gross,
        costs=costs,
        net=net,
        hourly_gross=gross / hours if hours else None,
        hourly_net=(net[0] / hours, net[1] / hours) if net is not None and hours else None,
    )


@dataclass(frozen=True, slots=True)
class Renewal:
    """What keeping a certification costs a year in renewal fees, and what it rests on."""

    per_year: Span | None
    """Fee per year, low-high; None when the fee or the cycle is unknown."""
    fees: tuple[Price, ...]
    """The renewal fees per cycle the data gives."""
    cycles: tuple[float, ...]
    """The renewal cycles in years the data gives."""
    missing: str | None
    """Why the yearly fee is unknown, when it is."""


def renewal(cert: Certification) -> Renewal:
    """A certification's renewal fee spread over its cycle (lifetime options left out).

    Where sources differ the range runs from the lowest fee over the longest cycle to the
    highest fee over the shortest cycle.
    """
    fees = tuple(p for p in cert.recertification.fee if p.kind == "renewal")
    cycles = tuple(f.value for f in cert.recertification.cycle_years if f.value > 0)
    missing = None
    if not fees:
        missing = "renewal fee unknown"
    elif not cycles:
        missing = "renewal cycle unknown"
    if missing:
        return Renewal(None, fees, cycles, missing)
    low = min(p.usd for p in fees) / max(cycles)
    high = max(p.usd_max or p.usd for p in fees) / min(cycles)
    return Renewal((low, high), fees, cycles, None)
