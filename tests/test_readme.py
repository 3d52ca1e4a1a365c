"""The README's tour stays true: every `$ fitcareer ...` example runs, and its shown
output is exactly what the command prints.

Regenerate the shown output after a change with:

    python tests/test_readme.py --update
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from conftest import invoke_main

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n\$ (fitcareer[^\n]*)\n(.*?)```", re.DOTALL)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "FITCAREER_NO_CACHE": "1"}


def examples() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def output(command: str) -> str:
    args = shlex.split(command)[1:]
    result = invoke_main(*args, env=ENV)
    assert result.exit_code == 0, f"{command}: exit {result.exit_code}\n{result.stderr}"
    return result.stdout


def test_readme_has_a_tour() -> None:
    assert len(examples()) >= 5


@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_example_output_matches(command: str, shown: str) -> None:
    assert output(command) == shown, (
        f"README output of '{command}' is stale: run python tests/test_readme.py --update"
    )


def test_setup_commands_come_first() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```", 2)[1]
    commands = [line for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["pip install . && fitcareer compare", "pip install '.[test]' && pytest"]


def update() -> None:
    text = README.read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        return f"```console\n$ {match.group(1)}\n{output(match.group(1))}```"

    README.write_text(BLOCK.sub(fill, text), encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    update()
