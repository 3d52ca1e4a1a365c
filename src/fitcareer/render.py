"""Renderers: one per output format, over the format-neutral view (`Sheet`) views make.

Rich is imported only for the table, HTML and SVG formats, so JSON, CSV and Markdown
output start faster; json and csv only for their own formats.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from fitcareer.errors import FitcareerError, OutputError, UsageError
from fitcareer.terminal import columns, isatty
from fitcareer.views.handout import MARKS as MARK_WORDS
from fitcareer.views.sheet import (
    CONFLICT,
    FLAG_WORDS,
    MARKS,
    UNKNOWN,
    Cell,
    Line,
    Note,
    Sheet,
    Value,
    said,
    shown,
)

if TYPE_CHECKING:
    from rich.console import Console

COLUMN_MIN = 18
"""Width a side-by-side column needs before the view switches to stacked blocks."""

LEFT_OUT = "Left out at {width} columns: {columns} (shown wider, or with --format csv)."
"""The note under a list that left columns out to keep one line per row."""

WORD_MAX = 40
"""Words up to this long (every id and figure) are never split across lines; longer
ones (web addresses) may be."""


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    svg = "svg"
    pdf = "pdf"


PAPER = "Letter"
"""The paper a PDF is laid out on: the data is American (BLS pay, US prices). The HTML
page names no size, so a browser prints it on the reader's own paper."""

NO_PDF = (
    "writing a PDF needs WeasyPrint and the Pango libraries it loads: "
    "pip install 'fitcareer[pdf]' (or write -o FILE.html and print it from a browser)"
)


class PdfError(FitcareerError):
    """WeasyPrint is not installed or cannot load its libraries (exit 1: nothing is wrong
    with the command, only with what is installed)."""


def to_pdf(page: str) -> bytes:
    """An HTML page (`exported`, `render_report.to_html`) laid out as a PDF by WeasyPrint,
    the optional extra `fitcareer[pdf]`."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError):
        raise PdfError(NO_PDF) from None
    paper = CSS(string=f"@page {{ size: {PAPER}; }}")
    pdf: bytes = HTML(string=page).write_pdf(stylesheets=[paper])
    return pdf


def console(file: TextIO | None = None, record: bool = False) -> Console:
    """A console that follows fitcareer's output policy.

    Colour only on a terminal; NO_COLOR removes colour (bold stays); FORCE_COLOR set to
    a non-empty value other than ``0`` forces colour; the width is `terminal.columns`,
    or Rich's own guess when that says nothing (output into a pipe or a file).
    """
    from rich.console import Console

    stream = file or sys.stdout
    force = os.environ.get("FORCE_COLOR")
    force_terminal: bool | None = None
    if force == "0":
        force_terminal = isatty(stream)
    return Console(
        file=file,
        force_terminal=force_terminal,
        width=columns(stream),
        record=record,
        highlight=False,
        emoji=False,
        safe_box=True,
    )


def emit(sheet: Sheet, fmt: Format, out: TextIO | None = None) -> None:
    """Write a sheet to ``out`` (standard output by default) in the given format."""
    stream = out or sys.stdout
    try:
        if fmt is Format.table:
            table(sheet, console(out))
        else:
            stream.write(text(sheet, fmt))
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise OutputError(f"cannot write output: {e.strerror or e}") from None


def text(sheet: Sheet, fmt: Format) -> str:
    """A sheet rendered as text in any format."""
    if fmt is Format.json:
        return to_json(sheet.data())
    if fmt is Format.csv:
        return to_csv(sheet)
    if fmt is Format.markdown:
        return to_markdown(sheet)
    if fmt in (Format.html, Format.svg):
        return exported(sheet, fmt)
    if fmt is Format.pdf:
        raise UsageError("a PDF is written to a file: give -o FILE.pdf")
    buffer = io.StringIO()
    table(sheet, console(buffer))
    return buffer.getvalue()


def to_json(payload: Any) -> str:
    """JSON with one entry of a list (or one key of a mapping) a line.

    Each line is written by the standard library's C encoder; `indent` would force its
    pure-Python encoder, about five times as slow on a large catalog. `jq .` indents it.
    """
    import json

    ascii_only = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"
    if isinstance(payload, list) and payload:
        lines = [json.dumps(item, ensure_ascii=ascii_only) for item in payload]
    elif isinstance(payload, dict) and payload:
        lines = [json.dumps({k: v}, ensure_ascii=ascii_only)[1:-1] for k, v in payload.items()]
    else:
        return json.dumps(payload, ensure_ascii=ascii_only) + "\n"
    start, end = ("[", "]") if isinstance(payload, list) else ("{", "}")
    body = ",\n  ".join(lines)
    return f"{start}\n  {body}\n{end}\n"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP's list)."""

_NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(\.[0-9]+)?%?")


def inert(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a `'`
    in front; a plain number such as `-5` or `+19%` is left as it is."""
    if cell.startswith(_FORMULA) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


SOURCES_HEADER = ["ref", "title", "publisher", "date", "url"]
"""The header of the sources block every CSV ends with (after one blank line)."""


def figure(value: float | None) -> str:
    """A number as a spreadsheet reads it: plain digits, no `$`, no thousands commas."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)


class _Kind(NamedTuple):
    """What one column of a list becomes in CSV."""

    figure: bool
    """Its cells hold numbers: low and high columns in place of the text."""
    flagged: bool
    """A flags column after it."""
    refs: bool
    """A refs column after it."""

    def header(self, name: str) -> list[str]:
        head = [f"{name} low", f"{name} high"] if self.figure else [name]
        head += [f"{name} flags"] if self.figure or self.flagged else []
        return head + ([f"{name} refs"] if self.refs else [])

    def cells(self, cell: Value, numbers: dict[str, int]) -> list[str]:
        if isinstance(cell, str):
            cell = Cell(cell)
        words = (
            shown(cell, numbers) if cell.lines else cell.text or (UNKNOWN if cell.unknown else "")
        )
        out = [figure(cell.low), figure(cell.high)] if self.figure else [inert(words)]
        if cell.lines and not self.figure:
            return [inert(words), *[""] * (self.flagged + self.refs)]
        out += [" ".join(cell.flags)] if self.figure or self.flagged else []
        refs = (str(numbers[r]) for r in cell.refs if r in numbers)
        return out + ([" ".join(refs)] if self.refs else [])


def _kinds(sheet: Sheet) -> list[_Kind]:
    """Each column's kind: as the sheet declares it (the same columns whatever the rows),
    else from its one-line cells (a cell of several lines keeps its references and flags
    in its text)."""
    kinds = []
    for i, name in enumerate(sheet.header):
        said = sheet.columns.get(name)
        if said is not None:
            kinds.append(_Kind(said == "figure", True, True))
            continue
        column = (row[i] for row in sheet.rows)
        cells = [c for c in column if isinstance(c, Cell) and not c.lines]
        kinds.append(
            _Kind(
                any(c.low is not None for c in cells),
                any(c.flags for c in cells),
                any(c.refs for c in cells),
            )
        )
    return kinds


def _across(cells: Sequence[Value], numbers: dict[str, int]) -> list[list[str]]:
    """One row of a side-by-side CSV: its cells as text; a row of figures as plain
    numbers, as `NAME low` and `NAME high` rows when a cell is a range or has no high
    end, and with a `NAME flags` row when a cell carries a flag."""
    name, *items = cells
    found = [c for c in items if isinstance(c, Cell) and c.low is not None]
    if not found:
        return [[inert(shown(c, numbers)) for c in cells]]
    label = _str(name)
    ranged = any(c.high != c.low for c in found)

    def part(c: Value, end: str) -> str:
        if isinstance(c, str):
            return inert(c)
        return figure(c.low if end == "low" else c.high)

    rows = [[inert(f"{label} low" if ranged else label), *(part(c, "low") for c in items)]]
    if ranged:
        rows.append([inert(f"{label} high"), *(part(c, "high") for c in items)])
    if any(isinstance(c, Cell) and c.flags for c in items):
        flags = (" ".join(c.flags) if isinstance(c, Cell) else "" for c in items)
        rows.append([inert(f"{label} flags"), *flags])
    return rows


def to_csv(sheet: Sheet) -> str:
    """A sheet as CSV: a list's figures in columns of their own (`Price low`, `Price
    high`, plain numbers), its flags as words in a `flags` column, the numbers of the
    sources a cell cites in a `refs` column; then, after one blank line, the sources
    block (`ref,title,publisher,date,url`). Side-by-side views keep one text cell per
    aspect and item, with their other notes between the grid and the sources; a list's
    notice, which every copy must keep, goes there too."""
    import csv

    numbers = sheet.numbers()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not sheet.across:
        kinds = _kinds(sheet)
        header = [
            h for kind, name in zip(kinds, sheet.header, strict=True) for h in kind.header(name)
        ]
        writer.writerow([inert(h) for h in header])
        writer.writerows(
            [
                out
                for kind, cell in zip(kinds, row, strict=True)
                for out in kind.cells(cell, numbers)
            ]
            for row in sheet.rows
        )
    else:
        writer.writerow([inert(h) for h in sheet.header])
        writer.writerows(row for cells in sheet.rows for row in _across(cells, numbers))
        others = [said(n, numbers) for n in sheet.notes if not (isinstance(n, Note) and n.source)]
        if others:
            writer.writerow([])
            writer.writerows([inert(note)] for note in others)
    if sheet.notice and not sheet.across:
        writer.writerow([])
        writer.writerow([inert(sheet.notice)])
    writer.writerow([])
    writer.writerow(SOURCES_HEADER)
    for note in sheet.footnotes():
        s = note.source
        assert s is not None
        writer.writerow(
            [str(note.n), *(inert(v or "") for v in (s.title, s.publisher, s.date, s.url))]
        )
    return buffer.getvalue()


_ESCAPED = re.compile(r"\\(?=[!-/:-@[-`{-~])")
"""A backslash Markdown would read as escaping the punctuation after it."""
_LINK = re.compile(r"\](?=[(:])")
"""A `]` that closes a link's or image's text (`](url)`) or a link reference's name
(`]: url`): with none of those, `[text][name]` and `[name]` are text too."""


def md_text(value: str) -> str:
    """Text that Markdown shows as it is: no raw HTML (`<`, `>`, `&` as entities), no
    table cell break (`|`), no link, image or link reference (the `]` that would close
    one escaped), and a backslash before punctuation shown as the backslash it is."""
    value = _ESCAPED.sub(r"\\\\", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINK.sub(r"\\]", value.replace("|", "\\|"))


def as_text(sheet: Sheet) -> Sheet:
    """The sheet with every cell and note as the text a table or Markdown shows, and
    without the sources only CSV's columns cite."""
    numbers = sheet.numbers()
    rows: list[list[Value]] = [[shown(c, numbers) for c in row] for row in sheet.rows]
    notes: list[Line] = [
        said(n, numbers) for n in sheet.notes if not (isinstance(n, Note) and n.quiet)
    ]
    return dataclasses.replace(sheet, rows=rows, notes=notes)


def _str(value: Value | Line) -> str:
    """A cell or note of a sheet made by `as_text`."""
    return (
        value
        if isinstance(value, str)
        else said(value)
        if isinstance(value, Note)
        else shown(value)
    )


def for_reader(sheet: Sheet) -> Sheet:
    """The sheet as a page or document shows it: without the ids a user types, with the
    sources its rows cite."""
    if sheet.page_title:
        sheet = dataclasses.replace(sheet, title=sheet.page_title, page_title=None)
    if sheet.page_omits:
        keep = [i for i, h in enumerate(sheet.header) if h not in sheet.page_omits]
        sheet = dataclasses.replace(
            sheet,
            header=[sheet.header[i] for i in keep],
            rows=[[row[i] for i in keep] for row in sheet.rows],
            page_omits=[],
        )
    if sheet.cited and len(sheet.cited) == len(sheet.rows):
        sourced = [
            [*row, Cell(refs=refs, compact=False) if refs else Cell.silent()]
            for row, refs in zip(sheet.rows, sheet.cited, strict=True)
        ]
        kept = [n for n in sheet.notes if not (isinstance(n, Note) and n.source)]
        sheet = dataclasses.replace(
            sheet,
            header=[*sheet.header, "Sources"],
            rows=sourced,
            notes=[*kept, *sheet.cited_notes],
            cited=[],
        )
    if not sheet.handle:
        return sheet
    rows = [row[1:] for row in sheet.rows]
    return dataclasses.replace(sheet, header=sheet.header[1:], rows=rows, handle=False)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Paragraphs of text, each line one, with a run of `- ` lines as one list."""
    blocks: list[list[str]] = []
    for line in (raw.rstrip() for raw in lines):
        if not line.strip():
            continue
        if line.startswith("- ") and blocks and blocks[-1][-1].startswith("- "):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


_MD_START = re.compile(r"^(\s*[0-9]*)([#=+*.)-])")
"""What Markdown would read at the start of a line as a heading, rule or list: its mark
(the `.` of `1.`) is escaped."""


def _md_paragraph(line: str) -> str:
    """A line of text as a Markdown paragraph that shows it as it is."""
    text = md_text(line)
    return text if line.startswith("- ") else _MD_START.sub(lambda m: f"{m[1]}\\{m[2]}", text)


def to_markdown(sheet: Sheet) -> str:
    sheet = as_text(for_reader(sheet))

    def cell(value: Value) -> str:
        return md_text(_str(value)).replace("\n", "<br>")

    lines = [f"## {md_text(' '.join(sheet.title.split()))}", ""]
    if sheet.rows:
        lines.append("| " + " | ".join(cell(h) for h in sheet.header) + " |")
        lines.append("|" + "|".join("---" for _ in sheet.header) + "|")
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in sheet.rows]
    elif sheet.empty:
        lines.append(md_text(sheet.empty))
    if sheet.notes:
        lines.append("")
        lines += [f"- {md_text(_str(note))}" for note in sheet.notes]
    for block in _blocks(sheet.text):
        lines += ["", *(_md_paragraph(line) for line in block)]
    return "\n".join(lines) + "\n"


def table(sheet: Sheet, out: Console) -> None:
    """Print a sheet as a Rich table, or as stacked blocks when the terminal is too narrow,
    then its text."""
    _table(as_text(sheet), out)
    _text(sheet.text, out)


def _table(sheet: Sheet, out: Console) -> None:
    """The table, or its stacked blocks, and its notes.

    A list whose sheet names optional columns keeps one line per row, leaving those
    columns out in the order given (and saying so) before it turns into blocks.
    """
    from rich.text import Text

    if not sheet.rows:
        out.print(Text(sheet.empty or "Nothing to show."))
        _notes(sheet.notes, out)
        return
    shown, left_out = _fitting(sheet, out.width)
    if shown is None:
        stacked(sheet, out)
        return
    if left_out:
        hint = LEFT_OUT.format(width=out.width, columns=", ".join(left_out))
        shown = dataclasses.replace(shown, notes=[hint, *shown.notes])
    columns = len(shown.header)
    firm = [bool(sheet.optional) or (i == 0 and not sheet.across) for i in range(columns)]
    widths = _widths(shown, firm, out.width)
    if widths is None or (sheet.across and out.width < COLUMN_MIN * columns):
        stacked(sheet, out)
        return
    _grid(shown, widths, firm, out)


def _grid(sheet: Sheet, widths: list[int], firm: list[bool], out: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out.print(Text(sheet.title, style="bold"))
    if sheet.across:
        grid = Table(box=box.ROUNDED, show_lines=True, header_style="bold")
    else:
        grid = Table(
            box=None,
            show_edge=False,
            pad_edge=False,
            padding=(0, 1, 0, 0),
            header_style="bold",
        )
    for i, name in enumerate(sheet.header):
        grid.add_column(
            Text(name),
            style="bold cyan" if i == 0 else None,
            overflow="fold",
            no_wrap=firm[i],
            width=widths[i],
        )
    for row in sheet.rows:
        grid.add_row(*(_styled(_str(c)) for c in row))
    out.print(grid)
    _notes(sheet.notes, out)


def _chrome(sheet: Sheet, columns: int) -> int:
    """Characters a table's borders and padding take: boxed side by side, and one space
    after each column of a light list."""
    return 3 * columns + 1 if sheet.across else columns


def _fitting(sheet: Sheet, total: int) -> tuple[Sheet | None, list[str]]:
    """The sheet with as few optional columns left out as keeps every row on one line,
    and the headers left out; None when a sheet with optional columns cannot fit."""
    from rich.cells import cell_len

    if not sheet.optional:
        return sheet, []
    keep = list(range(len(sheet.header)))
    later = [sheet.header.index(h) for h in sheet.optional if h in sheet.header]

    def need(i: int) -> int:
        cells = [sheet.header[i], *(row[i] for row in sheet.rows)]
        return max(cell_len(line) for cell in cells for line in _str(cell).splitlines() or [""])

    while sum(need(i) for i in keep) + _chrome(sheet, len(keep)) > total:
        if not later:
            return None, []
        keep.remove(later.pop(0))
    shown = dataclasses.replace(
        sheet,
        header=[sheet.header[i] for i in keep],
        rows=[[row[i] for i in keep] for row in sheet.rows],
    )
    return shown, [h for i, h in enumerate(sheet.header) if i not in keep]


def _widths(sheet: Sheet, firm: list[bool], total: int) -> list[int] | None:
    """Column widths that fit ``total`` without splitting a word, or None if none do.

    Each column gets its natural width when everything fits; otherwise the widest
    columns are narrowed evenly, never below their longest word (a ``firm`` column
    never below its longest line).
    """
    from rich.cells import cell_len

    columns = [
        [head, *(row[i] for row in sheet.rows if i < len(row))]
        for i, head in enumerate(sheet.header)
    ]
    longest: list[int] = []
    shortest: list[int] = []
    for cells, keep in zip(columns, firm, strict=True):
        lines = [line for cell in cells for line in _str(cell).splitlines()]
        longest.append(max((cell_len(line) for line in lines), default=1))
        words = [cell_len(w) for line in lines for w in line.split()]
        shortest.append(longest[-1] if keep else max([w for w in words if w <= WORD_MAX] or [1]))
    room = total - _chrome(sheet, len(columns))
    if sum(shortest) > room:
        return None

    def fit(level: int) -> list[int]:
        return [min(most, max(least, level)) for most, least in zip(longest, shortest, strict=True)]

    low, high = 1, max(longest)
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if sum(fit(mid)) <= room else (low, mid - 1)
    return fit(low)


def stacked(sheet: Sheet, out: Console) -> None:
    """One block per item, label: value lines, wrapped at word boundaries."""
    from rich.text import Text

    out.print(Text(sheet.title, style="bold"))
    blocks: list[tuple[Value, list[tuple[Value, Value]]]]
    if sheet.across:
        blocks = [
            (sheet.header[c], [(row[0], row[c]) for row in sheet.rows])
            for c in range(1, len(sheet.header))
        ]
    else:
        blocks = [(row[0], list(zip(sheet.header[1:], row[1:], strict=True))) for row in sheet.rows]
    for name, pairs in blocks:
        out.print()
        out.print(Text(f"== {_str(name)} ==", style="bold cyan"))
        for label, value in pairs:
            out.print(Text(f"{_str(label)}:", style="bold"))
            for line in _str(value).splitlines() or [""]:
                bullet = line.startswith("- ")
                out.print(_hanging("  - " if bullet else "  ", line[2:] if bullet else line))
    if sheet.notes:
        out.print()
    _notes(sheet.notes, out)


_LEAD = re.compile(r"(\[\d+\] |- |\* )")
"""The start of a note that its later lines are indented under: `[3] `, `- ` or `* `."""


def _notes(notes: Sequence[Line], out: Console) -> None:
    """Notes and footnotes, wrapped at word boundaries with their later lines indented."""
    for note in map(_str, notes):
        lead = _LEAD.match(note)
        prefix = lead.group(1) if lead else ""
        out.print(_hanging(prefix, note[len(prefix) :], "dim"))


def _text(lines: list[str], out: Console) -> None:
    """Text as it is, each line wrapped at word boundaries, a `- ` line's later lines
    indented under its first word."""
    if not lines:
        return
    out.print()
    for line in lines:
        bullet = line.startswith("- ")
        out.print(_hanging("- " if bullet else "", line[2:] if bullet else line))


def _hanging(prefix: str, body: str, style: str = "") -> Any:
    """``body`` wrapped at word boundaries beside ``prefix``, later lines under the body."""
    from rich.table import Table
    from rich.text import Text

    if not prefix:
        return _styled(body, style)
    grid = Table.grid()
    grid.add_column(no_wrap=True, width=len(prefix))
    grid.add_column(overflow="fold")
    grid.add_row(Text(prefix, style=style), _styled(body, style))
    return grid


def _styled(value: str, style: str = "") -> Any:
    from rich.text import Text

    result = Text(value, style=style)
    if UNKNOWN in value:
        result.highlight_words([UNKNOWN], style="italic dim")
    if CONFLICT in value:
        result.highlight_words([CONFLICT], style="yellow")
    return result


def exported(sheet: Sheet, fmt: Format, colophon: str | None = None) -> str:
    """A standalone HTML page, or an SVG picture of the table (Rich's export).

    Neither loads anything from the network: the page is plain HTML with its own style
    sheet, and Rich's links to web fonts are taken out of the picture. ``colophon`` (when,
    by what and from which data the page was prepared) heads the page.
    """
    sheet = for_reader(sheet)
    if fmt is Format.html:
        return _page(sheet, colophon)
    sheet = as_text(sheet)
    from rich.console import Console
    from rich.text import Text

    recorder = Console(
        record=True,
        width=max(100, 30 * len(sheet.header)),
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
    )
    _table(dataclasses.replace(sheet, notes=[]), recorder)
    for note in sheet.notes:
        recorder.print(Text(_str(note), style="dim"))
    _text(sheet.text, recorder)
    return _WEB_FONT.sub("", recorder.export_svg(title=sheet.title))


_WEB_FONT = re.compile(r",\s*url\([^)]*\)\s*format\([^)]*\)")
"""A web-font source in Rich's SVG style sheet; the `local()` source before it stays."""

_STYLE = """\
:root { color-scheme: light; }
body { margin: 0; padding: 1rem; background: #fff; color: #111;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.35rem; margin: 0 0 0.25rem; }
h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
.colophon { margin: 0 0 0.75rem; font-size: 0.9em; color: #444; }
table { border-collapse: collapse; width: 100%; }
table.across thead th:first-child { width: 9em; }
th, td { border: 1px solid #bbb; padding: 0.4rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: normal; hyphens: manual; }
thead th { background: #e8f0f0; }
tbody th { color: #005f5f; }
.fig { white-space: nowrap; }
ul { margin: 0; padding-left: 1.1rem; }
li + li { margin-top: 0.2rem; }
p { margin: 0; }
ul + p { margin-top: 0.3rem; }
.unknown { font-style: italic; color: #595959; }
mark { background: #fff0a0; }
.notes { margin-top: 1rem; font-size: 0.9em; color: #333; }
.notes p + p { margin-top: 0.3rem; }
.text { margin-top: 1rem; max-width: 45rem; }
.text p, .text ul { margin: 0 0 0.6rem; }
a { color: #0645ad; }
a.url { overflow-wrap: anywhere; word-break: break-word; }
a.ref { display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px;
  text-align: center; text-indent: 0; text-decoration: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
@media (max-width: 640px) {
  body { padding: 0.75rem; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table, tbody, tr, th, td { display: block; }
  caption { display: block; }
  tr { border: 1px solid #bbb; margin-bottom: 0.75rem; }
  th, td { border: 0; overflow-wrap: break-word; }
  tbody th { background: #e8f0f0; }
  td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; }
}
@page { margin: 11mm 11mm 13mm; }
@media print {
  body { padding: 0; font: 10pt/1.25 "Liberation Sans", Arial, Helvetica, system-ui,
    "DejaVu Sans", sans-serif; }
  h1 { font-size: 15pt; }
  .colophon { font-size: 9pt; margin-bottom: 2mm; }
  th, td { padding: 0.5mm 1mm; line-height: 1.15; }
  table.across thead th:first-child { width: 7.5em; }
  table:not(.across) tbody th { min-width: 9em; }
  thead { display: table-header-group; break-after: avoid; page-break-after: avoid; }
  tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
  tr, li, p { break-inside: avoid; page-break-inside: avoid; }
  .notes { margin-top: 2mm; font-size: 9pt; line-height: 1.15; columns: 2; column-gap: 6mm; }
  .notes.long { columns: 3; column-gap: 4mm; }
  .notes p + p { margin-top: 0.1rem; }
  a { color: inherit; text-decoration: none; }
  a.ref { display: inline; min-width: 0; min-height: 0; line-height: inherit; }
}
"""

_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
_REF = re.compile(r"\[(\d+)\]")
_PART = r"(?:\$?[0-9][0-9,.]*%?|[A-Z][A-Z0-9.]*)"
_DOMAIN = r"[a-z0-9]+(?:-[a-z0-9]+)+(?:\.[a-z]{2,})+"
_RANGE = re.compile(rf"(?<![\w$\[.,/-])({_PART}(?:-{_PART})+|{_DOMAIN})(?![\w-])")
"""Figures and names joined by hyphens (`$999-$2,099`, `2024-2034`, `39-9031`,
`NFPT-CPT`, `course-faq.com`), which a line never breaks at a hyphen."""


def kept(text: str) -> str:
    """Escaped text whose hyphenated figures and names stay on one line."""
    from html import escape

    return _RANGE.sub(r'<span class="fig">\1</span>', escape(text, quote=False))


def _marks(text: str) -> str:
    """Escaped text with footnote references linked and unknown/conflict marked."""

    out = kept(text)
    out = _REF.sub(r'<a class="ref" href="#source-\1" aria-label="source \1">[\1]</a>', out)
    out = re.sub(rf"\b{UNKNOWN}\b", f'<span class="unknown">{UNKNOWN}</span>', out)
    return out.replace(CONFLICT, f"<mark>{CONFLICT}</mark>")


def html_line(text: str) -> str:
    """A line as HTML, its web addresses as links."""
    from html import escape

    out, pos = [], 0
    for m in _URL.finditer(text):
        url = escape(m.group(0))
        out += [_marks(text[pos : m.start()]), f'<a class="url" href="{url}">{url}</a>']
        pos = m.end()
    return "".join([*out, _marks(text[pos:])])


_MARK = re.compile(r"(?:(?<=[0-9%])|(?<=[0-9%]</span>))([\^!*?]+)(?=<|\s|$)")


def _spoken(html: str) -> str:
    """A cell's marks after a figure (`$250^!`) shown as they are but read out in words."""

    def words(m: re.Match[str]) -> str:
        said = "; ".join(MARKS[c] for c in m.group(1) if c in MARKS)
        hidden = f'<span aria-hidden="true">{m.group(1)}</span>'
        return f'{hidden}<span class="sr"> ({said})</span>' if said else m.group(0)

    return _MARK.sub(words, html)


def html_cell(text: str) -> str:
    """A cell's lines as HTML: `- ` lines become a list, other lines paragraphs."""
    parts: list[str] = []
    items: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("- "):
            items.append(f"<li>{html_line(line[2:])}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line.strip():
            parts.append(f"<p>{html_line(line.strip())}</p>")
    return "".join(parts)


def html_value(cell: Value, numbers: dict[str, int]) -> str:
    """A cell as HTML: plain text through `html_cell`; a `Cell` from its data, its
    references linked to the sources, its flags as marks a screen reader says in words
    (or as words), its command hint left out, its list items a list."""
    if isinstance(cell, str):
        return html_cell(cell)
    if cell.command:
        return ""
    if not cell.lines or cell.joined is not None:
        inline = _html_words(cell, numbers).strip()
        return f"<p>{inline}</p>" if inline else ""
    parts: list[str] = []
    items: list[str] = []
    for line in [*cell.lines, None]:
        if line is not None and line.item:
            items.append(f"<li>{_html_words(line, numbers)}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line is not None:
            parts.append(html_value(line, numbers))
    told = [FLAG_WORDS[f] for f in cell.flags if f != "unknown"]
    said = "".join(f" (<mark>{w}</mark>)" if w == CONFLICT else f" ({w})" for w in told)
    return "".join(parts) + (f"<p>{said.strip()}</p>" if said else "")


def _html_words(cell: Cell, numbers: dict[str, int]) -> str:
    """A cell's words as inline HTML (the parts of one line joined)."""
    from html import escape

    if cell.command:
        return ""
    if cell.lines:
        by = escape(" " if cell.joined is None else cell.joined, quote=False)
        parts = (_html_words(line, numbers) for line in cell.lines if not line.command)
        inline = by.join(parts)
        told = [FLAG_WORDS[f] for f in cell.flags if f != "unknown"]
        return inline + "".join(
            f" (<mark>{w}</mark>)" if w == CONFLICT else f" ({w})" for w in told
        )

    words = kept(cell.text) if cell.text else ""
    if cell.unknown and not cell.text:
        words = f'<span class="unknown">{UNKNOWN}</span>'
    flags = [f for f in cell.flags if f != "unknown"]
    if cell.compact:
        for mark in dict.fromkeys(MARKS[f] for f in flags if f in MARKS):
            meant = escape(MARK_WORDS[mark])
            words += f'<span aria-hidden="true">{escape(mark)}</span>'
            words += f'<span class="sr"> ({meant})</span>'
        told = [FLAG_WORDS[f] for f in flags if f not in MARKS and FLAG_WORDS[f] != cell.text]
    else:
        told = [FLAG_WORDS[f] for f in flags]
    said = [f"<mark>{w}</mark>" if w == CONFLICT else escape(w) for w in told]
    said += [html_line(aside) for aside in cell.asides]
    words += f" ({'; '.join(said)})" if said else ""
    cited = [numbers[s] for s in dict.fromkeys(cell.refs) if s in numbers]
    links = "<wbr>".join(_ref(n) for n in cited)
    if links and not cell.compact:
        words += f" {links}" if words else links
    return words


def _ref(n: int) -> str:
    """A source's number, linked to its entry in the list of sources."""
    return f'<a class="ref" href="#source-{n}" aria-label="source {n}">[{n}]</a>'


def page_text(note: Line, numbers: dict[str, int] | None = None) -> str:
    """A note as a page says it: without a command hint ('' for a pointer to a command)."""
    if isinstance(note, str):
        return note
    if isinstance(note, Cell):
        return shown(note, numbers, page=True)
    if note.source is not None:
        return f"[{note.n}] {note.text}"
    return "" if note.hint else note.text


def html_note(note: Line, numbers: dict[str, int] | None = None) -> str:
    """A note as an HTML paragraph: a footnote with its anchor, a note without its hint."""
    if isinstance(note, str):
        return f"<p>{html_line(note)}</p>" if note else ""
    if isinstance(note, Cell):
        return html_value(note, numbers or {})
    if note.source is not None:
        return f'<p id="source-{note.n}">[{note.n}] {html_line(note.text)}</p>'
    return "" if note.hint else f"<p>{html_line(note.text)}</p>"


def html_text(lines: list[str]) -> str:
    """Text as HTML paragraphs and lists, shown as it is: nothing in it becomes a link."""
    from html import escape

    parts = []
    for block in _blocks(lines):
        if block[0].startswith("- "):
            items = "".join(f"<li>{escape(line[2:], quote=False)}</li>" for line in block)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(block[0].strip(), quote=False)}</p>")
    return "\n".join(parts)


LONG = 12
"""Notes under a table beyond which paper sets them in three columns, not two (a list's
sources); fewer would leave a column of short lines."""


def _page(sheet: Sheet, colophon: str | None = None) -> str:
    """The sheet as an HTML table that turns into one card per row on a phone's screen
    and prints on as few pages as it can."""
    from html import escape

    head = "".join(f'<th scope="col">{kept(h)}</th>' if h else "<td></td>" for h in sheet.header)
    numbers = sheet.numbers()
    rows = []
    for row in sheet.rows:
        cells = [f'<th scope="row">{html_value(row[0], numbers)}</th>']
        for label, value in zip(sheet.header[1:], row[1:], strict=False):
            attr = f' data-label="{escape(label)}"' if label and len(sheet.header) > 2 else ""
            cells.append(f"<td{attr}>{html_value(value, numbers)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if rows:
        kind = ' class="across"' if sheet.across else ""
        body = f"<table{kind}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
        body += "\n</tbody>\n</table>"
    else:
        body = f"<p>{html_line(sheet.empty or 'Nothing to show.')}</p>"
    shown = [n for n in sheet.notes if not (isinstance(n, Note) and n.quiet)]
    notes = [html for html in (html_note(n, numbers) for n in shown) if html]
    if notes:
        kind = "notes long" if len(notes) > LONG else "notes"
        body += f'\n<div class="{kind}">\n' + "\n".join(notes) + "\n</div>"
    if sheet.text:
        body += '\n<div class="text">\n' + html_text(sheet.text) + "\n</div>"
    made = f'\n<p class="colophon">{escape(colophon)}</p>' if colophon else ""
    return html_document(sheet.title, f"{made}\n{body}")


def html_document(title: str, body: str, style: str = "", tab: str | None = None) -> str:
    """A whole page that loads nothing: its style sheet inside it, no scripts, fonts or
    images; ``body`` follows the page's one heading. ``tab`` is the window's title (and a
    PDF's), when it says more than the heading, e.g. who the page is for."""
    from html import escape

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(tab or title)}</title>
<style>
{_STYLE}{style}</style>
</head>
<body>
<main>
<h1>{kept(title)}</h1>{body}
</main>
</body>
</html>
"""
