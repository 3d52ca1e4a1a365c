"""Read a data file as untrusted input: strict YAML (or JSON) in, plain Python data out.

libyaml's C parser tokenises and parses; the values are built from its events in Python
so that every event can be checked: tags, anchors and aliases are refused, nesting is
capped, duplicate keys are errors, and scalars are typed the YAML 1.2 way (only ``true``
and ``false`` are booleans, ``017`` and ``1:30`` stay text, no timestamps). A ``*.json``
file is read by the standard library's C decoder under the same rules. Every failure is
a `DataError` naming file, line and column; the first in the file is the one named.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError

from fitcareer.errors import DataError, Problem

MAX_DEPTH = 32
"""Deepest nesting accepted; fitcareer's own files nest about 8 levels."""

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: bytes) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


_TYPED = re.compile(
    r"^(?:(?P<bool>true|True|TRUE|false|False|FALSE)|(?P<int>[-+]?(?:0|[1-9][0-9]*))"
    r"|(?P<float>[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)|(?P<null>~|null|Null|NULL|))$"
)
"""YAML 1.2 core-schema typing of a plain (unquoted) scalar; any other is text."""


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters refused in text: terminal controls (an escape written as ``"\\e"``), line
and paragraph separators (U+2028, U+2029: a line break to some programs, none to others)
and bidirectional overrides, which could rewrite what a terminal shows. Tabs and
newlines are fine."""


def _line_col(text: str, at: int) -> tuple[int, int]:
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _control(char: str) -> str:
    return f"control character U+{ord(char):04X} in text; remove it"


MAX_DIGITS = 30
"""Longest whole number accepted (Python refuses to convert more than 4,300 digits)."""


def _refuse(message: str, mark: Any) -> ConstructorError:
    return ConstructorError(None, None, message, mark)


def _root(parser: Any) -> Any:
    """The event that starts the first document's value (None: the file holds none)."""
    parser.get_event()
    if parser.check_event(yaml.StreamEndEvent):
        return None
    parser.get_event()
    return parser.get_event()


def _yaml(raw: bytes, name: str) -> Any:
    """A YAML file's one document as plain data."""
    parser: Any = _Parser(raw)
    try:
        if (root := _root(parser)) is None:
            raise DataError([Problem(name, "file is empty")])
        data = _value(parser.get_event, root, 1)
        parser.get_event()
        if not parser.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                parser.get_event().start_mark,
            )
        return data
    except yaml.MarkedYAMLError as e:
        raise _marked(e, raw, name) from None
    except yaml.reader.ReaderError as e:
        raise _reader(e, raw, name) from None
    except yaml.YAMLError as e:
        raise DataError([Problem(name, f"not valid YAML: {e}")]) from None
    finally:
        parser.dispose()


def _checked(event: Any, depth: int) -> None:
    """Refuse what starts a value but is not plain data, or is nested too deep."""
    mark = event.start_mark
    if type(event) is yaml.AliasEvent or event.anchor is not None:
        raise _refuse("anchors and aliases (&name, *name) are not supported", mark)
    if event.tag not in (None, "!"):
        raise _refuse(f"tags such as '{event.tag}' are not supported; write a plain value", mark)
    if depth > MAX_DEPTH:
        raise _refuse(f"nested deeper than {MAX_DEPTH} levels", mark)


def _value(get: Callable[[], Any], event: Any, depth: int) -> Any:
    """The value that ``event`` starts, the events after it read with ``get``."""
    if event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:
        _checked(event, depth)
    kind = type(event)
    if kind is yaml.ScalarEvent:
        return _scalar(event)
    if kind is yaml.SequenceStartEvent:
        items = []
        while type(event := get()) is not yaml.SequenceEndEvent:
            items.append(_value(get, event, depth + 1))
        return items
    mapping: dict[Any, Any] = {}
    keys: dict[Any, Any] = {}
    while type(event := get()) is not yaml.MappingEndEvent:
        if type(event) is not yaml.ScalarEvent:
            _checked(event, depth + 1)
            raise _refuse("mapping keys must be plain text", event.start_mark)
        key = _value(get, event, depth + 1)
        first = keys.setdefault(key, event)
        if first is not event:
            line = first.start_mark.line + 1
            where = (
                f"first defined on line {line}"
                if first.value == event.value
                else f"the same key as '{first.value}' on line {line}"
            )
            raise _refuse(f"duplicate key '{event.value}' ({where})", event.start_mark)
        mapping[key] = _value(get, get(), depth + 1)
    return mapping


