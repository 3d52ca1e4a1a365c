"""Sheets for `fitcareer certs` and `fitcareer steps`."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, NamedTuple

from fitcareer.model import Catalog, Certification, Price
from fitcareer.queries import certs as queries
from fitcareer.queries.certs import price_conflicts
from fitcareer.views.sheet import CONFLICT, MARKS, UNKNOWN, Cell, Flag, Line, Note, Sheet, Value
from fitcareer.views.words import (
    ASSUMED,
    ASSUMED_NOTE,
    DELIVERY,
    STALE,
    UNVERIFIED,
    Footnotes,
    OnceEach,
    ce_hours,
    dated,
    facts_cell,
    money,
    not_shown,
    number,
    out_of_date,
    plain,
    price_caveats,
    price_line_text,
    price_payload,
    price_words,
    span,
    stated,
    values_cell,
    when,
)

WITHDRAWN = "no longer offered to new candidates"
"""How a view says a certification can no longer be earned (holders may still renew)."""


def accreditation(catalog: Catalog, cert: Certification) -> str:
    """`NCCA, not DEAC`: the bodies that accredit it or do not, or unknown."""
    seen: dict[str, None] = {}
    for a in cert.accreditation:
        body = catalog.bodies.get(a.body)
        abbr = body.abbr if body else a.body
        seen[abbr if a.accredited else f"not {abbr}"] = None
    return ", ".join(seen) if seen else UNKNOWN


def _said_by(pairs: list[tuple[str, str | None]], notes: Footnotes) -> list[Cell]:
    """`[3] (its note)[4]`: each source, with what it notes, once."""
    parts: list[Cell] = []
    for source, note in dict.fromkeys(pairs):
        parts.append(Cell(refs=(notes.cite(source),), compact=False))
        parts += [Cell(asides=(note,), compact=False)] if note else []
    return parts


def _bodies(catalog: Catalog, cert: Certification, notes: Footnotes) -> list[Cell]:
    """`NCCA [1][2]`, `not DEAC [3] (its note)`: each body with the sources saying so."""
    seen: dict[str, list[tuple[str, str | None]]] = {}
    for a in cert.accreditation:
        body = catalog.bodies.get(a.body)
        abbr = body.abbr if body else a.body
        seen.setdefault(abbr if a.accredited else f"not {abbr}", []).append((a.source, a.note))
    return [Cell.join([f"{word} ", *_said_by(pairs, notes)], "") for word, pairs in seen.items()]


def _item(label: str, value: Value) -> Cell:
    """`- Questions: 120 [3]`: a labelled line of a list."""
    return dataclasses.replace(Cell.join([label, value], " "), item=True)


def _fact(label: str, values: Any, show: Any, notes: Footnotes, differ: bool) -> Cell:
    return _item(f"{label}:", facts_cell(values, show, notes, differ))


def _flagged(text: str, source: str, notes: Footnotes, differ: bool) -> Cell:
    """Words citing their source, then `(sources differ)` when ``differ``."""
    said = Cell(text, refs=(notes.cite(source),), compact=False)
    return Cell.join([said], "", ("differ",) if differ else ())


def exam_cell(cert: Certification, notes: Footnotes) -> Cell:
    e = cert.exam
    differ = queries.conflicts(cert)
    delivery: dict[str, list[tuple[str, str | None]]] = {}
    for d in e.delivery:
        note = d.note.rstrip(".") if d.note else None
        delivery.setdefault(DELIVERY[d.value], []).append((d.source, note))
    how = [Cell.join([f"{k} ", *_said_by(v, notes)], "") for k, v in delivery.items()]
    lines = [
        _fact("Questions", e.questions, number, notes, "exam.questions" in differ),
        _fact("Scored", e.scored, number, notes, "exam.scored" in differ),
        *(
            [_fact("Unscored", e.unscored, number, notes, "exam.unscored" in differ)]
            if e.unscored
            else []
        ),
        _fact("Time", e.minutes, lambda m: f"{number(m)} min", notes, "exam.minutes" in differ),
        _item("Delivery:", Cell.join(how, "; ") if how else Cell.silent()),
        _fact("Pass mark", e.pass_mark, str, notes, "exam.pass_mark" in differ),
    ]
    return Cell.of([*lines, *(stated(n, notes) for n in e.notes)])


def prerequisites_cell(cert: Certification, notes: Footnotes) -> Cell:
    p = cert.prerequisites
    differ = queries.conflicts(cert)
    needed = {True: "required", False: "not required"}.get
    lines = [
        _fact("Minimum age", p.min_age, number, notes, "prerequisites.min_age" in differ),
        _fact(
            "High-school diploma or GED",
            p.high_school,
            needed,
            notes,
            "prerequisites.high_school" in differ,
        ),
        _fact("CPR/AED", p.cpr_aed, needed, notes, "prerequisites.cpr_aed" in differ),
    ]
    if p.degree:
        lines.append(_fact("Degree", p.degree, str, notes, "prerequisites.degree" in differ))
    return Cell.of([*lines, *(stated(s, notes) for s in p.other)])


def pass_rate_cell(cert: Certification, notes: Footnotes) -> Cell:
    lines = []
    for r in cert.pass_rate:
        who = f", {number(r.candidates)} candidates" if r.candidates else ""
        who += f", {STALE}" if notes.stale(r.period) else ""
        source = notes.catalog.sources.get(r.source)
        who += ", third-party" if source and source.kind == "third-party" else ""
        note = f"; {r.note}" if r.note else ""
        text = f"{number(r.percent)}% ({r.period}{who}{note})"
        lines.append(Cell(text, refs=(notes.cite(r.source),), compact=False, item=True))
    return Cell.of(lines)


def _price_items(items: tuple[Price, ...], notes: Footnotes) -> list[Cell]:
    differ = price_conflicts(items)
    return [
        _flagged(price_line_text(p, notes), p.source, notes, (p.kind, p.label) in differ)
        for p in items
    ]


def recert_cell(catalog: Catalog, cert: Certification, notes: Footnotes) -> Cell:
    r = cert.recertification
    differ = queries.conflicts(cert)
    years = _item(
        "Every",
        facts_cell(r.cycle_years, cycle, notes, "recertification.cycle_years" in differ),
    )
    lines = [years]
    for e in r.education:
        note = f"; {e.note}" if e.note else ""
        text = f"{number(e.amount)} {e.unit} per {number(e.per_years)} years{note}"
        said = _flagged(text, e.source, notes, "recertification.education" in differ)
        lines.append(dataclasses.replace(said, item=True))
    if not r.education:
        lines.append(_item("Continuing education:", Cell.silent()))
    hours = queries.hours_per_year(catalog, cert)
    assumed = queries.assumed_units(catalog, cert)
    comparable = (
        f"Comparable: {ce_hours(hours, bool(assumed))} hours of continuing education a year"
    )
    lines.append(Cell(comparable, item=True))
    lines += [Cell(f"  {ASSUMED} {u.note or ASSUMED_NOTE}") for u in assumed]
    fees = _price_items(r.fee, notes)
    lines += [_item("Fee:", fee) for fee in fees] or [_item("Fee:", Cell.silent())]
    return Cell.of([*lines, *(stated(n, notes) for n in r.notes)])


def holding_text(h: queries.Holding, cert: Certification, notes: Footnotes) -> str:
    if h.total is None:
        return f"{UNKNOWN} ({h.missing})"
    low, high = h.renewals
    count = str(low) if low == high else f"{low}-{high}"
    fee = (
        f" + {count} renewal{'s' if high != 1 else ''} x {span(h.fee)}"
        if high
        else " (no renewal due)"
    )
    return f"{span(h.total)} over {h.years} years: {span(h.entry)}{fee}" + (
        f" (rests on prices that {STALE})" if holding_old(h, cert, notes) else ""
    )


def holding_low(cert: Certification, years: int, notes: Footnotes) -> str:
    """`$369 (rests on prices that may be out of date)`: the low end a budget or a
    ranking over years compares, with its caveat."""
    h = queries.holding(cert, years)
    if h.total is None:
        return UNKNOWN
    old = f" (rests on prices that {STALE})" if holding_old(h, cert, notes) else ""
    return f"{money(h.total[0])}{old}"


def holding_old(h: queries.Holding, cert: Certification, notes: Footnotes) -> bool:
    """Whether the cost of holding a credential rests on a price that may be out of date."""
    used = [p for p in cert.price if p.kind in queries.ENTRY_KINDS]
    used += [p for p in cert.recertification.fee if p.kind == "renewal"] if h.renewals[1] else []
    return any(out_of_date(p, notes) for p in used)


def withdrawn_lines(cert: Certification, notes: Footnotes) -> list[str]:
    """`No longer offered to new candidates [3]`, with what the source says."""
    if queries.offered(cert):
        return []
    refs = "".join(dict.fromkeys(notes.ref(s.source) for s in cert.withdrawn))
    return [f"{WITHDRAWN.capitalize()} {refs}"]


def organization_text(catalog: Catalog, cert: Certification) -> str:
    org = catalog.organizations.get(cert.org)
    if org is None:
        return cert.org
    words = f"{org.name} ({org.abbr})"
    for rel in org.relations:
        other = catalog.organizations.get(rel.org)
        words += f"; {rel.kind.replace('-', ' ')} {other.abbr if other else rel.org}"
    return words + (f"\n{org.website}" if org.website else "")


def cert_cells(
    catalog: Catalog, cert: Certification, notes: Footnotes, years: int | None
) -> dict[str, Value]:
    roles = ", ".join(catalog.roles[r].name if r in catalog.roles else r for r in cert.roles)
    closed = [stated(s, notes) for s in cert.withdrawn]
    if closed:
        closed.insert(0, Cell(f"{WITHDRAWN.capitalize()}:"))
    bodies = _bodies(catalog, cert, notes)
    cells: dict[str, Value] = {
        "Credential": Cell.of([Cell(f"{cert.credential} ({cert.abbr})"), *closed]),
        "Organization": organization_text(catalog, cert),
        "Prepares for": roles,
        "Accreditation": Cell.of([dataclasses.replace(b, item=True) for b in bodies]),
        "Exam": exam_cell(cert, notes),
        "Price": Cell.of(
            [dataclasses.replace(c, item=True) for c in _price_items(cert.price, notes)]
        ),
        "Prerequisites": prerequisites_cell(cert, notes),
        "Pass rate": pass_rate_cell(cert, notes),
        "Recertification": recert_cell(catalog, cert, notes),
        "Specialties": Cell.of([stated(s, notes) for s in cert.specialties]),
        "Notes": Cell.of([stated(s, notes) for s in cert.notes], "-"),
        "Sources differ on": ", ".join(queries.conflicts(cert)) or "-",
        "The path": Cell.typed(f"{len(catalog.steps)} steps: fitcareer steps --cert {cert.id}"),
    }
    if years is not None:
        cells[f"Cost over {years} years"] = holding_text(queries.holding(cert, years), cert, notes)
    return cells


def cert_payload(
    catalog: Catalog, cert: Certification, notes: Footnotes, years: int | None = None
) -> dict[str, Any]:
    """The record as JSON, each price with its date as shown and whether it is out of
    date against ``notes``' year and age limit."""
    org = catalog.organizations.get(cert.org)
    payload: dict[str, Any] = plain(cert)
    payload["price"] = [price_payload(p, notes) for p in cert.price]
    payload["recertification"]["fee"] = [price_payload(p, notes) for p in cert.recertification.fee]
    payload["offered"] = queries.offered(cert)
    payload["organization"] = {"id": cert.org, "abbr": org.abbr, "name": org.name} if org else None
    payload["ce_hours_per_year"] = queries.hours_per_year(catalog, cert)
    payload["ce_hours_assumed"] = [plain(u) for u in queries.assumed_units(catalog, cert)]
    payload["lowest_price"] = queries.lowest_price(cert)
    low = queries.lowest_entry(cert)
    payload["lowest_price_dated"] = dated(low.date) if low else None
    payload["lowest_price_caveats"] = price_caveats(low, notes) if low else []
    payload["conflicts"] = queries.conflicts(cert)
    if years is not None:
        h = queries.holding(cert, years)
        payload["holding"] = {
            "years": years,
            "entry": list(h.entry) if h.entry else None,
            "renewals": list(h.renewals),
            "fee": list(h.fee) if h.fee else None,
            "total": list(h.total) if h.total else None,
            "missing": h.missing,
            "rests_on_prices_out_of_date": holding_old(h, cert, notes),
            "assumptions": list(queries.HOLDING_ASSUMPTIONS),
        }
    return payload


