"""Typer's parameters, made to take a value that is plainly right as it is.

Typer 0.29 checks every value with a pydantic validator built for the parameter (about
2 ms each, a dozen a command), importing pydantic first (about 0.1 s), even for a value
left as declared or text given for text. `Option` and `Argument` pass such values
through as Typer would give them back, and leave everything else to Typer, which then
checks it and says what is wrong; `tests/test_options.py` holds them to Typer's answers.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Any

from typer import core
from typer._click import Context
from typer._click.core import ParameterSource

_DEFAULTS = (ParameterSource.DEFAULT, None)
_KEPT = (bool, int, str, enum.Enum)


def _as_given(param: core.TyperOption | core.TyperArgument, ctx: Context, value: Any) -> Any:
    """The value Typer's coercion would give for a value that is plainly right (text for
    text, a whole number in range, a choice spelled as declared, text for a parameter
    with its own parser, or what the command declares, as the user left it), else
    `_COERCE`: Typer then checks it and says what is wrong. A whole number may be
    written in any digits `int()` reads (`١٠` is 10), which Typer alone would refuse."""
    annotation = param.type_descriptor.annotation
    default = ctx.get_parameter_source(param.name or "") in _DEFAULTS
    info = param.type_descriptor.parameter_info
    if value is not None and info.parser is not None:
        return _parsed(param, value)
    if param.multiple or param.nargs == -1:
        if value in (None, ()) and default:
            return value
        if annotation == list[str] and all(type(v) is str for v in value):
            return list(value)
        return _COERCE
    if value is None:
        return _COERCE if param.required else None
    if annotation is str and type(value) is str:
        return value
    if annotation is int and type(value) is str and value.isdecimal():
        number, low, high = int(value), info.min, info.max
        if (low is None or number >= low) and (high is None or number <= high):
            return number
    if isinstance(annotation, enum.EnumMeta) and type(value) is str:
        member = {m.value: m for m in annotation}.get(value)  # type: ignore[var-annotated]
        if member is not None:
            return member
    if annotation is Path and type(value) is str and _any_path(param, value):
        return Path(value)
    if value is param.default and isinstance(value, _KEPT) and default:
        return value
    return _COERCE


_COERCE = object()


def _parsed(param: core.TyperOption | core.TyperArgument, value: Any) -> Any:
    """What Typer gives for one text its parameter parses itself: the parser's answer, as
    it is (Typer checks nothing more). A parser's `ValueError`, which Typer words, and a
    missing required value are left to Typer."""
    parser = param.type_descriptor.parameter_info.parser
    if parser is None or param.multiple or param.nargs != 1 or type(value) is not str:
        return _COERCE
    try:
        parsed = parser(value)
    except (ValueError, AssertionError):
        return _COERCE
    return _COERCE if parsed is None and param.required else parsed


def _any_path(param: core.TyperOption | core.TyperArgument, value: str) -> bool:
    """Whether Typer would take ``value`` as it is for a path that may be anything
    readable or nothing yet: no checks asked for, and none it would fail."""
    info = param.type_descriptor.parameter_info
    plain = (
        info.path_type is None
        and info.file_okay
        and info.dir_okay
        and info.readable
        and not (info.exists or info.writable or info.resolve_path or info.allow_dash)
    )
    if not plain or not value or "\0" in value:
        return False
    try:
        os.stat(value)
    except OSError:
        return True
    return os.access(value, os.R_OK)


class Option(core.TyperOption):
    """An option whose value needs no coercion is not coerced: Typer would build a
    pydantic validator for it (about 2 ms each, a dozen a command) and import pydantic
    (about 0.1 s) only to pass the value through."""

    def process_value(self, ctx: Context, value: Any) -> Any:
        given = _as_given(self, ctx, value)
        if given is _COERCE:
            return super().process_value(ctx, value)
        return self.callback(ctx, self, given) if self.callback is not None else given


class Argument(core.TyperArgument):
    """An argument whose value needs no coercion, like an `Option`."""

    def process_value(self, ctx: Context, value: Any) -> Any:
        given = _as_given(self, ctx, value)
        if given is _COERCE:
            return super().process_value(ctx, value)
        return self.callback(ctx, self, given) if self.callback is not None else given


def _lean(params: list[Any]) -> None:
    """Make Typer's parameters `Option` and `Argument`."""
    for param in params:
        if type(param) is core.TyperOption:
            param.__class__ = Option
        elif type(param) is core.TyperArgument:
            param.__class__ = Argument


class Lean:
    """What `Command` and `Group` share: `Option`s and `Argument`s, `--help` included."""

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        _lean([option])
        return option

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        _lean(self.params)  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
