"""Usage errors found while reading the command line are one line on stderr, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import invoke_main, run


@pytest.mark.parametrize(
    ("args", "words", "command"),
    [
        (["certs", "--limit", "-1"], "--limit", "fitcareer certs"),
        (["certs", "--years", "0"], "--years", "fitcareer certs"),
        (["certs", "--accredited"], "--accredited", "fitcareer certs"),
        (["compare", "--colour"], "--colour", "fitcareer compare"),
        (["--max-age", "soon", "sources"], "--max-age", "fitcareer"),
        (["roles", "--format", "pdf"], "--format", "fitcareer roles"),
    ],
)
def test_a_bad_option_is_one_line_naming_it_and_where_help_is(
    args: list[str], words: str, command: str
) -> None:
    result = invoke_main(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("fitcareer: ")
    assert words in result.stderr
    assert result.stderr.endswith(f" (see '{command} --help')\n")
    assert ". (see" not in result.stderr


def test_an_unknown_command_is_one_line_with_a_suggestion() -> None:
    result = run("compar")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "'compar'" in result.stderr
    assert "compare" in result.stderr.replace("'compar'", "")


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
