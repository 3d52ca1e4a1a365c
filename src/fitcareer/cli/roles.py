"""`fitcareer compare` and `fitcareer roles`."""

from __future__ import annotations

from typing import Annotated

import typer

from fitcareer.cli import complete
from fitcareer.cli.app import FormatOpt, OutputOpt, RolesArg, app, catalog, emit
from fitcareer.cli.settings import settings
from fitcareer.queries import roles as queries
from fitcareer.queries.lookup import find_role
from fitcareer.render import Format
from fitcareer.views import roles as views


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer compare\n\n"
        "  fitcareer compare fitness-instructor gym-manager group-fitness-instructor\n\n"
        "  fitcareer compare --aspect income --aspect insurance\n\n"
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
            help=f"Keep only this row (repeatable): {', '.join(queries.ASPECTS)}.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Put roles side by side: duties, employment, insurance, income, certification and more.

    With no ROLE, compares fitness-instructor and personal-trainer.
    """
    data = catalog(ctx)
    picked = [find_role(data, name) for name in roles or queries.DEFAULT_COMPARE]
    sheet = views.compare(data, picked, queries.aspect_ids(aspect or []), settings(ctx).max_age)
    emit(sheet, fmt, output)


@app.command(
    "roles",
    epilog="Examples:\n\n  fitcareer roles\n\n  fitcareer roles personal-trainer\n\n  fitcareer roles 'one-on-one trainer' --format json",
)
def roles_command(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="A role id or name: show its whole profile.",
            metavar="ROLE",
            show_default=False,
            autocompletion=complete.roles,
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List the roles, or show one role's whole profile."""
    data = catalog(ctx)
    if role:
        sheet = views.role_profile(data, find_role(data, role), settings(ctx).max_age)
    else:
        sheet = views.role_list(data)
    emit(sheet, fmt, output)
