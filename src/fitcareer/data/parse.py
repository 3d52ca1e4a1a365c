"""Read a data file as untrusted input: strict YAML in, plain Python data out.

libyaml's C parser does the tokenising (fast), PyYAML's Python composer builds the
node tree so every event can be checked: explicit tags, anchors and aliases are
refused, nesting is capped (libyaml's C composer overflows the C stack on deep
input), duplicate keys are errors, and scalars are typed the YAML 1.2 way (only
``true``/``false`` are booleans, ``017`` and ``1:30`` stay text, no timestamps).
Every failure becomes a :class:`~fitcareer.errors.DataError` naming file, line and
column.

A file named ``*.json`` (a catalog a program made) is read by the standard library's C
JSON decoder instead, under the same rules: duplicate keys, nesting deeper than
`MAX_DEPTH`, control characters in text, ``NaN``/``Infinity``, numbers too long or too
large are refused, each at its line and column. Checks that can be proved cheaply run on
the whole file; whenever one leaves any doubt, a careful scan of the text decides and
locates the problem.
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

from fitcareer.data import block
from fitcareer.data.block import Doubt
from fitcareer.errors import DataError, Problem

MAX_DEPTH = 32
"""Deepest nesting accepted; fitcareer's own files nest about 8 levels."""

try:
    from yaml._yaml import CParser as _Parser

    def _init_parser(self: Any, stream: bytes) -> None:
        _Parser.__init__(self, stream)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        pass

    def _init_parser(self: Any, stream: bytes) -> None:
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

MAX_DIGITS = 30
"""Longest whole number accepted (Python refuses to convert more than 4,300 digits)."""


