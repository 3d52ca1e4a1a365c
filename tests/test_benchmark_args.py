"""The benchmark runs every command of the registry with its typical arguments: each set
must be one a user could type, or CI's benchmark smoke test fails on it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import TRAINER_ANSWERS, invoke_main
from fitcareer.cli.registry import COMMANDS

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ARGS: dict[str, list[str]] = _bench().ARGS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_runs_with_the_benchmarks_arguments(name: str, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TRAINER_ANSWERS))
    args = [a.format(answers=answers) for a in ARGS.get(name, [])]
    result = invoke_main(name, *args)
    assert result.exit_code == 0, result.stderr
    assert (result.stdout + result.stderr).strip()
