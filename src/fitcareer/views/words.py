"""The wording every view shares: money, dates, figures, prices, and the numbered
sources (`Footnotes`) each cell cites."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from fitcareer.model import (
    Catalog,
    Figure,
    FlagFact,
    JobZone,
    NumFact,
    Outlook,
    Price,
    Source,
    Statement,
    TextFact,
)
from fitcareer.queries.roles import Entry
from fitcareer.views.sheet import CONFLICT, UNKNOWN, Cell, Flag, Line, Note

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def money(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def when(date: str) -> str:
    """`2022-05` -> `May 2022`; `2024-03-06` -> `6 Mar 2024`; `2021`, `undated` and
    anything that is not a real date (`2023-13-01`, `2023-02-30`) as written."""
    found = _DATE.fullmatch(date)
    if found is None:
        return date
    year, month, day = found.groups()
    if not 1 <= int(month) <= 12:
        return date
    if day is None:
        return f"{MONTHS[int(month) - 1]} {year}"
    import datetime

    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return date
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def plain(obj: Any) -> Any:
    """A dataclass as JSON-ready data (tuples become lists).

    What `dataclasses.asdict` gives, by a walk over each class's fields (listed once per
    class) that passes plain values through as they are: about five times as fast,
    which is most of the time a large JSON or CSV output takes.
    """
    kind = type(obj)
    names = _FIELDS.get(kind)
    if names is None:
        if kind is tuple or kind is list:
            return [item if type(item) in _ATOMS else plain(item) for item in obj]
        if kind is dict:
            return {k: v if type(v) in _ATOMS else plain(v) for k, v in obj.items()}
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            return obj
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(obj))
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value if type(value) in _ATOMS else plain(value)
    return out


_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = frozenset({str, int, float, bool, type(None)})


MAX_AGE = 3
"""Figures more than this many years old are marked as possibly out of date."""


STALE = "may be out of date"
UNDATED = "date unknown"
"""What a price says for a date when its page states none."""


def year_of(date: str) -> int | None:
    return int(date[:4]) if date[:4].isascii() and date[:4].isdigit() else None


class Footnotes:
    """Numbers sources in the order a view first cites them, and knows which dates are old.

    ``today`` is the year of the run (or of a report's date), given by the caller; a view
    that is not given one judges by this year.
    """

    def __init__(
        self, catalog: Catalog, max_age: int | None = None, today: int | None = None
    ) -> None:
        self.catalog = catalog
        self.order: list[str] = []
        self.numbers: dict[str, int] = {}
        self.max_age = MAX_AGE if max_age is None else max_age
        self.today = today if today is not None else _this_year()

    def stale(self, date: str) -> bool:
        """True when a figure's date is more than ``max_age`` years before this year."""
        year = year_of(date)
        return year is not None and self.today - year > self.max_age

    def ref(self, source_id: str) -> str:
        return f"[{self.number(source_id)}]"

    def number(self, source_id: str) -> int:
        """The source's number, given it on its first citation."""
        found = self.numbers.get(source_id)
        if found is None:
            self.order.append(source_id)
            found = self.numbers[source_id] = len(self.order)
        return found

    def caveat(self, source_id: str) -> str | None:
        """What every figure from this source leaves out (None: nothing said)."""
        found = self.catalog.sources.get(source_id)
        return found.caveat if found is not None else None

    def sources(self) -> list[Source]:
        return [self.catalog.sources[s] for s in self.order if s in self.catalog.sources]

    def lines(self, quiet: bool = False) -> list[Note]:
        """The numbered sources as notes (``quiet``: cited only by CSV's columns)."""
        return [Note(describe(s), s, self.numbers[s.id], quiet=quiet) for s in self.sources()]

    def cite(self, source_id: str) -> str:
        """Number a source (as `ref` does) and give its id, for a `Cell`'s refs."""
        self.number(source_id)
        return source_id

    def payload(self) -> list[dict[str, Any]]:
        return [source_record(s) for s in self.sources()]


_VERSION = re.compile(r"\s*\((?:another version of the page|content file)\)")


class OnceEach(Footnotes):
    """Footnotes that number one page once: two records of the same page (the same
    address, or the same title from the same publisher) share one number."""

    def __init__(self, catalog: Catalog, max_age: int, today: int) -> None:
        super().__init__(catalog, max_age, today)
        first: dict[tuple[str, str], str] = {}
        self.same: dict[str, str] = {}
        for source in catalog.sources.values():
            title = _VERSION.sub("", source.title)
            keys = [("title", f"{source.publisher}|{title}")]
            keys += [("url", source.url)] if source.url and source.url.count("/") > 3 else []
            found = next((first[k] for k in keys if k in first), source.id)
            for k in keys:
                first.setdefault(k, found)
            self.same[source.id] = found

    def number(self, source_id: str) -> int:
        found = self.numbers.get(source_id)
        if found is None:
            found = super().number(self.same.get(source_id, source_id))
            self.numbers[source_id] = found
        return found

    def cite(self, source_id: str) -> str:
        """Number a source and give the id of the record it is numbered by."""
        self.number(source_id)
        return self.same.get(source_id, source_id)

    def lines(self, quiet: bool = False) -> list[Note]:
        """The numbered sources as a client finds them (`listing`)."""
        return [Note(listing(s), s, self.numbers[s.id], quiet=quiet) for s in self.sources()]


def listing(source: Source) -> str:
    """A source as a client finds it: title, publisher, date, and the address to open."""
    parts = [_VERSION.sub("", source.title)]
    parts += [source.publisher] if source.publisher and " (" not in source.publisher else []
    parts.append(when(source.date))
    if source.url:
        parts.append(source.url)
    else:
        parts.append("not online")
    return ", ".join(parts)


NO_ADDRESS = "no web address recorded"


def address(source: Source) -> str:
    """Where a reader finds a source on the web: its page, its site, or that none is known."""
    if source.url and source.url.rstrip("/").count("/") <= 2:
        return f"site {source.url} (page address not recorded)"
    return source.url or NO_ADDRESS


def describe(source: Source) -> str:
    """One line naming a source as a reader can cite it: title, publisher, date, address.
    A copy that comes with fitcareer is no name a reader can look up, so it is not one."""
    parts = [source.title, source.publisher or "publisher unknown", when(source.date)]
    parts.append(address(source))
    if source.kind == "third-party":
        parts.append("third-party")
    return ", ".join(parts)


def source_record(source: Source) -> dict[str, Any]:
    """A source as JSON: its fields, with `copy` (whether a copy of it comes with
    fitcareer) in place of the copy's file name."""
    return {
        ("copy" if name == "file" else name): (value is not None if name == "file" else value)
        for name, value in plain(source).items()
    }


def statement(s: Statement, notes: Footnotes) -> str:
    secondary = " (reported by a secondary source)" if s.secondary else ""
    return f"- {_stated(s)}{secondary} {notes.ref(s.source)}"


def stated(s: Statement, notes: Footnotes) -> Cell:
    """A statement as a list item citing its source: `- text (date) (note) [n]`."""
    flags: tuple[Flag, ...] = ("secondary",) if s.secondary else ()
    return Cell(_stated(s), refs=(notes.cite(s.source),), flags=flags, compact=False, item=True)


def _stated(s: Statement) -> str:
    date = "" if s.date == "undated" else f" ({when(s.date)})"
    date += f" (takes effect {when(s.effective)})" if s.effective else ""
    return s.text + date + (f" ({s.note})" if s.note else "")


def _this_year() -> int:
    import datetime

    return datetime.date.today().year


def figure_cell(f: Figure, notes: Footnotes, shared_scope: str | None = None) -> Cell:
    """One income figure as a list item: its amount, and what a reader must know of it."""
    unit = "a year" if f.unit == "year" else "an hour"
    scope = "" if f.scope == shared_scope else f", {f.scope}"
    flags: list[Flag] = ["secondary"] if f.secondary else []
    flags += ["stale"] if notes.stale(f.date) else []
    caveat = notes.caveat(f.source)
    asides = tuple(a.rstrip(".") for a in (caveat, f.note) if a)
    return Cell(
        f"{money(f.amount)} {unit}: {f.measure}, {when(f.date)}{scope}",
        f.amount,
        f.amount,
        (notes.cite(f.source),),
        tuple(flags),
        compact=False,
        item=True,
        asides=asides,
    )


def outlook_cell(o: Outlook, notes: Footnotes, shared_scope: str | None = None) -> Cell:
    """A projection of jobs as a list item citing its source."""
    facts = []
    if o.growth_percent is not None:
        facts.append(f"{o.growth_percent:+g}% jobs")
    if o.openings_per_year is not None:
        facts.append(f"about {number(o.openings_per_year)} openings a year")
    what = ", ".join(facts) or UNKNOWN
    scope = "" if o.scope == shared_scope else f", {o.scope}"
    flags: list[Flag] = ["secondary"] if o.secondary else []
    flags += ["stale"] if notes.stale(o.period[:4]) else []
    asides = (o.note.rstrip("."),) if o.note else ()
    return Cell(
        f"{what}, {o.period}{scope}",
        refs=(notes.cite(o.source),),
        flags=tuple(flags),
        compact=False,
        item=True,
        asides=asides,
    )


def job_zone_cell(z: JobZone, notes: Footnotes) -> Cell:
    """An O*NET Job Zone as a list item citing its source."""
    flags: tuple[Flag, ...] = ("secondary",) if z.secondary else ()
    return Cell(
        f"O*NET Job Zone {z.zone}: {z.text}",
        refs=(notes.cite(z.source),),
        flags=flags,
        compact=False,
        item=True,
        asides=(z.note.rstrip("."),) if z.note else (),
    )


def entry_cell(entry: Entry, notes: Footnotes, shared_scope: str | None = None) -> Cell:
    """One entry of a role's aspect as a list item citing its source."""
    item = entry.item
    if isinstance(item, Figure):
        return figure_cell(item, notes, shared_scope)
    if isinstance(item, Outlook):
        return outlook_cell(item, notes, shared_scope)
    if isinstance(item, JobZone):
        return job_zone_cell(item, notes)
    return stated(item, notes)


ENTRY_KINDS = {Figure: "figure", Outlook: "outlook", Statement: "statement", JobZone: "job-zone"}


def entry_payload(entry: Entry) -> dict[str, Any]:
    kind = ENTRY_KINDS[type(entry.item)]
    return {
        "type": kind,
        **plain(entry.item),
        "occupation": entry.occupation.id if entry.occupation else None,
    }


DELIVERY = {
    "remote-proctor": "online with a live remote proctor",
    "test-centre": "at a test centre",
    "paper": "on paper",
    "computer-based": "on a computer",
    "unproctored-course-exam": "unproctored course exam",
    "practical": "practical exam",
    "online-proctored": "online, proctored (how is not stated)",
    "at-home": "at home, online",
    "approved-proctor": "with an approved proctor, by agreement",
}


def values_cell(values: Any, show: Any, notes: Footnotes, differ: bool) -> Cell:
    """Each distinct value with its sources, without the notes: `120 [3]`; marked when
    ``differ``."""
    if not values:
        return Cell.silent()
    groups: dict[Any, list[str]] = {}
    for f in values:
        groups.setdefault(f.value, []).append(notes.cite(f.source))
    parts = [Cell(show(v), refs=tuple(dict.fromkeys(r)), compact=False) for v, r in groups.items()]
    return Cell.join(parts, " / ", ("differ",) if differ else ())


def facts_cell(
    values: tuple[NumFact[Any], ...] | tuple[TextFact, ...] | tuple[FlagFact, ...],
    show: Any,
    notes: Footnotes,
    differ: bool,
) -> Cell:
    """`facts` as data: each distinct value citing its sources, then the notes."""
    if not values:
        return Cell.silent()
    said = values_cell(values, show, notes, differ)
    extra = [f"({n})" for n in dict.fromkeys(f.note for f in values if f.note)]
    return Cell.join([said, *extra], " ") if extra else said


def price_text(p: Price) -> str:
    """A price in a few words: `$99-$199 exam (members)`."""
    amount = money(p.usd) + (f"-{money(p.usd_max)}" if p.usd_max else "")
    label = f" ({p.label})" if p.label else ""
    return f"{amount} {p.kind.replace('-', ' ')}{label}"


UNVERIFIED = "unverified"


def dated(date: str) -> str:
    """The date a price's page states, or `date unknown`."""
    return UNDATED if date == "undated" else when(date)


def out_of_date(p: Price, notes: Footnotes) -> bool:
    """The data marks the price out of date, or its date is more than ``max_age`` years old."""
    return p.stale or notes.stale(p.date)


def price_caveats(p: Price, notes: Footnotes) -> list[str]:
    """What a reader must know before relying on a price: unverified, third-party, old."""
    source = notes.catalog.sources.get(p.source)
    return [
        *([UNVERIFIED] if not p.verified else []),
        *(["third-party"] if source and source.kind == "third-party" else []),
        *([STALE] if out_of_date(p, notes) else []),
    ]


def price_words(p: Price, notes: Footnotes) -> str:
    """A price with its date and caveats, as a recommendation shows it:
    `$219 exam (member), 4 Feb 2013: third-party, may be out of date`."""
    said = price_caveats(p, notes)
    return f"{price_text(p)}, {dated(p.date)}" + (f": {', '.join(said)}" if said else "")


def price_line_text(p: Price, notes: Footnotes) -> str:
    """A price with its date, its caveats and its note, without its source."""
    date = f", {dated(p.date)}"
    date += f" ({STALE})" if out_of_date(p, notes) else ""
    date += f" ({UNVERIFIED})" if not p.verified else ""
    note = f"; {p.note}" if p.note else ""
    return f"{price_text(p)}{date}{note}"


def price_payload(p: Price, notes: Footnotes) -> dict[str, Any]:
    """A price as JSON, with its date as shown and whether it is out of date this run."""
    return {
        **plain(p),
        "dated": dated(p.date),
        "out_of_date": out_of_date(p, notes),
        "caveats": price_caveats(p, notes),
    }


ASSUMED = "?"
"""Marks CE hours that rest on a unit conversion no source states (fitcareer's convention)."""
ASSUMED_NOTE = (
    f"{ASSUMED} hours from a CEC-to-hour conversion no source states; fitcareer assumes it"
)


def ce_hours(hours: list[float], assumed: bool = False) -> str:
    if not hours:
        return UNKNOWN
    text = " / ".join(number(h) + (ASSUMED if assumed else "") for h in hours)
    return text + (f" ({CONFLICT})" if len(hours) > 1 else "")


def span(values: tuple[float, float] | None) -> str:
    if values is None:
        return UNKNOWN
    low, high = values
    return money(low) if low == high else f"{money(low)}-{money(high)}"


def not_shown(shown: int, total: int, default_limit: bool) -> list[Line]:
    """The line under a list cut short by `--limit` (``default_limit``: a table's own)."""
    if shown >= total:
        return []
    hint = "--limit 0 lists all" + ("; so does --format csv or json" if default_limit else "")
    said = f"{total - shown:,} more not shown (first {shown} of {total:,})"
    return [Cell.join([said, Cell.typed(f": {hint}")], "")]
