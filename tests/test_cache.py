"""The cache of checked data: fast runs must never serve stale or wrong data."""

from __future__ import annotations

import errno
import functools
import gc
import json
import os
import pickle
import pwd
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from conftest import SHIPPED, invoke_main, run
from fitcareer import data as loading
from fitcareer import errors
from fitcareer.data import cache as data_cache
from fitcareer.data import files as data_files
from fitcareer.data import validate as validation
from fitcareer.model import Catalog


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.pickle"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(folder))
    return folder


def test_first_load_fills_the_cache_and_the_second_reads_it(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = loading.load()
    assert len(entries(cache)) == 1

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm load must not parse YAML")

    monkeypatch.setattr(validation, "build", no_parsing)
    second = loading.load()
    assert second.roles.keys() == first.roles.keys()
    assert second.certifications["nasm-cpt"] == first.certifications["nasm-cpt"]


def test_an_edited_file_shows_its_change_on_the_next_run(cache: Path, data_copy: Path) -> None:
    assert invoke_main("--data-dir", str(data_copy), "roles").exit_code == 0
    roles = data_copy / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("name: Gym manager", "name: Club manager"),
        encoding="utf-8",
    )
    result = invoke_main("--data-dir", str(data_copy), "roles", "--format", "json")
    assert result.exit_code == 0
    assert "Club manager" in result.stdout
    assert "Gym manager" not in result.stdout


