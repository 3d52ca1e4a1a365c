"""Every test runs isolated from the user's machine: its own cache, a fixed width,
no colour forcing and no data directory from the environment."""

from __future__ import annotations

import copy
import csv
import datetime
import importlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from fitcareer import data as loading
from fitcareer.cli import main as cli_main
from fitcareer.cli import registry
from fitcareer.cli.app import app as cli_app
from fitcareer.cli.registry import register
from fitcareer.data import files as data_files
from fitcareer.data import parse as yaml_parse
from fitcareer.model import Catalog

register()

SHIPPED = data_files.shipped_dir()

TRAINER_ANSWERS = {
    "people": "individuals",
    "music": "not",
    "classes": "plans",
    "progress": "detail",
    "clients": "long",
    "focus": "nutrition",
    "science": "deep",
    "budget": "medium",
    "employment": "freedom",
    "finding": "ready",
    "income": "most",
    "strengths": "empathy",
    "manage": "never",
    "education": "unsure",
}
"""Career-quiz answers for one-on-one work, an interest in nutrition and a budget of up to
$700: a clear personal trainer."""


def terminal_signals() -> None:
    """Runs in a pseudo-terminal's child before it starts: Ctrl-C interrupts, as at a real
    terminal, even when the test run was started with SIGINT ignored (a background job)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupted(
    args: Sequence[str], ready: Callable[[int], bool], env: dict[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Ctrl-C (SIGINT) sent to `fitcareer ARGS` once ``ready(pid)`` says it is at work:
    its exit status, standard output and standard error."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "fitcareer", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=terminal_signals,
    )
    try:
        while proc.poll() is None and not ready(proc.pid):
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    return proc.returncode, out, err


@pytest.fixture(autouse=True)
def isolated(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    shipped_cache_dir: Path,
) -> Iterator[None]:
    """Apart from the user's machine: a cache of the tests' own, shared by the tests of a
    process as a user's runs share theirs (entries are keyed by the data's bytes, so an
    edited copy is read afresh); tests of the cache itself point it elsewhere."""
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(shipped_cache_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
    monkeypatch.setenv("COLUMNS", "160")
    for name in (
        "FITCAREER_DATA_DIR",
        "FITCAREER_NO_CACHE",
        "FORCE_COLOR",
        "NO_COLOR",
        "FITCAREER_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    return target


_SHIPPED_RAW = {(SHIPPED / name).read_bytes(): name for name in data_files.FILES}
_SHIPPED_PARSED: dict[str, Any] = {}
_PARSE = yaml_parse.parse


def _parse_shipped_once(raw: bytes, name: str) -> Any:
    """`parse`, answering for the bytes of a shipped data file read as YAML (wherever the
    copy lies) with a copy of what parsing them gave the first time: parsing is a pure
    function of the bytes and the form, and the name only appears in errors, which the
    shipped files have none of."""
    shipped = None if name.endswith(".json") else _SHIPPED_RAW.get(raw)
    if shipped is None:
        return _PARSE(raw, name)
    if shipped not in _SHIPPED_PARSED:
        _SHIPPED_PARSED[shipped] = _PARSE(raw, name)
    return copy.deepcopy(_SHIPPED_PARSED[shipped])


@contextmanager
def shipped_parsed_once() -> Iterator[None]:
    """While it lasts, loading parses each unchanged shipped file once: a test that loads
    data sets with one file changed, many times, spends its time on the changed file, not
    on the shipped ones beside it (which other tests parse for real every time)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yaml_parse, "parse", _parse_shipped_once)
        yield


COMMAND = [sys.executable, "-m", "fitcareer"]
"""The command as a user runs it, for the tests that drive a process themselves
(`subprocess.Popen` for a reader that leaves early, pexpect for a terminal)."""


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 20, **kw):  # type: ignore[no-untyped-def]
    """Run the real command in a subprocess, as a user would (no in-process catching).

    The one subprocess runner: standard output and error are captured as text unless
    the test gives its own `stdout`, `stderr` or `text`; any other keyword goes to
    `subprocess.run` (`input`, `stdin`, `cwd`, `preexec_fn`)."""
    if "stdout" not in kw and "stderr" not in kw:
        kw["capture_output"] = True
    kw.setdefault("text", True)
    return subprocess.run(
        [*COMMAND, *args],
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kw,
    )


@pytest.fixture(scope="session")
def shipped_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory for the shipped data, shared by the tests that ask for it."""
    return tmp_path_factory.mktemp("shipped-cache")


@pytest.fixture
def warm_cache(shipped_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache at the shared directory: still apart from the user's cache, but the
    shipped data is parsed once per session instead of once per test."""
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(shipped_cache_dir))
    return shipped_cache_dir


