"""The report a counsellor hands to a client: what the other views say, composed into one
dated page with one numbering of the sources.

Each part comes from the view that already answers it at a glance (the quiz result,
compare, income, pay in an area, certifications side by side, the steps). Those views
number their own sources; `adopt` renumbers a view's references into the report's one
`Footnotes`, in the order the page is read, and keeps the source list for the end.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from fitcareer.model import Catalog, Certification, Figure, Role
from fitcareer.queries import certs as cq
from fitcareer.queries import roles as rq
from fitcareer.queries.interests import Profile
from fitcareer.queries.quiz import Rank, Reason, Result
from fitcareer.queries.wages import Area
from fitcareer.views import certs as cert_views
from fitcareer.views import income as income_views
from fitcareer.views import report_interests as interest_views
from fitcareer.views import roles as role_views
from fitcareer.views import wages as wage_views
from fitcareer.views.sheet import UNKNOWN, Cell, Note, Sheet, Value, shown
from fitcareer.views.sheet import said as line_words
from fitcareer.views.words import (
    STALE,
    UNDATED,
    Footnotes,
    OnceEach,
    dated,
    money,
    number,
    plain,
    price_caveats,
    price_text,
    price_words,
    source_record,
    statement,
    when,
)

TITLE = "Fitness career report"
CERTS_SHOWN = 2
"""Certifications the report chooses when none are named."""
YEARS = 6
"""Years the cost of holding a certification covers unless the counsellor says otherwise."""
RULE = (
    "Chosen by fitcareer: the accredited certifications that prepare for {role} and are "
    "still offered to new candidates, NCCA-accredited first, then the lowest known price "
    "first (a price with a caveat counts as given, and its date and caveat are shown); "
    "{shown} of {total}."
)
NO_CLEAR_FIT = "No clear fit yet."


@dataclass
class Section:
    """A titled part of the report: paragraphs (lines; `- ` lines are a list), then a table."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    sheet: Sheet | None = None
    sources: list[Note] = field(default_factory=list)
    """The numbered sources, as data (the last section's)."""
    short: bool = False
    """Its list is of short items, which a printed page sets in two columns."""


@dataclass
class Report:
    title: str
    colophon: list[str]
    """Who it is for, when, by which version and from which data it was prepared."""
    sections: list[Section]
    notes: Footnotes
    """The one numbering of the sources every section cites."""
    summary: list[str]
    """A few lines for the terminal."""
    payload: dict[str, Any] = field(default_factory=dict)
    client: str | None = None


@dataclass(frozen=True)
class Request:
    """What the counsellor asked for."""

    roles: list[Role]
    """Roles named on the command line (empty: from the answers, or the default pair)."""
    result: Result | None
    certs: list[Certification]
    """Certifications named (empty: chosen by `RULE`)."""
    years: int
    area: Area | None
    client: str | None
    date: datetime.date
    version: str
    data_from: str
    """`the data shipped with it` or `the data in 'DIR'`."""
    max_age: int
    interests: Profile | None = None
    """The client's interest profile (fitcareer interests --save), shown after the verdict."""
    ratings_from: str = ""
    """The O*NET extract the interest matches rest on."""


# --- One numbering --------------------------------------------------------------------------

_REF = re.compile(r"\[(\d+)\]")


def adopt(sheet: Sheet, notes: Footnotes) -> Sheet:
    """The sheet with the sources its cells cite numbered in ``notes`` (cells row by row,
    then notes, as the page is read) and its own list of sources taken out. A `Cell` cites
    its sources by id, which ``notes`` numbers; no text is read for references."""
    for row in sheet.rows:
        for value in row:
            if isinstance(value, Cell):
                for source in value.cites():
                    notes.ref(source)
    for note in sheet.notes:
        if isinstance(note, Cell):
            for source in note.cites():
                notes.ref(source)
    rows = [list(row) for row in sheet.rows]
    kept = [n for n in sheet.notes if not (isinstance(n, Note) and n.source is not None)]
    return dataclasses.replace(sheet, rows=rows, notes=kept)


def words(value: Value) -> str:
    """A cell's words without its references, for reading what it says."""
    return shown(value, cite=False)


def ref_of(notes: Footnotes, source: str) -> int | None:
    """The number a source has on the page, or None when the page does not cite it."""
    return notes.numbers.get(source)


# --- The parts ------------------------------------------------------------------------------