def _scalar(event: Any) -> Any:
    """A scalar typed the YAML 1.2 way; a number as the JSON reader's hooks read it."""
    value: str = event.value
    typed = _TYPED.match(value) if event.implicit[0] else None
    kind = typed.lastgroup if typed else "str"
    if kind == "str":
        if found := _CONTROL.search(value):
            raise _refuse(_control(found.group()), event.start_mark)
        return value
    if kind == "bool":
        return value.lower() == "true"
    if kind == "null":
        return None
    number = _MARKING["parse_int" if kind == "int" else "parse_float"](value.lstrip("+"))
    if isinstance(number, _Bad):
        raise _refuse(number.why, event.start_mark)
    return number


def parse(raw: bytes, name: str) -> Any:
    """Turn a file's bytes into plain data (dicts, lists, str, int, float, bool, None):
    JSON for a ``*.json`` file, strict YAML for any other."""
    return parse_json(raw, name) if name.endswith(".json") else _yaml(raw, name)


def _marked(e: yaml.MarkedYAMLError, raw: bytes, name: str) -> DataError:
    mark = e.problem_mark or e.context_mark
    text = " ".join(part for part in (e.context, e.problem) if part)
    if mark is None:
        return DataError([Problem(name, text)])
    lines = raw.split(b"\n")
    line = lines[mark.line].decode("utf-8", "replace") if mark.line < len(lines) else ""
    if "tab" in text or line[mark.column : mark.column + 1] == "\t":
        text += " (indent with spaces, not tabs)"
    return DataError([Problem(name, text, mark.line + 1, mark.column + 1)])


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""What YAML does not allow anywhere in a file, even inside quotes."""


def _reader(e: yaml.reader.ReaderError, raw: bytes, name: str) -> DataError:
    if (wide := _utf16(raw, name, e.reason)) is not None:
        return wide
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return _not_utf8(raw, name, bad)
    found = _UNPRINTABLE.search(text)
    if found is None:
        return DataError([Problem(name, f"cannot be read ({e.reason})")])
    message = f"control character U+{ord(found.group()):04X} is not allowed; remove it"
    return DataError([Problem(name, message, *_line_col(text, found.start()))])


def _not_utf8(raw: bytes, name: str, bad: UnicodeDecodeError) -> DataError:
    if (wide := _utf16(raw, name, None)) is not None:
        return wide
    before = raw[: bad.start].decode("utf-8", "replace")
    message = f"not valid UTF-8 text (byte 0x{raw[bad.start]:02X}); save the file as UTF-8"
    return DataError([Problem(name, message, *_line_col(before, len(before)))])


def _utf16(raw: bytes, name: str, reason: str | None) -> DataError | None:
    """The error for a file saved as UTF-16 (``reason``: why it was not read as such)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        why = f"not valid UTF-16 text ({reason})" if reason else "saved as UTF-16"
    elif raw[:256].count(0) > len(raw[:256]) // 4:
        why = "not valid UTF-8 text (it looks like UTF-16 without a byte-order mark)"
    else:
        return None
    return DataError([Problem(name, f"{why}; save the file as UTF-8")])


@functools.lru_cache(maxsize=4)
def _tree(raw: bytes) -> Any:
    """Where each value of a YAML file starts (`_marks`), read once however many of its
    problems are located; None for a file that cannot be read."""
    parser: Any = _Parser(raw)
    try:
        root = _root(parser)
        return _marks(parser.get_event, root) if root is not None else None
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()


def _marks(get: Callable[[], Any], event: Any) -> tuple[Any, str | None, Any]:
    """Where the value ``event`` starts, its kind (``m``apping, ``s``equence, None) and
    its parts: each item, or each key's text (None if not a scalar) and start with its value."""
    kind = type(event)
    if kind is yaml.SequenceStartEvent:
        items = []
        while type(part := get()) is not yaml.SequenceEndEvent:
            items.append(_marks(get, part))
        return event.start_mark, "s", items
    if kind is yaml.MappingStartEvent:
        pairs = []
        while type(key := get()) is not yaml.MappingEndEvent:
            _marks(get, key)
            text = key.value if type(key) is yaml.ScalarEvent else None
            pairs.append((text, key.start_mark, _marks(get, get())))
        return event.start_mark, "m", pairs
    return event.start_mark, None, None


