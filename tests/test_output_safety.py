"""What fitcareer writes never costs the user what they have, never passes for complete
when it is not, and is text: Markdown output holds no link or image that data or an
option put there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import invoke_main

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