def compared(catalog: Catalog, req: Request) -> list[Role]:
    """The roles side by side: those named, else the answers' top two, else the default pair."""
    if req.roles:
        return req.roles
    if req.result is not None:
        return compared_roles(req.result)
    return [catalog.roles[r] for r in rq.DEFAULT_COMPARE if r in catalog.roles]


def compared_roles(result: Result) -> list[Role]:
    """The top role, with the runner-up only when the fit is not clear: a role far behind
    the winner is nothing a client needs side by side."""
    return [r.role for r in result.ranking[: 1 if clear(result) else 2]]


def clear(result: Result) -> bool:
    return result.unclear is None and result.ranking[0].score > 0


def points(value: float) -> str:
    return f"{number(value)} point{'' if value == 1 else 's'}"


DECIDING = 3
"""How many answers the verdict names as the ones that decided it."""


def deciding(res: Result) -> list[Reason]:
    """The answers that put the top role furthest ahead of the runner-up, most first."""
    first = res.ranking[0].role.id
    second = res.ranking[1].role.id if len(res.ranking) > 1 else ""

    def lead(r: Reason) -> float:
        return r.choice.weights.get(first, 0) - r.choice.weights.get(second, 0)

    return sorted((r for r in res.reasons if lead(r) > 0), key=lead, reverse=True)[:DECIDING]


def _reason(r: Reason, notes: Footnotes) -> str:
    names = " and ".join(role.name.lower() for role in r.roles)
    return f"- {r.choice.reason} (points for {names}) {notes.ref(r.choice.source)}"


def scored(rank: Rank) -> str:
    """`20 of 26 points`: a role's score and the most the answers could give it."""
    return f"{number(rank.score)} of {points(rank.ceiling)}"


def tied(res: Result) -> bool:
    return res.unclear is not None and res.unclear.gap == 0 and res.ranking[0].score > 0


def head(res: Result) -> str:
    """`Best fit: Personal trainer, 20 of 26 points.`, or why there is no clear fit yet."""
    top = res.ranking[0]
    if top.score <= 0:
        return f"{NO_CLEAR_FIT} No answer gave any role points."
    unclear = res.unclear
    if unclear is None:
        return f"Best fit: {top.role.name}, {scored(top)}."
    first, second = unclear.first, unclear.second
    if tied(res):
        return (
            f"{NO_CLEAR_FIT} A tie: {first.role.name} {scored(first)}, "
            f"{second.role.name} {scored(second)}."
        )
    return (
        f"{NO_CLEAR_FIT} {first.role.name} {scored(first)}, {second.role.name} "
        f"{scored(second)}: a lead of {points(unclear.gap)}, where a clear fit needs "
        f"{points(unclear.needed)}."
    )


def next_step(res: Result) -> str:
    """What the client does next: the first step to certification for a clear fit, or
    what would settle an unclear one."""
    unclear = res.unclear
    if unclear is None:
        step = res.next.step
        first = f": {step.title[:1].lower()}{step.title[1:]}" if step else ""
        return f"Next step{first} (the steps are below)."
    if res.ranking[0].score <= 0:
        return "Next step: answer the questions that give roles points."
    what = "break the tie" if tied(res) else "settle it"
    if unclear.open:
        return f"Next step: answer the questions below that could {what}."
    return f"Next step: talk through what each role involves; nothing left in the answers could {what}."


def answered(res: Result, notes: Footnotes) -> list[str]:
    """The answers behind the verdict: those that decided it, or for no clear fit those
    that pulled the two apart and the questions that could still set them apart."""
    unclear = res.unclear
    if unclear is None:
        picked = deciding(res)
        return (
            ["The answers that decided it:", *(_reason(r, notes) for r in picked)] if picked else []
        )
    lines = []
    if unclear.pulled:
        lines.append("The answers that gave points to one or the other:")
        for rank in (unclear.first, unclear.second):
            given = [r for r in unclear.pulled if rank.role in r.roles]
            said = "; ".join(f"{r.choice.reason} {notes.ref(r.choice.source)}" for r in given)
            lines.append(f"- For {rank.role.name.lower()}: {said}")
    if unclear.open:
        what = "What would break the tie" if tied(res) else "What could still set them apart"
        lines.append(f"{what}: the answers to these questions, not given yet:")
        lines += [f"- {q.text}" for q in unclear.open]
    if unclear.statements:
        said = " ".join(statement(s, notes).removeprefix("- ") for s in unclear.statements)
        lines.append(f"What the sources say about doing both: {said}")
    return lines


