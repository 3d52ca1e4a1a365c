"""Tab completes every option and argument that takes an id or a word from a list, asked
as the shell asks: the completion variable, the words on the line and the index of the
word being completed, through the entry point (`tab`); a real process answers the same
way (`test_completion_through_the_shell_protocol`)."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from conftest import invoke_main, run
from fitcareer.cli import complete
from fitcareer.cli.app import app
from fitcareer.cli.registry import register
from fitcareer.commands import COMMANDS
from fitcareer.model import Catalog, DeliveryKind
from fitcareer.queries.roles import ASPECTS

pytestmark = pytest.mark.usefixtures("warm_cache")

PLACEHOLDERS = {
    "ROLE",
    "ID",
    "BODY",
    "ORG",
    "AREA",
    "ASPECT",
    "KIND",
    "KEY",
    "WAY",
    "SOC",
    "import",
}
"""What help calls a value that is an id in the data or a word from a fixed list."""


def tab(*words: str) -> list[str]:
    """What Tab offers after ``fitcareer words...``, the last word being completed."""
    env = {
        "_FITCAREER_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["fitcareer", *words]),
        "COMP_CWORD": str(len(words)),
    }
    done = invoke_main(env=env)
    assert done.exit_code == 0, done.stderr
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
    (("paths", ""), "roles"),
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


AREAS = ["AL", "AK", "AZ"]
"""The shipped wages' first states by postal code (Tab offers every state, then the areas
whose name is one word)."""

SOC = [
    "39-9031",
    "29-9091",
    "29-1128",
    "27-2022",
    "39-9032",
    "31-2021",
    "29-1031",
    "29-1125",
    "11-9072",
]
"""The shipped occupations' SOC codes, the fitness occupation's first."""

WORDS: list[tuple[tuple[str, ...], list[str]]] = [
    (("compare", "--aspect", ""), list(ASPECTS)),
    (("certs", "--delivery", ""), ["online", "centre", "center", *typing.get_args(DeliveryKind)]),
    (("certs", "--sort", ""), ["cost", "hours", "pass-rate"]),
    *(((name, "--area", ""), AREAS) for name in ("compare", "income", "quiz", "report", "paths")),
    (("wages", ""), ["import"]),
    (("onet", ""), ["import"]),
    (("wages", "--occupation", ""), SOC),
]


@pytest.mark.parametrize(("words", "what"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_tab_offers_every_id_of_the_shipped_data(
    words: tuple[str, ...], what: str, shipped: Catalog
) -> None:
    assert tab(*words) == ids(shipped, what)


@pytest.mark.parametrize(("words", "offered"), WORDS, ids=[" ".join(w) for w, _ in WORDS])
def test_tab_offers_every_word_an_option_takes(words: tuple[str, ...], offered: list[str]) -> None:
    found = tab(*words)
    assert found[: len(offered)] == offered if words[-2] == "--area" else found == offered


def test_tab_offers_every_state_and_one_word_area() -> None:
    found = tab("income", "--area", "")
    assert {"OH", "Ohio", "VT", "Vermont", "DC", "PR", "Guam"} <= set(found)
    assert tab("income", "--area", "Oh") == ["Ohio"]


def test_tab_narrows_to_what_is_typed_and_offers_abbreviations_to_capitals() -> None:
    assert tab("certs", "--org", "nas") == ["nasm"]
    assert tab("certs", "--org", "NS") == ["NSCA"]
    assert tab("certs", "--accredited", "NC") == ["NCCA"]
    assert tab("compare", "--aspect", "income", "--aspect", "in") == ["insurance"]
    assert tab("compare", "personal-trainer", "gym") == ["gym-manager"]
    assert tab("compare", "gym-manager", "gym") == []
    assert tab("wages", "--occupation", "29-11") == ["29-1128", "29-1125"]
    assert tab("onet", "im") == ["import"]


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


def context(data_dir: Path | None, command: str, **params: Any) -> typer.Context:
    """The context a completion callback gets while the user types `command`."""
    cli = get_command(app)
    root = typer.Context(cli, info_name="fitcareer")
    root.params["data_dir"] = data_dir
    ctx = typer.Context(cli.commands[command], parent=root, info_name=command)  # type: ignore[attr-defined]
    ctx.params.update(params)
    return ctx


def test_completion_offers_matching_ids(mini: Path) -> None:
    ctx = context(mini, "compare")
    assert [v for v, _ in complete.roles(ctx, "")] == [
        "fitness-instructor",
        "personal-trainer",
        "gym-manager",
    ]
    assert complete.roles(ctx, "p") == [("personal-trainer", "Personal trainer")]
    assert [v for v, _ in complete.certifications(context(mini, "certs"), "abc-c")] == ["abc-cpt"]
    assert [v for v, _ in complete.sources(context(mini, "sources"), "s-u")] == [
        "s-undated",
        "s-unused",
    ]


def test_completion_leaves_out_ids_already_given(mini: Path) -> None:
    ctx = context(mini, "compare", roles=["personal-trainer"])
    assert [v for v, _ in complete.roles(ctx, "")] == ["fitness-instructor", "gym-manager"]


def test_body_completion_follows_the_user_s_case(mini: Path) -> None:
    ctx = context(mini, "certs")
    assert complete.bodies(ctx, "n") == [("ncca", "National Commission for Certifying Agencies")]
    assert [v for v, _ in complete.bodies(ctx, "N")] == ["NCCA"]


def test_completion_offers_nothing_when_data_cannot_load(mini: Path, tmp_path: Path) -> None:
    (mini / "roles.yaml").write_text("roles: [", encoding="utf-8")
    callbacks = (complete.roles, complete.certifications, complete.bodies, complete.sources)
    for folder in (mini, tmp_path / "missing"):
        for callback in callbacks:
            assert callback(context(folder, "compare"), "") == []


def test_completion_through_the_shell_protocol(mini: Path) -> None:
    words = f"fitcareer --data-dir {mini} certs --accredited N"
    env = {"_FITCAREER_COMPLETE": "complete_bash", "COMP_WORDS": words}
    done = run(env={**env, "COMP_CWORD": "5"})
    assert (done.returncode, done.stdout.split()) == (0, ["NCCA"]), done.stderr
    words = f"fitcareer --data-dir {mini} compare personal-trainer "
    env = {**env, "COMP_WORDS": words, "COMP_CWORD": "5"}
    done = run(env=env)
    assert done.stdout.split() == ["fitness-instructor", "gym-manager"], done.stderr
