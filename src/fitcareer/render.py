"""Renderers: one per output format, over one format-neutral view (`Sheet`).

Rich is imported only for the table, HTML and SVG formats, so JSON, CSV and Markdown
output start faster.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from .errors import OutputError

if TYPE_CHECKING:
    from rich.console import Console

MIN_WIDTH = 20
"""Narrower terminal widths are treated as unknown (80 columns)."""

COLUMN_MIN = 18
"""Width a side-by-side column needs before the view switches to stacked blocks."""


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    svg = "svg"


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


def console(file: TextIO | None = None, record: bool = False) -> Console:
    """A console that follows fitcareer's output policy.

    Colour only on a terminal; NO_COLOR removes colour (bold stays); FORCE_COLOR set to
    a non-empty value other than ``0`` forces colour; silly widths fall back to 80.
    """
    from rich.console import Console

    stream = file or sys.stdout
    force = os.environ.get("FORCE_COLOR")
    force_terminal: bool | None = None
    if force == "0":
        force_terminal = _isatty(stream)
    width = _width()
    return Console(
        file=file,
        force_terminal=force_terminal,
        width=width,
        record=record,
        highlight=False,
        emoji=False,
        safe_box=True,
    )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _width() -> int | None:
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        return 80
    return value if value >= MIN_WIDTH else 80


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
        return to_json(sheet.payload)
    if fmt is Format.csv:
        return to_csv(sheet)
    if fmt is Format.markdown:
        return to_markdown(sheet)
    if fmt in (Format.html, Format.svg):
        return exported(sheet, fmt)
    buffer = io.StringIO()
    table(sheet, console(buffer))
    return buffer.getvalue()


def to_json(payload: Any) -> str:
    ascii_only = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"
    return json.dumps(payload, indent=2, ensure_ascii=ascii_only) + "\n"


def to_csv(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(sheet.header)
    writer.writerows(sheet.rows)
    if sheet.notes:
        writer.writerow([])
        writer.writerows([note] for note in sheet.notes)
    return buffer.getvalue()


def to_markdown(sheet: Sheet) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", "<br>")

    lines = [f"## {sheet.title}", ""]
    if sheet.rows:
        lines.append("| " + " | ".join(cell(h) for h in sheet.header) + " |")
        lines.append("|" + "|".join("---" for _ in sheet.header) + "|")
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in sheet.rows]
    elif sheet.empty:
        lines.append(sheet.empty)
    if sheet.notes:
        lines.append("")
        lines += [f"- {note}" for note in sheet.notes]
    return "\n".join(lines) + "\n"


def table(sheet: Sheet, out: Console) -> None:
    """Print a sheet as a Rich table, or as stacked blocks when the terminal is too narrow."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not sheet.rows:
        out.print(sheet.empty or "Nothing to show.")
        return
    columns = len(sheet.header)
    if out.width < COLUMN_MIN * columns:
        stacked(sheet, out)
        return
    grid = Table(
        title=sheet.title,
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        show_lines=sheet.across,
        header_style="bold",
        expand=False,
    )
    for i, name in enumerate(sheet.header):
        first = i == 0
        grid.add_column(
            name,
            style="bold cyan" if first and sheet.across else None,
            overflow="fold",
            no_wrap=first and not sheet.across,
            min_width=min(max(len(w) for w in name.split() or [""]), 24) if not first else None,
        )
    for row in sheet.rows:
        grid.add_row(*(_styled(c) for c in row))
    out.print(grid)
    for note in sheet.notes:
        out.print(Text(note, style="dim"), soft_wrap=True)


def stacked(sheet: Sheet, out: Console) -> None:
    """One block per item, label: value lines, never cut (the terminal wraps)."""
    from rich.text import Text

    out.print(Text(sheet.title, style="bold"), soft_wrap=True)
    if sheet.across:
        blocks = [
            (sheet.header[c], [(row[0], row[c]) for row in sheet.rows])
            for c in range(1, len(sheet.header))
        ]
    else:
        blocks = [(row[0], list(zip(sheet.header[1:], row[1:], strict=True))) for row in sheet.rows]
    for name, pairs in blocks:
        out.print()
        out.print(Text(f"== {name} ==", style="bold cyan"), soft_wrap=True)
        for label, value in pairs:
            out.print(Text(f"{label}:", style="bold"), soft_wrap=True)
            for line in value.splitlines() or [""]:
                out.print(_styled(f"  {line}"), soft_wrap=True)
    if sheet.notes:
        out.print()
        for note in sheet.notes:
            out.print(Text(note, style="dim"), soft_wrap=True)


def _styled(value: str) -> Any:
    from rich.text import Text

    result = Text(value)
    result.highlight_words([UNKNOWN], style="italic dim")
    result.highlight_words([CONFLICT], style="yellow")
    return result


UNKNOWN = "unknown"
CONFLICT = "sources differ"


def exported(sheet: Sheet, fmt: Format) -> str:
    """A standalone HTML page or SVG picture of the table (Rich's export)."""
    from rich.console import Console

    recorder = Console(
        record=True,
        width=max(100, 30 * len(sheet.header)),
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
    )
    table(sheet, recorder)
    if fmt is Format.svg:
        return recorder.export_svg(title=sheet.title)
    return _page(sheet.title, recorder.export_html(inline_styles=True, code_format=_HTML_BODY))


_HTML_BODY = '<pre class="fitcareer"><code>{code}</code></pre>'


def _page(title: str, body: str) -> str:
    from html import escape

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body {{ margin: 1rem; background: #fff; color: #111; }}
pre.fitcareer {{ font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: clamp(7px, 1.6vw, 14px); line-height: 1.25; overflow-x: auto; }}
@media print {{ body {{ margin: 0; }} pre.fitcareer {{ font-size: 8pt; overflow: visible; }} }}
</style>
</head>
<body>
{body}
</body>
</html>
"""
