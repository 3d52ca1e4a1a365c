"""Bad data and hostile terminals, through the real error edge: bad data in-process
(`invoke_main`), and in a subprocess what could hang or concerns the process itself
(pipes, full disks, signals, terminals, encodings).

Tests are numbered after the 28-case reliability checklist. Each asserts the exit code,
that an expected failure is one line on stderr naming the file (and the line, where it
has one), and that no traceback or "Exception ignored" ever reaches the user. Timeouts
only stop a hang; nothing here measures time.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import COMMAND, SHIPPED, invoke_main, run, shipped_parsed_once, terminal_signals
from fitcareer import data as loading
from fitcareer.commands import COMMANDS as NAMES
from fitcareer.data import files as data_files
from fitcareer.data import parse as yaml_parse
from fitcareer.errors import DataError

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX = sys.platform != "win32"


def clean(r: Any) -> None:
    assert "Traceback" not in r.stderr
    assert "Exception ignored" not in r.stderr


def one_line(r: Any, where: str, code: int = 1) -> str:
    """The single stderr line of a failed run; it must contain ``where``."""
    clean(r)
    status = r.returncode if hasattr(r, "returncode") else r.exit_code
    assert status == code, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("fitcareer: ")
    assert where in lines[0], lines[0]
    assert r.stdout == ""
    return str(lines[0])


def mine(tmp_path: Path, content: str | bytes, name: str = "roles.yaml") -> Path:
    """A data directory holding one file; the others come from the shipped data."""
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(raw)
    return folder


def refused(folder: Path, where: str) -> str:
    """Run a command on ``folder`` in-process, through the real error edge: exit 1 with
    one line naming ``where``. (What could hang or crash the interpreter runs in a
    subprocess instead: `refused_apart`.)"""
    return one_line(invoke_main("--data-dir", str(folder), "roles"), where)


def refused_apart(folder: Path, where: str) -> str:
    """As `refused`, in a subprocess: for a file that could hang or crash a reader."""
    return one_line(run("--data-dir", str(folder), "roles"), where)


def line_of(text: str, pattern: str) -> int:
    found = re.search(pattern, text, re.M)
    assert found, pattern
    return text[: found.start()].count("\n") + 1


def shipped(name: str) -> str:
    return (SHIPPED / name).read_text(encoding="utf-8")


# --- 1-3: YAML that attacks the loader ------------------------------------------------


def test_01_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    mark = tmp_path / "MARK"
    folder = mine(tmp_path, f"roles: !!python/object/apply:os.system ['touch {mark}']\n")
    line = refused(folder, "roles.yaml:1:8:")
    assert "python/object/apply:os.system" in line and "not supported" in line
    assert not mark.exists()


def test_02_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    folder = mine(tmp_path, "\n".join(lines) + "\n")
    line = refused(folder, "roles.yaml:1:5:")
    assert "anchors and aliases" in line and "not supported" in line


@pytest.mark.parametrize(
    "doc", ["[" * 50_000 + "]" * 50_000, "- " * 50_000 + "x"], ids=["flow", "block"]
)
def test_03_deep_nesting_is_an_error_not_a_crash(tmp_path: Path, doc: str) -> None:
    """Exit 1 with one line naming the file and line; whether our depth cap or libyaml's
    own limit stops it first depends on the libyaml version, so its wording is not asserted."""
    r = run("--data-dir", str(mine(tmp_path, doc)), "roles")
    assert r.returncode != -11
    one_line(r, "roles.yaml:1:")


# --- 4-5: files that are too big or not files -----------------------------------------


def test_04_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    folder = mine(tmp_path, b"")
    with open(folder / "roles.yaml", "wb") as f:
        f.truncate(data_files.MAX_BYTES + 1)
    line = refused(folder, "roles.yaml")
    assert "file is 256 MiB, more than the 256 MiB a data file may be" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_05_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    os.mkfifo(folder / "roles.yaml")
    assert "not a regular file" in refused_apart(folder, "roles.yaml")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_05_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "roles.yaml").symlink_to("/dev/zero")
    assert "not a regular file" in refused_apart(folder, "roles.yaml")


@pytest.mark.skipif(not Path("/dev").is_dir(), reason="needs /dev")
def test_05_a_data_dir_without_data_files_is_refused() -> None:
    line = one_line(run("--data-dir", "/dev", "roles"), "/dev:")
    assert "holds none of the data files" in line


# --- 6-9: encodings, empty files, tabs ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("roles:\n  - id: café\n".encode("latin-1"), "roles.yaml:2:12:"),
        ("roles:\n  - name: “quoted”\n".encode("cp1252"), "roles.yaml:2:11:"),
    ],
    ids=["latin-1", "cp1252"],
)
def test_06_bytes_that_are_not_utf8_name_the_line(tmp_path: Path, raw: bytes, where: str) -> None:
    line = refused(mine(tmp_path, raw), where)
    assert "not valid UTF-8" in line and "save the file as UTF-8" in line


@pytest.mark.parametrize(
    "encode",
    [lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), lambda t: t.encode("utf-16")],
    ids=["utf-8-bom", "utf-16-bom"],
)
def test_07_a_byte_order_mark_loads_normally(tmp_path: Path, encode: Any) -> None:
    folder = mine(tmp_path, encode(shipped("roles.yaml")))
    r = run("--data-dir", str(folder), "roles", "--format", "json")
    clean(r)
    assert r.returncode == 0
    assert "personal-trainer" in [role["id"] for role in json.loads(r.stdout)]


def test_07_utf16_without_a_byte_order_mark_is_a_clear_error(tmp_path: Path) -> None:
    folder = mine(tmp_path, shipped("roles.yaml").encode("utf-16-le"))
    assert "UTF-16 without a byte-order mark" in refused(folder, "roles.yaml")


@pytest.mark.parametrize(
    "text", ["", "# only a comment\n", "\n   \n"], ids=["empty", "comment", "blank"]
)
def test_08_an_empty_file_is_an_error(tmp_path: Path, text: str) -> None:
    line = refused(mine(tmp_path, text), "roles.yaml")
    assert line.endswith("roles.yaml: file is empty")


def test_09_tab_indentation_points_at_the_tab(tmp_path: Path) -> None:
    line = refused(mine(tmp_path, "roles:\n\t- id: x\n"), "roles.yaml:2:1:")
    assert "indent with spaces, not tabs" in line


# --- 10-13: structure and schema errors -----------------------------------------------


def test_10_a_duplicate_key_names_the_second_one(tmp_path: Path) -> None:
    folder = mine(tmp_path, "roles:\n  - id: a\n    id: b\n")
    line = refused(folder, "roles.yaml:3:5:")
    assert "duplicate key 'id' (first defined on line 2)" in line


def test_11_a_wrong_type_names_line_field_and_value(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^[\s-]+amount: \d")
    path.write_text(
        re.sub(r"(?m)^([\s-]+amount: )[\d.]+", r"\1lots", text, count=1), encoding="utf-8"
    )
    line = refused(data_copy, f"roles.yaml:{at}:")
    assert "amount: expected a number, got 'lots'" in line


def test_11_many_problems_list_five_and_point_at_validate(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    text, count = re.subn(
        r"(?m)^([\s-]+amount: )[\d.]+", r"\1lots", path.read_text(encoding="utf-8")
    )
    assert count > 6
    path.write_text(text, encoding="utf-8")
    r = run("--data-dir", str(data_copy), "roles")
    clean(r)
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 6
    assert all("expected a number, got 'lots'" in line for line in lines[:5])
    assert lines[5] == (
        f"fitcareer: ... and {count - 5} more problems; run 'fitcareer validate' to list them all"
    )
    full = run("validate", str(data_copy))
    assert full.returncode == 1
    assert len(full.stdout.splitlines()) == count
    assert full.stderr == f"fitcareer: {count} problems found\n"


def test_12_a_misspelt_field_gets_a_did_you_mean(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^\s+income:")
    path.write_text(re.sub(r"(?m)^(\s+)income:", r"\1incme:", text, count=1), encoding="utf-8")
    line = refused(data_copy, f"roles.yaml:{at}:")
    assert "unknown field 'incme' (did you mean 'income'?)" in line


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("roles:\n  - {id: a, name: b\n", "roles.yaml:3:1:"),
        ('roles:\n  - id: "abc\n', "roles.yaml:3:1:"),
        ("roles:\n  - id: 'abc", "roles.yaml:2:13:"),
    ],
    ids=["flow-mapping", "double-quoted", "single-quoted-at-eof"],
)
def test_13_a_truncated_file_names_where_it_ends(tmp_path: Path, text: str, where: str) -> None:
    refused(mine(tmp_path, text), where)


def test_13_a_shipped_file_cut_in_half_is_one_located_error(tmp_path: Path) -> None:
    raw = (SHIPPED / "certifications.yaml").read_bytes()
    folder = mine(tmp_path, raw[: len(raw) // 2], "certifications.yaml")
    line = refused(folder, "certifications.yaml:")
    assert re.match(r"fitcareer: \S+certifications\.yaml:\d+(:\d+)?: ", line)


# --- 14-16: YAML 1.1 surprises, crashing tags, wrong shapes ---------------------------


def _rename_roles(data_copy: Path, names: list[str]) -> None:
    """Give the first roles these names, written bare in the YAML."""
    path = data_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("\nroles:\n")
    for name in names:
        found = re.compile(r"(?m)^    name: .*$").search(text, at)
        assert found
        text = f"{text[: found.start()]}    name: {name}{text[found.end() :]}"
        at = found.start() + 1
    path.write_text(text, encoding="utf-8")


def test_14_yaml_1_1_surprises_load_as_written() -> None:
    text = b"c: [GB, NO]\nv: 1.10\nn: 017\nt: 1:30\nf: yes\ne: 1e3\nh: 0x1F\nd: 2023-02-30\n"
    assert yaml_parse.parse(text, "f.yaml") == {
        "c": ["GB", "NO"],
        "v": 1.1,
        "n": "017",
        "t": "1:30",
        "f": "yes",
        "e": "1e3",
        "h": "0x1F",
        "d": "2023-02-30",
    }


def test_10_keys_that_python_would_merge_are_duplicates() -> None:
    with pytest.raises(DataError) as caught:
        yaml_parse.parse(b"1: a\ntrue: b\n", "f.yaml")
    assert str(caught.value) == "f.yaml:2:1: duplicate key 'true' (the same key as '1' on line 1)"


def test_14_norway_octal_and_sexagesimal_stay_as_written(data_copy: Path) -> None:
    _rename_roles(data_copy, ["NO", "017", "1:30"])
    r = run("--data-dir", str(data_copy), "roles", "--format", "json")
    clean(r)
    assert r.returncode == 0, r.stderr
    assert [role["name"] for role in json.loads(r.stdout)][:3] == ["NO", "017", "1:30"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("1.10", "expected text (put it in quotes), got 1.1"), ("yes", None)],
    ids=["float-in-text", "yes-is-text"],
)
def test_14_a_number_in_a_text_field_is_a_type_error(
    data_copy: Path, value: str, message: str | None
) -> None:
    _rename_roles(data_copy, [value])
    r = run("--data-dir", str(data_copy), "roles", "--format", "json")
    if message is None:
        assert r.returncode == 0 and json.loads(r.stdout)[0]["name"] == value
    else:
        assert message in one_line(r, "roles.yaml:")


def test_14_an_impossible_date_is_a_located_validation_error(data_copy: Path) -> None:
    path = data_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^\s+date: ")
    path.write_text(re.sub(r"(?m)^(\s+date: ).*$", r"\g<1>2023-02-30", text, count=1), "utf-8")
    line = refused(data_copy, f"sources.yaml:{at}:")
    assert "no such date '2023-02-30'" in line


def test_14_flags_accept_only_true_and_false(data_copy: Path) -> None:
    path = data_copy / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^\s+secondary: true")
    path.write_text(text.replace("secondary: true", "secondary: yes", 1), encoding="utf-8")
    line = refused(data_copy, f"roles.yaml:{at}:")
    assert "expected true or false, got 'yes'" in line


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('!!int ""', "tags such as 'tag:yaml.org,2002:int' are not supported"),
        ("!!bool maybe", "tags such as 'tag:yaml.org,2002:bool' are not supported"),
        ("!!timestamp nope", "tags such as 'tag:yaml.org,2002:timestamp' are not supported"),
        ("9" * 5000, "number has more than 30 digits"),
        ('"\\e[2J"', "control character U+001B in text"),
    ],
    ids=["int-empty", "bool-maybe", "timestamp-nope", "huge-int", "escape"],
)
def test_15_values_that_crash_safe_load_are_one_line(
    tmp_path: Path, value: str, message: str
) -> None:
    folder = mine(tmp_path, f"roles:\n  - id: x\n    n: {value}\n")
    assert message in refused(folder, "roles.yaml:3:8:")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("- a\n- b\n", "roles.yaml:1:1:", "expected a mapping with a 'roles' list, found list"),
        ("hello\n", "roles.yaml:1:1:", "expected a mapping with a 'roles' list, found str"),
        ("roles: []\n---\nroles: []\n", "roles.yaml:2:1:", "expected a single document"),
    ],
    ids=["list", "scalar", "two-documents"],
)
def test_16_wrong_top_level_shapes(tmp_path: Path, text: str, where: str, message: str) -> None:
    assert message in refused(mine(tmp_path, text), where)


# --- 17: the data directory itself ----------------------------------------------------


def test_17_a_missing_data_dir_is_a_usage_error(tmp_path: Path) -> None:
    gone = str(tmp_path / "gone")
    assert "no such directory" in one_line(run("--data-dir", gone, "roles"), gone, code=2)
    r = run("roles", env={"FITCAREER_DATA_DIR": gone})
    assert "no such directory" in one_line(r, gone, code=2)


def test_17_a_data_dir_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    r = run("--data-dir", str(path), "roles")
    assert "not a directory" in one_line(r, str(path), code=2)


def test_17_a_data_file_that_is_a_directory_is_a_data_error(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "roles.yaml").mkdir(parents=True)
    assert "is a directory, expected a YAML file" in refused(folder, "roles.yaml")


@pytest.mark.skipif(ROOT or not POSIX, reason="root reads any file whatever its mode")
def test_17_an_unreadable_file_is_a_data_error(data_copy: Path) -> None:
    (data_copy / "roles.yaml").chmod(0)
    assert f"cannot read: {os.strerror(errno.EACCES)}" in refused(data_copy, "roles.yaml")


@pytest.mark.skipif(ROOT or not POSIX, reason="root lists any directory whatever its mode")
def test_17_an_unreadable_data_dir_is_a_data_error(data_copy: Path) -> None:
    data_copy.chmod(0)
    try:
        line = refused(data_copy, str(data_copy))
    finally:
        data_copy.chmod(0o755)
    assert f"cannot read directory: {os.strerror(errno.EACCES)}" in line


def test_17_unreadable_file_and_directory_as_seen_when_permission_is_denied(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open, real_listdir = os.open, os.listdir

    def deny_open(path: Any, *args: Any, **kw: Any) -> int:
        if str(path).endswith("roles.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", deny_open)
    r = invoke_main("--data-dir", str(data_copy), "roles")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == f"fitcareer: {data_copy / 'roles.yaml'}: cannot read: Permission denied\n"

    def deny_list(path: Any = ".") -> list[str]:
        if Path(path) == data_copy:
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", deny_list)
    r = invoke_main("--data-dir", str(data_copy), "roles")
    assert r.exit_code == 1
    assert r.stderr == f"fitcareer: {data_copy}: cannot read directory: Permission denied\n"


# --- cross-references and validate ---------------------------------------------------


def test_unknown_role_in_a_certification_is_located_with_a_hint(data_copy: Path) -> None:
    path = data_copy / "certifications.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"^\s+roles: \[personal-trainer")
    path.write_text(text.replace("roles: [personal-trainer", "roles: [personal-trainr", 1), "utf-8")
    line = refused(data_copy, f"certifications.yaml:{at}:")
    assert "unknown role 'personal-trainr' (did you mean 'personal-trainer'?)" in line


def test_unknown_role_in_quiz_weights_is_located(data_copy: Path) -> None:
    path = data_copy / "quiz.yaml"
    text = path.read_text(encoding="utf-8")
    at = line_of(text, r"weights: \{[^}]*\bpersonal-trainer:")
    path.write_text(
        re.sub(r"(weights: \{[^}]*\b)personal-trainer:", r"\1personal-trainr:", text, count=1),
        "utf-8",
    )
    line = refused(data_copy, f"quiz.yaml:{at}:")
    assert "unknown role 'personal-trainr' (did you mean 'personal-trainer'?)" in line


def test_a_misnamed_file_alone_is_an_error_with_a_hint(tmp_path: Path) -> None:
    folder = mine(tmp_path, shipped("roles.yaml"), "role.yaml")
    r = run("--data-dir", str(folder), "roles")
    clean(r)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"fitcareer: {folder}: holds none of the data files (sources.yaml, roles.yaml, certifications.yaml, quiz.yaml)",
        f"fitcareer: {folder / 'role.yaml'}: not a data file, so it is ignored (did you mean 'roles.yaml'?)",
    ]


# --- 19-20: output that cannot be written ---------------------------------------------


SIGPIPE: int = getattr(signal, "SIGPIPE", 0)
needs_sigpipe = pytest.mark.skipif(not SIGPIPE, reason="no SIGPIPE on this system")

SHELL = shutil.which("bash")
needs_bash = pytest.mark.skipif(SHELL is None, reason="needs bash")


fcntl: Any = importlib.import_module("fcntl") if POSIX else None


def installed() -> list[str]:
    """The installed command (the console script beside this Python), else the module."""
    script = Path(sys.executable).with_name("fitcareer")
    return [str(script)] if script.exists() else COMMAND


def pipe_size() -> int:
    """How much a new pipe holds before its writer waits."""
    read, write = os.pipe()
    try:
        return (
            int(fcntl.fcntl(write, fcntl.F_GETPIPE_SZ)) if hasattr(fcntl, "F_GETPIPE_SZ") else 65536
        )
    finally:
        os.close(read)
        os.close(write)


SMALL = [
    ("sources",),
    ("sources", "--detail"),
    ("certs", "--detail"),
    ("certs", "--format", "json"),
    ("compare",),
    ("quiz", "--questions"),
    ("report", "personal-trainer"),
    ("schema", "roles"),
    ("--help",),
    ("certs", "--help"),
]
"""Commands whose output may be small: the reader is gone before they write."""


@needs_sigpipe
@pytest.mark.parametrize("args", SMALL, ids=" ".join)
def test_19_a_closed_pipe_ends_the_run_as_sigpipe_ends_cat(args: tuple[str, ...]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [*COMMAND, *args], stdout=write, stderr=subprocess.PIPE, timeout=60, check=False
        )
    finally:
        os.close(write)
    assert proc.returncode == -SIGPIPE
    assert proc.stderr == b""


def test_19_a_quiz_result_into_a_closed_pipe(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    saved = run("quiz", "--save", str(answers), input="1\n" * 20)
    assert saved.returncode == 0, saved.stderr
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [*COMMAND, "quiz", "--answers", str(answers)],
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert proc.returncode == (-SIGPIPE if SIGPIPE else 141)
    assert proc.stderr == b""


@needs_sigpipe
@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="pipe size is fixed here")
@pytest.mark.parametrize(
    "args",
    [
        ("compare", "--detail"),
        ("sources", "--detail"),
        ("quiz", "--questions"),
        ("certs", "--help"),
    ],
    ids=" ".join,
)
def test_19_a_reader_that_leaves_in_the_middle_of_a_table(args: tuple[str, ...]) -> None:
    """Rich writing many lines into a pipe of one page, whose reader takes a byte and
    leaves: the rest of the output cannot fit, so the run meets the closed pipe."""
    whole = run(*args)
    assert whole.returncode == 0
    read, write = os.pipe()
    size = fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    assert len(whole.stdout.encode()) > 2 * size, "the output must not fit in the pipe"
    proc = subprocess.Popen([*COMMAND, *args], stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    assert len(os.read(read, 1)) == 1
    os.close(read)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == -SIGPIPE
    assert err == b""


@needs_sigpipe
@needs_bash
def test_19_head_leaving_a_pipeline_fails_it_under_pipefail_with_status_141() -> None:
    args = ["sources", "--detail", "--format", "json"]
    assert len(run(*args).stdout.encode()) > 2 * pipe_size(), "the output must not fit in the pipe"
    line = f"{shlex.join([*installed(), *args])} | head -1 >/dev/null"
    proc = subprocess.run(
        [str(SHELL), "-o", "pipefail", "-c", line], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 141
    assert proc.stderr == ""
    whole = subprocess.run(
        [
            str(SHELL),
            "-o",
            "pipefail",
            "-c",
            f"{shlex.join([*installed(), *args])} | cat >/dev/null",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert whole.returncode == 0, "a reader that reads it all sees a clean exit"


GATED = 'gate=$1; shift; { read -r _ < "$gate"; exec "$@"; } | { exec <&-; echo > "$gate"; }'
"""A shell pipeline whose reader closes its end, then lets the command start."""


@needs_sigpipe
@needs_bash
@pytest.mark.parametrize(
    "args",
    [("sources",), ("certs", "--detail"), ("quiz", "--questions"), ("--help",)],
    ids=" ".join,
)
def test_19_a_pipeline_whose_reader_left_fails_under_pipefail(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    proc = subprocess.run(
        [str(SHELL), "-o", "pipefail", "-c", GATED, "sh", str(gate), *installed(), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 141
    assert proc.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [("roles",), ("certs", "--format", "json"), ("--help",), ("--version",)]
)
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_20_a_full_disk_is_one_line(args: tuple[str, ...], unbuffered: str) -> None:
    with open("/dev/full", "w") as full:
        env = {"PYTHONUNBUFFERED": unbuffered}
        r = run(*args, stdout=full, stderr=subprocess.PIPE, env=env)
    clean(r)
    assert r.returncode == 1
    assert r.stderr == f"fitcareer: cannot write output: {os.strerror(errno.ENOSPC)}\n"


@pytest.mark.skipif(not POSIX, reason="closes a POSIX file descriptor")
def test_20_a_closed_stdout_is_one_line() -> None:
    r = run("roles", preexec_fn=lambda: os.close(1))
    clean(r)
    assert r.returncode == 1
    assert r.stderr == "fitcareer: cannot write output: standard output is closed\n"


# --- 21-23, 27-28: the quiz -----------------------------------------------------------


def spawn(*args: str, env: dict[str, str] | None = None) -> Any:
    pexpect = pytest.importorskip("pexpect")
    full = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    return pexpect.spawn(
        COMMAND[0],
        [*COMMAND[1:], *args],
        env=full,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 100),
        preexec_fn=terminal_signals,
    )


def ask(child: Any) -> int:
    """Wait for the next question's prompt; returns its number."""
    child.expect(r"Question (\d+) of \d+: ")
    number = int(child.match.group(1))
    child.expect(r"q quit(, Enter keeps '[a-z,-]+')?\): ")
    return number


