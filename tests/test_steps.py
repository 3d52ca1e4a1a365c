"""`fitcareer steps`: the path to certification, alone and for one certification."""

from __future__ import annotations

import json
import re

import pytest

from conftest import STEP_IDS, as_json, csv_table, ok
from fitcareer.model import Catalog
from test_certs import cells_of, lines_at, usage_error


def test_steps_table(shipped: Catalog) -> None:
    out = ok("steps")
    assert out.startswith("The path to certification")
    for step in shipped.steps:
        # Titles may wrap in the table: look for their first words.
        assert " ".join(step.title.split()[:3]) in out, step.id


def test_steps_json_is_a_list_of_the_eight_steps() -> None:
    data = as_json("steps")
    assert isinstance(data, list)
    assert len(data) == 8
    assert [s["id"] for s in data] == list(STEP_IDS)
    assert [s["n"] for s in data] == list(range(1, 9))
    for step in data:
        for fact in step["involves"] + step["facts"]:
            assert fact["source"] and fact["date"]


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_steps_rows(fmt: str) -> None:
    text = ok("steps", "--format", fmt)
    if fmt == "csv":
        rows = csv_table(text)
        assert rows[0][:2] == ["#", "Step"]
        assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 9)]
    else:
        body = [li for li in text.splitlines() if re.match(r"^\| \d \|", li)]
        assert len(body) == 8


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_steps_for_a_certification_in_every_format(fmt: str) -> None:
    text = ok("steps", "--cert", "nasm-cpt", "--format", fmt)
    if fmt == "json":
        data = json.loads(text)
        assert [s["id"] for s in data] == list(STEP_IDS)
        assert all(s["certification"]["id"] == "nasm-cpt" for s in data)
    elif fmt == "csv":
        rows = csv_table(text)
        assert rows[0][-1] == "For NASM-CPT"
        assert len(rows) == 9
    elif fmt == "markdown":
        assert "For NASM-CPT" in text
    else:
        assert "NASM-CPT" in text


def test_steps_for_a_certification_lead_with_short_facts() -> None:
    rows = csv_table(ok("steps", "--cert", "nasm-cpt", "--format", "csv"))
    assert rows[0] == ["#", "Step", "For NASM-CPT"]
    own = {row[1]: row[-1] for row in rows[1:]}
    exam = own["Prepare for and take the certification exam"]
    assert re.search(r"Exam: 120 questions \[\d+\]; 120 min \[\d+\]", exam)
    assert own["Apply for jobs and build your resume"] == "Prepares for: Personal trainer"
    lines = lines_at(80, "steps", "--cert", "nasm-cpt")
    assert len(lines) <= 60


def test_steps_detail_shows_every_fact_of_the_json() -> None:
    payload = as_json("steps", "--cert", "nasm-cpt")
    table = cells_of("steps", "--cert", "nasm-cpt", "--detail")
    texts = {s["text"] for step in payload for s in [*step["involves"], *step["facts"]]}
    cert = {k: v for step in payload for k, v in step["certification"].items()}
    prices = {f"${p['usd']:,.0f}" for p in cert["price"] + cert["recertification"]["fee"]}
    missing = {t for t in texts | prices if t not in table}
    assert not missing


def test_steps_for_a_certification_fill_in_its_facts() -> None:
    rows = csv_table(ok("steps", "--cert", "nasm-cpt", "--detail", "--format", "csv"))
    own = {row[1]: row[-1] for row in rows[1:]}
    exam = own["Prepare for and take the certification exam"]
    assert "Questions: 120" in exam and "Time: 120 min" in exam
    prerequisites = own["Meet the certification prerequisites"]
    assert "Minimum age: 18" in prerequisites
    recert = own["Continue your education and maintain certification"]
    assert "10 hours of continuing education a year" in recert


def test_steps_json_for_a_certification_holds_structured_facts() -> None:
    """The JSON carries the certification's facts as data, not table text with footnote
    marks that point at footnotes the JSON does not have."""
    data = {s["id"]: s["certification"] for s in as_json("steps", "--cert", "nasm-cpt")}
    exam = data["take-exam"]["exam"]
    assert {f["value"] for f in exam["questions"]} == {120}
    assert {f["value"] for f in exam["minutes"]} == {120}
    prerequisites = data["meet-prerequisites"]["prerequisites"]
    assert {f["value"] for f in prerequisites["min_age"]} == {18}
    recert = data["continue-education"]["recertification"]
    assert {f["value"] for f in recert["cycle_years"]} == {2}
    prices = data["choose-program"]["price"]
    assert sorted(p["usd"] for p in prices) == [999, 1199, 1499, 2099]


def test_steps_for_a_certification_show_conflicts() -> None:
    rows = csv_table(ok("steps", "--cert", "acsm-cpt", "--format", "csv"))
    exam = {row[1]: row[-1] for row in rows[1:]}["Prepare for and take the certification exam"]
    assert "sources differ" in exam


def test_steps_with_a_misspelt_certification_exits_2() -> None:
    err = usage_error("steps", "--cert", "nasm-cp")
    assert "did you mean 'nasm-cpt'" in err
