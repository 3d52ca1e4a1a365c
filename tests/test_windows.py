"""fitcareer runs where `os` has no POSIX-only names: a simulation of Windows.

Within one test, the names Windows' `os` lacks are removed, `fcntl` (and the other
POSIX-only modules) cannot be imported, `dir_fd` arguments are refused as Windows refuses
them, and fitcareer is imported afresh, so that nothing it read from `os` before the
simulation hides a use. Then every command runs through the real entry point, and
`-o FILE` writes onto the same file twice.
"""

from __future__ import annotations

import csv
import functools
import importlib
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import conftest
from conftest import invoke_main
from fitcareer.cli.registry import COMMANDS
from test_loader_oews import NATIONAL
from test_onet import release

POSIX_ONLY_NAMES = (
    "geteuid",
    "getuid",
    "getegid",
    "getgid",
    "getgroups",
    "getpgid",
    "getpgrp",
    "getsid",
    "setsid",
    "fork",
    "forkpty",
    "killpg",
    "chown",
    "fchown",
    "lchown",
    "fchmod",
    "fdatasync",
    "pread",
    "pwrite",
    "sync",
    "statvfs",
    "fstatvfs",
    "ttyname",
    "openpty",
    "mkfifo",
    "mknod",
    "sysconf",
    "WNOHANG",
    "O_NONBLOCK",
    "O_NOFOLLOW",
    "O_DIRECTORY",
    "O_NOCTTY",
    "O_CLOEXEC",
    "O_SYNC",
    "O_DSYNC",
)
"""Names POSIX systems' `os` has and Windows' lacks (those a program might use)."""

POSIX_ONLY_SIGNALS = ("SIGPIPE", "SIGHUP", "SIGQUIT", "SIGALRM", "SIGCHLD", "SIGKILL")
"""Signals Windows' `signal` lacks: a closed pipe there is an error, never a signal."""

POSIX_ONLY_MODULES = ("fcntl", "termios", "pwd", "grp", "resource", "pty", "tty")

DIR_FD = ("open", "stat", "lstat", "unlink", "rmdir", "mkdir", "rename", "replace", "utime")
"""Functions that take `dir_fd` where the platform supports it; Windows refuses it."""