def _cited(text: str, sources: list[str], notes: Footnotes) -> Cell:
    """Words citing their sources: `No longer offered to new candidates [3]`."""
    refs = tuple(dict.fromkeys(notes.cite(s) for s in sources))
    return Cell(text, refs=refs, compact=False)


def withdrawn_cell(cert: Certification, notes: Footnotes) -> list[Cell]:
    """`No longer offered to new candidates [3]`, with what the source says."""
    if queries.offered(cert):
        return []
    return [_cited(WITHDRAWN.capitalize(), [s.source for s in cert.withdrawn], notes)]


def _price_short(cert: Certification, notes: Footnotes) -> Cell:
    """The range of ways in, each end with its date and caveats."""
    entry = [p for p in cert.price if p.kind in queries.ENTRY_KINDS]
    closed = withdrawn_cell(cert, notes)
    if not entry:
        return Cell.join([*closed, Cell.silent()], "; ")
    sources = [p.source for p in entry]
    cheapest = min(entry, key=lambda p: p.usd)
    dearest = max(entry, key=lambda p: p.usd_max or p.usd)
    if len(entry) == 1:
        return Cell.join([*closed, _cited(price_words(cheapest, notes), sources, notes)], "; ")
    ends: list[Cell | str] = [f"low end {price_words(cheapest, notes)}"]
    if dearest is not cheapest:
        ends.append(f"high end {price_words(dearest, notes)}")
    low, high = cheapest.usd, dearest.usd_max or dearest.usd
    whole = Cell.join(
        [_cited(span((low, high)), sources, notes)],
        "",
        ("differ",) if "price" in queries.conflicts(cert) else (),
    )
    return Cell.join([*closed, whole, *ends], "; ")