def verdict(req: Request, notes: Footnotes) -> Section:
    """The verdict and the answers that decided it; or who chose the roles."""
    lines: list[str] = []
    res = req.result
    if res is not None:
        lines += [head(res), next_step(res)]
        lines += answered(res, notes)
        named = 1 if res.unclear is None or res.ranking[0].score <= 0 else 2
        others = ", ".join(f"{r.role.name} {scored(r)}" for r in res.ranking[named:])
        lines += [f"The other roles scored: {others}."] if others else []
        if not req.roles and len(compared_roles(res)) == 1 and len(res.ranking) > 1:
            lines.append(
                f"This page covers {res.ranking[0].role.name.lower()} alone: the other "
                "roles are far behind."
            )
        if tied(res) and not req.roles:
            lines.append(
                f"The certifications and steps below are for {res.ranking[0].role.name.lower()}, "
                "the first of the two in fitcareer's list of roles; they do not break the tie."
            )
    elif not req.roles:
        lines.append(f"{NO_CLEAR_FIT} The client has not answered the questionnaire.")
    if req.roles:
        names = ", ".join(r.name for r in req.roles)
        lines.append(f"The roles compared here were chosen by the counsellor: {names}.")
    elif res is None:
        lines.append("The comparison shows the two roles fitcareer compares by default.")
    return Section("What fits", lines)


def by_this_year(req: Request) -> int:
    """The age limit that makes a view judging by this year judge by the report's date."""
    return req.max_age + datetime.date.today().year - req.date.year


def comparison(catalog: Catalog, roles: list[Role], req: Request, notes: Footnotes) -> Section:
    """The roles side by side; education, licensing and the time to qualify only when a
    role is of another career than fitness (the page stays within its three printed pages)."""
    other = not all(rq.fitness_path(catalog, r) for r in roles)
    aspects = [
        k
        for k in rq.ASPECTS
        if (other or k not in rq.FAMILY_ASPECTS) and k != "income"  # the pay section says it
    ]
    sheet = role_views.compare(catalog, roles, aspects, by_this_year(req), False, req.area)
    sheet = dataclasses.replace(
        sheet, notes=[n for n in sheet.notes if not line_words(n).startswith("Outlook:")]
    )
    return Section("The roles at a glance", sheet=adopt(sheet, notes))


def _said(cell: Value) -> bool:
    """Whether a cell still says something once its command-line pointers are taken out."""
    return bool(shown(cell, cite=False, page=True).strip())


def pay(catalog: Catalog, roles: list[Role], req: Request, notes: Footnotes) -> list[Section]:
    sheet = income_views.income(catalog, roles, by_this_year(req))
    kept = [
        ["The whole occupation" if words(r[0]) == income_views.HEADLINE else r[0], *r[1:]]
        for r in sheet.rows
        if all(_said(c) for c in r[1:])
    ]
    parts = [Section("Pay", sheet=adopt(dataclasses.replace(sheet, rows=kept), notes))]
    if req.area is not None:
        local = wage_views.area_pay(catalog, req.area, by_this_year(req))
        rows = [r for r in local.rows if words(r[0]) in AREA_SHOWN]
        told = [n for n in local.notes if not line_words(n).startswith(READ_FROM)]
        local = adopt(dataclasses.replace(local, rows=rows, notes=told), notes)
        parts.append(Section(f"Pay in {req.area.name}", sheet=local))
    return parts


READ_FROM = "Cross-industry figures, read from"
"""The note naming the copy of BLS's files the figures were read from: the source, cited
beside them, is what a client opens."""

AREA_SHOWN = (
    "Median, a year",
    "10th percentile, a year",
    "90th percentile, a year",
    "Employment",
    "Source",
    "How they differ",
)
"""Rows of an area's pay the page keeps: the median and the spread a year, how many work
there, the source and how the area differs say what a client needs."""


def accredited(cert: Certification) -> bool:
    return any(a.accredited for a in cert.accreditation)


