"""Sheets for `fitcareer certs` and `fitcareer steps`."""

from __future__ import annotations

from typing import Any

from fitcareer.model import Catalog, Certification
from fitcareer.queries import certs as queries
from fitcareer.views.sheet import CONFLICT, UNKNOWN, Sheet
from fitcareer.views.words import (
    DELIVERY,
    MAX_AGE,
    STALE,
    Footnotes,
    ce_hours,
    facts,
    number,
    plain,
    prices,
    span,
    statement,
)


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


def certs_side_by_side(
    catalog: Catalog, certs: list[Certification], years: int | None, max_age: int = MAX_AGE
) -> Sheet:
    notes = Footnotes(catalog, max_age)
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


def steps(catalog: Catalog, cert: Certification | None, max_age: int = MAX_AGE) -> Sheet:
    notes = Footnotes(catalog, max_age)
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
