"""Option values fitcareer takes as given are exactly what Typer's own checks would give,
and anything else is still checked by Typer: the same value or the same usage error."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import invoke_main
from fitcareer.cli.app import file_name
from fitcareer.cli.registry import Command


class Shape(enum.Enum):
    table = "table"
    json = "json"


def app(cls: type[typer.core.TyperCommand] | None) -> typer.Typer:
    made = typer.Typer(add_completion=False)

    @made.command(cls=cls)
    def show(
        ids: Annotated[list[str] | None, typer.Argument()] = None,
        name: Annotated[str | None, typer.Option("--name")] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        years: Annotated[int, typer.Option("--years", min=1, max=100)] = 3,
        shape: Annotated[Shape, typer.Option("--shape")] = Shape.table,
        tags: Annotated[list[str] | None, typer.Option("--tag")] = None,
        flag: Annotated[bool, typer.Option("--flag")] = False,
        place: Annotated[Path | None, typer.Option("--place")] = None,
        made: Annotated[Path | None, typer.Option("--made", exists=True, dir_okay=False)] = None,
        upper: Annotated[str | None, typer.Option("--upper", parser=str.upper)] = None,
        slash: Annotated[Path | None, typer.Option("--slash", parser=lambda v: v + "!")] = None,
        out: Annotated[Path | None, typer.Option("--out", parser=file_name)] = None,
        count: Annotated[int | None, typer.Option("--count", parser=int)] = None,
    ) -> None:
        print(repr((ids, name, limit, years, shape, tags, flag, place, made, upper, slash)))
        print(repr((out, count)))

    return made


OURS, TYPERS = app(Command), app(None)
RUNNER = CliRunner()


def outcome(made: typer.Typer, args: list[str]) -> tuple[int, str, str]:
    result = RUNNER.invoke(made, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["a", "b"],
        ["--name", "NCCA"],
        ["--name", ""],
        ["--limit", "0"],
        ["--limit", "25"],
        ["--limit", "-1"],
        ["--limit", "007"],
        ["--years", "100"],
        ["--years", "101"],
        ["--years", "0"],
        ["--shape", "json"],
        ["--shape", "JSON"],
        ["--shape", "xml"],
        ["--tag", "x", "--tag", "y"],
        ["--flag"],
        ["--place", "."],
        ["--place", "no/such/place"],
        ["--place", ""],
        ["--place", "~"],
        ["--place", "-"],
        ["--place", __file__],
        ["--made", __file__],
        ["--made", "."],
        ["--made", "no/such/file"],
        ["--upper", "ncca"],
        ["--slash", "new/"],
        ["--out", "page.html"],
        ["--out", "-"],
        ["--out", "."],
        ["--out", "new/"],
        ["--out", ""],
        ["--count", "3"],
        ["--count", "three"],
    ],
)
def test_the_same_values_and_errors_as_typer_gives(args: list[str]) -> None:
    assert outcome(OURS, args) == outcome(TYPERS, args)


@settings(max_examples=150, deadline=None)
@given(
    option=st.sampled_from(["--limit", "--years", "--shape", "--name", "--place"]),
    text=st.one_of(st.integers(-5, 150).map(str), st.text(max_size=6)),
)
def test_any_value_gives_what_typer_gives(option: str, text: str) -> None:
    assume(not (text.isdecimal() and not text.isascii()))  # `١٠` is 10 (tests/test_messages.py)
    args = [option, text]
    assert outcome(OURS, args) == outcome(TYPERS, args)


PLAIN = [
    ["certs", "--accredited", "NCCA", "--limit", "3", "--format", "json"],
    ["certs", "--org", "nasm", "-o", "FILE.json"],
    ["compare", "--output", "FILE.html"],
    ["quiz", "--questions", "-o", "FILE.md"],
    ["roles", "-o", "-"],
    ["roles", "athletic-trainer"],
]
"""Runs whose every value is plainly right, `-o FILE` among them."""


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_warm_run_with_plain_values_does_not_load_the_validation_library(
    args: list[str], tmp_path: Path
) -> None:
    argv = [a.replace("FILE", str(tmp_path / "out")) for a in args]
    probe = (
        "import sys, io, contextlib\n"
        "from fitcareer.cli.main import main\n"
        f"sys.argv = ['fitcareer', *{argv!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, e.code\n"
        "print('pydantic' in sys.modules)\n"
    )
    warm = invoke_main(*argv)  # fills the cache the probe reads (the tests share one)
    assert warm.exit_code == 0, warm.stderr
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "False\n"
