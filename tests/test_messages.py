"""Messages in fitcareer's words: what the user set wrong, said as one true line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke_main, terminal_signals

BAD_EPOCHS = ["99999999999999", "253402300800", "-5", "abc", "1.5", " 7", "١٠"]


@pytest.mark.parametrize("epoch", BAD_EPOCHS)
@pytest.mark.parametrize(
    "command",
    [
        ("report", "personal-trainer"),
        ("report", "personal-trainer", "--format", "html"),
        ("roles", "--format", "html"),
        ("certs", "--format", "html"),
    ],
)
def test_a_source_date_epoch_that_is_no_date_is_a_one_line_usage_error(
    epoch: str, command: tuple[str, ...]
) -> None:
    result = invoke_main(*command, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fitcareer: SOURCE_DATE_EPOCH ")
    assert "internal error" not in lines[0]


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_a_source_date_epoch_that_is_no_date_writes_nothing(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = invoke_main(
        "report", "personal-trainer", "-o", str(target), env={"SOURCE_DATE_EPOCH": "99999999999999"}
    )
    assert result.exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [("0", "1 Jan 1970"), ("1700000000", "14 Nov 2023"), ("253402300799", "31 Dec 9999")],
)
def test_a_source_date_epoch_in_range_dates_the_page(epoch: str, shown: str) -> None:
    result = invoke_main("report", "personal-trainer", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.stderr
    assert f"Prepared {shown} " in result.stdout
    page = invoke_main("roles", "--format", "html", env={"SOURCE_DATE_EPOCH": epoch})
    assert page.exit_code == 0, page.stderr
    assert f"Prepared {shown} " in page.stdout


def test_an_empty_source_date_epoch_is_not_set() -> None:
    result = invoke_main("report", "personal-trainer", env={"SOURCE_DATE_EPOCH": ""})
    assert result.exit_code == 0, result.stderr


def test_the_date_option_wins_over_source_date_epoch() -> None:
    result = invoke_main(
        "report", "personal-trainer", "--date", "2025-03-31", env={"SOURCE_DATE_EPOCH": "abc"}
    )
    assert result.exit_code == 0, result.stderr
    assert "Prepared 31 Mar 2025 " in result.stdout


# --- Ctrl-C: "interrupted" and exit 130, wherever it comes ------------------------------------

PRESS_CTRL_C = """
import os, signal, sys
import {module} as where
from fitcareer.cli import main

real = where.{name}