def locate(raw: bytes, loc: tuple[Any, ...], name: str = "") -> tuple[int, int] | None:
    """Line and column of the deepest value along ``loc`` (a pydantic error location):
    a scalar's own, a list's or mapping's key's."""
    if name.endswith(".json"):
        places = _places(raw)
        return _line_col(places.text, places.find(loc)[1]) if places.text else None
    tree = _tree(raw)
    if tree is None:
        return None
    best, kind, parts = tree
    for step in loc:
        if kind == "m":
            found = next(((at, value) for key, at, value in parts if key == step), None)
            if found is None:
                break
            at, (start, kind, parts) = found
            best = start if kind is None else at
        elif kind == "s" and isinstance(step, int) and step < len(parts):
            best, kind, parts = parts[step]
        else:
            break
    return best.line + 1, best.column + 1


# --- JSON -------------------------------------------------------------------------------


class _Bad(NamedTuple):
    """What the JSON decoder read that the YAML loader refuses, why, and the key twice."""

    why: str
    key: str | None = None


class _Found(Exception):
    """A key written twice, NaN or Infinity: decode again, marking it, to locate it."""


def _hooks() -> dict[str, Any]:
    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Bad:
        found: dict[str, Any] = dict(pairs)
        if len(found) == len(pairs):
            return found
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return _Bad(f"duplicate key '{key}'", key)

    def integer(text: str) -> int | _Bad:
        if len(text.lstrip("-")) > MAX_DIGITS:
            return _Bad(f"number has more than {MAX_DIGITS} digits")
        return int(text)

    def real(text: str) -> float | _Bad:
        value = float(text)
        return value if math.isfinite(value) else _Bad("number is too large")

    return {
        "object_pairs_hook": mapping,
        "parse_int": integer,
        "parse_float": real,
        "parse_constant": lambda _: _Bad("NaN and Infinity are not allowed; write a number"),
    }


_MARKING = _hooks()
"""The JSON decoder's hooks that mark (`_Bad`) what the YAML loader refuses."""


_REFUSED = re.compile(_CONTROL.pattern[:-1] + "\ufffe\uffff\ud800-\udfff]")
"""Characters refused in JSON text: those refused in YAML text, and lone surrogates."""

_ESCAPED = re.compile(r"\\[bfr]|\\u(?:00[0189]|007[fF]|20[26]|[dD][89a-fA-F]|[fF]{3}[eEfF])")
"""Escapes that may stand for a refused character (or half of a surrogate pair)."""


