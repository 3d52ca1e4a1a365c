"""The fast reader of block-style YAML reads a file exactly as the strict loader does, or
leaves it to the strict loader: never another value, never a file the strict loader
refuses, and never a problem it would locate differently.

Examples are derandomized and no example database is kept, so every run tries the same
inputs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, agrees, block_yaml, fuzz, invoke_main
from fitcareer.data import parse

NAMES = ("certifications", "roles", "sources", "quiz", "wages")


SHIPPED_DATA = {name: parse.strict((SHIPPED / f"{name}.yaml").read_bytes(), name) for name in NAMES}
BLOCK = {name: block_yaml(data) for name, data in SHIPPED_DATA.items()}
"""The shipped files as a program would write them."""


# --- what the fast reader must read ---------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_shipped_data_in_block_style_is_read_fast_and_alike(name: str) -> None:
    assert agrees(BLOCK[name]) is not None


def test_line_ends_and_a_byte_order_mark_change_nothing() -> None:
    raw = BLOCK["certifications"]
    for variant in (raw.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + raw):
        assert repr(agrees(variant)) == repr(SHIPPED_DATA["certifications"])


WORDS = st.text(
    alphabet=st.sampled_from("abcXYZ019 .,;:'\"-_/()#&*!?%@`~+=<>|[]{}é😀"), min_size=1, max_size=30
)
KEYS = st.from_regex(r"[a-z_][a-z0-9_-]{0,12}", fullmatch=True).filter(
    lambda key: key not in ("true", "false", "null") and not block_yaml({key: 1}).startswith(b"'")
)
"""Names `yaml.dump` writes unquoted (it quotes YAML 1.1 booleans such as ``on``)."""
SCALARS = st.one_of(
    WORDS,
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
plain_data = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.dictionaries(KEYS, inner, max_size=5),
        st.lists(st.one_of(SCALARS, st.dictionaries(KEYS, inner, max_size=4)), max_size=5),
    ),
    max_leaves=30,
)
"""Data `yaml.dump` writes in the block style the fast reader takes: keys are names, text
has no line break or control character, no list sits directly in a list."""


@fuzz(400)
@given(
    data=st.dictionaries(KEYS, plain_data, min_size=1, max_size=5), indent=st.sampled_from([2, 4])
)
def test_block_style_data_is_read_fast_exactly_as_the_strict_loader_reads_it(
    data: dict[str, Any], indent: int
) -> None:
    raw = block_yaml(data, indent=indent)
    fast = agrees(raw)
    big = re.search(rb"(?<![\w.])[-+]?\d{31,}(?![\w.])", raw)
    assert (fast is None) == bool(big), raw


@pytest.mark.parametrize(
    "text",
    [
        "- a\n-\n",
        "a:\n-\n",
        "a:\n- b\nc: 1\n",
        "a:\n  -\n  - x\n",
        "-   a: 1\n    b: 2\n-\n  c: 3\n",
        "a:\n  b:\n    c:\n  d: 1\n",
        "a: -x\nb: ?x\nc: :x\nd: C#\ne: x:y\nf: a, b [c] {d}\n",
        "a: 'it''s'\nb: ''\nc: \"\"\nd: 'x: y # z'\n",
        "a: []\nb: {}\nc:\n- []\n- {}\n",
        "a: ~\nb: null\nc: Null\nd: true\ne: FALSE\nf: yes\ng: on\n",
        "a: 1:30\nb: 017\nc: +5\nd: -.5\ne: 1e3\nf: .inf\ng: 0x1F\nh: 1_000\n",
        "# a comment\n\na: 1\n  # indented comment\n\nb: 2\n",
        "a: x  y\nb: é😀\n",
    ],
)
def test_each_block_style_document_is_read_fast_and_alike(text: str) -> None:
    assert agrees(text.encode("utf-8")) is not None


# --- what it must leave to the strict loader ------------------------------------------

ODD_KEYS = st.one_of(KEYS, st.sampled_from(["true", "Null", "1", "~", "a b", "é", "-x", "", "x:"]))
any_data = st.recursive(
    st.one_of(
        st.text(max_size=20), st.integers(), st.floats(), st.booleans(), st.none(), st.binary()
    ),
    lambda inner: st.one_of(
        st.dictionaries(ODD_KEYS, inner, max_size=4), st.lists(inner, max_size=4)
    ),
    max_leaves=20,
)


@fuzz(400)
@given(
    data=any_data,
    flow=st.sampled_from([False, None, True]),
    width=st.sampled_from([1000, 80, 12]),
    unicode=st.booleans(),
    start=st.booleans(),
)
def test_any_dumped_data_is_read_alike_or_left_to_the_strict_loader(
    data: Any, flow: bool | None, width: int, unicode: bool, start: bool
) -> None:
    agrees(
        block_yaml(
            data, default_flow_style=flow, width=width, allow_unicode=unicode, explicit_start=start
        )
    )


EDITS = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "\n", "\r", "\t", "[", "]"]
EDITS += ["{", "}", "&a ", "*a", "!!str ", "! ", "|", ">", "? ", ",", "%", "@", "`", "\\"]
EDITS += ["\x85", "\u2028", "\u202e", "\ufeff", "\x00", "\x1b", "é", "0", "1" * 35, "a"]
EDITS += ["~", "null", "true", "---", "...", "<<: ", "1.0e400", "017", "2024-01-01", "x: y"]


@st.composite
def edited(draw: Any) -> bytes:
    """A block-style file with a few edits of the kind that change what YAML means."""
    text = BLOCK[draw(st.sampled_from(NAMES))].decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(st.sampled_from(EDITS)) + text[at + cut :]
    return text.encode("utf-8")


@fuzz(600)
@given(raw=edited())
def test_an_edited_block_style_file_is_read_alike_or_left_to_the_strict_loader(raw: bytes) -> None:
    agrees(raw)


@st.composite
def lines_moved(draw: Any) -> bytes:
    """A block-style file with a line dropped, repeated, indented or dedented."""
    lines = BLOCK[draw(st.sampled_from(NAMES))].decode("utf-8").split("\n")
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "swap"]))
    if kind == "drop":
        del lines[at]
    elif kind == "repeat":
        lines.insert(at, lines[at])
    elif kind == "indent":
        lines[at] = " " * draw(st.integers(1, 4)) + lines[at]
    elif kind == "dedent":
        lines[at] = lines[at][draw(st.integers(1, 4)) :]
    else:
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines).encode("utf-8")


@fuzz(400)
@given(raw=lines_moved())
def test_a_block_style_file_with_lines_moved_is_read_alike_or_left_alone(raw: bytes) -> None:
    agrees(raw)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!str 1\n",
        "a: " + "9" * 31 + "\n",
        "a: 1.0e400\n",
        "a: 'x\x1by'\n",
        "a: x\u202ey\n",
        "a: x\ty\n",
        "a:\n  b: 1\n b: 2\n",
        "a: 1\n  b: 2\n",
        "a: x\n  y\n",
        "- a\n  - b\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: 'unclosed\n",
        'a: "x\\ny"\n',
        "a: [1, 2]\n",
        "a: {b: 1}\n",
        "a: x # comment\n",
        "a: x: y\n",
        "true: 1\n",
        "? a\n: 1\n",
        "<<: {a: 1}\n",
        "--- \na: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "  a: 1\n",
        "",
        "# only a comment\n",
        "a:\n" + "".join("  " * i + "- x:\n" for i in range(1, 20)),
        "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v: 1\n",
    ],
)
def test_each_hostile_document_is_left_to_the_strict_loader(text: str) -> None:
    assert parse.fast(text.encode("utf-8")) is None
    agrees(text.encode("utf-8"))


# --- the same answers and the same problems, end to end -------------------------------


def block_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "block"
    folder.mkdir()
    for name, raw in BLOCK.items():
        (folder / f"{name}.yaml").write_bytes(raw)
    return folder


def test_a_block_style_catalog_gives_the_shipped_answers(tmp_path: Path) -> None:
    folder = block_folder(tmp_path)
    for args in (("certs", "--format", "json"), ("compare",), ("roles", "personal-trainer")):
        shipped = invoke_main(*args)
        mine = invoke_main("--data-dir", str(folder), *args)
        assert (mine.exit_code, mine.stdout, mine.stderr) == (0, shipped.stdout, shipped.stderr)


def edited_problems(tmp_path: Path, name: str, pattern: bytes, repl: bytes) -> tuple[str, str]:
    """`validate`'s output for the block-style files with one edit to ``name``, and that
    file's text; the run must exit 1."""
    folder = tmp_path / "block"
    folder.mkdir()
    for stem, raw in BLOCK.items():
        (folder / f"{stem}.yaml").write_bytes(
            re.sub(pattern, repl, raw, count=1) if stem == name else raw
        )
    r = invoke_main("validate", str(folder))
    assert r.exit_code == 1
    return (folder / f"{name}.yaml").read_text(encoding="utf-8"), r.stdout


