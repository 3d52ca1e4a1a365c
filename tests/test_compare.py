"""`fitcareer compare`: roles side by side at a glance and in detail, in every format, and
its error paths."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import COPIES, as_json, csv_blocks, csv_sources, csv_table, invoke_main, ok, run
from fitcareer.model import Catalog
from fitcareer.queries import roles as role_q
from fitcareer.views.roles import CREDENTIALS_NAMED
from fitcareer.views.words import Footnotes, describe

pytestmark = pytest.mark.usefixtures("warm_cache")

# The rows the foundation issue asks for, by their labels.
REQUIRED_ROWS = (
    "Duties",
    "Training focus",
    "Work environment",
    "Employment type",
    "Stability and benefits",
    "Insurance",
    "Income",
    "Certification steps",
    "Client relationship",
    "Career path",
    "Choose this if",
)

FOOTNOTE = re.compile(r"\[(\d+)\]")


def markdown_table(text: str) -> list[list[str]]:
    """The header and body rows of the Markdown table, cells unescaped."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) >= 2 and set(lines[1]) <= {"|", "-", ":", " "}, "no Markdown table"
    rows = []
    for line in [lines[0], *lines[2:]]:
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip().replace("\\|", "|").replace("<br>", "\n") for c in cells])
    return rows


def footnotes(text: str) -> dict[str, str]:
    """Footnote number -> its line, from text output."""
    notes = {}
    for line in text.splitlines():
        match = re.match(r'^\s*(?:- )?"?\[(\d+)\] (.+?)"?$', line)
        if match:
            notes[match.group(1)] = html.unescape(match.group(2))
    return notes


# --- The default and the table -----------------------------------------------------------


def test_default_is_instructor_vs_trainer() -> None:
    default = ok("compare")
    explicit = ok("compare", "fitness-instructor", "personal-trainer")
    assert default == explicit
    assert "Fitness instructor" in default and "Personal trainer" in default


def test_default_json_holds_the_two_roles_in_order() -> None:
    data = as_json("compare")
    assert [r["id"] for r in data["roles"]] == ["fitness-instructor", "personal-trainer"]


def test_table_has_a_row_per_aspect() -> None:
    rows = csv_table(ok("compare", "--format", "csv"))
    labels = [row[0] for row in rows[1:]]
    for label in REQUIRED_ROWS:
        assert label in labels
    assert rows[0] == ["Aspect", "Fitness instructor", "Personal trainer"]


def test_table_shows_sources_as_footnotes() -> None:
    out = ok("compare")
    notes = footnotes(out)
    assert notes, "no footnotes under the table"
    cited = set(FOOTNOTE.findall(out.split("\n[1] ")[0]))
    assert cited <= set(notes), "a footnote mark with no footnote"
    assert any(
        line.startswith("Fitness Instructor vs Personal Trainer – What is the difference?, ")
        for line in notes.values()
    )


def test_three_roles() -> None:
    out = ok("compare", "fitness-instructor", "gym-manager", "group-fitness-instructor")
    for name in ("Fitness instructor", "Gym manager", "Group fitness instructor"):
        assert name in out
    data = as_json("compare", "fitness-instructor", "gym-manager", "group-fitness-instructor")
    assert [r["id"] for r in data["roles"]] == [
        "fitness-instructor",
        "gym-manager",
        "group-fitness-instructor",
    ]
    rows = csv_table(
        ok("compare", "fitness-instructor", "gym-manager", "group-fitness-instructor", "-f", "csv")
    )
    assert all(len(row) == 4 for row in rows)


def test_gym_manager_income_is_for_a_broader_group() -> None:
    """BLS has no gym-manager occupation: the one figure says whom it covers."""
    rows = markdown_table(
        ok("compare", "gym-manager", "personal-trainer", "-a", "income", "-f", "markdown")
    )
    scope = (
        "median annual wage, entertainment and recreation managers in the US (BLS), a broader "
        "group; BLS has no gym-manager occupation"
    )
    assert rows[1][1] == (
        f"$79,520 a year, {scope}, May 2025 (self-employed excluded) [1]\n"
        f"$73,460 a year, {scope}, May 2023 [2]"
    )
    data = as_json("compare", "gym-manager", "personal-trainer")
    assert [f["amount"] for f in data["roles"][0]["aspects"]["income"]] == [79520, 73460]
    assert data["roles"][0]["occupation"] is None


