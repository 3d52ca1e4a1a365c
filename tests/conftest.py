"""Every test runs isolated from the user's machine: its own cache, a fixed width,
no colour forcing and no data directory from the environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fitcareer import store
from fitcareer.cli import app

SHIPPED = store.shipped_dir()


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "160")
    for name in ("FITCAREER_DATA_DIR", "FITCAREER_NO_CACHE", "FORCE_COLOR", "NO_COLOR", "FITCAREER_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    from fitcareer.cli import State

    State.data_dir = None
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Run a command in-process; returns Click's Result (stdout, stderr, exit_code apart)."""
    return CliRunner().invoke(app, list(args), input=input, env=env)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    return target


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 20, **kw):  # type: ignore[no-untyped-def]
    """Run the real command in a subprocess, as a user would (no in-process catching)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fitcareer", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        **kw,
    )