def ranked(catalog: Catalog, role: Role) -> list[Certification]:
    """The accredited certifications for a role still offered to new candidates, best
    first by `RULE`."""
    found = [c for c in rq.credentials(catalog, role) if accredited(c) and cq.offered(c)]
    order = {c.id: i for i, c in enumerate(catalog.certifications.values())}

    def key(c: Certification) -> tuple[bool, bool, float, int]:
        price = cq.lowest_price(c)
        return (cq.accredited_by(c, "ncca") is not True, price is None, price or 0.0, order[c.id])

    return sorted(found, key=key)


def chosen(catalog: Catalog, req: Request, top: Role) -> tuple[list[Certification], str]:
    """The certifications shown and the sentence saying how they were chosen."""
    if req.certs:
        return req.certs, "Chosen by the counsellor."
    found = ranked(catalog, top)
    shown = found[:CERTS_SHOWN]
    rule = RULE.format(role=f"a {top.name.lower()}", shown=len(shown), total=len(found))
    return shown, rule


def within(budget: float, certs: list[Certification], notes: Footnotes) -> str:
    """What the client's budget says of each certification shown: a claim only where its
    lowest price is known, and that price named with its date."""
    known = [(c, p) for c in certs if (p := cq.lowest_entry(c)) is not None]
    parts = []
    under = [f"{c.abbr}, {price_words(p, notes)}" for c, p in known if p.usd <= budget]
    over = [f"{c.abbr}, {price_words(p, notes)}" for c, p in known if p.usd > budget]
    unknown = [c.abbr for c in certs if cq.lowest_entry(c) is None]
    if under:
        parts.append(f"within it at the lowest known price: {'; '.join(under)}")
    if over:
        parts.append(f"over it: {'; '.join(over)}")
    if unknown:
        parts.append(f"price {UNKNOWN}, so whether it fits cannot be said: {', '.join(unknown)}")
    return (
        f"The client's budget: up to {money(budget)}. "
        + ". ".join(p[:1].upper() + p[1:] for p in parts)
        + "."
    )


def _unaside(cell: Value) -> Value:
    """The cell without its asides (an accreditation's history), which a client does not
    need; one that says something is unknown stays."""
    if isinstance(cell, str):
        return cell
    kept = tuple(a for a in cell.asides if UNKNOWN in a.split())
    lines = tuple(c for c in map(_unaside, cell.lines) if isinstance(c, Cell))
    return dataclasses.replace(cell, asides=kept, lines=lines)


def certifications(
    catalog: Catalog, certs: list[Certification], rule: str, req: Request, notes: Footnotes
) -> Section:
    lines = [rule]
    budget = req.result.next.budget if req.result is not None else None
    if budget is not None and certs:
        lines.append(within(budget, certs, notes))
    if not certs:
        lines.append("No accredited certification for this role is in the data.")
        return Section("Certifications", lines)
    sheet = cert_views.certs_at_a_glance(catalog, certs, req.years, req.max_age, req.date.year)
    rows = [
        [r[0], *(_unaside(c) for c in r[1:])] if words(r[0]) == "Accredited" else r
        for r in sheet.rows
        if words(r[0]) != "Organization"  # the credential names it
    ]
    costs = [c for r in rows if words(r[0]).startswith("Cost over") for c in r[1:]]
    if costs and all(words(c).startswith(UNKNOWN) for c in costs):  # nothing to explain
        told = [n for n in sheet.notes if not line_words(n).startswith("Cost over time assumes")]
        sheet = dataclasses.replace(sheet, notes=told)
    sheet = dataclasses.replace(sheet, header=["Aspect", *sheet.header[1:]], rows=rows)
    return Section("Certifications", lines, adopt(sheet, notes))


def path(catalog: Catalog, cert: Certification, req: Request, notes: Footnotes) -> Section:
    """The steps in order; the certification's own facts for them (price, exam,
    prerequisites, renewal) are in the table above, so they are not said twice."""
    title = f"The {len(catalog.steps)} steps to certification, for {cert.abbr}"
    lines = [f"- Step {step.n}: {step.title}" for step in catalog.steps]
    lines.append(
        f"{cert.abbr}'s price, exam, prerequisites and renewal for these steps are in the "
        "certifications table above."
    )
    return Section(title, lines, short=True)


def _clauses(cell: str) -> list[str]:
    return [c.strip() for line in cell.splitlines() for c in line.split("; ") if c.strip()]


