"""Turn query results into `Sheet`s: the words, figures and footnotes every format shares."""

from __future__ import annotations

import dataclasses
from typing import Any

from . import queries
from .catalog import Catalog
from .models import (
    Certification,
    Figure,
    FlagFact,
    NumFact,
    Outlook,
    Price,
    Role,
    Source,
    Statement,
    TextFact,
)
from .render import CONFLICT, UNKNOWN, Sheet

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def money(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def when(date: str) -> str:
    """`2022-05` -> `May 2022`; `2024-03-06` -> `6 Mar 2024`; `2021` and `undated` unchanged."""
    parts = date.split("-")
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date


def plain(obj: Any) -> Any:
    """A dataclass as JSON-ready data (tuples become lists)."""
    return dataclasses.asdict(obj)


MAX_AGE = 3
"""Figures more than this many years old are marked as possibly out of date."""

STALE = "may be out of date"


def year_of(date: str) -> int | None:
    return int(date[:4]) if date[:4].isdigit() else None


class Footnotes:
    """Numbers sources in the order a view first cites them, and knows which dates are old."""

    def __init__(
        self, catalog: Catalog, max_age: int | None = None, today: int | None = None
    ) -> None:
        self.catalog = catalog
        self.order: list[str] = []
        self.max_age = MAX_AGE if max_age is None else max_age
        self.today = today if today is not None else _this_year()

    def stale(self, date: str) -> bool:
        """True when a figure's date is more than ``max_age`` years before this year."""
        year = year_of(date)
        return year is not None and self.today - year > self.max_age

    def ref(self, source_id: str) -> str:
        if source_id not in self.order:
            self.order.append(source_id)
        return f"[{self.order.index(source_id) + 1}]"

    def sources(self) -> list[Source]:
        return [self.catalog.sources[s] for s in self.order if s in self.catalog.sources]

    def lines(self) -> list[str]:
        return [f"[{i}] {describe(s)}" for i, s in enumerate(self.sources(), 1)]

    def payload(self) -> list[dict[str, Any]]:
        return [plain(s) for s in self.sources()]


def describe(source: Source) -> str:
    """One line naming a source: title, publisher, date, where to find it."""
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    parts.append(when(source.date))
    if source.url:
        parts.append(source.url)
    elif source.file:
        parts.append(f"article {source.file}")
    if source.kind == "third-party":
        parts.append("third-party")
    return ", ".join(parts)


def statement(s: Statement, notes: Footnotes) -> str:
    date = "" if s.date == "undated" else f" ({when(s.date)})"
    note = f" ({s.note})" if s.note else ""
    return f"- {s.text}{date}{note} {notes.ref(s.source)}"


def _this_year() -> int:
    import datetime

    return datetime.date.today().year


def _flags(secondary: bool, stale: bool, note: str | None) -> str:
    flags = [
        *(["reported by a secondary source"] if secondary else []),
        *([STALE] if stale else []),
        *([note.rstrip(".")] if note else []),
    ]
    return f" ({'; '.join(flags)})" if flags else ""


def figure(f: Figure, notes: Footnotes, shared_scope: str | None = None) -> str:
    """One income figure; its scope is left out when the cell states it once for all."""
    unit = "a year" if f.unit == "year" else "an hour"
    scope = "" if f.scope == shared_scope else f", {f.scope}"
    flags = _flags(f.secondary, notes.stale(f.date), f.note)
    return f"- {money(f.amount)} {unit}: {f.measure}, {when(f.date)}{scope}{flags} {notes.ref(f.source)}"


def outlook(o: Outlook, notes: Footnotes, shared_scope: str | None = None) -> str:
    facts = []
    if o.growth_percent is not None:
        facts.append(f"{o.growth_percent:+g}% jobs")
    if o.openings_per_year is not None:
        facts.append(f"about {number(o.openings_per_year)} openings a year")
    what = ", ".join(facts) or UNKNOWN
    scope = "" if o.scope == shared_scope else f", {o.scope}"
    flags = _flags(o.secondary, notes.stale(o.period[:4]), o.note)
    return f"- {what}, {o.period}{scope}{flags} {notes.ref(o.source)}"


def entry_line(entry: queries.Entry, notes: Footnotes, shared_scope: str | None = None) -> str:
    item = entry.item
    if isinstance(item, Figure):
        return figure(item, notes, shared_scope)
    if isinstance(item, Outlook):
        return outlook(item, notes, shared_scope)
    return statement(item, notes)


def entry_payload(entry: queries.Entry) -> dict[str, Any]:
    kind = {Figure: "figure", Outlook: "outlook", Statement: "statement"}[type(entry.item)]
    return {
        "type": kind,
        **plain(entry.item),
        "occupation": entry.occupation.id if entry.occupation else None,
    }


CREDENTIALS_NAMED = 20
"""Credentials named in a role's certification cell; a large catalog's rest are counted."""


def aspect_cell(catalog: Catalog, role: Role, key: str, notes: Footnotes) -> str:
    entries = queries.aspect(catalog, role, key)
    scopes = [e.item.scope for e in entries if e.occupation and not isinstance(e.item, Statement)]
    common = max(set(scopes), key=scopes.count) if scopes else None
    lines = [entry_line(e, notes, common if e.occupation else None) for e in entries]
    shared = {e.occupation.id: e.occupation for e in entries if e.occupation}
    lines += [f"  Unless stated: {common}. {o.note}" for o in shared.values()]
    if key == "certification":
        certs = queries.credentials(catalog, role)
        if certs:
            ncca = sum(queries.accredited_by(c, "ncca") is True for c in certs)
            names = ", ".join(c.abbr for c in certs[:CREDENTIALS_NAMED])
            if len(certs) > CREDENTIALS_NAMED:
                names += f" and {len(certs) - CREDENTIALS_NAMED:,} more"
            lines.append(
                f"- Credentials in this data: {names} ({ncca:,} NCCA-accredited; see `fitcareer certs --role {role.id}`)"
            )
        if catalog.steps:
            lines.append(f"- The path: {len(catalog.steps)} steps (see `fitcareer steps`)")
    return "\n".join(lines) or f"{UNKNOWN} (the sources say nothing)"


def role_payload(catalog: Catalog, role: Role, aspects: list[str]) -> dict[str, Any]:
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    return {
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "summary": plain(role.summary),
        "occupation": (
            {"id": occupation.id, "name": occupation.name, "note": occupation.note}
            if occupation
            else None
        ),
        "aspects": {
            key: [entry_payload(e) for e in queries.aspect(catalog, role, key)] for key in aspects
        },
        "credentials": [c.id for c in queries.credentials(catalog, role)],
    }


def compare(catalog: Catalog, roles: list[Role], aspects: list[str]) -> Sheet:
    notes = Footnotes(catalog)
    rows = [
        [queries.ASPECTS[key], *(aspect_cell(catalog, r, key, notes) for r in roles)]
        for key in aspects
    ]
    return Sheet(
        title=" vs ".join(r.name for r in roles),
        header=["Aspect", *(r.name for r in roles)],
        rows=rows,
        payload=lambda: {
            "roles": [role_payload(catalog, r, aspects) for r in roles],
            "aspects": aspects,
            "sources": notes.payload(),
        },
        notes=notes.lines(),
        across=True,
    )


def role_list(catalog: Catalog) -> Sheet:
    rows = [[r.id, r.name, r.summary.text] for r in catalog.roles.values()]
    return Sheet(
        title="Roles",
        header=["ID", "Name", "Summary"],
        rows=rows,
        payload=[
            {"id": r.id, "name": r.name, "aliases": list(r.aliases), "summary": r.summary.text}
            for r in catalog.roles.values()
        ],
        notes=["Show one: fitcareer roles ID    Compare: fitcareer compare ID ID ..."],
        empty="No roles in the data.",
    )


def role_profile(catalog: Catalog, role: Role) -> Sheet:
    notes = Footnotes(catalog)
    aspects = list(queries.ASPECTS)
    rows = [["Summary", statement(role.summary, notes)[2:]]]
    if role.aliases:
        rows.append(["Also called", ", ".join(role.aliases)])
    rows += [[queries.ASPECTS[k], aspect_cell(catalog, role, k, notes)] for k in aspects]
    combos = [c for c in catalog.combinations if role.id in c.roles]
    for combo in combos:
        others = ", ".join(catalog.roles[r].name for r in combo.roles if r != role.id)
        rows.append(
            [f"Combine with {others}", "\n".join(statement(s, notes) for s in combo.statements)]
        )
    payload = role_payload(catalog, role, aspects)
    payload["combinations"] = [plain(c) for c in combos]
    payload["sources"] = notes.payload()
    return Sheet(
        title=role.name,
        header=["Aspect", role.name],
        rows=rows,
        payload=payload,
        notes=notes.lines(),
        across=True,
    )


DELIVERY = {
    "remote-proctor": "online with a live remote proctor",
    "test-centre": "at a test centre",
    "paper": "on paper",
    "computer-based": "on a computer",
    "unproctored-course-exam": "unproctored course exam",
    "practical": "practical exam",
}


def facts(
    values: tuple[NumFact, ...] | tuple[TextFact, ...] | tuple[FlagFact, ...],
    show: Any,
    notes: Footnotes,
) -> str:
    """Every distinct value with its sources; several values are marked as a conflict."""
    if not values:
        return UNKNOWN
    groups: dict[Any, list[str]] = {}
    for f in values:
        groups.setdefault(f.value, []).append(notes.ref(f.source))
    parts = [f"{show(v)} {''.join(dict.fromkeys(refs))}" for v, refs in groups.items()]
    extra = [f"({n})" for n in dict.fromkeys(f.note for f in values if f.note)]
    text = " / ".join(parts) + (f" ({CONFLICT})" if len(groups) > 1 else "")
    return " ".join([text, *extra])


def price_line(p: Price, notes: Footnotes) -> str:
    amount = money(p.usd) + (f"-{money(p.usd_max)}" if p.usd_max else "")
    label = f" ({p.label})" if p.label else ""
    date = "" if p.date == "undated" else f", {when(p.date)}"
    date += f" ({STALE})" if notes.stale(p.date) else ""
    note = f"; {p.note}" if p.note else ""
    return f"{amount} {p.kind.replace('-', ' ')}{label}{date}{note} {notes.ref(p.source)}"


def prices(items: tuple[Price, ...], notes: Footnotes) -> list[str]:
    groups: dict[tuple[str, str | None], set[tuple[float, float | None]]] = {}
    for p in items:
        groups.setdefault((p.kind, p.label), set()).add((p.usd, p.usd_max))
    return [
        f"- {price_line(p, notes)}"
        + (f" ({CONFLICT})" if len(groups[(p.kind, p.label)]) > 1 else "")
        for p in items
    ]


def accreditation(catalog: Catalog, cert: Certification, notes: Footnotes | None = None) -> str:
    seen: dict[str, list[str]] = {}
    for a in cert.accreditation:
        body = catalog.bodies.get(a.body)
        abbr = body.abbr if body else a.body
        word = abbr if a.accredited else f"not {abbr}"
        seen.setdefault(word, [])
        if notes is not None:
            seen[word].append(notes.ref(a.source) + (f" ({a.note})" if a.note else ""))
    if not seen:
        return UNKNOWN
    if notes is None:
        return ", ".join(seen)
    return "\n".join(f"- {word} {''.join(dict.fromkeys(refs))}" for word, refs in seen.items())


def exam_lines(cert: Certification, notes: Footnotes) -> list[str]:
    e = cert.exam
    delivery: dict[str, list[str]] = {}
    for d in e.delivery:
        delivery.setdefault(DELIVERY[d.value], []).append(notes.ref(d.source))
    lines = [
        f"- Questions: {facts(e.questions, number, notes)}",
        f"- Scored: {facts(e.scored, number, notes)}",
        f"- Time: {facts(e.minutes, lambda m: f'{number(m)} min', notes)}",
        "- Delivery: "
        + ("; ".join(f"{k} {''.join(dict.fromkeys(v))}" for k, v in delivery.items()) or UNKNOWN),
        f"- Pass mark: {facts(e.pass_mark, str, notes)}",
    ]
    return lines + [statement(n, notes) for n in e.notes]


def prerequisite_lines(cert: Certification, notes: Footnotes) -> list[str]:
    p = cert.prerequisites
    needed = {True: "required", False: "not required"}.get
    lines = [
        f"- Minimum age: {facts(p.min_age, number, notes)}",
        f"- High-school diploma or GED: {facts(p.high_school, needed, notes)}",
        f"- CPR/AED: {facts(p.cpr_aed, needed, notes)}",
    ]
    if p.degree:
        lines.append(f"- Degree: {facts(p.degree, str, notes)}")
    return lines + [statement(s, notes) for s in p.other]


def pass_rate_lines(cert: Certification, notes: Footnotes) -> list[str]:
    lines = []
    for r in cert.pass_rate:
        who = f", {number(r.candidates)} candidates" if r.candidates else ""
        who += f", {STALE}" if notes.stale(r.period) else ""
        note = f"; {r.note}" if r.note else ""
        lines.append(f"- {number(r.percent)}% ({r.period}{who}{note}) {notes.ref(r.source)}")
    return lines or [UNKNOWN]


def recert_lines(catalog: Catalog, cert: Certification, notes: Footnotes) -> list[str]:
    r = cert.recertification
    lines = [f"- Every {facts(r.cycle_years, lambda y: f'{number(y)} years', notes)}"]
    rules = {(e.amount, e.unit, e.per_years) for e in r.education}
    for e in r.education:
        flag = f" ({CONFLICT})" if len(rules) > 1 else ""
        note = f"; {e.note}" if e.note else ""
        lines.append(
            f"- {number(e.amount)} {e.unit} per {number(e.per_years)} years{note} {notes.ref(e.source)}{flag}"
        )
    if not r.education:
        lines.append(f"- Continuing education: {UNKNOWN}")
    hours = queries.hours_per_year(catalog, cert)
    lines.append(f"- Comparable: {ce_hours(hours)} hours of continuing education a year")
    fee_lines = prices(r.fee, notes)
    lines += [f"- Fee: {line[2:]}" for line in fee_lines] or [f"- Fee: {UNKNOWN}"]
    return lines + [statement(n, notes) for n in r.notes]


def ce_hours(hours: list[float]) -> str:
    if not hours:
        return UNKNOWN
    text = " / ".join(number(h) for h in hours)
    return text + (f" ({CONFLICT})" if len(hours) > 1 else "")


def span(values: tuple[float, float] | None) -> str:
    if values is None:
        return UNKNOWN
    low, high = values
    return money(low) if low == high else f"{money(low)}-{money(high)}"


def holding_text(h: queries.Holding) -> str:
    if h.total is None:
        return f"{UNKNOWN} ({h.missing})"
    low, high = h.renewals
    count = str(low) if low == high else f"{low}-{high}"
    fee = (
        f" + {count} renewal{'s' if high != 1 else ''} x {span(h.fee)}"
        if high
        else " (no renewal due)"
    )
    return f"{span(h.total)} over {h.years} years: {span(h.entry)}{fee}"


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
) -> dict[str, str]:
    roles = ", ".join(catalog.roles[r].name if r in catalog.roles else r for r in cert.roles)
    cells = {
        "Credential": f"{cert.credential} ({cert.abbr})",
        "Organization": organization_text(catalog, cert),
        "Prepares for": roles,
        "Accreditation": accreditation(catalog, cert, notes),
        "Exam": "\n".join(exam_lines(cert, notes)),
        "Price": "\n".join(prices(cert.price, notes)) or UNKNOWN,
        "Prerequisites": "\n".join(prerequisite_lines(cert, notes)),
        "Pass rate": "\n".join(pass_rate_lines(cert, notes)),
        "Recertification": "\n".join(recert_lines(catalog, cert, notes)),
        "Specialties": "\n".join(statement(s, notes) for s in cert.specialties) or UNKNOWN,
        "Notes": "\n".join(statement(s, notes) for s in cert.notes) or "-",
        "Sources differ on": ", ".join(queries.conflicts(cert)) or "-",
        "The path": f"{len(catalog.steps)} steps: fitcareer steps --cert {cert.id}",
    }
    if years is not None:
        cells[f"Cost over {years} years"] = holding_text(queries.holding(cert, years))
    return cells


