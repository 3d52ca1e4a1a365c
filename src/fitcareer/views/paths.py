"""The sheet for `fitcareer paths`: the careers people move to and from a role, what each
move takes, and the pay on either side, every statement and figure with its source."""

from __future__ import annotations

import dataclasses
from typing import Any

from fitcareer.model import Catalog
from fitcareer.model_paths import Cite, Cost, Extract, Occupation, Rating
from fitcareer.queries.paths import Median, Paths, Step, difference
from fitcareer.views.sheet import UNKNOWN, Cell, Line, Note, Sheet, Value
from fitcareer.views.words import Footnotes, money, plain, stated, when

ASPECTS = (
    ("says", "Why"),
    ("education", "Education"),
    ("credential", "Credential"),
    ("time", "Time"),
)
ZONES = {
    1: "little or no preparation needed",
    2: "some preparation needed",
    3: "medium preparation needed",
    4: "considerable preparation needed",
    5: "extensive preparation needed",
}
"""O*NET's name for each Job Zone."""


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def cite(c: Cite) -> str:
    """A source of the O*NET extract as a reader can cite it."""
    parts = [c.title, c.publisher, when(c.date)]
    parts += [c.url] if c.url else []
    parts += [c.licence] if c.licence else []
    parts += ["third-party copy"] if c.secondary else []
    if c.release is None:
        parts.append("O*NET release not stated")
    elif c.release not in c.title:
        parts.append(f"O*NET {c.release}")
    return ", ".join(parts)


def rating(r: Rating) -> str:
    """A rating with its scale and every flag: never a bare number."""
    scale = {"IM100": "/100", "IM": "/5", "LV": "/7", "OI": "/7"}.get(r.scale, f" ({r.scale})")
    text = f"{r.value:g}{scale}"
    return text + "".join(f" [caution: {f}]" for f in r.flags)


def _cost(c: Cost, notes: Footnotes) -> Cell:
    amount = money(c.amount) + (f"-{money(c.high)}" if c.high is not None else "")
    return Cell(
        f"{amount}: {c.what} ({when(c.date)})",
        c.amount,
        c.amount if c.high is None else c.high,
        (notes.cite(c.source),),
        compact=False,
        item=True,
    )


def _pay(m: Median | None, notes: Footnotes) -> Cell:
    if m is None:
        return Cell(flags=("unknown",), asides=("no wages for this occupation",), compact=False)
    if m.value is None:
        mark = m.wage.annual.marks.get("median", "")
        return Cell(f"not published by BLS{f' ({mark})' if mark else ''}", compact=False)
    said = f"{money(m.value)} ({m.table.release})"
    if not m.table.source:
        return Cell(f"{said} (imported: {m.table.file})", m.value, m.value, compact=False)
    return Cell(said, m.value, m.value, (notes.cite(m.table.source),), compact=False)


def _versus(step: Step, paths: Paths, notes: Footnotes) -> list[Cell]:
    pairs = [("", paths.pay.national, step.pay.national)]
    if paths.area is not None:
        pairs.append((f"{paths.area.name}: ", paths.pay.local, step.pay.local))
    lines = []
    for label, mine, theirs in pairs:
        parts: list[Cell | str] = [label, _pay(theirs, notes)] if label else [_pay(theirs, notes)]
        gap = difference(mine, theirs)
        if (
            theirs is not None
            and mine is not None
            and theirs.wage.occupation == mine.wage.occupation
        ):
            parts.append(", the same occupation in BLS's figures")
        elif gap is not None:
            parts.append(f", {'+' if gap >= 0 else '-'}{money(abs(gap))} a year")
        lines.append(dataclasses.replace(Cell.join(parts, ""), item=True))
    if step.career.note:
        lines.append(Cell(f"  ({step.career.note})"))
    return lines


def _takes(step: Step, notes: Footnotes) -> list[Cell]:
    lines = [Cell("Why:"), *(stated(s, notes) for s in step.move.says)]
    for key, label in ASPECTS[1:]:
        found = step.takes[key]
        if not found.said:
            lines.append(Cell.join([f"{label}:", Cell.silent()], " "))
            continue
        whose = f" ({step.goal.name.lower()}'s profile)" if found.profile else ""
        lines.append(Cell(f"{label}{whose}:"))
        lines += [stated(s, notes) for s in found.said]
    for z in step.zone:
        copy = ", a third-party copy" if z.secondary else ""
        said = f"O*NET Job Zone {z.zone}, {z.text} ({when(z.date)}{copy})"
        lines.append(Cell(f"Preparation: {said}", refs=(notes.cite(z.source),), compact=False))
    if step.move.cost:
        lines.append(Cell("Cost:"))
        lines += [_cost(c, notes) for c in step.move.cost]
    return lines


def _onet_notes(occupation: Occupation | None, paths: Paths) -> list[Line]:
    code = paths.career.onet or paths.career.soc or UNKNOWN
    if occupation is None:
        return [f"O*NET ({code}): not in the O*NET extract ({_release(paths)})."]
    out: list[Line] = []
    zone = occupation.job_zone
    said = f"Job Zone {zone}, {ZONES[zone]}" if zone else f"Job Zone {UNKNOWN}"
    out.append(
        f"O*NET {occupation.code} {occupation.title}: {said}" + _from(occupation, "job-zone")
    )
    if occupation.related:
        related = "; ".join(
            f"{r.title or r.code}" + (f" ({r.tier})" if r.tier else "") for r in occupation.related
        )
        out.append(f"O*NET's related occupations: {related}" + _from(occupation, "related"))
    else:
        out.append(
            Cell.join(
                [
                    f"O*NET's related occupations: {UNKNOWN} in this extract ({_release(paths)})",
                    Cell.typed("; fitcareer onet import DIR reads them from O*NET's database"),
                    ".",
                ],
                "",
            )
        )
    return out