def test_a_problem_in_a_block_style_file_is_located_at_its_line(tmp_path: Path) -> None:
    text, out = edited_problems(tmp_path, "certifications", rb"(\n *hours: )\d+", rb"\1many")
    line = text[: text.index("hours: many")].count("\n") + 1
    assert re.search(rf"certifications\.yaml:{line}:\d+: .*hours", out), out


def test_a_repeated_key_in_a_block_style_file_is_the_strict_loaders_error(tmp_path: Path) -> None:
    text, out = edited_problems(tmp_path, "roles", rb"\n( *)(name: [^\n]*)", rb"\n\1\2\n\1\2")
    first = text[: text.index("name:")].count("\n") + 1
    assert f"roles.yaml:{first + 1}:" in out
    assert f"duplicate key 'name' (first defined on line {first})" in out


def test_json_and_block_style_yaml_of_a_catalog_agree(tmp_path: Path) -> None:
    folder = block_folder(tmp_path)
    as_json = tmp_path / "json"
    as_json.mkdir()
    for name, data in SHIPPED_DATA.items():
        (as_json / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    mine = invoke_main("--data-dir", str(folder), "certs", "--format", "json")
    theirs = invoke_main("--data-dir", str(as_json), "certs", "--format", "json")
    assert mine.exit_code == theirs.exit_code == 0
    assert mine.stdout == theirs.stdout
