"""`-o FILE` works on every command that prints data, and writes the same as stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke_main

COMMANDS = [
    ("compare",),
    ("roles",),
    ("certs", "--accredited", "NCCA"),
    ("steps",),
    ("sources",),
    ("income",),
    ("quiz", "--questions"),
    ("validate",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_output_file_holds_what_stdout_would(command: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    direct = invoke_main(*command, "--format", "json")
    written = invoke_main(*command, "--format", "json", "-o", str(target))
    assert direct.exit_code == written.exit_code == 0
    assert written.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(direct.stdout)
