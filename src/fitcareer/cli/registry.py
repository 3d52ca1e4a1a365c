"""Commands registered from the one list of them (`fitcareer.commands.COMMANDS`, which
`COMMANDS` here is): only the one being run, or all of them for shell completion; help
lists them in its order, in two groups, each from its summary when it is not registered."""

from __future__ import annotations

import difflib
import importlib
import os
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, Literal, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text
from typer import core
from typer._click import Command as ClickCommand
from typer._click import Context, HelpFormatter

from fitcareer.cli.params import Lean
from fitcareer.commands import COMMANDS as COMMANDS
from fitcareer.commands import SUMMARIES
from fitcareer.errors import UsageError, printable

F = TypeVar("F", bound=Callable[..., Any])


def rich_utils() -> ModuleType:
    """Typer's help formatting, imported only when help is shown: it brings Markdown and
    syntax highlighting with it, which no ordinary run needs."""
    from typer import rich_utils

    return rich_utils


COMPLETE_VAR = "_FITCAREER_COMPLETE"
"""Set by the shell when it asks for completions."""


CHOOSE, DATA = "Compare and choose", "Data"
"""The groups `fitcareer --help` lists commands in."""

PANELS = {
    name: DATA if module == "data" or name == "schema" else CHOOSE
    for name, module in COMMANDS.items()
}
"""The group each command is listed in."""


STACKED_BELOW = 80
"""Below this many columns help is stacked: each option's names and placeholder on a line
of their own, its help wrapped under them. Rich's side-by-side panels would cut option
names and words (`--data-…`) to fit."""

RICH: Literal["rich"] = "rich"
"""The markup help text is written in (`rich_markup_mode` of the app)."""

GLOBAL_VALUED = frozenset({"--data-dir", "--max-age"})
"""Options before the command name that take a value."""


def register(argv: Sequence[str] | None = None) -> None:
    """Define the command that ``argv`` runs; every command for shell completion or
    without ``argv``; none when it names none (help, `--version`, a mistyped name).

    Typer builds a parser for every defined command on each run, so defining only the
    one in use keeps start-up short. `Group` lists every command in the order of
    `COMMANDS`, whatever is defined and in whichever order.
    """
    if argv is None or os.environ.get(COMPLETE_VAR):
        modules = list(dict.fromkeys(COMMANDS.values()))
    else:
        name = command_name(argv)
        modules = [COMMANDS[name]] if name in COMMANDS else []
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


class _Argument(core.TyperArgument):
    """An argument shown by its name, a word (`ROLE...` when it takes several), with no
    Python type beside it."""

    @property
    def display_name_raw(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 else name

    def _usage_display_name(self) -> str:
        return f"{{{self.display_name_raw}}}" if self.required else f"[{self.display_name_raw}]"

    def display_type_rich(self, ctx: Context) -> str | None:
        return None


class _Option(core.TyperOption):
    """An option whose range reads `1 to 100` or `0 or more`, not `1<=x<=100`."""

    def _get_number_range_help_str(self) -> str | None:
        least, most = self.min, self.max
        if least is not None and most is not None:
            return f"{least} to {most}"
        if least is not None:
            return f"{least} or more"
        return f"{most} or less" if most is not None else None


def paragraphs(text: str | None) -> str | None:
    """Help text as paragraphs for Rich to wrap: a docstring's own line breaks, made for
    the source file, would break lines a second time at the terminal's width."""
    if text is None:
        return None
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))


def words(command: ClickCommand, ctx: Context) -> None:
    """Help in words: Typer would show `<list[str]>` beside an argument's name and
    `<bool>` beside a flag; the declared names (ROLE, FILE, YEARS) say enough."""
    command.help = paragraphs(command.help)
    for param in command.get_params(ctx):
        if isinstance(param, core.TyperArgument):
            param.__class__ = _Argument
        elif isinstance(param, core.TyperOption):
            param.__class__ = _Option
            if param.is_flag and param.metavar is None:
                param.metavar = ""


def _names(param: core.TyperArgument | core.TyperOption, ctx: Context) -> Text:
    """An option's names and placeholder (`--limit, -n N [0 or more]`), or an argument's."""
    if isinstance(param, core.TyperArgument):
        return Text(param.display_name_raw, style="bold cyan")
    # Long names first, each kind in declared order: the help option's names reach here
    # in an order that varies from run to run.
    given = sorted([*param.opts, *param.secondary_opts], key=lambda n: not n.startswith("--"))
    names = Text(", ".join(given), style="bold cyan")
    shown = param.display_type_rich(ctx)
    if shown:
        names.append(f" {shown}", style="bold yellow")
    span = param._get_number_range_help_str()
    if span:
        names.append(f" [{span}]", style="dim")
    return names


