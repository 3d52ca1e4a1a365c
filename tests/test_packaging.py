"""Packaging: the version, the wheel with its data, and help for every command."""

from __future__ import annotations

import email
import json
import os
import re
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


# --- The build backend ------------------------------------------------------------------------


def _build_system() -> tuple[list[str], str]:
    """pyproject.toml's build requirements and backend (read without tomllib, which
    Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    table = text.split("[build-system]", 1)[1].split("\n[", 1)[0]
    requires = re.search(r"requires\s*=\s*\[(.*?)\]", table, re.S)
    backend = re.search(r'build-backend\s*=\s*"([^"]+)"', table)
    assert requires and backend, table
    return re.findall(r'"([^"]+)"', requires.group(1)), backend.group(1)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's build backend, fetched by pip once for the builds below (as `pip
    wheel` would fetch it into its build environment); skips where it cannot be fetched."""
    requires, _ = _build_system()
    target = tmp_path_factory.mktemp("backend")
    fetch = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), *requires],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    if fetch.returncode != 0:
        pytest.skip(f"cannot fetch the build backend here: {fetch.stderr.strip()[-300:]}")
    return target


def _build(backend: Path, hook: str, out: Path) -> Path:
    """A distribution of the source tree built by the backend's PEP 517 ``hook``
    (`build_wheel` or `build_sdist`), as a front end such as pip calls it."""
    _, name = _build_system()
    script = f"import importlib, sys; print(importlib.import_module({name!r}).{hook}(sys.argv[1]))"
    built = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(backend)},
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    return out / built.stdout.strip().splitlines()[-1]


# --- The wheel -------------------------------------------------------------------------------


@pytest.mark.slow
def test_wheel_ships_the_data_and_runs_outside_the_source_tree(
    tmp_path: Path, backend: Path
) -> None:
    """Build the wheel, check the data is inside it, and run the packaged code from an
    unrelated directory: the data must come from inside the package."""
    out = tmp_path / "dist"
    out.mkdir()
    wheel_path = _build(backend, "build_wheel", out)
    assert list(out.glob("fitcareer-*.whl")) == [wheel_path]
    assert wheel_path.name == f"fitcareer-{__version__}-py3-none-any.whl"

    with zipfile.ZipFile(wheel_path) as wheel:
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


SDIST_TESTS = (
    "tests/test_commands_doc.py::test_commands_page_has_a_section_per_command_in_help_order",
    "tests/test_help.py::test_every_command_and_long_option_is_documented",
    "tests/test_help.py::test_the_readme_table_lists_every_command_in_the_users_order",
)
"""Tests that read the docs (README.md, docs/), run from inside the sdist. The one that
generates docs/commands.md from `--help` (13 processes) is not run again there: it reads
only the sdist's docs/commands.py, docs/commands.md and src/, which must be the tree's
own bytes (`SAME_AS_THE_TREE`), and the tree's pass it."""

SAME_AS_THE_TREE = ("docs/commands.py", "docs/commands.md", "src/fitcareer")
"""What the sdist must hold byte for byte as the source tree does."""


def _files(root: Path, part: str) -> dict[str, bytes]:
    """The files at ``part`` under ``root`` (a file, or a folder's files less bytecode)."""
    where = root / part
    paths = [where] if where.is_file() else sorted(where.rglob("*"))
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in paths
        if p.is_file() and "__pycache__" not in p.parts
    }


# --- The sdist --------------------------------------------------------------------------------


@pytest.mark.slow
def test_sdist_holds_the_docs_and_license_and_its_tests_pass(tmp_path: Path, backend: Path) -> None:
    """The sdist has what the README links to and what the tests read (docs/), and the
    license; the tests that read the docs pass in it, run against its own code."""
    sdist = _build(backend, "build_sdist", tmp_path)
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
    for part in SAME_AS_THE_TREE:
        assert _files(tree, part) == _files(ROOT, part), part
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
