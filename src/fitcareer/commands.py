"""fitcareer's commands: the one list of them.

Each command's name and the module of `fitcareer.cli` that defines it, in the order a
user meets them: compare roles, look closer, choose a certification, then the data
tools. `cli/registry.py` registers, lists and groups the commands from it, and names a
mistyped one; shell completion offers what it registers; handouts (`views/handout.py`)
take out the command-line syntax that names one; the tests' every-command lists and
the README's table of commands are checked against it.
"""

from __future__ import annotations

COMMANDS = {
    "compare": "roles",
    "roles": "roles",
    "certs": "certs",
    "steps": "certs",
    "quiz": "quiz",
    "income": "income",
    "wages": "wages",
    "sources": "sources",
    "report": "report",
    "validate": "data",
    "schema": "sources",
    "cache": "data",
}
"""Each command and the module in `fitcareer.cli` that defines it."""
