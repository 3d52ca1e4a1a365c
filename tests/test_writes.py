"""Output files are written as the shell's `>` would, but a regular file is never left
half-written: devices and FIFOs are written in place, never replaced; protected files are
refused; the run's own inputs are never overwritten."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import invoke_main, run

ROOT = os.geteuid() == 0
SETPRIV = ("setpriv", "--reuid", "nobody", "--regid")


def nobody() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None


def as_nobody(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the command as the user `nobody` (the test runs as root)."""
    user = nobody()
    assert user is not None
    env = {**os.environ, "HOME": str(home), "FITCAREER_NO_CACHE": "1"}
    return subprocess.run(
        [*SETPRIV, str(user.pw_gid), "--clear-groups", sys.executable, "-m", "fitcareer", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
        cwd=home,
    )


def nobody_runs_fitcareer() -> bool:
    """Whether `nobody` can run this Python with fitcareer (a private venv it cannot)."""
    user = nobody()
    if not ROOT or user is None or shutil.which("setpriv") is None:
        return False
    probe = [*SETPRIV, str(user.pw_gid), "--clear-groups", sys.executable, "-c", "import fitcareer"]
    return subprocess.run(probe, capture_output=True, timeout=30, cwd="/").returncode == 0


needs_other_user = pytest.mark.skipif(
    not nobody_runs_fitcareer(),
    reason="needs root, the user 'nobody', setpriv, and a Python that nobody may run with fitcareer",
)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A directory the user `nobody` owns, outside root's private temporary directory."""
    folder = Path(tempfile.mkdtemp(prefix="fitcareer-writes-"))
    user = nobody()
    if user is not None and ROOT:
        os.chown(folder, user.pw_uid, user.pw_gid)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_character_device_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as e:
        pytest.skip(f"cannot make a character device here: {e.strerror}")
    result = run("roles", "-o", str(device))
    assert result.returncode == 0
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert os.stat(device).st_rdev == os.makedev(1, 3)


@pytest.mark.skipif(ROOT, reason="as root a regression would replace the system's /dev/null")
def test_dev_null_stays_a_device() -> None:
    result = run("roles", "-o", "/dev/null")
    assert result.returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_is_the_standard_output() -> None:
    result = run("roles", "--format", "csv", "-o", "/dev/stdout")
    assert result.returncode == 0
    assert result.stdout.startswith("Family,ID,")
    assert result.stderr == ""


def test_a_fifo_with_a_reader_gets_the_output(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as f:
            received.append(f.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = run("roles", "--format", "json", "-o", str(fifo))
    reader.join(timeout=20)
    assert result.returncode == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])[0]["id"] == "fitness-instructor"


def test_a_fifo_nobody_reads_is_one_line_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("roles", "-o", str(fifo), timeout=20)
    assert result.returncode == 1
    assert result.stderr == f"fitcareer: cannot write {fifo}: nothing is reading from it\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_regular_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "roles.json"
    target.write_text("old\n")
    target.chmod(0o640)
    assert run("roles", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text())[0]["id"] == "fitness-instructor"


def test_a_link_is_written_through_as_by_the_shell(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("roles", "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())[0]["id"] == "fitness-instructor"


def test_a_file_with_two_names_is_written_in_place(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    first.write_text("old\n")
    second = tmp_path / "b.json"
    os.link(first, second)
    assert run("roles", "-o", str(first)).returncode == 0
    assert json.loads(second.read_text())[0]["id"] == "fitness-instructor"
    assert first.stat().st_ino == second.stat().st_ino


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another user")
def test_root_writing_a_users_file_keeps_it_theirs(tmp_path: Path) -> None:
    user = nobody()
    if user is None:
        pytest.skip("no user 'nobody'")
    target = tmp_path / "theirs.json"
    target.write_text("old\n")
    os.chown(target, user.pw_uid, user.pw_gid)
    target.chmod(0o600)
    assert run("roles", "-o", str(target)).returncode == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (
        user.pw_uid,
        user.pw_gid,
        0o600,
    )
    assert json.loads(target.read_text())[0]["id"] == "fitness-instructor"


@pytest.mark.skipif(ROOT, reason="root may write a read-only file, as the shell's > does")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("mine\n")
    target.chmod(0o444)
    result = run("roles", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "read-only" in result.stderr
    assert target.read_text() == "mine\n"


@needs_other_user
def test_a_read_only_file_is_refused_for_an_ordinary_user(shared: Path) -> None:
    target = shared / "kept.txt"
    target.write_text("mine\n")
    user = nobody()
    assert user is not None
    os.chown(target, user.pw_uid, user.pw_gid)
    target.chmod(0o444)
    result = as_nobody("roles", "-o", str(target), home=shared)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"fitcareer: cannot write {target}: permission denied (the file is read-only)\n"
    )
    assert target.read_text() == "mine\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@needs_other_user
def test_an_ordinary_user_keeps_the_mode_of_their_file(shared: Path) -> None:
    target = shared / "roles.csv"
    result = as_nobody("roles", "-o", str(target), home=shared)
    assert result.returncode == 0, result.stderr
    target.chmod(0o604)
    assert as_nobody("roles", "-o", str(target), home=shared).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.stat().st_uid == pwd.getpwnam("nobody").pw_uid
    assert target.read_text().startswith("Family,ID,")


def test_a_data_file_in_use_is_not_an_output(data_copy: Path) -> None:
    roles = data_copy / "roles.yaml"
    before = roles.read_bytes()
    result = run("--data-dir", str(data_copy), "roles", "--format", "csv", "-o", str(roles))
    assert result.returncode == 2
    assert "data file this run reads" in result.stderr
    assert roles.read_bytes() == before


def test_the_directory_validate_reads_is_not_an_output(data_copy: Path) -> None:
    roles = data_copy / "roles.yaml"
    before = roles.read_bytes()
    result = run("validate", str(data_copy), "--format", "csv", "-o", str(roles))
    assert result.returncode == 2
    assert roles.read_bytes() == before


def answers_file(folder: Path) -> Path:
    saved = folder / "first.json"
    assert run("quiz", "--save", str(saved), input="1\n" * 20).returncode == 0
    return saved


def test_save_and_output_naming_one_file_is_a_usage_error(tmp_path: Path) -> None:
    given = answers_file(tmp_path)
    target = tmp_path / "s.json"
    result = run("quiz", "--answers", str(given), "--save", str(target), "-o", str(target))
    assert result.returncode == 2
    assert "also given as" in result.stderr
    assert not target.exists()


def test_the_answers_file_is_not_an_output(tmp_path: Path) -> None:
    given = answers_file(tmp_path)
    before = given.read_bytes()
    for option in ("-o", "--save"):
        result = run("quiz", "--answers", str(given), option, str(given))
        assert result.returncode == 2
        assert given.read_bytes() == before


@pytest.mark.parametrize("option", ["-o", "--save"])
def test_a_trailing_slash_names_a_directory_not_a_file(option: str, tmp_path: Path) -> None:
    args = ("roles",) if option == "-o" else ("quiz", "--answers", str(answers_file(tmp_path)))
    result = run(*args, option, str(tmp_path / "new") + "/")
    assert result.returncode == 2
    assert "is a directory" in result.stderr
    assert not (tmp_path / "new").exists()


def test_an_existing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run("roles", "-o", str(tmp_path))
    assert result.returncode == 2
    assert "is a directory" in result.stderr


def test_failed_write_keeps_the_old_file(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke_main("--data-dir", str(mini), "compare", "-f", "html", "-o", str(page))
    assert result.exit_code == 1
    assert f"cannot write {page}: No space left on device" in result.stderr
    assert page.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "page.html"]
