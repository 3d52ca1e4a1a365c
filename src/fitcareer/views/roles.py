"""Sheets for `fitcareer compare` and `fitcareer roles`.

Both answer at a glance by default: one short cell per aspect, written in the data as a
summary of the role's statements (`Role.brief`), and one headline figure chosen by a rule
the view states. ``detail`` shows every statement, figure and note instead.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from fitcareer.model import (
    Catalog,
    Figure,
    JobZone,
    Occupation,
    Outlook,
    Role,
    Statement,
)
from fitcareer.model_paths import Extract
from fitcareer.model_paths import Occupation as OnetOccupation
from fitcareer.queries import certs as cq
from fitcareer.queries import roles as queries
from fitcareer.queries.wages import Area
from fitcareer.views import paths as path_views
from fitcareer.views import wages as wage_views
from fitcareer.views.sheet import UNKNOWN, Cell, Flag, Line, Sheet, Value
from fitcareer.views.sheet import said as line_words
from fitcareer.views.words import (
    MAX_AGE,
    Footnotes,
    entry_cell,
    entry_payload,
    money,
    number,
    plain,
    stated,
    when,
)

CREDENTIALS_NAMED = 20
"""Credentials named in a role's certification cell; a large catalog's rest are counted."""

RULES = {
    "income": "income: the newest primary national median wage, plus a role's own figure "
    "where a source gives one",
    "outlook": "outlook: the newest projection",
}
"""How the headline figures are chosen (queries.roles.headline_income, headline_outlook)."""
DETAIL = "All facts: --detail."
GLANCE = "Pay, outlook: the newest national figures."
"""`RULES` in one line, for a profile on one screen."""
SILENT = f"{UNKNOWN} (the sources say nothing)"
NO_FIGURE = f"{UNKNOWN} (no source gives a figure)"
SILENT_CELL = Cell(SILENT, flags=("unknown",))
NO_FIGURE_CELL = Cell(NO_FIGURE, flags=("unknown",))


SCREEN_LABELS = {
    "training-focus": "Focus",
    "work-environment": "Workplace",
    "employment": "Employment",
    "stability": "Stability",
    "outlook": "Outlook",
    "certification": "Credential",
    "qualify": "To qualify",
    "client-relationship": "Clients",
    "suits": "Choose if",
}
"""Shorter row labels for a profile on one screen, leaving its answers the width."""

TASKS_SHOWN = 5
"""O*NET tasks a whole profile names, most important first."""


@dataclass(frozen=True, slots=True)
class Onet:
    """The O*NET extract the views use (shipped, or an imported newer release) and its
    occupation for a role (None: not in the extract)."""

    extract: Extract
    occupation: OnetOccupation | None

    @property
    def release(self) -> str:
        """`O*NET 30.3, Aug 2025`, or that the shipped pages do not state it."""
        e = self.extract
        if e.release == UNKNOWN:
            return "O*NET, release not stated"
        return f"O*NET {e.release}, {when(e.date)}"

    @property
    def imported(self) -> bool:
        return self.extract.release != UNKNOWN and self.extract.folder is not None


def onet_short(found: Onet) -> Cell | None:
    """The Job Zone of an imported release, naming the release."""
    o = found.occupation
    if o is None or not found.imported:
        return None
    told = f"Job Zone {o.job_zone}" if o.job_zone else f"{len(o.tasks)} tasks"
    return Cell(f"{told} ({found.release}, imported)", compact=False, brief=True)


def onet_detail(found: Onet) -> Cell | None:
    """What the extract holds of the occupation, each part citing where it is from."""
    o = found.occupation
    if o is None:
        return None

    def source(part: str) -> str:
        c = o.cites.get(part)
        return f" (source: {path_views.cite(c)})" if c is not None else ""

    lines = [Cell(f"{o.code} {o.title}, {found.release}", compact=False)]
    if o.job_zone:
        zone = f"Job Zone {o.job_zone}, {path_views.ZONES[o.job_zone]}{source('job-zone')}"
        lines.append(Cell(zone, compact=False, item=True))
    for t in o.tasks[:TASKS_SHOWN]:
        weight = f" (importance {path_views.rating(t.importance)})" if t.importance else ""
        lines.append(Cell(f"{t.text}{weight}", compact=False, item=True))
    if o.tasks:
        more = len(o.tasks) - TASKS_SHOWN
        tail = f"{more} more tasks" if more > 0 else "Tasks"
        lines.append(Cell(f"{tail}{source('tasks')}", compact=False, item=True))
    return Cell.of(lines)


# --- Short cells -----------------------------------------------------------------------


@dataclass(slots=True)
class Short:
    """A role's short answer for one aspect: the occupation-wide headline (``wide``,
    shared by every role in the occupation) and what is the role's own."""

    wide: Cell | None
    own: Cell | None
    occupation: Occupation | None
    scoped: Cell | None = None
    """``wide`` naming whom it covers, for a cell that says it itself."""