def _from(occupation: Occupation, part: str) -> str:
    found = occupation.cites.get(part)
    return f" (source: {cite(found)})." if found else "."


def _release(paths: Paths) -> str:
    e = paths.extract
    return f"O*NET release {e.release}" if e.release != UNKNOWN else "release not stated"


def sheet(catalog: Catalog, paths: Paths, max_age: int | None = None) -> Sheet:
    """Moves from and to a career, what each takes and the pay difference."""
    notes = Footnotes(catalog, max_age)
    name = paths.career.name
    national = _pay(paths.pay.national, notes)
    head: list[Line] = [Cell.join([f"{name}: median annual wage ", national, ", nationally"], "")]
    if paths.area is not None:
        head.append(Cell.join([f"In {paths.area.name}:", _pay(paths.pay.local, notes)], " "))
    rows: list[list[Value]] = []
    for arrow, steps in (("→", paths.onward), ("←", paths.earlier)):
        for s in steps:
            pay = _versus(s, paths, notes)
            said = Cell.of([Cell("Median pay:"), *pay, *_takes(s, notes)])
            rows.append([f"{arrow} {s.career.name}", said])
    caveats = {
        c
        for p in (paths.pay.national, *(s.pay.national for s in paths.onward + paths.earlier))
        if p is not None and p.table.source
        for c in [notes.caveat(p.table.source)]
        if c
    }
    body: list[Line] = [
        *head,
        *(f"Wages: {c}." for c in sorted(caveats)),
        "→ careers people move to from it; ← careers they come to it from. Pay: each "
        f"career's median annual wage, and how much more or less than {_a(name.lower())}'s.",
        *_onet_notes(paths.onet, paths),
        *notes.lines(),
    ]
    return Sheet(
        title=f"Career paths: {name}",
        header=["Move", "Pay and what the move takes"],
        rows=rows,
        payload=lambda: _payload(paths, notes),
        notes=body,
        empty=f"No moves to or from {name.lower()} are recorded.",
    )


def _median_record(m: Median | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "annual_median": m.value,
        "release": m.table.release,
        "area": m.wage.name,
        "occupation": m.wage.occupation,
        "source": m.table.source,
        "file": m.table.file,
    }


def _step_record(s: Step, paths: Paths) -> dict[str, Any]:
    return {
        "career": plain(s.career),
        "move": plain(s.move),
        "takes": {
            k: {"said": plain(t.said), "from_profile": t.profile} for k, t in s.takes.items()
        },
        "job_zone": plain(s.zone),
        "pay": {
            "national": _median_record(s.pay.national),
            "local": _median_record(s.pay.local),
            "difference": difference(paths.pay.national, s.pay.national),
            "local_difference": difference(paths.pay.local, s.pay.local),
        },
    }


def _payload(paths: Paths, notes: Footnotes) -> dict[str, Any]:
    onet = paths.onet
    return {
        "career": plain(paths.career),
        "area": paths.area.name if paths.area else None,
        "pay": {
            "national": _median_record(paths.pay.national),
            "local": _median_record(paths.pay.local),
        },
        "onward": [_step_record(s, paths) for s in paths.onward],
        "earlier": [_step_record(s, paths) for s in paths.earlier],
        "onet": {
            "release": paths.extract.release,
            "source": plain(paths.extract.source),
            "occupation": plain(onet) if onet is not None else None,
        },
        "sources": notes.payload(),
    }


def _interests(o: Occupation) -> str:
    """The three highest RIASEC scores with their flags, or the order a page gives."""
    if o.interests:
        top = sorted(o.interests.items(), key=lambda kv: -kv[1].value)[:3]
        return "\n".join(f"{letter} {rating(r)}" for letter, r in top)
    return " ".join(o.interest_order) or UNKNOWN


def extract_sheet(extract: Extract, imported: str | None) -> Sheet:
    """The O*NET extract the views use: its release, source, and what it holds of each
    occupation (what it does not hold is unknown)."""
    rows = []
    for o in extract.occupations:
        zone = f"{o.job_zone}" if o.job_zone else UNKNOWN
        interests = _interests(o)
        rows.append(
            [
                o.code,
                o.title,
                zone,
                interests,
                str(len(o.tasks)) if o.tasks else UNKNOWN,
                str(len(o.related)) if o.related else UNKNOWN,
            ]
        )
    where = f"Imported into {imported}." if imported else "As shipped with fitcareer."
    release = extract.release if extract.release != UNKNOWN else "not stated"
    notes: list[Line] = [
        f"O*NET release: {release} ({when(extract.date)}). {where}",
        f"Source: {cite(extract.source)}.",
        *([extract.note] if extract.note else []),
        *([] if imported else [Note("Import O*NET's database", hint="fitcareer onet import DIR")]),
        Note("Each part's own source (a third-party copy is marked)", hint="--format json"),
    ]
    return Sheet(
        title="O*NET extract",
        header=["Code", "Occupation", "Job Zone", "Interests", "Tasks", "Related"],
        rows=rows,
        payload=lambda: plain(extract),
        notes=notes,
        handle=True,
    )