@pytest.fixture(scope="session")
def shipped(shipped_cache_dir: Path) -> Catalog:
    """The shipped data as `fitcareer.loading.load()` returns it, loaded once per session."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FITCAREER_CACHE_DIR", str(shipped_cache_dir))
        mp.setenv("XDG_DATA_HOME", str(shipped_cache_dir / "user-data"))
        mp.delenv("FITCAREER_DATA_DIR", raising=False)
        return loading.load()


EVERY_COMMAND = list(cli_app.registered_commands)
"""Every command, as `register()` above left the app: what a run that names no command
(help, completion, a mistyped name) registers."""


def _register_as_a_new_process(argv: Sequence[str] | None = None) -> None:
    """`register` as `main` calls it, leaving the app the commands a new process running
    ``argv`` would have: those of the modules `register` imports for it (in this process
    every module is imported already, so the app holds every command, and Typer would
    build a parser for each of them on every run)."""
    imported: list[str] = []

    def import_module(name: str) -> ModuleType:
        imported.append(name)
        return importlib.import_module(name)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(registry, "importlib", SimpleNamespace(import_module=import_module))
        register(argv)
    cli_app.registered_commands = [
        c for c in EVERY_COMMAND if c.callback is not None and c.callback.__module__ in imported
    ]


def invoke_main(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """The one in-process runner: a command through `fitcareer.cli.main`, the real entry
    point and error edge, so that a test sees what a user sees: an expected error is one
    line on stderr and exit status 1 or 2 (stdout, stderr and exit_code apart). The app
    holds the commands it holds in a new process (`_register_as_a_new_process`)."""

    runner = CliRunner()
    code = 0
    saved = sys.argv
    with runner.isolation(input=input, env=env) as (out, err, mixed):
        sys.argv = ["fitcareer", *args]
        try:
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(cli_main, "register", _register_as_a_new_process)
                cli_main.main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        finally:
            cli_app.registered_commands = list(EVERY_COMMAND)
            sys.argv = saved
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr, output = out.getvalue(), err.getvalue(), mixed.getvalue()
    return Result(
        runner=runner,
        stdout_bytes=stdout,
        stderr_bytes=stderr,
        output_bytes=output,
        return_value=None,
        exit_code=code,
        exception=None,
    )


def ok(*args: str) -> str:
    """Run a command (through `main`) that must succeed; its standard output."""
    result = invoke_main(*args)
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--format", "json"))


def csv_table(text: str) -> list[list[str]]:
    """The table part of CSV output (the notes follow an empty row)."""
    rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(text)):
        if not row:
            break
        rows.append(row)
    return rows


SOURCES_HEADER = ["ref", "title", "publisher", "date", "url"]
"""The header of the sources block every CSV ends with (docs/commands.md)."""


def csv_blocks(text: str) -> list[list[list[str]]]:
    """CSV output's parts: the table, then (each after one empty row) any notes and the
    sources block."""
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    return blocks


def csv_sources(text: str) -> dict[str, list[str]]:
    """The sources block that ends every CSV: ref -> [title, publisher, date, url]."""
    head, *rows = csv_blocks(text)[-1]
    assert head == SOURCES_HEADER
    assert all(len(row) == len(SOURCES_HEADER) for row in rows)
    return {row[0]: row[1:] for row in rows}


STEP_IDS = (
    "choose-program",
    "meet-prerequisites",
    "take-exam",
    "define-specialty",
    "hone-skills",
    "apply-for-jobs",
    "network",
    "continue-education",
)
"""Article 003's eight steps to certification, in order."""


def repeated_catalog(folder: Path, copies: int) -> Path:
    """A data directory holding the shipped certifications and ``copies`` more of each,
    under new ids and abbreviations (the other files come from the shipped data)."""
    text = (SHIPPED / "certifications.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    originals = data["certifications"]
    twins = []
    for i in range(copies):
        for cert in originals:
            twin = copy.deepcopy(cert)
            twin["id"] = f"{cert['id']}-{i}"
            twin["abbr"] = f"{cert['abbr']}-{i}"
            twins.append(twin)
    data["certifications"] = originals + twins
    # libyaml's emitter where PyYAML has it: the same YAML, several times faster.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (folder / "certifications.yaml").write_text(
        yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return folder


def fuzz(examples: int) -> settings:
    """Hypothesis settings for the property tests: derandomized and with no example
    database, so every run tries the same inputs."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def block_yaml(data: Any, **options: Any) -> bytes:
    """``data`` as a program writes it: `yaml.dump`'s block style (records written out in
    full, never as aliases) unless ``options`` say otherwise."""
    options = {"sort_keys": False, "allow_unicode": True, "width": 1000, **options}
    text: str = yaml.dump(data, Dumper=_Dumper, **options)
    return text.encode("utf-8")


YEAR = str(datetime.date.today().year)


MINI = {
    "sources.yaml": """\
