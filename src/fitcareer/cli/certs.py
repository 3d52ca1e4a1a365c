"""`fitcareer certs` and `fitcareer steps`."""

from __future__ import annotations

import difflib
import typing
from typing import Annotated

import typer

from fitcareer.cli import complete
from fitcareer.cli.app import (
    CertOpt,
    DetailOpt,
    FormatOpt,
    LimitOpt,
    OutputOpt,
    RoleOpt,
    app,
    cap,
    catalog,
    emit,
    run_date,
    say,
    usd,
)
from fitcareer.cli.settings import settings
from fitcareer.errors import UsageError, printable
from fitcareer.model import DeliveryKind
from fitcareer.queries import certs as queries
from fitcareer.queries.lookup import find_body, find_certification, find_org, find_role
from fitcareer.render import Format
from fitcareer.views import certs as views
from fitcareer.views.sheet import said

KINDS: tuple[str, ...] = typing.get_args(DeliveryKind)
"""Every value `--delivery` takes."""


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer certs --accredited NCCA --sort cost\n\n"
        "  fitcareer certs --role group-fitness-instructor --max-cost 500\n\n"
        "  fitcareer certs nasm-cpt\n\n"
        "  fitcareer certs nasm-cpt ace-cpt --years 6\n\n"
        "  fitcareer certs --delivery online --format json"
    )
)
def certs(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Certification ids: one shows its whole record; several, side by side.",
            metavar="ID",
            show_default=False,
            autocompletion=complete.certifications,
        ),
    ] = None,
    accredited: Annotated[
        str | None,
        typer.Option(
            "--accredited",
            help="Only programs accredited by BODY (NCCA, NBFE, DEAC).",
            metavar="BODY",
            autocompletion=complete.bodies,
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Only this organization (id, abbreviation or part of its name).",
            metavar="ORG",
            autocompletion=complete.organizations,
        ),
    ] = None,
    specialty: Annotated[
        str | None,
        typer.Option(
            "--specialty", help="Only those whose specialties mention WORD.", metavar="WORD"
        ),
    ] = None,
    role: RoleOpt = None,
    max_cost: Annotated[
        str | None,
        typer.Option(
            "--max-cost",
            help="Only those with a known price of at most USD (with --years, the low end of the cost over N years), still offered to new candidates.",
            metavar="USD",
            callback=usd,
        ),
    ] = None,
    delivery: Annotated[
        str | None,
        typer.Option(
            "--delivery",
            help=(
                "Only exams taken this way: online (remote-proctor, online-proctored or"
                f" at-home), centre or center (test-centre), or a kind: {', '.join(KINDS)}."
            ),
            metavar="WAY",
            autocompletion=complete.deliveries,
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            help="Order by cost (the lowest price, or with --years the low end of the cost over N years; leaving out any no longer offered), hours (continuing education a year) or pass-rate.",
            metavar="KEY",
            autocompletion=complete.sorts,
        ),
    ] = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            min=1,
            max=100,
            help="Add the cost of holding the credential for N years; --sort cost and --max-cost then use its low end.",
            metavar="N",
        ),
    ] = None,
    limit: LimitOpt = None,
    detail: DetailOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """List certifications with filters, show one whole record, or put several side by side.

    Several side by side show one short fact an aspect; --detail shows every figure.
    """
    data = catalog(ctx)
    max_age = settings(ctx).max_age
    today = run_date().year
    if ids:
        picked = [find_certification(data, i) for i in ids]
        whole = detail or len(picked) == 1
        view = views.certs_side_by_side if whole else views.certs_at_a_glance
        emit(view(data, picked, years, max_age, today), fmt, output)
        return
    if sort is not None and sort not in queries.SORTS:
        raise UsageError(f"unknown sort '{sort}' (use one of: {', '.join(queries.SORTS)})")
    delivery = delivery.lower() if delivery is not None else None
    if delivery is not None and queries.delivery_kinds(delivery) is None:
        words = queries.delivery_words()
        close = difflib.get_close_matches(delivery, words, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(
            f"unknown delivery '{printable(delivery)}' ({hint}use one of: {', '.join(words)})"
        )
    filters = queries.Filters(
        body=find_body(data, accredited).id if accredited else None,
        org=find_org(data, org) if org else None,
        specialty=specialty,
        role=find_role(data, role).id if role else None,
        max_cost=max_cost,  # type: ignore[arg-type]
        delivery=delivery,
        years=years,
    )
    chosen = queries.select(data, filters, buying=sort == "cost")
    result, unsorted = (
        queries.ordered(data, chosen.certs, sort, years) if sort else (chosen.certs, 0)
    )
    total = len(result)
    most = cap(limit, fmt)
    if most and total > most:
        result = result[:most]
    left_out = views.left_out(
        chosen.unknown, sort, unsorted, len(result), total, limit is None, chosen.closed, years
    )
    if fmt is Format.json:
        for line in left_out:
            say(f"fitcareer: {said(line)}\n")
    sheet = views.cert_list(
        data,
        result,
        left_out,
        years,
        max_age,
        today,
        total,
        detail,
        sort=sort,
        max_cost=max_cost,  # type: ignore[arg-type]
        chosen=views.chosen_words(data, filters),
    )
    emit(sheet, fmt, output)


@app.command(
    epilog="Examples:\n\n  fitcareer steps\n\n  fitcareer steps --cert nasm-cpt\n\n  fitcareer steps --format json"
)
def steps(
    ctx: typer.Context,
    cert: CertOpt = None,
    detail: DetailOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """The 8 steps to becoming a certified personal trainer.

    With --cert, each step is filled in with that certification's own facts; --detail
    shows every fact behind each step.
    """
    data = catalog(ctx)
    chosen = find_certification(data, cert) if cert else None
    sheet = views.steps(data, chosen, settings(ctx).max_age, run_date().year, detail)
    emit(sheet, fmt, output)
