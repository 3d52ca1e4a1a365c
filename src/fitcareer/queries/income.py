"""A self-employed trainer's year, from a rate per session: pure arithmetic, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from fitcareer.queries.certs import Span

WEEKS = 48
"""Default weeks worked a year: 52 less four for holidays, illness and quiet weeks, which a
self-employed trainer is not paid for."""

SESSION_HOURS = 1.0
"""Default length of a session in hours (the usual booked personal-training hour)."""

HOURS_PER_WEEK = 168.0
"""No one trains more hours than a week has."""


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