def _exam_short(cert: Certification, notes: Footnotes) -> Cell:
    e = cert.exam
    differ = queries.conflicts(cert)
    questions = values_cell(
        e.questions, lambda q: f"{number(q)} questions", notes, "exam.questions" in differ
    )
    minutes = values_cell(e.minutes, lambda m: f"{number(m)} min", notes, "exam.minutes" in differ)
    return Cell.join([questions, minutes], "; ")


def cycle(years: float) -> str:
    """`2 years`, or `year` for a yearly renewal (`Every year`, never `Every 1 years`)."""
    return "year" if years == 1 else f"{number(years)} years"


ASSUMED_WORDS = "assumed conversion"
"""What a `?` on CE hours means, said in words beside the hours; a note says the rest."""

_UNSTATED = re.compile(r"not stated \(reported ([^()]*)\)")


def _rate_words(catalog: Catalog, rate: Any, notes: Footnotes) -> str:
    """`79% (2022-11-01 to 2023-11-01, third-party)`: a pass rate with its period and
    caveats; `65% (reported 6 Mar 2024, period not stated, third-party)`."""
    source = catalog.sources.get(rate.source)
    unstated = _UNSTATED.fullmatch(rate.period)
    flags = [f"reported {when(unstated[1])}, period not stated" if unstated else rate.period]
    flags += ["third-party"] if source and source.kind == "third-party" else []
    flags += [STALE] if notes.stale(rate.period) else []
    return f"{number(rate.percent)}% ({', '.join(flags)})"


