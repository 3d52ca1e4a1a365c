"""Tab completes every option and argument that takes an id or a word from a list, asked
as the shell asks: the completion variable, the words on the line and the index of the
word being completed, in a real process."""

from __future__ import annotations

import typing

import pytest
import typer

from conftest import run
from fitcareer.cli.app import app
from fitcareer.cli.registry import register
from fitcareer.commands import COMMANDS
from fitcareer.model import Catalog, DeliveryKind
from fitcareer.queries.roles import ASPECTS

pytestmark = pytest.mark.usefixtures("warm_cache")

PLACEHOLDERS = {"ROLE", "ID", "BODY", "ORG", "AREA", "ASPECT", "KIND", "KEY"}
"""What help calls a value that is an id in the data or a word from a fixed list."""


def tab(*words: str) -> list[str]:
    """What Tab offers after ``fitcareer words...``, the last word being completed."""
    env = {
        "_FITCAREER_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["fitcareer", *words]),
        "COMP_CWORD": str(len(words)),
    }
    done = run(env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    offered: list[str] = done.stdout.split()
    return offered


def ids(catalog: Catalog, what: str) -> list[str]:
    return list(getattr(catalog, what))


CASES: list[tuple[tuple[str, ...], str]] = [
    (("compare", ""), "roles"),
    (("roles", ""), "roles"),
    (("income", ""), "roles"),
    (("report", ""), "roles"),
    (("certs", "--role", ""), "roles"),
    (("certs", ""), "certifications"),
    (("steps", "--cert", ""), "certifications"),
    (("income", "--cert", ""), "certifications"),
    (("report", "--cert", ""), "certifications"),
    (("certs", "--accredited", ""), "bodies"),
    (("certs", "--org", ""), "organizations"),
    (("sources", ""), "sources"),
]
"""Each id an option or argument takes, and where the shipped data keeps those ids."""

AREAS = ["VT", "Vermont"]
"""The shipped wages have one state table: Vermont's, whose postal code is VT."""

WORDS: list[tuple[tuple[str, ...], list[str]]] = [
    (("compare", "--aspect", ""), list(ASPECTS)),
    (("certs", "--delivery", ""), list(typing.get_args(DeliveryKind))),
    (("certs", "--sort", ""), ["cost", "hours", "pass-rate"]),
    *(((name, "--area", ""), AREAS) for name in ("compare", "income", "quiz", "report")),
]


@pytest.mark.parametrize(("words", "what"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_tab_offers_every_id_of_the_shipped_data(
    words: tuple[str, ...], what: str, shipped: Catalog
) -> None:
    assert tab(*words) == ids(shipped, what)


@pytest.mark.parametrize(("words", "offered"), WORDS, ids=[" ".join(w) for w, _ in WORDS])
def test_tab_offers_every_word_an_option_takes(words: tuple[str, ...], offered: list[str]) -> None:
    assert tab(*words) == offered


def test_tab_narrows_to_what_is_typed_and_offers_abbreviations_to_capitals() -> None:
    assert tab("certs", "--org", "nas") == ["nasm"]
    assert tab("certs", "--org", "NS") == ["NSCA"]
    assert tab("certs", "--accredited", "NC") == ["NCCA"]
    assert tab("compare", "--aspect", "income", "--aspect", "in") == ["insurance"]
    assert tab("compare", "personal-trainer", "gym") == ["gym-manager"]
    assert tab("compare", "gym-manager", "gym") == []


def test_every_option_that_takes_an_id_is_completed() -> None:
    """An option or argument help names by an id placeholder is among the cases above."""
    register()
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    declared = set()
    for name in COMMANDS:
        command = group.commands[name]
        for param in command.get_params(typer.Context(command)):
            if param.metavar in PLACEHOLDERS:
                declared.add((name, param.opts[0] if param.param_type_name == "option" else ""))
    tested = {(w[0], w[1] if len(w) > 2 else "") for w, _ in [*CASES, *WORDS]}
    assert declared == tested
