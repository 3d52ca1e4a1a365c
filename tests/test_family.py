"""The fitness career family: the neighbouring careers beside the four fitness roles.

Each is a role of its own BLS occupation (by SOC code), with its May 2025 pay read from the
shipped wage tables, its education, licensing and credential as its sources state them;
`roles` lists them by family, `compare` puts any of them side by side and a profile's
short answers fit the first screen of an 80x24 terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import SHIPPED, as_json, invoke_main, ok
from fitcareer.model import Catalog
from fitcareer.queries import quiz as quiz_q
from fitcareer.queries import roles as role_q
from test_compare import at_80, footnotes, markdown_table

pytestmark = pytest.mark.usefixtures("warm_cache")

NEIGHBOURS = {
    "athletic-trainer": "29-9091",
    "exercise-physiologist": "29-1128",
    "coach": "27-2022",
    "recreation-worker": "39-9032",
    "physical-therapist-assistant": "31-2021",
    "dietitian": "29-1031",
    "recreational-therapist": "29-1125",
    "recreation-manager": "11-9072",
    "yoga-instructor": "39-9031",
    "pilates-instructor": "39-9031",
}
"""The new roles and the SOC code of the occupation whose statistics cover each."""

SHIPPED_ROLES = [
    *NEIGHBOURS,
    "fitness-instructor",
    "personal-trainer",
    "group-fitness-instructor",
    "gym-manager",
]


def _rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A shipped table's rows as mappings, ``annual.median`` as ``row["annual"]["median"]``."""
    rows: list[dict[str, Any]] = []
    for values in table["rows"]:
        row: dict[str, Any] = {}
        for column, value in zip(table["columns"], values, strict=True):
            head, _, tail = column.partition(".")
            if tail:
                row.setdefault(head, {})[tail] = value
            else:
                row[head] = value
        rows.append(row)
    return rows


def _national() -> dict[str, dict[str, Any]]:
    tables = json.loads((SHIPPED / "wages.json").read_text(encoding="utf-8"))["tables"]
    national = tables[0]
    assert (national["release"], national["area_type"]) == ("May 2025", "national")
    return {row["occupation"]: row for row in _rows(national)}


def test_each_neighbouring_role_is_of_its_bls_occupation(shipped: Catalog) -> None:
    for role_id, soc in NEIGHBOURS.items():
        role = shipped.roles[role_id]
        assert role.occupation is not None, role_id
        assert shipped.occupations[role.occupation].soc == soc, role_id
        assert role.family, role_id


def test_every_occupations_may_2025_pay_is_the_shipped_national_row(shipped: Catalog) -> None:
    """roles.yaml's OEWS figures are BLS's, as wages.json holds them, for every SOC code."""
    rows = _national()
    measures = {
        ("median annual wage", "year"): ("annual", "median"),
        ("median hourly wage", "hour"): ("hourly", "median"),
        ("10th percentile annual wage", "year"): ("annual", "p10"),
        ("90th percentile annual wage", "year"): ("annual", "p90"),
    }
    with_soc = [o for o in shipped.occupations.values() if o.soc]
    assert {o.soc for o in with_soc} >= set(NEIGHBOURS.values())
    for occupation in with_soc:
        row = rows[occupation.soc or ""]
        said = {
            (f.measure, f.unit): f.amount for f in occupation.income if f.source == "bls-oews-2025"
        }
        expected = {
            key: row[unit][figure]
            for key, (unit, figure) in measures.items()
            if row[unit].get(figure) is not None
        }
        assert said == expected, occupation.id


def test_roles_lists_each_family_together(shipped: Catalog) -> None:
    listed = as_json("roles")
    families = [item["family"] for item in listed]
    seen: list[str] = []
    for family in families:
        if not seen or seen[-1] != family:
            assert family not in seen, f"{family} is listed in two places"
            seen.append(family)
    assert {"fitness", "management", "sport and health care", "recreation"} <= set(seen)
    assert len(listed) == len(shipped.roles) == 14
    assert {item["id"] for item in listed} == set(SHIPPED_ROLES)
    text = at_80("roles")
    assert "Family" in text.splitlines()[1]
    assert all(role_id in text for role_id in NEIGHBOURS)