def _flags(secondary: bool, stale: bool) -> tuple[Flag, ...]:
    return (*(("secondary",) if secondary else ()), *(("stale",) if stale else ()))


def _brief(text: str, source: str, notes: Footnotes, flags: tuple[Flag, ...] = ()) -> Cell:
    caveat = notes.caveat(source)
    return Cell(
        text,
        refs=(notes.cite(source),),
        flags=flags,
        asides=(caveat,) if caveat else (),
        compact=False,
        brief=True,
    )


def short_figure(f: Figure, notes: Footnotes, scope: str = "") -> Cell:
    unit = "a year" if f.unit == "year" else "an hour"
    text = f"{money(f.amount)} {unit}, {f.measure}{scope}, {when(f.date)}"
    return _brief(text, f.source, notes, _flags(f.secondary, notes.stale(f.date)))


def short_outlook(o: Outlook, notes: Footnotes, scope: str = "") -> Cell:
    facts = []
    if o.growth_percent is not None:
        facts.append(f"{o.growth_percent:+g}% jobs")
    if o.openings_per_year is not None:
        facts.append(f"about {number(o.openings_per_year)} openings a year")
    flags = _flags(o.secondary, notes.stale(o.period[:4]))
    text = f"{', '.join(facts) or UNKNOWN}, {o.period}{scope}"
    return Cell(text, refs=(notes.cite(o.source),), flags=flags, compact=False, brief=True)


def briefs(items: tuple[Statement, ...], notes: Footnotes) -> Cell:
    said = [
        Cell(
            s.text,
            refs=(notes.cite(s.source),),
            flags=("secondary",) if s.secondary else (),
            compact=False,
            brief=True,
        )
        for s in items
    ]
    return Cell.join(said, "; ")


def short(catalog: Catalog, role: Role, key: str, notes: Footnotes, bare: bool = False) -> Short:
    """``bare``: the scope names the occupation without its SOC code."""
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    wide: Cell | None = None
    scoped: Cell | None = None
    own: list[Cell] = []
    scope = f", {whom(occupation, bare)}" if occupation else ""
    if key == "income":
        top = queries.headline_income(occupation.income) if occupation else None
        if top:
            wide, scoped = short_figure(top, notes), short_figure(top, notes, scope)
        own = [short_figure(f, notes, _scope(f.scope, role)) for f in role.income]
    elif key == "outlook":
        best = queries.headline_outlook(occupation.outlook) if occupation else None
        if best:
            wide, scoped = short_outlook(best, notes), short_outlook(best, notes, scope)
        own = [short_outlook(o, notes, _scope(o.scope, role)) for o in role.outlook]
    said = queries.brief(role, key)
    if said:
        own.append(briefs(said, notes))
    elif key not in ("income", "outlook"):
        facts = queries.aspect(catalog, role, key)
        first = facts[0].item if facts else None
        if isinstance(first, Statement):
            own.append(Cell(first.text, refs=(notes.cite(first.source),), compact=False))
    if not own and not wide and key in role.unknown:
        own.append(Cell(f"{UNKNOWN}: {role.unknown[key]}", flags=("unknown",)))
    mine = Cell.of(own) if len(own) > 1 else own[0] if own else None
    return Short(wide, mine, occupation if wide else None, scoped)


def _scope(scope: str, role: Role) -> str:
    """Whom a role's own figure covers, left out where that is the role itself
    (`certified personal trainers` in the personal trainer's column)."""
    return "" if role.name.lower() in scope.lower() else f", {scope}"