def interrupted(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return real(*args, **kwargs)

where.{name} = interrupted
sys.argv = ["fitcareer", *sys.argv[1:]]
main.main()
"""
"""A run that receives SIGINT (what Ctrl-C sends) when it reaches ``module.name``."""


def ctrl_c_at(module: str, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    probe = PRESS_CTRL_C.format(module=module, name=name)
    return subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "FITCAREER_NO_CACHE": "1"},
        preexec_fn=terminal_signals,
    )


@pytest.mark.parametrize(
    "args",
    [("certs",), ("compare", "--detail"), ("report", "personal-trainer"), ("validate",)],
    ids=" ".join,
)
def test_ctrl_c_during_a_command_says_interrupted_and_exits_130(args: tuple[str, ...]) -> None:
    result = ctrl_c_at("fitcareer.data.validate", "build", *args)
    assert result.returncode == 130
    assert result.stdout == ""
    assert result.stderr.strip() == "fitcareer: interrupted"


def test_ctrl_c_at_a_quiz_prompt_is_said_once() -> None:
    result = ctrl_c_at("fitcareer.cli.quiz", "read_line", "quiz")
    assert result.returncode == 130
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fitcareer: quiz interrupted at question 1 ")


# --- Numbers in any digits int() reads, or a true message --------------------------------------


@pytest.mark.parametrize(("digits", "value"), [("١٠", 10), ("２", 2), ("۴", 4), ("10", 10)])
def test_a_whole_number_in_other_digits_is_that_number(digits: str, value: int) -> None:
    given = invoke_main("report", "personal-trainer", "--years", digits, "--format", "json")
    plain = invoke_main("report", "personal-trainer", "--years", str(value), "--format", "json")
    assert given.exit_code == 0, given.stderr
    assert given.stdout == plain.stdout


@pytest.mark.parametrize(
    ("digits", "said"),
    [
        ("٢٠٠", "--years: must be from 1 to 100, got ٢٠٠"),
        ("٠", "--years: must be from 1 to 100, got ٠"),
        ("¹", "--years: '¹' is not a whole number"),
    ],
)
def test_a_number_out_of_range_in_other_digits_is_said_truly(digits: str, said: str) -> None:
    result = invoke_main("report", "personal-trainer", "--years", digits)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"fitcareer: {said} ")


@pytest.mark.parametrize(
    "args",
    [
        ("certs", "--limit", "٣", "--years", "٤"),
        ("--max-age", "٥", "sources"),
        ("income", "--rate", "60", "--sessions-per-week", "٢٠", "--weeks", "٤٨"),
    ],
    ids=["certs", "max-age", "income"],
)
def test_every_number_option_takes_other_digits(args: tuple[str, ...]) -> None:
    ascii_args = [str(int(a)) if a.isdecimal() else a for a in args]
    given, plain = invoke_main(*args), invoke_main(*ascii_args)
    assert given.exit_code == plain.exit_code == 0, given.stderr
    assert given.stdout == plain.stdout


# --- `fitcareer cache` says "not used", and why, for every cache it cannot use ----------------


def cache_says(folder: Path) -> str:
    result = invoke_main("cache", env={"FITCAREER_CACHE_DIR": str(folder)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def unusable(tmp_path: Path, kind: str) -> Path:
    if kind == "a file":
        (tmp_path / "cache").write_text("", encoding="utf-8")
        return tmp_path / "cache"
    if kind == "under a file":
        (tmp_path / "file").write_text("", encoding="utf-8")
        return tmp_path / "file" / "cache"
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod({"others can write": 0o777, "its group can write": 0o770}[kind])
    return folder


@pytest.mark.parametrize(
    "kind", ["a file", "under a file", "others can write", "its group can write"]
)
def test_a_cache_that_cannot_be_used_is_said_to_be_not_used(tmp_path: Path, kind: str) -> None:
    folder = unusable(tmp_path, kind)
    said = cache_says(folder)
    assert said.startswith("cache: not used: ")
    assert "entries" not in said and "entry" not in said
    assert invoke_main("roles", env={"FITCAREER_CACHE_DIR": str(folder)}).exit_code == 0
    assert cache_says(folder) == said


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any directory")
def test_a_cache_directory_the_user_cannot_write_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o500)
    try:
        assert cache_says(folder).startswith("cache: not used: ")
    finally:
        folder.chmod(0o700)


def test_a_usable_cache_counts_its_entries(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert cache_says(folder).startswith(f"cache: {folder} (0 entries")
    assert invoke_main("roles", env={"FITCAREER_CACHE_DIR": str(folder)}).exit_code == 0
    assert cache_says(folder).startswith(f"cache: {folder} (1 entry")


# --- A saved answers file of another questionnaire: advice that is true -----------------------


def saved_answers(folder: Path, questionnaire: object) -> Path:
    path = folder / "answers.json"
    path.write_text(f'{{"questionnaire": {json.dumps(questionnaire)}, "answers": {{}}}}\n')
    return path


@pytest.mark.parametrize("questionnaire", ["hire", "other", 5])
def test_report_never_suggests_an_option_it_does_not_have(
    tmp_path: Path, questionnaire: object
) -> None:
    result = invoke_main("report", "--answers", str(saved_answers(tmp_path, questionnaire)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "--hire" not in result.stderr
    assert "career questionnaire" in result.stderr


@pytest.mark.parametrize(
    ("questionnaire", "hire", "advice"),
    [
        ("hire", False, "add --hire"),
        ("career", True, "leave out --hire"),
        ("other", False, "fitcareer quiz --save FILE"),
        ("other", True, "fitcareer quiz --save FILE"),
    ],
)
def test_the_quiz_advises_only_what_would_work(
    tmp_path: Path, questionnaire: str, hire: bool, advice: str
) -> None:
    path = saved_answers(tmp_path, questionnaire)
    result = invoke_main("quiz", *(["--hire"] if hire else []), "--answers", str(path))
    assert result.exit_code == 2
    assert advice in result.stderr
    if questionnaire == "other":
        assert "--hire" not in result.stderr
