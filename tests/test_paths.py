"""`fitcareer paths ROLE`: the careers people move to and from a role, what each move
takes and the pay difference, every step sourced; an unknown role is a usage error."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke_main
from test_onet import onet_import, release


def test_fitness_instructor_leads_to_three_or_more_careers_with_what_each_takes() -> None:
    result = invoke_main("paths", "fitness-instructor", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    onward = out["onward"]
    assert len(onward) >= 3
    names = {s["career"]["id"] for s in onward}
    assert {"personal-trainer", "exercise-physiologist"} <= names
    cited = {src["id"] for src in out["sources"]}
    for step in onward:
        said = [
            s for k in ("says", "education", "credential", "time") for s in step["move"].get(k, [])
        ]
        assert said and all(s["source"] in cited for s in said)
    physiologist = next(s for s in onward if s["career"]["id"] == "exercise-physiologist")
    assert physiologist["pay"]["national"]["release"] == "May 2025"
    assert physiologist["pay"]["difference"] == (
        physiologist["pay"]["national"]["annual_median"] - out["pay"]["national"]["annual_median"]
    )


def test_the_table_fits_80_columns_and_names_its_sources() -> None:
    result = invoke_main("paths", "fitness-instructor", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "→ Personal trainer" in result.stdout
    assert "Occupational Outlook Handbook: Exercise Physiologists" in result.stdout
    assert "a year" in result.stdout


def test_area_adds_local_pay_and_its_difference() -> None:
    result = invoke_main("paths", "fitness-instructor", "--area", "Ohio", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["area"] == "Ohio"
    assert out["pay"]["local"]["area"] == "Ohio"
    manager = next(s for s in out["onward"] if s["career"]["id"] == "gym-manager")
    assert manager["pay"]["local"]["area"] == "Ohio"
    assert manager["pay"]["local_difference"] is not None


def test_an_unknown_role_is_a_usage_error_with_a_suggestion() -> None:
    result = invoke_main("paths", "fitnes-instructor")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean 'fitness-instructor'?" in result.stderr


def test_an_unknown_area_is_a_usage_error() -> None:
    result = invoke_main("paths", "fitness-instructor", "--area", "Atlantis")
    assert result.exit_code == 2
    assert "Atlantis" in result.stderr


def test_the_shipped_extract_names_its_sources_and_job_zone() -> None:
    result = invoke_main("paths", "fitness-instructor", "--format", "json")
    onet = json.loads(result.stdout)["onet"]
    occupation = onet["occupation"]
    assert occupation["code"] == "39-9031.00"
    assert occupation["job_zone"] == 3
    assert occupation["cites"]["job-zone"]["secondary"] is True
    assert "onetonline.org" in occupation["cites"]["tasks"]["url"]


def test_a_newer_imported_release_is_used_in_place_of_the_shipped_extract(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert onet_import(home, str(release(tmp_path / "db_28_2_text"))).exit_code == 0
    result = invoke_main("paths", "fitness-instructor", env={"XDG_DATA_HOME": str(home)})
    assert result.exit_code == 0, result.stderr
    assert "Exercise Physiologists (Primary-Short)" in result.stdout
    out = invoke_main(
        "paths", "fitness-instructor", "--format", "json", env={"XDG_DATA_HOME": str(home)}
    )
    assert json.loads(out.stdout)["onet"]["release"] == "28.2"


def test_a_role_with_no_moves_recorded_says_so_with_its_pay() -> None:
    result = invoke_main("paths", "dietitian", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["onward"] == [] and out["earlier"] == []
    assert out["pay"]["national"]["occupation"] == "29-1031"
    table = invoke_main("paths", "dietitian")
    assert "No moves to or from" in table.stdout


def test_a_move_data_file_that_disagrees_with_the_roles_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    import shutil

    from conftest import SHIPPED

    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    path = data / "paths.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('soc: "29-1128"', 'soc: "29-9091"'), encoding="utf-8")
    line = 1 + text[: text.index('soc: "29-1128"')].count("\n")
    result = invoke_main("--data-dir", str(data), "paths", "exercise-physiologist")
    assert result.exit_code == 1
    assert f"paths.yaml:{line}:" in result.stderr
    assert "29-1128" in result.stderr