def _where(sheet: Sheet, r: list[str], c: int, steps: bool) -> str:
    """What a cell is about: `NFPT-CPT, Pass rate`, `Fitness instructor, income`."""
    if steps:
        return sheet.header[c].removeprefix("For ")
    if len(sheet.header) == 2:
        return " ".join(f"{r[0]}, {sheet.header[1].lower()}".split())
    return " ".join(f"{sheet.header[c]}, {r[0]}".split())


def grouped(lines: list[str]) -> list[str]:
    """`- ACE-GFI, Exam: unknown` and `- ACE-GFI, Recertification: fee unknown` as one
    line for ACE-GFI: `- ACE-GFI: exam; recertification (fee)`."""
    items: dict[str, dict[str, list[str]]] = {}
    for line in lines:
        where, _, text = line.removeprefix("- ").partition(": ")
        item, _, aspect = where.partition(", ")
        if not aspect:
            items.setdefault(line, {})
            continue
        what = re.sub(rf"\([^()]*\)|\b{UNKNOWN}\b", "", text)
        what = " ".join(what.split())
        said = items.setdefault(item, {}).setdefault(aspect[:1].lower() + aspect[1:], [])
        if what and what not in said:
            said.append(what[:1].lower() + what[1:] if what[:2] != what[:2].upper() else what)
    return [
        f"- {item}: " + "; ".join(f"{a} ({', '.join(w)})" if w else a for a, w in said.items())
        if said
        else item
        for item, said in items.items()
    ]


def silent(sections: list[Section]) -> Section:
    """Every clause of the tables that says unknown, named by its item and aspect."""
    lines: list[str] = []
    for section in sections:
        sheet = section.sheet
        if sheet is None:
            continue
        steps = sheet.header[:2] == ["#", "Step"]
        empty = [
            c
            for c in range(2, len(sheet.header))
            if all(words(r[c]) in (UNKNOWN, "") for r in sheet.rows)
        ]
        lines += [f"- {section.title}, {sheet.header[c]}: every figure {UNKNOWN}" for c in empty]
        for r in ([words(v) for v in row] for row in sheet.rows):
            for c in (c for c in range(2 if steps else 1, len(r)) if c not in empty):
                where = _where(sheet, r, c, steps)
                for clause in _clauses(r[c]):
                    text = _REF.sub("", clause.removeprefix("- ")).strip()
                    label, _, value = text.partition(": ")
                    if steps and value and UNKNOWN not in label:
                        where, text = f"{_where(sheet, r, c, steps)}, {label}", value
                    said = text.replace(UNDATED, "")  # a dated-unknown price is still a price
                    if re.search(rf"\b{UNKNOWN}\b", said) and f"- {where}: {text}" not in lines:
                        lines.append(f"- {where}: {text}")
        lines += [
            f"- {n}" for n in sheet.notes if isinstance(n, str) and n.startswith("Unknown for ")
        ]
    lines = grouped(lines)
    if not lines:
        lines.append("Nothing in this report is unknown to the sources.")
    head = "Where the sources are silent, this report says unknown rather than guess:"
    return Section("What the sources do not say", [head, *lines])


# --- The report -----------------------------------------------------------------------------


def as_of(notes: Footnotes) -> str:
    """The dates of the sources the report cites."""
    dates = sorted(s.date for s in notes.sources() if s.date[:1].isdigit())
    undated = sum(not s.date[:1].isdigit() for s in notes.sources())
    span = f"dated {when(dates[0])} to {when(dates[-1])}" if dates else "all undated"
    extra = f"; {undated} undated" if undated and dates else ""
    return (
        f"Data as of: the {len(notes.order)} sources cited are {span}{extra}. Figures more "
        f"than {notes.max_age} years old are marked '{STALE}'."
    )


def build(catalog: Catalog, req: Request) -> Report:
    """The whole report. Staleness is judged against the report's date, not today's."""
    notes = OnceEach(catalog, req.max_age, req.date.year)
    roles = compared(catalog, req)
    top = req.result.ranking[0].role if req.result is not None and not req.roles else roles[0]
    certs, rule = chosen(catalog, req, top)
    sections = [verdict(req, notes), comparison(catalog, roles, req, notes)]
    if req.interests is not None:
        sections.insert(
            1, interest_views.section(catalog, req.interests, req.result, req.ratings_from)
        )
    sections += pay(catalog, roles, req, notes)
    sections.append(certifications(catalog, certs, rule, req, notes))
    if certs:
        sections.append(path(catalog, certs[0], req, notes))
    sections.append(silent(sections))
    sections.append(Section("Sources", sources=notes.lines()))
    colophon = [
        *([f"Prepared for {req.client}"] if req.client else []),
        f"Prepared {when(req.date.isoformat())} by fitcareer {req.version} from {req.data_from}.",
        as_of(notes),
    ]
    report = Report(TITLE, colophon, sections, notes, [], client=req.client)
    report.summary = summary(report, req, certs)
    if req.interests is not None:
        report.summary.insert(1, interest_views.summary(req.interests))
    report.payload = payload(catalog, report, req, roles, certs)
    if req.interests is not None:
        report.payload["interests"] = interest_views.payload(
            catalog, req.interests, req.result, req.ratings_from
        )
    return report