def whom(occupation: Occupation, bare: bool = False) -> str:
    """`all fitness trainers and instructors (BLS SOC 39-9031)`; ``bare``: without the
    code in brackets."""
    name = _CODE.sub("", occupation.name) if bare else occupation.name
    return "all " + name[:1].lower() + name[1:]


_CODE = re.compile(r" \(BLS SOC [^)]*\)$")


def whole(part: Short, key: str) -> Cell:
    """A short cell that says the occupation-wide headline itself."""
    said = [c for c in (part.scoped, part.own) if c is not None]
    if not said:
        return NO_FIGURE_CELL if key in ("income", "outlook") else SILENT_CELL
    return said[0] if len(said) == 1 else Cell.of(said)


def one_line(cell: Cell) -> Cell:
    """A cell's lines as parts of one line, `; ` between them."""
    if not cell.lines or cell.joined is not None:
        return cell
    return Cell.join([one_line(line) for line in cell.lines], "; ")


def rules(aspects: list[str]) -> list[str]:
    """How the headline figures were chosen, and where every fact is, as one note."""
    return [line_words(rules_note(aspects))]


def rules_note(aspects: list[str]) -> Cell:
    """`rules` as data: a page leaves out the pointer to `--detail`."""
    told = "; ".join(RULES[k] for k in RULES if k in aspects)
    if not told:
        return Cell.typed(DETAIL)
    return Cell.join([f"{told[:1].upper()}{told[1:]}.", Cell.typed(f" {DETAIL}")], "")


# --- compare -----------------------------------------------------------------------------


def compare(
    catalog: Catalog,
    roles: list[Role],
    aspects: list[str],
    max_age: int = MAX_AGE,
    detail: bool = False,
    area: Area | None = None,
) -> Sheet:
    """Roles side by side: the rows where they differ, then once what is the same.

    With ``area``, the income row adds that area's pay in one line."""
    if detail or len(roles) < 2:
        return (
            compare_detail(catalog, roles, aspects, max_age)
            if detail
            else _one(catalog, roles, aspects, max_age, area)
        )
    notes = Footnotes(catalog, max_age)
    rows: list[list[Value]] = []
    same: list[Same] = []
    silent: list[str] = []
    for key in aspects:
        label = queries.ASPECTS[key]
        parts = [_local(short(catalog, r, key, notes), key, catalog, area, notes) for r in roles]
        groups: dict[tuple[str, Cell | None], list[int]] = {}
        for i, part in enumerate(parts):
            if part.occupation:
                groups.setdefault((part.occupation.id, part.wide), []).append(i)
        once = [members for members in groups.values() if len(members) > 1]
        for members in once:
            first = parts[members[0]]
            if first.wide is not None:
                same.append(Same(label, first.wide, first.occupation, [roles[i] for i in members]))
        shared = {i for members in once for i in members}
        cells = [p.own if i in shared else whole(p, key) for i, p in enumerate(parts)]
        if all(c == cells[0] for c in cells):
            if cells[0] in (SILENT_CELL, NO_FIGURE_CELL):
                silent.append(label)
            elif cells[0] is not None:
                same.append(Same(label, one_line(cells[0]), None, roles))
            continue
        rows.append(
            [label, *(c if c is not None else "see the shared figure below" for c in cells)]
        )
    said_once = _said_once(roles, same, silent)
    return Sheet(
        title=" vs ".join(r.name for r in roles),
        header=["Aspect", *(r.name for r in roles)],
        rows=rows,
        payload=lambda: _compare_payload(catalog, roles, aspects, max_age),
        notes=[*said_once, rules_note(aspects), *notes.lines()],
        empty="These roles are the same in every aspect shown.",
    )


@dataclass(slots=True)
class Same:
    """What several compared roles share, said once under the table."""

    label: str
    text: Cell
    occupation: Occupation | None
    """Set when the text is an occupation-wide figure."""
    roles: list[Role]


def _said_once(roles: list[Role], same: list[Same], silent: list[str]) -> list[Line]:
    """The notes under the table that say once what roles share."""
    lines: list[Line] = []
    figures: dict[str, list[Cell]] = {}
    for item in same:
        who = _all(roles) if len(item.roles) == len(roles) else _names(item.roles)
        if item.occupation:
            head = f"{who[:1].upper()}{who[1:]}, as {whom(item.occupation)}:"
            figures.setdefault(head, []).append(Cell.join([item.label.lower(), item.text], " "))
        else:
            lines.append(Cell.join([f"{item.label}, the same for {who}:", item.text], " "))
    lines = [
        *(Cell.join([head, Cell.join(items, "; ")], " ") for head, items in figures.items()),
        *lines,
    ]
    if silent:
        lines.append(f"Unknown for {_all(roles)} (the sources say nothing): {', '.join(silent)}.")
    return lines