def _pass_short(cert: Certification, notes: Footnotes) -> Cell:
    rates = [
        _cited(_rate_words(notes.catalog, r, notes), [r.source], notes) for r in cert.pass_rate
    ]
    return Cell.join(rates, "; ") if rates else Cell.silent()


def _labelled(label: str, value: Value) -> Cell:
    """`Age 16 [1]`: a value after its label."""
    return Cell.join([label, value], " ")


def _prerequisites_short(cert: Certification, notes: Footnotes) -> Cell:
    p = cert.prerequisites
    needed = {True: "required", False: "not required"}.get
    differ = queries.conflicts(cert)
    age = values_cell(p.min_age, number, notes, "prerequisites.min_age" in differ)
    cpr = values_cell(p.cpr_aed, needed, notes, "prerequisites.cpr_aed" in differ)
    school = values_cell(p.high_school, needed, notes, "prerequisites.high_school" in differ)
    return Cell.join(
        [_labelled("Age", age), _labelled("CPR/AED", cpr), _labelled("high school", school)],
        "; ",
    )


def _recert_short(catalog: Catalog, cert: Certification, notes: Footnotes) -> Cell:
    r = cert.recertification
    differ = queries.conflicts(cert)
    every = values_cell(r.cycle_years, cycle, notes, "recertification.cycle_years" in differ)
    found = queries.hours_per_year(catalog, cert)
    hours: Value = _labelled("CE hours a year", Cell.silent())
    if found:
        assumed = f" ({ASSUMED_WORDS})" if queries.assumed_units(catalog, cert) else ""
        hours = f"{ce_hours(found)}{assumed} CE hours a year"
    fees = [_cited(price_words(p, notes), [p.source], notes) for p in r.fee]
    fee = Cell.join(
        [_labelled("fee", Cell.join(fees, "; ") if fees else Cell.silent())],
        "",
        ("differ",) if "recertification.fee" in differ else (),
    )
    return Cell.join([_labelled("Every", every), hours, fee], "; ")


def _accredited_short(catalog: Catalog, cert: Certification, notes: Footnotes) -> Cell:
    """`NCCA [1][2]; not DEAC [3] (its note)`: each body with the sources saying so."""
    bodies = _bodies(catalog, cert, notes)
    return Cell.join(bodies, "; ") if bodies else Cell.silent()


def short_cells(
    catalog: Catalog, cert: Certification, notes: Footnotes, years: int | None
) -> dict[str, Value]:
    """A certification in one short cell an aspect, each citing its sources."""
    org = catalog.organizations.get(cert.org)
    cells: dict[str, Value] = {
        "Credential": Cell.of([Cell(cert.credential), *withdrawn_cell(cert, notes)]),
        "Organization": org.name if org else cert.org,
        "Accredited": _accredited_short(catalog, cert, notes),
        "Price": _price_short(cert, notes),
        "Exam": _exam_short(cert, notes),
        "Pass rate": _pass_short(cert, notes),
        "Prerequisites": _prerequisites_short(cert, notes),
        "Recertification": _recert_short(catalog, cert, notes),
    }
    if years is not None:
        cells[f"Cost over {years} years"] = holding_text(queries.holding(cert, years), cert, notes)
    return cells


def certs_at_a_glance(
    catalog: Catalog, certs: list[Certification], years: int | None, max_age: int, today: int
) -> Sheet:
    """Several certifications side by side, one short fact a cell; `certs_side_by_side`
    has everything. Prices are judged old against ``today``, the run's year."""
    notes = Footnotes(catalog, max_age, today)
    cells = [short_cells(catalog, c, notes, years) for c in certs]
    extra = [f"Cost over time assumes: {'; '.join(queries.HOLDING_ASSUMPTIONS)}."] if years else []
    extra += (
        [
            f"{ASSUMED_WORDS[:1].upper()}{ASSUMED_WORDS[1:]}: CE hours from a CEC-to-hour conversion no source states."
        ]
        if any(queries.assumed_units(catalog, c) for c in certs)
        else []
    )
    more = Note(
        "Every figure, statement and note, side by side", hint="the same command with --detail."
    )
    return Sheet(
        title=" vs ".join(c.abbr for c in certs),
        header=["", *(c.abbr for c in certs)],
        rows=[[label, *(c[label] for c in cells)] for label in cells[0]],
        payload=[cert_payload(catalog, c, notes, years) for c in certs],
        notes=[*extra, more, *notes.lines()],
        across=True,
    )


