"""The format-neutral view every renderer draws from.

A cell is a `Cell` (its words, its figure, the sources it cites and what a reader must
know about it, each as data) or plain text; a note is a `Note` or plain text. Each
renderer decides how to show them: a terminal table marks a list's flags with one
character, a page links references and spells flags out, CSV puts figures and flags in
columns of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from fitcareer.model import Source

UNKNOWN = "unknown"


CONFLICT = "sources differ"

Flag = Literal[
    "unknown", "differ", "unverified", "third-party", "secondary", "stale", "assumed", "withdrawn"
]
"""What a reader must know about a cell, in the order flags are shown."""

FLAGS: tuple[Flag, ...] = (
    "unknown",
    "differ",
    "unverified",
    "third-party",
    "secondary",
    "stale",
    "assumed",
    "withdrawn",
)

FLAG_WORDS: dict[Flag, str] = {
    "unknown": "the sources are silent",
    "differ": CONFLICT,
    "unverified": "unverified",
    "third-party": "third-party",
    "stale": "may be out of date",
    "assumed": "rests on a conversion fitcareer assumes",
    "secondary": "reported by a secondary source",
    "withdrawn": "no longer offered to new candidates",
}
"""Each flag in words, as a page or a screen reader says it."""

BRIEF_WORDS: dict[Flag, str] = {**FLAG_WORDS, "secondary": "secondary source"}
"""Each flag in a few words, as a cell at a glance (a ``brief`` one) says it."""

MARKS: dict[Flag, str] = {
    "differ": "*",
    "unverified": "^",
    "third-party": "^",
    "stale": "!",
    "assumed": "?",
}
"""The one character a list's cell carries for a flag (`^` once for either caveat)."""


@dataclass(frozen=True)
class Cell:
    """One cell as data.

    ``text`` is its words without references, flags or command hint (`$999-$2,099`);
    ``low`` and ``high`` the figure it shows (the same for one figure, None when the
    cell is no figure or the sources are silent); ``refs`` the ids of the sources it
    cites, numbered by the sheet's source notes; ``hint`` command-line syntax a terminal
    shows after the words and a page leaves out. A ``compact`` cell (a list's) shows its
    flags as one-character marks and its references only in CSV; otherwise a table
    shows `text (reported by a secondary source; ASIDE) [1][2]`, ``asides`` being what
    else a reader must know (a source's caveat, a note). An ``item`` is one of a list's items (a table
    shows `- ` before it); a cell of several ``lines`` holds them in place of its own
    words, on lines of their own or, ``joined`` by a separator, as parts of one line
    (`120 [3] / 150 [4] (sources differ)`).
    """

    text: str = ""
    low: float | None = None
    high: float | None = None
    refs: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    hint: str = ""
    compact: bool = True
    item: bool = False
    lines: tuple[Cell, ...] = ()
    asides: tuple[str, ...] = ()
    joined: str | None = None
    brief: bool = False
    """Says its flags in a few words (`secondary source`), as a cell at a glance does."""
    command: bool = False
    """Its words are command-line syntax, with any words that lead to it (`; see
    `fitcareer steps``): a terminal shows them as they are, a page leaves them out."""

    @property
    def unknown(self) -> bool:
        return "unknown" in self.flags

    def cites(self) -> tuple[str, ...]:
        """The ids of every source it cites, its lines' too, each once, in order."""
        found = [*self.refs, *(r for line in self.lines for r in line.cites())]
        return tuple(dict.fromkeys(found))

    @classmethod
    def join(cls, parts: Sequence[Cell | str], by: str, flags: tuple[Flag, ...] = ()) -> Cell:
        """Parts of one line (a plain string a part without references)."""
        found = tuple(Cell(p, compact=False) if isinstance(p, str) else p for p in parts)
        return cls(lines=found, joined=by, flags=ordered(flags), compact=False)

    @classmethod
    def of(cls, lines: Sequence[Cell], empty: str = UNKNOWN) -> Cell:
        """A cell of several lines; ``empty`` (a text, or unknown) when there are none."""
        if lines:
            return cls(lines=tuple(lines), compact=False)
        return cls.silent() if empty == UNKNOWN else cls(empty)

    @classmethod
    def typed(cls, text: str) -> Cell:
        """Command-line syntax a terminal shows and a page leaves out."""
        return cls(text, compact=False, command=True)

    @classmethod
    def figure(
        cls,
        text: str,
        low: float,
        high: float | None = None,
        refs: tuple[str, ...] = (),
        flags: tuple[Flag, ...] = (),
    ) -> Cell:
        return cls(text, low, low if high is None else high, refs, ordered(flags))

    @classmethod
    def silent(cls, flags: tuple[Flag, ...] = ()) -> Cell:
        """A cell the sources say nothing about."""
        return cls("", flags=ordered(("unknown", *flags)))


def ordered(flags: tuple[Flag, ...] | list[Flag] | set[Flag]) -> tuple[Flag, ...]:
    """Flags once each, in the order they are shown."""
    return tuple(f for f in FLAGS if f in flags)