# --- JSON -------------------------------------------------------------------------------


def test_json_holds_every_aspect_for_each_role() -> None:
    data = as_json("compare")
    assert data["aspects"] == list(role_q.ASPECTS)
    for role in data["roles"]:
        assert set(role["aspects"]) == set(role_q.ASPECTS), role["id"]
        for key in ("insurance", "income", "employment", "duties", "outlook"):
            assert role["aspects"][key], f"{role['id']}: {key} is empty"


def test_json_facts_each_carry_source_and_date() -> None:
    data = as_json("compare", "fitness-instructor", "personal-trainer", "gym-manager")
    known = {s["id"] for s in data["sources"]}
    count = 0
    for role in data["roles"]:
        for key, entries in role["aspects"].items():
            for entry in entries:
                assert entry["source"] in known, (role["id"], key, entry)
                assert entry["date"], (role["id"], key, entry)
                assert entry["type"] in {"statement", "figure", "outlook"}
                count += 1
    assert count > 50


def test_json_sources_are_described() -> None:
    data = as_json("compare")
    assert data["sources"]
    for source in data["sources"]:
        assert source["id"] and source["title"] and source["date"]
        assert source["url"] or source["publisher"]
        assert "file" not in source and isinstance(source["copy"], bool)


def test_json_income_keeps_amount_unit_year_and_source() -> None:
    data = as_json("compare", "--aspect", "income")
    trainer = data["roles"][1]
    figures = [e for e in trainer["aspects"]["income"] if e["type"] == "figure"]
    by_amount = {(e["amount"], e["date"]): e for e in figures}
    assert by_amount[(45380, "2022-05")]["source"] == "bls-ooh-2022"
    assert by_amount[(45380, "2022-05")]["secondary"] is False
    assert by_amount[(40700, "2021")]["secondary"] is True
    assert by_amount[(51402, "2023-01")]["secondary"] is True
    # Occupation-wide figures say which occupation they stand for.
    assert by_amount[(45380, "2022-05")]["occupation"] == trainer["occupation"]["id"]
    assert by_amount[(51402, "2023-01")]["occupation"] is None
    assert "one occupation" in trainer["occupation"]["note"]


# --- CSV and Markdown hold the same rows -----------------------------------------------------


@pytest.mark.parametrize(
    "roles",
    [(), ("fitness-instructor", "gym-manager", "group-fitness-instructor")],
    ids=["default", "three"],
)
def test_csv_and_markdown_hold_the_same_rows(roles: tuple[str, ...]) -> None:
    """CSV, for scripts, always holds every fact: the rows of `--detail`."""
    from_csv = csv_table(ok("compare", *roles, "--format", "csv"))
    from_markdown = markdown_table(ok("compare", *roles, "--detail", "--format", "markdown"))
    assert [r[0] for r in from_csv] == [r[0] for r in from_markdown]
    assert len(from_csv) == len(role_q.ASPECTS) + 1
    # A spreadsheet reads a cell starting with `-` as a formula; CSV quotes it with `'`.
    assert [[c.removeprefix("'") for c in row] for row in from_csv] == from_markdown


def test_csv_sources_follow_the_table() -> None:
    text = ok("compare", "--format", "csv")
    table, *_, sources = csv_blocks(text)
    assert len(table) == len(role_q.ASPECTS) + 1
    cited = set(FOOTNOTE.findall("\n".join(",".join(row) for row in table)))
    assert cited and cited <= set(csv_sources(text)), "compare keeps its sources"
    assert [row[0] for row in sources[1:]] == [str(n) for n in range(1, len(sources))]


def test_markdown_is_a_document() -> None:
    text = ok("compare", "--format", "markdown")
    assert text.startswith("## Fitness instructor vs Personal trainer")
    assert "- [1] " in text


