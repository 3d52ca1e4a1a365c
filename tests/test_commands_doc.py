"""docs/commands.md shows each command's help as `--help` shows it today."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from fitcareer.cli.registry import COMMANDS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("commands_doc", DOCS / "commands.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_commands_page_is_the_help_of_every_command() -> None:
    made = generator()
    committed = made.PAGE.read_text(encoding="utf-8")
    assert committed == made.page(committed), (
        "docs/commands.md differs from the commands' --help: run python docs/commands.py"
    )


def test_commands_page_has_a_section_per_command_in_help_order() -> None:
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## fitcareer ?(\w*)$", text, re.MULTILINE)
    assert headings == ["", *COMMANDS]
    sources = text.split("## fitcareer sources", 1)[1].split("\n## ", 1)[0]
    assert "--detail" in sources