def test_compare_puts_a_degree_and_licence_beside_a_certification() -> None:
    text = ok("compare", "athletic-trainer", "personal-trainer", "--format", "markdown")
    rows = {r[0]: r[1:] for r in markdown_table(text)[1:]}
    trainer, personal = zip(*(rows[k] for k in ("Education", "Licensing")), strict=True)
    assert trainer[0].startswith("A master's degree (CAATE programs since 2022)")
    assert "Job Zone Five" in trainer[0]
    assert personal[0].startswith("High school diploma")
    assert trainer[1].startswith("Nearly all states: a license or certification")
    assert personal[1].startswith("None required of fitness instructors")
    certification = rows["Certification steps"]
    assert certification[0].startswith("BOC exam after a CAATE-accredited program")
    assert certification[1].startswith("The vast majority of employers require it")
    income = rows["Income"]
    assert income[0].startswith("$62,520 a year, median annual wage, all athletic trainers")
    assert income[1].startswith("$47,160 a year, median annual wage, all fitness trainers")
    assert all("May 2025" in cell for cell in income)


@pytest.mark.parametrize(
    "roles",
    [
        ("athletic-trainer", "personal-trainer"),
        ("exercise-physiologist", "fitness-instructor", "coach", "dietitian"),
    ],
    ids=" ".join,
)
def test_compare_across_the_family_fits_80_columns(roles: tuple[str, ...]) -> None:
    lines = at_80("compare", *roles).splitlines()
    assert all(len(line) <= 80 for line in lines)
    for role_id in roles:
        assert SHIPPED_NAMES[role_id] in " ".join(" ".join(lines).split())


SHIPPED_NAMES = {
    "athletic-trainer": "Athletic trainer",
    "personal-trainer": "Personal trainer",
    "exercise-physiologist": "Exercise physiologist",
    "fitness-instructor": "Fitness instructor",
    "coach": "Coach",
    "dietitian": "Dietitian or nutritionist",
}


SCREEN = 23
"""Lines of output an 80x24 terminal shows with the prompt line after them."""


@pytest.mark.parametrize("role_id", sorted(NEIGHBOURS))
def test_a_profile_fits_one_screen_and_every_cell_cites(role_id: str) -> None:
    """The short answers, how they were chosen and the date of each source they cite
    come within one 80x24 screen; each source is numbered as `--detail` numbers it, and
    `--detail` names it in full with that date."""
    lines = at_80("roles", role_id).splitlines()
    assert len(lines) <= SCREEN, f"{role_id}: {len(lines)} lines"
    start = next(i for i, line in enumerate(lines) if line.startswith(("Unknown:", "Pay,")))
    table, notes = (" ".join(" ".join(part).split()) for part in (lines[:start], lines[start:]))
    assert "Every fact, and each source in full: --detail (same numbers)." in notes
    wide = invoke_main("roles", role_id, "--detail", env={"COLUMNS": "400", "NO_COLOR": "1"})
    full = footnotes(wide.stdout)
    cited = set(re.findall(r"\[(\d+)\]", table))
    assert cited
    for n in cited:
        found = re.search(rf"\[{n}\] ([^;]+?)(?:, third-party)?[;.]", notes)
        assert found, (role_id, n)
        assert f", {found.group(1)}," in full[n], (role_id, n, full[n])
    rows = markdown_table(ok("roles", role_id, "--format", "markdown"))[1:]
    for label, cell in rows:
        if label not in ("Also called", "Unknown"):
            assert "[" in cell and "]" in cell, (role_id, label, cell)


