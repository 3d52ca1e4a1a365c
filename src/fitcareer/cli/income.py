"""`fitcareer income`: income figures side by side, and a self-employed year's estimate."""

from __future__ import annotations

from typing import Annotated

import typer

from fitcareer.cli.app import (
    AreaOpt,
    CertOpt,
    DetailOpt,
    FormatOpt,
    OutputOpt,
    RolesArg,
    amount,
    app,
    catalog,
    emit,
)
from fitcareer.cli.settings import settings
from fitcareer.errors import UsageError
from fitcareer.model import Catalog, Role
from fitcareer.queries import income as earnings
from fitcareer.queries.lookup import find_certification, find_role
from fitcareer.queries.wages import find_area
from fitcareer.render import Format
from fitcareer.views import income as views
from fitcareer.views import wages as wage_views

DEFAULT_ROLES = (
    "fitness-instructor",
    "personal-trainer",
    "group-fitness-instructor",
    "gym-manager",
)
"""The roles shown with no ROLE: the four fitness roles (`fitcareer roles` lists the others)."""

SELF_EMPLOYED = "personal-trainer"
"""The role whose published hourly figures an estimate is set against by default."""


MAX_RATE = 1_000_000
"""Most US dollars a session may be charged: beyond it a year's figures lose all meaning
(and at 1e306 they overflow)."""
MAX_SESSION_HOURS = 24
MAX_SESSIONS = 200
"""Most sessions a week."""


def _hours(value: str | None) -> float | None:
    hours = amount(value, "hours")
    if hours == 0:
        raise typer.BadParameter("a session must last more than 0 hours")
    if hours is not None and hours > MAX_SESSION_HOURS:
        raise typer.BadParameter(f"a session lasts at most {MAX_SESSION_HOURS} hours")
    return hours


def _capped(value: str | None) -> float | None:
    dollars = amount(value)
    if dollars is not None and dollars > MAX_RATE:
        raise typer.BadParameter(f"'{value}' is more than {MAX_RATE:,} US dollars")
    return dollars


def _soc(data: Catalog, role: Role) -> str:
    """The SOC code of the occupation whose wages stand for a role."""
    occupation = data.occupations.get(role.occupation) if role.occupation else None
    if occupation is None or occupation.soc is None:
        raise UsageError(f"no wages by area for {role.id}: BLS has no occupation for it alone")
    return occupation.soc


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer income\n\n"
        "  fitcareer income personal-trainer gym-manager\n\n"
        "  fitcareer income --area Minnesota\n\n"
        "  fitcareer income athletic-trainer --area Texas\n\n"
        "  fitcareer income --rate 60 --sessions-per-week 20\n\n"
        "  fitcareer income --rate 60 --sessions-per-week 20 --cert nasm-cpt\n\n"
        "  fitcareer income --rate 75 --sessions-per-week 25 --weeks 46 --costs 1500"
    )
)
def income(
    ctx: typer.Context,
    roles: RolesArg = None,
    rate: Annotated[
        str | None,
        typer.Option(
            "--rate",
            help=f"Estimate a self-employed year: US dollars charged per session (at most {MAX_RATE:,}).",
            metavar="USD",
            callback=_capped,
        ),
    ] = None,
    sessions_per_week: Annotated[
        int | None,
        typer.Option(
            "--sessions-per-week",
            min=1,
            max=MAX_SESSIONS,
            help="Sessions given in a week (with --rate).",
            metavar="N",
        ),
    ] = None,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks",
            min=1,
            max=52,
            help=f"Weeks worked a year (default: {earnings.WEEKS}, 52 less four unpaid weeks for holidays, illness and quiet weeks).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    session_hours: Annotated[
        str | None,
        typer.Option(
            "--session-hours",
            help=f"Hours a session lasts (default: {earnings.SESSION_HOURS:g}).",
            metavar="HOURS",
            callback=_hours,
            show_default=False,
        ),
    ] = None,
    costs: Annotated[
        str | None,
        typer.Option(
            "--costs",
            help="Every yearly cost in US dollars: insurance, renewal fees, equipment (default: the renewal fee of --cert; other costs unknown).",
            metavar="USD",
            callback=_capped,
        ),
    ] = None,
    cert: CertOpt = None,
    area: AreaOpt = None,
    detail: DetailOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Put the roles' income figures side by side, or estimate a self-employed trainer's year.

    With no ROLE, shows the four fitness roles. With --area, the pay in that area of each
    ROLE's occupation. With --cert, its renewal fee, spread over its cycle, counts as a
    yearly cost.
    """
    data = catalog(ctx, areas=area is not None)
    max_age = settings(ctx).max_age
    picked = [find_role(data, name) for name in roles or []]
    if area is not None:
        if rate is not None:
            raise UsageError("--area shows an area's pay for an occupation; give it without --rate")
        place = find_area(data, area, wage_views.HOW)
        codes = [_soc(data, role) for role in picked]
        emit(wage_views.area_pay(data, place, max_age, detail, codes), fmt, output)
        return
    if rate is None:
        given = {
            "--sessions-per-week": sessions_per_week,
            "--weeks": weeks,
            "--session-hours": session_hours,
            "--costs": costs,
            "--cert": cert,
        }
        extra = [name for name, value in given.items() if value is not None]
        if extra:
            raise UsageError(f"{extra[0]} is for an estimate; give --rate USD too")
        shown = picked or [data.roles[r] for r in DEFAULT_ROLES if r in data.roles]
        more = len(data.roles) - len(shown) if not picked else 0
        emit(views.income(data, shown, max_age, detail, more), fmt, output)
        return
    if sessions_per_week is None:
        raise UsageError("--rate needs --sessions-per-week N to estimate a year")
    if costs is not None and cert is not None:
        raise UsageError("--costs replaces the costs taken from --cert; give one of them")
    hours = float(session_hours) if session_hours is not None else earnings.SESSION_HOURS
    if sessions_per_week * hours > earnings.HOURS_PER_WEEK:
        raise UsageError(
            f"{sessions_per_week} sessions of {hours:g} hours is more than the 168 hours in a week"
        )
    plan = views.Plan(
        rate=float(rate),
        sessions_per_week=sessions_per_week,
        weeks=weeks or earnings.WEEKS,
        session_hours=hours,
        costs=float(costs) if costs is not None else None,
        cert=find_certification(data, cert) if cert else None,
    )
    if not picked and SELF_EMPLOYED in data.roles:
        picked = [data.roles[SELF_EMPLOYED]]
    emit(views.estimate(data, plan, picked, max_age), fmt, output)
