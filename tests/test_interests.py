"""`fitcareer interests`: scoring O*NET Interest Profiler answers, matching them to the
family's occupations, and the notices every output keeps.

The items and ratings here are test fixtures (tests/interests/): placeholder activities in
O*NET Web Services' questions format, and made-up ratings in the O*NET extract's format."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, TRAINER_ANSWERS, invoke_main, one_error
from fitcareer.model_interests import AREAS, Item, Occupation
from fitcareer.queries import interests as q
from fitcareer.views.interests import NOTICE
from test_print import TIE

HERE = Path(__file__).parent / "interests"
ITEMS = HERE / "items.json"
RATINGS = json.loads((HERE / "onet-import.json").read_text())
LETTERS = "RIASEC"
FIXTURE_ITEMS = tuple(
    Item(x["index"], x["area"], x["text"]) for x in json.loads(ITEMS.read_text())["question"]
)
FAMILY = [o["code"] for o in RATINGS["occupations"]]


def occupations() -> tuple[Occupation, ...]:
    return tuple(
        Occupation(
            o["code"],
            o["title"],
            tuple(o["interests"][a]["value"] for a in LETTERS),
            o["job_zone"],
            "fixture",
            "undated",
        )
        for o in RATINGS["occupations"]
    )


def lines_for(strong: str, weak: int = 1, middle: str = "", mid: int = 3) -> str:
    """One answer a line: 5 for items of the `strong` areas, `mid` for `middle`, else `weak`."""
    out = []
    for item in FIXTURE_ITEMS:
        letter = item.area[0]
        out.append("5" if letter in strong else str(mid) if letter in middle else str(weak))
    return "\n".join(out) + "\n"


def run(folder: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return invoke_main("--data-dir", str(folder), "interests", *args, input=input)


# --- scoring ------------------------------------------------------------------------------


def test_a_hand_computed_profile() -> None:
    # R items all Strongly Like (4 points x 10), I all Like (3 x 10), A all Unsure (2 x 10),
    # S all Dislike (1 x 10), E all Strongly Dislike (0), C: five Like and five Dislike (20).
    answers: dict[int, int] = {}
    c_seen = 0
    for item in FIXTURE_ITEMS:
        letter = item.area[0]
        if letter == "C":
            answers[item.index] = 4 if c_seen < 5 else 2
            c_seen += 1
        else:
            answers[item.index] = {"R": 5, "I": 4, "A": 3, "S": 2, "E": 1}[letter]
    assert q.scores(FIXTURE_ITEMS, answers) == (40, 30, 20, 10, 0, 20)
    assert q.most(FIXTURE_ITEMS) == (40,) * 6


answer_sets = st.dictionaries(
    st.sampled_from([i.index for i in FIXTURE_ITEMS]), st.integers(1, 5), max_size=60
)


@given(answer_sets)
def test_every_score_is_within_its_range(answers: dict[int, int]) -> None:
    for score, top in zip(q.scores(FIXTURE_ITEMS, answers), q.most(FIXTURE_ITEMS), strict=True):
        assert 0 <= score <= top


@given(answer_sets, st.sampled_from(FIXTURE_ITEMS), st.integers(1, 5))
def test_one_answer_moves_only_its_own_area_by_the_difference(
    answers: dict[int, int], item: Item, new: int
) -> None:
    before = q.scores(FIXTURE_ITEMS, answers)
    old = answers.get(item.index, 3)
    after = q.scores(FIXTURE_ITEMS, {**answers, item.index: new})
    for area, b, a in zip(AREAS, before, after, strict=True):
        assert a - b == (new - old if area == item.area else 0)


@given(st.lists(st.integers(0, 40), min_size=6, max_size=6), st.integers(1, 5))
def test_matching_depends_on_the_shape_not_the_level(scores: list[int], shift: int) -> None:
    moved = [s + shift for s in scores]
    a, _ = q.match(scores, occupations())
    b, _ = q.match(moved, occupations())
    assert [m.occupation.code for m in a] == [m.occupation.code for m in b]


@pytest.mark.parametrize(
    "word,number",
    [
        ("strongly dislike", 1),
        ("D", 2),
        ("?", 3),
        ("not sure", 3),
        ("like", 4),
        ("SL", 5),
        ("5", 5),
    ],
)
def test_answers_are_values_or_words(word: str, number: int) -> None:
    assert q.value(word) == number


@pytest.mark.parametrize("bad", ["0", "6", "45", "maybe", "", True, 2.5, None])
def test_other_answers_are_none(bad: object) -> None:
    assert q.value(bad) is None


# --- matching -----------------------------------------------------------------------------


def answers_shaped_like(ratings: tuple[float, ...]) -> dict[int, int]:
    """Answers whose area scores follow the ratings' shape: each area's points spread over
    its ten items so that they add up to (rating - 1) / 6 of the most it can score."""
    answers = {}
    for n, area in enumerate(AREAS):
        points = round((ratings[n] - 1) / 6 * 40)
        mine = [i for i in FIXTURE_ITEMS if i.area == area]
        for k, item in enumerate(mine):
            share = points // 10 + (1 if k < points % 10 else 0)
            answers[item.index] = share + 1
    return answers


@pytest.mark.parametrize("code", FAMILY)
def test_every_family_occupation_is_the_top_match_of_some_answers(code: str) -> None:
    target = next(o for o in occupations() if o.code == code)
    p = q.profile(FIXTURE_ITEMS, answers_shaped_like(target.ratings), occupations())
    assert p.unclear is None
    assert p.matches[0].occupation.code == code


def test_a_flat_profile_has_no_match_and_says_what_would_decide() -> None:
    p = q.profile(FIXTURE_ITEMS, {}, occupations())
    assert p.matches == () and p.unclear is not None
    assert "Like or Dislike" in p.unclear.decide


def test_a_tie_names_both_and_the_area_that_would_decide() -> None:
    a = Occupation("00-0001.00", "First", (2, 2, 2, 6, 4, 2), 3, "t", "undated")
    b = Occupation("00-0002.00", "Second", (2, 2, 2, 6, 4, 2.6), 3, "t", "undated")
    _, unclear = q.match([0, 0, 0, 40, 20, 0], [a, b])
    assert unclear is not None
    assert "First and Second" in unclear.why
    assert "Conventional" in unclear.decide


def test_job_zone_beyond_the_one_given_is_marked() -> None:
    found, _ = q.match([10, 40, 0, 36, 5, 10], occupations(), zone=3)
    by_code = {m.occupation.code: m.ready for m in found}
    assert by_code["29-1128.00"] is False and by_code["39-9031.00"] is True


# --- the command --------------------------------------------------------------------------


def test_strong_social_and_realistic_lands_on_a_fitness_role_or_neighbour(folder: Path) -> None:
    result = run(folder, "--items", str(ITEMS), "--format", "json", input=lines_for("SR"))
    assert result.exit_code == 0, result.stderr
    top = [m["code"] for m in json.loads(result.stdout)["matches"][:3]]
    assert "39-9031.00" in top or "39-9032.00" in top or "27-2022.00" in top


def test_strong_investigative_and_social_lands_on_physiology_or_athletic_training(
    folder: Path,
) -> None:
    result = run(folder, "--items", str(ITEMS), "--format", "json", input=lines_for("IS"))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["clear"] is True
    assert doc["matches"][0]["code"] in ("29-1128.00", "29-9091.00")


def test_all_not_sure_gives_no_clear_match(folder: Path) -> None:
    result = run(folder, "--items", str(ITEMS), input="?\n" * 60)
    assert result.exit_code == 0, result.stderr
    assert "No clear match" in result.stdout
    assert "What would decide it" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "svg"])
def test_every_format_carries_the_notice(folder: Path, fmt: str) -> None:
    result = run(folder, "--items", str(ITEMS), "--format", fmt, input=lines_for("SR"))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "svg":
        text = html.unescape("".join(re.findall(r">([^<]*)</text>", text)))
    text = " ".join(text.replace("\xa0", " ").split())
    if fmt == "json":
        assert json.loads(result.stdout)["notice"] == NOTICE
    else:
        assert "Interest Profiler" in text and "trademark of USDOL/ETA" in text


def test_csv_gives_the_scores_as_numbers_and_keeps_the_notice(folder: Path) -> None:
    result = run(folder, "--scores", "R=30,I=8,A=4,S=36,E=12,C=6", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["Area", "Score low", "Score high"]
    assert {r[0]: r[1] for r in rows[1:7]} == {
        "Realistic": "30",
        "Investigative": "8",
        "Artistic": "4",
        "Social": "36",
        "Enterprising": "12",
        "Conventional": "6",
    }
    assert [NOTICE] in rows


def test_saved_answers_replay_to_the_same_result(folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "me.json"
    first = run(
        folder,
        "--items",
        str(ITEMS),
        "--save",
        str(saved),
        "--format",
        "json",
        input=lines_for("IS"),
    )
    assert first.exit_code == 0, first.stderr
    again = run(folder, "--items", str(ITEMS), "--answers", str(saved), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert json.loads(saved.read_text())["result"]["notice"] == NOTICE


def test_scores_from_elsewhere_match_too(folder: Path) -> None:
    result = run(folder, "--scores", "R=8,I=38,A=2,S=36,E=6,C=10", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["matches"][0]["code"] in ("29-1128.00", "29-9091.00")


@pytest.mark.parametrize(
    "args,says",
    [
        (["--items", "nope.json"], "no such file"),
        (["--scores", "R=1,I=2"], "no score for Artistic"),
        (["--scores", "R=1,I=2,A=3,S=4,E=5,X=6"], "'X=6' is not an area"),
        (["--scores", "R=99,I=2,A=3,S=4,E=5,C=6"], "over the most"),
        ([], "give --items FILE"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(folder: Path, args: list[str], says: str) -> None:
    assert says in one_error(run(folder, *args), 2)


def test_a_bad_answer_from_a_pipe_names_the_item(folder: Path) -> None:
    line = one_error(run(folder, "--items", str(ITEMS), input="5\n7\n"), 2)
    assert "item 2 of 60" in line


def test_an_items_file_with_other_answer_options_is_refused(folder: Path, tmp_path: Path) -> None:
    doc = json.loads(ITEMS.read_text())
    doc["answer_options"]["answer_option"][2]["name"] = "Neutral"
    bad = tmp_path / "items.json"
    bad.write_text(json.dumps(doc))
    assert "not O*NET's five" in one_error(run(folder, "--items", str(bad)), 2)


def test_an_extract_without_interest_ratings_still_shows_the_scores_and_says_why(
    tmp_path: Path,
) -> None:
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    extract = json.loads((target / "onet.json").read_text())
    for o in extract["occupations"]:
        o.pop("interests", None)
        o["cites"].pop("interests", None)
    (target / "onet.json").write_text(json.dumps(extract))
    result = run(target, "--scores", "R=8,I=30,A=2,S=36,E=6,C=10")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Social 36 of 40" in text
    assert "No clear match: no occupation in the O*NET extract in use has interest ratings" in text
    assert "fitcareer onet import DIR" in text and "trademark of USDOL/ETA" in text


# --- the shipped ratings ------------------------------------------------------------------


def _top(scores: str) -> list[str]:
    """The matches `fitcareer interests --scores` ranks on the shipped data, best first."""
    result = invoke_main("interests", "--scores", scores, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [m["title"] for m in json.loads(result.stdout)["matches"]]


def test_social_and_realistic_interests_land_on_a_fitness_role_or_a_neighbour() -> None:
    top = _top("R=30,I=8,A=5,S=36,E=12,C=6")[:3]
    assert top[0] == "Exercise Trainers and Group Fitness Instructors"
    assert "Athletic Trainers" in top


def test_investigative_and_social_interests_with_some_realistic_land_on_the_sport_sciences() -> (
    None
):
    top = _top("R=24,I=36,A=4,S=34,E=6,C=12")[:2]
    assert set(top) == {"Athletic Trainers", "Exercise Physiologists"}


def test_investigative_and_social_interests_alone_land_on_dietetics_first() -> None:
    assert _top("R=10,I=34,A=5,S=32,E=8,C=10")[0] == "Dietitians and Nutritionists"


def test_every_occupation_with_shipped_ratings_is_the_top_match_of_its_own_profile() -> None:
    extract = json.loads((SHIPPED / "onet.json").read_text())
    rated = [o for o in extract["occupations"] if o.get("interests")]
    assert len(rated) >= 9
    for o in rated:
        scores = ",".join(f"{a}={round(o['interests'][a]['value'] * 5)}" for a in LETTERS)
        assert _top(scores)[0] == o["title"], scores


def test_the_shipped_ratings_name_their_source_and_that_it_is_secondary() -> None:
    result = invoke_main("interests", "--scores", "R=30,I=8,A=5,S=36,E=12,C=6")
    text = " ".join(result.stdout.split())
    assert "Interests.txt" in text and "(secondary), 2026-02" in text


# --- the report ---------------------------------------------------------------------------


def _report(folder: Path, tmp_path: Path, strong: str, fmt: str) -> str:
    saved = tmp_path / f"interests-{strong}.json"
    taken = run(folder, "--items", str(ITEMS), "--save", str(saved), input=lines_for(strong))
    assert taken.exit_code == 0, taken.stderr
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TRAINER_ANSWERS))
    args = ["--answers", str(answers), "--interests", str(saved), "--format", fmt]
    result = invoke_main("--data-dir", str(folder), "report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_shows_both_results_before_the_roles(
    folder: Path, tmp_path: Path, fmt: str
) -> None:
    text = _report(folder, tmp_path, "SR", fmt)
    fits, interests, roles = (
        text.index("What fits"),
        text.index("Interests (O*NET® Interest Profiler)"),
        text.index("The roles at a glance"),
    )
    assert fits < interests < roles
    assert "They agree: the fit quiz's best fit, Personal trainer" in text
    assert "Next step for Personal trainer" in text
    assert "trademark of USDOL/ETA" in text


def test_the_report_says_where_they_differ(folder: Path, tmp_path: Path) -> None:
    doc = json.loads(_report(folder, tmp_path, "IC", "json"))
    assert doc["interests"]["agreement"].startswith(
        "They differ: the fit quiz's best fit is Personal trainer"
    )
    assert doc["interests"]["notice"] == NOTICE


def test_a_report_refuses_a_file_that_is_no_saved_profile(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps(TRAINER_ANSWERS))
    result = invoke_main("--data-dir", str(folder), "report", "--interests", str(other))
    assert "not a file written by fitcareer interests --save" in one_error(result, 2)


def test_the_interest_code_leaves_out_areas_at_the_lowest_score() -> None:
    p = q.from_scores([40, 0, 0, 40, 0, 0], 40, occupations())
    assert p.code == "RS"
    p = q.from_scores([30, 10, 0, 40, 20, 0], 40, occupations())
    assert p.code == "SRE"


@given(st.lists(st.integers(0, 40), min_size=6, max_size=6), st.permutations(range(6)))
def test_scores_parse_back_in_any_order(scores: list[int], order: list[int]) -> None:
    from fitcareer.cli.interests import parse_scores

    text = ",".join(f"{LETTERS[i]}={scores[i]}" for i in order)
    assert parse_scores(text, 40) == tuple(scores)
    assert parse_scores(" ".join(map(str, scores)), 40) == tuple(scores)


def test_the_report_summary_names_the_interests_and_the_trademark(
    folder: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "i.json"
    assert (
        run(folder, "--items", str(ITEMS), "--save", str(saved), input=lines_for("SR")).exit_code
        == 0
    )
    page = tmp_path / "page.md"
    result = invoke_main(
        "--data-dir", str(folder), "report", "--interests", str(saved), "-o", str(page)
    )
    assert result.exit_code == 0, result.stderr
    assert "Interests (O*NET® Interest Profiler): code" in result.stdout
    assert "O*NET® is a trademark of USDOL/ETA" in result.stdout
    assert "trademark of USDOL/ETA" in page.read_text()


def test_o_nets_answer_string_answers_every_item_in_index_order(
    folder: Path, tmp_path: Path
) -> None:
    typed = run(folder, "--items", str(ITEMS), "--format", "json", input=lines_for("IS"))
    string = tmp_path / "answers.txt"
    string.write_text("".join(lines_for("IS").split()) + "\n")
    again = run(folder, "--items", str(ITEMS), "--answers", str(string), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(typed.stdout)
    string.write_text("5" * 59)
    assert "one digit 1-5 for each of the 60 items" in one_error(
        run(folder, "--items", str(ITEMS), "--answers", str(string)), 2
    )


def test_the_chart_is_plain_characters_any_terminal_shows(folder: Path) -> None:
    result = run(folder, "--items", str(ITEMS), input=lines_for("SR"))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Social 40 of 40 ########################" in text
    assert "Artistic 0 of 40 ........................" in text


def test_a_zone_names_the_best_match_within_it(folder: Path) -> None:
    result = run(folder, "--scores", "R=0,I=40,A=0,S=40,E=0,C=0", "--zone", "4")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Job Zone 5 (more than your --zone)" in text
    assert "Best within your Job Zone: Recreational Therapists, r" in text


# --- files a person gives are untrusted (docs/hardening.md) -------------------------------


def _items_with(tmp_path: Path, change: dict[str, object]) -> Path:
    doc = json.loads(ITEMS.read_text())
    doc["question"][0].update(change)
    path = tmp_path / "items.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[" * 200_000, "nested too deeply"),
        (b"\xe9t\xe9", "not UTF-8"),
        (b'{"question": ', "not JSON"),
        (b'{"question": "lift"}', "expected O*NET's questions"),
        (b" " * (1024 * 1024 + 1), "larger than 1 MiB"),
    ],
    ids=["deep", "latin-1", "cut", "no-list", "huge"],
)
@pytest.mark.parametrize("option", ["--items", "--answers"])
def test_a_hostile_file_is_one_line_and_exit_2(
    folder: Path, tmp_path: Path, option: str, content: bytes, says: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    items = bad if option == "--items" else ITEMS
    args = ["--items", str(items)] + (["--answers", str(bad)] if option == "--answers" else [])
    if option == "--answers" and says == "expected O*NET's questions":
        says = "is no question index"
    assert says in one_error(run(folder, *args), 2)


def test_a_directory_is_refused(folder: Path, tmp_path: Path) -> None:
    assert "is a directory" in one_error(run(folder, "--items", str(tmp_path)), 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_nobody_writes_is_read_as_empty_not_waited_for(folder: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    args = ["--items", str(ITEMS), "--answers", str(fifo)]
    r = subprocess.run(
        [sys.executable, "-m", "fitcareer", "--data-dir", str(folder), "interests", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "not JSON" in r.stderr and r.stdout == ""


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"index": 0}, "index must be a whole number"),
        ({"index": True}, "index must be a whole number"),
        ({"area": "\x1b[31mSocial"}, "is none of Realistic"),
        ({"text": "x" * 201}, "1 to 200 characters"),
        ({"index": 2}, "index 2 is given twice"),
    ],
)
def test_a_bad_item_names_it(
    folder: Path, tmp_path: Path, change: dict[str, object], says: str
) -> None:
    line = one_error(run(folder, "--items", str(_items_with(tmp_path, change))), 2)
    assert says in line
    assert "\x1b" not in line


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({"999": 5}, "'999' is no question index"),
        ({"1": 6}, "question 1: '6' is not 1-5"),
        ({"1": "\x1b[2J"}, "'\\x1b[2J' is not 1-5"),
        ("1234", "one digit 1-5 for each of the 60 items"),
        ({"instrument": "career", "answers": {}}, "not a file written by fitcareer interests"),
    ],
)
def test_bad_answers_name_the_file_and_the_answer(
    folder: Path, tmp_path: Path, answers: object, says: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    line = one_error(run(folder, "--items", str(ITEMS), "--answers", str(path)), 2)
    assert says in line and str(path) in line
    assert "\x1b" not in line


def test_a_saved_profile_with_scores_out_of_range_is_refused(folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "me.json"
    assert run(folder, "--items", str(ITEMS), "--save", str(saved), input="5\n" * 60).exit_code == 0
    doc = json.loads(saved.read_text())
    doc["result"]["scores"]["Social"] = 41
    saved.write_text(json.dumps(doc))
    r = invoke_main("--data-dir", str(folder), "report", "--interests", str(saved))
    assert "out of range" in one_error(r, 2)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="headless Chromium and pdftotext (poppler-utils) are not installed",
)
@pytest.mark.parametrize("fit", ["clear", "tie"])
def test_the_printed_report_shows_the_chart_and_matches_on_its_first_page(
    folder: Path, tmp_path: Path, fit: str
) -> None:
    saved = tmp_path / "interests.json"
    assert (
        run(folder, "--items", str(ITEMS), "--save", str(saved), input=lines_for("IS")).exit_code
        == 0
    )
    quiz = tmp_path / "quiz.json"
    given = TRAINER_ANSWERS if fit == "clear" else TIE
    quiz.write_text(json.dumps(given), encoding="utf-8")
    page = tmp_path / "me.html"
    args = ["--answers", str(quiz), "--interests", str(saved), "--date", "2026-12-07"]
    made = invoke_main("--data-dir", str(folder), "report", *args, "-o", str(page))
    assert made.exit_code == 0, made.stderr
    pdf = tmp_path / "me.pdf"
    browser = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    subprocess.run(
        [
            *browser,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    first = " ".join(pages[0].split())
    assert "Best matches: Exercise Physiologists (r 0." in first
    assert re.search(r"Score 0 \.+ 40 #+ 0 \.+ 40 #+", first)
    assert "trademark of USDOL/ETA" in first
    assert len([p for p in pages if p.strip()]) <= 3
