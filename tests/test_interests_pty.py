"""The installed `fitcareer interests` in a real pseudo-terminal, typed at as a person would.

Its items are the test fixture's placeholders (tests/interests/items.json), not O*NET's."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import terminal_signals

pexpect = pytest.importorskip("pexpect")

EXE = Path(sys.executable).parent / "fitcareer"
HERE = Path(__file__).parent / "interests"
ITEMS = str(HERE / "items.json")
WAIT = 30
"""Seconds to wait for expected output before the test fails (a guard, not a timing check)."""

pytestmark = [
    pytest.mark.skipif(not EXE.exists(), reason="the fitcareer command is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]


def spawn(folder: Path, *args: str, rows: int = 50, cols: int = 100) -> Any:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": str(cols), "LINES": str(rows)}
    return pexpect.spawn(
        str(EXE),
        ["--data-dir", str(folder), "interests", "--items", ITEMS, *args],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(rows, cols),
        preexec_fn=terminal_signals,
    )


def answer(child: Any, n: int, text: str) -> None:
    child.expect(f"{n} of 60: ")
    child.expect(r"q quit(, Enter keeps \d)?\): ")
    child.sendline(text)


def finish(child: Any) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def strong(n: int, letters: str) -> str:
    """The fixture's items cycle through R, I, A, S, E, C."""
    return "5" if "RIASEC"[(n - 1) % 6] in letters else "1"


def test_a_whole_profile_with_back_not_sure_and_a_bad_answer(folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "me.json"
    child = spawn(folder, "--save", str(saved))
    child.expect("How would you feel about doing each kind of work")
    child.expect("trademark of USDOL/ETA")
    answer(child, 1, "7")
    child.expect("'7' is not an answer here: type 1-5 or \\? if not sure")
    child.expect(r"q quit\): ")
    child.sendline("strongly like")
    answer(child, 2, "b")
    answer(child, 1, "")  # Enter keeps the answer given
    answer(child, 2, "?")
    for n in range(3, 61):
        answer(child, n, strong(n, "IS"))
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    assert "Exercise Physiologists: r" in out
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc["answers"]["1"] == 5 and doc["answers"]["2"] == 3
    assert doc["result"]["matches"][0]["code"] in ("29-1128.00", "29-9091.00")


def test_q_quits_and_ctrl_c_exits_130_saving_nothing(folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "me.json"
    child = spawn(folder, "--save", str(saved))
    answer(child, 1, "q")
    out = finish(child)
    assert child.exitstatus == 0 and "stopped at 1 of 60; nothing was saved" in out
    child = spawn(folder, "--save", str(saved))
    answer(child, 1, "4")
    child.expect("2 of 60: ")
    child.expect(r"q quit\): ")
    child.sendintr()
    out = finish(child)
    assert child.exitstatus == 130
    assert "interrupted at 2 of 60; nothing was saved" in out and "Traceback" not in out
    assert not saved.exists()


def test_the_chart_and_the_matches_fit_one_80_by_24_screen(folder: Path, tmp_path: Path) -> None:
    answers = tmp_path / "sr.json"
    answers.write_text(json.dumps({str(n): strong(n, "SR") for n in range(1, 61)}))
    child = spawn(folder, "--answers", str(answers), rows=24, cols=80)
    out = finish(child)
    assert child.exitstatus == 0
    screen = out.replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(screen) <= 23  # and the shell's prompt below it
    assert max(len(line) for line in screen) <= 80
    text = " ".join(" ".join(line.replace("\u2502", " ").split()) for line in screen)
    assert "Social 40 of 40" in text
    assert re.search(r"1\. [A-Z][^:]+: r 0\.\d\d from Social and Realistic, Job Zone \d", text)
    assert "2. " in text and "3. " in text
    assert "fitcareer's own method" in text and "trademark of USDOL/ETA" in text


def test_item_text_is_shown_as_written_never_as_markup_or_escapes(
    folder: Path, tmp_path: Path
) -> None:
    doc = json.loads((HERE / "items.json").read_text())
    doc["question"][0]["text"] = "[bold red]Lift[/bold red] \x1b[31mweights"
    items = tmp_path / "items.json"
    items.write_text(json.dumps(doc))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    child = pexpect.spawn(
        str(EXE),
        ["--data-dir", str(folder), "interests", "--items", str(items)],
        env=env,
        encoding="utf-8",
        timeout=WAIT,
        dimensions=(50, 100),
        preexec_fn=terminal_signals,
    )
    child.expect(r"q quit\): ")
    shown = str(child.before)
    child.sendline("q")
    finish(child)
    assert "1 of 60: [bold red]Lift[/bold red]" in shown
    assert "\x1b" not in shown.replace("\x1b[?", "")  # only the terminal's own modes, if any
