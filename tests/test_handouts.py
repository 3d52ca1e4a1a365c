"""Handouts a counsellor can give away: `-o FILE` picks the format from the extension, and
the HTML page says when, by what and from which data it was prepared, speaks no
command-line syntax, and prints on at most two pages for two roles."""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import csv_sources, csv_table, invoke_main, ok, run
from fitcareer import __version__
from fitcareer.commands import COMMANDS

EPOCH = {"SOURCE_DATE_EPOCH": "86400"}
"""2 Jan 1970: the page's date is the build date a reproducible build asks for."""


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("roles.html", "<!DOCTYPE html>"),
        ("roles.HTM", "<!DOCTYPE html>"),
        ("roles.svg", "<svg"),
        ("roles.md", "## Roles"),
        ("roles.csv", "Family,ID,"),
        ("roles.json", "["),
        ("roles.txt", "Roles"),
    ],
)
def test_the_extension_picks_the_format(name: str, start: str, tmp_path: Path) -> None:
    target = tmp_path / name
    result = invoke_main("roles", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith(start)


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "roles.json"
    assert invoke_main("roles", "--format", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Family,ID,")


def page_text(page: str) -> str:
    body = page[page.index("<main>") :]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_page_says_when_by_what_and_from_which_data(tmp_path: Path) -> None:
    target = tmp_path / "compare.html"
    assert run("compare", "-o", str(target), env=EPOCH).returncode == 0
    text = " ".join(page_text(target.read_text(encoding="utf-8")).split())
    assert (
        f"Prepared 2 Jan 1970 by fitcareer {__version__} from the data shipped with it "
        "(newest source dated " in text
    )


def test_the_page_names_the_users_own_data(tmp_path: Path, data_copy: Path) -> None:
    sources = data_copy / "sources.yaml"
    raw = sources.read_text(encoding="utf-8")
    assert raw.count('date: "2021-04"') >= 1
    sources.write_text(raw.replace('date: "2021-04"', 'date: "2031-03-15"'), encoding="utf-8")
    target = tmp_path / "compare.html"
    result = run("--data-dir", str(data_copy), "compare", "-o", str(target), env=EPOCH)
    assert result.returncode == 0, result.stderr
    text = " ".join(page_text(target.read_text(encoding="utf-8")).split())
    assert "from the data in 'data' (newest source dated 15 Mar 2031)" in text


PAGES = [
    ("compare",),
    ("compare", "--detail"),
    ("roles",),
    ("roles", "personal-trainer"),
    ("certs",),
    ("certs", "nasm-cpt"),
    ("steps",),
    ("steps", "--cert", "nasm-cpt"),
    ("income",),
    ("income", "--rate", "60", "--sessions-per-week", "20"),
    ("income", "--rate", "60", "--sessions-per-week", "20", "--cert", "nasm-cpt"),
    ("income", "--rate", "60", "--sessions-per-week", "20", "--cert", "ace-gfi"),
    ("income", "--rate", "60", "--sessions-per-week", "20", "--costs", "500"),
    ("paths", "personal-trainer", "--area", "Vermont"),
    ("onet",),
    ("sources",),
    ("quiz", "--questions"),
]


def syntax(text: str) -> list[str]:
    """What a page shows of the command line: options, and fitcareer before a command."""
    words = [w.strip("`'\"(),.;:") for w in text.split()]
    found = [w for w in words if w.startswith("--")]
    pairs = itertools.pairwise(words)
    return found + [f"{a} {b}" for a, b in pairs if a == "fitcareer" and b in COMMANDS]


@pytest.mark.parametrize("command", PAGES, ids=[" ".join(c) for c in PAGES])
def test_the_page_has_no_command_line_syntax(command: tuple[str, ...]) -> None:
    result = invoke_main(*command, "--format", "html")
    assert result.exit_code == 0
    text = page_text(result.stdout)
    assert syntax(text) == []
    assert "Show one" not in text


def test_a_note_keeps_its_fact_without_the_option() -> None:
    sources = page_text(invoke_main("sources", "--format", "html").stdout)
    assert "are marked 'may be out of date'." in " ".join(sources.split())


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_two_roles_print_on_at_most_two_pages(tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    assert run("compare", "-o", str(page)).returncode == 0
    pdf = tmp_path / "compare.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert 1 <= pages(pdf.read_bytes()) <= 2


def test_json_output_is_unchanged_by_the_colophon(tmp_path: Path) -> None:
    target = tmp_path / "roles.json"
    assert invoke_main("roles", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "fitness-instructor"


def test_a_terminal_still_shows_the_command_a_page_leaves_out() -> None:
    args = ("income", "--rate", "60", "--sessions-per-week", "20")
    assert "give --costs USD" in invoke_main(*args).stdout
    assert "--costs" not in invoke_main(*args, "--format", "html").stdout


NETWORK = re.compile(
    r"<link\b|<script\b|<iframe\b|<img\b|@import|\bsrc\s*=|url\(\s*['\"]?\s*(https?:)?//",
    re.IGNORECASE,
)
"""Anything that would make a browser fetch from the network (links to click are fine)."""


@pytest.mark.usefixtures("warm_cache")
def test_html_page_is_self_contained_and_written_whole(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")
    result = invoke_main("compare", "--format", "html", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {page}" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert NETWORK.search(html) is None
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media (max-width:" in html and "@media print" in html
    refs = set(re.findall(r'href="#(source-\d+)"', html))
    assert refs and refs <= set(re.findall(r'id="(source-\d+)"', html))
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_html_escapes_the_data(mini: Path) -> None:
    html = ok("--data-dir", str(mini), "income", "personal-trainer", "--detail", "-f", "html")
    assert "Charges per session &lt;b&gt;or&lt;/b&gt; per package &amp; more." in html
    assert "<b>" not in html


@pytest.mark.usefixtures("warm_cache")
def test_svg_picture_loads_no_web_fonts() -> None:
    svg = ok("compare", "--format", "svg")
    assert svg.startswith("<svg") and NETWORK.search(svg) is None
    assert 'local("FiraCode-Regular")' in svg


def test_a_lists_marks_are_said_in_words_on_a_page() -> None:
    page = ok("certs", "--org", "acsm", "--format", "html")
    row = next(line for line in page.splitlines() if "ACSM Certified Personal Trainer" in line)
    price = re.search(r'data-label="Price">(.*?)</td>', row)
    assert price is not None
    said = re.sub(r"<[^>]+>", "", price.group(1))
    assert said.startswith("$279-$410")
    for words in ("sources differ", "third-party", "may be out of date"):
        assert words in said, words
    assert re.findall(r'aria-hidden="true"[^>]*>([*^!])<', price.group(1)) == ["*", "^", "!"]


@pytest.mark.parametrize("cert", ["acsm-cpt", "nasm-cpt", "aapte-cpt-efs", "wits-cpt"])
def test_the_certifications_handout_cites_the_source_of_every_figure(cert: str) -> None:
    text = invoke_main("certs", "--format", "csv").stdout
    header, *rows = csv_table(text)
    row = dict(zip(header, next(r for r in rows if r[0] == cert), strict=True))
    sources = csv_sources(text)
    shown = ("Accredited", "Price", "CE h/yr")
    cited = {ref for column in shown for ref in row[f"{column} refs"].split()}
    assert cited
    page = invoke_main("certs", "--format", "html").stdout
    name = row["Credential"]
    line = next(r for r in page.split("<tr>") if f">{name}<" in r)
    numbers = re.findall(r'href="#source-(\d+)"', line)
    listed = [" ".join(re.findall(rf'id="source-{n}">(.*?)</p>', page)) for n in numbers]
    for ref in cited:
        title, publisher, _, url = sources[ref]
        found = url if url.startswith("http") else publisher
        assert any(found in entry for entry in listed), title


@pytest.mark.parametrize("command", [("compare",), ("certs", "nasm-cpt", "acsm-cpt"), ("steps",)])
def test_every_reference_on_a_page_links_to_its_source(command: tuple[str, ...]) -> None:
    page = ok(*command, "--format", "html")
    refs = re.findall(r'<a [^>]*href="#source-(\d+)"[^>]*>\[(\d+)\]</a>', page)
    assert refs and all(href == shown for href, shown in refs)
    assert {href for href, _ in refs} <= set(re.findall(r'id="source-(\d+)"', page))
