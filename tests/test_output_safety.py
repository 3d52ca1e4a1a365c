"""What fitcareer writes never costs the user what they have, never passes for complete
when it is not, and is text: Markdown output holds no link or image that data or an
option put there."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import SHIPPED, invoke_main

# --- Markdown is text: no link, image or link reference from data or options ---------------

INJECTED = "![x](http://example.com/p.png) [y](http://example.com/y) [1]: http://example.com/z"
"""Image, inline link and link reference definition syntax, as data or an option may hold."""

SOURCE_TITLE = '    title: "Fitness Instructor vs Personal Trainer – What is the difference?"\n'
ROLE_NAME = "    name: Personal trainer\n"


def injected(folder: Path) -> Path:
    """A copy of the data whose personal trainer's name and first source's title hold
    link and image syntax."""
    for name, line, field in (
        ("roles.yaml", ROLE_NAME, "name"),
        ("sources.yaml", SOURCE_TITLE, "title"),
    ):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(line) == 1
        quoted = INJECTED.replace('"', '\\"')
        path.write_text(text.replace(line, f'    {field}: "{quoted}"\n'), encoding="utf-8")
    return folder


def rendered(markdown: str) -> str:
    """The HTML a CommonMark renderer (with tables, as GitHub's) makes of the text."""
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(markdown))


def assert_no_links(markdown: str) -> None:
    assert not re.search(r"(?<!\\)\]\(", markdown), "link or image syntax survived"
    assert not re.search(r"(?m)^\s*(?:- )?\[[^\]]*(?<!\\)\]:", markdown)
    html = rendered(markdown)
    assert "<img" not in html
    assert "example.com" not in "".join(re.findall(r"<a [^>]*>", html))
    assert "(http://example.com/p.png)" in html


MARKDOWN_RUNS = [
    ("roles", "--format", "markdown"),
    ("roles", "personal-trainer", "--format", "markdown"),
    ("roles", "personal-trainer", "--detail", "--format", "markdown"),
    ("compare", "personal-trainer", "gym-manager", "--format", "markdown"),
    ("sources", "--format", "markdown"),
    ("report", "personal-trainer", "--format", "markdown"),
]


@pytest.mark.parametrize("args", MARKDOWN_RUNS, ids=" ".join)
def test_markdown_shows_link_syntax_from_data_as_text(
    data_copy: Path, args: tuple[str, ...]
) -> None:
    folder = injected(data_copy)
    result = invoke_main("--data-dir", str(folder), *args)
    assert result.exit_code == 0, result.stderr
    assert "example.com/p.png" in result.stdout
    assert_no_links(result.stdout)