def certs_side_by_side(
    catalog: Catalog, certs: list[Certification], years: int | None, max_age: int, today: int
) -> Sheet:
    notes = Footnotes(catalog, max_age, today)
    cells = [cert_cells(catalog, c, notes, years) for c in certs]
    labels = list(cells[0])
    extra = [f"Cost over time assumes: {'; '.join(queries.HOLDING_ASSUMPTIONS)}."] if years else []
    return Sheet(
        title=" vs ".join(c.abbr for c in certs),
        header=["", *(c.abbr for c in certs)],
        rows=[[label, *(c[label] for c in cells)] for label in labels],
        payload=[cert_payload(catalog, c, notes, years) for c in certs]
        if len(certs) > 1
        else cert_payload(catalog, certs[0], notes, years),
        notes=[*extra, *notes.lines()],
        across=True,
    )


MARK = MARKS["differ"]
"""Marks a list cell whose sources differ; the note under the list says so once."""
CAVEAT = MARKS["unverified"]
"""Marks a list price range holding a price that is unverified or from a third party."""
OLD = MARKS["stale"]
"""Marks a list price range holding a price that may be out of date."""
CLOSED = "not offered"
"""A list's price cell for a certification no longer offered to new candidates."""

CAVEAT_FLAGS: dict[str, Flag] = {
    UNVERIFIED: "unverified",
    "third-party": "third-party",
    STALE: "stale",
}
"""The flag each of a price's caveats (`price_caveats`) becomes on a list's cell."""


def _short(
    values: list[float],
    differ: bool | None = None,
    refs: tuple[str, ...] = (),
    flags: tuple[Flag, ...] = (),
) -> Cell:
    """Distinct values in a few characters: one value or the range of several, flagged
    when ``differ`` (by default, when there are several)."""
    if not values:
        return Cell.silent()
    low, high = min(values), max(values)
    text = number(low) if low == high else f"{number(low)}-{number(high)}"
    split = low != high if differ is None else differ
    return Cell.figure(text, low, high, refs, (*flags, *(("differ",) if split else ())))


def entry_caveats(c: Certification, notes: Footnotes) -> list[str]:
    """Every caveat of the prices a list's range spans, each once, in a fixed order."""
    found = {w for p in c.price if p.kind in queries.ENTRY_KINDS for w in price_caveats(p, notes)}
    return [w for w in (UNVERIFIED, "third-party", STALE) if w in found]


def price_marks(caveats: list[str]) -> str:
    """`^` for a third-party or unverified price in the range, `!` for one out of date."""
    return (CAVEAT if set(caveats) - {STALE} else "") + (OLD if STALE in caveats else "")


def _price_cell(c: Certification, notes: Footnotes) -> Cell:
    """The range of entry prices with their sources; flagged where the sources differ
    and with each caveat of a price in the range; `not offered` when new candidates can
    no longer earn it (the range still in CSV)."""
    entry = [p for p in c.price if p.kind in queries.ENTRY_KINDS]
    refs = tuple(dict.fromkeys(notes.cite(p.source) for p in entry))
    if not entry:
        return Cell(CLOSED, flags=("withdrawn",)) if not queries.offered(c) else Cell.silent()
    low = min(p.usd for p in entry)
    high = max(p.usd_max or p.usd for p in entry)
    if not queries.offered(c):
        return Cell(CLOSED, low, high, refs, ("withdrawn",))
    flags: list[Flag] = ["differ"] if "price" in queries.conflicts(c) else []
    flags += [CAVEAT_FLAGS[w] for w in entry_caveats(c, notes)]
    return Cell.figure(span((low, high)), low, high, refs, tuple(flags))


def list_row(
    catalog: Catalog, c: Certification, years: int | None, notes: Footnotes
) -> list[Value]:
    org = catalog.organizations.get(c.org)
    differ = queries.conflicts(c)
    cheapest = min(
        (p for p in c.price if p.kind in queries.ENTRY_KINDS), key=lambda p: p.usd, default=None
    )
    exam = c.exam
    hours = queries.hours_per_year(catalog, c)
    assumed: tuple[Flag, ...] = ("assumed",) if queries.assumed_units(catalog, c) else ()
    said = tuple(dict.fromkeys(notes.cite(a.source) for a in c.accreditation))
    row: list[Value] = [
        c.id,
        c.credential,
        org.abbr if org else c.org,
        Cell(accreditation(catalog, c), refs=said) if said else Cell.silent(),
        _price_cell(c, notes),
        dated(cheapest.date) if cheapest else UNKNOWN,
        _short(
            [f.value for f in exam.questions],
            "exam.questions" in differ,
            tuple(dict.fromkeys(notes.cite(f.source) for f in exam.questions)),
        ),
        _short(
            [f.value for f in exam.minutes],
            "exam.minutes" in differ,
            tuple(dict.fromkeys(notes.cite(f.source) for f in exam.minutes)),
        ),
        _short(
            hours,
            refs=tuple(dict.fromkeys(notes.cite(e.source) for e in c.recertification.education))
            if hours
            else (),
            flags=assumed if hours else (),
        ),
    ]
    if years is not None:
        h = queries.holding(c, years)
        old: tuple[Flag, ...] = ("stale",) if h.total and holding_old(h, c, notes) else ()
        row.append(Cell.figure(span(h.total), *h.total, flags=old) if h.total else Cell.silent())
    return row