# --- Role names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("Personal Trainer", "personal-trainer"),
        ("PERSONAL-TRAINER", "personal-trainer"),
        ("one-on-one trainer", "personal-trainer"),
        ("One-On-One Trainer", "personal-trainer"),
        ("personal_trainer", "personal-trainer"),
        ("Fitness Instructor", "fitness-instructor"),
        ("gym instructor", "fitness-instructor"),
        ("  Gym   Manager ", "gym-manager"),
    ],
)
def test_role_names_match_case_insensitively(typed: str, role_id: str) -> None:
    data = as_json("compare", "group-fitness-instructor", typed)
    assert [r["id"] for r in data["roles"]] == ["group-fitness-instructor", role_id]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("personal-trainr", "did you mean 'personal-trainer'"),
        ("personal trainor", "did you mean 'personal-trainer'"),
        ("fitnes-instructor", "did you mean 'fitness-instructor'"),
        ("gym-manger", "did you mean 'gym-manager'"),
    ],
)
def test_misspelt_role_exits_2_with_a_suggestion(typed: str, hint: str) -> None:
    result = invoke_main("compare", "fitness-instructor", typed)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert result.stdout == ""


def test_role_with_no_close_match_lists_the_known_ones() -> None:
    result = invoke_main("compare", "astronaut")
    assert result.exit_code == 2
    assert result.stdout == ""
    for role_id in ("fitness-instructor", "personal-trainer", "gym-manager"):
        assert role_id in result.stderr


def test_misspelt_role_in_a_real_process() -> None:
    proc = run("compare", "personal-trainr")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "did you mean 'personal-trainer'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


# --- --aspect ------------------------------------------------------------------------------


def test_aspect_keeps_only_that_row() -> None:
    rows = csv_table(ok("compare", "--aspect", "income", "--format", "csv"))
    assert [r[0] for r in rows] == ["Aspect", "Income"]
    data = as_json("compare", "--aspect", "income")
    assert data["aspects"] == ["income"]
    for role in data["roles"]:
        assert list(role["aspects"]) == ["income"]


def test_aspect_in_the_table() -> None:
    out = ok("compare", "--aspect", "insurance")
    assert "Insurance" in out
    assert "Duties" not in out and "Income" not in out
    assert "own insurance" in out


def test_aspects_repeat_in_the_order_given() -> None:
    rows = csv_table(
        ok("compare", "-a", "insurance", "-a", "Income", "-a", "insurance", "--format", "csv")
    )
    assert [r[0] for r in rows[1:]] == ["Insurance", "Income"]


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Training focus", "Training focus"),
        ("who it suits", "Choose this if"),
        ("employment-type", "Employment type"),
        ("CAREER-PATH", "Career path"),
    ],
)
def test_aspect_by_label(typed: str, label: str) -> None:
    rows = csv_table(ok("compare", "--aspect", typed, "--format", "csv"))
    assert [r[0] for r in rows[1:]] == [label]


def test_unknown_aspect_exits_2() -> None:
    result = invoke_main("compare", "--aspect", "salary-ish")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "salary-ish" in result.stderr
    assert "income" in result.stderr, "the known aspects are listed"


# --- Income cell: year and source footnote ---------------------------------------------------


def test_income_cell_carries_year_and_source_footnote() -> None:
    text = ok("compare", "--aspect", "income", "--format", "csv")
    rows = csv_table(text)
    notes = {ref: ", ".join(fields) for ref, fields in csv_sources(text).items()}
    instructor, trainer = rows[1][1], rows[1][2]
    for cell in (instructor, trainer):
        line = next(li for li in cell.splitlines() if "$45,380" in li)
        assert "May 2022" in line
        mark = FOOTNOTE.findall(line)[-1]
        assert "Bureau of Labor Statistics" in notes[mark]
        line = next(li for li in cell.splitlines() if "$40,700" in li)
        assert "2021" in line
        assert "secondary" in line
        assert "What Is a Fitness Trainer" in notes[FOOTNOTE.findall(line)[-1]]
    glassdoor = next(li for li in trainer.splitlines() if "$51,402" in li)
    assert "Jan 2023" in glassdoor
    assert "How to Become a Certified Personal Trainer" in notes[FOOTNOTE.findall(glassdoor)[-1]]
    assert "$51,402" not in instructor


def test_income_cell_says_bls_counts_one_occupation() -> None:
    rows = csv_table(ok("compare", "--aspect", "income", "--format", "csv"))
    for cell in rows[1][1:]:
        assert "one occupation" in cell


def test_outlook_row_holds_both_projections() -> None:
    rows = csv_table(ok("compare", "--aspect", "outlook", "--format", "csv"))
    cell = rows[1][1]
    assert "+19% jobs" in cell and "2021-2031" in cell and "65,500" in cell
    assert "+14% jobs" in cell and "2022-2032" in cell and "69,000" in cell