def _names(roles: list[Role]) -> str:
    names = [r.name for r in roles]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _all(roles: list[Role]) -> str:
    return "both" if len(roles) == 2 else f"all {len(roles)}"


def _local(part: Short, key: str, catalog: Catalog, area: Area | None, notes: Footnotes) -> Short:
    """The income cell with the area's pay added, for roles its occupation covers."""
    if key != "income" or area is None or part.wide is None or part.occupation is None:
        return part
    soc = part.occupation.soc
    line = wage_views.short_cell(catalog, area, notes, soc) if soc else None
    if line is None:
        return part
    scoped = Cell.join([part.scoped, line], "; ") if part.scoped is not None else None
    return Short(Cell.join([part.wide, line], "; "), part.own, part.occupation, scoped)


def _one(
    catalog: Catalog, roles: list[Role], aspects: list[str], max_age: int, area: Area | None = None
) -> Sheet:
    """`compare` with one role: its short cells."""
    notes = Footnotes(catalog, max_age)
    role = roles[0]
    rows: list[list[Value]] = [
        [
            queries.ASPECTS[k],
            whole(_local(short(catalog, role, k, notes), k, catalog, area, notes), k),
        ]
        for k in aspects
    ]
    return Sheet(
        title=role.name,
        header=["Aspect", role.name],
        rows=rows,
        payload=lambda: _compare_payload(catalog, roles, aspects, max_age),
        notes=[rules_note(aspects), *notes.lines()],
    )


def compare_detail(
    catalog: Catalog, roles: list[Role], aspects: list[str], max_age: int = MAX_AGE
) -> Sheet:
    """Every statement, figure and note for each role, side by side."""
    notes = Footnotes(catalog, max_age)
    rows = [
        [queries.ASPECTS[key], *(aspect_cell(catalog, r, key, notes) for r in roles)]
        for key in aspects
    ]
    return Sheet(
        title=" vs ".join(r.name for r in roles),
        header=["Aspect", *(r.name for r in roles)],
        rows=rows,
        payload=lambda: _compare_payload(catalog, roles, aspects, max_age),
        notes=notes.lines(),
        across=True,
    )


def _compare_payload(
    catalog: Catalog, roles: list[Role], aspects: list[str], max_age: int
) -> dict[str, Any]:
    notes = Footnotes(catalog, max_age)
    for role in roles:
        for key in aspects:
            short(catalog, role, key, notes)
            aspect_cell(catalog, role, key, notes)
    return {
        "roles": [role_payload(catalog, r, aspects) for r in roles],
        "aspects": aspects,
        "rules": rules(aspects),
        "sources": notes.payload(),
    }


# --- Every fact ----------------------------------------------------------------------------


def aspect_cell(catalog: Catalog, role: Role, key: str, notes: Footnotes) -> Value:
    entries = queries.aspect(catalog, role, key)
    scopes = [
        e.item.scope for e in entries if e.occupation and isinstance(e.item, Figure | Outlook)
    ]
    common = max(set(scopes), key=scopes.count) if scopes else None
    lines: list[Cell] = []
    for e in entries:
        said = entry_cell(e, notes, common if e.occupation else None)
        if e.occupation and isinstance(e.item, Statement | JobZone):
            whose = f" (for {whom(e.occupation)})"
            said = Cell.join([dataclasses.replace(said, item=False), whose], "")
            said = dataclasses.replace(said, item=True)
        lines.append(said)
    shared = {
        e.occupation.id: e.occupation
        for e in entries
        if e.occupation and key not in queries.ONE_NOTE_ASPECTS
    }
    lines += [
        Cell(
            f"  {f'Unless stated: {common}. ' if common else ''}{o.note}",
            refs=(notes.cite(o.source),) if o.source else (),
            compact=False,
        )
        for o in shared.values()
    ]
    if key == "certification":
        certs = queries.credentials(catalog, role)
        if certs:
            ncca = sum(cq.accredited_by(c, "ncca") is True for c in certs)
            names = ", ".join(c.abbr for c in certs[:CREDENTIALS_NAMED])
            if len(certs) > CREDENTIALS_NAMED:
                names += f" and {len(certs) - CREDENTIALS_NAMED:,} more"
            said = Cell.join(
                [
                    f"Credentials in this data: {names} ({ncca:,} NCCA-accredited",
                    Cell.typed(f"; see `fitcareer certs --role {role.id}`"),
                    ")",
                ],
                "",
            )
            lines.append(dataclasses.replace(said, item=True))
        if catalog.steps and queries.fitness_path(catalog, role):
            said = Cell.join(
                [f"The path: {len(catalog.steps)} steps", Cell.typed(" (see `fitcareer steps`)")],
                "",
            )
            lines.append(dataclasses.replace(said, item=True))
    why = role.unknown.get(key)
    if lines:
        return Cell.of(lines)
    return f"{UNKNOWN}: {why}" if why else SILENT