def left_out(
    unknown: dict[tuple[str, ...], int],
    sort: str | None,
    unsorted: int,
    shown: int,
    total: int,
    default_limit: bool,
    closed: list[Certification] | None = None,
    years: int | None = None,
) -> list[Line]:
    """What a list leaves out or puts last, and why: values the sources do not give for a
    filter or the sort, certifications no longer offered (left out of a budget or a
    ranking by cost), and matches beyond the limit (``default_limit``: the table's own)."""
    lines: list[Line] = [
        f"{count:,} more left out: {' and '.join(queries.filter_word(n, years) for n in names)} unknown"
        for names, count in unknown.items()
    ]
    if closed:
        names = ", ".join(c.abbr for c in closed)
        lines.append(f"{len(closed):,} more left out: {WITHDRAWN} ({names})")
    if sort and unsorted:
        what = sort.replace("-", " ")
        what = f"cost over {years} years" if sort == "cost" and years is not None else what
        lines.append(f"{unsorted:,} listed last: {what} unknown")
    return lines + not_shown(shown, total, default_limit)


class Listed(NamedTuple):
    """What a list shows of one certification besides its JSON entry: its row, and what
    the notes under the list say of it."""

    row: tuple[Value, ...]
    marks: str
    """The marks its price and cost cells carry (`^`, `!`), for the legend."""
    lowest: str | None
    """Its lowest price with its date and caveats, as a ranking by cost names it."""
    assumed: bool
    """Its hours a year rest on a CEC-to-hour conversion fitcareer assumes."""


def listed(catalog: Catalog, c: Certification, years: int | None, notes: Footnotes) -> Listed:
    p = queries.lowest_entry(c)
    held = queries.holding(c, years) if years is not None else None
    old = bool(held and held.total and holding_old(held, c, notes))
    return Listed(
        row=tuple(list_row(catalog, c, years, notes)),
        marks=(price_marks(entry_caveats(c, notes)) if queries.offered(c) else "")
        + (OLD if old else ""),
        lowest=f"{c.abbr} {price_words(p, notes)}" if p else None,
        assumed=bool(queries.hours_per_year(catalog, c) and queries.assumed_units(catalog, c)),
    )


def _list_title(shown: int, total: int | None, chosen: str | None = None) -> str:
    name = f"Certifications {chosen}" if chosen else "Certifications"
    if total is None or total == shown:
        return f"{name} ({shown:,})"
    return f"{name} (first {shown} of {total:,})"


def _list_header(years: int | None, used: str | None) -> list[str]:
    """A list's columns: the cost over `years` and the cost a sort or filter used, when asked."""
    header = ["ID", "Credential", "Org", "Accredited", "Price", "Dated"]
    header += ["Questions", "Minutes", "CE h/yr"]
    if years is not None:
        header.append(f"Cost, {years} yrs")
    if used:
        header.append(COST_USED)
    return header


def _cost_cell(c: Certification, years: int | None, used: str) -> Cell:
    low = queries.cost(c, years)
    return Cell.silent() if low is None else Cell.figure(f"{money(low)}, {used}", low)


def cert_list(
    catalog: Catalog,
    certs: list[Certification],
    left_out: list[Line],
    years: int | None,
    max_age: int,
    today: int,
    total: int | None = None,
    detail: bool = False,
    sort: str | None = None,
    max_cost: float | None = None,
    chosen: str | None = None,
) -> Sheet:
    """The certifications as a list, one short fact a cell; ``total`` counts the matches
    when only the first are given. A table leaves out columns that do not fit unless
    ``detail`` asks for every one. Prices are judged old against ``today``, the run's year.
    ``chosen`` says which the list holds (`accredited by NCCA`), for a page to state."""
    notes = Footnotes(catalog, max_age, today)
    cited = OnceEach(catalog, max_age, today)
    used = cost_used(years, sort, max_cost)
    header = _list_header(years, used)
    shown = [listed(catalog, c, years, notes) for c in certs]
    rows = [list(item.row) for item in shown]
    if used:
        for row, c in zip(rows, certs, strict=True):
            row.append(_cost_cell(c, years, used))
    marked = any(isinstance(cell, Cell) and "differ" in cell.flags for row in rows for cell in row)
    extra = [f"Cost over time assumes: {'; '.join(queries.HOLDING_ASSUMPTIONS)}."] if years else []
    legend = f"{MARK} {CONFLICT}; " if marked else ""
    extra += caveat_notes(catalog, certs, shown, notes, sort, max_cost, years)
    omits = [*(["Org"] if all(_named(catalog, c) for c in certs) else []), *PAGE_OMITS]
    on_page = [i for i, h in enumerate(header) if h not in omits]
    row_sources = [
        row_refs(c, [row[i] for i in on_page], cited, years)
        for c, row in zip(certs, rows, strict=True)
    ]
    return Sheet(
        title=_list_title(len(certs), total),
        header=header,
        rows=rows,
        payload=lambda: [
            cert_payload(catalog, c, notes, years) | used_payload(c, years, used) for c in certs
        ],
        notes=[
            *left_out,
            *extra,
            Cell.join(
                [
                    f"{legend}{UNKNOWN}: the sources are silent.",
                    Cell.typed(" Sources: fitcareer certs ID"),
                ],
                "",
            ),
            *notes.lines(quiet=True),
        ],
        cited=row_sources,
        handle=True,
        cited_notes=cited.lines(),
        page_title=_list_title(len(certs), total, chosen),
        page_omits=omits,
        empty="No certification matches these filters.",
        columns={"Accredited": "fact", **dict.fromkeys(["Price", *header[6:]], "figure")},
        optional=[]
        if detail
        else [
            *([COST_USED] if used else []),
            "Credential",
            "Dated",
            "Minutes",
            "Questions",
            "CE h/yr",
            *([] if used else header[9:]),
        ],
    )


