"""`fitcareer report`: the dated page a counsellor hands to a client."""

from __future__ import annotations

import datetime
import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fitcareer import __version__, render_report
from fitcareer.cli import complete
from fitcareer.cli.app import (
    AreaOpt,
    RolesArg,
    app,
    catalog,
    inform,
    output_option,
    page_pdf,
    run_date,
    save,
)
from fitcareer.cli.settings import settings
from fitcareer.data.write import own_fd
from fitcareer.errors import OutputError, UsageError, printable
from fitcareer.model import Catalog
from fitcareer.queries.lookup import find_certification, find_questionnaire, find_role
from fitcareer.queries.quiz import HIRE, Result, score
from fitcareer.queries.wages import find_area
from fitcareer.views import report as views
from fitcareer.views import wages as wage_views


class PageFormat(str, enum.Enum):
    """What a report is written as: a page, not a table."""

    markdown = "markdown"
    html = "html"
    json = "json"
    pdf = "pdf"


PageFormatOpt = Annotated[
    PageFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="Output format: markdown for documents; html for a page to share or print; pdf for that page as a PDF (needs the pdf extra); json for scripts.",
    ),
]

PageOutputOpt = Annotated[Path | None, output_option(PageFormat, "Markdown")]

CertsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--cert",
        help="A certification id or abbreviation to show (repeatable; default: up to two accredited ones for the top role, chosen by a rule the page states).",
        metavar="ID",
        autocompletion=complete.certifications,
    ),
]
"""`--cert` as the other commands take it, but repeatable."""


def _date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{printable(value)}' is not a date like 2025-03-31") from None


def prepared(given: datetime.date | None) -> datetime.date:
    """The page's date: --date, else the run's (SOURCE_DATE_EPOCH, else today)."""
    return given if given is not None else run_date()


def _client(name: str | None) -> str | None:
    if name is None:
        return None
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())
    if not shown:
        raise UsageError("--for needs a name")
    return shown


def _result(data: Catalog, answers: Path | None) -> Result | None:
    if answers is None:
        return None
    from fitcareer.cli.quiz import CAREER, OtherQuestionnaire, read_answers  # only for answers

    questionnaire = find_questionnaire(data, CAREER)
    try:
        given = read_answers(answers, questionnaire)
    except OtherQuestionnaire as e:
        which = (
            "the questionnaire for people hiring" if e.saved == HIRE else "another questionnaire"
        )
        raise UsageError(
            f"{answers} holds answers to {which}; a report needs the career "
            "questionnaire's answers (fitcareer quiz --save FILE)"
        ) from None
    return score(data, questionnaire, given)


def _interests(folder: Path | None, path: Path | None) -> dict[str, Any]:
    """The saved interest scores, matched again against the data's O*NET ratings."""
    if path is None:
        return {}
    from fitcareer.cli.interests import saved_scores
    from fitcareer.data import interests as onet
    from fitcareer.queries import interests as q

    scores, most = saved_scores(path)
    occupations = onet.occupations(folder)
    source = onet.ratings_from(occupations)
    return {"interests": q.from_scores(scores, most, occupations), "ratings_from": source}


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer quiz --save me.json\n\n"
        "  fitcareer report --answers me.json -o me.html\n\n"
        "  fitcareer report personal-trainer fitness-instructor --for 'Sam Lee' -o sam.html\n\n"
        "  fitcareer report --answers me.json --cert ace-cpt --cert nasm-cpt --years 4 -o me.md\n\n"
        "  fitcareer report --answers me.json --area Vermont --format html -o me.html\n\n"
        "  fitcareer report --answers me.json --interests me-interests.json -o me.html"
    )
)
def report(
    ctx: typer.Context,
    roles: RolesArg = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="The client's quiz answers: a file written by 'fitcareer quiz --save' (or YAML or JSON mapping question ID to answer key; - reads standard input).",
        ),
    ] = None,
    interests: Annotated[
        Path | None,
        typer.Option(
            "--interests",
            metavar="FILE",
            help="The client's interest profile: a file written by 'fitcareer interests --save'.",
        ),
    ] = None,
    cert: CertsOpt = None,
    years: Annotated[
        int,
        typer.Option(
            "--years",
            min=1,
            max=100,
            metavar="N",
            help="Years the cost of holding each certification covers.",
        ),
    ] = views.YEARS,
    area: AreaOpt = None,
    client: Annotated[
        str | None,
        typer.Option("--for", metavar="NAME", help="The client's name, put under the title."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The date the page says it was prepared (default: SOURCE_DATE_EPOCH, else today).",
        ),
    ] = None,
    fmt: PageFormatOpt = PageFormat.markdown,
    output: PageOutputOpt = None,
) -> None:
    """Write one dated page for a client: what fits and why, the roles, pay, certifications, the steps and every source.

    From the client's saved quiz answers (--answers) or roles the counsellor names, or both.
    Markdown goes to standard output; with -o FILE.html (or --format html) it is a page
    that works offline, reads on a phone and prints on at most three pages; -o FILE.pdf
    writes that page as a PDF (needs the pdf extra). With -o, the terminal shows a short
    summary.
    """
    when = prepared(_date(date))
    name = _client(client)
    data = catalog(ctx, areas=area is not None)
    folder = settings(ctx).data_dir
    req = views.Request(
        roles=[find_role(data, r) for r in roles or []],
        result=_result(data, answers),
        certs=[find_certification(data, c) for c in dict.fromkeys(cert or [])],
        years=years,
        area=find_area(data, area, wage_views.HOW) if area is not None else None,
        client=name,
        date=when,
        version=__version__,
        data_from="the data shipped with it" if folder is None else f"the data in '{folder.name}'",
        max_age=settings(ctx).max_age,
        **_interests(folder, interests),
    )
    built = views.build(data, req)
    text = {
        PageFormat.html: render_report.to_html,
        PageFormat.pdf: render_report.to_html,
        PageFormat.json: render_report.to_data,
    }.get(fmt, render_report.to_markdown)(built)
    written: str | bytes = page_pdf(text, output) if fmt is PageFormat.pdf else text
    if output is None:
        _write(text)
        return
    save(output, written)
    if own_fd(output) is None:
        for line in built.summary:
            inform(line, sys.stdout)


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise OutputError(f"cannot write output: {e.strerror or e}") from None
