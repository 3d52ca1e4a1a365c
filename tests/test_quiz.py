"""`fitcareer quiz` through the real entry point, in-process (stdout, stderr and exit codes apart)."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke_main, ok, one_error, run
from fitcareer import data as loading
from fitcareer.data import articles
from fitcareer.model import Catalog

DATA = loading.check()
"""The shipped data, read without the cache (so importing this module writes nothing)."""
CAREER = DATA.questionnaires["career"]
HIRE = DATA.questionnaires["hire"]

TRAINER: dict[str, str | list[str]] = {
    "people": "individuals",
    "music": "not",
    "classes": "plans",
    "progress": "detail",
    "clients": "long",
    "focus": ["nutrition", "rehab"],
    "science": "deep",
    "budget": "medium",
    "employment": "freedom",
    "finding": "ready",
    "income": "most",
    "strengths": "empathy",
    "manage": "never",
    "education": "none",
}
"""Career answers that lean to personal training, from someone with no degree."""

TIED: dict[str, str | list[str]] = {
    **TRAINER,
    "people": "both",
    "classes": "classes",
    "focus": ["general"],
    "science": "basic",
    "budget": "unsure",
    "finding": "members",
    "strengths": "unsure",
}
"""Career answers that give fitness instructor and personal trainer 9 points each."""


def yaml_text(answers: dict[str, Any]) -> str:
    return "".join(f"{k}: {json.dumps(v)}\n" for k, v in answers.items())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def as_json(stdout: str) -> Any:
    return json.loads(stdout)


def lines(answers: dict[str, str | list[str]]) -> str:
    def typed(v: str | list[str]) -> str:
        return v if isinstance(v, str) else ", ".join(v)

    return "".join(f"{typed(answers[q.id])}\n" for q in CAREER.questions)


# --- --questions -------------------------------------------------------------------------


def test_questions_json_is_exactly_the_questionnaire_and_its_weights() -> None:
    r = invoke_main("quiz", "--questions", "--format", "json")
    assert r.exit_code == 0, r.stderr
    payload = as_json(r.stdout)
    assert [q["id"] for q in payload] == [q.id for q in CAREER.questions]
    for item, q in zip(payload, CAREER.questions, strict=True):
        assert set(item) == {"id", "text", "several", "choices"}
        assert (item["text"], item["several"]) == (q.text, q.several)
        for shown, c in zip(item["choices"], q.choices, strict=True):
            assert set(shown) == {
                "key",
                "label",
                "weights",
                "neutral",
                "inference",
                "quote",
                "source",
            }
            assert (shown["key"], shown["label"], shown["weights"]) == (c.key, c.label, c.weights)
            assert (shown["quote"], shown["inference"]) == (c.quote, c.inference)


def test_questions_table_shows_questions_answers_and_points() -> None:
    r = invoke_main("quiz", "--questions")
    assert r.exit_code == 0
    assert "Whom would you rather spend your working day with?" in r.stdout
    assert "+2 Personal trainer" in r.stdout
    assert "? unsure: Not sure yet" in r.stdout
    assert "at least 25% of it" in r.stdout


def test_hire_questions_are_the_shorter_questionnaire() -> None:
    payload = as_json(invoke_main("quiz", "--hire", "--questions", "-f", "json").stdout)
    assert [q["id"] for q in payload] == [q.id for q in HIRE.questions]


def test_questions_cannot_be_combined_with_answers(tmp_path: Path) -> None:
    r = invoke_main(
        "quiz", "--questions", "--answers", str(write(tmp_path, "a.yaml", yaml_text(TRAINER)))
    )
    assert r.exit_code == 2
    assert "--questions" in r.stderr and r.stdout == ""


# --- --answers -----------------------------------------------------------------------------


def test_answers_from_yaml_give_a_ranked_explained_result(tmp_path: Path) -> None:
    r = invoke_main("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(TRAINER))))
    assert r.exit_code == 0, r.stderr
    assert "Best fit: Personal trainer" in r.stdout
    assert "1. Personal trainer" in r.stdout and "####################" in r.stdout
    assert "You want to build long-term client relationships -> Personal trainer" in r.stdout
    assert "Step 1 of 8: Choose a certification program" in r.stdout
    assert "What is the difference between fitness instructor and personal trainer" in r.stdout
    assert r.stderr == ""


def test_answers_from_json_and_yaml_give_the_same_result(tmp_path: Path) -> None:
    from_yaml = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(TRAINER))), "-f", "json"
    )
    from_json = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.json", json.dumps(TRAINER))), "-f", "json"
    )
    assert from_yaml.exit_code == from_json.exit_code == 0
    assert as_json(from_yaml.stdout) == as_json(from_json.stdout)


def test_result_json_has_the_documented_shape(tmp_path: Path) -> None:
    r = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.json", json.dumps(TRAINER))), "-f", "json"
    )
    result = as_json(r.stdout)
    assert {"ranking", "reasons", "unclear", "next_steps"} <= set(result)
    assert result["ranking"][0]["role"] == "personal-trainer"
    scored = sorted(x["role"] for x in result["ranking"])
    assert scored == [
        "fitness-instructor",
        "group-fitness-instructor",
        "gym-manager",
        "personal-trainer",
    ]
    assert sorted(scored + result["not_scored"]) == sorted(DATA.roles)
    assert all(set(x) == {"role", "name", "score", "ceiling"} for x in result["ranking"])
    assert {x["ceiling"] for x in result["ranking"]} == {20}
    scores = [x["score"] for x in result["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert result["unclear"] is None
    assert result["next_steps"]["budget"] == 700
    assert result["next_steps"]["first_step"]["n"] == 1


def test_certifications_with_unknown_prices_are_reported_not_dropped(tmp_path: Path) -> None:
    r = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.json", json.dumps(TRAINER))), "-f", "json"
    )
    certs = as_json(r.stdout)["next_steps"]["certifications"]
    trainer = DATA.roles["personal-trainer"]
    expected = {
        c.id for c in DATA.certifications.values() if trainer.id in c.roles and not c.withdrawn
    }
    assert {c["id"] for c in certs} == expected
    assert "ptaglobal-cpt" not in expected, "no longer offered to new candidates"
    by_verdict = {c["budget"] for c in certs}
    assert by_verdict == {"within", "over", "unknown"}
    for c in certs:
        price = c["lowest_price"]
        assert c["budget"] == ("unknown" if price is None else "within" if price <= 700 else "over")
    assert certs[0]["matches"], "an interest match (nutrition) comes first"


def test_tied_scores_say_no_clear_fit_and_show_the_do_both_path(tmp_path: Path) -> None:
    path = write(tmp_path, "tied.yaml", yaml_text(TIED))
    table = invoke_main("quiz", "--answers", str(path))
    result = as_json(invoke_main("quiz", "--answers", str(path), "-f", "json").stdout)
    assert result["unclear"]["roles"] == ["fitness-instructor", "personal-trainer"]
    assert (result["unclear"]["gap"], result["unclear"]["needed"]) == (0, 5)
    assert result["unclear"]["would_decide"] == ["strengths"]
    assert any("do both" in s["text"] for s in result["unclear"]["statements"])
    assert "Which fitness career fits you? No clear fit yet" in table.stdout
    assert "tied at 9 points" in table.stdout


def test_answers_may_be_choice_numbers(tmp_path: Path) -> None:
    def number(q_id: str, key: str) -> int:
        q = CAREER.questions[[x.id for x in CAREER.questions].index(q_id)]
        return next(i for i, c in enumerate(q.choices, 1) if c.key == key)

    numbers = {
        k: number(k, v) if isinstance(v, str) else [number(k, x) for x in v]
        for k, v in TRAINER.items()
    }
    by_number = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "n.yaml", yaml_text(numbers))), "-f", "json"
    )
    by_key = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "k.yaml", yaml_text(TRAINER))), "-f", "json"
    )
    assert as_json(by_number.stdout) == as_json(by_key.stdout)


def test_unknown_questions_and_answers_exit_2_naming_them(tmp_path: Path) -> None:
    bad = {**TRAINER, "music": "loud", "colour": "blue"}
    r = invoke_main("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(bad))))
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "unknown question 'colour'" in r.stderr
    assert "'loud' for 'music'" in r.stderr and "love, not" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_answers_exit_2_listing_them(tmp_path: Path) -> None:
    partial = {k: v for k, v in TRAINER.items() if k not in ("income", "manage")}
    r = invoke_main("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(partial))))
    assert r.exit_code == 2
    assert r.stderr.startswith("fitcareer: missing answers for income, manage")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- people\n- music\n", "expected a mapping of question ID to answer key, found list"),
        ("people: [groups\n", "a.yaml:2:1: "),
        ("", "file is empty"),
    ],
)
def test_unreadable_answers_files_exit_2_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, "a.yaml", text)
    r = invoke_main("quiz", "--answers", str(path))
    assert r.exit_code == 2
    assert str(path) in r.stderr and message in r.stderr


def test_a_missing_answers_file_exits_2(tmp_path: Path) -> None:
    r = invoke_main("quiz", "--answers", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 2
    assert "nope.yaml': no such file" in r.stderr


def test_answers_can_come_from_standard_input() -> None:
    r = invoke_main("quiz", "--answers", "-", "-f", "json", input=json.dumps(TRAINER))
    assert r.exit_code == 0, r.stderr
    assert as_json(r.stdout)["ranking"][0]["role"] == "personal-trainer"


# --- --save ------------------------------------------------------------------------------


def test_save_then_replay_gives_the_same_result(tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    first = invoke_main(
        "quiz",
        "--answers",
        str(write(tmp_path, "a.yaml", yaml_text(TRAINER))),
        "--save",
        str(saved),
        "-f",
        "json",
    )
    assert first.exit_code == 0, first.stderr
    assert f"saved {saved}" in first.stderr
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["answers"] == TRAINER
    assert document["result"] == as_json(first.stdout)
    replay = invoke_main("quiz", "--answers", str(saved), "-f", "json")
    assert replay.exit_code == 0, replay.stderr
    assert as_json(replay.stdout) == as_json(first.stdout)


def test_save_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    saved = write(tmp_path, "result.json", "old\n")
    r = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(TIED))), "--save", str(saved)
    )
    assert r.exit_code == 0
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"] == TIED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "result.json"]


def test_a_saved_hiring_result_is_not_replayed_as_a_career_quiz(tmp_path: Path) -> None:
    saved = tmp_path / "hire.json"
    answers = {q.id: q.choices[0].key for q in HIRE.questions}
    invoke_main(
        "quiz",
        "--hire",
        "--answers",
        str(write(tmp_path, "h.yaml", yaml_text(answers))),
        "--save",
        str(saved),
    )
    r = invoke_main("quiz", "--answers", str(saved))
    assert r.exit_code == 2
    assert "'hire' questionnaire (add --hire)" in r.stderr
    assert invoke_main("quiz", "--hire", "--answers", str(saved)).exit_code == 0


def test_a_failed_save_prints_the_result_keeps_the_old_file_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write(tmp_path, "a.yaml", yaml_text(TRAINER))
    saved = write(tmp_path, "result.json", '{"precious": true}\n')
    before = saved.read_bytes()

    def refuse(src: object, dst: object, **where: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    r = invoke_main("quiz", "--answers", str(answers), "--save", str(saved), "-f", "json")
    assert r.exit_code == 1
    assert as_json(r.stdout)["ranking"][0]["role"] == "personal-trainer"
    assert r.stderr.strip().splitlines() == [
        f"fitcareer: could not save to {saved}: Permission denied "
        f"(the result is printed above; {saved} was not changed)"
    ]
    assert saved.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "result.json"]


def test_saving_into_a_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "result.json"
    r = invoke_main(
        "quiz",
        "--answers",
        str(write(tmp_path, "a.yaml", yaml_text(TRAINER))),
        "--save",
        str(target),
    )
    assert r.exit_code == 1
    assert "Best fit: Personal trainer" in r.stdout
    assert f"could not save to {target}: {os.strerror(errno.ENOENT)}" in r.stderr
    assert not target.parent.exists()


# --- --hire ------------------------------------------------------------------------------


def test_hire_ranks_group_classes_against_a_personal_trainer(tmp_path: Path) -> None:
    answers = {
        "goal": "general",
        "setting": "class",
        "plan": "follow",
        "attention": "brief",
        "motivation": "energy",
        "cost": "less",
        "health": "none",
    }
    path = write(tmp_path, "h.yaml", yaml_text(answers))
    result = as_json(invoke_main("quiz", "--hire", "--answers", str(path), "-f", "json").stdout)
    assert result["questionnaire"] == "hire"
    assert [x["role"] for x in result["ranking"]] == ["fitness-instructor", "personal-trainer"]
    assert result["ranking"][1]["score"] == 0
    assert result["next_steps"]["first_step"] is None
    table = invoke_main("quiz", "--hire", "--answers", str(path))
    assert "Look for" in table.stdout and "NCCA-accredited" in table.stdout


# --- answers on standard input -------------------------------------------------------------


def test_piped_answers_give_the_same_result_as_an_answers_file(tmp_path: Path) -> None:
    piped = invoke_main("quiz", "-f", "json", input=lines(TRAINER))
    from_file = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(TRAINER))), "-f", "json"
    )
    assert piped.exit_code == 0, piped.stderr
    assert as_json(piped.stdout) == as_json(from_file.stdout)
    assert piped.stderr == ""


def test_piped_numbers_work_and_b_goes_back() -> None:
    # 1 (groups), back, 2 (individuals), then the first choice everywhere else.
    rest = "1\n" * (len(CAREER.questions) - 1)
    r = invoke_main("quiz", "-f", "json", input="1\nb\n2\n" + rest)
    assert r.exit_code == 0, r.stderr
    reasons = as_json(r.stdout)["reasons"]
    assert reasons[0]["question"] == "people" and reasons[0]["answer"] == "individuals"


def test_an_invalid_piped_answer_exits_2_naming_the_question() -> None:
    r = invoke_main("quiz", input="1\n1\nmaybe\n1\n")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(
        "fitcareer: question 3 of 14 (classes): 'maybe' is not an answer here (answer 1-3 or classes, plans, variety)"
    )


def test_end_of_input_mid_quiz_cancels_with_exit_1() -> None:
    r = invoke_main("quiz", input="1\n2\n1\n")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.strip() == (
        "fitcareer: quiz cancelled at question 4 of 14 (use --answers FILE to answer from a file)"
    )


def test_no_input_at_all_cancels_at_the_first_question() -> None:
    r = invoke_main("quiz", "--hire", input="")
    assert r.exit_code == 1
    assert "quiz cancelled at question 1 of 7" in r.stderr


def test_q_quits_without_a_result_or_a_file(tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    r = invoke_main("quiz", "--save", str(saved), input="1\nq\n")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "quiz stopped at question 2 of 14; nothing was saved" in r.stderr
    assert not saved.exists()


def test_piped_quiz_asks_nothing_on_stdout_with_json() -> None:
    r = invoke_main("quiz", "--hire", "-f", "json", input="2\n2\n1\n1\n2\n2\n3\n")
    assert r.exit_code == 0
    assert as_json(r.stdout)["ranking"][0]["role"] == "personal-trainer"


def test_help_lists_the_options_and_examples() -> None:
    r = invoke_main("quiz", "--help")
    assert r.exit_code == 0
    for word in ("--hire", "--questions", "--answers", "--save", "--format", "Examples"):
        assert word in r.stdout


# --- at a glance ---------------------------------------------------------------------------


def _first_screen(*args: str) -> str:
    """The first 24 lines at 80 columns, cell borders and wrapping taken out."""
    r = invoke_main("quiz", *args, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.stderr
    screen = r.stdout.splitlines()[:24]
    cells = [part.strip() for line in screen for part in line.split("\u2502")]
    return " ".join(c for c in cells if c)


def test_the_verdict_the_answers_that_decided_it_and_the_next_step_fit_one_screen(
    tmp_path: Path,
) -> None:
    screen = _first_screen("--answers", str(write(tmp_path, "a.yaml", yaml_text(TRAINER))))
    assert "Best fit: Personal trainer" in screen
    assert (
        "Verdict Personal trainer: 20 points of 20, 20 more than Fitness instructor (0)." in screen
    )
    assert (
        "Decided by - You want to give one client, or a small group, your full attention"
        " -> Personal trainer [1]"
    ) in screen
    assert (
        "- You want to design a customised plan for each client -> Personal trainer [2]" in screen
    )
    assert "Next step Certificate needed? The vast majority of employers require it." in screen
    assert "Step 1 of 8: Choose a certification program; within your budget: NFPT-CPT" in screen
    assert "Compare them: fitcareer certs --role personal-trainer" in screen


def test_an_unclear_result_says_so_and_what_would_decide_it_on_the_first_screen(
    tmp_path: Path,
) -> None:
    screen = _first_screen("--answers", str(write(tmp_path, "t.yaml", yaml_text(TIED))))
    assert "No clear fit yet" in screen
    assert (
        "Verdict No clear fit yet: Fitness instructor and Personal trainer are tied at 9 points"
        " (a clear fit leads by at least 5)."
    ) in screen
    assert "Pulled apart (some for Fitness instructor, some for Personal trainer):" in screen
    assert "Would decide it: questions 12 strengths, now not sure or for another role" in screen


def test_the_hiring_verdict_and_what_to_ask_for_fit_one_screen(tmp_path: Path) -> None:
    answers = "goal: specific\nsetting: private\nplan: bespoke\nattention: brief\nmotivation: accountability\ncost: more\nhealth: none\n"
    screen = _first_screen("--hire", "--answers", str(write(tmp_path, "h.yaml", answers)))
    assert "Best fit: Personal trainer" in screen
    assert (
        "Verdict Personal trainer: 10 points of 12, 8 more than Fitness instructor (2)." in screen
    )
    assert (
        "- You want a bespoke diet plan and routines for your solo days -> Personal trainer [2]"
    ) in screen
    assert "Next step Ask for an NCCA-accredited credential (NFPT-CPT," in screen


def test_a_hire_result_says_how_to_check_a_trainer_and_what_sessions_cost(
    tmp_path: Path,
) -> None:
    questions = json.loads(ok("quiz", "--hire", "--questions", "--format", "json"))
    answers = tmp_path / "hire.json"
    answers.write_text(json.dumps({q["id"]: q["choices"][1]["key"] for q in questions}))
    result = json.loads(ok("quiz", "--hire", "--answers", str(answers), "--format", "json"))
    shown = " ".join(
        ok("quiz", "--hire", "--answers", str(answers), "--format", "markdown").split()
    )
    assert "Before you hire" in shown
    assert "ask to see a copy" in shown
    assert "US Registry of Exercise Professionals" in shown
    assert "$29 to $500 an hour, around $55 on average. (a third-party estimate" in shown
    cited = {s["id"] for s in result["sources"]}
    assert {"ace-choose-trainer", "seed-003", "altmd-pt-cost"} <= cited


def test_hiring_advice_says_only_what_its_sources_say(shipped: Catalog) -> None:
    hire = shipped.questionnaires["hire"]
    said_by_answers = [s for q in hire.questions for c in q.choices for s in c.advice]
    for s in [*hire.advice, *(s for g in hire.guides for s in g.statements), *said_by_answers]:
        source = shipped.sources[s.source]
        said = " ".join(source.quotes)
        if source.file:
            said += articles.article(source.file) or ""
        for figure in re.findall(r"\$\d+", s.text):
            assert figure in said, (s.text, figure)
        assert "NCCA" not in s.text or "NCCA" in said or "NCAA" in said


@pytest.mark.parametrize("typed", ["²", "①", "٣", "9" * 500])
def test_a_piped_answer_that_is_no_ascii_number_is_a_usage_error(typed: str) -> None:
    line = one_error(invoke_main("quiz", "--hire", input=f"{typed}\n"), 2)
    assert "not an answer here" in line


def test_the_command_itself_survives_a_superscript_answer() -> None:
    result = run("quiz", "--hire", input="²\n")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_answers_file_with_a_circled_digit_is_a_usage_error(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"goal": "①"}), encoding="utf-8")
    line = one_error(invoke_main("quiz", "--hire", "--answers", str(answers)), 2)
    assert "①" in line


def test_quiz_from_dev_zero_ends_with_one_line() -> None:
    with open("/dev/zero", "rb") as zero:
        result = run("quiz", "--hire", stdin=zero, timeout=20)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "1,000 characters" in lines[0]


def test_a_long_piped_line_is_refused() -> None:
    line = one_error(invoke_main("quiz", "--hire", input="1" * 5000 + "\n"), 2)
    assert "1,000 characters" in line


def test_an_answers_file_with_a_long_digit_string_is_a_usage_error(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"goal": "9" * 5000}), encoding="utf-8")
    line = one_error(invoke_main("quiz", "--hire", "--answers", str(answers)), 2)
    assert len(line) < 400


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", ["quiz", "report"])
def test_an_answers_fifo_nobody_writes_is_refused_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "answers"
    os.mkfifo(fifo)
    r = run(command, "--answers", str(fifo), timeout=10)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith(f"fitcareer: {fifo}: file is empty")


# --- next steps that are the person's --------------------------------------------------------

INSTRUCTOR: dict[str, str | list[str]] = {
    "people": "groups",
    "music": "love",
    "classes": "classes",
    "progress": "everyone",
    "clients": "brief",
    "focus": ["routines", "general", "group"],
    "science": "basic",
    "budget": "some",
    "employment": "security",
    "finding": "members",
    "income": "steady",
    "strengths": "watching",
    "manage": "never",
    "education": "none",
}
"""Career answers of a 19-year-old with about $400 and no degree who loves leading classes."""


def _flat(stdout: str) -> str:
    cells = [part.strip() for line in stdout.splitlines() for part in line.split("\u2502")]
    return " ".join(c for c in cells if c)


def test_a_budget_of_400_dollars_is_an_answer(tmp_path: Path) -> None:
    questions = as_json(ok("quiz", "--questions", "--format", "json"))
    budget = next(q for q in questions if q["id"] == "budget")
    assert "Up to $400" in [c["label"] for c in budget["choices"]]
    r = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(INSTRUCTOR))), "-f", "json"
    )
    assert r.exit_code == 0, r.stderr
    assert as_json(r.stdout)["next_steps"]["budget"] == 400
    by_number = {**INSTRUCTOR, "budget": "3"}
    text = _flat(ok("quiz", "--answers", str(write(tmp_path, "c.yaml", yaml_text(by_number)))))
    assert "budget up to $400." in text


def test_several_interests_are_all_shown_as_picked(tmp_path: Path) -> None:
    text = _flat(ok("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(INSTRUCTOR)))))
    assert "Interests: routines, group, general." in text
    picked = {**TRAINER, "focus": "rehab nutrition performance"}
    text = _flat(ok("quiz", "--answers", str(write(tmp_path, "b.yaml", yaml_text(picked)))))
    assert "Interests: nutrition, rehab, performance." in text


def test_no_certificate_needed_for_most_instructor_roles_so_the_next_step_is_not_a_program(
    tmp_path: Path,
) -> None:
    out = ok("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(INSTRUCTOR))))
    text = _flat(out)
    step = text[text.index("Next step") : text.index("Ranking")]
    assert "Certificate needed? Not required for most gym instructor roles." in step
    assert "ask the gyms you would apply to what they require" in step
    assert "Step 1" not in step
    assert text.count("Step 1 of 8: Choose a certification program") == 1
    trainer = _flat(ok("quiz", "--answers", str(write(tmp_path, "b.yaml", yaml_text(TRAINER)))))
    assert trainer.count("Step 1 of 8: Choose a certification program") == 1


def test_the_deciding_answers_are_not_repeated_below(tmp_path: Path) -> None:
    text = _flat(ok("quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(INSTRUCTOR)))))
    assert "Every answer" not in text
    assert text.count("You love working with energetic groups") == 1
    assert text.count("You like brief contact with many people") == 1


def test_fitness_and_group_fitness_instructors_are_told_apart_from_the_sources(
    tmp_path: Path,
) -> None:
    r = invoke_main(
        "quiz", "--answers", str(write(tmp_path, "a.yaml", yaml_text(INSTRUCTOR))), "-f", "json"
    )
    said = as_json(r.stdout)["told_apart"]
    assert "a gym, studio or health club, focusing on general fitness [" in said
    assert "a group fitness instructor applies a passion for exercise and knowledge of" in said
    text = _flat(ok("quiz", "--answers", str(write(tmp_path, "b.yaml", yaml_text(TRAINER)))))
    assert "Told apart A fitness instructor works with groups of people" in text


@pytest.mark.parametrize("budget", ["low", "some", "modest", "high", "full", "unsure"])
def test_no_degree_never_sees_cscs_offered_without_its_requirement(
    tmp_path: Path, budget: str
) -> None:
    answers = {**TRAINER, "budget": budget, "focus": ["performance"], "education": "none"}
    path = write(tmp_path, "a.yaml", yaml_text(answers))
    whole = _flat(ok("quiz", "--answers", str(path)))
    text = whole[: whole.index("\u2570")]
    named = text.count("CSCS")
    assert named >= 1
    beside = re.findall(r"CSCS[^;]*?\(needs: Bachelor's degree", text)
    assert len(beside) == named, text
    found = as_json(ok("quiz", "--answers", str(path), "-f", "json"))
    cscs = next(c for c in found["next_steps"]["certifications"] if c["abbr"] == "CSCS")
    assert cscs["needs"][0]["degree"].startswith("Bachelor's degree")
    step = text[text.index("Next step") : text.index("Ranking")]
    assert "CSCS" not in step
    with_degree = write(tmp_path, "b.yaml", yaml_text({**answers, "education": "degree"}))
    assert "(needs:" not in _flat(ok("quiz", "--answers", str(with_degree)))


def test_answers_saved_before_the_education_question_still_work(tmp_path: Path) -> None:
    """A question that gives no role points is taken as not sure when a file lacks it;
    one that gives points is still asked for."""
    questions = json.loads(invoke_main("quiz", "--questions", "--format", "json").stdout)
    answers = {q["id"]: q["choices"][0]["key"] for q in questions if q["id"] != "education"}
    old = tmp_path / "old.json"
    old.write_text(json.dumps(answers), encoding="utf-8")
    result = invoke_main("quiz", "--answers", str(old), "--format", "json")
    assert result.exit_code == 0, result.stderr
    del answers["people"]
    old.write_text(json.dumps(answers), encoding="utf-8")
    missing = invoke_main("quiz", "--answers", str(old))
    assert missing.exit_code == 2
    assert "missing answers for people" in missing.stderr


# --- hiring safely ---------------------------------------------------------------------------

HIRE_CLASSES = {
    "goal": "general",
    "setting": "class",
    "plan": "follow",
    "attention": "brief",
    "motivation": "energy",
    "cost": "less",
}
BORDERS = re.compile(r"[│─╭╮╰╯├┤┬┴┼]")


def hired(path: Path, columns: int = 80) -> str:
    """The hire result for an answers file, table borders and line breaks folded away."""
    r = invoke_main("quiz", "--hire", "--answers", str(path), env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.stderr
    return " ".join(BORDERS.sub(" ", r.stdout).split())


HIRE_TRAINER = {
    "goal": "specific",
    "setting": "private",
    "plan": "bespoke",
    "attention": "ongoing",
    "motivation": "accountability",
    "cost": "more",
}


@pytest.mark.parametrize("health", ["surgery", "condition"])
@pytest.mark.parametrize("answers", [HIRE_TRAINER, HIRE_CLASSES], ids=["trainer", "classes"])
def test_a_health_answer_puts_clearance_and_what_a_trainer_is_not_on_the_first_screen(
    tmp_path: Path, answers: dict[str, str], health: str
) -> None:
    path = write(tmp_path, "h.yaml", yaml_text({**answers, "health": health}))
    screen = _first_screen("--hire", "--answers", str(path))
    assert screen.index("Health first") < screen.index("Verdict")
    assert "Get medical clearance first" in screen
    assert "ask your doctor for it" in screen
    assert "A trainer is not a physical therapist" in screen
    assert "does not include diagnosing or treating injuries" in screen


@pytest.mark.parametrize("health", ["none", "unsure"])
def test_no_health_answer_leaves_the_result_as_it_was(tmp_path: Path, health: str) -> None:
    path = write(tmp_path, "h.yaml", yaml_text({**HIRE_TRAINER, "health": health}))
    shown = hired(path)
    assert "Health first" not in shown
    assert "medical clearance" not in shown
    assert shown.split("Your result", 1)[1].lstrip().startswith("Verdict")


def test_the_health_question_gives_no_points(tmp_path: Path) -> None:
    scores = set()
    for health in ("surgery", "condition", "none", "unsure"):
        path = write(tmp_path, "h.yaml", yaml_text({**HIRE_CLASSES, "health": health}))
        result = as_json(ok("quiz", "--hire", "--answers", str(path), "-f", "json"))
        scores.add(tuple((r["role"], r["score"]) for r in result["ranking"]))
    assert scores == {(("fitness-instructor", 12), ("personal-trainer", 0))}


@pytest.mark.parametrize("health", ["surgery", "none"])
def test_a_classes_answer_gets_class_costs_and_no_trainer_hiring_advice(
    tmp_path: Path, health: str
) -> None:
    path = write(tmp_path, "h.yaml", yaml_text({**HIRE_CLASSES, "health": health}))
    flat = hired(path)
    assert "Best fit: Fitness instructor" in flat
    assert "Before you join" in flat
    assert "A group fitness class costs about $30 to $50 a class. (30 Apr 2022)" in flat
    assert "A gym membership costs about $50 a month" in flat
    assert "instructor certified by a nationally recognized organization" in flat
    assert "Before you hire" not in flat
    assert "$29 to $500" not in flat and "Sessions cost" not in flat
    assert "professional liability insurance" not in flat


def test_a_trainer_answer_says_what_to_ask_a_trainer(tmp_path: Path) -> None:
    path = write(tmp_path, "h.yaml", yaml_text({**HIRE_TRAINER, "health": "surgery"}))
    flat = hired(path)
    for said in (
        "current certification accredited by the NCCA",
        "the NCCA's list of accredited certification agencies",
        "US Registry of Exercise Professionals",
        "professional liability insurance",
        "clients with needs or limitations like yours",
    ):
        assert said in flat, said
    assert "Before you join" not in flat and "$30 to $50 a class" not in flat


@pytest.mark.parametrize("answers", [HIRE_TRAINER, HIRE_CLASSES], ids=["trainer", "classes"])
def test_every_hiring_statement_cites_a_source_with_its_address_and_date(
    tmp_path: Path, answers: dict[str, str]
) -> None:
    path = write(tmp_path, "h.yaml", yaml_text({**answers, "health": "surgery"}))
    result = as_json(ok("quiz", "--hire", "--answers", str(path), "-f", "json"))
    said = [*result["lead"], *(s for g in result["guides"] for s in g["statements"])]
    assert len(result["lead"]) >= 2 and result["guides"]
    sources = {s["id"]: s for s in result["sources"]}
    for statement in said:
        source = sources[statement["source"]]
        assert source["url"] and source["date"], source["id"]
        assert statement["date"], statement["text"]
    flat = hired(path, columns=300)
    for statement in said:
        number = list(sources).index(statement["source"]) + 1
        after = flat[flat.index(statement["text"]) + len(statement["text"]) :]
        assert re.match(rf"[^\[]*\[{number}\]", after), statement["text"]


def test_an_unclear_result_fits_its_next_step_on_the_first_screen(tmp_path: Path) -> None:
    """Pulled both ways: the next step is the questions that would decide, on screen one;
    no certification is offered there for one of the tied roles."""
    questions = as_json(ok("quiz", "--questions", "--format", "json"))
    split = {q["id"]: "?" if i % 2 else q["choices"][0]["key"] for i, q in enumerate(questions)}
    path = write(tmp_path, "u.yaml", yaml_text(split))
    screen = _first_screen("--answers", str(path))
    assert "No clear fit yet" in screen
    step = screen[screen.index("Next step") :]
    assert step.startswith("Next step Would decide it: questions")
    assert "Ranking" in step
    assert "within your budget" not in screen
