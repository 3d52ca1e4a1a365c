"""Packaging: the version, the wheel with its data, and help for every command."""

from __future__ import annotations

import email
import json
import os
import shlex
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import SHIPPED, invoke_main, run
from fitcareer import __version__
from fitcareer.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ("roles.yaml", "certifications.yaml", "sources.yaml", "quiz.yaml")


def command_names() -> list[str]:
    names = []
    for command in app.registered_commands:
        assert command.callback is not None
        names.append(command.name or command.callback.__name__.replace("_", "-"))
    return names


# --- Version ---------------------------------------------------------------------------------


def test_version_from_python_m() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout == f"fitcareer {__version__}\n"
    assert proc.stderr == ""


def test_version_is_the_installed_release() -> None:
    """The version the command shows is the one pip installed (one place defines it)."""
    from importlib.metadata import version

    assert version("fitcareer") == __version__


def test_version_needs_no_data() -> None:
    # --version answers before any data is read, even from a broken data directory.
    result = invoke_main("--data-dir", "/no/such/dir", "--version")
    assert result.exit_code == 0
    assert result.stdout == f"fitcareer {__version__}\n"


# --- The wheel -------------------------------------------------------------------------------


@pytest.mark.slow
def test_wheel_ships_the_data_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    """Build the wheel, check the data is inside it, and run the packaged code from an
    unrelated directory: the data must come from inside the package."""
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode:
        pytest.skip("pip is not available")
    out = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no network?): {build.stderr.strip()[-300:]}")
    wheels = list(out.glob("fitcareer-*.whl"))
    assert len(wheels) == 1
    assert wheels[0].name == f"fitcareer-{__version__}-py3-none-any.whl"

    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
        for name in DATA_FILES:
            assert f"fitcareer/data/shipped/{name}" in names
            assert wheel.read(f"fitcareer/data/shipped/{name}") == (SHIPPED / name).read_bytes()
        articles = sorted((SHIPPED / "articles").glob("*.txt"))
        assert len(articles) == 4
        for article in articles:
            kept = wheel.read(f"fitcareer/data/shipped/articles/{article.name}")
            assert kept == article.read_bytes()
        for module in (
            "__init__.py",
            "__main__.py",
            "cli/main.py",
            "cli/certs.py",
            "data/files.py",
        ):
            assert f"fitcareer/{module}" in names
        info = f"fitcareer-{__version__}.dist-info"
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
        assert "fitcareer = fitcareer.cli.main:main" in entry_points
        metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
        assert metadata["Version"] == __version__
        assert metadata["Name"] == "fitcareer"
        assert not any(n.startswith(("tests/", "data/")) for n in names)
        wheel.extractall(tmp_path / "site")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "PYTHONSAFEPATH": "1"}
    env.pop("FITCAREER_DATA_DIR", None)
    where = subprocess.run(
        [sys.executable, "-c", "import fitcareer.data.files as f; print(f.shipped_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert where.stdout.strip() == str(tmp_path / "site" / "fitcareer" / "data" / "shipped")
    compare = subprocess.run(
        [sys.executable, "-m", "fitcareer", "compare", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert compare.returncode == 0, compare.stderr
    assert compare.stdout.startswith("Aspect,Fitness instructor,Personal trainer")
    copy = subprocess.run(
        [sys.executable, "-m", "fitcareer", "sources", "seed-001", "--detail", "-f", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert copy.returncode == 0, copy.stderr
    assert "Can One Person Be Both?" in json.loads(copy.stdout)["text"]


SDIST_TESTS = ("tests/test_help.py", "tests/test_commands_doc.py")
"""Tests that read the docs, run from inside the sdist."""

# --- The sdist --------------------------------------------------------------------------------


def _build_sdist(out: Path) -> Path:
    """The sdist, built by the project's build backend (fetched by pip, as `pip wheel`
    does); skips where it cannot be fetched."""
    backend = out / "backend"
    fetch = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--target", str(backend), "hatchling>=1.24"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    if fetch.returncode != 0:
        pytest.skip(f"cannot fetch the build backend here: {fetch.stderr.strip()[-300:]}")
    hook = "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))"
    build = subprocess.run(
        [sys.executable, "-c", hook, str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(backend)},
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    return out / build.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_sdist_holds_the_docs_and_license_and_its_tests_pass(tmp_path: Path) -> None:
    """The sdist has what the README links to and what the tests read (docs/), and the
    license; the help and schema tests pass in it, run against its own code."""
    sdist = _build_sdist(tmp_path)
    assert sdist.name == f"fitcareer-{__version__}.tar.gz"
    top = f"fitcareer-{__version__}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        for name in ("LICENSE", "README.md", "pyproject.toml", "docs/commands.md"):
            assert f"{top}/{name}" in names
        for page in (ROOT / "docs").iterdir():
            if page.name != "__pycache__":
                assert f"{top}/docs/{page.name}" in names
        assert f"{top}/tests/conftest.py" in names
        archive.extractall(tmp_path, filter="data")
    tree = tmp_path / top
    assert "MIT License" in (tree / "LICENSE").read_text(encoding="utf-8")
    pytest_run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow"]
    tests = subprocess.run(
        [*pytest_run, *SDIST_TESTS],
        capture_output=True,
        text=True,
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree / "src"), "PYTHONSAFEPATH": "1"},
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout[-2000:]
    imported = subprocess.run(
        [sys.executable, "-c", "import fitcareer; print(fitcareer.__file__)"],
        capture_output=True,
        text=True,
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree / "src"), "PYTHONSAFEPATH": "1"},
        timeout=60,
    )
    assert imported.stdout.strip() == str(tree / "src" / "fitcareer" / "__init__.py")


# --- Help --------------------------------------------------------------------------------------


def test_every_command_is_registered() -> None:
    assert {"compare", "roles", "certs", "steps", "validate"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_examples(name: str) -> None:
    result = invoke_main(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    assert "Examples" in result.stdout, f"`fitcareer {name} --help` shows no examples"
    assert f"fitcareer {name}" in result.stdout.split("Examples", 1)[1]
    command = next(
        c
        for c in app.registered_commands
        if name in (c.name, c.callback.__name__.replace("_", "-") if c.callback else None)
    )
    summary = command.help or (command.callback.__doc__ if command.callback else None)
    assert summary and summary.strip(), f"`fitcareer {name}` has no help text"


def test_top_level_help_lists_the_commands_and_examples() -> None:
    result = invoke_main("--help")
    assert result.exit_code == 0
    for name in ("compare", "roles", "certs", "steps"):
        assert name in result.stdout
    assert "Examples" in result.stdout


def examples() -> list[str]:
    """The example command lines in the help of the data commands."""
    found = []
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        if name.replace("_command", "") not in {"compare", "roles", "certs", "steps"}:
            continue
        for line in (command.epilog or "").splitlines():
            line = line.strip()
            if line.startswith("fitcareer "):
                found.append(line.split(" | ")[0])
    return found


@pytest.mark.usefixtures("warm_cache")
@pytest.mark.parametrize("line", examples())
def test_help_examples_run(line: str) -> None:
    result = invoke_main(*shlex.split(line)[1:])
    assert result.exit_code == 0, (line, result.stderr)
    assert result.stdout.strip()
