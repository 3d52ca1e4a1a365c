"""Which commands exist and the module that defines each: the one list `main`, the tests
and the README refresh all register commands from."""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence

COMPLETE_VAR = "_FITCAREER_COMPLETE"
"""Set by the shell when it asks for completions."""


COMMANDS = {
    "certs": "certs",
    "steps": "certs",
    "validate": "data",
    "cache": "data",
    "income": "income",
    "quiz": "quiz",
    "compare": "roles",
    "roles": "roles",
    "sources": "sources",
    "schema": "sources",
}
"""Each command and the module in `fitcareer.cli` that defines it."""


GLOBAL_VALUED = frozenset({"--data-dir", "--max-age"})
"""Options before the command name that take a value."""


def register(argv: Sequence[str] | None = None) -> None:
    """Define the command that ``argv`` runs, or every command when it names none.

    Typer builds a parser for every defined command on each run, so defining only the
    one in use keeps start-up short. Help, shell completion and a mistyped command
    get them all.
    """
    name = None if argv is None or os.environ.get(COMPLETE_VAR) else command_name(argv)
    modules = [COMMANDS[name]] if name in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"fitcareer.cli.{module}")


def command_name(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is neither an option nor an option's value."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return next(args, None)
        if arg in GLOBAL_VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None
