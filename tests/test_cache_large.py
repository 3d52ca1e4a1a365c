"""A warm run over a large catalog reads only what it shows, and gives the same answer as
a cold run and a run without the cache, whatever the cache keeps ready."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import invoke, invoke_main, repeated_catalog
from fitcareer import data as loading
from fitcareer.cli.certs import READY_FROM
from fitcareer.data import cache as data_cache
from fitcareer.data import files as data_files

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

COPIES = 11
"""Copies of each shipped certification: enough for a list long enough to be kept ready."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repeated_catalog(tmp_path_factory.mktemp("large"), COPIES)


def kept(folder: Path, prefix: str) -> list[Path]:
    return sorted(folder.glob(f"{prefix}-*.pickle"))


QUERIES = [
    ("certs", "--format", "json"),
    ("certs", "--accredited", "NCCA", "--format", "json"),
    ("certs", "--format", "csv"),
    ("certs", "--sort", "cost", "--format", "csv"),
    ("certs", "--limit", "0"),
    ("certs", "--accredited", "NCCA", "--limit", "0", "--format", "markdown"),
    ("certs", "--years", "6", "--format", "json"),
    ("certs",),
]


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
def test_a_long_list_is_the_same_cold_warm_and_without_the_cache(
    large: Path, tmp_path: Path, query: tuple[str, ...]
) -> None:
    args = ("--data-dir", str(large), *query)
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c"), "COLUMNS": "120"}
    cold = invoke_main(*args, env=env)
    warm = invoke_main(*args, env=env)
    off = invoke_main(*args, env={"FITCAREER_NO_CACHE": "1", "COLUMNS": "120"})
    assert cold.exit_code == warm.exit_code == off.exit_code == 0
    assert warm.stdout == cold.stdout == off.stdout
    assert warm.stderr == cold.stderr == off.stderr


