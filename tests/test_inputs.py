"""Inputs that used to crash or stall: digits that are not ASCII, numbers too large for
a year's arithmetic, numbers out of their field's range, unknown references in bulk and
endless quiz lines. Each ends with the documented exit code and one clear line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import invoke_main, run


def one_error(result: object, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr)  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr  # type: ignore[attr-defined]
    return str(lines[0])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- Digits that are not ASCII --------------------------------------------------------------


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


# --- Overflow at the command line -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--rate", "1e306", "--sessions-per-week", "20"],
        ["--rate", "1000001", "--sessions-per-week", "20"],
        ["--rate", "60", "--sessions-per-week", "20", "--costs", "1e308"],
        ["--rate", "60", "--sessions-per-week", "20", "--session-hours", "1e308"],
        ["--rate", "60", "--sessions-per-week", str(10**400)],
    ],
    ids=["rate-1e306", "rate-over-cap", "costs", "session-hours", "sessions"],
)
def test_numbers_too_large_for_an_estimate_are_usage_errors(args: list[str]) -> None:
    line = one_error(invoke_main("income", *args), 2)
    assert line.startswith("fitcareer: --")


def test_the_rate_cap_is_in_the_help() -> None:
    result = invoke_main("income", "--help")
    assert "1,000,000" in " ".join(result.stdout.split())


def test_the_highest_rate_allowed_gives_an_estimate() -> None:
    result = invoke_main("income", "--rate", "1000000", "--sessions-per-week", "40")
    assert result.exit_code == 0, result.stderr


# --- Numbers out of range in data -----------------------------------------------------------

CERTS = "certifications.yaml"
NASM_MINUTES = "{value: 120, source: nasm-exam-info, date: undated}"
NASM_QUESTIONS = "{value: 120, source: nasm-faq, date: undated}"
NASM_AGE = "{value: 18, source: nasmacademic-cpt-exam"
NASM_CYCLE = "{value: 2, source: nasm-recert, date: undated}"
NASM_PRICE = '{usd: 999, kind: package, label: "Self-Study"'
CE_UNIT = "{unit: CEU, hours: 10, source: nasm-recert"


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        (CERTS, NASM_PRICE, NASM_PRICE.replace("999", "1.7e308"), "from 0 to 1,000,000"),
        (CERTS, NASM_PRICE, NASM_PRICE.replace("999", "-1"), "from 0 to 1,000,000"),
        (CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "5.0e-324,"), "from 0.1 to 100"),
        (CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "101,"), "from 0.1 to 100"),
        (CERTS, NASM_MINUTES, NASM_MINUTES.replace("120", "-5"), "whole number from 0"),
        (CERTS, NASM_AGE, NASM_AGE.replace("18", "-1"), "whole number from 0 to 120"),
        (CERTS, NASM_QUESTIONS, NASM_QUESTIONS.replace("120", "120.5"), "whole number"),
        (CERTS, CE_UNIT, CE_UNIT.replace("10", "-10"), "from 0 to 10,000"),
        (
            "quiz.yaml",
            "weights: {fitness-instructor: 1, personal-trainer: 1}",
            "weights: {fitness-instructor: 1.7e308, personal-trainer: 1}",
            "from -100 to 100",
        ),
    ],
    ids=[
        "price-huge",
        "price-negative",
        "cycle-tiny",
        "cycle-long",
        "minutes",
        "age",
        "questions-fraction",
        "ce-hours",
        "weight",
    ],
)
def test_numbers_out_of_range_are_located_data_errors(
    data_copy: Path, file: str, old: str, new: str, words: str
) -> None:
    edit(data_copy / file, old, new)
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1, problems
    assert re.match(rf".*{re.escape(file)}:\d+:\d+: ", problems[0])
    assert words in problems[0]
    for command in (["certs", "nasm-cpt", "--years", "100"], ["quiz", "--questions"]):
        loaded = invoke_main("--data-dir", str(data_copy), *command)
        assert loaded.exit_code == 1
        assert "internal error" not in loaded.stderr


def test_a_price_range_must_run_upwards(data_copy: Path) -> None:
    edit(data_copy / CERTS, NASM_PRICE, NASM_PRICE.replace("usd: 999,", "usd: 999, usd_max: 500,"))
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1
    assert "usd_max" in problems[0] and "below usd" in problems[0]


def test_the_largest_values_allowed_never_crash_a_view(data_copy: Path) -> None:
    edit(data_copy / CERTS, NASM_PRICE, NASM_PRICE.replace("999", "1000000"))
    edit(data_copy / CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "0.1,"))
    assert invoke_main("validate", str(data_copy)).exit_code == 0
    for command in (
        ["certs", "nasm-cpt", "--years", "100"],
        ["certs", "--format", "csv"],
        ["income", "--rate", "1000000", "--sessions-per-week", "40", "--cert", "nasm-cpt"],
    ):
        result = invoke_main("--data-dir", str(data_copy), *command)
        assert result.exit_code == 0, (command, result.stderr)


# --- Many unknown references ----------------------------------------------------------------


def test_every_unknown_reference_is_reported_hints_for_the_first(data_copy: Path) -> None:
    from fitcareer.data.validate import MAX_HINTS

    roles = data_copy / "roles.yaml"
    facts = "".join(
        f"      - {{text: Fact {i}., source: nasm-recrt-{i:03d}, date: undated}}\n"
        for i in range(MAX_HINTS + 10)
    )
    role = (
        "  - id: extra-role\n    name: Extra role\n"
        "    summary: {text: A role., source: seed-001, date: undated}\n"
        f"    duties:\n{facts}"
    )
    edit(roles, "  - id: personal-trainer\n", f"{role}  - id: personal-trainer\n")
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    unknown = [p for p in result.stdout.splitlines() if "unknown source" in p]
    assert len(unknown) == MAX_HINTS + 10
    assert sum("did you mean" in p for p in unknown) == MAX_HINTS


# --- Endless quiz input ---------------------------------------------------------------------


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
