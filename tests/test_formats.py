"""`--format` and `-o FILE` tell the truth: each command's help names the formats and
extensions it writes, those are the ones it accepts, and a file named for a format it
cannot write (a spreadsheet, a PDF) is refused before anything is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import invoke_main
from fitcareer.commands import COMMANDS

RUNS = {
    "quiz": ["--questions"],
    "report": ["personal-trainer"],
    "schema": ["roles"],
    "paths": ["fitness-instructor"],
    "interests": ["--scores", "R=1,I=2,A=3,S=4,E=5,C=6"],
}
"""What a command needs besides its options to print something."""

PDF_REFUSAL = "pip install 'fitcareer[pdf]'"
"""What a command says, exit 1, when it cannot make a PDF here (no WeasyPrint or Pango)."""


def pdf_made_or_refused(result: Result, suffix: str) -> bool:
    """A PDF written, or, where WeasyPrint cannot load, the one line saying how to get it."""
    return suffix == ".pdf" and result.exit_code == 1 and PDF_REFUSAL in result.stderr


WORDS = ["table", "json", "csv", "markdown", "html", "svg", "pdf", "xlsx", "yaml", "text"]
"""Format names a user might try: those a command's help names, and others."""


def option_help(command: str, option: str) -> str:
    """The help of one option of ``command``, as one line of words."""
    text = invoke_main(command, "--help", env={"COLUMNS": "100", "NO_COLOR": "1"}).stdout
    lines = [line.strip("│ ").strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(option))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("-") or not lines[i]),
        len(lines),
    )
    return " ".join(" ".join(lines[start:end]).split())


def with_option(option: str) -> list[str]:
    """The commands whose help lists ``option``."""
    shown = {c: invoke_main(c, "--help", env={"COLUMNS": "100"}).stdout for c in COMMANDS}
    return [c for c, text in shown.items() if re.search(rf"^│ +{option}\b", text, re.M)]


FORMATTED = with_option("--format")
WRITERS = with_option("--output")


def test_the_commands_that_print_data_take_format_and_output() -> None:
    assert {"compare", "certs", "report"} <= set(FORMATTED) <= set(WRITERS)
    assert "schema" in WRITERS


@pytest.mark.parametrize("command", FORMATTED)
def test_help_lists_exactly_the_formats_the_command_accepts(command: str) -> None:
    said = option_help(command, "--format")
    listed = [w for w in WORDS if re.search(rf"\b{w}\b", said)]
    assert listed, said
    for word in WORDS:
        result = invoke_main(command, *RUNS.get(command, []), "--format", word)
        if word == "pdf" and word in listed:
            assert result.exit_code == 2, result.stderr  # a PDF goes to a file: -o FILE.pdf
            assert "-o FILE.pdf" in result.stderr
        elif word in listed:
            assert result.exit_code == 0, (word, result.stderr)
        else:
            assert result.exit_code == 2, (word, result.stderr)
            assert result.stdout == ""
            assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", WRITERS)
def test_each_extension_the_help_names_is_written(command: str, tmp_path: Path) -> None:
    said = option_help(command, "--output")
    named = re.search(r"its extension \(([^)]*)\)", said) or re.search(
        r"its extension, where it names a format, must be ([.\w, ]+)", said
    )
    suffixes = re.findall(r"\.\w+", named[1]) if named else []
    assert suffixes, said
    for suffix in suffixes:
        target = tmp_path / f"out{suffix}"
        result = invoke_main(command, *RUNS.get(command, []), "-o", str(target))
        if pdf_made_or_refused(result, suffix):
            assert not target.exists()
            continue
        assert result.exit_code == 0, (suffix, result.stderr)
        assert target.stat().st_size > 0


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("name", ["certs.xlsx", "slides.PPTX", "Notes.DOCX", "data.tsv"])
def test_a_file_named_for_a_format_it_cannot_write_is_refused(
    command: str, name: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    result = invoke_main(command, *RUNS.get(command, []), "-o", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    suffix = target.suffix.lower()
    assert line.startswith(f"fitcareer: {command} cannot write {suffix} files; ")
    named = re.findall(r"\.\w+", line.split("; ", 1)[1].split(" (see")[0])
    assert named and suffix not in named
    assert list(tmp_path.iterdir()) == []
    for other in named:
        written = invoke_main(command, *RUNS.get(command, []), "-o", str(tmp_path / f"o{other}"))
        assert written.exit_code == 0 or pdf_made_or_refused(written, other), written.stderr


@pytest.mark.parametrize("command", FORMATTED)
def test_a_format_given_does_not_make_a_refused_name_right(command: str, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    result = invoke_main(command, *RUNS.get(command, []), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize("command", ["roles", "report", "schema"])
@pytest.mark.parametrize("name", ["out.txt", "out", "tmp.Xb3k9QzLw2"])
def test_any_other_name_gets_what_standard_output_gets(
    command: str, name: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    shown = invoke_main(command, *RUNS.get(command, []))
    written = invoke_main(command, *RUNS.get(command, []), "-o", str(target))
    assert shown.exit_code == written.exit_code == 0, written.stderr
    assert target.read_text(encoding="utf-8") == shown.stdout


def test_a_report_named_for_a_table_format_is_refused(tmp_path: Path) -> None:
    for name in ("report.csv", "report.svg"):
        result = invoke_main("report", "personal-trainer", "-o", str(tmp_path / name))
        assert result.exit_code == 2
        assert "report cannot write" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_refused_name_costs_no_answers(tmp_path: Path) -> None:
    """The quiz refuses a file it cannot write before its first question."""
    result = invoke_main("quiz", "-o", str(tmp_path / "result.xlsx"), input="1\n" * 20)
    assert result.exit_code == 2
    assert "Question 1" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [["roles"], ["certs"], ["compare"]], ids=" ".join)
def test_a_file_named_csv_holds_what_format_csv_prints(
    args: list[str], large: Path, tmp_path: Path
) -> None:
    """Every row and column, as `--format csv` gives them (a table stops at 25 rows)."""
    target = tmp_path / "out.csv"
    run = ["--data-dir", str(large), *args]
    shown = invoke_main(*run, "--format", "csv")
    written = invoke_main(*run, "-o", str(target))
    assert shown.exit_code == written.exit_code == 0, written.stderr
    assert target.read_text(encoding="utf-8") == shown.stdout