def test_a_report_for_a_name_with_image_syntax_shows_it_as_text(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    result = invoke_main("report", "personal-trainer", "--for", INJECTED, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "example.com/p.png" in text
    assert_no_links(text)


@pytest.mark.parametrize(
    "value",
    [
        "a\\](http://example.com/p.png)",
        "[a\\\\](http://example.com/p.png)",
        "![a]\\(http://example.com/p.png)",
        "[a | b](http://example.com/p.png)",
        "<http://example.com/p.png>",
    ],
)
def test_a_backslash_in_the_text_cannot_undo_the_escape(tmp_path: Path, value: str) -> None:
    target = tmp_path / "x.md"
    result = invoke_main("report", "personal-trainer", "--for", value, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    html = rendered(target.read_text(encoding="utf-8"))
    assert "<img" not in html
    assert "example.com" not in "".join(re.findall(r"<a [^>]*>", html))


# --- Nothing the user has is lost: no data file is an output --------------------------------


@contextmanager
def unchanged(*paths: Path) -> Iterator[None]:
    """Assert that ``paths`` hold what they held (or still do not exist); a shipped file a
    regression overwrote is put back, so one failure cannot break the rest of the run."""
    before = {p: p.read_bytes() if p.exists() else None for p in paths}
    try:
        yield
    finally:
        after = {p: p.read_bytes() if p.exists() else None for p in paths}
        for path, held in before.items():
            if after[path] != held and held is not None:
                path.write_bytes(held)
            elif after[path] != held:
                path.unlink()
        assert after == before


def refused(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("fitcareer: ")


@pytest.fixture
def user_wages() -> Path:
    """The user's own wages.yaml (an import) in the user data directory, by platform
    convention (XDG_DATA_HOME, which the tests set)."""
    target = Path(os.environ["XDG_DATA_HOME"]) / "fitcareer" / "wages.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).parent / "wages-sample.yaml", target)
    return target


@pytest.mark.parametrize(
    "args",
    [
        ("income", "--area", "Vermont"),
        ("income", "--area", "Vermont", "--format", "json"),
        ("roles",),
        ("wages",),
        ("quiz", "--questions"),
        ("report", "personal-trainer"),
    ],
    ids=" ".join,
)
def test_the_users_imported_wages_are_not_an_output(
    user_wages: Path, args: tuple[str, ...]
) -> None:
    assert invoke_main("income", "--area", "Vermont").exit_code == 0
    with unchanged(user_wages):
        refused(invoke_main(*args, "-o", str(user_wages)))


def test_the_users_imported_wages_are_not_an_output_with_another_data_directory(
    user_wages: Path, data_copy: Path
) -> None:
    with unchanged(user_wages):
        refused(invoke_main("--data-dir", str(data_copy), "roles", "-o", str(user_wages)))


def test_a_link_to_the_users_wages_is_not_an_output(user_wages: Path, tmp_path: Path) -> None:
    link = tmp_path / "page.csv"
    link.symlink_to(user_wages)
    with unchanged(user_wages):
        refused(invoke_main("income", "--area", "Vermont", "-o", str(link)))


def test_before_any_import_the_users_wages_yaml_is_not_an_output() -> None:
    target = Path(os.environ["XDG_DATA_HOME"]) / "fitcareer" / "wages.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with unchanged(target):
        refused(invoke_main("roles", "--format", "csv", "-o", str(target)))


@pytest.mark.parametrize(
    "name",
    [
        "wages.yaml",
        "roles.yaml",
        "certifications.yaml",
        "quiz.yaml",
        "sources.yaml",
        "roles.json",
        "certifications.json",
        "quiz.json",
        "sources.json",
    ],
)
def test_no_data_file_of_the_data_directory_is_an_output(data_copy: Path, name: str) -> None:
    target = data_copy / name
    with unchanged(target):
        refused(
            invoke_main(
                "--data-dir", str(data_copy), "income", "--area", "Vermont", "-o", str(target)
            )
        )
    assert invoke_main("--data-dir", str(data_copy), "validate").exit_code == 0


@pytest.mark.parametrize("name", ["wages.yaml", "roles.yaml", "certifications.yaml", "roles.json"])
def test_no_shipped_data_file_is_an_output(name: str, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    shutil.copyfile(SHIPPED / "certifications.yaml", own / "certifications.yaml")
    target = SHIPPED / name
    with unchanged(target):
        refused(invoke_main("roles", "-o", str(target)))
        refused(invoke_main("--data-dir", str(own), "roles", "-o", str(target)))


def test_the_directory_validate_checks_holds_no_output(data_copy: Path) -> None:
    for name in ("wages.yaml", "quiz.json"):
        target = data_copy / name
        with unchanged(target):
            refused(invoke_main("validate", str(data_copy), "--format", "json", "-o", str(target)))


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    saved = tmp_path / "answers.json"
    result = invoke_main("quiz", "--save", str(saved), input="1\n" * 20)
    assert result.exit_code == 0, result.stderr
    return saved


@pytest.mark.parametrize(
    "args",
    [
        ("quiz", "--answers", "FILE", "-o", "FILE"),
        ("quiz", "--answers", "FILE", "--save", "FILE"),
        ("report", "--answers", "FILE", "-o", "FILE"),
        ("report", "--answers", "FILE", "--format", "json", "-o", "FILE"),
    ],
    ids=" ".join,
)
def test_the_answers_file_is_not_an_output(answers: Path, args: tuple[str, ...]) -> None:
    with unchanged(answers):
        refused(invoke_main(*(str(answers) if a == "FILE" else a for a in args)))


def test_an_imports_table_is_never_written(tmp_path: Path, data_copy: Path) -> None:
    table = tmp_path / "state_M2024_dl.csv"
    table.write_text("AREA,AREA_TITLE\n01,Alabama\n", encoding="utf-8")
    with unchanged(table):
        result = invoke_main(
            "--data-dir", str(data_copy), "wages", "import", str(table), "-o", str(table)
        )
    assert result.exit_code != 0


# --- A write that cannot complete is exit 1 with a message, buffered or not -----------------

LIMIT = 4096
"""The file-size limit (`ulimit -f 4`) the cut-short runs write under."""

FORMATS = ["table", "json", "csv", "markdown", "html", "svg"]


def limited() -> None:
    """In the child: files may grow to LIMIT bytes, and a write past it fails (EFBIG)
    instead of killing the process (SIGXFSZ ignored, as a shell's `trap '' XFSZ`)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run_limited(
    args: list[str], stdout: Path, unbuffered: bool
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["COLUMNS"] = "100"
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with stdout.open("wb") as out:
        return subprocess.run(
            [sys.executable, "-m", "fitcareer", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
            preexec_fn=limited,
        )


BIG = ["compare", "--detail"]
"""A run whose output is larger than LIMIT in every format."""


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_cut_short_on_stdout_is_exit_1_with_a_message(
    tmp_path: Path, fmt: str, unbuffered: bool
) -> None:
    full = invoke_main(*BIG, "--format", fmt)
    assert full.exit_code == 0 and len(full.stdout.encode()) > LIMIT
    out = tmp_path / "out"
    result = run_limited([*BIG, "--format", fmt], out, unbuffered)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("fitcareer: ")
    assert out.stat().st_size <= LIMIT


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_a_report_cut_short_on_stdout_is_exit_1_with_a_message(
    tmp_path: Path, fmt: str, unbuffered: bool
) -> None:
    args = ["report", "personal-trainer", "gym-manager", "fitness-instructor", "--format", fmt]
    result = run_limited(args, tmp_path / "out", unbuffered)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("fitcareer: ")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_that_cannot_be_written_whole_is_left_as_it_was(
    tmp_path: Path, fmt: str, unbuffered: bool
) -> None:
    target = tmp_path / "page.out"
    target.write_text("kept\n", encoding="utf-8")
    result = run_limited([*BIG, "--format", fmt, "-o", str(target)], tmp_path / "out", unbuffered)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("fitcareer: ")
    assert target.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "page.out"]


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_output_that_fits_is_written_whole_and_exit_0(tmp_path: Path, unbuffered: bool) -> None:
    out = tmp_path / "out"
    result = run_limited(["roles", "--format", "csv"], out, unbuffered)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == invoke_main("roles", "--format", "csv").stdout
