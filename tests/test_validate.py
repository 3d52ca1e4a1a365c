"""`fitcareer validate`: every problem in every data file, located, as lines or JSON; the
shipped data is clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import invoke_main


def line_of(text: str, pattern: str) -> int:
    found = re.search(pattern, text, re.M)
    assert found, pattern
    return text[: found.start()].count("\n") + 1


def test_a_duplicate_id_is_located_at_the_second(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^  - id: gym-manager$")
    path.write_text(text.replace("  - id: gym-manager\n", "  - id: personal-trainer\n", 1), "utf-8")
    r = invoke_main("validate", str(data_copy))
    assert r.exit_code == 1
    assert re.search(
        rf"roles\.yaml:{at}:\d+: roles\[\d+\]\.id: duplicate id 'personal-trainer'\n", r.stdout
    )


def test_validate_is_clean_on_the_shipped_data() -> None:
    r = invoke_main("validate")
    assert "Traceback" not in r.stderr
    assert r.exit_code == 0 and r.stdout == ""
    assert re.fullmatch(
        r"fitcareer: \S+: data is valid \(\d+ roles, \d+ certifications, \d+ sources\)\n", r.stderr
    )


def test_validate_reports_every_problem_in_every_file(data_copy: Path) -> None:
    roles = data_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s+)income:", r"\1incme:", text, count=1)
    last = list(re.finditer(r"(?m)^\s+unit: year$", text))[-1]
    text = text[: last.start()] + last.group().replace("year", "decade") + text[last.end() :]
    roles.write_text(text, encoding="utf-8")
    sources = data_copy / "sources.yaml"
    sources.write_text(
        re.sub(r"(?m)^(\s+date: ).*$", r"\g<1>2023-13-01", sources.read_text("utf-8"), count=1),
        "utf-8",
    )
    quiz = data_copy / "quiz.yaml"
    quiz.write_text("questionnaires:\n  - id: career\n    id: again\n", encoding="utf-8")
    (data_copy / "role.yaml").write_text("roles: []\n", encoding="utf-8")
    r = invoke_main("validate", str(data_copy))
    assert "Traceback" not in r.stderr
    assert r.exit_code == 1
    out = r.stdout.splitlines()
    assert r.stderr == f"fitcareer: {len(out)} problems found\n"
    expected = [
        "role.yaml: not a data file, so it is ignored (did you mean 'roles.yaml'?)",
        "unknown field 'incme' (did you mean 'income'?)",
        "unit: ",
        "no such date '2023-13-01'",
        "quiz.yaml:3:5: duplicate key 'id' (first defined on line 2)",
    ]
    for part in expected:
        assert sum(part in line for line in out) == 1, (part, out)
    (unit,) = [line for line in out if "unit: " in line]
    assert "'year'" in unit and "'hour'" in unit
    assert len(out) == len(expected)
    assert all(re.match(r"\S+\.yaml(:\d+:\d+)?: ", line) for line in out)


def test_validate_json_lists_the_same_problems(data_copy: Path) -> None:
    (data_copy / "roles.yaml").write_text("roles:\n  - id: a\n    id: b\n", encoding="utf-8")
    r = invoke_main("validate", str(data_copy), "--format", "json")
    assert r.exit_code == 1
    payload = json.loads(r.stdout)
    assert payload["ok"] is False
    assert [(p["line"], p["column"]) for p in payload["problems"]] == [(3, 5)]