PAGE_OMITS = ["Questions", "Minutes"]
"""What a page of the list leaves out, to fit two printed pages with the sources of every
figure it shows: an exam's length, which each certification's own record gives."""


def _named(catalog: Catalog, c: Certification) -> bool:
    """Whether a credential's name starts with its organization's abbreviation."""
    org = catalog.organizations.get(c.org)
    return org is not None and c.credential.startswith(org.abbr)


def row_refs(
    c: Certification, row: list[Value], notes: Footnotes, years: int | None = None
) -> tuple[str, ...]:
    """The sources of every figure and fact a list's row shows (the ones its cells cite,
    its price's, accreditation's and, over ``years``, renewal fees'), each numbered in
    ``notes``."""
    found = [s for cell in row if isinstance(cell, Cell) for s in cell.cites()]
    found += [p.source for p in c.price if p.kind in queries.ENTRY_KINDS]
    found += [a.source for a in c.accreditation]
    if years is not None:
        found += [p.source for p in queries.renewal(c).fees]
    return tuple(dict.fromkeys(notes.cite(s) for s in found if s))


def chosen_words(catalog: Catalog, f: queries.Filters) -> str | None:
    """What a filtered list holds, in words: `accredited by NCCA, for a personal trainer`."""
    said = []
    if f.body:
        body = catalog.bodies.get(f.body)
        said.append(f"accredited by {body.abbr if body else f.body}")
    if f.org:
        org = catalog.organizations.get(f.org)
        said.append(f"from {org.abbr if org else f.org}")
    if f.role:
        role = catalog.roles.get(f.role)
        said.append(f"for a {role.name.lower() if role else f.role}")
    if f.specialty:
        said.append(f"whose specialties mention '{f.specialty}'")
    if f.max_cost is not None:
        what = f"a cost over {f.years} years" if f.years else "a known price"
        said.append(f"with {what} of at most {money(f.max_cost)}")
    if f.delivery:
        said.append(f"whose exam is taken {f.delivery}")
    return ", ".join(said) or None


COST_USED = "Cost used"
"""The list column holding the figure a budget or a ranking by cost compares."""


def cost_used(years: int | None, sort: str | None, max_cost: float | None) -> str | None:
    """`6-yr low` when a budget or a ranking by cost compares the low end of the cost
    over ``years``; None when it compares entry prices or nothing."""
    if years is None or (sort != "cost" and max_cost is None):
        return None
    return f"{years}-yr low"


def used_payload(c: Certification, years: int | None, used: str | None) -> dict[str, Any]:
    """The figure a budget or a ranking by cost compares, and what it is, as JSON."""
    if not used:
        return {}
    return {
        "cost_used": {
            "usd": queries.cost(c, years),
            "basis": f"low end of the cost over {years} years",
            "years": years,
        }
    }


def caveat_notes(
    catalog: Catalog,
    certs: list[Certification],
    shown: list[Listed],
    notes: Footnotes,
    sort: str | None,
    max_cost: float | None,
    years: int | None = None,
) -> list[str]:
    """What the list's prices, hours and ranking rest on, where a figure carries a caveat.
    A ranking by cost or a budget names every price it rests on, with its date; over
    years, the low end of each one's cost over them."""
    lines = []
    if years is not None and (max_cost is not None or sort == "cost"):
        how = (
            f"Within the budget at the low end of each one's cost over {years} years"
            if max_cost is not None
            else f"Ranked by the low end of each one's cost over {years} years"
        )
        said = [
            f"{c.abbr} {holding_low(c, years, notes)}"
            for c in certs
            if queries.cost(c, years) is not None
        ]
        if said:
            lines.append(f"{how}: {'; '.join(said)}.")
    elif max_cost is not None or sort == "cost":
        how = (
            "Within the budget at each one's lowest exam or package price"
            if max_cost is not None
            else "Ranked by each one's lowest exam or package price"
        )
        said = [item.lowest for item in shown if item.lowest]
        if said:
            lines.append(f"{how}: {'; '.join(said)}.")
    marks = "".join(item.marks for item in shown)
    legend = [f"{CAVEAT} a third-party or unverified price"] if CAVEAT in marks else []
    legend += [f"{OLD} a price that {STALE}"] if OLD in marks else []
    if legend:
        lines.append("; ".join(legend))
    closed = [c.abbr for c in certs if not queries.offered(c)]
    if closed:
        lines.append(f"{CLOSED}: new candidates can no longer earn it: {', '.join(closed)}")
    if any(item.assumed for item in shown):
        lines.append(f"{ASSUMED} hours rest on a CEC-to-hour conversion fitcareer assumes")
    if sort == "pass-rate":
        ranked = [(c, queries.latest_rate(c)) for c in certs]
        words = [f"{c.abbr} {_rate_words(catalog, r, notes)}" for c, r in ranked if r]
        lines.append(
            "Ranked by each one's latest published pass rate, whatever its period or source: "
            + "; ".join(words)
            + "."
        )
    return lines


