"""What a page handed to someone keeps of a view's words: everything but command-line
syntax (`fitcareer roles ID`, `--costs`), which is said to a terminal's user and means
nothing to a reader who may never run fitcareer. The HTML page (`render`), the client
report (`render_report`) and the report's choice of rows (`views/report.py`) share it."""

from __future__ import annotations

import re

from fitcareer.commands import COMMANDS
from fitcareer.views.sheet import UNKNOWN

_COMMAND = re.compile(rf"`?\bfitcareer\s+(?:{'|'.join(COMMANDS)})\b|(?<![\w-])--[a-z]")
"""Command-line syntax: fitcareer and a command's name, or an option."""
_ASIDE = re.compile(r"\s*\(([^()]*)\)")
_SENTENCE = re.compile(r"(?<=\.)\s+(?=\S)")


def _aside(match: re.Match[str]) -> str:
    """A parenthesis without its parts that are command-line syntax."""
    kept = [part for part in match.group(1).split("; ") if not _COMMAND.search(part)]
    return f" ({'; '.join(kept)})" if kept else ""


def _told(sentence: str) -> str:
    """A sentence without the clause that points to a command: `The path: 5 steps:
    fitcareer steps` keeps `The path: 5 steps`, `unknown: give --costs USD` keeps
    `unknown`; `Show one: fitcareer roles ID` goes, being only a pointer."""
    found = _COMMAND.search(sentence)
    if found is None:
        return sentence
    before = sentence[: found.start()]
    if ": " not in before:
        return ""
    head = before.rpartition(": ")[0]
    return head if ": " in head or head.strip() == UNKNOWN else ""


def prose(line: str) -> str:
    """A line with its command-line syntax taken out, for a page ('' when nothing is left)."""
    if not _COMMAND.search(line):
        return line
    line = _ASIDE.sub(_aside, line)
    lead = line[: len(line) - len(line.lstrip())]
    told = [_told(s) for s in _SENTENCE.split(line.strip())]
    kept = " ".join(t.strip() for t in told if t.strip())
    return lead + re.sub(r"\s+([.,;:])", r"\1", kept) if kept else ""


MARKS = {
    "^": "a third-party or unverified price",
    "!": "may be out of date",
    "*": "sources differ",
    "?": "an assumed conversion",
}
"""What a list's marks after a figure mean, for a page to say in words to a screen reader
(the legend under the list says the same to the eye)."""