def _params(ctx: Context, command: ClickCommand) -> list[RenderableType]:
    """Arguments, then options: names on a line, help indented under them."""
    shown = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    parts: list[RenderableType] = []
    for title, kind in (("Arguments", core.TyperArgument), ("Options", core.TyperOption)):
        params = [p for p in shown if isinstance(p, kind)]
        if params:
            parts.append(Text(f"\n{title}", style="bold"))
        for param in params:
            parts.append(Padding(_names(param, ctx), (0, 0, 0, 2)))
            lines = rich_utils()._get_parameter_help(param=param, ctx=ctx, markup_mode=RICH)
            parts.append(Padding(lines, (0, 0, 0, 6)))
    return parts


def _commands(ctx: Context, group: core.TyperGroup) -> list[RenderableType]:
    """Each group of commands under its title: a name on a line, what it does under it."""
    panels: dict[str, list[ClickCommand]] = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            title = getattr(command, "rich_help_panel", None) or "Commands"
            panels.setdefault(title, []).append(command)
    parts: list[RenderableType] = []
    for title, commands in panels.items():
        parts.append(Text(f"\n{title}", style="bold"))
        for command in commands:
            parts.append(Padding(Text(command.name or "", style="bold cyan"), (0, 0, 0, 2)))
            brief = rich_utils()._make_command_help(
                help_text=command.short_help or command.help or "",
                markup_mode=RICH,
            )
            parts.append(Padding(brief, (0, 0, 0, 6)))
    return parts


def stacked(command: ClickCommand, ctx: Context, console: Console) -> None:
    """Help for a narrow terminal: one thing a line, every word whole."""
    console.print(Padding(Text(command.get_usage(ctx)), (1, 1, 1, 1)))
    if command.help:
        text = rich_utils()._get_help_text(obj=command, markup_mode=RICH)
        console.print(Padding(text, (0, 1, 0, 1)))
    parts = _params(ctx, command)
    if isinstance(command, core.TyperGroup):
        parts += _commands(ctx, command)
    for part in parts:
        console.print(Padding(part, (0, 1, 0, 1)))
    if command.epilog:
        epilog = rich_utils()._make_rich_text(text=command.epilog, markup_mode=RICH)
        console.print(Padding(epilog, 1))


def show_help(command: ClickCommand, ctx: Context) -> bool:
    """Print stacked help when the terminal is narrower than `STACKED_BELOW`; whether it did."""
    words(command, ctx)
    console = rich_utils()._get_rich_console()
    if console.width >= STACKED_BELOW:
        return False
    stacked(command, ctx, console)
    return True


class Command(Lean, core.TyperCommand):
    """A command whose help has placeholders in words, which names a word too many, and
    whose `-o FILE` is checked against its formats before it runs."""

    def invoke(self, ctx: Context) -> Any:
        from fitcareer.cli.app import check_output  # the app module imports this one

        check_output(ctx)
        return super().invoke(ctx)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        if not show_help(self, ctx):
            super().format_help(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            extra = printable(rest[0])
            takes = [p for p in self.params if isinstance(p, core.TyperArgument)]
            if not takes:
                raise UsageError(f"'{extra}' is not expected: {self.name} takes only options")
            what = (takes[0].metavar or takes[0].name or "").upper()
            raise UsageError(
                f"'{extra}' is one word too many: {self.name} takes one {what} "
                "(quote a name of several words)"
            )
        return rest


class _Listed(core.TyperCommand):
    """A command as help lists it, from its summary, its module not imported. It never
    runs: `register` defines the command a command line names."""

    def invoke(self, ctx: Context) -> Any:
        raise RuntimeError(f"command '{self.name}' is listed but not defined")


class Group(Lean, core.TyperGroup):
    """The root command: lists every command in the order of `COMMANDS`, grouped, with
    placeholders in words, and names a mistyped command in fitcareer's words."""

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> ClickCommand | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in SUMMARIES:
            command = _Listed(name=cmd_name, help=SUMMARIES[cmd_name])
        if isinstance(command, core.TyperCommand) and cmd_name in PANELS:
            command.rich_help_panel = PANELS[cmd_name]
        return command

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        if not show_help(self, ctx):
            super().format_help(ctx, formatter)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, ClickCommand | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"commands: {', '.join(COMMANDS)}"
            raise UsageError(f"'{printable(name)}' is not a command ({hint})")
        return super().resolve_command(ctx, args)


class App(typer.Typer):
    """The Typer app, whose commands are `Command`s unless they say otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[core.TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        return super().command(name, cls=cls or Command, **kwargs)