def _no_dir_fd(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def refuse(*args: Any, **kwargs: Any) -> Any:
        if any(kwargs.get(k) is not None for k in ("dir_fd", "src_dir_fd", "dst_dir_fd")):
            raise NotImplementedError("dir_fd unavailable on this platform")
        return function(*args, **kwargs)

    return refuse


@pytest.fixture
def windows() -> Iterator[None]:
    """`os` as on Windows, and fitcareer imported afresh under it; afterwards every module
    is as it was, so later tests see the fitcareer they imported."""
    modules = dict(sys.modules)
    with pytest.MonkeyPatch.context() as mp:
        for name in POSIX_ONLY_NAMES:
            mp.delattr(os, name, raising=False)
        for name in POSIX_ONLY_SIGNALS:
            mp.delattr(signal, name, raising=False)
        for name in DIR_FD:
            mp.setattr(os, name, _no_dir_fd(getattr(os, name)))
        mp.setattr(os, "supports_dir_fd", set())
        mp.setattr(os, "supports_fd", {os.stat, os.truncate})
        for name in POSIX_ONLY_MODULES:
            mp.setitem(sys.modules, name, None)
        for name in list(sys.modules):
            if name == "fitcareer" or name.startswith("fitcareer."):
                del sys.modules[name]
        try:
            mp.setattr(conftest, "cli_main", importlib.import_module("fitcareer.cli.main"))
            yield
        finally:
            sys.modules.clear()
            sys.modules.update(modules)


def _answers(folder: Path) -> str:
    path = folder / "answers.yaml"
    path.write_text(
        "goal: specific\nsetting: private\nplan: bespoke\n"
        "attention: ongoing\nmotivation: accountability\ncost: more\nhealth: none\n",
        encoding="utf-8",
    )
    return str(path)


INTERESTS = Path(__file__).parent / "interests"
"""The interest profile's test fixtures: placeholder items and made-up ratings."""


def _interest_data(folder: Path) -> list[str]:
    """The shipped data with the fixture's O*NET extract, as `--data-dir DIR`."""
    target = folder / "interest-data"
    if not target.exists():
        shutil.copytree(conftest.SHIPPED, target)
        shutil.copy(INTERESTS / "onet-import.json", target / "onet-import.json")
    return ["--data-dir", str(target)]


def _interest_answers(folder: Path) -> str:
    path = folder / "interests.json"
    path.write_text("5" * 60, encoding="utf-8")
    return str(path)


def _wage_table(folder: Path) -> str:
    path = folder / "national_M2024_dl.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([list(NATIONAL), list(NATIONAL.values())])
    return str(path)


TYPICAL: dict[str, Callable[[Path], list[list[str]]]] = {
    "compare": lambda _: [["compare", "--aspect", "income"]],
    "roles": lambda _: [["roles"], ["roles", "personal-trainer", "--detail"]],
    "certs": lambda _: [
        ["certs", "--accredited", "NCCA", "--max-cost", "300", "--sort", "cost"],
        ["certs", "nasm-cpt", "ace-cpt"],
    ],
    "steps": lambda _: [["steps", "--cert", "nasm-cpt"]],
    "quiz": lambda tmp: [
        ["quiz", "--hire", "--answers", _answers(tmp), "--save", str(tmp / "saved.json")],
        ["quiz", "--questions"],
    ],
    "interests": lambda tmp: [
        [
            *_interest_data(tmp),
            "interests",
            "--items",
            str(INTERESTS / "items.json"),
            "--answers",
            _interest_answers(tmp),
        ],
        [
            *_interest_data(tmp),
            "interests",
            "--scores",
            "R=8,I=30,A=2,S=36,E=6,C=10",
            "--zone",
            "3",
        ],
    ],
    "income": lambda _: [
        ["income", "personal-trainer", "--rate", "50", "--sessions-per-week", "20"],
        ["income", "--area", "VT"],
    ],
    "wages": lambda tmp: [
        ["--data-dir", str(tmp / "data"), "wages", "import", _wage_table(tmp)],
        ["--data-dir", str(tmp / "data"), "wages"],
    ],
    "sources": lambda _: [["sources"], ["sources", "bls-ooh-2022", "--format", "markdown"]],
    "report": lambda tmp: [
        ["report", "fitness-instructor", "personal-trainer", "--for", "Sam Lee"],
        ["report", "personal-trainer", "--cert", "nasm-cpt", "-o", str(tmp / "me.html")],
    ],
    "paths": lambda _: [["paths", "fitness-instructor", "--area", "OH"]],
    "onet": lambda tmp: [
        ["--data-dir", str(tmp / "data"), "onet", "import", str(release(tmp / "db_28_2_text"))],
        ["--data-dir", str(tmp / "data"), "onet"],
    ],
    "validate": lambda _: [["validate"]],
    "schema": lambda tmp: [["schema", "roles"], ["schema", "--write", str(tmp / "schemas")]],
    "cache": lambda _: [["cache"], ["cache", "--clear"]],
}
"""Each command as a user would typically run it: every run must exit 0."""


def test_every_command_has_a_typical_run() -> None:
    assert set(TYPICAL) == set(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_shows_its_help(command: str, windows: None) -> None:
    result = invoke_main(command, "--help")
    assert result.exit_code == 0, result.stderr
    assert f"fitcareer {command}" in result.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_runs(command: str, tmp_path: Path, windows: None) -> None:
    runs = TYPICAL[command](tmp_path)
    if any("--data-dir" in run for run in runs):
        shutil.copytree(conftest.SHIPPED, tmp_path / "data")
    for args in runs:
        result = invoke_main(*args)
        assert result.exit_code == 0, (args, result.stderr)
    written = {"quiz": "saved.json", "report": "me.html", "wages": "data/wages.yaml"}
    if command in written:
        assert (tmp_path / written[command]).stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["compare", "--format", "markdown"], id="compare"),
        pytest.param(["certs", "--org", "nasm", "--format", "csv"], id="certs"),
        pytest.param(["schema", "certifications"], id="schema"),
    ],
)
def test_output_file_written_twice_holds_the_answer(
    args: list[str], tmp_path: Path, windows: None
) -> None:
    out = tmp_path / "out.txt"
    for _ in range(2):
        written = invoke_main(*args, "-o", str(out))
        assert written.exit_code == 0, written.stderr
    shown = invoke_main(*args)
    assert shown.exit_code == 0, shown.stderr
    assert out.read_text(encoding="utf-8") == shown.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_file_written_twice_is_replaced_whole(tmp_path: Path, windows: None) -> None:
    """The writer behind `-o`, `--save` and `wages import`, on its own until the commands
    above can run: an existing file is replaced, and nothing is left beside it."""
    write = importlib.import_module("fitcareer.data.write")
    out = tmp_path / "out.md"
    write.write_file(out, b"first\n")
    write.write_file(out, b"second\n")
    assert out.read_bytes() == b"second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


@pytest.mark.parametrize(
    "args", [["sources"], ["certs", "--format", "json"], ["--help"]], ids=" ".join
)
def test_a_closed_pipe_exits_141_without_sigpipe(
    args: list[str],
    windows: None,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """With no SIGPIPE to end it, a run whose reader left exits quietly with the status a
    shell shows for one SIGPIPE ended."""
    assert not hasattr(signal, "SIGPIPE")
    read, write = os.pipe()
    os.close(read)
    stdout = open(write, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "argv", ["fitcareer", *args])
    try:
        with pytest.raises(SystemExit) as ended:
            importlib.import_module("fitcareer.cli.main").main()
    finally:
        stdout.close()
    assert ended.value.code == 141
    assert capfd.readouterr().err == ""
