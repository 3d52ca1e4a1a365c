"""`fitcareer roles`: the list of roles, one role at a glance, and its whole profile."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import as_json, invoke_main, ok
from fitcareer.model import Catalog
from fitcareer.queries import roles as role_q
from fitcareer.views.words import describe
from test_compare import at_80, entry_found, footnotes, markdown_table

pytestmark = pytest.mark.usefixtures("warm_cache")

ROLE_IDS = ("fitness-instructor", "personal-trainer", "group-fitness-instructor", "gym-manager")


# --- The list ----------------------------------------------------------------------------


def test_list_shows_every_role_with_name_and_summary(shipped: Catalog) -> None:
    out = ok("roles")
    for role in shipped.roles.values():
        assert role.id in out
        assert role.name in out
    # Summaries may wrap in the table; CSV keeps each one whole.
    rows = list(csv.reader(io.StringIO(ok("roles", "--format", "csv"))))
    assert rows[0] == ["Family", "ID", "Name", "Summary"]
    listed = {row[1]: row for row in rows[1:] if len(row) == 4}
    assert set(listed) == set(shipped.roles)
    for role in shipped.roles.values():
        assert listed[role.id][0] == role.family
        assert listed[role.id][2] == role.name
        assert listed[role.id][3] == role.summary.text


def test_list_holds_the_four_roles() -> None:
    ids = [r["id"] for r in as_json("roles")]
    assert set(ROLE_IDS) <= set(ids)
    assert len(ids) == len(set(ids))


def test_list_json_has_stable_keys(shipped: Catalog) -> None:
    for item in as_json("roles"):
        assert set(item) == {"id", "name", "family", "aliases", "summary"}
        role = shipped.roles[item["id"]]
        assert item["summary"] == role.summary.text
        assert item["aliases"] == list(role.aliases)


def test_list_in_markdown() -> None:
    text = ok("roles", "--format", "markdown")
    assert text.startswith("## Roles")
    assert "| ID | Name | Summary |" in text
    for role_id in ROLE_IDS:
        assert f"| {role_id} |" in text


# --- One profile -------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_profile_table_has_every_aspect(role_id: str, shipped: Catalog) -> None:
    """Each aspect has a row, or is named in the one row of what the sources leave unknown."""
    rows = {r[0]: r[1] for r in markdown_table(ok("roles", role_id, "-f", "markdown"))[1:]}
    assert shipped.roles[role_id].name in ok("roles", role_id)
    silent = rows.get("Unknown", "")
    for label in role_q.ASPECTS.values():
        assert label in rows or label.lower() in silent, f"{role_id}: no {label!r} row"


def test_profile_json(shipped: Catalog) -> None:
    data = as_json("roles", "personal-trainer")
    assert data["id"] == "personal-trainer"
    assert data["name"] == "Personal trainer"
    assert "one-on-one trainer" in data["aliases"]
    assert data["summary"]["source"] == "seed-001"
    assert set(data["aspects"]) == set(role_q.ASPECTS)
    known = {s["id"] for s in data["sources"]}
    for entries in data["aspects"].values():
        for entry in entries:
            assert entry["source"] in known and entry["date"]
    assert data["summary"]["source"] in known
    expected = {c.id for c in role_q.credentials(shipped, shipped.roles["personal-trainer"])}
    assert set(data["credentials"]) == expected
    assert "nasm-cpt" in data["credentials"]


def test_profile_json_insurance_facts() -> None:
    instructor = as_json("roles", "fitness-instructor")["aspects"]["insurance"]
    trainer = as_json("roles", "personal-trainer")["aspects"]["insurance"]
    assert any("covered" in e["text"] and e["source"] == "seed-000" for e in instructor)
    assert any("own insurance" in e["text"] and e["source"] == "seed-000" for e in trainer)


def test_profile_shows_the_both_combination() -> None:
    text = ok("roles", "fitness-instructor", "--format", "markdown")
    assert (
        "| Combine with | Personal trainer: Some do both, for extra income and experience [" in text
    )
    assert "Combine with Personal trainer" in ok("roles", "fitness-instructor", "--detail")
    data = as_json("roles", "personal-trainer")
    combos = data["combinations"]
    assert len(combos) == 1
    assert set(combos[0]["roles"]) == {"fitness-instructor", "personal-trainer"}
    assert any("both" in s["text"] for s in combos[0]["statements"])


def test_gym_manager_profile_says_what_is_unknown() -> None:
    rows = list(csv.reader(io.StringIO(ok("roles", "gym-manager", "--format", "csv"))))
    insurance = next(row for row in rows if row and row[0] == "Insurance")
    assert insurance[1] == "unknown (the sources say nothing)"
    data = as_json("roles", "gym-manager")
    assert data["aspects"]["insurance"] == []
    assert data["occupation"] is None


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "svg"])
def test_profile_in_every_format(fmt: str) -> None:
    text = ok("roles", "personal-trainer", "--format", fmt)
    assert "Personal trainer" in text.replace("&#160;", " ")
    if fmt == "json":
        assert json.loads(text)["id"] == "personal-trainer"
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["Aspect", "Personal trainer"]
        assert "Insurance" in [row[0] for row in rows if row]
    elif fmt == "markdown":
        assert text.startswith("## Personal trainer")
        assert "| Insurance |" in text
    elif fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html>")
        assert text.rstrip().endswith("</html>")
    elif fmt == "svg":
        assert text.lstrip().startswith("<svg")
        assert text.rstrip().endswith("</svg>")


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("one-on-one trainer", "personal-trainer"),
        ("Personal Trainer", "personal-trainer"),
        ("GYM-MANAGER", "gym-manager"),
        ("Group Fitness Instructor", "group-fitness-instructor"),
    ],
)
def test_profile_by_name_or_alias(typed: str, role_id: str) -> None:
    assert as_json("roles", typed)["id"] == role_id


# --- Errors ------------------------------------------------------------------------------


def test_unknown_role_exits_2() -> None:
    result = invoke_main("roles", "astronaut")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown role 'astronaut'" in result.stderr
    assert "personal-trainer" in result.stderr, "the known roles are listed"


def test_misspelt_role_suggests_the_right_id() -> None:
    result = invoke_main("roles", "gym-manger", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean 'gym-manager'" in result.stderr


def test_unknown_format_exits_2() -> None:
    result = invoke_main("roles", "--format", "yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "yaml" in result.stderr


# --- At a glance -------------------------------------------------------------------------


def test_profile_fits_60_lines_at_80_columns_and_leads_with_the_answer() -> None:
    lines = at_80("roles", "personal-trainer").splitlines()
    assert len(lines) <= 60
    assert all(len(line) <= 80 for line in lines)
    assert lines[0] == "Personal trainer"
    assert lines[2].startswith("What it is")
    assert " ".join(" ".join(lines[2:4]).split()[3:]) == (
        "Works one-on-one with clients to design customized workout and wellness plans. [1]"
    )


def test_profile_rows_are_short_answers_with_sources() -> None:
    text = ok("roles", "personal-trainer", "--format", "markdown")
    rows = {r[0]: r[1] for r in markdown_table(text)[1:]}
    assert rows["Insurance"] == "Must take out their own insurance [2]"
    assert rows["Employment type"] == "Typically freelance [2]; or a gym employee [3]"
    assert rows["Income"].splitlines() == [
        "$47,160 a year, median annual wage, all fitness trainers and instructors "
        "(BLS SOC 39-9031), May 2025 (self-employed excluded) [4]",
        "$51,402 a year, median base pay (Glassdoor), Jan 2023 (secondary source) [3]",
    ]
    assert "plus a role's own figure where a source gives one" in text
    assert "All facts: --detail." in text


def test_gym_manager_at_a_glance_says_unknown() -> None:
    rows = {r[0]: r[1] for r in markdown_table(ok("roles", "gym-manager", "-f", "markdown"))[1:]}
    assert "Insurance" not in rows
    assert rows["Unknown"].startswith("the sources say nothing of employment type; insurance")
    assert rows["Training focus"] == (
        "unknown: no source found says whom or what a gym manager's training is aimed at"
    )
    assert rows["Income"].startswith("$79,520 a year, median annual wage, entertainment and")


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_detail_holds_every_fact_of_the_json(role_id: str, shipped: Catalog) -> None:
    text = ok("roles", role_id, "--detail", "--format", "markdown")
    by_title = {describe(s): s.id for s in shipped.sources.values()}
    titles = {n: by_title[line] for n, line in footnotes(text).items()}
    lines = [li for row in markdown_table(text)[1:] for li in row[1].splitlines()]
    data = as_json("roles", role_id)
    facts = [e for entries in data["aspects"].values() for e in entries]
    facts += [
        {"type": "statement", **s} for combo in data["combinations"] for s in combo["statements"]
    ]
    facts.append({"type": "statement", **data["summary"]})
    for fact in facts:
        assert entry_found(fact, lines, titles), fact
    for alias in data["aliases"]:
        assert alias in text


def test_briefs_sum_up_statements_and_cite_their_sources(shipped: Catalog) -> None:
    for role in shipped.roles.values():
        for key in role_q.ASPECTS:
            if key == "outlook":
                continue
            said = role_q.brief(role, key)
            facts = [e.item for e in role_q.aspect(shipped, role, key)]
            statements = [f for f in facts if f.__class__.__name__ in ("Statement", "JobZone")]
            if statements and key != "income":
                assert said, f"{role.id}: {key} has statements but no short answer"
            assert not said or statements, f"{role.id}: a short {key} with nothing to sum up"
            for brief in said:
                assert brief.source in {s.source for s in statements}, (role.id, key, brief)
                assert len(brief.text) <= 75, (role.id, key, brief.text)