class _Constructor(SafeConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Any failure while building a value becomes an error at that value's line."""
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as e:
            raise ConstructorError(
                None, None, f"invalid value ({type(e).__name__})", node.start_mark
            ) from None

    def construct_scalar(self, node: ScalarNode) -> Any:  # type: ignore[override]
        value = super().construct_scalar(node)
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found:
            raise ConstructorError(
                None,
                None,
                f"control character U+{ord(found.group()):04X} in text; remove it",
                node.start_mark,
            )
        return value

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(
                    None, None, "mapping keys must be plain text", key_node.start_mark
                )
            key = self.construct_object(key_node)
            first = seen.get(key)
            if first is not None:
                line = first.start_mark.line + 1
                where = (
                    f"first defined on line {line}"
                    if first.value == key_node.value
                    else f"the same key as '{first.value}' on line {line}"
                )
                raise ConstructorError(
                    None, None, f"duplicate key '{key_node.value}' ({where})", key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        text = self.construct_scalar(node)
        if len(text.lstrip("+-")) > MAX_DIGITS:
            raise ConstructorError(
                None, None, f"number has more than {MAX_DIGITS} digits", node.start_mark
            )
        return int(text)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = float(self.construct_scalar(node))
        if not math.isfinite(value):
            raise ConstructorError(None, None, "number is too large", node.start_mark)
        return value

    yaml_constructors: ClassVar[dict[Any, Any]] = {
        **SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:int": construct_yaml_int,
        "tag:yaml.org,2002:float": construct_yaml_float,
    }


class _Loader(Composer, _Parser, _Constructor, _Resolver):
    """Composer first in the MRO, so composing happens in Python where it can be checked."""

    def __init__(self, stream: bytes) -> None:
        _init_parser(self, stream)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not supported", event.start_mark
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise yaml.composer.ComposerError(
                None,
                None,
                f"tags such as '{tag}' are not supported; write a plain value",
                event.start_mark,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(raw: bytes, name: str) -> Node | None:
    loader: _Loader | None = None
    try:
        loader = _Loader(raw)
        return loader.get_single_node()
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


class Seen:
    """What the checks across files look for, gathered from a file's plain data: every
    text under a ``source`` or ``date`` key, and whether some ``usd_max`` may lie below
    its ``usd``.

    Each record field is a key of the same name holding the same value (validation is
    strict and renames nothing), so this is a superset of the records' own: when every
    source is known and every date real, walking the records would find nothing there.
    ``whole`` is false when the data was not all seen (nested too deeply to walk here).
    """

    __slots__ = ("dates", "prices", "sources", "whole")

    def __init__(self) -> None:
        self.sources: set[str] = set()
        self.dates: set[str] = set()
        self.prices = False
        self.whole = False


def parse(raw: bytes, name: str, seen: Seen | None = None) -> Any:
    """Turn a file's bytes into plain data (dicts, lists, str, int, float, bool, None),
    gathering into ``seen`` when given.

    YAML in the plain block style programs write is read by `block` when it can prove
    what the file holds; anything else, and every problem, is for the strict loader.
    """
    if name.endswith(".json"):
        return parse_json(raw, name, seen)
    data = fast(raw, seen)
    if data is None:
        data = strict(raw, name)
        if seen is not None:
            _gather(data, seen)
    return data


def strict(raw: bytes, name: str) -> Any:
    """A YAML file's plain data by the strict loader, which alone locates problems."""
    node = _compose(raw, name)
    if node is None:
        raise DataError([Problem(name, "file is empty")])
    loader = _Loader(b"")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        raise _marked(e, raw, name) from None
    except RecursionError:
        raise DataError([Problem(name, "nested too deeply")]) from None
    except Exception as e:
        mark = node.start_mark
        raise DataError(
            [Problem(name, f"invalid value ({type(e).__name__})", mark.line + 1)]
        ) from None
    finally:
        loader.dispose()


def fast(raw: bytes, seen: Seen | None = None) -> Any:
    """A YAML file's plain data by `block`, or None where it leaves the file to `strict`;
    gathering into ``seen`` (when given) only if it answers."""
    sources: set[str] = set()
    dates: set[str] = set()
    priced: list[dict[str, Any]] = []
    watch: block.Watch = {"source": sources, "date": dates, "usd_max": priced}
    data = block.read(raw, MAX_DEPTH, _plain, _SPECIAL, watch)
    if data is not None and seen is not None:
        seen.sources |= sources
        seen.dates |= dates
        for mapping in priced:
            _note(mapping, seen)
        seen.whole = True  # all of it: `block` reads no deeper than `_gather` can walk
    return data


_SPECIAL = frozenset(_Resolver.yaml_implicit_resolvers)
"""First characters of the plain scalars the resolver may type as other than text."""


def _plain(text: str) -> Any:
    """A plain scalar typed as the strict loader types it; `Doubt` where it refuses it."""
    for tag, pattern in _Resolver.yaml_implicit_resolvers.get(text[0], ()):
        if pattern.match(text):
            kind = tag.rsplit(":", 1)[1]
            if kind == "bool":
                return text.lower() == "true"
            if kind == "int":
                return _int(text.lstrip("+"))
            if kind == "float":
                return _float(text)
            return None
    return text


def _marked(e: yaml.MarkedYAMLError, raw: bytes, name: str) -> DataError:
    mark = e.problem_mark or e.context_mark
    text = " ".join(part for part in (e.context, e.problem) if part)
    if mark is None:
        return DataError([Problem(name, text)])
    if "tab" in text or _char_at(raw, mark.line, mark.column) == "\t":
        text += " (indent with spaces, not tabs)"
    return DataError([Problem(name, text, mark.line + 1, mark.column + 1)])


def _char_at(raw: bytes, line: int, column: int) -> str:
    try:
        text = raw.split(b"\n")[line].decode("utf-8")
    except (IndexError, UnicodeDecodeError):
        return ""
    return text[column] if column < len(text) else ""


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""What YAML does not allow anywhere in a file, even inside quotes."""


def _reader(e: yaml.reader.ReaderError, raw: bytes, name: str) -> DataError:
    wide = utf16(raw, name, e.reason)
    if wide is not None:
        return wide
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        before = raw[: bad.start].decode("utf-8", "replace")
        message = f"not valid UTF-8 text (byte 0x{raw[bad.start]:02X}); save the file as UTF-8"
    else:
        found = _UNPRINTABLE.search(text)
        if found is None:
            return DataError([Problem(name, f"cannot be read ({e.reason})")])
        before = text[: found.start()]
        message = f"control character U+{ord(found.group()):04X} is not allowed; remove it"
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return DataError([Problem(name, message, line, column)])


def utf16(raw: bytes, name: str, reason: str) -> DataError | None:
    """The error for a file saved as UTF-16, with or without a byte-order mark."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return DataError(
            [Problem(name, f"not valid UTF-16 text ({reason}); save the file as UTF-8")]
        )
    sample = raw[:256]
    if sample.count(0) > len(sample) // 4:
        why = "it looks like UTF-16 without a byte-order mark"
        return DataError([Problem(name, f"not valid UTF-8 text ({why}); save the file as UTF-8")])
    return None


@functools.lru_cache(maxsize=4)
def _tree(raw: bytes) -> Node | None:
    """The node tree of a file, composed once however many of its problems are located."""
    try:
        return _compose(raw, "")
    except DataError:
        return None


def locate(raw: bytes, loc: tuple[Any, ...], name: str = "") -> tuple[int, int] | None:
    """Line and column of the deepest node along ``loc`` (a pydantic error location)."""
    if name.endswith(".json"):
        return _json_locate(raw, loc)
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

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WIDE = re.compile("[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""Characters refused in text that JSON lets a file hold unescaped (all are non-ASCII)."""
_ESCAPES = re.compile(r"\\(?:[bfr]|u(?:00[0-1]|00[89]|007[fF]|20[26]|[dD][89a-fA-F]|[fF]{3}))")
"""Escapes that may stand for a refused character (or half of a surrogate pair)."""
_LOOSE = re.compile(r'"[ \t\n\r]+:')
"""A key written with space before its colon (``"a" : 1``), which the count of keys in
`_doubtful` cannot see."""
_ASCII = bytes(range(128))
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Found(Exception):
    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.message, self.at = message, at


def _refuse(_: str) -> Any:
    raise Doubt


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Doubt
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Doubt
    return value


def parse_json(raw: bytes, name: str, seen: Seen | None = None) -> Any:
    """A JSON data file's bytes as plain data, refusing what the YAML loader refuses."""
    seen = Seen() if seen is None else seen
    text = _json_text(raw, name)
    try:
        data = json.loads(text, parse_constant=_refuse, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as e:
        raise DataError([Problem(name, f"not valid JSON: {e.msg}", e.lineno, e.colno)]) from None
    except (Doubt, RecursionError, ValueError):
        _scan(text, name)
        raise DataError([Problem(name, "not valid JSON", 1, 1)]) from None
    if _doubtful(raw, text, data, seen):
        _scan(text, name)
    if not seen.whole:
        _gather(data, seen)
    return data


def _gather(data: Any, seen: Seen) -> None:
    try:
        _keys(data, 1, seen)
    except Doubt:
        return
    seen.whole = True


def _json_text(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        wide = utf16(raw, name, bad.reason)
        if wide is not None:
            raise wide from None
        before = raw[: bad.start].decode("utf-8", "replace")
        message = f"not valid UTF-8 text (byte 0x{raw[bad.start]:02X}); save the file as UTF-8"
        raise DataError([Problem(name, message, *_line_col(before, len(before)))]) from None
    if not text.strip(" \t\r\n"):
        raise DataError([Problem(name, "file is empty")])
    return text


def _doubtful(raw: bytes, text: str, data: Any, seen: Seen) -> bool:
    """Whether the file might hold what the fast path cannot see: a refused character
    (raw or escaped), a duplicate key, or nesting deeper than `MAX_DEPTH`.

    Keys: every key is a string followed by ``:``; with no space before any colon, the
    text holds at least as many ``":`` as the file has keys, and the data holds fewer
    keys than the file exactly when one is repeated, so equal counts prove none is.
    """
    if b"\x7f" in raw or _WIDE.search(raw.translate(None, _ASCII).decode("utf-8")):
        return True
    if b"\\" in raw and _ESCAPES.search(text):
        return True
    if _LOOSE.search(text):
        return True
    try:
        keys = _keys(data, 1, seen)
    except Doubt:
        return True
    seen.whole = True
    return keys != text.count('":')


def _keys(obj: Any, depth: int, seen: Seen) -> int:
    """Keys in all mappings inside ``obj``, gathering into ``seen`` on the way; `Doubt`
    when nesting may be too deep."""
    if depth >= MAX_DEPTH:
        raise Doubt
    keys = 0
    values: Any
    if type(obj) is dict:
        keys, values = len(obj), obj.values()
        _note(obj, seen)
    elif type(obj) is list:
        values = obj
    else:
        return 0
    for value in values:
        kind = type(value)
        if kind is dict or kind is list:
            keys += _keys(value, depth + 1, seen)
    return keys


def _note(mapping: dict[str, Any], seen: Seen) -> None:
    value = mapping.get("source")
    if type(value) is str:
        seen.sources.add(value)
    value = mapping.get("date")
    if type(value) is str:
        seen.dates.add(value)
    if "usd_max" in mapping:
        high, low = mapping["usd_max"], mapping.get("usd")
        if high is not None and not (_number(high) and _number(low) and high >= low):
            seen.prices = True


def _number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def _scan(text: str, name: str) -> None:
    """Walk the text as the YAML loader walks its nodes; raise the first problem located."""
    try:
        scanner = _Scanner(text)
        scanner.value(scanner.skip(0), 1)
    except _Found as found:
        line, column = _line_col(text, found.at)
        raise DataError([Problem(name, found.message, line, column)]) from None
    except (IndexError, ValueError):
        return


def _line_col(text: str, at: int) -> tuple[int, int]:
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


class _Scanner:
    """A JSON reader in Python that knows where it is: slow, so used only to decide."""

    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, at: int) -> int:
        return _WS.match(self.text, at).end()  # type: ignore[union-attr]

    def value(self, at: int, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _Found(f"nested deeper than {MAX_DEPTH} levels", at)
        char = self.text[at]
        if char == "{":
            return self.mapping(at, depth)
        if char == "[":
            return self.sequence(at, depth)
        if char == '"':
            return self.string(at)[1]
        number = _NUMBER.match(self.text, at)
        if number:
            return self.number(number, at)
        for word in ("true", "false", "null"):
            if self.text.startswith(word, at):
                return at + len(word)
        raise _Found("NaN and Infinity are not allowed; write a number", at)

    def string(self, at: int) -> tuple[str, int]:
        text, end = json.decoder.scanstring(self.text, at + 1, True)  # type: ignore[attr-defined]
        found = _CONTROL.search(text) or _SURROGATE.search(text) or _UNPRINTABLE.search(text)
        if found:
            raise _Found(f"control character U+{ord(found.group()):04X} in text; remove it", at)
        return text, end

    def number(self, found: re.Match[str], at: int) -> int:
        digits = found.group()
        if found.group(1) or found.group(2):
            if not math.isfinite(float(digits)):
                raise _Found("number is too large", at)
        elif len(digits.lstrip("-")) > MAX_DIGITS:
            raise _Found(f"number has more than {MAX_DIGITS} digits", at)
        return found.end()

    def mapping(self, at: int, depth: int) -> int:
        seen: dict[str, int] = {}
        at = self.skip(at + 1)
        while self.text[at] != "}":
            key, end = self.string(at)
            first = seen.get(key)
            if first is not None:
                line = _line_col(self.text, first)[0]
                raise _Found(f"duplicate key '{key}' (first defined on line {line})", at)
            seen[key] = at
            at = self.skip(self.value(self.skip(self.skip(end) + 1), depth + 1))
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return at + 1

    def sequence(self, at: int, depth: int) -> int:
        at = self.skip(at + 1)
        while self.text[at] != "]":
            at = self.skip(self.value(at, depth + 1))
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return at + 1


class _Places:
    """Where each key's value and each item of a JSON text start, found on demand and
    kept, so that locating many problems reads each container once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.known: dict[int, Any] = {}

    def skip(self, at: int) -> int:
        return _WS.match(self.text, at).end()  # type: ignore[union-attr]

    def after(self, at: int) -> int:
        """Where the next item starts after the value at ``at``."""
        at = self.skip(self.decoder.raw_decode(self.text, at)[1])
        return self.skip(at + 1) if self.text[at] == "," else at

    def children(self, start: int) -> Any:
        if start in self.known:
            return self.known[start]
        found: Any
        at = start
        if self.text[at] == "{":
            found, at = {}, self.skip(at + 1)
            while self.text[at] == '"':
                key, end = json.decoder.scanstring(self.text, at + 1, True)  # type: ignore[attr-defined]
                value = self.skip(self.skip(end) + 1)
                found.setdefault(key, (at, value))
                at = self.after(value)
        else:
            found, at = [], self.skip(at + 1)
            while self.text[at] != "]":
                found.append(at)
                at = self.after(at)
        self.known[start] = found
        return found


@functools.lru_cache(maxsize=4)
def _places(raw: bytes) -> _Places:
    return _Places(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace"))


def _json_locate(raw: bytes, loc: tuple[Any, ...]) -> tuple[int, int] | None:
    places = _places(raw)
    at = best = places.skip(0)
    try:
        for step in loc:
            char = places.text[at]
            if char == "{" and isinstance(step, str) and step in places.children(at):
                key, at = places.children(at)[step]
                best = key if places.text[at] in "{[" else at
            elif char == "[" and isinstance(step, int) and step < len(places.children(at)):
                best = at = places.children(at)[step]
            else:
                break
    except (IndexError, ValueError):
        pass
    return _line_col(places.text, best) if places.text else None