def _headlines(catalog: Catalog, role: Role) -> dict[str, Any]:
    occupation = catalog.occupations.get(role.occupation) if role.occupation else None
    income = queries.headline_income(occupation.income) if occupation else None
    outlook = queries.headline_outlook(occupation.outlook) if occupation else None
    return {
        "income": plain(income) if income else None,
        "outlook": plain(outlook) if outlook else None,
    }


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
        "brief": {key: [plain(s) for s in queries.brief(role, key)] for key in aspects},
        "headline": _headlines(catalog, role),
        "credentials": [c.id for c in queries.credentials(catalog, role)],
    }


# --- roles ---------------------------------------------------------------------------------


def role_list(catalog: Catalog) -> Sheet:
    """The roles by family, each family together (queries.roles.families)."""
    grouped = queries.families(catalog)
    rows = [
        [family, r.id, r.name, r.summary.text] for family, roles in grouped.items() for r in roles
    ]
    return Sheet(
        title="Roles by family",
        header=["Family", "ID", "Name", "Summary"],
        rows=rows,
        payload=[
            {
                "id": r.id,
                "name": r.name,
                "family": r.family,
                "aliases": list(r.aliases),
                "summary": r.summary.text,
            }
            for roles in grouped.values()
            for r in roles
        ],
        notes=[Cell.typed("Show one: fitcareer roles ID    Compare: fitcareer compare ID ID ...")],
        empty="No roles in the data.",
        optional=["Summary", "Name"],
    )


def _credentials_line(catalog: Catalog, role: Role) -> Cell | None:
    """How many credentials prepare for the role, and the command that lists them."""
    certs = queries.credentials(catalog, role)
    if not certs:
        return None
    ncca = sum(cq.accredited_by(c, "ncca") is True for c in certs)
    said = f"{len(certs):,} credentials in this data, {ncca:,} NCCA-accredited"
    return Cell(said, hint=f"fitcareer certs --role {role.id}", compact=False)


def role_profile(
    catalog: Catalog,
    role: Role,
    max_age: int = MAX_AGE,
    detail: bool = False,
    screen: bool = False,
    onet: Onet | None = None,
) -> Sheet:
    """One role: what it is and a short cell per aspect, or with ``detail`` every fact.

    ``screen`` fits the short answers to one terminal screen: the sources they cite are
    numbered as `--detail` numbers them and listed by number and date, `--detail` giving
    each in full."""
    if detail:
        return role_detail(catalog, role, max_age, onet)
    notes = Footnotes(catalog, max_age)
    if screen:
        role_detail(catalog, role, max_age, onet, notes)
    aspects = list(queries.ASPECTS)
    summary = Cell(role.summary.text, refs=(notes.cite(role.summary.source),), compact=False)
    rows: list[list[Value]] = [["What it is", summary]]
    if role.aliases:
        rows.append(["Also called", ", ".join(role.aliases)])
    silent: list[str] = []
    for key in aspects:
        cell = whole(short(catalog, role, key, notes, screen), key)
        line = _credentials_line(catalog, role) if key == "certification" else None
        if line is not None:
            cell = Cell.of([cell, line])
        if cell in (SILENT_CELL, NO_FIGURE_CELL):
            silent.append(queries.ASPECTS[key].lower())
        else:
            label = SCREEN_LABELS.get(key, queries.ASPECTS[key]) if screen else None
            rows.append([label or queries.ASPECTS[key], cell])
    imported = onet_short(onet) if onet is not None else None
    if imported is not None:
        rows.append(["O*NET", imported])
    if silent and not screen:
        rows.append([UNKNOWN.capitalize(), f"the sources say nothing of {_listed(silent)}"])
    for combo in _combinations(catalog, role):
        others = ", ".join(catalog.roles[r].name for r in combo.roles if r != role.id)
        said = combo.brief or combo.statements[:1]
        rows.append(["Combine with", Cell.join([f"{others}:", briefs(said, notes)], " ")])
    told: list[Line] = [rules_note(aspects), *notes.lines()]
    if screen:
        cited = {r for row in rows for c in row if isinstance(c, Cell) for r in c.cites()}
        told = [sources_line(notes, cited, len(silent)), *notes.lines(quiet=True)]
    return Sheet(
        title=role.name,
        header=["Aspect", role.name],
        rows=rows,
        payload=lambda: _profile_payload(catalog, role, max_age),
        notes=told,
    )