def cert_payload(catalog: Catalog, cert: Certification, years: int | None = None) -> dict[str, Any]:
    org = catalog.organizations.get(cert.org)
    payload: dict[str, Any] = plain(cert)
    payload["organization"] = {"id": cert.org, "abbr": org.abbr, "name": org.name} if org else None
    payload["ce_hours_per_year"] = queries.hours_per_year(catalog, cert)
    payload["lowest_price"] = queries.lowest_price(cert)
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
            "assumptions": list(queries.HOLDING_ASSUMPTIONS),
        }
    return payload


def certs_side_by_side(catalog: Catalog, certs: list[Certification], years: int | None) -> Sheet:
    notes = Footnotes(catalog)
    cells = [cert_cells(catalog, c, notes, years) for c in certs]
    labels = list(cells[0])
    extra = [f"Cost over time assumes: {'; '.join(queries.HOLDING_ASSUMPTIONS)}."] if years else []
    return Sheet(
        title=" vs ".join(c.abbr for c in certs),
        header=["", *(c.abbr for c in certs)],
        rows=[[label, *(c[label] for c in cells)] for label in labels],
        payload=[cert_payload(catalog, c, years) for c in certs]
        if len(certs) > 1
        else cert_payload(catalog, certs[0], years),
        notes=extra + notes.lines(),
        across=True,
    )


