"""Text from data or a user is shown, never obeyed: control characters in data are refused
with file:line, markup-looking text is valid data, echoed input is escaped, and CSV and
Markdown output are safe to open."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import invoke_main, ok, run, shipped_parsed_once

NAME = "    name: Personal trainer\n"
"""The line in roles.yaml that names the personal-trainer role."""


def rename(data: Path, name: str) -> Path:
    roles = data / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    assert text.count(NAME) == 1
    roles.write_text(text.replace(NAME, f"    name: {name}\n"), encoding="utf-8")
    return roles


def name_line(data: Path) -> int:
    """The line of roles.yaml that names the personal trainer (it moves as data is added)."""
    lines = (data / "roles.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    return lines.index(NAME) + 1


def one_error(result: object, code: int) -> str:
    """The single stderr line of a run that failed with ``code``, without a traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr)  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    return str(lines[0])


# --- Control characters in data -----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        '"Personal \\e[31mtrainer"',
        '"Personal \\x9b31mtrainer"',
        '"Personal \\x07trainer"',
        '"Personal \\u202etrainer"',
        '"Personal \\u2066trainer"',
        '"Personal \\u2028trainer"',
        '"Personal \\u2029trainer"',
    ],
    ids=["escape", "csi", "bell", "rlo", "lri", "line-separator", "paragraph-separator"],
)
def test_control_characters_in_data_are_refused_with_file_and_line(
    data_copy: Path, written: str
) -> None:
    line = name_line(data_copy)
    rename(data_copy, written)
    with shipped_parsed_once():  # the copies of the other files are parsed once
        result = invoke_main("validate", str(data_copy))
        assert result.exit_code == 1
        # Column 11: the quoted name starts after "    name: ".
        assert re.search(rf"roles\.yaml:{line}:11: .*U\+", result.stdout), result.stdout
        for command in (["roles"], ["compare"]):
            loaded = invoke_main("--data-dir", str(data_copy), *command)
            assert loaded.exit_code == 1
            assert f"roles.yaml:{line}:11:" in loaded.stderr
            assert "\x1b" not in loaded.stderr and "\u202e" not in loaded.stderr


def test_a_raw_control_character_in_a_file_is_refused(data_copy: Path) -> None:
    line = name_line(data_copy)
    roles = rename(data_copy, "Personal trainer")
    raw = roles.read_bytes().replace(b"name: Personal trainer", b"name: Personal\x1b trainer", 1)
    roles.write_bytes(raw)
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    # Column 19: the character itself, after "    name: Personal".
    assert f"roles.yaml:{line}:19: control character U+001B" in result.stdout


# --- Markup-looking text is data ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        '"Personal trainer [/]"',
        '"Personal trainer [online]"',
        '"[link=https://example.com]PT[/link]"',
    ],
    ids=["close-tag", "word-in-brackets", "link"],
)
def test_markup_looking_text_is_valid_data(data_copy: Path, name: str) -> None:
    rename(data_copy, name)
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 0, result.stdout
    shown = invoke_main("--data-dir", str(data_copy), "roles", "--format", "json")
    assert shown.exit_code == 0
    assert name.strip('"') in shown.stdout


# --- Echoed user input ----------------------------------------------------------------------


def test_an_escape_sequence_typed_as_an_id_is_echoed_escaped() -> None:
    line = one_error(invoke_main("roles", "\x1b[31m"), 2)
    assert "\x1b" not in line
    assert "\\x1b[31m" in line


def test_a_bidi_override_typed_as_an_id_is_echoed_escaped() -> None:
    line = one_error(invoke_main("certs", "nasm\u202ecpt"), 2)
    assert "\u202e" not in line
    assert "\\u202e" in line


def test_a_quiz_answer_is_echoed_escaped() -> None:
    line = one_error(invoke_main("quiz", "--hire", input="\x1b]8;;x\x07\n"), 2)
    assert "\x1b" not in line and "\x07" not in line
    assert "not an answer here" in line


def test_an_escape_in_an_option_value_is_echoed_escaped() -> None:
    result = run("roles", "--format", "\x1b[2J")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "Traceback" not in result.stderr


# --- CSV: no formulas -----------------------------------------------------------------------


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
    ],
    ids=["equals", "plus", "minus", "at", "tab"],
)
def test_csv_cells_that_start_like_a_formula_get_a_quote(
    data_copy: Path, name: str, written: str
) -> None:
    rename(data_copy, '"' + name.replace("\t", "\\t") + '"')
    text = ok("--data-dir", str(data_copy), "roles", "--format", "csv")
    found = cells(text)
    assert written in found
    assert name not in found


def test_csv_bullet_cells_start_with_a_quote() -> None:
    found = cells(ok("roles", "personal-trainer", "--format", "csv"))
    assert not [c for c in found if c.startswith(("=", "+", "-", "@"))]
    assert any(c.startswith("'- ") for c in found)


def test_csv_keeps_plain_numbers() -> None:
    from fitcareer.render import inert

    assert [inert(v) for v in ["-5", "+19%", "-1,234.50", "12"]] == [
        "-5",
        "+19%",
        "-1,234.50",
        "12",
    ]
    assert inert("-5 years") == "'-5 years"


# --- Markdown: no raw HTML, no cell breaks ---------------------------------------------------


def test_markdown_escapes_html_and_pipes(data_copy: Path) -> None:
    rename(data_copy, '"PT <img src=x onerror=alert(1)> & | co"')
    text = ok("--data-dir", str(data_copy), "roles", "personal-trainer", "--format", "markdown")
    assert "<img" not in text
    assert text.startswith("## PT &lt;img src=x onerror=alert(1)&gt; &amp; \\| co")
    listing = ok("--data-dir", str(data_copy), "roles", "--format", "markdown")
    row = next(line for line in listing.splitlines() if "&lt;img" in line)
    assert len(re.split(r"(?<!\\)\|", row)) == len(re.split(r"(?<!\\)\|", listing.splitlines()[2]))
