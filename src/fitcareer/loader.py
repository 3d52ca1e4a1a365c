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

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .errors import DataError, Problem

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


class _Constructor(SafeConstructor):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[type, Any], Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(
                    None, None, "mapping keys must be plain text", key_node.start_mark
                )
            key = self.construct_object(key_node)
            if (type(key), key) in seen:
                first = seen[(type(key), key)].start_mark.line + 1
                raise ConstructorError(
                    None,
                    None,
                    f"duplicate key '{key}' (first defined on line {first})",
                    key_node.start_mark,
                )
            seen[(type(key), key)] = key_node
        return super().construct_mapping(node, deep=deep)


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
        raise _marked(e, name) from None
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
        raise _marked(e, name) from None
    except RecursionError:
        raise DataError([Problem(name, "nested too deeply")]) from None
    except Exception as e:
        mark = node.start_mark
        raise DataError(
            [Problem(name, f"invalid value ({type(e).__name__})", mark.line + 1)]
        ) from None
    finally:
        loader.dispose()


def _marked(e: yaml.MarkedYAMLError, name: str) -> DataError:
    mark = e.problem_mark or e.context_mark
    text = " ".join(part for part in (e.context, e.problem) if part)
    if "\t" in text or "cannot start any token" in text:
        text += " (indent with spaces, not tabs)"
    if mark is None:
        return DataError([Problem(name, text)])
    return DataError([Problem(name, text, mark.line + 1, mark.column + 1)])


def _reader(e: yaml.reader.ReaderError, raw: bytes, name: str) -> DataError:
    line = raw[: max(e.position, 0)].count(b"\n") + 1
    return DataError(
        [Problem(name, f"not valid UTF-8 text ({e.reason}); save the file as UTF-8", line)]
    )


def locate(raw: bytes, loc: tuple[Any, ...]) -> tuple[int, int] | None:
    """Line and column of the deepest node along ``loc`` (a pydantic error location)."""
    try:
        node = _compose(raw, "")
    except DataError:
        return None
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