def cert_list(
    catalog: Catalog,
    certs: list[Certification],
    left_out: list[str],
    years: int | None,
    total: int | None = None,
) -> Sheet:
    """The certifications as a list; ``total`` counts the matches when only the first are given."""
    header = ["ID", "Credential", "Organization", "Accreditation", "Price", "Exam", "CE h/yr"]
    if years is not None:
        header.append(f"Cost, {years} yrs")
    rows = []
    for c in certs:
        org = catalog.organizations.get(c.org)
        entry = queries.entry_prices(c)
        conflict = "price" in queries.conflicts(c)
        price = span((min(entry), max(entry))) if entry else UNKNOWN
        if conflict:
            price += f" ({CONFLICT})"
        questions = (
            "/".join(number(v) for v in dict.fromkeys(f.value for f in c.exam.questions)) or "?"
        )
        minutes = "/".join(number(v) for v in dict.fromkeys(f.value for f in c.exam.minutes)) or "?"
        exam = UNKNOWN if questions == minutes == "?" else f"{questions} Q, {minutes} min"
        if {"exam.questions", "exam.minutes"} & set(queries.conflicts(c)):
            exam += f" ({CONFLICT})"
        row = [
            c.id,
            c.credential,
            org.abbr if org else c.org,
            accreditation(catalog, c),
            price,
            exam,
            ce_hours(queries.hours_per_year(catalog, c)),
        ]
        if years is not None:
            h = queries.holding(c, years)
            row.append(span(h.total) if h.total else UNKNOWN)
        rows.append(row)
    extra = [f"Cost over time assumes: {'; '.join(queries.HOLDING_ASSUMPTIONS)}."] if years else []
    return Sheet(
        title=f"Certifications ({len(certs):,})"
        if total is None or total == len(certs)
        else f"Certifications (first {len(certs)} of {total:,})",
        header=header,
        rows=rows,
        payload=lambda: [cert_payload(catalog, c, years) for c in certs],
        notes=left_out
        + extra
        + [
            "Every figure with its source: fitcareer certs ID. '?' and unknown: the sources are silent."
        ],
        empty="No certification matches these filters.",
    )


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


def steps(catalog: Catalog, cert: Certification | None) -> Sheet:
    notes = Footnotes(catalog)
    header = ["#", "Step", "What it involves", "Facts"]
    cells = cert_cells(catalog, cert, notes, None) if cert else {}
    record = cert_payload(catalog, cert) if cert else {}
    if cert:
        header.append(f"For {cert.abbr}")
    rows = []
    payload = []
    for step in catalog.steps:
        own = [f"{label}:\n{cells[label]}" for label in STEP_FACTS.get(step.id, ())] if cert else []
        row = [
            str(step.n),
            step.title,
            "\n".join(statement(s, notes) for s in step.involves) or "-",
            "\n".join(statement(s, notes) for s in step.facts) or "-",
        ]
        if cert:
            row.append("\n".join(own) or "nothing specific in the data")
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
