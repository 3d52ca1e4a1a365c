"""`fitcareer onet import DIR`: O*NET's text database, written here in O*NET's published
layouts (tab-delimited, one header row; the file names before release 30.3 and from it
on), read for the family's occupations; a folder that is not a release refused in one
line; flagged values kept flagged; hostile files refused as any data file is."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from conftest import fuzz, invoke_main
from fitcareer.model import Catalog

RATING = [
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
]

FILES = {
    "Occupation Data.txt": (
        ["O*NET-SOC Code", "Title", "Description"],
        [
            ["39-9031.00", "Exercise Trainers and Group Fitness Instructors", "Instruct."],
            ["29-1128.00", "Exercise Physiologists", "Assess."],
            ["15-1252.00", "Software Developers", "Develop."],
        ],
    ),
    "Task Statements.txt": (
        [
            "O*NET-SOC Code",
            "Task ID",
            "Task",
            "Task Type",
            "Incumbents Responding",
            "Date",
            "Domain Source",
        ],
        [
            [
                "39-9031.00",
                "1",
                "Maintain fitness equipment.",
                "Core",
                "20",
                "08/2023",
                "Incumbent",
            ],
            ["39-9031.00", "2", "Observe participants.", "Core", "20", "08/2023", "Incumbent"],
        ],
    ),
    "Task Ratings.txt": (
        [
            "O*NET-SOC Code",
            "Task ID",
            "Scale ID",
            "Category",
            "Data Value",
            *RATING[:5],
            "Date",
            "Domain Source",
        ],
        [
            [
                "39-9031.00",
                "1",
                "IM",
                "n/a",
                "3.90",
                "20",
                "0.20",
                "3.5",
                "4.3",
                "N",
                "08/2023",
                "Incumbent",
            ],
            [
                "39-9031.00",
                "2",
                "IM",
                "n/a",
                "4.80",
                "20",
                "0.10",
                "4.6",
                "5.0",
                "N",
                "08/2023",
                "Incumbent",
            ],
        ],
    ),
    "Skills.txt": (
        ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", *RATING],
        [
            [
                "39-9031.00",
                "2.A.1.a",
                "Reading Comprehension",
                "IM",
                "3.12",
                "8",
                "0.13",
                "2.9",
                "3.4",
                "N",
                "n/a",
                "08/2023",
                "Analyst",
            ],
            [
                "39-9031.00",
                "2.B.1.e",
                "Instructing",
                "IM",
                "4.00",
                "8",
                "0.10",
                "3.8",
                "4.2",
                "Y",
                "n/a",
                "08/2023",
                "Analyst",
            ],
        ],
    ),
    "Knowledge.txt": (
        ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", *RATING],
        [
            [
                "39-9031.00",
                "2.C.7.e",
                "Philosophy and Theology",
                "LV",
                "0.40",
                "20",
                "0.30",
                "0.0",
                "1.0",
                "N",
                "Y",
                "08/2023",
                "Incumbent",
            ]
        ],
    ),
    "Work Context.txt": (
        [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Category",
            "Data Value",
            *RATING,
        ],
        [
            [
                "39-9031.00",
                "4.C.1.a.2.l",
                "Face-to-Face Discussions",
                "CX",
                "n/a",
                "4.60",
                "20",
                "0.15",
                "4.3",
                "4.9",
                "N",
                "n/a",
                "08/2023",
                "Incumbent",
            ],
            [
                "39-9031.00",
                "4.C.1.a.2.l",
                "Face-to-Face Discussions",
                "CXP",
                "5",
                "70.00",
                "20",
                "9.0",
                "50",
                "85",
                "N",
                "n/a",
                "08/2023",
                "Incumbent",
            ],
        ],
    ),
    "Interests.txt": (
        [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Data Value",
            "Date",
            "Domain Source",
        ],
        [
            ["39-9031.00", "1.B.1.a", "Realistic", "OI", "4.33", "08/2023", "Machine Learning"],
            ["39-9031.00", "1.B.1.d", "Social", "OI", "6.50", "08/2023", "Machine Learning"],
        ],
    ),
    "Job Zones.txt": (
        ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
        [["39-9031.00", "3", "08/2023", "Analyst"], ["29-1128.00", "4", "08/2023", "Analyst"]],
    ),
    "Related Occupations.txt": (
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        [
            ["39-9031.00", "29-1128.00", "Primary-Short", "1"],
            ["39-9031.00", "27-2022.00", "Primary-Short", "2"],
        ],
    ),
    "Alternate Titles.txt": (
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        [["39-9031.00", "Personal Trainer", "n/a", "08"]],
    ),
}

README = "O*NET 28.2 Database\nFebruary 2024 Release\n---------------------\n"


def newer_layout() -> dict[str, tuple[list[str], list[list[str]]]]:
    """The same data as release 30.3 names and lays it out: skills in two files (basic
    skills are Essential, cross-functional ones Transferable), interests as Career
    Interest Types, alternate titles as Job Titles with a Job Title column."""
    files = {
        n: v
        for n, v in FILES.items()
        if n not in ("Skills.txt", "Interests.txt", "Alternate Titles.txt")
    }
    header, rows = FILES["Skills.txt"]
    files["Essential Skills.txt"] = (header, [r for r in rows if r[1].startswith("2.A")])
    files["Transferable Skills.txt"] = (header, [r for r in rows if r[1].startswith("2.B")])
    files["Career Interest Types.txt"] = FILES["Interests.txt"]
    header, rows = FILES["Alternate Titles.txt"]
    files["Job Titles.txt"] = (["O*NET-SOC Code", "Job Title", "Short Title", "Source(s)"], rows)
    return files


def release(  # type: ignore[no-untyped-def]
    folder: Path, rename=lambda name: name, readme: str | None = README, files=None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in (files or FILES).items():
        lines = ["\t".join(header), *("\t".join(r) for r in rows)]
        (folder / rename(name)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if readme is not None:
        (folder / rename("Read Me.txt")).write_text(readme, encoding="utf-8")
    return folder


def onet_import(home: Path, *args: str) -> Result:
    return invoke_main("onet", "import", *args, env={"XDG_DATA_HOME": str(home)})


def written(home: Path) -> dict[str, Any]:
    text = (home / "fitcareer" / "onet-import.json").read_text(encoding="utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def one_line(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return str(result.stderr)


@pytest.mark.parametrize(
    ("rename", "layout"),
    [
        (lambda name: name, FILES),
        (lambda name: name.lower().replace(" ", "_"), FILES),
        (lambda name: name, newer_layout()),
    ],
    ids=["names before 30.3", "lower-case names with underscores", "names from 30.3"],
)
def test_a_release_is_imported_with_its_release_and_files(tmp_path: Path, rename, layout) -> None:  # type: ignore[no-untyped-def]
    folder = release(tmp_path / "db_28_2_text", rename, files=layout)
    result = onet_import(tmp_path / "home", str(folder))
    assert result.exit_code == 0, result.stderr
    assert f"Imported O*NET 28.2 (2 occupations, {len(layout) + 1} files)" in result.stdout
    out = written(tmp_path / "home")
    assert (out["release"], out["date"]) == ("28.2", "2024-02")
    assert {f["name"] for f in out["files"]} == {rename(n) for n in [*layout, "Read Me.txt"]}
    assert all(len(f["sha256"]) == 64 for f in out["files"])
    trainers = next(o for o in out["occupations"] if o["code"] == "39-9031.00")
    assert [t["text"] for t in trainers["tasks"]] == [
        "Observe participants.",
        "Maintain fitness equipment.",
    ]
    assert trainers["job_zone"] == 3
    assert [r["code"] for r in trainers["related"]] == ["29-1128.00", "27-2022.00"]
    assert trainers["related"][0]["title"] == "Exercise Physiologists"
    assert set(trainers["interests"]) == {"R", "S"}
    assert trainers["titles"] == ["Personal Trainer"]
    assert trainers["cites"]["tasks"]["title"] == "O*NET 28.2 Database"
    assert "15-1252.00" not in {o["code"] for o in out["occupations"]}


@pytest.mark.parametrize("layout", [FILES, newer_layout()], ids=["before 30.3", "from 30.3"])
def test_suppressed_and_not_relevant_values_are_kept_flagged(tmp_path: Path, layout) -> None:  # type: ignore[no-untyped-def]
    folder = release(tmp_path / "db", files=layout)
    assert onet_import(tmp_path / "home", str(folder)).exit_code == 0
    trainers = next(
        o for o in written(tmp_path / "home")["occupations"] if o["code"] == "39-9031.00"
    )
    skills = {s["name"]: s["ratings"][0] for s in trainers["skills"]}
    assert skills["Instructing"]["value"] == 4
    assert any("suppress" in f for f in skills["Instructing"]["flags"])
    assert "flags" not in skills["Reading Comprehension"]
    knowledge = trainers["knowledge"][0]["ratings"][0]
    assert any("not relevant" in f for f in knowledge["flags"])
    assert any("standard error" in f for f in knowledge["flags"])
    context = trainers["context"][0]["ratings"]
    assert [r["scale"] for r in context] == ["CX"]


def test_the_release_comes_from_the_folder_name_without_a_read_me(tmp_path: Path) -> None:
    folder = release(tmp_path / "db_29_1_text", readme=None)
    result = onet_import(tmp_path / "home", str(folder))
    assert result.exit_code == 0, result.stderr
    assert written(tmp_path / "home")["release"] == "29.1"


def test_a_release_that_cannot_be_told_needs_release(tmp_path: Path) -> None:
    folder = release(tmp_path / "mine", readme=None)
    assert "--release" in one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert onet_import(tmp_path / "home", str(folder), "--release", "30.1").exit_code == 0
    assert written(tmp_path / "home")["release"] == "30.1"


def test_a_folder_that_is_not_a_release_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.txt").write_text("meow\n")
    line = one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert "not an O*NET release" in line
    assert not (tmp_path / "home" / "fitcareer" / "onet-import.json").exists()


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    line = one_line(onet_import(tmp_path / "home", str(tmp_path / "nowhere")), 2)
    assert "no such folder" in line


def test_a_file_in_another_layout_is_refused_at_its_header(tmp_path: Path) -> None:
    folder = release(tmp_path / "db")
    (folder / "Job Zones.txt").write_text("Code\tZone\n39-9031.00\t3\n")
    line = one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert "Job Zones.txt:1" in line


def test_bad_encoding_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = release(tmp_path / "db")
    path = folder / "Alternate Titles.txt"
    path.write_bytes(path.read_bytes() + b"39-9031.00\tCaf\xe9 Trainer\tn/a\t08\n")
    line = one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert "Alternate Titles.txt:3" in line
    assert "UTF-8" in line


def test_control_characters_are_refused_at_their_line(tmp_path: Path) -> None:
    folder = release(tmp_path / "db")
    path = folder / "Alternate Titles.txt"
    path.write_text(path.read_text() + "39-9031.00\tTrainer\x1b[31m\tn/a\t08\n")
    line = one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert "Alternate Titles.txt:3" in line
    assert "U+001B" in line


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    folder = release(tmp_path / "db")
    with (folder / "Work Context.txt").open("r+b") as f:
        f.truncate(300 * 2**20)  # sparse: nothing is written
    line = one_line(onet_import(tmp_path / "home", str(folder)), 1)
    assert "Work Context.txt" in line
    assert "MiB" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_a_file_is_refused(tmp_path: Path) -> None:
    folder = release(tmp_path / "db")
    (folder / "Skills.txt").unlink()
    os.mkfifo(folder / "Skills.txt")
    assert "not a regular file" in one_line(onet_import(tmp_path / "home", str(folder)), 1)


@fuzz(60)
@given(st.text(max_size=200))
def test_any_text_as_occupation_data_is_imported_or_refused_in_one_line(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = release(Path(tmp) / "db")
        (folder / "Occupation Data.txt").write_text(
            "O*NET-SOC Code\tTitle\tDescription\n" + text, encoding="utf-8"
        )
        result = onet_import(Path(tmp) / "home", str(folder))
        assert result.exit_code in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        if result.exit_code:
            assert len(result.stderr.splitlines()) == 1


def test_no_output_may_overwrite_the_imported_extract(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert onet_import(home, str(release(tmp_path / "db"))).exit_code == 0
    before = (home / "fitcareer" / "onet-import.json").read_bytes()
    target = str(home / "fitcareer" / "onet-import.json")
    result = invoke_main("roles", "-o", target, env={"XDG_DATA_HOME": str(home)})
    assert result.exit_code == 2
    assert (home / "fitcareer" / "onet-import.json").read_bytes() == before


def test_an_import_updates_the_role_profiles_naming_its_release(tmp_path: Path) -> None:
    """After `onet import`, a profile gives the imported Job Zone and tasks with the
    release they come from; before it, the shipped pages' release is said to be unknown."""
    home = tmp_path / "home"
    env = {"XDG_DATA_HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1"}
    before = invoke_main("roles", "yoga-instructor", "--detail", env=env)
    assert before.exit_code == 0, before.stderr
    assert "release not stated" in " ".join(before.stdout.split())
    assert onet_import(home, str(release(tmp_path / "db_28_2_text"))).exit_code == 0
    glance = invoke_main("roles", "yoga-instructor", env=env)
    assert glance.exit_code == 0, glance.stderr
    said = " ".join(glance.stdout.split())
    assert "O*NET Job Zone 3 (O*NET 28.2, Feb 2024, imported)" in said
    for role in ("yoga-instructor", "pilates-instructor", "exercise-physiologist"):
        lines = invoke_main("roles", role, env=env).stdout.splitlines()
        assert len(lines) <= 23 and all(len(line) <= 80 for line in lines), role
    whole = invoke_main("roles", "fitness-instructor", "--detail", "--format", "markdown", env=env)
    assert whole.exit_code == 0, whole.stderr
    said = " ".join(whole.stdout.split())
    assert "39-9031.00 Exercise Trainers and Group Fitness Instructors, O*NET 28.2" in said
    assert "Observe participants." in said and "O*NET 28.2 Database" in said
    assert "release not stated" not in said