def sources_line(notes: Footnotes, cited: set[str], silent: int = 0) -> Cell:
    """How many aspects the sources say nothing of, how the headline figures were
    chosen, and the date of each source cited (`[4] 15 May 2026`), numbered as
    `--detail` numbers them and names them in full."""
    listed = "; ".join(
        f"[{notes.numbers[s.id]}] {when(s.date)}"
        + (", third-party" if s.kind == "third-party" else "")
        for s in notes.sources()
        if s.id in cited
    )
    unknown = f"Unknown: {silent} more aspects. " if silent else ""
    return Cell.join(
        [
            f"{unknown}{GLANCE} Every fact, and each source in full: ",
            Cell.typed("--detail"),
            f" (same numbers). Sources' dates: {listed}.",
        ],
        "",
    )


def _listed(names: list[str]) -> str:
    """`a; b or c` (a label may hold a comma)."""
    return names[0] if len(names) == 1 else f"{'; '.join(names[:-1])} or {names[-1]}"


def _combinations(catalog: Catalog, role: Role) -> list[Any]:
    return [c for c in catalog.combinations if role.id in c.roles]


def role_detail(
    catalog: Catalog,
    role: Role,
    max_age: int = MAX_AGE,
    onet: Onet | None = None,
    notes: Footnotes | None = None,
) -> Sheet:
    """One role's whole profile: every statement, figure and note (``notes``: numbering
    its sources in ones given)."""
    notes = notes if notes is not None else Footnotes(catalog, max_age)
    aspects = list(queries.ASPECTS)
    rows: list[list[Value]] = [
        ["Summary", dataclasses.replace(stated(role.summary, notes), item=False)]
    ]
    if role.aliases:
        rows.append(["Also called", ", ".join(role.aliases)])
    rows += [[queries.ASPECTS[k], aspect_cell(catalog, role, k, notes)] for k in aspects]
    held = onet_detail(onet) if onet is not None else None
    if held is not None:
        rows.append(["O*NET", held])
    for combo in _combinations(catalog, role):
        others = ", ".join(catalog.roles[r].name for r in combo.roles if r != role.id)
        said = Cell.of([stated(s, notes) for s in combo.statements])
        rows.append([f"Combine with {others}", said])
    return Sheet(
        title=role.name,
        header=["Aspect", role.name],
        rows=rows,
        payload=lambda: _profile_payload(catalog, role, max_age),
        notes=notes.lines(),
        across=True,
    )


def _profile_payload(catalog: Catalog, role: Role, max_age: int) -> dict[str, Any]:
    notes = Footnotes(catalog, max_age)
    aspects = list(queries.ASPECTS)
    notes.ref(role.summary.source)
    for key in aspects:
        short(catalog, role, key, notes)
        aspect_cell(catalog, role, key, notes)
    combos = _combinations(catalog, role)
    for combo in combos:
        for s in (*combo.brief, *combo.statements):
            notes.ref(s.source)
    payload = role_payload(catalog, role, aspects)
    payload["combinations"] = [plain(c) for c in combos]
    payload["rules"] = rules(aspects)
    payload["sources"] = notes.payload()
    return payload
