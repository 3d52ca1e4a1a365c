"""Read a data file as untrusted input: strict YAML (or JSON) in, plain Python data out.

libyaml's C parser tokenises, PyYAML's Python composer builds the node tree so every
event can be checked: tags, anchors and aliases are refused, nesting is capped,
duplicate keys are errors, and scalars are typed the YAML 1.2 way (only ``true`` and
``false`` are booleans, ``017`` and ``1:30`` stay text, no timestamps). A ``*.json`` file
is read by the standard library's C decoder under the same rules. Every failure is a
`DataError` naming file, line and column.
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

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


class _Resolver(BaseResolver):
    """YAML 1.2 core-schema typing."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (a fresh table, not PyYAML's)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


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


class _Constructor(SafeConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Any failure while building a value becomes an error at that value's line."""
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as e:
            raise _refuse(f"invalid value ({type(e).__name__})", node.start_mark) from None

    def construct_scalar(self, node: ScalarNode) -> Any:  # type: ignore[override]
        value = super().construct_scalar(node)
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found:
            raise _refuse(_control(found.group()), node.start_mark)
        return value

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _refuse("mapping keys must be plain text", key_node.start_mark)
            key = self.construct_object(key_node)
            first = seen.get(key)
            if first is not None:
                line = first.start_mark.line + 1
                where = (
                    f"first defined on line {line}"
                    if first.value == key_node.value
                    else f"the same key as '{first.value}' on line {line}"
                )
                raise _refuse(f"duplicate key '{key_node.value}' ({where})", key_node.start_mark)
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        return _number(_MARKING["parse_int"](self.construct_scalar(node).lstrip("+")), node)

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        return _number(_MARKING["parse_float"](self.construct_scalar(node)), node)

    yaml_constructors: ClassVar[dict[Any, Any]] = {
        **SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:int": construct_yaml_int,
        "tag:yaml.org,2002:float": construct_yaml_float,
    }


def _number(value: Any, node: ScalarNode) -> Any:
    """A number as the JSON reader's hooks read it; what they mark refused at its line."""
    if isinstance(value, _Bad):
        raise _refuse(value.why, node.start_mark)
    return value


class _Loader(Composer, _Parser, _Constructor, _Resolver):
    """Composer first in the MRO, so composing happens in Python where it can be checked."""

    def __init__(self, stream: bytes) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _refuse("anchors and aliases (&name, *name) are not supported", mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _refuse(f"tags such as '{tag}' are not supported; write a plain value", mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _refuse(f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(raw: bytes, name: str, construct: bool = False) -> Any:
    """A file's node tree (None for no document) or, with ``construct``, its plain data."""
    loader: _Loader | None = None
    try:
        loader = _Loader(raw)
        node = loader.get_single_node()
        if construct and node is None:
            raise DataError([Problem(name, "file is empty")])
        return loader.construct_document(node) if construct else node
    except yaml.MarkedYAMLError as e:
        raise _marked(e, raw, name) from None
    except yaml.reader.ReaderError as e:
        raise _reader(e, raw, name) from None
    except RecursionError:
        raise DataError([Problem(name, "nested too deeply")]) from None
    except yaml.YAMLError as e:
        raise DataError([Problem(name, f"not valid YAML: {e}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse(raw: bytes, name: str) -> Any:
    """Turn a file's bytes into plain data (dicts, lists, str, int, float, bool, None):
    JSON for a ``*.json`` file, strict YAML for any other."""
    if name.endswith(".json"):
        return parse_json(raw, name)
    try:
        return _quick(raw)
    except Exception:  # the full reader takes it, or says what is wrong and where
        return _compose(raw, name, True)


class _Slow(Exception):
    """What `_quick` leaves to the full reader: anything it would refuse or type otherwise."""


def _quick(raw: bytes) -> Any:
    """A file's plain data built straight from libyaml's events, as the full reader
    (`_compose`) builds it from a node tree, several times faster; anything that reader
    would refuse (or that is rare: a `!` tag, an empty file) is `_Slow`, so that the full
    reader reads it again and has the last word."""
    parser = _Parser(raw)
    try:
        parser.get_event()
        if parser.check_event(yaml.StreamEndEvent):
            raise _Slow
        parser.get_event()
        data = _value(parser.get_event, parser.get_event(), 1)
        parser.get_event()
        if not parser.check_event(yaml.StreamEndEvent):
            raise _Slow
        return data
    finally:
        parser.dispose()


_PLAIN = _Resolver.yaml_implicit_resolvers
_WILD = _PLAIN.get(None, [])
_BOOLS = SafeConstructor.bool_values
_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_FLOAT, _BOOL = "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"


def _value(get: Any, event: Any, depth: int) -> Any:
    """The value that ``event`` starts, the events after it read with ``get``."""
    if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
        raise _Slow
    kind = type(event)
    if kind is yaml.ScalarEvent:
        return _scalar(event.value, event.implicit[0])
    if kind is yaml.SequenceStartEvent:
        items = []
        while type(event := get()) is not yaml.SequenceEndEvent:
            items.append(_value(get, event, depth + 1))
        return items
    mapping: dict[Any, Any] = {}
    while type(event := get()) is not yaml.MappingEndEvent:
        if type(event) is not yaml.ScalarEvent:
            raise _Slow
        key = _value(get, event, depth + 1)
        if key in mapping:
            raise _Slow
        mapping[key] = _value(get, get(), depth + 1)
    return mapping


def _scalar(value: str, plain: bool) -> Any:
    """A scalar typed the YAML 1.2 way, as `_Resolver` and `_Constructor` type it."""
    tag = _STR
    if plain:
        found = (t for t, pattern in _PLAIN.get(value[:1], []) + _WILD if pattern.match(value))
        tag = next(found, _STR)
    if tag == _STR:
        if _CONTROL.search(value):
            raise _Slow
        return value
    if tag == _BOOL:
        return _BOOLS[value.lower()]
    if tag == _INT:
        number = _MARKING["parse_int"](value.lstrip("+"))
    elif tag == _FLOAT:
        number = _MARKING["parse_float"](value)
    else:
        return None
    if isinstance(number, _Bad):
        raise _Slow
    return number


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
    wide = _utf16(raw, name, e.reason)
    if wide is not None:
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
    wide = _utf16(raw, name, None)
    if wide is not None:
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
    """The node tree of a file, composed once however many of its problems are located."""
    try:
        return _compose(raw, "")
    except DataError:
        return None


def locate(raw: bytes, loc: tuple[Any, ...], name: str = "") -> tuple[int, int] | None:
    """Line and column of the deepest node along ``loc`` (a pydantic error location)."""
    if name.endswith(".json"):
        places = _places(raw)
        return _line_col(places.text, places.find(loc)[1]) if places.text else None
    node = _tree(raw)
    if node is None:
        return None
    best = node.start_mark
    for step in loc:
        if isinstance(node, MappingNode):
            found = next(
                ((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == step),
                None,
            )
            if found is None:
                break
            key, node = found
            best = node.start_mark if isinstance(node, ScalarNode) else key.start_mark
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            best = node.start_mark
        else:
            break
    return best.line + 1, best.column + 1


# --- JSON -------------------------------------------------------------------------------


class _Bad:
    """What the JSON decoder read that the YAML loader refuses, why, and the key twice."""

    __slots__ = ("key", "why")

    def __init__(self, why: str, key: str | None = None) -> None:
        self.why, self.key = why, key


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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        raise _not_utf8(raw, name, bad) from None
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
        if texts and type(key) is str:
            found = _refused(key, (*loc, key))
            if found is not None:
                return found
        if type(value) in (dict, list, str, _Bad) or len(loc) + 1 >= MAX_DEPTH:
            found = _walk(value, (*loc, key), texts)
            if found is not None:
                return found
    return None


def _refused(text: str, loc: tuple[Any, ...]) -> Where | None:
    found = _REFUSED.search(text)
    if found is None:
        return None
    return loc, _control(found.group()), None


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