def finish(child: Any) -> str:
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    return str(child.before)


@pytest.mark.skipif(not POSIX, reason="needs a POSIX pseudo-terminal")
def test_21_ctrl_c_at_the_third_question_exits_130_and_keeps_the_old_results(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "result.json"
    saved.write_text('{"old": true}\n', encoding="utf-8")
    child = spawn("quiz", "--save", str(saved))
    for _ in range(2):
        ask(child)
        child.sendline("1")
    assert ask(child) == 3
    child.sendintr()
    out = finish(child)
    assert child.exitstatus == 130
    assert "interrupted at question 3" in out and "nothing was saved" in out
    assert "Traceback" not in out
    assert saved.read_text(encoding="utf-8") == '{"old": true}\n'


def test_22_end_of_input_names_the_question_and_exits_1() -> None:
    r = run("quiz", stdin=subprocess.DEVNULL)
    line = one_line(r, "question 1 of")
    assert "--answers FILE" in line


@pytest.mark.skipif(not POSIX, reason="needs a POSIX pseudo-terminal")
def test_23_an_invalid_answer_at_a_terminal_is_asked_again() -> None:
    child = spawn("quiz")
    assert ask(child) == 1
    for bad in ("maybe", "7", ""):
        child.sendline(bad)
        child.expect("is not an answer here: type ")
        assert ask(child) == 1
    child.sendline("q")
    out = finish(child)
    assert child.exitstatus == 0 and "Traceback" not in out


@pytest.mark.parametrize("bad", ["maybe", "7", ""])
def test_23_an_invalid_piped_answer_exits_2(bad: str) -> None:
    r = run("quiz", input=f"{bad}\n")
    line = one_line(r, "question 1 of", code=2)
    assert "is not an answer here" in line


def _answers(tmp_path: Path) -> Path:
    r = run("quiz", "--questions", "--format", "json")
    assert r.returncode == 0
    first = {q["id"]: q["choices"][0]["key"] for q in json.loads(r.stdout)}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    return path


SAVE_FAILS = """
import errno, os, sys
from fitcareer.cli.main import main
def broken(*args):
    raise OSError(errno.{code}, os.strerror(errno.{code}))
os.{name} = broken
sys.argv = ["fitcareer", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("fsync", "ENOSPC", os.strerror(errno.ENOSPC)),
        ("replace", "EACCES", os.strerror(errno.EACCES)),
    ],
    ids=["disk-full", "permission-denied"],
)
def test_27_28_a_failed_save_keeps_the_old_file_and_prints_the_result(
    tmp_path: Path, name: str, code: str, reason: str
) -> None:
    answers = _answers(tmp_path)
    saved = tmp_path / "result.json"
    saved.write_bytes(b'{"old": true}\n')
    script = SAVE_FAILS.format(name=name, code=code)
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "quiz",
            "--answers",
            str(answers),
            "--save",
            str(saved),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, "FITCAREER_NO_CACHE": "1"},
    )
    line = one_line_with_stdout(r, str(saved))
    assert reason in line
    assert json.loads(r.stdout)
    assert saved.read_bytes() == b'{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "result.json"]


def one_line_with_stdout(r: Any, where: str) -> str:
    clean(r)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and where in lines[0], r.stderr
    return str(lines[0])


@pytest.mark.skipif(ROOT or not POSIX, reason="root writes into any directory whatever its mode")
def test_27_saving_into_a_read_only_directory(tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    folder = tmp_path / "ro"
    folder.mkdir()
    saved = folder / "result.json"
    saved.write_bytes(b'{"old": true}\n')
    folder.chmod(0o555)
    try:
        r = run("quiz", "--answers", str(answers), "--save", str(saved), "--format", "json")
    finally:
        folder.chmod(0o755)
    assert os.strerror(errno.EACCES) in one_line_with_stdout(r, str(saved))
    assert json.loads(r.stdout)
    assert saved.read_bytes() == b'{"old": true}\n'


KILLED = """
import os, signal, sys
from fitcareer.cli.main import main
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["fitcareer", *sys.argv[1:]]
main()
"""


@pytest.mark.skipif(not POSIX, reason="needs SIGKILL")
def test_28_a_save_killed_midway_leaves_the_old_file_whole(tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    saved = tmp_path / "result.json"
    saved.write_bytes(b'{"old": true}\n')
    args = ["quiz", "--answers", str(answers), "--save", str(saved)]
    env = {**os.environ, "FITCAREER_NO_CACHE": "1"}
    r = subprocess.run(
        [sys.executable, "-c", KILLED, *args], capture_output=True, timeout=20, env=env
    )
    assert r.returncode == -9
    assert saved.read_bytes() == b'{"old": true}\n'
    (left,) = tmp_path.glob(".result.json.*.tmp")
    os.utime(left, (0, 0))
    again = run(*args)
    assert again.returncode == 0, again.stderr
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert not left.exists()


def test_28_concurrent_saves_leave_one_whole_result(tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    saved = tmp_path / "result.json"
    procs = [
        subprocess.Popen(
            [*COMMAND, "quiz", "--answers", str(answers), "--save", str(saved), "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    for proc in procs:
        proc.communicate(timeout=30)
        assert proc.returncode == 0
    given = json.loads(answers.read_text(encoding="utf-8"))
    assert given["focus"] == "nutrition"
    # Focus takes several answers, so the result keeps its one answer as a list.
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"] == {
        **given,
        "focus": ["nutrition"],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "result.json"]


@pytest.mark.parametrize("content", ["{", "[1, 2]", "\x00\x01"], ids=["cut", "list", "binary"])
def test_28_a_corrupt_results_file_is_one_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "result.json"
    path.write_text(content, encoding="utf-8")
    one_line(run("quiz", "--answers", str(path)), "result.json", code=2)


# --- 24-26: width, colour, encoding ---------------------------------------------------

TOKEN = re.compile(r"\$[\d,.]+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
LINK = re.compile(r"\S*(?:https?:|www\.)\S*")


def tokens(text: str) -> set[str]:
    """Every figure and id in ``text`` (web addresses aside)."""
    return set(TOKEN.findall(LINK.sub("", text)))


VIEWS = [
    ("compare",),
    (
        "compare",
        "personal-trainer",
        "gym-manager",
        "group-fitness-instructor",
        "fitness-instructor",
    ),
    ("roles",),
    ("roles", "personal-trainer"),
    ("certs",),
    ("certs", "nasm-cpt", "ace-cpt"),
    ("income",),
    ("income", "--rate", "60", "--sessions-per-week", "20"),
    ("steps", "--cert", "nasm-cpt"),
    ("sources",),
    ("quiz", "--questions"),
]
"""Views with figures and ids (`steps` alone has none: its figures are under --cert)."""


def shown_width(columns: int) -> int:
    """The width a view is laid out at: COLUMNS, or 80 when it is under 20 (not a real width).

    Only a word too long for an indented line (8 columns short of the width, as in
    test_widths) may be folded; a column left out must be named in a note."""
    return columns if columns >= 20 else 80


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_24_narrow_terminals_never_cut_a_figure_or_an_id(
    args: tuple[str, ...], warm_cache: Path
) -> None:
    wide = invoke_main(*args, env={"COLUMNS": "1000"})
    assert wide.exit_code == 0
    want = tokens(wide.stdout)
    assert want
    for columns in [0, 1, 19, *range(20, 201, 18)]:
        width = shown_width(columns)
        r = invoke_main(*args, env={"COLUMNS": str(columns)})
        assert r.exit_code == 0 and r.stdout.strip()
        assert "…" not in r.stdout
        lines = r.stdout.splitlines()
        assert max(len(line) for line in lines) <= width, columns
        got = tokens(r.stdout)
        room = width - 8
        long = [t for t in want if len(t) > room] + LINK.findall(wide.stdout)
        cut = [t for t in got - want if not any(t in whole for whole in long)]
        assert cut == [], (columns, sorted(cut)[:5])
        gone = sorted(t for t in want - got if len(t) <= room)
        assert not gone or "Left out at " in r.stdout, (columns, gone[:5])


@pytest.mark.parametrize("columns", ["0", "19", "wide", " "])
def test_24_a_width_that_is_no_width_is_80_columns_for_tables_and_messages(
    columns: str, tmp_path: Path, warm_cache: Path
) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    target = str(folder / "certs.md")
    at = {c: invoke_main("certs", "-o", target, env={"COLUMNS": c}) for c in (columns, "80")}
    assert at[columns].exit_code == at["80"].exit_code == 0
    said = at[columns].stderr.splitlines()
    if columns.strip():
        assert said == at["80"].stderr.splitlines()
        assert len(said) > 1 and max(len(line) for line in said) <= 80
    else:
        assert said == [f"wrote {target}"]
        assert len(said[0]) > 80
    tables = {c: invoke_main("certs", env={"COLUMNS": c}).stdout for c in (columns, "80")}
    assert tables[columns] == tables["80"] or not columns.strip()


def test_24_a_list_too_wide_for_every_column_names_the_ones_it_left_out(
    warm_cache: Path,
) -> None:
    at = {w: invoke_main("certs", env={"COLUMNS": str(w)}).stdout for w in (80, 100, 200)}
    rows = {w: [line.split() for line in text.splitlines()] for w, text in at.items()}
    assert ["nasm-cpt", "NASM", "NCCA", "$999-$2,099^", "120", "10"] in rows[80]
    assert "Left out at 80 columns: Credential, Dated, Minutes (shown" in " ".join(at[80].split())
    assert ["nasm-cpt", "NASM", "NCCA", "$999-$2,099^", "2026", "120", "120", "10"] in rows[100]
    assert "Left out at 100 columns: Credential (shown" in at[100]
    assert "NASM Certified Personal Trainer" in at[200]
    assert "Left out" not in at[200]
    csv_rows = invoke_main("certs", "--format", "csv", env={"COLUMNS": "80"}).stdout
    assert csv_rows.splitlines()[0].startswith("ID,Credential,")


def test_24_compare_keeps_each_income_figure_whole_and_stacks(warm_cache: Path) -> None:
    narrow = run("compare", env={"COLUMNS": "40"}).stdout
    lines = [line.rstrip() for line in narrow.splitlines()]
    assert max(len(line) for line in lines) <= 40
    assert "== Income ==" in lines and "Personal trainer:" in lines
    assert "  $51,402 a year, median base pay" in lines
    assert "$47,160" in narrow and "BLS SOC 39-9031" in " ".join(narrow.split())
    silly = run("compare", env={"COLUMNS": "0"})
    assert silly.returncode == 0
    side = silly.stdout.splitlines()
    assert max(len(line) for line in side) <= 80
    assert side[1].split() == ["Aspect", "Fitness", "instructor", "Personal", "trainer"]
    assert "$51,402 a year" in silly.stdout and "$47,160" in silly.stdout


COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
"""An SGR sequence that sets a colour (bold, dim and italic are not colour)."""


def pty_output(args: tuple[str, ...], env: dict[str, str]) -> tuple[int, str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update({"TERM": "xterm-256color", "COLUMNS": "120", **env})
    child = pytest.importorskip("pexpect").spawn(
        COMMAND[0],
        [*COMMAND[1:], *args],
        env=full,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 120),
    )
    out = finish(child)
    return child.exitstatus, out


PTY_VIEWS = [("compare",), ("--help",), ("nope",)]
COLOURED_VIEWS = [("compare",), ("--help",)]
"""Views that use colour on a terminal (an error is a plain line)."""


@pytest.mark.skipif(not POSIX, reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("args", COLOURED_VIEWS, ids=" ".join)
def test_25_colour_on_a_terminal_and_no_colour_with_no_color(
    args: tuple[str, ...], warm_cache: Path
) -> None:
    code, coloured = pty_output(args, {})
    assert COLOUR.search(coloured)
    plain_code, plain = pty_output(args, {"NO_COLOR": "1"})
    assert plain_code == code
    assert not COLOUR.search(plain)
    assert "Traceback" not in plain
    _, forced = pty_output(args, {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert not COLOUR.search(forced)


@pytest.mark.skipif(not POSIX, reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("args", PTY_VIEWS, ids=" ".join)
def test_25_a_dumb_terminal_gets_no_escapes(args: tuple[str, ...], warm_cache: Path) -> None:
    _, out = pty_output(args, {"TERM": "dumb"})
    assert "\x1b[" not in out


@pytest.mark.parametrize("args", PTY_VIEWS, ids=" ".join)
@pytest.mark.parametrize("force", [None, "0"], ids=["unset", "zero"])
def test_25_a_pipe_gets_no_escapes_unless_colour_is_forced(
    args: tuple[str, ...], force: str | None, warm_cache: Path
) -> None:
    r = run(*args, env={} if force is None else {"FORCE_COLOR": force})
    assert "\x1b[" not in r.stdout and "\x1b[" not in r.stderr


@pytest.mark.parametrize("args", COLOURED_VIEWS, ids=" ".join)
def test_25_force_color_forces_colour_into_a_pipe(args: tuple[str, ...], warm_cache: Path) -> None:
    r = run(*args, env={"FORCE_COLOR": "1"})
    assert COLOUR.search(r.stdout + r.stderr)


@pytest.mark.skipif(not POSIX, reason="needs a POSIX pseudo-terminal")
def test_25_force_color_zero_leaves_a_terminal_coloured(warm_cache: Path) -> None:
    _, out = pty_output(("compare",), {"FORCE_COLOR": "0"})
    assert COLOUR.search(out)


COMMANDS = [
    ("roles",),
    ("roles", "personal-trainer"),
    ("compare",),
    ("certs",),
    ("certs", "nasm-cpt"),
    ("certs", "nasm-cpt", "ace-cpt", "--years", "6"),
    ("steps",),
    ("income",),
    ("income", "--rate", "60", "--sessions-per-week", "20"),
    ("sources",),
    ("quiz", "--questions"),
    ("interests", "--scores", "R=8,I=30,A=2,S=36,E=6,C=10"),
    ("wages",),
    ("paths", "fitness-instructor", "--area", "Ohio"),
    ("onet",),
    ("report",),
    ("schema", "roles"),
    ("validate",),
    ("cache",),
    ("--help",),
    ("--version",),
    ("certs", "--format", "json"),
    ("certs", "--format", "html"),
]
ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"LANG": "C", "LC_ALL": "C"}


def test_26_the_encoding_checks_run_every_command() -> None:
    assert {args[0] for args in COMMANDS if not args[0].startswith("-")} == set(NAMES)


def _prints(args: tuple[str, ...], env: dict[str, str]) -> bytes:
    r = run(*args, text=False, env=env)
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 0, err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert r.stdout.strip() or (args == ("validate",) and "data is valid" in err)
    return bytes(r.stdout + r.stderr)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_26_every_command_prints_to_an_ascii_stream(
    args: tuple[str, ...], warm_cache: Path
) -> None:
    assert _prints(args, ASCII).isascii()


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_26_every_command_prints_in_the_c_locale(args: tuple[str, ...], warm_cache: Path) -> None:
    _prints(args, C_LOCALE)


@pytest.mark.parametrize("args", [("compare",), ("certs",), ("--help",)], ids=" ".join)
def test_26_a_true_ascii_locale_gets_replacement_characters(
    args: tuple[str, ...], warm_cache: Path
) -> None:
    env = {**C_LOCALE, "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    assert _prints(args, env).isascii()


def test_26_a_quiz_answered_through_an_ascii_pipe(tmp_path: Path, warm_cache: Path) -> None:
    answers = _answers(tmp_path)
    r = run("quiz", "--answers", str(answers), env={"PYTHONIOENCODING": "ascii"})
    clean(r)
    assert r.returncode == 0 and r.stdout.isascii()


# --- the error edge --------------------------------------------------------------------


def boom(*args: object, **kw: object) -> None:
    raise ValueError("boom\nsecond line of the message")


def test_an_unexpected_error_is_one_short_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "load", boom)
    r = invoke_main("roles")
    assert "Traceback" not in r.stderr
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == (
        "fitcareer: internal error (ValueError: boom); please report this bug with the command "
        "you ran (FITCAREER_DEBUG=1 shows the traceback)\n"
    )


CRASH = """
import sys
from fitcareer import data
from fitcareer.cli.main import main
def boom(*args, **kw):
    raise ValueError("boom\\nsecond line of the message")
data.load = data.opened = boom
sys.argv = ["fitcareer", "roles"]
main()
"""


def test_debug_shows_the_traceback() -> None:
    """With FITCAREER_DEBUG the error leaves the process: Python prints the traceback."""
    env = {**os.environ, "FITCAREER_DEBUG": "1"}
    r = subprocess.run(
        [sys.executable, "-c", CRASH], capture_output=True, text=True, timeout=20, env=env
    )
    assert r.returncode == 1
    assert "Traceback (most recent call last)" in r.stderr
    assert "ValueError: boom" in r.stderr


@pytest.mark.parametrize(
    ("args", "part"),
    [
        (("compare", "--format", "xml"), "'xml' is not a format"),
        (("nope",), "'nope' is not a command"),
    ],
    ids=["bad-format", "unknown-command"],
)
def test_usage_errors_exit_2_on_stderr_only(args: tuple[str, ...], part: str) -> None:
    r = run(*args)
    clean(r)
    assert r.returncode == 2 and r.stdout == ""
    assert part in r.stderr


def test_an_unknown_role_exits_2_with_a_hint(warm_cache: Path) -> None:
    line = one_line(run("compare", "personal-trainr"), "unknown role 'personal-trainr'", code=2)
    assert "did you mean 'personal-trainer'?" in line


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = mine(tmp_path, 'roles:\n  - id: x\n    "na\\u202eme": x\n')
    assert "control character U+202E in text" in refused(folder, "roles.yaml:3:5:")
    odd = tmp_path / "da\x1b[2Jta"
    folder.rename(odd)
    r = run("--data-dir", str(odd), "roles")
    assert r.returncode == 1
    assert "\x1b" not in r.stderr and "da\\x1b[2Jta" in r.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CERTS = "certifications.yaml"


NASM_MINUTES = "{value: 120, source: nasm-exam-info, date: undated}"


NASM_QUESTIONS = "{value: 120, source: nasm-faq, date: undated}"


NASM_AGE = "{value: 18, source: nasmacademic-cpt-exam"


NASM_CYCLE = "{value: 2, source: nasm-recert, date: undated}"


NASM_PRICE = '{usd: 999, kind: package, label: "Self-Study"'


CE_UNIT = "{unit: CEU, hours: 10, source: nasm-recert"


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        (CERTS, NASM_PRICE, NASM_PRICE.replace("999", "1.7e308"), "from 0 to 1,000,000"),
        (CERTS, NASM_PRICE, NASM_PRICE.replace("999", "-1"), "from 0 to 1,000,000"),
        (CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "5.0e-324,"), "from 0.1 to 100"),
        (CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "101,"), "from 0.1 to 100"),
        (CERTS, NASM_MINUTES, NASM_MINUTES.replace("120", "-5"), "whole number from 0"),
        (CERTS, NASM_AGE, NASM_AGE.replace("18", "-1"), "whole number from 0 to 120"),
        (CERTS, NASM_QUESTIONS, NASM_QUESTIONS.replace("120", "120.5"), "whole number"),
        (CERTS, CE_UNIT, CE_UNIT.replace("10", "-10"), "from 0 to 10,000"),
        (
            "quiz.yaml",
            "weights: {fitness-instructor: 1, personal-trainer: 1}",
            "weights: {fitness-instructor: 1.7e308, personal-trainer: 1}",
            "from -100 to 100",
        ),
    ],
    ids=[
        "price-huge",
        "price-negative",
        "cycle-tiny",
        "cycle-long",
        "minutes",
        "age",
        "questions-fraction",
        "ce-hours",
        "weight",
    ],
)
def test_numbers_out_of_range_are_located_data_errors(
    data_copy: Path, file: str, old: str, new: str, words: str
) -> None:
    edit(data_copy / file, old, new)
    with shipped_parsed_once():  # the copies of the other files are parsed once
        result = invoke_main("validate", str(data_copy))
        assert result.exit_code == 1
        problems = result.stdout.splitlines()
        assert len(problems) == 1, problems
        assert re.match(rf".*{re.escape(file)}:\d+:\d+: ", problems[0])
        assert words in problems[0]
        for command in (["certs", "nasm-cpt", "--years", "100"], ["quiz", "--questions"]):
            loaded = invoke_main("--data-dir", str(data_copy), *command)
            assert loaded.exit_code == 1
            assert "internal error" not in loaded.stderr


def test_a_price_range_must_run_upwards(data_copy: Path) -> None:
    edit(data_copy / CERTS, NASM_PRICE, NASM_PRICE.replace("usd: 999,", "usd: 999, usd_max: 500,"))
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1
    assert "usd_max" in problems[0] and "below usd" in problems[0]


def test_the_largest_values_allowed_never_crash_a_view(data_copy: Path) -> None:
    edit(data_copy / CERTS, NASM_PRICE, NASM_PRICE.replace("999", "1000000"))
    edit(data_copy / CERTS, NASM_CYCLE, NASM_CYCLE.replace("2,", "0.1,"))
    assert invoke_main("validate", str(data_copy)).exit_code == 0
    for command in (
        ["certs", "nasm-cpt", "--years", "100"],
        ["certs", "--format", "csv"],
        ["income", "--rate", "1000000", "--sessions-per-week", "40", "--cert", "nasm-cpt"],
    ):
        result = invoke_main("--data-dir", str(data_copy), *command)
        assert result.exit_code == 0, (command, result.stderr)


def test_every_unknown_reference_is_reported_hints_for_the_first(data_copy: Path) -> None:
    from fitcareer.data.validate import MAX_HINTS

    roles = data_copy / "roles.yaml"
    facts = "".join(
        f"      - {{text: Fact {i}., source: nasm-recrt-{i:03d}, date: undated}}\n"
        for i in range(MAX_HINTS + 10)
    )
    role = (
        "  - id: extra-role\n    name: Extra role\n"
        "    summary: {text: A role., source: seed-001, date: undated}\n"
        f"    duties:\n{facts}"
    )
    edit(roles, "  - id: personal-trainer\n", f"{role}  - id: personal-trainer\n")
    result = invoke_main("validate", str(data_copy))
    assert result.exit_code == 1
    unknown = [p for p in result.stdout.splitlines() if "unknown source" in p]
    assert len(unknown) == MAX_HINTS + 10
    assert sum("did you mean" in p for p in unknown) == MAX_HINTS
