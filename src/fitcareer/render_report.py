"""A `Report` as one self-contained HTML page, as Markdown, or as JSON.

Kept apart from `render`, whose renderers each draw one `Sheet`: a report is several
titled sections sharing one list of sources. The page reuses `render`'s style sheet,
cells and links and `views.handout`'s removal of command-line syntax, and adds only what
a page of several sections needs (section headings, captions, the source list, print
rules).
"""

from __future__ import annotations

from html import escape

from fitcareer.render import (
    html_cell,
    html_document,
    html_line,
    html_note,
    html_value,
    kept,
    md_text,
    page_text,
    to_json,
)
from fitcareer.views.report import Report, Section
from fitcareer.views.sheet import Sheet, Value, shown

_REPORT_STYLE = """\
main { max-width: 60rem; margin: 0 auto; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 0.4rem; padding-bottom: 0.15rem;
  border-bottom: 2px solid #005f5f; color: #003f3f; }
.colophon + .colophon { margin-top: -0.6rem; }
.verdict { border: 2px solid #005f5f; border-radius: 4px; background: #eef6f6;
  padding: 0.6rem 0.8rem; margin: 0.3rem 0 0.6rem; break-inside: avoid; }
.verdict p:first-child { font-size: 1.25em; font-weight: 700; }
.verdict p + p { margin-top: 0.3rem; }
.client { font-size: 1.1rem; font-weight: 600; margin: 0 0 0.3rem; }
section > p, section > ul { margin: 0.3rem 0; }
caption { text-align: left; font-weight: 600; padding: 0 0 0.3rem; color: #333; }
.sources p { margin: 0 0 0.25rem; padding-left: 2.2em; text-indent: -2.2em; }
@media (max-width: 640px) {
  table.across thead th:first-child { width: auto; }
}
@page { @bottom-right { content: "Page " counter(page) " of " counter(pages);
  font: 9pt system-ui, "DejaVu Sans", sans-serif; color: #444; } }
@media print {
  main { max-width: none; }
  h2 { font-size: 12pt; margin: 3.5mm 0 1.5mm; border-bottom-width: 1pt; color: #000; }
  .verdict { background: none; padding: 2mm 3mm; }
  .verdict p:first-child { font-size: 12.5pt; }
  caption { font-size: 10pt; padding-bottom: 1mm; }
  thead th, tbody th, mark { background: none; }
  mark { text-decoration: underline; }
  tbody th { color: #000; }
  table.across thead th:first-child, thead th:first-child { width: 9em; }
  table { break-inside: auto; }
  .sources { font-size: 9pt; columns: 2; column-gap: 6mm; }
  ul.short { columns: 2; column-gap: 6mm; }
  caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); }
  .sources p { break-inside: avoid; }
}
"""


def _table(sheet: Sheet, numbers: dict[str, int]) -> str:
    """A sheet as a table with header cells (`scope`), captioned with its title; on a
    phone each row becomes a card whose cells carry their column's name."""
    head = "".join(f'<th scope="col">{kept(h)}</th>' if h else "<td></td>" for h in sheet.header)
    rows = []
    for r in sheet.rows:
        cells = [f'<th scope="row">{html_value(r[0], numbers)}</th>']
        for label, value in zip(sheet.header[1:], r[1:], strict=False):
            cells.append(f'<td data-label="{escape(label)}">{html_value(value, numbers)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    kind = ' class="across"' if sheet.across else ""
    caption = f"<caption>{kept(sheet.title)}</caption>\n"
    body = "\n".join(rows)
    return f"<table{kind}>\n{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _section(section: Section, n: int, numbers: dict[str, int]) -> str:
    parts = [
        f'<section aria-labelledby="part-{n}">',
        f'<h2 id="part-{n}">{kept(section.title)}</h2>',
    ]
    if section.sources:
        parts.append('<div class="sources">')
        parts += [html_note(note) for note in section.sources]
        parts.append("</div>")
    elif section.paragraphs:
        rest = section.paragraphs
        if n == 1:
            boxed = 2 if rest[1:2] and rest[1].startswith("Next step") else 1
            said = "".join(f"<p>{html_line(line)}</p>" for line in rest[:boxed])
            parts.append(f'<div class="verdict">{said}</div>')
            rest = rest[boxed:]
        listed = html_cell("\n".join(rest))
        parts.append(listed.replace("<ul>", '<ul class="short">') if section.short else listed)
    sheet = section.sheet
    if sheet is not None:
        parts.append(
            _table(sheet, numbers) if sheet.rows else f"<p>{html_line(sheet.empty or '')}</p>"
        )
        notes = [html for html in (html_note(n, numbers) for n in sheet.notes) if html]
        if notes:
            parts.append('<div class="notes">\n' + "\n".join(notes) + "\n</div>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(report: Report) -> str:
    """The report as one page that loads nothing: its style sheet is inside it, it has no
    scripts, fonts or images, and its only links go to the sources' own pages."""
    head = []
    for line in report.colophon:
        kind = "client" if line.startswith("Prepared for ") else "colophon"
        head.append(f'<p class="{kind}">{escape(line)}</p>')
    numbers = report.notes.numbers
    body = "\n".join(_section(s, i, numbers) for i, s in enumerate(report.sections, 1))
    name = report.client
    title = f"{report.title} for {name}" if name else report.title
    return html_document(report.title, "\n" + "\n".join([*head, body]), _REPORT_STYLE, title)


def _md_cell(value: Value, numbers: dict[str, int]) -> str:
    text = shown(value, numbers)
    lines = [md_text(line) for line in text.splitlines() if line.strip()]
    return "<br>".join(lines)


def _md_table(sheet: Sheet, numbers: dict[str, int]) -> list[str]:
    lines = ["| " + " | ".join(md_text(h) for h in sheet.header) + " |"]
    lines.append("|" + "|".join("---" for _ in sheet.header) + "|")
    lines += ["| " + " | ".join(_md_cell(c, numbers) for c in r) + " |" for r in sheet.rows]
    return lines


def _md_lines(lines: list[str]) -> list[str]:
    """Paragraph lines: a list item stays one; other lines are paragraphs of their own."""
    out: list[str] = []
    for line in filter(None, lines):
        item = line.startswith("- ")
        if out and not (item and out[-1].startswith("- ")):
            out.append("")
        out.append(md_text(line))
    return out


def to_markdown(report: Report) -> str:
    numbers = report.notes.numbers
    lines = [f"# {md_text(report.title)}", ""]
    lines += _md_lines(report.colophon)
    for section in report.sections:
        lines += ["", f"## {md_text(section.title)}", ""]
        if section.sources:
            lines += [f"- {md_text(page_text(note))}" for note in section.sources]
            continue
        lines += _md_lines(section.paragraphs)
        sheet = section.sheet
        if sheet is None:
            continue
        if section.paragraphs:
            lines.append("")
        lines += _md_table(sheet, numbers) if sheet.rows else [md_text(sheet.empty or "")]
        notes = [f"- {md_text(n)}" for n in (page_text(n, numbers) for n in sheet.notes) if n]
        lines += ["", *notes] if notes else []
    return "\n".join(lines).rstrip() + "\n"


def to_data(report: Report) -> str:
    return to_json(report.payload)