def test_an_edit_that_breaks_the_data_is_reported_not_served_from_cache(
    cache: Path, data_copy: Path
) -> None:
    assert invoke_main("--data-dir", str(data_copy), "compare").exit_code == 0
    roles = data_copy / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("name: Gym manager", "name: [Gym"),
        encoding="utf-8",
    )
    result = invoke_main("--data-dir", str(data_copy), "compare")
    assert result.exit_code == 1
    assert "roles.yaml:" in result.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle at all",
        b"fitcareer-catalog-1\n\x80\x04garbage",
        b"fitcareer-catalog-1\n" + pickle.dumps(("wrong-key", {"roles": {}})),
        b"fitcareer-catalog-1\n" + pickle.dumps(os.system),
    ],
    ids=["empty", "text", "truncated", "foreign", "code"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(cache: Path, content: bytes) -> None:
    loading.load()
    (entry,) = entries(cache)
    entry.write_bytes(content)
    catalog = loading.load()
    assert "personal-trainer" in catalog.roles
    assert entry.read_bytes() != content
    assert entry.read_bytes() != content


def test_a_cache_entry_that_is_a_directory_is_ignored(cache: Path) -> None:
    loading.load()
    (entry,) = entries(cache)
    entry.unlink()
    entry.mkdir()
    assert "personal-trainer" in loading.load().roles


def test_a_read_only_cache_directory_just_means_no_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(data_cache, "replace", refuse)
    assert "personal-trainer" in loading.load().roles
    assert entries(cache) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_cache_directory_through_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("roles", env={"FITCAREER_CACHE_DIR": str(folder)})
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0
    assert "personal-trainer" in result.stdout
    assert result.stderr == ""


def test_a_cache_path_that_cannot_be_a_directory_just_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("roles", env={"FITCAREER_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 0
    assert "personal-trainer" in result.stdout
    assert result.stderr == ""


def test_no_cache_means_nothing_written(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FITCAREER_NO_CACHE", "1")
    assert "personal-trainer" in loading.load().roles
    assert not cache.exists()


def test_the_cache_keeps_a_few_entries(cache: Path, data_copy: Path) -> None:
    roles = data_copy / "roles.yaml"
    original = roles.read_text(encoding="utf-8")
    for i in range(data_cache.CACHE_ENTRIES + 2):
        roles.write_text(original + f"\n# edit {i}\n", encoding="utf-8")
        loading.load(data_copy)
    assert len(entries(cache)) == data_cache.CACHE_ENTRIES


def test_the_cache_command_shows_and_clears(cache: Path) -> None:
    loading.load()
    shown = invoke_main("cache")
    assert shown.exit_code == 0
    assert str(cache) in shown.stdout
    assert "(1 entry, " in shown.stdout
    cleared = invoke_main("cache", "--clear")
    assert cleared.exit_code == 0
    assert "removed 1 cached catalog" in cleared.stdout
    assert entries(cache) == []


NCCA_JSON = ("certs", "--accredited", "NCCA", "--format", "json")


@functools.cache
def answer_without_a_cache() -> str:
    """What `NCCA_JSON` prints with the cache off (the same for every case below)."""
    reference = invoke_main(*NCCA_JSON, env={"FITCAREER_NO_CACHE": "1"})
    assert reference.exit_code == 0, reference.stderr
    return reference.stdout


@pytest.mark.parametrize("cache_state", ["cold", "warm", "off"])
def test_commands_give_the_same_answer_cold_warm_and_off(cache_state: str, tmp_path: Path) -> None:
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    if cache_state == "off":
        env["FITCAREER_NO_CACHE"] = "1"
    if cache_state == "warm":
        assert run("certs", env=env).returncode == 0
    result = run(*NCCA_JSON, env=env)
    assert result.returncode == 0
    assert result.stdout == answer_without_a_cache()


def test_broken_data_is_reported_the_same_cold_and_warm(tmp_path: Path, data_copy: Path) -> None:
    (data_copy / "quiz.yaml").write_text("questionnaires: [\n", encoding="utf-8")
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    first = run("--data-dir", str(data_copy), "compare", env=env)
    second = run("--data-dir", str(data_copy), "compare", env=env)
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr
    assert "quiz.yaml:" in first.stderr


def big_catalog(folder: Path) -> Path:
    """A data directory whose certifications file (JSON, read fast) is over the 1 MB
    progress threshold."""
    data = yaml.safe_load(
        (data_files.shipped_dir() / "certifications.yaml").read_text(encoding="utf-8")
    )
    originals = data["certifications"]
    data["certifications"] = [
        {**cert, "id": f"{cert['org']}-copy-{i}", "abbr": f"{cert['abbr']}-{i}"}
        for i in range(600)
        for cert in [originals[i % len(originals)]]
    ]
    folder.mkdir()
    (folder / "certifications.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_slow_parse_shows_progress_only_on_a_terminal(tmp_path: Path) -> None:
    data = big_catalog(tmp_path / "big")
    if (data / "certifications.json").stat().st_size <= 1_000_000:
        pytest.skip("synthetic catalog too small to trigger progress")
    piped = run(
        "--data-dir",
        str(data),
        "roles",
        env={"FITCAREER_CACHE_DIR": str(tmp_path / "c1")},
    )
    assert "reading certifications.json" not in piped.stderr
    exe = str(Path(sys.executable).parent / "fitcareer")
    child = pexpect.spawn(
        exe,
        ["--data-dir", str(data), "roles"],
        env={**os.environ, "FITCAREER_CACHE_DIR": str(tmp_path / "c2"), "TERM": "xterm"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect("reading certifications.json")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


ROOT = os.geteuid() == 0


def test_the_cache_directory_is_private_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "fitcareer"
    old = os.umask(0)
    try:
        result = run("roles", env={"FITCAREER_CACHE_DIR": str(folder)})
    finally:
        os.umask(old)
    assert result.returncode == 0
    assert oct(stat.S_IMODE(folder.stat().st_mode)) == oct(0o700)
    (entry,) = entries(folder)
    assert oct(stat.S_IMODE(entry.stat().st_mode)) == oct(0o600)


def test_a_cache_others_can_write_is_not_used_and_the_command_says_why(cache: Path) -> None:
    cache.mkdir()
    cache.chmod(0o777)
    assert "personal-trainer" in loading.load().roles
    assert entries(cache) == []
    shown = invoke_main("cache")
    assert shown.exit_code == 0
    assert shown.stdout == (
        f"cache: not used: {cache} can be written by other users (chmod 700 {cache} to use it)\n"
    )
    cleared = invoke_main("cache", "--clear")
    assert cleared.exit_code == 0
    assert "nothing removed" in cleared.stdout


@pytest.mark.skipif(not ROOT, reason="only root can give a directory to another user")
def test_a_cache_of_another_user_is_not_used(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    os.chown(cache, pwd.getpwnam("nobody").pw_uid, -1)
    assert "personal-trainer" in loading.load().roles
    assert entries(cache) == []
    assert invoke_main("cache").stdout == f"cache: not used: {cache} belongs to another user\n"


def test_an_entry_that_is_a_link_is_never_written_through(cache: Path, tmp_path: Path) -> None:
    loading.load()
    (entry,) = entries(cache)
    entry.unlink()
    victim = tmp_path / "bashrc"
    victim.write_text("alias ls='ls -F'\n")
    entry.symlink_to(victim)
    assert "personal-trainer" in loading.load().roles
    assert victim.read_text() == "alias ls='ls -F'\n"
    assert entry.is_symlink()


def test_a_fifo_in_place_of_an_entry_does_not_hang(cache: Path) -> None:
    loading.load()
    (entry,) = entries(cache)
    entry.unlink()
    os.mkfifo(entry)
    result = run("roles", env={"FITCAREER_CACHE_DIR": str(cache)}, timeout=20)
    assert result.returncode == 0
    assert "personal-trainer" in result.stdout


def test_an_oversized_entry_is_ignored_and_rebuilt(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading.load()
    (entry,) = entries(cache)
    size = entry.stat().st_size
    monkeypatch.setattr(data_cache, "MAX_ENTRY_BYTES", size - 1)
    built: list[bool] = []
    real = validation.build

    def counting(*args: object, **kwargs: object) -> object:
        built.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "build", counting)
    assert "personal-trainer" in loading.load().roles
    assert built == [True]


def test_an_entry_others_could_have_written_is_ignored(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading.load()
    (entry,) = entries(cache)
    entry.chmod(0o666)
    monkeypatch.setattr(validation, "build", None)
    with pytest.raises(TypeError):
        loading.load()


def test_an_entry_written_by_other_code_is_not_served(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading.load()
    monkeypatch.setattr(data_cache, "_CODE", (*data_cache._CODE, "cli/app.py"))
    built: list[bool] = []
    real = validation.build

    def counting(*args: object, **kwargs: object) -> object:
        built.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "build", counting)
    assert "personal-trainer" in loading.load().roles
    assert built == [True]
    assert len(entries(cache)) == 2


def test_the_key_follows_the_installed_code(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(Path(data_files.__file__).parent.parent, package / "fitcareer")
    env = {"PYTHONPATH": str(package), "FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    probe = (
        "from fitcareer.data import cache; "
        "print(cache.key({n: b'' for n in cache.FILES}, {n: '' for n in cache.FILES}, {}))"
    )
    before = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **env}
    ).stdout
    model = package / "fitcareer" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# a field moved\n", encoding="utf-8")
    after = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **env}
    ).stdout
    assert len(before.strip()) == len(after.strip()) == 64
    assert before != after


@pytest.mark.parametrize("odd", ["dangling link", "directory"])
def test_the_cache_command_never_shows_a_traceback(cache: Path, odd: str) -> None:
    loading.load()
    strange = cache / "catalog-0000000000000000000000000000000000000000.pickle"
    if odd == "dangling link":
        strange.symlink_to(cache / "gone")
    else:
        strange.mkdir()
    shown = run("cache", env={"FITCAREER_CACHE_DIR": str(cache)})
    assert shown.returncode == 0
    assert re.fullmatch(
        rf"cache: {re.escape(str(cache))} \(1 entry, [0-9.]+ MB; 1 other file ignored\)\n",
        shown.stdout,
    )
    cleared = run("cache", "--clear", env={"FITCAREER_CACHE_DIR": str(cache)})
    assert "Traceback" not in cleared.stderr
    if odd == "dangling link":
        assert cleared.returncode == 0
        assert cleared.stdout == "removed 2 cached catalogs\n"
        assert not strange.is_symlink()
    else:
        assert cleared.returncode == 1
        assert cleared.stdout == "removed 1 cached catalog\n"
        assert (
            cleared.stderr == f"fitcareer: 1 not removed: {strange} is a directory (left alone)\n"
        )


@pytest.mark.skipif(ROOT, reason="root may remove files from a read-only directory")
def test_clearing_a_read_only_cache_is_one_line(cache: Path) -> None:
    loading.load()
    cache.chmod(0o500)
    try:
        cleared = run("cache", "--clear", env={"FITCAREER_CACHE_DIR": str(cache)})
    finally:
        cache.chmod(0o700)
    assert cleared.returncode == 1
    assert cleared.stderr == f"fitcareer: 1 not removed: {cache}: {os.strerror(errno.EACCES)}\n"
    assert len(entries(cache)) == 1


def test_the_same_bytes_read_as_yaml_and_as_json_are_cached_apart(
    cache: Path, tmp_path: Path
) -> None:
    """The two readers differ on some text (`1E5`), so a file's form is part of its key."""

    text = json.dumps(yaml.safe_load((SHIPPED / "roles.yaml").read_text(encoding="utf-8")))
    for form in ("yaml", "json"):
        folder = tmp_path / form
        folder.mkdir()
        (folder / f"roles.{form}").write_text(text, encoding="utf-8")
        assert "personal-trainer" in loading.load(folder).roles
    assert len(entries(cache)) == 2


def test_a_cold_run_writes_a_private_entry_and_a_warm_run_answers_the_same(
    tmp_path: Path,
) -> None:
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    cold = run("certs", "--accredited", "NCCA", "--format", "json", env=env)
    assert cold.returncode == 0 and "Traceback" not in cold.stderr
    assert len(entries(tmp_path / "c")) == 1
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in entries(tmp_path / "c"))
    warm = run("certs", "--accredited", "NCCA", "--format", "json", env=env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (0, cold.stdout, cold.stderr)


def test_the_key_follows_the_pydantic_version(tmp_path: Path) -> None:
    """Records are checked by pydantic: a catalog checked by another version is not served."""
    fake = tmp_path / "other" / "pydantic"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "version.py").write_text("VERSION = '0.0.1'\n")
    probe = (
        "from fitcareer.data import cache; "
        "print(cache.key({n: b'' for n in cache.FILES}, {n: '' for n in cache.FILES}, {}))"
    )
    keys = [
        subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        ).stdout.strip()
        for env in ({}, {"PYTHONPATH": str(fake.parent)})
    ]
    assert all(len(k) == 64 for k in keys) and keys[0] != keys[1]


def test_a_large_catalog_gives_the_same_answer_cold_and_warm(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(tmp_path / "cache"))
    args = ("--data-dir", str(large), "certs", "--accredited", "NCCA", "--format", "json")
    cold = invoke_main(*args)
    assert list((tmp_path / "cache").glob("catalog-*.pickle"))
    warm = invoke_main(*args)
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stdout == warm.stdout


def test_loading_leaves_the_garbage_collector_on(shipped: Catalog, data_copy: Path) -> None:
    loading.load()
    assert gc.isenabled()
    (data_copy / "roles.yaml").write_text("roles: [", encoding="utf-8")
    with pytest.raises(errors.DataError):
        loading.load(data_copy)
    assert gc.isenabled()
    with pytest.raises(errors.DataError):
        loading.check(data_copy)
    assert gc.isenabled()


def test_records_compare_and_pickle_by_their_values(shipped: Catalog) -> None:
    cert = shipped.certifications["nasm-cpt"]
    again = pickle.loads(pickle.dumps(cert))
    assert again == cert
    assert again is not cert
    assert again != shipped.certifications["ace-cpt"]
    assert repr(cert).startswith("Certification(id='nasm-cpt', abbr=")
    with pytest.raises(TypeError):
        hash(cert)


def test_a_whole_number_and_the_same_number_of_years_stay_apart(
    tmp_path: Path, data_copy: Path
) -> None:
    """Equal parts of the data are kept once, cold and warm; a fact of 2 questions and one
    of 2.0 years with the same source and date are not equal parts."""
    certs = data_copy / "certifications.yaml"
    text = certs.read_text(encoding="utf-8")
    questions = "- {value: 120, source: nasm-faq, date: undated}"
    assert questions in text
    same = "- {value: 2, source: nasm-recert, date: undated}"
    certs.write_text(text.replace(questions, same, 1), encoding="utf-8")
    args = ("--data-dir", str(data_copy), "certs", "nasm-cpt", "--format", "json")
    env = {"FITCAREER_CACHE_DIR": str(tmp_path / "c")}
    off = run(*args, env={"FITCAREER_NO_CACHE": "1"})
    cold, warm = run(*args, env=env), run(*args, env=env)
    assert off.returncode == 0 and off.stdout == cold.stdout == warm.stdout
    shown = json.loads(warm.stdout)
    assert repr(shown["exam"]["questions"][0]["value"]) == "2"
    assert repr(shown["recertification"]["cycle_years"][0]["value"]) == "2.0"
