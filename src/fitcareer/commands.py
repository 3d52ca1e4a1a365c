"""fitcareer's commands: the one list of them.

Each command's name and the module of `fitcareer.cli` that defines it, in the order a
user meets them: compare roles, look closer, choose a certification, then the data
tools, and what `fitcareer --help` says of each. `cli/registry.py` registers, lists and
groups the commands from it, and names a mistyped one; shell completion offers what it
registers; the tests' every-command lists and the README's table of commands are
checked against it.
"""

from __future__ import annotations

COMMANDS = {
    "compare": "roles",
    "roles": "roles",
    "certs": "certs",
    "steps": "certs",
    "quiz": "quiz",
    "interests": "interests",
    "income": "income",
    "paths": "paths",
    "wages": "wages",
    "onet": "paths",
    "sources": "sources",
    "report": "report",
    "validate": "data",
    "schema": "sources",
    "cache": "data",
}
"""Each command and the module in `fitcareer.cli` that defines it."""

SUMMARIES = {
    "compare": "Put roles side by side: how they differ in duties, employment, insurance, income and more.",
    "roles": "List the roles, or show one role at a glance (--detail: its whole profile).",
    "certs": "List certifications with filters, show one whole record, or put several side by side.",
    "steps": "The 8 steps to becoming a certified personal trainer.",
    "quiz": "Find the fitness career that fits you: one question at a time, then a ranked, explained result.",
    "interests": "Your interest profile: O*NET's Interest Profiler scored into six areas, matched to the fitness family's occupations.",
    "income": "Put the roles' income figures side by side, or estimate a self-employed trainer's year.",
    "paths": "Show the careers people move to and from a role: what each move takes and the pay difference.",
    "wages": "List the imported wage tables, or import one: `fitcareer wages import FILE`.",
    "onet": "Show the O*NET extract in use, or import O*NET's database: `fitcareer onet import DIR`.",
    "sources": "List every source the data cites, its date, and which facts depend on it.",
    "report": "Write one dated page for a client: what fits and why, the roles, pay, certifications, the steps and every source.",
    "validate": "Check the data files and report every problem as FILE:LINE:COL: field: message.",
    "schema": "Print the JSON Schema of a data file, for editors to validate and complete with.",
    "cache": "Show where the cache of checked data lives, or clear it.",
}
"""What `fitcareer --help` says of each command: the first paragraph of its help, so that
the list needs no command's module (the tests hold the two to each other)."""
