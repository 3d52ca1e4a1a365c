"""Whatever bytes a data file holds, loading gives plain data (or a valid catalog) or a
`DataError` naming the file and, where it has one, the line; never any other exception.

Examples are derandomized and no example database is kept, so every run tries the same
inputs.
"""

from __future__ import annotations

import math
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED
from fitcareer.data import files as data_files
from fitcareer.data import parse as yaml_parse
from fitcareer.data import validate as validation
from fitcareer.errors import DataError
from fitcareer.model import Catalog

PATHS = data_files.data_paths(None)
RAW = {name: (SHIPPED / name).read_bytes() for name in data_files.FILES}


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


LINELESS = (
    "file is empty",
    "not valid UTF-8 text (it looks like UTF-16",
    "not valid UTF-16 text",
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


def parses(raw: bytes) -> None:
    try:
        data = yaml_parse.parse(raw, "f.yaml")
    except DataError as e:
        located(e, {"f.yaml"})
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


@st.composite
def mutated(draw: Any) -> tuple[str, bytes]:
    """A shipped data file with one mistake of the kind people make editing by hand."""
    name = draw(st.sampled_from(sorted(RAW)))
    lines = RAW[name].decode("utf-8").splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "move", "cut", "bytes", "soup"]))
    if kind == "drop":
        del lines[at : at + draw(st.integers(1, 5))]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        value = draw(st.sampled_from(VALUES))
        lines[at] = re.sub(r"(: ).*", lambda m: m.group(1) + value, lines[at], count=1)
    elif kind == "move":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "soup":
        lines.insert(at, draw(soup) + "\n")
    raw = "".join(lines).encode("utf-8")
    if kind == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif kind == "bytes":
        spot = draw(st.integers(0, len(raw)))
        raw = raw[:spot] + draw(st.binary(min_size=1, max_size=8)) + raw[spot:]
    return name, raw


@fuzz(300)
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    parses(raw)


@fuzz(300)
@given(soup)
def test_yaml_token_soup(text: str) -> None:
    parses(text.encode("utf-8"))


@fuzz(300)
@given(documents)
def test_tagged_and_odd_values(text: str) -> None:
    parses(text.encode("utf-8"))


@fuzz(200)
@given(mutated())
def test_mutated_data_files(case: tuple[str, bytes]) -> None:
    parses(case[1])


@fuzz(100)
@given(mutated())
def test_a_data_set_with_a_mutated_file_loads_or_says_where(case: tuple[str, bytes]) -> None:
    name, raw = case
    try:
        catalog = validation.build(PATHS, {**RAW, name: raw}, None)
    except DataError as e:
        located(e, {str(path) for path in PATHS.values()})
    else:
        assert isinstance(catalog, Catalog) and catalog.roles


def test_the_shipped_files_load() -> None:
    assert validation.build(PATHS, RAW, None).roles
