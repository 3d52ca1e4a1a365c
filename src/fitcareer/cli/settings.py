"""The settings given before the command, passed to every command as a value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from fitcareer.views.words import MAX_AGE


@dataclass(frozen=True, slots=True)
class Settings:
    """What the options before the command say, for every command of the run."""

    data_dir: Path | None = None
    max_age: int = MAX_AGE


def settings(ctx: typer.Context) -> Settings:
    """The run's settings, read from the root command's parsed options.

    Shell completion parses the command line without running the root callback, so the
    options themselves, not anything the callback stores, are the one place to read.
    """
    params = ctx.find_root().params
    max_age = params.get("max_age")
    return Settings(params.get("data_dir"), MAX_AGE if max_age is None else max_age)
