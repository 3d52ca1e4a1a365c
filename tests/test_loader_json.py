"""JSON data files: `certifications.json` (etc.) beside or instead of `.yaml`, the same
schema, the same errors at the same places, the same refusals; and the size limit as a
guard that says how to raise it."""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SHIPPED, block_yaml, invoke_main, shipped_parsed_once
from fitcareer.data import files as data_files
from fitcareer.data import parse
from fitcareer.errors import DataError

FORMATS = ("yaml", "json")


@functools.cache
def _shipped_data(stem: str) -> Any:
    return yaml.safe_load((SHIPPED / f"{stem}.yaml").read_text(encoding="utf-8"))


def shipped_data(stem: str) -> Any:
    """A shipped file's data, to change at will (read once, copied for each caller)."""
    return copy.deepcopy(_shipped_data(stem))


def write(folder: Path, stem: str, data: Any, fmt: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{stem}.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_bytes(block_yaml(data))
    return path


def problems(folder: Path) -> list[tuple[str, int | None, str]]:
    """`validate DIR`'s problems as (file name, line, message). DIR holds the files a test
    made; the shipped ones beside them are parsed once (`shipped_parsed_once`)."""
    with shipped_parsed_once():
        r = invoke_main("validate", str(folder))
    assert r.exit_code == 1, r.stdout + r.stderr
    found = []
    for line in r.stdout.splitlines():
        m = re.match(r"(?:.*/)?([\w.]+?)(?::(\d+):\d+)?: (.*)$", line)
        assert m, line
        found.append((m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3)))
    return found


def test_a_json_catalog_gives_the_same_answers_as_the_yaml_one(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    for stem in ("roles", "certifications", "sources", "quiz"):
        write(folder, stem, shipped_data(stem), "json")
    assert invoke_main("validate", str(folder)).exit_code == 0
    for args in (("certs", "--format", "json"), ("compare",), ("roles", "personal-trainer")):
        mine = invoke_main("--data-dir", str(folder), *args)
        shipped = invoke_main(*args)
        assert mine.exit_code == 0 and mine.stdout == shipped.stdout


def test_both_forms_of_one_file_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "certifications", shipped_data("certifications"), "yaml")
    write(folder, "certifications", shipped_data("certifications"), "json")
    r = invoke_main("--data-dir", str(folder), "certs")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == (
        f"fitcareer: {folder / 'certifications.json'}: certifications.yaml and "
        "certifications.json are both here; keep one of them\n"
    )


def test_a_misnamed_json_file_gets_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "certification", shipped_data("certifications"), "json")
    r = invoke_main("validate", str(folder))
    assert r.exit_code == 1
    assert "not a data file, so it is ignored (did you mean 'certifications.json'?)" in r.stdout


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        data[path[-1]] = value

    return edit


def _rename(path: tuple[Any, ...], old: str, new: str) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for step in path:
            data = data[step]
        data[new] = data.pop(old)

    return edit


def _twin(data: Any) -> None:
    data["certifications"][1]["id"] = data["certifications"][0]["id"]