sources:
  - {id: s-new, title: New source, kind: official, publisher: Body One, url: "https://example.org/new", date: "YEAR"}
  - {id: s-old, title: Old statistics, kind: government, publisher: Stats Office, url: "https://example.org/old", date: "2015"}
  - {id: s-undated, title: Undated article, kind: article, file: 000_a.txt, date: undated}
  - {id: s-unused, title: Nobody cites this, kind: third-party, date: undated}
""",
    "roles.yaml": """\
occupations:
  - id: trainers
    name: Trainers and instructors (SOC 1)
    note: Counts every trainer and instructor together.
    income:
      - {amount: 40000, unit: year, measure: median annual wage, scope: all trainers and instructors, source: s-old, date: "2015-05"}
      - {amount: 20, unit: hour, measure: median hourly wage, scope: all trainers and instructors, source: s-new, date: "YEAR"}
roles:
  - id: fitness-instructor
    name: Fitness instructor
    occupation: trainers
    summary: {text: Leads group classes., source: s-undated, date: undated}
  - id: personal-trainer
    name: Personal trainer
    occupation: trainers
    summary: {text: Trains one client at a time., source: s-undated, date: undated}
    income:
      - {amount: 50000, unit: year, measure: median base pay, scope: certified personal trainers, source: s-new, date: "YEAR"}
    income_notes:
      - {text: "Charges per session <b>or</b> per package & more.", source: s-undated, date: undated}
  - id: gym-manager
    name: Gym manager
    summary: {text: Runs the gym., source: s-new, date: "YEAR"}
""",
    "certifications.yaml": """\
bodies:
  - {id: ncca, abbr: NCCA, name: National Commission for Certifying Agencies}
organizations:
  - {id: abc, abbr: ABC, name: ABC Academy}
certifications:
  - id: abc-cpt
    abbr: ABC-CPT
    credential: ABC Certified Personal Trainer
    org: abc
    roles: [personal-trainer]
    accreditation:
      - {body: ncca, source: s-new, date: "YEAR"}
    price:
      - {usd: 500, kind: exam, source: s-new, date: "YEAR"}
    recertification:
      cycle_years:
        - {value: 2, source: s-undated, date: undated}
      fee:
        - {usd: 100, kind: renewal, source: s-undated, date: undated}
  - id: abc-gfi
    abbr: ABC-GFI
    credential: ABC Group Fitness Instructor
    org: abc
    roles: [fitness-instructor]
""",
    "quiz.yaml": """\
questionnaires:
  - id: career
    title: Which fits?
    questions:
      - id: people
        text: Groups or one person?
        choices:
          - {key: groups, label: Groups, weights: {fitness-instructor: 1}, source: s-undated, date: undated}
          - {key: one, label: One person, weights: {personal-trainer: 1}, source: s-undated, date: undated}
""",
}
"""A tiny data set whose every citation is known: 5 facts cite s-new, 1 s-old (2015,
stale), 7 s-undated, none s-unused."""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    folder.mkdir()
    for name, text in MINI.items():
        (folder / name).write_text(text.replace("YEAR", YEAR), encoding="utf-8")
    return folder


COPIES = 6
"""Copies of each shipped certification added to the large catalog."""


@pytest.fixture(scope="session")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with every certification repeated under new ids."""
    return repeated_catalog(tmp_path_factory.mktemp("large"), COPIES)


def one_error(result: object, code: int) -> str:
    """The one line on stderr of a run that failed with exit status ``code``."""
    assert result.exit_code == code, (result.exit_code, result.stderr)  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr  # type: ignore[attr-defined]
    return str(lines[0])


try:
    import python_calamine  # noqa: F401

    HAVE_CALAMINE = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_CALAMINE = False

needs_calamine = pytest.mark.skipif(
    not HAVE_CALAMINE, reason="python-calamine (the xlsx extra) is not installed"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped data with the interest tests' O*NET extract imported beside it."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    here = Path(__file__).parent / "interests"
    shutil.copy(here / "onet-import.json", target / "onet-import.json")
    return target
