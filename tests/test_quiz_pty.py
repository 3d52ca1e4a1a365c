"""The installed `fitcareer quiz` in a real pseudo-terminal, typed at as a person would."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import terminal_signals
from fitcareer import data as loading

pexpect = pytest.importorskip("pexpect")

EXE = Path(sys.executable).parent / "fitcareer"

pytestmark = [
    pytest.mark.skipif(not EXE.exists(), reason="the fitcareer command is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

WAIT = 30
"""Seconds to wait for expected output before the test fails (a guard, not a timing check)."""


def spawn(*args: str) -> Any:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    return pexpect.spawn(
        str(EXE),
        ["quiz", *args],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(50, 100),
        preexec_fn=terminal_signals,
    )


def answer(child: Any, n: int, total: int, text: str) -> None:
    child.expect(f"Question {n} of {total}: ")
    child.expect(r"q quit(, Enter keeps '[a-z,-]+')?\): ")
    child.sendline(text)


def finish(child: Any) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def test_a_whole_quiz_with_back_and_an_invalid_answer(tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    child = spawn("--save", str(saved))
    child.expect("Which fitness career fits you?")
    answer(child, 1, 14, "1")
    answer(child, 2, 14, "loud")
    child.expect("'loud' is not an answer here: type 1-2 or love, not; b goes back, q quits")
    child.expect(r"q quit\): ")
    child.sendline("b")
    answer(child, 1, 14, "individuals")
    answer(child, 2, 14, "2")
    for n, typed in enumerate(
        ["plans", "detail", "long", "rehab", "deep", "2", "2", "1", "1", "3", "2", "?"], 3
    ):
        answer(child, n, 14, typed)
    child.expect("Best fit: Personal trainer")
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    assert f"saved {saved}" in out
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["answers"]["people"] == "individuals"
    assert document["answers"]["music"] == "not"
    assert document["result"]["ranking"][0]["role"] == "personal-trainer"


def test_typed_answers_and_an_answers_file_give_the_same_result(tmp_path: Path) -> None:
    saved = tmp_path / "typed.json"
    child = spawn("--hire", "--save", str(saved))
    for n, typed in enumerate(["2", "class", "1", "brief", "2", "more", "none"], 1):
        answer(child, n, 7, typed)
    finish(child)
    assert child.exitstatus == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "goal: specific\nsetting: class\nplan: bespoke\nattention: brief\n"
        "motivation: accountability\ncost: more\nhealth: none\n",
        encoding="utf-8",
    )
    child = pexpect.spawn(
        str(EXE),
        ["quiz", "--hire", "--answers", str(answers), "--format", "json"],
        env={**os.environ, "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=WAIT,
    )
    from_file = json.loads(finish(child))
    assert child.exitstatus == 0
    assert from_file == json.loads(saved.read_text(encoding="utf-8"))["result"]


def test_ctrl_c_exits_130_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    child = spawn("--save", str(saved))
    answer(child, 1, 14, "1")
    child.expect("Question 2 of 14")
    child.expect(r"q quit\): ")
    child.sendintr()
    out = finish(child)
    assert child.exitstatus == 130
    assert "fitcareer: quiz interrupted at question 2 of 14; nothing was saved" in out
    assert "Traceback" not in out and "Aborted" not in out
    assert not saved.exists()


def test_ctrl_d_cancels_the_quiz_with_exit_1() -> None:
    child = spawn("--hire")
    answer(child, 1, 7, "1")
    child.expect("Question 2 of 7")
    child.expect(r"q quit\): ")
    child.sendeof()
    out = finish(child)
    assert child.exitstatus == 1
    assert "quiz cancelled at question 2 of 7 (use --answers FILE to answer from a file)" in out
    assert "Traceback" not in out


def test_q_quits_with_exit_0_and_says_nothing_was_saved() -> None:
    child = spawn()
    answer(child, 1, 14, "q")
    out = finish(child)
    assert child.exitstatus == 0
    assert "quiz stopped at question 1 of 14; nothing was saved" in out


def test_questions_and_prompts_wrap_at_word_boundaries_in_a_narrow_terminal() -> None:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "40"}
    child = pexpect.spawn(
        str(EXE),
        ["quiz", "--hire"],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(24, 40),
        preexec_fn=terminal_signals,
    )
    child.expect(r"q quit\): ")
    shown = str(child.before) + str(child.after)
    child.sendline("q")
    finish(child)
    lines = shown.replace("\r", "").splitlines()
    assert max(len(line) for line in lines) < 40
    words = " ".join(line.strip() for line in lines)
    first = loading.load().questionnaires["hire"].questions[0]
    assert f"Question 1 of 7: {first.text}" in words
    for choice in first.choices:
        assert " ".join(choice.label.split()) in words
    assert "b back, q quit):" in lines[-1]


def test_the_career_result_fits_verdict_reasons_and_next_step_in_24_lines_at_80() -> None:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "80", "LINES": "24"}
    child = pexpect.spawn(
        str(EXE),
        ["quiz"],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(24, 80),
        preexec_fn=terminal_signals,
    )
    typed = ["groups", "love", "classes", "everyone", "brief", "routines general group"]
    typed += ["basic", "some", "security", "members", "steady", "watching", "never", "none"]
    for n, text in enumerate(typed, 1):
        answer(child, n, 14, text)
    child.expect("Which fitness career fits you\\? Best fit: Fitness instructor")
    out = finish(child)
    assert child.exitstatus == 0
    # `out` starts on the title's line: it and the 23 below are the first screen.
    screen = out.replace("\r\n", "\n").split("\n")[:24]
    assert max(len(line) for line in screen) <= 80
    text = " ".join(" ".join(line.replace("\u2502", " ").split()) for line in screen)
    assert "Verdict Fitness instructor: 20 points of 20" in text
    assert "Decided by - You love working with energetic groups" in text
    assert "Next step Certificate needed? Not required for most gym instructor roles." in text
    assert "Compare them: fitcareer certs --role fitness-instructor" in text


def test_recent_surgery_puts_clearance_and_what_a_trainer_is_not_on_the_first_screen() -> None:
    """At 80x24, typed as a person would: the result's first 24 lines hold the advice."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "80"}
    child = pexpect.spawn(
        str(EXE),
        ["quiz", "--hire"],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(24, 80),
        preexec_fn=terminal_signals,
    )
    for n, typed in enumerate(["specific", "private", "1", "1", "2", "more"], 1):
        answer(child, n, 7, typed)
    answer(child, 7, 7, "surgery")
    child.expect("Group classes or a personal trainer\\? Best fit")
    out = str(child.after) + finish(child)
    assert child.exitstatus == 0
    lines = out.replace("\r", "").splitlines()
    assert max(len(line) for line in lines) <= 80
    screen = " ".join(part.strip() for line in lines[:24] for part in line.split("\u2502"))
    screen = " ".join(screen.split())
    assert "Get medical clearance first" in screen
    assert "A trainer is not a physical therapist" in screen
    assert "does not include diagnosing or treating injuries" in screen
    assert screen.index("Health first") < screen.index("Verdict")
    assert "Decided by" in screen
    assert "Next step Ask for an NCCA-accredited credential" in screen
    assert "Compare them: fitcareer certs --role personal-trainer" in screen
