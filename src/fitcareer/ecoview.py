"""Sheets for `fitcareer sources` and `fitcareer income`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import earnings, queries
from .catalog import Catalog
from .citations import Citation, citations, summary
from .earnings import Span
from .models import (
    Accreditation,
    Certification,
    CeUnit,
    Choice,
    ContinuingEducation,
    Delivery,
    Figure,
    FlagFact,
    NumFact,
    Outlook,
    PassRate,
    Price,
    Relation,
    Role,
    Source,
    Statement,
    TextFact,
)
from .present import (
    DELIVERY,
    STALE,
    Footnotes,
    describe,
    figure,
    money,
    number,
    plain,
    statement,
    when,
    year_of,
)
from .render import CONFLICT, UNKNOWN, Sheet

# --- sources ---------------------------------------------------------------------------


def _dates(source: Source, cited: list[Citation], notes: Footnotes) -> str:
    """The source's date, and the years of the facts citing it where they differ."""
    text = when(source.date) + (f" ({STALE})" if notes.stale(source.date) else "")
    own = year_of(source.date)
    years = sorted({y for c in cited if (y := year_of(c.date)) is not None and y != own})
    if years:
        marked = [f"{y}" + (f" ({STALE})" if notes.stale(str(y)) else "") for y in years]
        text += "\nfacts for " + ", ".join(marked)
    return text


def _stale(source: Source, cited: list[Citation], notes: Footnotes) -> bool:
    return notes.stale(source.date) or any(notes.stale(c.date) for c in cited)


def _where(source: Source) -> str:
    return source.url or (f"file {source.file}" if source.file else "")


def _cited_payload(c: Citation, notes: Footnotes) -> dict[str, Any]:
    return {
        "section": c.section,
        "owner": c.owner,
        "field": c.field,
        "date": c.date,
        "stale": notes.stale(c.date),
    }


def _source_payload(source: Source, cited: list[Citation], notes: Footnotes) -> dict[str, Any]:
    return {
        **plain(source),
        "facts": len(cited),
        "stale": _stale(source, cited, notes),
        "cited_by": [_cited_payload(c, notes) for c in cited],
    }


def _age_note(notes: Footnotes) -> str:
    return f"Dates more than {notes.max_age} years before {notes.today} are marked '{STALE}' (--max-age YEARS)."


def source_list(catalog: Catalog, max_age: int | None = None) -> Sheet:
    notes = Footnotes(catalog, max_age)
    cited = citations(catalog)
    rows = []
    for source in catalog.sources.values():
        facts = cited[source.id]
        by = f"{source.publisher}, {source.kind}" if source.publisher else source.kind
        lines = [source.title, by, _where(source)]
        count = f"{len(facts)} fact{'' if len(facts) == 1 else 's'}"
        rows.append(
            [
                source.id,
                "\n".join(line for line in lines if line),
                _dates(source, facts, notes),
                "\n".join([count, *summary(facts)]) if facts else "not cited",
            ]
        )
    return Sheet(
        title=f"Sources ({len(rows)})",
        header=["ID", "Source", "Date", "Cited by"],
        rows=rows,
        payload=[_source_payload(s, cited[s.id], notes) for s in catalog.sources.values()],
        notes=[_age_note(notes), "Every fact citing one: fitcareer sources ID"],
        empty="No sources in the data.",
    )


def _price(p: Price) -> str:
    amount = money(p.usd) + (f"-{money(p.usd_max)}" if p.usd_max else "")
    label = f" ({p.label})" if p.label else ""
    return f"{amount} {p.kind.replace('-', ' ')}{label}"


def gist(catalog: Catalog, item: Any) -> str:
    """A fact in a few words, for a list of the facts citing a source."""
    if isinstance(item, Statement):
        return item.text
    if isinstance(item, Figure):
        unit = "a year" if item.unit == "year" else "an hour"
        return f"{money(item.amount)} {unit}: {item.measure}, {item.scope}"
    if isinstance(item, Outlook):
        parts = [f"{item.growth_percent:+g}% jobs"] if item.growth_percent is not None else []
        if item.openings_per_year is not None:
            parts.append(f"about {number(item.openings_per_year)} openings a year")
        return f"{', '.join(parts) or UNKNOWN}, {item.period}, {item.scope}"
    if isinstance(item, Price):
        return _price(item)
    if isinstance(item, NumFact):
        return number(item.value)
    if isinstance(item, TextFact):
        return item.value
    if isinstance(item, FlagFact):
        return "yes" if item.value else "no"
    if isinstance(item, Delivery):
        return DELIVERY[item.value]
    if isinstance(item, Accreditation):
        body = catalog.bodies.get(item.body)
        name = body.abbr if body else item.body
        return f"accredited by {name}" if item.accredited else f"not accredited by {name}"
    if isinstance(item, Relation):
        return f"{item.kind.replace('-', ' ')} {item.org}"
    if isinstance(item, CeUnit):
        return f"1 {item.unit} = {number(item.hours)} hours"
    if isinstance(item, PassRate):
        return f"{number(item.percent)}% passed ({item.period})"
    if isinstance(item, ContinuingEducation):
        return f"{number(item.amount)} {item.unit} per {number(item.per_years)} years"
    if isinstance(item, Choice):
        return f"answer '{item.label}'"
    return str(getattr(item, "value", getattr(item, "text", "")))


def source_detail(catalog: Catalog, source: Source, max_age: int | None = None) -> Sheet:
    notes = Footnotes(catalog, max_age)
    cited = citations(catalog)[source.id]
    rows = [
        [
            f"{c.section}: {c.owner}",
            c.field,
            gist(catalog, c.item),
            when(c.date) + (f" ({STALE})" if notes.stale(c.date) else ""),
        ]
        for c in cited
    ]
    about = [describe(source) + (f" ({STALE})" if notes.stale(source.date) else "")]
    if source.note:
        about.append(f"Note: {source.note}")
    count = f"{len(cited)} fact{'' if len(cited) == 1 else 's'} cite it."
    payload = _source_payload(source, cited, notes)
    for entry, c in zip(payload["cited_by"], cited, strict=True):
        entry["fact"] = gist(catalog, c.item)
    return Sheet(
        title=f"{source.id}: {source.title}",
        header=["Where", "Field", "Fact", "Date"],
        rows=rows,
        payload=payload,
        notes=[*about, count, _age_note(notes)],
        empty="No fact in the data cites this source.",
    )


# --- income ----------------------------------------------------------------------------


def _figure_payload(f: Figure, notes: Footnotes) -> dict[str, Any]:
    return {**plain(f), "stale": notes.stale(f.date)}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def income(catalog: Catalog, roles: list[Role]) -> Sheet:
    """The roles' income figures side by side: occupation-wide, role-specific, and words."""
    notes = Footnotes(catalog)
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


def _costs(plan: Plan, renewal: earnings.Renewal | None, notes: Footnotes) -> str:
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
        _price(p)
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


def estimate(catalog: Catalog, plan: Plan, roles: list[Role]) -> Sheet:
    """A self-employed year from a rate per session, with its assumptions and sources."""
    notes = Footnotes(catalog)
    renewal = earnings.renewal(plan.cert) if plan.cert and plan.costs is None else None
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
