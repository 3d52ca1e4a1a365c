"""Read a data file as untrusted input: strict YAML in, plain Python data out.

libyaml's C parser does the tokenising (fast), PyYAML's Python composer builds the
node tree so every event can be checked: explicit tags, anchors and aliases are
refused, nesting is capped (libyaml's C composer overflows the C stack on deep
input), duplicate keys are errors, and scalars are typed the YAML 1.2 way (only
``true``/``false`` are booleans, ``017`` and ``1:30`` stay text, no timestamps).
Every failure becomes a :class:`~fitcareer.errors.DataError` naming file, line and
column.
"""

from __future__ import annotations

import functools
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


def parse(raw: bytes, name: str) -> Any:
    """Turn a file's bytes into plain data (dicts, lists, str, int, float, bool, None)."""
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
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return DataError(
            [Problem(name, f"not valid UTF-16 text ({e.reason}); save the file as UTF-8")]
        )
    sample = raw[:256]
    if sample.count(0) > len(sample) // 4:
        why = "it looks like UTF-16 without a byte-order mark"
        return DataError([Problem(name, f"not valid UTF-8 text ({why}); save the file as UTF-8")])
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


@functools.lru_cache(maxsize=4)
def _tree(raw: bytes) -> Node | None:
    """The node tree of a file, composed once however many of its problems are located."""
    try:
        return _compose(raw, "")
    except DataError:
        return None


def locate(raw: bytes, loc: tuple[Any, ...]) -> tuple[int, int] | None:
    """Line and column of the deepest node along ``loc`` (a pydantic error location)."""
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