@pytest.mark.parametrize("role_id", sorted(SHIPPED_ROLES))
def test_every_profile_fits_80_columns(role_id: str) -> None:
    """Every role's short profile, new or not, keeps within 80 columns; `--detail`
    keeps every footnote in full."""
    lines = at_80("roles", role_id).splitlines()
    assert all(len(line) <= 80 for line in lines), role_id
    assert "1" in footnotes(at_80("roles", role_id, "--detail")), role_id


@pytest.mark.parametrize("role_id", sorted(NEIGHBOURS))
def test_what_the_sources_leave_unknown_stays_unknown(role_id: str) -> None:
    """No aspect is filled for a role beyond its statements: each aspect without one is
    named in the Unknown row."""
    rows = dict(markdown_table(ok("roles", role_id, "--format", "markdown"))[1:])
    data = as_json("roles", role_id)
    for key, label in role_q.ASPECTS.items():
        if data["aspects"][key]:
            assert label in rows, (role_id, label)
        else:
            assert label.lower() in rows["Unknown"], (role_id, label)


def test_income_of_a_role_in_an_area_is_its_occupations_row() -> None:
    tables = json.loads((SHIPPED / "wages.json").read_text(encoding="utf-8"))["tables"]
    texas = next(
        row
        for table in tables
        if table["area_type"] == "state"
        for row in _rows(table)
        if row["name"] == "Texas" and row["occupation"] == "29-9091"
    )
    shown = as_json("income", "athletic-trainer", "--area", "Texas")
    (pay,) = shown["occupations"]
    assert pay["occupation"] == "29-9091"
    assert pay["local"][0]["annual"]["median"] == texas["annual"]["median"]
    shown_md = ok(
        "compare",
        "athletic-trainer",
        "personal-trainer",
        "--area",
        "TX",
        "-a",
        "income",
        "-f",
        "markdown",
    )
    trainer = markdown_table(shown_md)[1][1]
    assert f"Texas, May 2025 median ${texas['annual']['median']:,}" in trainer


def test_a_role_without_an_occupation_has_no_area_pay() -> None:
    result = invoke_main("income", "gym-manager", "--area", "Texas")
    assert result.exit_code == 2
    assert "no wages by area for gym-manager" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_quiz_scores_only_the_roles_it_is_written_for(shipped: Catalog) -> None:
    career = shipped.questionnaires["career"]
    covered = {r.id for r in quiz_q.roles(shipped, career)}
    assert covered.isdisjoint(NEIGHBOURS)
    answers = {q.id: q.choices[0].key for q in career.questions}
    result = quiz_q.score(shipped, career, answers)
    assert {r.role.id for r in result.ranking} == covered
    lines = at_80_quiz(answers)
    assert f"Not scored: {len(shipped.roles) - len(covered)} more careers" in lines


def at_80_quiz(answers: dict[str, str]) -> str:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        return " ".join(at_80("quiz", "--answers", str(path)).split())


def test_paths_from_the_fitness_instructor_in_an_area_fit_80_columns() -> None:
    """At least three onward careers, each with its sources, and the pay difference in the
    area asked for where BLS has the area's wage, at 80 columns."""
    text = at_80("paths", "fitness-instructor", "--area", "Vermont")
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    onward = [line for line in lines if line.startswith("→ ")]
    assert len(onward) >= 3
    data = as_json("paths", "fitness-instructor", "--area", "Vermont")
    steps = data["onward"]
    assert len(steps) >= 3
    local = [s for s in steps if s["pay"]["local_difference"] is not None]
    assert local, "no onward career has Vermont's pay difference"
    said = " ".join(text.split())
    for step in local:
        gap = step["pay"]["local_difference"]
        shown = f"+${gap:,.0f} a year" if gap > 0 else f"-${-gap:,.0f} a year"
        assert gap == 0 or shown in said, (step["career"]["id"], shown)
    assert re.search(r"^\[1\] ", text, re.M), "the sources are listed"
