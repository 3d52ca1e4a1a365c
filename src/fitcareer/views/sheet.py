"""The format-neutral view every renderer draws from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Sheet:
    """A titled grid of text cells, its notes, and the same data as JSON.

    ``across`` says what the columns are: ``True`` when each column after the first is
    an item shown side by side (compare), ``False`` when each row is an item (a list).
    """

    title: str
    header: list[str]
    rows: list[list[str]]
    payload: Any
    notes: list[str] = field(default_factory=list)
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
    cited: list[str] = field(default_factory=list)
    """For a page only (HTML, PDF, Markdown, SVG): each row's source numbers (`[1][4]`),
    shown as a last column, whose sources `cited_notes` lists. A terminal's user, who
    can ask for one row's whole record, is spared them."""
    cited_notes: list[str] = field(default_factory=list)
    page_title: str | None = None
    page_omits: list[str] = field(default_factory=list)
    """Headers of columns a page leaves out because another column says the same (a
    credential's name holds its organization's); paper is narrower than a terminal."""
    """The title a page gives, saying what a filtered list holds (a terminal's user has
    just typed the filter)."""

    def data(self) -> Any:
        """The JSON payload; one given as a function is built only when JSON is asked for."""
        return self.payload() if callable(self.payload) else self.payload


UNKNOWN = "unknown"


CONFLICT = "sources differ"
