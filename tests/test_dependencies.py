"""Names fitcareer takes from Typer that are not Typer's public API still exist.

`fitcareer.cli.params` and `fitcareer.cli.registry` use Typer's vendored Click
(`typer._click`), five of `typer.rich_utils`' private helpers, and private methods of
Typer's parameter classes, whose classes they swap (`param.__class__ = ...`). Typer may
rename any of them in a minor release, which is why pyproject.toml pins `typer` below its
next one. Before raising that pin, this file says exactly which name went missing.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer
import typer.core
import typer.main

from fitcareer.cli import params, registry
from fitcareer.cli.app import app

SRC = Path(__file__).resolve().parent.parent / "src" / "fitcareer"

PRIVATE: list[tuple[str, str, tuple[str, ...], str]] = [
    ("typer._click", "Context", (), "cli/params.py, cli/registry.py"),
    ("typer._click", "HelpFormatter", (), "cli/registry.py"),
    ("typer._click", "Command", (), "cli/registry.py"),
    ("typer._click.core", "ParameterSource.DEFAULT", (), "cli/params.py"),
    ("typer._click.globals", "get_current_context", ("silent",), "cli/app.py"),
    (
        "typer.rich_utils",
        "_get_parameter_help",
        ("param", "ctx", "markup_mode"),
        "cli/registry.py",
    ),
    ("typer.rich_utils", "_make_command_help", ("help_text", "markup_mode"), "cli/registry.py"),
    ("typer.rich_utils", "_get_help_text", ("obj", "markup_mode"), "cli/registry.py"),
    ("typer.rich_utils", "_make_rich_text", ("text", "markup_mode"), "cli/registry.py"),
    ("typer.rich_utils", "_get_rich_console", (), "cli/registry.py"),
    ("typer.core", "TyperOption._get_number_range_help_str", (), "cli/registry.py"),
    ("typer.core", "TyperOption.display_type_rich", ("ctx",), "cli/registry.py"),
    ("typer.core", "TyperArgument._usage_display_name", (), "cli/registry.py"),
    ("typer.core", "TyperArgument.display_name_raw", (), "cli/registry.py"),
    ("typer.core", "TyperArgument.display_type_rich", ("ctx",), "cli/registry.py"),
    ("typer.core", "TyperOption.process_value", ("ctx", "value"), "cli/params.py"),
    ("typer.core", "TyperArgument.process_value", ("ctx", "value"), "cli/params.py"),
]
"""(module, name in it, keyword arguments fitcareer passes, where fitcareer uses it)."""

DESCRIPTOR = ("annotation", "parameter_info")
PARAMETER_INFO = (
    "parser",
    "min",
    "max",
    "path_type",
    "file_okay",
    "dir_okay",
    "readable",
    "exists",
    "writable",
    "resolve_path",
    "allow_dash",
)
"""What `fitcareer.cli.params` reads from each parameter's `type_descriptor`."""


def _missing(what: str, users: str) -> str:
    return (
        f"typer {typer.__version__} has no {what}, which fitcareer's {users} relies on: "
        "adapt that code to this Typer (or keep pyproject.toml's pin below it)"
    )


@pytest.mark.parametrize(
    ("module", "name", "keywords", "users"), PRIVATE, ids=[f"{m}.{n}" for m, n, _, _ in PRIVATE]
)
def test_private_typer_name_exists(
    module: str, name: str, keywords: tuple[str, ...], users: str
) -> None:
    try:
        found: Any = importlib.import_module(module)
    except ImportError:
        pytest.fail(_missing(f"module {module}", users))
    for part in name.split("."):
        if not hasattr(found, part):
            pytest.fail(_missing(f"{module}.{name}", users))
        found = getattr(found, part)
    if keywords:
        accepted = inspect.signature(found).parameters
        for keyword in keywords:
            if keyword not in accepted:
                pytest.fail(_missing(f"argument '{keyword}' of {module}.{name}", users))


def _typer_bases(module: ModuleType) -> list[tuple[type, type]]:
    """Each class ``module`` defines that derives from a Typer class, with that class."""
    pairs = []
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != module.__name__:
            continue
        for base in cls.__mro__[1:]:
            if base.__module__.startswith("typer"):
                pairs.append((cls, base))
                break
    return pairs


@pytest.mark.parametrize("module", [params, registry], ids=lambda m: m.__name__)
def test_every_private_method_fitcareer_overrides_is_still_typers(module: ModuleType) -> None:
    """An override of a private method Typer renamed would silently stop being called."""
    for cls, base in _typer_bases(module):
        for name in vars(cls):
            if name.startswith("_") and not name.startswith("__") and not hasattr(base, name):
                pytest.fail(
                    _missing(f"{base.__qualname__}.{name}", f"{module.__name__}.{cls.__name__}")
                )


def _typer_private_names() -> set[str]:
    names: set[str] = set()
    for module in ("typer.core", "typer.rich_utils", "typer.main", "typer._click"):
        found = importlib.import_module(module)
        for name, value in vars(found).items():
            names.add(name)
            if inspect.isclass(value):
                names.update(dir(value))
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_the_list_above_names_every_private_typer_name_the_code_uses() -> None:
    """A new use of a private Typer name belongs in `PRIVATE` too."""
    listed = {part for _, name, _, _ in PRIVATE for part in name.split(".")}
    listed |= {module.split(".")[1] for module, _, _, _ in PRIVATE if "._" in module}
    private = _typer_private_names()
    used: set[str] = set()
    for path in (SRC / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\btyper\.(_\w+)", text))
        used |= {n for n in re.findall(r"\.(_[a-z]\w*)\b", text) if n in private}
    assert used - listed == set(), "add these to PRIVATE in tests/test_dependencies.py"


def test_parameters_still_carry_what_params_reads_and_take_a_new_class() -> None:
    registry.register(None)
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    seen = 0
    for name in registry.COMMANDS:
        command = group.get_command(ctx, name)  # type: ignore[attr-defined]
        for param in command.params:
            if not isinstance(param, typer.core.TyperOption | typer.core.TyperArgument):
                continue
            seen += 1
            for attribute in DESCRIPTOR:
                if not hasattr(param.type_descriptor, attribute):
                    pytest.fail(_missing(f"type_descriptor.{attribute}", "cli/params.py"))
            for attribute in PARAMETER_INFO:
                if not hasattr(param.type_descriptor.parameter_info, attribute):
                    pytest.fail(_missing(f"ParameterInfo.{attribute}", "cli/params.py"))
            swapped = copy.copy(param)
            lean = params.Option if isinstance(param, typer.core.TyperOption) else params.Argument
            try:
                swapped.__class__ = lean
            except TypeError:
                pytest.fail(
                    _missing(
                        f"a {type(param).__name__} whose class can be swapped", "cli/params.py"
                    )
                )
    assert seen > 0
