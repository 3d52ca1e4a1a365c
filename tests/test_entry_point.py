"""The entry point: it finds the command on the line, defines only the command it needs,
flushes everything and keeps the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, run
from fitcareer.cli import registry
from fitcareer.cli.app import app


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["compare"], "compare"),
        (["--data-dir", "certs", "roles"], "roles"),
        (["--data-dir=somewhere", "certs"], "certs"),
        (["--max-age", "1", "sources", "bls"], "sources"),
        (["--version"], None),
        (["-h"], None),
        ([], None),
        (["--", "quiz"], "quiz"),
        (["--data-dir"], None),
    ],
)
def test_command_name(argv: list[str], name: str | None) -> None:
    assert registry.command_name(argv) == name


global_options = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(sorted(registry.GLOBAL_VALUED)), st.text(min_size=0, max_size=12)
        ),
        st.tuples(st.sampled_from(["--version", "-h", "--help", "--data-dir=x"])),
    ),
    max_size=4,
)


@given(
    before=global_options,
    name=st.sampled_from(sorted(registry.COMMANDS)),
    after=st.lists(st.text(max_size=12), max_size=4),
)
def test_command_name_finds_the_command_after_any_global_options(
    before: list[tuple[str, ...]], name: str, after: list[str]
) -> None:
    argv = [word for option in before for word in option] + [name, *after]
    assert registry.command_name(argv) == name


def test_every_command_is_found_in_the_module_that_defines_it() -> None:
    defined = {
        (info.name or info.callback.__name__): info.callback.__module__  # type: ignore[union-attr]
        for info in app.registered_commands
    }
    assert defined == {name: f"fitcareer.cli.{m}" for name, m in registry.COMMANDS.items()}


def test_the_root_options_that_take_a_value_are_known() -> None:
    import typer.main

    group = typer.main.get_command(app)
    valued = {
        opt
        for param in group.params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for opt in param.opts
    }
    assert valued == set(registry.GLOBAL_VALUED)


ALONE = [
    ["--max-age", "1", "sources", "--format", "json"],
    ["--data-dir", str(SHIPPED), "compare", "--format", "json"],
    ["roles", "--format", "json"],
    ["certs", "--format", "json"],
    ["steps", "--format", "json"],
    ["quiz", "--questions", "--format", "json"],
    ["income", "--format", "json"],
    ["paths", "fitness-instructor", "--format", "json"],
    ["wages", "--format", "json"],
    ["onet", "--format", "json"],
    ["report", "--format", "markdown"],
    ["validate"],
    ["schema", "roles"],
    ["cache"],
]
"""An ordinary run of every command, some after the options before the command."""


def test_every_command_is_run_on_its_own() -> None:
    assert sorted(registry.command_name(args) or "" for args in ALONE) == sorted(registry.COMMANDS)


@pytest.mark.parametrize("args", ALONE, ids=" ".join)
def test_each_command_runs_on_its_own(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout or "data is valid" in result.stderr


def test_help_and_a_mistyped_command_still_know_every_command() -> None:
    listed = run("--help").stdout
    for name in registry.COMMANDS:
        assert name in listed
    wrong = run("compar")
    assert wrong.returncode == 2
    assert "compare" in wrong.stderr


def test_the_installed_entry_point_flushes_everything_and_keeps_the_exit_code(
    large: Path,
) -> None:
    big = run("--data-dir", str(large), "certs", "--format", "json")
    assert big.returncode == 0
    assert len(json.loads(big.stdout)) > 100
    wrong = run("compare", "personal-trainr")
    assert wrong.returncode == 2
    assert "did you mean 'personal-trainer'?" in wrong.stderr