def test_certification_row_links_to_the_certification_data(shipped: Catalog) -> None:
    rows = csv_table(ok("compare", "--aspect", "certification", "--format", "csv"))
    trainer = rows[1][2]
    for cert in role_q.credentials(shipped, shipped.roles["personal-trainer"]):
        assert cert.abbr in trainer
    assert "fitcareer steps" in trainer


def test_old_figures_are_marked(shipped: Catalog) -> None:
    notes = Footnotes(shipped, max_age=3, today=2026)
    assert notes.stale("2021")
    assert notes.stale("2022-05")
    assert not notes.stale("2024-05")
    assert not notes.stale("undated")


def test_max_age_option_marks_figures() -> None:
    marked = ok("--max-age", "0", "compare", "--aspect", "income", "--format", "csv")
    unmarked = ok("--max-age", "100", "compare", "--aspect", "income", "--format", "csv")
    assert "may be out of date" in marked
    assert "may be out of date" not in unmarked


# --- Output and colour -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_piped_output_has_no_colour_codes(fmt: str) -> None:
    proc = run("compare", "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout
    assert "\x1b[" not in proc.stdout
    assert proc.stderr == ""


def colour_codes(text: str) -> set[int]:
    """Foreground and background colour SGR codes in text (bold and dim are not colours)."""
    codes = set()
    for group in re.findall(r"\x1b\[([0-9;]*)m", text):
        codes |= {int(c) for c in group.split(";") if c.isdigit()}
    return {c for c in codes if 30 <= c <= 49 or 90 <= c <= 107}


def test_forced_colour_shows_the_check_can_fail() -> None:
    proc = run("compare", "--detail", env={"FORCE_COLOR": "1"})
    assert proc.returncode == 0
    assert "\x1b[" in proc.stdout
    assert colour_codes(proc.stdout)


def test_no_color_removes_colour_even_when_forced() -> None:
    proc = run("compare", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert proc.returncode == 0
    assert "Fitness instructor" in proc.stdout
    assert colour_codes(proc.stdout) == set()


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "compare.json"
    result = invoke_main("compare", "--format", "json", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["roles"]


# --- At a glance ---------------------------------------------------------------------------

FOUR = ("fitness-instructor", "personal-trainer", "group-fitness-instructor", "gym-manager")


def at_80(*args: str) -> str:
    """What a person sees in an 80-column terminal without colour."""
    result = invoke_main(*args, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_default_fits_56_lines_at_80_columns() -> None:
    """45 before the education, licensing and time-and-cost rows."""
    lines = at_80("compare").splitlines()
    assert len(lines) <= 56
    assert all(len(line) <= 80 for line in lines)
    assert any(line.startswith("[1] ") for line in lines), "the footnotes are counted too"


def test_before_this_view_the_same_compare_was_a_wall() -> None:
    """The detail keeps everything, and is far longer than the short answer."""
    assert len(at_80("compare", "--detail").splitlines()) > 300


def test_four_roles_fit_80_columns_and_split_no_word() -> None:
    out = at_80("compare", *FOUR)
    assert all(len(line) <= 80 for line in out.splitlines())
    tokens = set(out.split())
    data = as_json("compare", *FOUR)
    words = {
        w
        for role in data["roles"]
        for b in role["brief"].values()
        for s in b
        for w in s["text"].split()
    }
    words |= {"$47,160", "$51,402", "74,200", "2024-2034"}
    assert words - tokens == set()
    for name in (
        "Fitness instructor",
        "Personal trainer",
        "Group fitness instructor",
        "Gym manager",
    ):
        assert f"{name}" in " ".join(out.split())


def test_rows_are_the_aspects_where_the_roles_differ() -> None:
    rows = markdown_table(ok("compare", "--format", "markdown"))
    assert rows[0] == ["Aspect", "Fitness instructor", "Personal trainer"]
    assert [r[0] for r in rows[1:]] == [
        "Duties",
        "Training focus",
        "Work environment",
        "Employment type",
        "Stability and benefits",
        "Insurance",
        "Income",
        "Certification steps",
        "Time, cost to qualify",
        "Client relationship",
        "Career path",
        "Skills",
        "Choose this if",
    ]
    assert all(row[1] != row[2] for row in rows[1:])
    insurance = next(r for r in rows if r[0] == "Insurance")
    assert insurance[1:] == [
        "Likely covered by the employing gym's policy [1]",
        "Must take out their own insurance [1]",
    ]


def test_what_both_share_is_said_once() -> None:
    out = at_80("compare")
    flat = " ".join(out.split())
    assert flat.count("$47,160") == 1
    assert flat.count("+12% jobs") == 1
    assert flat.count("all fitness trainers and instructors") == 1
    assert (
        "Both, as all fitness trainers and instructors (BLS SOC 39-9031): income $47,160 a year, "
        "median annual wage, May 2025 (self-employed excluded) [4]; job outlook +12% jobs, "
        "about 74,200 openings a year, 2024-2034 (secondary source) [5]"
    ) in flat
    # In detail, each column keeps every figure, as before.
    detail = csv_table(ok("compare", "--detail", "--aspect", "income", "--format", "csv"))
    assert all("$47,160" in cell and "$45,380" in cell for cell in detail[1][1:])


def test_a_shared_figure_is_said_once_for_the_roles_it_covers() -> None:
    flat = " ".join(at_80("compare", *FOUR).split())
    assert flat.count("$47,160") == 1
    assert (
        "Fitness instructor, Personal trainer and Group fitness instructor, "
        "as all fitness trainers and instructors (BLS SOC 39-9031): income $47,160"
    ) in flat


def test_the_same_answer_for_every_role_leaves_the_table() -> None:
    text = ok("compare", "group-fitness-instructor", "gym-manager", "--format", "markdown")
    rows = markdown_table(text)
    assert "Career path" not in [r[0] for r in rows]
    assert (
        "- Career path, the same for both: One of the jobs certified personal trainers go on to [1]"
        in text
    )
    insurance = {r[0]: r[1:] for r in rows[1:]}["Insurance"]
    assert re.fullmatch(
        r"Employees: the club's policy, to be checked \(all fitness pros\) \[\d+\]", insurance[0]
    )
    assert insurance[1] == "unknown (the sources say nothing)"


def test_income_rule_is_stated_and_followed() -> None:
    flat = " ".join(at_80("compare").split())
    assert (
        "Income: the newest primary national median wage, plus a role's own figure where a "
        "source gives one; outlook: the newest projection. All facts: --detail."
    ) in flat
    # Not an older primary figure ($45,380, May 2022), not a secondary report ($46,180, May
    # 2024), not Vermont's 2023 median ($65,710).
    assert "$45,380" not in flat and "$46,180" not in flat and "$65,710" not in flat
    rows = markdown_table(ok("compare", "--aspect", "income", "--format", "markdown"))
    assert rows[1] == [
        "Income",
        "Personal trainers generally earn more [2]",
        "$51,402 a year, median base pay (Glassdoor), Jan 2023 (secondary source) [3]",
    ]
    detail = ok("compare", "--detail")
    assert "$46,180" in detail and "$65,710" in detail and "$40,700" in detail


def test_income_headline_in_json() -> None:
    data = as_json("compare")
    for role in data["roles"]:
        headline = role["headline"]["income"]
        assert (headline["amount"], headline["date"], headline["source"]) == (
            47160,
            "2025-05",
            "bls-oews-2025",
        )
        assert role["headline"]["outlook"]["period"] == "2024-2034"
    assert data["rules"] and "newest primary national median wage" in data["rules"][0]


def test_every_short_cell_names_its_source() -> None:
    text = ok("compare", *FOUR, "--format", "markdown")
    notes = footnotes(text)
    for row in markdown_table(text)[1:]:
        for cell in row[1:]:
            if cell.startswith("unknown") or cell == "see the shared figure below":
                continue
            for line in cell.splitlines():
                marks = FOOTNOTE.findall(line)
                assert marks, (row[0], line)
                assert set(marks) <= set(notes), (row[0], line)


def test_short_cells_cite_the_sources_of_the_statements_they_sum_up() -> None:
    data = as_json("compare", *FOUR)
    for role in data["roles"]:
        for key, said in role["brief"].items():
            facts = role["aspects"][key]
            assert not said or facts, (role["id"], key, "a brief with no statements")
            for brief in said:
                assert brief["source"] in {f["source"] for f in facts}, (role["id"], key)


def test_an_aspect_with_no_facts_says_unknown() -> None:
    rows = markdown_table(ok("compare", "gym-manager", "personal-trainer", "--format", "markdown"))
    cells = {r[0]: r[1:] for r in rows[1:]}
    assert cells["Insurance"][0] == "unknown (the sources say nothing)"
    assert re.fullmatch(r"Must take out their own insurance \[\d+\]", cells["Insurance"][1])
    assert cells["Training focus"][0] == (
        "unknown: no source found says whom or what a gym manager's training is aimed at"
    )


def test_markdown_short_view_has_its_notes() -> None:
    text = ok("compare", "--format", "markdown")
    assert "All facts: --detail." in text
    # Each source as a reader can cite it: title, publisher, date, address.
    assert (
        "- [1] Fitness Instructor vs Personal Trainer – What is the difference?, "
        "publisher not named (it recommends Next Insurance), undated, no web address recorded"
    ) in text
    assert (
        "- [3] How to Become a Certified Personal Trainer: 8 Steps to Take, Coursera, "
        "undated, https://www.coursera.org/articles/certified-personal-trainer"
    ) in text


def dollars(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def entry_found(entry: dict[str, object], lines: list[str], titles: dict[str, str]) -> bool:
    """Whether a fact of the JSON payload is on a line of the detail view, with its source."""
    if entry["type"] == "statement":
        words = [str(entry["text"])]
    elif entry["type"] == "figure":
        words = [dollars(float(entry["amount"])), str(entry["measure"])]  # type: ignore[arg-type]
    else:
        words = [str(entry["period"])]
        if entry["growth_percent"] is not None:
            words.append(f"{float(entry['growth_percent']):+g}% jobs")  # type: ignore[arg-type]
    for line in lines:
        marks = FOOTNOTE.findall(line)
        if all(w in line for w in words) and marks and titles[marks[-1]] == entry["source"]:
            return True
    return False


@pytest.mark.parametrize("roles", [(), FOUR], ids=["default", "four"])
def test_detail_holds_every_fact_of_the_json(roles: tuple[str, ...], shipped: Catalog) -> None:
    text = ok("compare", *roles, "--detail", "--format", "markdown")
    by_title = {describe(s): s.id for s in shipped.sources.values()}
    titles = {n: by_title[line] for n, line in footnotes(text).items()}
    lines = [li for row in markdown_table(text)[1:] for cell in row[1:] for li in cell.splitlines()]
    data = as_json("compare", *roles)
    count = 0
    for role in data["roles"]:
        for key, entries in role["aspects"].items():
            for entry in entries:
                assert entry_found(entry, lines, titles), (role["id"], key, entry)
                count += 1
        for cert in role["credentials"]:
            assert any(shipped.certifications[cert].abbr in li for li in lines)
    assert count > 100
    # The table in detail holds the same figures, none split across lines.
    table = at_80("compare", *roles, "--detail").split()
    for entry in data["roles"][0]["aspects"]["income"]:
        if entry["type"] == "figure":
            assert dollars(entry["amount"]) in table


def test_compare_names_the_first_credentials_and_counts_the_rest(
    large: Path, shipped: Catalog
) -> None:
    result = invoke_main(
        "--data-dir", str(large), "compare", "personal-trainer", "--detail", "--format", "markdown"
    )
    assert result.exit_code == 0
    preparing = [c for c in shipped.certifications.values() if "personal-trainer" in c.roles]
    rest = len(preparing) * (COPIES + 1) - CREDENTIALS_NAMED
    assert f" and {rest:,} more (" in result.stdout
    shown = invoke_main("--data-dir", str(large), "compare", "personal-trainer", "--format", "json")
    credentials = json.loads(shown.stdout)["roles"][0]["credentials"]
    assert len(credentials) == len(preparing) * (COPIES + 1)


def test_compare_on_the_shipped_data_names_every_credential(shipped: Catalog) -> None:
    result = invoke_main("compare", "personal-trainer", "--detail", "--format", "markdown")
    assert result.exit_code == 0
    for cert in shipped.certifications.values():
        if "personal-trainer" in cert.roles:
            assert cert.abbr in result.stdout
    assert " more (" not in result.stdout