def parse_json(raw: bytes, name: str) -> Any:
    """A JSON data file's bytes as plain data, refusing what the YAML loader refuses, each
    at its line: checks of the whole file (`_plain`, and of its text for refused
    characters) decide whether it is walked to find and locate a problem."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    text = utf8(raw, name)
    if not text.strip(" \t\r\n"):
        raise DataError([Problem(name, "file is empty")])
    try:
        data, walk = _plain(raw, text)
    except json.JSONDecodeError as e:
        raise DataError([Problem(name, f"not valid JSON: {e.msg}", e.lineno, e.colno)]) from None
    except RecursionError:
        raise DataError([Problem(name, f"nested deeper than {MAX_DEPTH} levels")]) from None
    printable = text.isascii() and not raw.translate(None, _PRINTABLE)  # nothing refused
    texts = bool((not printable and _REFUSED.search(text)) or _ESCAPED.search(text))
    found = _walk(data, (), texts) if walk or texts else None
    if found is not None:
        loc, why, twice = found
        places = _places(raw)
        at, shown = places.find(loc)
        if twice is not None:
            (first, _), (shown, _) = places.children(at)[twice][:2]
            why += f" (first defined on line {_line_col(places.text, first)[0]})"
        raise DataError([Problem(name, why, *_line_col(places.text, shown))])
    return data


def _found(_: Any) -> Any:
    raise _Found


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len(found := dict(pairs)) < len(pairs):
        raise _Found
    return found


def _plain(raw: bytes, text: str) -> tuple[Any, bool]:
    """The decoded text, and whether to walk it: decoded again, marking, for a key written
    twice, NaN, Infinity or a number maybe too large; or nested deep (as the text shows
    without its strings: without escapes, JSON's quotes alternate)."""
    try:
        data = json.loads(text, object_pairs_hook=_once, parse_constant=_found)
    except json.JSONDecodeError:
        raise
    except (_Found, ValueError):  # ValueError: more digits than int() converts
        return json.loads(text, **_MARKING), True
    if b"\\\\" in raw:
        raw = raw.replace(b"\\\\", b"")
    if b'\\"' in raw:
        raw = raw.replace(b'\\"', b"")
    bare = b"".join(raw.translate(_SIGNS, _OTHER).split(b'"')[::2])  # digits 0, brackets []
    if b"0" * (MAX_DIGITS + 1) in bare or b"0e" in bare:  # 31 digits, or an exponent
        return json.loads(text, **_MARKING), True
    brackets = bare.translate(None, b"0e.,:")
    for _ in range(MAX_DEPTH - 1):  # each pass takes away the innermost level
        if not brackets:
            break
        brackets = brackets.replace(b"[]", b"")
    return data, bool(brackets)


_PRINTABLE = bytes([9, 10, 13, *range(32, 127)])
_SIGNS = bytes.maketrans(b"123456789E{}", b"000000000e[]")
_OTHER = bytes(set(range(256)) - set(b'0123456789eE.,:[]{}"'))


Where = tuple[tuple[Any, ...], str, str | None]  # a problem `_walk` finds: where, why, the key


def _walk(data: Any, loc: tuple[Any, ...], texts: bool) -> Where | None:
    """The first problem in ``data``, depth first, in the order of the file; text is
    checked only when the file may hold a refused character (``texts``)."""
    if len(loc) >= MAX_DEPTH:
        return loc, f"nested deeper than {MAX_DEPTH} levels", None
    if type(data) is dict:
        items: Any = data.items()
    elif type(data) is list:
        items = enumerate(data)
    elif type(data) is _Bad:
        return loc, data.why, data.key
    else:
        return _refused(data, loc) if texts and type(data) is str else None
    for key, value in items:
        if texts and type(key) is str and (found := _refused(key, (*loc, key))) is not None:
            return found
        nests = type(value) in (dict, list, str, _Bad) or len(loc) + 1 >= MAX_DEPTH
        if nests and (found := _walk(value, (*loc, key), texts)) is not None:
            return found
    return None


def _refused(text: str, loc: tuple[Any, ...]) -> Where | None:
    found = _REFUSED.search(text)
    return None if found is None else (loc, _control(found.group()), None)


_WS = re.compile(r"[ \t\n\r]*")


class _Places:
    """Where each key and value of a JSON text starts, found on demand and kept, so that
    locating many problems reads each container once."""

    def __init__(self, raw: bytes) -> None:
        self.text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        self.decoder = json.JSONDecoder()
        self.known: dict[int, Any] = {}

    def skip(self, at: int) -> int:
        return _WS.match(self.text, at).end()  # type: ignore[union-attr]

    def children(self, start: int) -> Any:
        """A mapping's keys -> every (key, value) place; a list's item places."""
        if start not in self.known:
            mapping, at = self.text[start] == "{", self.skip(start + 1)
            found: Any = {} if mapping else []
            while self.text[at] not in "}]":
                if mapping:
                    key, end = json.decoder.scanstring(self.text, at + 1, True)  # type: ignore[attr-defined]
                    value = self.skip(self.skip(end) + 1)
                    found.setdefault(key, []).append((at, value))
                else:
                    found.append(value := at)
                at = self.skip(self.decoder.raw_decode(self.text, value)[1])
                at = self.skip(at + 1) if self.text[at] == "," else at
            self.known[start] = found
        return self.known[start]

    def find(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """Where the deepest value along ``loc`` starts, and where a problem with it is
        shown (its key, for a mapping or list under one)."""
        at = best = self.skip(0)
        try:
            for step in loc:
                char = self.text[at]
                if char == "{" and isinstance(step, str) and step in self.children(at):
                    key, at = self.children(at)[step][0]
                    best = key if self.text[at] in "{[" else at
                elif char == "[" and isinstance(step, int) and step < len(self.children(at)):
                    best = at = self.children(at)[step]
                else:
                    break
        except (IndexError, ValueError):
            pass
        return at, best


_places = functools.lru_cache(maxsize=4)(_Places)


def utf8(raw: bytes, name: str) -> str:
    """A file's bytes as UTF-8 text (a byte-order mark dropped), or the DataError that
    names the line of the first byte that is not UTF-8."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        raise _not_utf8(raw, name, bad) from None
