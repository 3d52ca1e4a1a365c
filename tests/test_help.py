"""Help reads like a person wrote it: placeholders are words, commands come in the order a
user meets them, no help line is cut, and every command and option is documented."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import invoke_main, run
from fitcareer.cli import registry
from fitcareer.cli.app import app
from fitcareer.cli.registry import register
from fitcareer.commands import COMMANDS, SUMMARIES

ROOT = Path(__file__).resolve().parent.parent

ORDER = list(COMMANDS)
"""The user's path: compare roles, look closer, choose, then the data tools."""

DATA_TOOLS = [name for name in ORDER if registry.PANELS[name] == registry.DATA]

BOX = str.maketrans(dict.fromkeys("│╭╮╰╯─", " "))


def root() -> typer.core.TyperGroup:
    register(None)
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return group


def help_text(*args: str, width: int = 80) -> str:
    result = invoke_main(*args, "--help", env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert result.stderr == ""
    return result.stdout


def listed(text: str) -> list[str]:
    """Command names in the order `fitcareer --help` lists them."""
    return [
        m.group(1) for m in re.finditer(r"^│ (\w+) ", text, re.MULTILINE) if m.group(1) in ORDER
    ]


def test_every_command_is_listed_in_the_users_order() -> None:
    assert listed(help_text()) == ORDER
    assert sorted(root().commands) == sorted(ORDER)


def test_the_data_tools_are_a_group_of_their_own() -> None:
    assert DATA_TOOLS == ["validate", "schema", "cache"]
    text = help_text()
    data = text.index("Data ")
    choose = text.index("Compare and choose")
    assert choose < data
    for name in DATA_TOOLS:
        assert text.index(f"│ {name} ") > data
    for name in ORDER[: -len(DATA_TOOLS)]:
        assert choose < text.index(f"│ {name} ") < data


def test_the_order_does_not_depend_on_which_module_was_imported_first() -> None:
    script = (
        "import sys\n"
        "import fitcareer.cli.data, fitcareer.cli.sources, fitcareer.cli.quiz\n"
        "from fitcareer.cli.main import main\n"
        "sys.argv = ['fitcareer', '--help']\n"
        "main()\n"
    )
    env = {"COLUMNS": "80", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, env=env
    )
    assert result.returncode == 0
    assert listed(result.stdout) == ORDER


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("colour", ["NO_COLOR", "FORCE_COLOR"])
def test_help_lists_every_command_as_when_every_command_is_defined(width: int, colour: str) -> None:
    """`fitcareer --help` defines no command and lists each from its summary: the page is
    the one every command, defined, gives."""
    env = {"COLUMNS": str(width), colour: "1"}
    listed = run("--help", env=env)
    root()
    defined = invoke_main("--help", env=env)
    assert listed.returncode == defined.exit_code == 0
    assert listed.stdout == defined.stdout


def test_each_summary_is_the_first_paragraph_of_its_commands_help() -> None:
    group = root()
    assert list(SUMMARIES) == ORDER
    for name in ORDER:
        assert SUMMARIES[name] == inspect.cleandoc(group.commands[name].help or "").split("\n\n")[0]


def test_help_version_and_a_mistyped_command_import_no_command() -> None:
    modules = sorted({f"fitcareer.cli.{module}" for module in COMMANDS.values()})
    script = (
        "import sys\n"
        "from fitcareer.cli.main import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    print(sorted(set(sys.modules) & set({modules!r})), file=sys.stderr)\n"
    )
    for args in ([], ["--help"], ["--version"], ["compar"]):
        result = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=30
        )
        assert result.stderr.splitlines()[-1] == "[]", (args, result.stderr)


@pytest.mark.parametrize("command", [[], *([name] for name in ORDER)])
@pytest.mark.parametrize("width", [80, 60])
def test_help_has_word_placeholders_and_fits_the_width(command: list[str], width: int) -> None:
    text = help_text(*command, width=width)
    assert "<" not in text
    for line in text.splitlines():
        assert len(line) <= width


@pytest.mark.parametrize("width", [40, 60])
def test_narrow_help_is_stacked_and_cuts_no_option_name(width: int) -> None:
    lines = [line.strip() for line in help_text("certs", width=width).splitlines()]
    assert "--accredited BODY" in lines
    assert "--limit, -n N [0 or more]" in lines
    assert "--years N [1 to 100]" in lines
    assert "never half-written." in " ".join(" ".join(lines).split())
    assert not any("…" in line for line in lines)


def test_narrow_help_lists_commands_in_the_users_order_grouped() -> None:
    lines = [line.strip() for line in help_text(width=40).splitlines()]
    names = [line for line in lines if line in ORDER]
    assert names == ORDER
    data = lines.index("Data")
    assert lines.index("Compare and choose") < lines.index("compare") < data
    assert data < lines.index("validate")
    assert "--data-dir DIR" in lines and "--max-age YEARS [0 or more]" in lines


def _words(text: str | None) -> set[str]:
    return set((text or "").split())


@pytest.mark.parametrize("name", [None, *ORDER])
def test_no_help_line_cuts_a_word(name: str | None) -> None:
    group = root()
    command = group if name is None else group.commands[name]
    ctx = typer.Context(command, info_name="fitcareer")
    text = help_text(*([name] if name else []))
    shown = set(text.translate(BOX).split())
    shown |= {word.removesuffix("...") for word in shown}
    wanted = _words(command.help)
    for param in command.get_params(ctx):
        wanted |= _words(getattr(param, "help", None))
        if param.param_type_name == "option":
            wanted |= set(param.opts)
        wanted |= _words(param.metavar)
    cut = sorted(w for w in wanted if w not in shown)
    assert cut == []


def _documented() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_every_command_and_long_option_is_documented() -> None:
    docs = _documented()
    group = root()
    missing = []
    for name, command in [("", group), *group.commands.items()]:
        if name and not re.search(rf"fitcareer {name}\b", docs):
            missing.append(f"fitcareer {name}")
        ctx = typer.Context(command, info_name="fitcareer")
        for param in command.get_params(ctx):
            for opt in [*param.opts, *param.secondary_opts]:
                if opt.startswith("--") and not re.search(rf"{re.escape(opt)}\b", docs):
                    missing.append(f"{name} {opt}".strip())
    assert missing == []


def test_the_readme_table_lists_every_command_in_the_users_order() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| command | what it does |") :].split("\n\n")[0]
    names = re.findall(r"^\| `(\w+)", table, re.MULTILINE)
    assert names == ORDER


def test_narrow_help_names_the_help_option_the_same_way_every_run() -> None:
    """The help option's names come in a per-process order; help lists long names first."""
    pages = {
        run("certs", "--help", env={"COLUMNS": "60", "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(6)
    }
    assert len(pages) == 1
    assert "--help, -h" in pages.pop()
