"""The terminal fitcareer writes to: how wide it is (the one reader of COLUMNS), whether a
stream is one, and text wrapped to a width (the one word wrapper; tables and help are
laid out by Rich, which is given the same width)."""

from __future__ import annotations

import os
import re
from typing import TextIO

MIN_WIDTH = 20
"""Narrower widths are taken for a mistake and treated as `FALLBACK`."""

FALLBACK = 80

_WORD = re.compile(r"(\s*)(\S+)")


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def columns(stream: TextIO) -> int | None:
    """The width to fit text to: COLUMNS when set, else the width of the terminal
    ``stream`` is; None when neither says (a pipe or a file). A width under `MIN_WIDTH`,
    or a COLUMNS that is no whole number, counts as `FALLBACK`."""
    raw = os.environ.get("COLUMNS", "").strip()
    if raw:
        width = int(raw) if raw.isascii() and raw.isdigit() else FALLBACK
    elif isatty(stream):
        try:
            width = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            return None
    else:
        return None
    return width if width >= MIN_WIDTH else FALLBACK


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces, every line after
    the first indented by ``indent`` (at most half the width); spaces between words on a
    line stay as written. A word longer than a line (a deep path) starts a line of its
    own and is folded there, the only word ever split."""
    pad = " " * min(indent, width // 2)
    out: list[str] = []
    line: str | None = None
    for gap, word in _WORD.findall(text):
        gap = " " * len(gap)
        if line is None:
            start = gap
        elif len(line) + len(gap) + len(word) <= width:
            line += gap + word
            continue
        else:
            out.append(line)
            start = pad
        room = max(1, width - len(start))
        while len(word) > room:
            out.append(start + word[:room])
            word, start = word[room:], pad
            room = max(1, width - len(start))
        line = start + word
    return out if line is None else [*out, line]