def test_a_long_json_list_is_kept_ready_and_written_from_it(large: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    env = {"FITCAREER_CACHE_DIR": str(folder)}
    args = ("--data-dir", str(large), "certs", "--format", "json")
    first = invoke_main(*args, env=env)
    assert first.exit_code == 0
    assert first.stdout.count('\n  {"id": ') >= READY_FROM
    ready = kept(folder, "ready")
    assert len(ready) == 1
    assert stat_mode(ready[0]) == 0o600
    assert invoke_main(*args, env=env).stdout == first.stdout
    assert kept(folder, "ready") == ready
    rows = invoke_main("--data-dir", str(large), "certs", "--format", "csv", env=env)
    assert rows.exit_code == 0
    assert len(kept(folder, "ready")) == 2


def test_ready_output_is_made_again_when_the_data_changes(large: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    text = (large / "certifications.yaml").read_text(encoding="utf-8")
    (folder / "certifications.yaml").write_text(text, encoding="utf-8")
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    args = ("--data-dir", str(folder), "certs", "--format", "csv")
    before = invoke_main(*args, env=env)
    assert "NASM Certified Personal Trainer" in before.stdout
    changed = text.replace("NASM Certified Personal Trainer", "NASM Certified Trainer")
    (folder / "certifications.yaml").write_text(changed, encoding="utf-8")
    after = invoke_main(*args, env=env)
    assert after.exit_code == 0
    assert "NASM Certified Personal Trainer" not in after.stdout
    assert after.stdout.count("NASM Certified Trainer") == before.stdout.count(
        "NASM Certified Personal Trainer"
    )


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def test_a_warm_catalog_equals_a_cold_one_record_for_record(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(tmp_path / "c"))
    cold = loading.load(large)
    warm = loading.load(large)
    assert list(warm.certifications) == list(cold.certifications)
    for cert_id, cert in cold.certifications.items():
        assert repr(warm.certifications[cert_id]) == repr(cert)
        assert warm.certifications[cert_id] == cert
    assert warm == cold


def test_a_damaged_cached_catalog_is_one_line_and_exit_1(large: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    env = {"FITCAREER_CACHE_DIR": str(folder)}
    args = ("--data-dir", str(large), "certs", "nasm-cpt")
    assert invoke_main(*args, env=env).exit_code == 0
    (entry,) = [p for p in kept(folder, "catalog") if p.stat().st_size > 100_000]
    blob = entry.read_bytes()
    start = blob.index(b"\n") + 1 + data_cache._HEAD.size
    (size,) = data_cache._HEAD.unpack_from(blob, start - data_cache._HEAD.size)
    entry.write_bytes(blob[: start + size] + b"x" * (len(blob) - start - size))
    damaged = invoke_main(*args, env=env)
    assert damaged.exit_code == 1
    assert damaged.stdout == ""
    assert damaged.stderr.count("\n") == 1
    assert "cached catalog is damaged" in damaged.stderr
    assert "fitcareer cache --clear" in damaged.stderr
    assert invoke_main("cache", "--clear", env=env).exit_code == 0
    assert invoke_main(*args, env=env).exit_code == 0


def test_a_cached_catalog_cut_short_is_read_afresh(large: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    env = {"FITCAREER_CACHE_DIR": str(folder)}
    args = ("--data-dir", str(large), "certs", "nasm-cpt", "--format", "json")
    cold = invoke_main(*args, env=env)
    (entry,) = [p for p in kept(folder, "catalog") if p.stat().st_size > 100_000]
    for keep in (entry.stat().st_size - 1, 40, 10):
        with entry.open("r+b") as f:
            f.truncate(keep)
        again = invoke_main(*args, env=env)
        assert (again.exit_code, again.stdout, again.stderr) == (0, cold.stdout, cold.stderr)
        (entry,) = [p for p in kept(folder, "catalog") if p.stat().st_size > 100_000]


def test_an_edit_that_keeps_the_size_and_time_is_still_seen(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run finds its entry by the files' size, times and inode when they have not
    changed for a while; an edit changes the change time even when the size and the
    modification time are put back."""
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(data_files, "SETTLED_NS", 0)
    roles = data_copy / "roles.yaml"
    assert loading.load(data_copy).roles["personal-trainer"].name == "Personal trainer"
    assert kept(tmp_path / "c", "seen")
    assert loading.load(data_copy).roles["personal-trainer"].name == "Personal trainer"
    before = roles.stat()
    text = roles.read_text(encoding="utf-8")
    assert "name: Personal trainer\n" in text
    roles.write_text(text.replace("name: Personal trainer\n", "name: Personal Trainer\n"))
    os.utime(roles, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert roles.stat().st_size == before.st_size
    assert roles.stat().st_mtime_ns == before.st_mtime_ns
    assert loading.load(data_copy).roles["personal-trainer"].name == "Personal Trainer"


def test_files_changed_a_moment_ago_are_read_whole(data_copy: Path, tmp_path: Path) -> None:
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    assert invoke("--data-dir", str(data_copy), "compare", env=env).exit_code == 0
    assert kept(tmp_path / "c", "catalog")
    assert kept(tmp_path / "c", "seen") == []


@pytest.mark.parametrize("name", ["roles", "certifications", "wages"])
def test_a_schema_is_the_same_kept_or_made(name: str, tmp_path: Path) -> None:
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    made = invoke_main("schema", name, env={"FITCAREER_NO_CACHE": "1"})
    first = invoke_main("schema", name, env=env)
    again = invoke_main("schema", name, env=env)
    assert made.exit_code == first.exit_code == again.exit_code == 0
    assert again.stdout == first.stdout == made.stdout
    assert made.stdout == (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


def test_validate_still_reports_a_problem_after_a_warm_run(data_copy: Path, tmp_path: Path) -> None:
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    assert invoke_main("--data-dir", str(data_copy), "compare", env=env).exit_code == 0
    good = invoke_main("validate", str(data_copy), env=env)
    assert good.exit_code == 0
    assert "data is valid (4 roles" in good.stderr
    roles = data_copy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("id: gym-manager", "id: Gym"))
    bad = invoke_main("validate", str(data_copy), env=env)
    assert bad.exit_code == 1
    assert "roles.yaml:" in bad.stdout


def test_without_positional_reads_the_blocks_are_read_the_same(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system has no `pread` (Windows), a block is read after a seek instead."""
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    args = ("--data-dir", str(large), "certs", "nasm-cpt", "--format", "json")
    cold = invoke_main(*args, env=env)
    monkeypatch.delattr(os, "pread")
    warm = invoke_main(*args, env=env)
    assert (warm.exit_code, warm.stdout, warm.stderr) == (0, cold.stdout, cold.stderr)
