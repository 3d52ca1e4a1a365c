"""`fitcareer compare` and `fitcareer roles`."""

from __future__ import annotations

from typing import Annotated

import typer

from fitcareer.cli import complete
from fitcareer.cli.app import AreaOpt, DetailOpt, FormatOpt, OutputOpt, RolesArg, app, catalog, emit
from fitcareer.cli.settings import settings
from fitcareer.model import Catalog, Role
from fitcareer.queries import roles as queries
from fitcareer.queries.lookup import find_role
from fitcareer.queries.wages import find_area
from fitcareer.render import Format
from fitcareer.views import roles as views
from fitcareer.views import wages as wage_views


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer compare\n\n"
        "  fitcareer compare fitness-instructor gym-manager group-fitness-instructor\n\n"
        "  fitcareer compare --aspect income --aspect insurance\n\n"
        "  fitcareer compare --detail\n\n"
        "  fitcareer compare --area Vermont\n\n"
        "  fitcareer compare --format json | jq '.roles[].aspects.income'"
    )
)
def compare(
    ctx: typer.Context,
    roles: RolesArg = None,
    aspect: Annotated[
        list[str] | None,
        typer.Option(
            "--aspect",
            "-a",
            metavar="ASPECT",
            autocompletion=complete.aspects,
            help=f"Keep only this row (repeatable): {', '.join(queries.ASPECTS)}.",
        ),
    ] = None,
    area: AreaOpt = None,
    detail: DetailOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Put roles side by side: how they differ in duties, employment, insurance, income and more.

    With no ROLE, compares fitness-instructor and personal-trainer. Each cell is a short
    answer naming its source; --detail shows every statement, figure and note (CSV and
    JSON always hold them all).
    """
    data = catalog(ctx, areas=area is not None)
    picked = [find_role(data, name) for name in roles or queries.DEFAULT_COMPARE]
    aspects = queries.aspect_ids(aspect or [])
    full = detail or fmt is Format.csv
    place = find_area(data, area, wage_views.HOW) if area is not None else None
    sheet = views.compare(data, picked, aspects, settings(ctx).max_age, full, place)
    emit(sheet, fmt, output)


@app.command(
    "roles",
    epilog=(
        "Examples:\n\n  fitcareer roles\n\n  fitcareer roles personal-trainer\n\n"
        "  fitcareer roles personal-trainer --detail\n\n"
        "  fitcareer roles 'one-on-one trainer' --format json"
    ),
)
def roles_command(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="A role id or name: show its profile.",
            metavar="ROLE",
            show_default=False,
            autocompletion=complete.roles,
        ),
    ] = None,
    detail: DetailOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List the roles, or show one role at a glance (--detail: its whole profile)."""
    data = catalog(ctx)
    if role:
        picked = find_role(data, role)
        full = detail or fmt is Format.csv
        screen = fmt is Format.table
        onet = _onet(ctx, data, picked, full)
        sheet = views.role_profile(data, picked, settings(ctx).max_age, full, screen, onet)
    else:
        sheet = views.role_list(data)
    emit(sheet, fmt, output)


def _onet(ctx: typer.Context, data: Catalog, role: Role, full: bool) -> views.Onet | None:
    """The O*NET extract the views use and the role's occupation in it. The short profile
    shows only an imported release's: without one, the extract is not read (reading it
    takes several times as long as the rest of the command)."""
    import os

    from fitcareer.data import onet
    from fitcareer.model_paths import Career
    from fitcareer.queries.paths import onet_of

    where = settings(ctx).data_dir
    if not full and not os.path.lexists(onet.location(where)):
        return None
    extract = onet.current(where)
    occupation = data.occupations.get(role.occupation or "")
    career = Career(id=role.id, name=role.name, soc=occupation.soc if occupation else None)
    return views.Onet(extract, onet_of(extract, career))
