"""A fast reader for the plain block style of YAML that programs write (``yaml.dump``'s
style): one ``key: value`` or ``- item`` per line, values as plain words or numbers, one
line each, in single quotes or in double quotes without escapes.

It answers only when it is sure: anything outside that style (flow collections other than
``[]`` and ``{}``, block scalars, values over several lines, comments after a value, tags,
anchors, aliases, tabs, a key that is not a plain name, a repeated key, nesting near
`parse.MAX_DEPTH`, a character the strict loader refuses) makes it return None, and the
strict loader in `parse` reads the file instead, and alone reports any problem with its
line and column. Plain scalars are typed by the strict loader's own resolver table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,127}")
"""The keys the fast reader takes: plain names (`_name` also refuses those the resolver
would type, such as ``true`` and ``null``)."""

_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
"""First characters that make a value something other than a plain scalar (``-``, ``?``
and ``:`` are plain before a character other than a space)."""

_PLAIN_BYTES = bytes([10, *range(32, 127)])
"""Line feeds and printable ASCII, removed before the scan for suspect characters."""
_SUSPECT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)
"""Characters the fast reader leaves to the strict loader: controls, tabs, carriage
returns outside a line break, separators, bidirectional marks, byte order marks,
non-characters."""


_PART = 1 << 20
"""Characters of text split into lines at a time."""


class Doubt(Exception):
    """A fast reader could not prove what the file holds: the strict reader decides."""


Watch = dict[str, "set[str] | list[dict[str, Any]]"]
"""Keys to note while reading: a set gathers every text under that key, a list every
mapping holding it."""


def read(
    raw: bytes, depth: int, typed: Callable[[str], Any], special: frozenset[str], watch: Watch
) -> Any:
    """The file's plain data, or None when the strict loader must decide.

    ``depth`` is the deepest nesting to accept. ``typed(text)`` types a plain scalar as
    the strict loader does, raising `Doubt` where it would refuse it; it is called only
    for a scalar whose first character is in ``special``, the others being text. What
    ``watch`` asks for is noted on the way (also from a file then left to the strict
    loader).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n")
    try:
        text = raw.decode("utf-8")
        odd = raw.translate(None, _PLAIN_BYTES)
        if odd and _SUSPECT.search(odd.decode("utf-8")):
            return None
        # Two levels below the strict loader's limit: the strict loader counts the
        # scalar at the bottom too, and `_read` counts its own top holder.
        return _read(text, depth - 2, typed, special, watch)
    except (Doubt, UnicodeDecodeError):
        return None


def _read(
    text: str, depth: int, typed: Callable[[str], Any], special: frozenset[str], watch: Watch
) -> Any:
    names: dict[str, str] = {}  # each key once, so equal keys are one object, as in JSON
    memo: dict[str, Any] = {}  # values typed so far
    starts = _INDICATORS | special
    cols: list[int] = []  # the columns of the open collections around `box`
    boxes: list[Any] = []  # those collections, innermost last
    top: dict[str, Any] = {}
    box: Any = top  # the innermost open collection, at column `at`
    at = -1
    listed = False  # whether `box` is a list
    waiting: str | None = ""  # the key ("" in a list) whose value is a block to come
    for line in _lines(text):
        body = line.lstrip(" ")
        if not body:
            continue
        first = body[0]
        col = len(line) - len(body)
        item = False
        gap = 0
        if first in "#-":
            if first == "#":
                continue
            if body == "-":
                body = ""
            elif body[1] == " ":
                body = body[2:]
                gap = 2
                if body[:1] == " ":
                    body = body.lstrip(" ")
                    gap = len(line) - col - len(body)
                if not body:
                    raise Doubt
                first = body[0]
            else:
                raise Doubt
            item = True
        if waiting is not None:
            if col > at or (col == at and item and not listed):
                if at < 0 and col:
                    raise Doubt
                new: Any = [] if item else {}
                if listed:
                    box.append(new)
                else:
                    box[waiting] = new
                if len(cols) >= depth:
                    raise Doubt
                cols.append(at)
                boxes.append(box)
                box, at, listed = new, col, item
            elif listed:
                box.append(None)
            waiting = None
        if col != at or listed != item:
            while at > col or (at == col and listed and not item):
                at = cols.pop()
                box = boxes.pop()
                listed = type(box) is list
            if col != at or listed != item or at < 0:
                raise Doubt
        if item:
            if not body:
                waiting = ""
                continue
            key, sep, rest = body.partition(": ")
            if not sep:
                if body[-1] != ":":
                    box.append(memo[body] if body in memo else _value(body, first, memo, typed))
                    continue
                key, rest = body[:-1], ""
            name = names.get(key) or _name(key, names, special, typed)
            if name is None:
                box.append(memo[body] if body in memo else _value(body, first, memo, typed))
                continue
            mapping: dict[str, Any] = {}
            box.append(mapping)
            if len(cols) >= depth:
                raise Doubt
            cols.append(at)
            boxes.append(box)
            box, at, listed = mapping, col + gap, False
        else:
            key, sep, rest = body.partition(": ")
            if not sep:
                if body[-1] != ":":
                    raise Doubt
                key, rest = body[:-1], ""
            name = names.get(key) or _name(key, names, special, typed)
            if name is None or name in box:
                raise Doubt
        if not rest:
            box[name] = None
            waiting = name
            sink = watch.get(name)
            if isinstance(sink, list):
                sink.append(box)
            continue
        first = rest[0]
        if first in starts:
            value = memo[rest] if rest in memo else _value(rest, first, memo, typed)
        elif ": " in rest or " #" in rest or rest[-1] in " :":
            raise Doubt
        else:
            value = rest
        box[name] = value
        sink = watch.get(name)
        if sink is not None:
            if isinstance(sink, set):
                if type(value) is str:
                    sink.add(value)
            else:
                sink.append(box)
    if waiting is not None and listed:
        box.append(None)
    if "" not in top:
        raise Doubt
    return top[""]


def _lines(text: str) -> Any:
    """The lines of ``text``, split a part at a time so they are not all held at once."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _PART)
        if end < 0:
            end = size
        yield from text[start:end].split("\n")
        start = end + 1


def _value(rest: str, first: str, memo: dict[str, Any], typed: Callable[[str], Any]) -> Any:
    """A value that is not plain text: quoted, ``[]``, ``{}``, or a plain scalar that may
    be typed."""
    if first == "'":
        found = _SINGLE.fullmatch(rest)
        if found is None:
            raise Doubt
        return found.group(1).replace("''", "'")
    if first == '"':
        found = _DOUBLE.fullmatch(rest)
        if found is None:
            raise Doubt
        return found.group(1)
    if first in _INDICATORS:
        if rest == "[]":
            return []
        if rest == "{}":
            return {}
        if first not in "-?:" or rest[1:2] in ("", " "):
            raise Doubt
    if ": " in rest or " #" in rest or rest[-1] in " :":
        raise Doubt
    value = memo[rest] = typed(rest)
    return value


def _name(
    key: str, names: dict[str, str], special: frozenset[str], typed: Callable[[str], Any]
) -> str | None:
    """``key`` if it is a plain name that stays text, remembered in ``names``."""
    if _KEY.fullmatch(key) is None or (key[0] in special and typed(key) is not key):
        return None
    names[key] = key
    return key
