"""Sheets for `fitcareer sources`: every source, its date, and the facts that cite it."""

from __future__ import annotations

from typing import Any

from fitcareer.model import (
    Accreditation,
    Catalog,
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
    Source,
    Statement,
    TextFact,
)
from fitcareer.queries.sources import Citation, citations, summary
from fitcareer.views.sheet import UNKNOWN, Cell, Note, Sheet, Value
from fitcareer.views.words import (
    DELIVERY,
    STALE,
    Footnotes,
    address,
    dated,
    describe,
    money,
    not_shown,
    number,
    out_of_date,
    price_text,
    source_record,
    when,
    year_of,
)


def _dates(source: Source, cited: list[Citation], notes: Footnotes) -> str:
    """The source's date, and the years of the facts citing it where they differ."""
    text = when(source.date) + (f" ({STALE})" if notes.stale(source.date) else "")
    own = year_of(source.date)
    years = sorted({y for c in cited if (y := year_of(c.date)) is not None and y != own})
    if years:
        marked = [f"{y}" + (f" ({STALE})" if notes.stale(str(y)) else "") for y in years]
        text += "\nfacts for " + ", ".join(marked)
    return text


def _date(source: Source, notes: Footnotes) -> str:
    return when(source.date) + (f" ({STALE})" if notes.stale(source.date) else "")


def _stale(source: Source, cited: list[Citation], notes: Footnotes) -> bool:
    return notes.stale(source.date) or any(notes.stale(c.date) for c in cited)


COPY = Cell.typed("copy: fitcareer sources ID --detail")
"""Where a list says how to read the copy of an article that comes with fitcareer."""
KEPT = "The copy that comes with fitcareer (the page may have changed since)"
"""The line above an article's copy."""


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
        **source_record(source),
        "facts": len(cited),
        "stale": _stale(source, cited, notes),
        "cited_by": [_cited_payload(c, notes) for c in cited],
    }


def _age_note(notes: Footnotes) -> Cell:
    said = f"Dates more than {notes.max_age} years before {notes.today} are marked '{STALE}'"
    return Cell.join([said, Cell.typed(" (--max-age YEARS)"), "."], "")


def _count(n: int) -> str:
    return f"{n} fact{'' if n == 1 else 's'}"


def source_list(
    catalog: Catalog,
    max_age: int | None = None,
    detail: bool = False,
    most: int = 0,
    default_limit: bool = False,
) -> Sheet:
    """One line a source: id, title and publisher, date, how many facts cite it; with
    ``detail``, where to find it and which facts cite it. The first ``most`` (0: all)
    are listed (``default_limit``: a table's own limit); JSON has every one."""
    notes = Footnotes(catalog, max_age)
    cited = citations(catalog)
    rows = []
    total = len(catalog.sources)
    for source in list(catalog.sources.values())[: most or total]:
        facts = cited[source.id]
        by = source.publisher or ""
        if detail:
            by = f"{source.publisher}, {source.kind}" if source.publisher else source.kind
        lines = [Cell(x, compact=False) for x in (source.title, by) if x]
        lines += [Cell(address(source), compact=False)] if detail else []
        lines += [COPY] if detail and source.file else []
        date = _dates(source, facts, notes) if detail else _date(source, notes)
        row: list[Value] = [source.id, Cell.of(lines), date]
        if detail:
            row.append("\n".join([_count(len(facts)), *summary(facts)]) if facts else "not cited")
        else:
            row.append(str(len(facts)))
        rows.append(row)
    hint = [Note("Which facts cite each", hint="fitcareer sources --detail")] if not detail else []
    shown = f"first {len(rows)} of {total:,}" if len(rows) < total else f"{total:,}"
    return Sheet(
        title=f"Sources ({shown})",
        header=["ID", "Source", "Date", "Cited by" if detail else "Facts"],
        rows=rows,
        payload=lambda: [_source_payload(s, cited[s.id], notes) for s in catalog.sources.values()],
        handle=True,
        notes=[
            *not_shown(len(rows), total, default_limit),
            _age_note(notes),
            *hint,
            Note("Every fact citing one", hint="fitcareer sources ID"),
        ],
        empty="No sources in the data.",
    )


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
        return price_text(item)
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


def source_detail(
    catalog: Catalog,
    source: Source,
    max_age: int | None = None,
    detail: bool = False,
    copy: str | None = None,
) -> Sheet:
    """The source in one line, then each fact citing it (where, what, for when), then
    where to find it and the data's notes on it; with ``detail``, the ``copy`` of it that
    comes with fitcareer, read by the caller (None: there is none)."""
    notes = Footnotes(catalog, max_age)
    cited = citations(catalog)[source.id]
    head = ", ".join(x for x in [source.title, source.publisher, _date(source, notes)] if x)
    rows = [["Source", f"{head}; {_count(len(cited))} cite{'s' if len(cited) == 1 else ''} it"]]
    for c in cited:
        old = out_of_date(c.item, notes) if isinstance(c.item, Price) else notes.stale(c.date)
        stamp = (dated(c.date) if isinstance(c.item, Price) else when(c.date)) + (
            f" ({STALE})" if old else ""
        )
        rows.append([c.owner, f"{c.section}, {c.field}, {stamp}: {gist(catalog, c.item)}"])
    about = [describe(source) + (f" ({STALE})" if notes.stale(source.date) else "")]
    if source.note:
        about.append(f"Note: {source.note}")
    text: list[str] = []
    if source.file and not detail:
        about.append("A copy of it comes with fitcareer: --detail prints it.")
    elif source.file and copy is None:
        about.append("Its copy does not come with this installation of fitcareer.")
    elif copy is not None:
        text = [f"{KEPT}:", "", *copy.strip().splitlines()]
    payload = _source_payload(source, cited, notes)
    for entry, c in zip(payload["cited_by"], cited, strict=True):
        entry["fact"] = gist(catalog, c.item)
    if detail:
        payload["text"] = copy
    return Sheet(
        title=source.title,
        header=["Where", "Fact"],
        rows=rows if cited else [],
        payload=payload,
        notes=[*about, _age_note(notes)],
        empty=f"{head}. No fact in the data cites this source.",
        text=text,
    )