@dataclass(frozen=True)
class Note:
    """A line under a table as data: its words, and either the source it numbers (a
    footnote: `[3] Title, publisher, date, address`) or a command hint a terminal shows
    after the words (`Estimate a year: fitcareer income --rate USD`). A note with a hint
    points to a command, which a page's reader does not type: a page leaves it out. A
    ``quiet`` footnote numbers a source only CSV's columns cite: a table or page does
    not list it."""

    text: str
    source: Source | None = None
    n: int = 0
    hint: str = ""
    quiet: bool = False


Value = str | Cell
"""A cell: structured, or (from a view not yet giving data) plain text."""
Line = str | Note | Cell
"""A note: plain text, a `Note`, or words citing sources (a `Cell`)."""


@dataclass
class Sheet:
    """A titled grid of cells, its notes, and the same data as JSON.

    ``across`` says what the columns are: ``True`` when each column after the first is
    an item shown side by side (compare), ``False`` when each row is an item (a list).
    """

    title: str
    header: list[str]
    rows: Sequence[Sequence[Value]]
    payload: Any
    notes: Sequence[Line] = field(default_factory=list)
    across: bool = False
    empty: str | None = None
    optional: list[str] = field(default_factory=list)
    """Headers of columns a table may leave out to keep one line per row, the first to go
    first; the table says which it left out."""
    handle: bool = False
    """The first column holds the id a user types to see a row (`fitcareer sources ID`):
    the terminal, CSV and JSON show it; a page or document (Markdown, HTML, SVG), which
    speaks to a reader who types nothing, leaves it out."""
    text: list[str] = field(default_factory=list)
    """Paragraphs after the notes, shown as they are (a source article's copy); CSV, a
    table's form, leaves them out."""
    columns: dict[str, Literal["figure", "fact"]] = field(default_factory=dict)
    """What a list's columns hold, by header, for CSV to give the same columns whatever
    the rows: a `figure` its low, high, flags and refs; a `fact` its text, flags and refs.
    A column not named is judged from its cells."""
    cited: list[tuple[str, ...]] = field(default_factory=list)
    """For a page only (HTML, PDF, Markdown, SVG): the ids of the sources each row
    draws on, shown as a last column numbered by `cited_notes`, which list them. A
    terminal's user, who can ask for one row's whole record, is spared them."""
    cited_notes: list[Note] = field(default_factory=list)
    page_title: str | None = None
    """The title a page gives, saying what a filtered list holds (a terminal's user has
    just typed the filter)."""
    page_omits: list[str] = field(default_factory=list)
    """Headers of columns a page leaves out because another column says the same (a
    credential's name holds its organization's); paper is narrower than a terminal."""
    notice: str = ""
    """Words every copy must keep (a third party's copyright and trademark notice): the
    view gives them as a note too; CSV, which leaves a list's notes out, writes them
    before its sources."""

    def data(self) -> Any:
        """The JSON payload; one given as a function is built only when JSON is asked for."""
        return self.payload() if callable(self.payload) else self.payload

    def numbers(self) -> dict[str, int]:
        """Each cited source's number, by its id."""
        return {n.source.id: n.n for n in self.notes if isinstance(n, Note) and n.source}

    def footnotes(self) -> list[Note]:
        """The notes that number the sources, in order."""
        return [n for n in self.notes if isinstance(n, Note) and n.source is not None]


def shown(
    cell: Value, numbers: dict[str, int] | None = None, cite: bool = True, page: bool = False
) -> str:
    """A cell as a table or Markdown shows it: `$999-$2,099^`, `150 [1] (sources differ)`,
    `unknown`; without its references when not ``cite``; as a page says it (no command
    hint or syntax) when ``page``."""
    if isinstance(cell, str):
        return cell
    if page and cell.command:
        return ""
    if cell.lines:
        by = "\n" if cell.joined is None else cell.joined
        parts = (shown(line, numbers, cite, page) for line in cell.lines)
        text = by.join(p for p in parts if p or not page)
        words = [FLAG_WORDS[f] for f in cell.flags if f != "unknown"]
        text = (f"- {text}" if cell.item else text) + "".join(f" ({w})" for w in words)
        return f"{text}: {cell.hint}" if cell.hint and not page else text
    text = cell.text or (UNKNOWN if cell.unknown else "")
    if cell.compact:
        text += "".join(dict.fromkeys(MARKS[f] for f in cell.flags if f in MARKS))
    else:
        refs = "".join(f"[{(numbers or {}).get(s, '?')}]" for s in dict.fromkeys(cell.refs))
        told = BRIEF_WORDS if cell.brief else FLAG_WORDS
        said = [*(told[f] for f in cell.flags if f != "unknown"), *cell.asides]
        text += f" ({'; '.join(said)})" if said else ""
        text += (f" {refs}" if text else refs) if refs and cite else ""
    text = f"- {text}" if cell.item else text
    return f"{text}: {cell.hint}" if cell.hint and not page else text


def said(note: Line, numbers: dict[str, int] | None = None) -> str:
    """A note as a terminal shows it."""
    if isinstance(note, str):
        return note
    if isinstance(note, Cell):
        return shown(note, numbers)
    if note.source is not None:
        return f"[{note.n}] {note.text}"
    return f"{note.text}: {note.hint}" if note.hint else note.text
