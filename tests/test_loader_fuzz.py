"""Whatever bytes a data file holds, loading gives plain data (or a valid catalog) or a
`DataError` naming the file and, where it has one, the line; never any other exception.
Every test runs through both readers, YAML and JSON, and JSON never accepts what the
strict YAML loader refuses.

Examples are derandomized and no example database is kept, so every run tries the same
inputs.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, fuzz, shipped_parsed_once
from fitcareer.data import files as data_files
from fitcareer.data import parse as yaml_parse
from fitcareer.data import validate as validation
from fitcareer.errors import DataError
from fitcareer.model import Catalog

PATHS = data_files.data_paths(None)
RAW = {name: (SHIPPED / name).read_bytes() for name in data_files.FILES}
RAW_JSON = {
    name: json.dumps(yaml_parse.parse(raw, name), indent=1, ensure_ascii=False).encode("utf-8")
    for name, raw in RAW.items()
}
"""The shipped files in their JSON form."""
READERS = ("yaml", "json")
SOURCES = {"yaml": RAW, "json": RAW_JSON}


LINELESS = (
    "file is empty",
    "not valid UTF-8 text (it looks like UTF-16",
    "not valid UTF-16 text",
    "saved as UTF-16",
    "cannot be read",
    "not valid YAML",
)
"""Problems that concern a whole file, so have no line."""


def located(error: DataError, files: set[str]) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file in files, problem
        if problem.line is None:
            assert problem.message.startswith(LINELESS), problem
        else:
            assert problem.line >= 1 and (problem.column is None or problem.column >= 1)
        assert str(problem).isprintable()


def plain(value: Any, depth: int = 0) -> None:
    """Only the types the models expect: no dates, sets, bytes or non-finite numbers."""
    assert depth <= yaml_parse.MAX_DEPTH
    if isinstance(value, dict):
        for key, item in value.items():
            plain(key, depth + 1)
            plain(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            plain(item, depth + 1)
    elif isinstance(value, float):
        assert math.isfinite(value)
    elif isinstance(value, str):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", value)
    else:
        assert value is None or isinstance(value, bool | int)


def parses(raw: bytes, form: str = "yaml") -> None:
    name = "f.json" if form == "json" else "f.yaml"
    try:
        data = yaml_parse.parse(raw, name)
    except DataError as e:
        located(e, {name})
    else:
        plain(data)


TOKENS = [
    *("a", "id", "roles", "x y", ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "?", "? "),
    *("&a ", "*a", "!!int ", "!!python/object/apply:os.system ", "! ", "!x ", "|", ">", "|-"),
    *("'", '"', "#", "\n", "\r\n", "  ", "    ", "\t", "---", "...", "%YAML 1.2\n", "<<: "),
    *("~", "null", "no", "NO", "yes", "on", "017", "1:30", "2023-02-30", "1.10", "1e3", "0x1F"),
    *(".inf", ".nan", "9" * 40, "1.0e400", '"\\e"', '"\\x1b"', '"\\u202e"', "é", "\ufeff"),
    *("\x00", "\x07", "\x85", "\u2028", "@", "`", "%", "\\", "😀"),
]
soup = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)

TAGS = ["", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!omap "]
TAGS += ["!!str ", "!!python/name:os.system ", "!x ", "! ", "&a ", "*a "]
SCALARS = ["", "abc", "maybe", "nope", "2023-02-30", "2023-01-15 25:00:00", "0000-01-01"]
SCALARS += ["9" * 5000, "1", "-0", "1.0e400", "[1, 2]", "{a: 1}", "'%%%'", '"\\e[2J"']
entry = st.tuples(
    st.sampled_from(["a", "1", "true", "~", "a"]), st.sampled_from(TAGS), st.sampled_from(SCALARS)
)
documents = st.lists(entry, min_size=1, max_size=4).map(
    lambda entries: "".join(f"{key}: {tag}{value}\n" for key, tag, value in entries)
)

VALUES = [
    *("[]", "{}", "[a, b]", "{a: 1}", "true", "false", "17", "-3", "1.5", "''", "~", "NO"),
    *("017", "1:30", "2023-02-30", '"x"', "|\n  text", "- a", "!!str x", "&x 1", "*x"),
    *("9" * 40, '"2024-05"', "undated", "personal-trainr", "seed-999"),
]


JSON_KEYS = ['"a"', '"id"', '"\\u0061"', '"a\\u001b"', '"\\ud800"', '"\\u202e"', '"x"']
JSON_SCALARS = ["1", "-0", "1.5", "1e400", "-1e400", "9" * 40, "1" + "0" * 30, "NaN"]
JSON_SCALARS += ["Infinity", "-Infinity", "true", "null", '"text"', '"\\u202e"', '"\\u2028"']
JSON_SCALARS += ['"\u2028"', '"\\u0085"', '"\x85"', '"\\r"', '"\\b"', '"\\t ok"', '"\\":"']
JSON_SCALARS += ['"\\\\u0000"', '"\\ud83d\\ude00"', '"\\uffff"', '"\uffff"', '""', '"\\u00e9"']
json_values = st.recursive(
    st.sampled_from(JSON_SCALARS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(
            st.tuples(
                st.sampled_from(JSON_KEYS),
                st.sampled_from([":", " :", ": ", "  :", "\n\t:"]),
                inner,
            ),
            max_size=4,
        ).map(lambda pairs: "{" + ",".join(k + sep + v for k, sep, v in pairs) + "}"),
    ),
    max_leaves=20,
)
json_deep = st.tuples(st.integers(28, 40), st.sampled_from(["[", '{"a": '])).map(
    lambda d: d[1] * d[0] + "1" + ("]" if d[1] == "[" else "}") * d[0]
)
json_documents = st.one_of(json_values, json_deep).map(lambda text: text.encode("utf-8"))

JSON_TOKENS = ["{", "}", "[", "]", ":", ",", " ", "\n", '"a"', '"\\u001b"', "NaN", "1", "-"]
JSON_TOKENS += ["1e400", "true", "nul", '"', "\\", "\x00", "\x0b", "\ufeff", "é", "\u2028"]
json_soup = st.lists(st.sampled_from(JSON_TOKENS), max_size=40).map("".join)

HARDENING: tuple[str, ...] = (
    "duplicate key",
    "control character",
    "nested deeper",
    "more than 30 digits",
)
HARDENING += ("number is too large", "nested too deeply")
"""What the strict loader refuses to keep a file safe, not merely because it is not YAML."""


@st.composite
def mutated(draw: Any, form: str = "yaml") -> tuple[str, bytes]:
    """A shipped data file with one mistake of the kind people make editing by hand."""
    name = draw(st.sampled_from(sorted(RAW)))
    lines = SOURCES[form][name].decode("utf-8").splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "move", "cut", "bytes", "soup"]))
    if kind == "drop":
        del lines[at : at + draw(st.integers(1, 5))]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        value = draw(st.sampled_from(VALUES))
        value = json.dumps(value) if form == "json" and not value[:1].isdigit() else value
        lines[at] = re.sub(r"(: ).*", lambda m: m.group(1) + value, lines[at], count=1)
    elif kind == "move":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "soup":
        lines.insert(at, draw(json_soup if form == "json" else soup) + "\n")
    raw = "".join(lines).encode("utf-8")
    if kind == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif kind == "bytes":
        spot = draw(st.integers(0, len(raw)))
        raw = raw[:spot] + draw(st.binary(min_size=1, max_size=8)) + raw[spot:]
    return name, raw


@pytest.mark.parametrize("form", READERS)
@fuzz(300)
@given(raw=st.binary(max_size=400))
def test_random_bytes(form: str, raw: bytes) -> None:
    parses(raw, form)


@pytest.mark.parametrize("form", READERS)
@fuzz(300)
@given(text=soup)
def test_yaml_token_soup(form: str, text: str) -> None:
    parses(text.encode("utf-8"), form)


@pytest.mark.parametrize("form", READERS)
@fuzz(300)
@given(text=json_soup)
def test_json_token_soup(form: str, text: str) -> None:
    parses(text.encode("utf-8"), form)


@pytest.mark.parametrize("form", READERS)
@fuzz(300)
@given(text=documents)
def test_tagged_and_odd_values(form: str, text: str) -> None:
    parses(text.encode("utf-8"), form)


@pytest.mark.parametrize("form", READERS)
@fuzz(300)
@given(raw=json_documents)
def test_hostile_json_values(form: str, raw: bytes) -> None:
    parses(raw, form)


def refused_alike(raw: bytes) -> None:
    """What the strict loader refuses to keep a file safe, the JSON reader refuses too."""
    try:
        yaml_parse.parse(raw, "f.yaml")
    except DataError as e:
        refused = [p.message for p in e.problems if p.message.startswith(HARDENING)]
    else:
        refused = []
    try:
        yaml_parse.parse(raw, "f.json")
    except DataError:
        return
    assert not refused, refused


@fuzz(400)
@given(raw=json_documents)
def test_json_refuses_whatever_the_strict_loader_refuses_for_safety(raw: bytes) -> None:
    refused_alike(raw)


@pytest.mark.parametrize("value", JSON_SCALARS)
def test_each_hostile_json_value_is_refused_as_the_strict_loader_refuses_it(value: str) -> None:
    for text in (f"[{value}]", f'{{"a": {value}}}', f'{{"a": [{{"b": {value}}}]}}'):
        refused_alike(text.encode("utf-8"))


@pytest.mark.parametrize("form", READERS)
@fuzz(200)
@given(data=st.data())
def test_mutated_data_files(form: str, data: st.DataObject) -> None:
    parses(data.draw(mutated(form))[1], form)


@pytest.mark.parametrize("form", READERS)
@fuzz(60)
@given(data=st.data())
def test_a_data_set_with_a_mutated_file_loads_or_says_where(form: str, data: st.DataObject) -> None:
    name, raw = data.draw(mutated(form))
    paths = dict(PATHS)
    if form == "json":
        paths[name] = paths[name].with_suffix(".json")
    try:
        with shipped_parsed_once():
            catalog = validation.build(paths, {**RAW, name: raw}, None)
    except DataError as e:
        located(e, {str(path) for path in paths.values()})
    else:
        assert isinstance(catalog, Catalog) and catalog.roles


@pytest.mark.parametrize("form", READERS)
def test_the_shipped_files_load(form: str) -> None:
    suffix = ".json" if form == "json" else ".yaml"
    paths = {name: path.with_suffix(suffix) for name, path in PATHS.items()}
    assert validation.build(paths, SOURCES[form], None).roles
