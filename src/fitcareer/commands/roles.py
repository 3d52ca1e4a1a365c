"""`fitcareer compare` and `fitcareer roles`."""

from __future__ import annotations

from typing import Annotated

import typer

from fitcareer import present, queries
from fitcareer.catalog import find_role
from fitcareer.cli import FormatOpt, OutputOpt, app, catalog, emit
from fitcareer.commands import complete
from fitcareer.render import Format


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
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Role ids or names (default: fitness-instructor personal-trainer).",
            show_default=False,
            autocompletion=complete.roles,
        ),
    ] = None,
    aspect: Annotated[
        list[str] | None,
        typer.Option(
            "--aspect", "-a", help=f"Keep only this row (repeatable): {', '.join(queries.ASPECTS)}."
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Put roles side by side: duties, employment, insurance, income, certification and more."""
    data = catalog()
    picked = [find_role(data, name) for name in roles or queries.DEFAULT_COMPARE]
    emit(present.compare(data, picked, queries.aspect_ids(aspect or [])), fmt, output)


@app.command(
    "roles",
    epilog="Examples:\n\n  fitcareer roles\n\n  fitcareer roles personal-trainer\n\n  fitcareer roles 'one-on-one trainer' --format json",
)
def roles_command(
    role: Annotated[
        str | None,
        typer.Argument(
            help="A role id or name: show its whole profile.",
            show_default=False,
            autocompletion=complete.roles,
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List the roles, or show one role's whole profile."""
    data = catalog()
    sheet = present.role_profile(data, find_role(data, role)) if role else present.role_list(data)
    emit(sheet, fmt, output)