def summary(report: Report, req: Request, certs: list[Certification]) -> list[str]:
    head = report.sections[0].paragraphs[0]
    who = f" for {req.client}" if req.client else ""
    lines = [f"{report.title}{who}, {when(req.date.isoformat())}: {head}"]
    if certs:
        lines.append(f"Certifications: {', '.join(c.abbr for c in certs)}.")
    lines.append(f"{len(report.notes.order)} sources cited.")
    return lines


def _figures(catalog: Catalog, roles: list[Role], notes: Footnotes) -> list[dict[str, Any]]:
    """The pay figures the page shows, each with its source's number."""
    seen: list[Figure] = []
    for role in roles:
        occupation = catalog.occupations.get(role.occupation) if role.occupation else None
        top = rq.headline_income(occupation.income) if occupation else None
        for f in [*([top] if top else []), *role.income]:
            if f not in seen:
                seen.append(f)
    return [{**plain(f), "ref": ref_of(notes, f.source)} for f in seen]


def _cert(catalog: Catalog, cert: Certification, years: int, notes: Footnotes) -> dict[str, Any]:
    entry = [p for p in cert.price if p.kind in cq.ENTRY_KINDS]
    low = min(entry, key=lambda p: p.usd, default=None)
    ranked = cq.lowest_entry(cert)
    record = cert_views.cert_payload(catalog, cert, notes, years)
    return {
        "id": cert.id,
        "abbr": cert.abbr,
        "credential": cert.credential,
        "price": {
            "low": low.usd if low else None,
            "high": max((p.usd_max or p.usd for p in entry), default=None),
            "refs": sorted({n for p in entry if (n := ref_of(notes, p.source))}),
            "low_end": price_text(low) if low else None,
            "low_end_dated": dated(low.date) if low else None,
            "caveats": price_caveats(low, notes) if low else [],
            "ranked_by": {
                "usd": ranked.usd,
                "price": price_text(ranked),
                "dated": dated(ranked.date),
                "caveats": price_caveats(ranked, notes),
            }
            if ranked
            else None,
        },
        "renewal_fees": [
            {**fee, "ref": ref_of(notes, fee["source"])} for fee in record["recertification"]["fee"]
        ],
        "ce_hours_per_year": record["ce_hours_per_year"],
        "holding": record["holding"],
    }


def payload(
    catalog: Catalog, report: Report, req: Request, roles: list[Role], certs: list[Certification]
) -> dict[str, Any]:
    notes = report.notes
    res = req.result
    return {
        "title": report.title,
        "for": req.client,
        "prepared": req.date.isoformat(),
        "version": req.version,
        "data": req.data_from,
        "verdict": {
            "clear": clear(res) if res is not None else False,
            "text": report.sections[0].paragraphs[0],
            "ranking": [{"role": r.role.id, "score": r.score} for r in res.ranking]
            if res is not None
            else [],
            "deciding": [
                {"reason": r.choice.reason, "ref": ref_of(notes, r.choice.source)}
                for r in (deciding(res) if res is not None else [])
            ],
            "roles_chosen_by": "counsellor" if req.roles else "answers" if res else "default",
        },
        "roles": [r.id for r in roles],
        "area": dataclasses.asdict(req.area) if req.area else None,
        "pay": _figures(catalog, roles, notes),
        "years": req.years,
        "certifications": [_cert(catalog, c, req.years, notes) for c in certs],
        "steps_for": certs[0].id if certs else None,
        "unknowns": [p[2:] for p in report.sections[-2].paragraphs if p.startswith("- ")],
        "sources": [{"n": i, **source_record(s)} for i, s in enumerate(notes.sources(), 1)],
    }