MISTAKES = {
    "wrong-type": ("certifications", _set(("certifications", 0, "abbr"), 17), "17"),
    "misspelt-field": (
        "certifications",
        _rename(("certifications", 0), "specialties", "specialtes"),
        "specialtes",
    ),
    "unknown-role": (
        "certifications",
        _set(("certifications", 0, "roles", 0), "personal-trainr"),
        "personal-trainr",
    ),
    "no-such-date": ("sources", _set(("sources", 0, "date"), "2023-02-30"), "2023-02-30"),
    "duplicate-id": ("certifications", _twin, "nasm-cpt"),
    "escape-in-text": ("certifications", _set(("certifications", 0, "abbr"), "A\x1b[2J"), "A"),
    "bidi-override": ("certifications", _set(("certifications", 0, "abbr"), "A\u202eB"), "A"),
    "huge-number": ("certifications", _set(("certifications", 0, "abbr"), 10**40), "1"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_the_same_mistake_is_the_same_error_in_either_form(tmp_path: Path, mistake: str) -> None:
    stem, edit, token = MISTAKES[mistake]
    reports = {}
    for fmt in FORMATS:
        data = shipped_data(stem)
        edit(data)
        folder = tmp_path / fmt
        path = write(folder, stem, data, fmt)
        found = problems(folder)
        assert len(found) == 1, found
        name, line, message = found[0]
        assert name == path.name
        assert line is not None
        assert token in path.read_text(encoding="utf-8").splitlines()[line - 1]
        reports[fmt] = message
    assert reports["yaml"] == reports["json"]


DUPLICATE = {
    "yaml": "roles:\n  - id: a\n    id: b\n",
    "json": '{"roles": [\n  {"id": "a",\n   "id": "b"}]}',
}
DEEP = {
    "yaml": "roles: " + "[" * 40 + "]" * 40 + "\n",
    "json": '{"roles": ' + "[" * 40 + "]" * 40 + "}",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_duplicate_key_names_the_second_one(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / f"roles.{fmt}").write_text(DUPLICATE[fmt], encoding="utf-8")
    assert problems(folder) == [(f"roles.{fmt}", 3, "duplicate key 'id' (first defined on line 2)")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_nesting_deeper_than_the_cap_is_refused(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / f"roles.{fmt}").write_text(DEEP[fmt], encoding="utf-8")
    assert problems(folder) == [(f"roles.{fmt}", 1, "nested deeper than 32 levels")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": NaN}', "NaN and Infinity are not allowed; write a number"),
        ('{"a": -Infinity}', "NaN and Infinity are not allowed; write a number"),
        ('{"a": 1e400}', "number is too large"),
        ('{"a": 1' + "0" * 30 + "}", "number has more than 30 digits"),
        ('{"a": -1' + "0" * 30 + "}", "number has more than 30 digits"),
        ('{"a": "\\ud800"}', "control character U+D800 in text; remove it"),
        ('{"a": "\\u0085"}', "control character U+0085 in text; remove it"),
        ('{"a": "x\u2028y"}', "control character U+2028 in text; remove it"),
        ('{"a": "\\u0061", "\\u0061": 2}', "duplicate key 'a' (first defined on line 1)"),
        ('{"a": 1, "a"  : 2}', "duplicate key 'a' (first defined on line 1)"),
        ('{"a": 1, "a"\t:2}', "duplicate key 'a' (first defined on line 1)"),
    ],
)
def test_json_that_the_yaml_loader_would_refuse_is_refused(text: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        parse.parse(text.encode("utf-8"), "f.json")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (1, message)


def test_text_that_is_not_json_is_refused_on_its_line() -> None:
    with pytest.raises(DataError) as caught:
        parse.parse(b'{"a": 1,\n "b": 2,}', "f.json")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert problem.message.startswith("not valid JSON: ")


def test_json_text_that_only_looks_doubtful_loads() -> None:
    text = (
        '{"a": "say \\":\\" and \\\\ \\u00e9", "b" : [1, 2.5, true, null], "c": "\\ud83d\\ude00"}'
    )
    assert parse.parse(text.encode("utf-8"), "f.json") == {
        "a": 'say ":" and \\ é',
        "b": [1, 2.5, True, None],
        "c": "😀",
    }


def test_a_file_over_the_limit_says_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    data = shipped_data("certifications")
    data["certifications"] *= 40
    path = write(folder, "certifications", data, "json")
    mib = path.stat().st_size / 2**20
    assert 1 < mib < 10
    monkeypatch.setattr(data_files, "MAX_BYTES", 2**20)
    r = invoke_main("--data-dir", str(folder), "certs")
    assert r.exit_code == 1
    assert r.stderr == (
        f"fitcareer: {path}: file is {mib:.1f} MiB, more than the 1 MiB a data file may be\n"
    )


def test_json_output_has_one_entry_a_line(shipped: Any) -> None:
    r = invoke_main("certs", "--format", "json")
    lines = r.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert len(lines) == len(shipped.certifications) + 2
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == list(
        shipped.certifications
    )
