"""Write the part of docs/commands.md that is each command's `--help`.

    python docs/commands.py          # rewrite docs/commands.md
    python docs/commands.py --check  # exit 1 if it differs from what would be written

The help is taken from the installed `fitcareer` (run as `python -m fitcareer`), at a
fixed width below which help is stacked (an option's names on a line, its help under
them), for the root and then every command in `fitcareer.cli.registry.COMMANDS`. Only
the text between the two markers is replaced; the words around them are kept.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "commands.md"

WIDTH = 79
"""Columns the help is laid out in: stacked help, which reads as plain text."""

BEGIN = "<!-- begin: generated from --help by `python docs/commands.py`; do not edit by hand -->"
END = "<!-- end: generated from --help -->"

IGNORED = ("FORCE_COLOR", "TERMINAL_WIDTH", "LINES")
"""Settings of the machine it runs on that would change the help's look."""


def help_text(*args: str) -> str:
    """`fitcareer ARGS --help` as a terminal of `WIDTH` columns without colour shows it,
    with the blank margin and trailing spaces taken off."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FITCAREER_", "_FITCAREER")) and k not in IGNORED
    }
    # PYTHONHASHSEED: Typer's help option takes its names (-h, --help) from a set, so
    # stacked help lists them in an order that changes from run to run.
    env.update(COLUMNS=str(WIDTH), NO_COLOR="1", PYTHONHASHSEED="0")
    shown = subprocess.run(
        [sys.executable, "-m", "fitcareer", *args, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
        timeout=120,
    ).stdout
    lines = [line.rstrip() for line in shown.splitlines()]
    return textwrap.dedent("\n".join(lines)).strip("\n")


def generated() -> str:
    """The text between the markers: the root's help, then each command's."""
    from fitcareer.cli.registry import COMMANDS

    parts = [BEGIN]
    for name in ["", *COMMANDS]:
        title = f"fitcareer {name}".strip()
        text = help_text(*([name] if name else []))
        parts.append(f"## {title}\n\n```text\n{text}\n```")
    parts.append(END)
    return "\n\n".join(parts)


def page(current: str) -> str:
    """``current`` (the page's text) with its generated part made anew."""
    before, found, rest = current.partition(BEGIN)
    _, ended, after = rest.partition(END)
    if not (found and ended):
        raise SystemExit(f"{PAGE}: the markers {BEGIN!r} and {END!r} are missing")
    return before + generated() + after


def main(argv: list[str]) -> int:
    current = PAGE.read_text(encoding="utf-8")
    wanted = page(current)
    if argv == ["--check"]:
        if wanted != current:
            print(f"{PAGE} is out of date: run python docs/commands.py", file=sys.stderr)
            return 1
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    PAGE.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