def test_each_shipped_value_names_its_release_or_says_it_is_not_stated(tmp_path: Path) -> None:
    """The shipped pages mostly state no release: each part a profile shows from them says
    so, and the two Job Zones whose copy names O*NET 29.1 say that."""
    env = {"XDG_DATA_HOME": str(tmp_path / "home"), "COLUMNS": "200", "NO_COLOR": "1"}
    shown = {}
    for role in ("recreation-worker", "recreational-therapist", "fitness-instructor"):
        result = invoke_main("roles", role, "--detail", "--format", "markdown", env=env)
        assert result.exit_code == 0, result.stderr
        shown[role] = " ".join(result.stdout.split())
    for role, code in (
        ("recreation-worker", "39-9032.00"),
        ("recreational-therapist", "29-1125.00"),
    ):
        zone = shown[role].split("Job Zone 4, considerable preparation needed (source: ", 1)[1]
        assert zone.startswith(f"{zone.split(' (')[0]} ({code}), Virginia Career VIEW's copy")
        assert "(the page says it uses O*NET 29.1)" in zone.split("third-party copy")[0], role
    assert "O*NET release not stated" in shown["fitness-instructor"]
    assert "29.1" not in shown["fitness-instructor"]


def test_every_source_of_o_net_content_says_which_release_or_that_none_is_stated(
    shipped: Catalog,
) -> None:
    """The profiles' O*NET citations: each page of O*NET content, or a copy of it, names
    the release it states, or says it states none."""
    said = re.compile(r"O\*NET \d+\.\d|states no O\*NET release")
    for source in shipped.sources.values():
        about = " ".join(filter(None, (source.title, source.publisher, source.note)))
        if "O*NET" in about:
            assert said.search(source.note or ""), source.id