STEP_FACTS = {
    "choose-program": ("Accreditation", "Price"),
    "meet-prerequisites": ("Prerequisites",),
    "take-exam": ("Exam", "Pass rate"),
    "define-specialty": ("Specialties",),
    "apply-for-jobs": ("Prepares for",),
    "continue-education": ("Recertification",),
}
"""Which parts of a certification's record fill in each step of the path."""


PAYLOAD_KEYS = {
    "Accreditation": "accreditation",
    "Price": "price",
    "Prerequisites": "prerequisites",
    "Exam": "exam",
    "Pass rate": "pass_rate",
    "Specialties": "specialties",
    "Prepares for": "roles",
    "Recertification": "recertification",
}
"""The JSON key of each part of a certification's record."""


def steps_detail(catalog: Catalog, cert: Certification | None, max_age: int, today: int) -> Sheet:
    """Every step with what it involves, its facts and the certification's whole record."""
    notes = Footnotes(catalog, max_age, today)
    header = ["#", "Step", "What it involves", "Facts"]
    cells = cert_cells(catalog, cert, notes, None) if cert else {}
    record = cert_payload(catalog, cert, notes) if cert else {}
    if cert:
        header.append(f"For {cert.abbr}")
    rows = []
    payload = []
    for step in catalog.steps:
        labels = STEP_FACTS.get(step.id, ()) if cert else ()
        own = [line for label in labels for line in (Cell(f"{label}:"), cells[label])]
        row: list[Value] = [
            str(step.n),
            step.title,
            Cell.of([stated(s, notes) for s in step.involves], "-"),
            Cell.of([stated(s, notes) for s in step.facts], "-"),
        ]
        if cert:
            row.append(
                Cell.of(
                    [Cell(c) if isinstance(c, str) else c for c in own],
                    "nothing specific in the data",
                )
            )
        rows.append(row)
        item = plain(step)
        if cert:
            item["certification"] = {
                "id": cert.id,
                **{
                    PAYLOAD_KEYS[label]: record[PAYLOAD_KEYS[label]]
                    for label in STEP_FACTS.get(step.id, ())
                },
            }
        payload.append(item)
    title = f"The path to certification: {cert.abbr}" if cert else "The path to certification"
    return Sheet(title, header, rows, payload, notes.lines(), empty="No steps in the data.")


STEP_SHORT = {
    "choose-program": ("Accredited", "Price"),
    "meet-prerequisites": ("Prerequisites",),
    "take-exam": ("Exam", "Pass rate"),
    "define-specialty": ("Specialties",),
    "apply-for-jobs": ("Prepares for",),
    "continue-education": ("Recertification",),
}
"""Which short facts of a certification answer each step at a glance."""


def _step_cells(catalog: Catalog, cert: Certification, notes: Footnotes) -> dict[str, Value]:
    cells = short_cells(catalog, cert, notes, None)
    sources = [s.source for s in cert.specialties]
    listed = f"{len(cert.specialties)} listed"
    cells["Specialties"] = _cited(listed, sources, notes) if sources else Cell.silent()
    cells["Prepares for"] = ", ".join(
        catalog.roles[r].name if r in catalog.roles else r for r in cert.roles
    )
    return cells


def steps(
    catalog: Catalog,
    cert: Certification | None,
    max_age: int,
    today: int,
    detail: bool = False,
) -> Sheet:
    """The path in short: each step with what it involves, or with the certification's
    own facts; ``detail`` adds every fact behind each step."""
    full = steps_detail(catalog, cert, max_age, today)
    if detail:
        return full
    notes = Footnotes(catalog, max_age, today)
    cells = _step_cells(catalog, cert, notes) if cert else {}
    rows: list[list[Value]] = []
    for step in catalog.steps:
        text: Value
        if cert:
            labels = STEP_SHORT.get(step.id, ())
            said = [_labelled(f"{k}:", cells[k]) for k in labels]
            text = Cell.of(said, "nothing specific in the data")
        else:
            text = Cell.of([stated(s, notes) for s in step.involves], "-")
        rows.append([str(step.n), step.title, text])
    header = ["#", "Step", f"For {cert.abbr}" if cert else "What it involves"]
    more = Note(
        "What each step involves and the facts behind it", hint="the same command with --detail."
    )
    return Sheet(full.title, header, rows, full.payload, [more, *notes.lines()], empty=full.empty)
