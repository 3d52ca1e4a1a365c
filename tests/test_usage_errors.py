"""Usage errors are one line on stderr in fitcareer's words, exit 2, naming the option or
value at fault and where help is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import invoke_main, run


def one_usage_line(args: list[str], command: str) -> str:
    """The one stderr line of a usage error, checked for its shape."""
    result = invoke_main(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("fitcareer: ")
    assert result.stderr.endswith(f" (see '{command} --help')\n")
    assert ". (see" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("args", "words", "command"),
    [
        (["certs", "--limit", "-1"], ["--limit:", "-1", " 0 "], "fitcareer certs"),
        (["certs", "--limit", "1.5"], ["--limit:", "'1.5'"], "fitcareer certs"),
        (["certs", "--years", "0"], ["--years:", " 0", " 1 ", " 100"], "fitcareer certs"),
        (["income", "--weeks", "60"], ["--weeks:", "60", "52"], "fitcareer income"),
        (["--max-age", "soon", "sources"], ["--max-age:", "'soon'"], "fitcareer"),
        (["certs", "--accredited"], ["--accredited", "BODY"], "fitcareer certs"),
        (["--max-age"], ["--max-age", "YEARS"], "fitcareer"),
        (["compare", "--colour"], ["--colour", "fitcareer compare"], "fitcareer compare"),
        (["cache", "--clear=yes"], ["--clear"], "fitcareer cache"),
        (["income", "--rate", "abc"], ["--rate:", "'abc'"], "fitcareer income"),
        (["steps", "nasm-cpt"], ["'nasm-cpt'", "steps"], "fitcareer steps"),
    ],
)
def test_a_bad_option_is_one_line_naming_it_and_where_help_is(
    args: list[str], words: list[str], command: str
) -> None:
    line = one_usage_line(args, command)
    for word in words:
        assert word in line


def test_a_bad_choice_names_the_value_and_lists_every_choice() -> None:
    line = one_usage_line(["roles", "--format", "docx"], "fitcareer roles")
    assert line.startswith("fitcareer: --format: 'docx' ")
    for name in ["table", "json", "csv", "markdown", "html", "pdf", "svg"]:
        assert name in line


def test_a_bad_argument_choice_lists_the_data_files() -> None:
    line = one_usage_line(["schema", "bogus"], "fitcareer schema")
    assert "'bogus'" in line
    for name in ["roles", "certifications", "quiz", "sources"]:
        assert name in line


def test_a_mistyped_option_suggests_the_one_meant() -> None:
    line = one_usage_line(["compare", "--form", "json"], "fitcareer compare")
    assert "--form " in line
    assert "--format" in line


def test_a_name_of_two_words_without_quotes_says_which_word_is_extra() -> None:
    line = one_usage_line(["roles", "personal", "trainer"], "fitcareer roles")
    assert "'trainer'" in line
    assert "ROLE" in line


@pytest.mark.parametrize(
    ("args", "typed", "meant", "command"),
    [
        (["certs", "--org", "nasn"], "'nasn'", "'nasm'", "fitcareer certs"),
        (["certs", "--accredited", "NCAA"], "'NCAA'", "'ncca'", "fitcareer certs"),
        (["sources", "bls-oh-2022"], "'bls-oh-2022'", "'bls-ooh-2022'", "fitcareer sources"),
        (
            ["compare", "personal-trainr"],
            "'personal-trainr'",
            "'personal-trainer'",
            "fitcareer compare",
        ),
        (["certs", "NASM"], "'NASM'", "--org nasm", "fitcareer certs"),
        (["steps", "--cert", "NASM"], "'NASM'", "--org nasm", "fitcareer steps"),
    ],
)
def test_an_unknown_id_suggests_the_closest(
    args: list[str], typed: str, meant: str, command: str
) -> None:
    line = one_usage_line(args, command)
    assert typed in line
    assert meant in line


def test_part_of_an_organization_name_is_still_a_filter() -> None:
    result = invoke_main("certs", "--org", "National", "--format", "json")
    assert result.exit_code == 0


def test_an_unknown_command_is_one_line_with_a_suggestion() -> None:
    result = run("compar")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "'compar'" in result.stderr
    assert "'compare'" in result.stderr
    assert result.stderr.endswith(" (see 'fitcareer --help')\n")


def test_no_command_shows_the_help() -> None:
    result = run()
    assert result.returncode == 2
    assert "Usage: fitcareer [OPTIONS] COMMAND" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("args", [["--help"], ["certs", "--help"], ["--version"]])
def test_help_and_version_exit_0(args: list[str]) -> None:
    result = invoke_main(*args)
    assert result.exit_code == 0
    assert result.stdout
    assert result.stderr == ""


def test_dash_output_means_standard_output(tmp_path: Path) -> None:
    result = run("roles", "--format", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("[")
    assert "wrote" not in result.stderr
    assert os.listdir(tmp_path) == []
