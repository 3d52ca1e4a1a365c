"""Pages a counsellor hands over, on paper and on a phone: the report's verdict, a tie, a
budget, the print style sheet, the certifications handout and the PDF.

What a browser alone can show (pages printed, widths) is in test_report.py; these need
none. The PDF tests that lay a page out run only where WeasyPrint loads; the refusal
without it always runs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import TRAINER_ANSWERS, invoke_main, run

DATE = ("--date", "2025-06-01")

TIE = {
    **dict.fromkeys(TRAINER_ANSWERS, "unsure"),
    "people": "both",
    "music": "love",
    "classes": "plans",
    "progress": "detail",
    "clients": "brief",
    "focus": "routines",
    "science": "deep",
    "budget": "low",
    "employment": "security",
    "finding": "ready",
    "income": "steady",
    "manage": "never",
}
"""Answers that give a fitness instructor and a personal trainer the same points, with a
budget of up to $300."""


def answers(tmp_path: Path, given: dict[str, str]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(given), encoding="utf-8")
    return path


def report(*args: str) -> str:
    result = invoke_main("report", *args, *DATE)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def data(*args: str) -> Any:
    return json.loads(report(*args, "--format", "json"))


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The verdict ----------------------------------------------------------------------------


def test_a_tie_is_called_a_tie_and_names_what_would_break_it(tmp_path: Path) -> None:
    path = str(answers(tmp_path, TIE))
    shown = data("--answers", path)
    first, second = shown["verdict"]["ranking"][:2]
    assert first["score"] == second["score"] > 0
    page = text_of(report("--answers", path, "--format", "html"))
    assert "A tie:" in page
    assert "by 0 points" not in page
    assert "What would break the tie:" in page
    # The page shows one role's certifications and says that this does not settle it.
    assert "they do not break the tie" in page


def test_a_clear_fit_says_its_score_out_of_the_most_and_the_next_step(tmp_path: Path) -> None:
    html = report("--answers", str(answers(tmp_path, TRAINER_ANSWERS)), "--format", "html")
    box = re.search(r'<div class="verdict">(.*?)</div>', html, re.DOTALL)
    assert box is not None
    said = text_of(box.group(1))
    assert re.search(r"Best fit: Personal trainer, \d+ of \d+ points\.", said)
    assert "Next step" in said


def test_a_role_far_behind_the_winner_is_left_out(tmp_path: Path) -> None:
    shown = data("--answers", str(answers(tmp_path, TRAINER_ANSWERS)))
    assert shown["verdict"]["clear"]
    assert shown["roles"] == [shown["verdict"]["ranking"][0]["role"]]


def test_the_budget_is_judged_only_on_known_prices(tmp_path: Path) -> None:
    path = str(answers(tmp_path, TIE))
    shown = data("--answers", path)
    unpriced = [c["abbr"] for c in shown["certifications"] if c["price"]["ranked_by"] is None]
    assert unpriced, "the tie case shows a certification of unknown price"
    page = text_of(report("--answers", path, "--format", "html"))
    budget = next(s for s in page.split("The client's budget")[1:2])
    assert "each is within it" not in page
    assert f"cannot be said: {', '.join(unpriced)}" in budget


def test_the_page_title_names_the_client() -> None:
    html = report("--for", "Sam Lee", "--format", "html")
    assert "<title>Fitness career report for Sam Lee</title>" in html


# --- The style sheet ------------------------------------------------------------------------


def style(html: str) -> str:
    found = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert found is not None
    return found.group(1)


def print_rules(css: str) -> str:
    """Every `@media print` block of a style sheet, joined."""
    blocks = []
    for start in (m.end() for m in re.finditer(r"@media print\s*\{", css)):
        depth, pos = 1, start
        while depth:
            depth += {"{": 1, "}": -1}.get(css[pos], 0)
            pos += 1
        blocks.append(css[start : pos - 1])
    return "\n".join(blocks)


@pytest.fixture(params=["report", "certs", "income"])
def page(request: pytest.FixtureRequest) -> str:
    args = {
        "report": ("report", "--for", "Sam Lee", *DATE),
        "certs": ("certs", "--accredited", "NCCA"),
        "income": ("income",),
    }[request.param]
    result = invoke_main(*args, "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_printed_text_is_at_least_10_pt_and_notes_9_pt(page: str) -> None:
    rules = print_rules(style(page))
    body = re.search(r"body\s*\{[^}]*font:\s*([\d.]+)pt", rules)
    assert body is not None and float(body.group(1)) >= 10
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", rules)]
    assert sizes and min(sizes) >= 9


def test_the_paper_is_the_readers_and_headings_stay_with_what_follows(page: str) -> None:
    css = style(page)
    assert not re.search(r"@page\s*\{[^}]*\bsize:", css)
    assert re.search(r"h2[^{]*\{[^}]*break-after:\s*avoid", css)


def test_no_figure_is_split_and_only_addresses_break_anywhere(page: str) -> None:
    css = style(page)
    anywhere = re.findall(r"([^{}]+)\{[^}]*overflow-wrap:\s*anywhere", css)
    assert [s.strip() for s in anywhere] == ["a.url"]
    assert re.search(r"\.fig\s*\{[^}]*white-space:\s*nowrap", css)


def test_source_numbers_are_24_pixel_targets(page: str) -> None:
    css = style(page)
    rule = re.search(r"a\.ref\s*\{([^}]*)\}", css)
    assert rule is not None
    assert "min-width: 24px" in rule.group(1) and "min-height: 24px" in rule.group(1)
    assert 'class="ref"' in page


def test_a_range_of_figures_never_breaks_at_its_hyphen() -> None:
    html = invoke_main("certs", "--accredited", "NCCA", "--format", "html").stdout
    assert '<span class="fig">$999-$2,099</span>' in html


# --- The certifications handout -------------------------------------------------------------


def test_the_certifications_handout_states_its_filter_cites_and_says_its_marks() -> None:
    html = invoke_main("certs", "--accredited", "NCCA", "--format", "html").stdout
    assert "<h1>Certifications accredited by NCCA (" in html
    page = text_of(html)
    refs = {int(n) for n in re.findall(r'href="#source-(\d+)"', html)}
    listed = {int(n) for n in re.findall(r'id="source-(\d+)"', html)}
    assert refs and refs == listed
    # The marks after a figure are read out in words; the legend ends in a sentence.
    assert '<span aria-hidden="true">^</span><span class="sr"> (a third-party' in html
    assert not re.search(r"; sources\b", page)
    assert "fitcareer certs" not in page


# --- PDF ------------------------------------------------------------------------------------


def no_weasyprint(tmp_path: Path, error: str) -> dict[str, str]:
    """An environment where importing WeasyPrint fails as it does when it is missing
    (ImportError) or cannot load Pango (OSError)."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"raise {error}('cannot load')\n", encoding="utf-8")
    return {"PYTHONPATH": str(tmp_path / "fake")}


@pytest.mark.parametrize("error", ["ImportError", "OSError"])
@pytest.mark.parametrize("command", [("report", *DATE), ("certs", "--accredited", "NCCA")])
def test_without_weasyprint_a_pdf_is_refused_in_one_line(
    error: str, command: tuple[str, ...], tmp_path: Path
) -> None:
    target = tmp_path / "out.pdf"
    result = run(*command, "-o", str(target), env=no_weasyprint(tmp_path, error))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "pip install 'fitcareer[pdf]'" in lines[0]
    assert not target.exists()
    assert list(tmp_path.glob("out*")) == []


def test_a_pdf_goes_to_a_file_only() -> None:
    result = invoke_main("certs", "--format", "pdf")
    assert result.exit_code == 2
    assert "-o FILE.pdf" in result.stderr


def weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


PDFINFO = shutil.which("pdfinfo")


def pdf_pages(path: Path) -> int:
    out = subprocess.run(
        [str(PDFINFO), str(path)], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    assert found, out
    return int(found.group(1))


@pytest.mark.skipif(not weasyprint_loads(), reason="WeasyPrint (the pdf extra) does not load")
@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize("case", ["clear", "tie"])
@pytest.mark.parametrize("area", [(), ("--area", "Vermont")])
def test_the_report_as_a_pdf_is_at_most_three_pages(
    case: str, area: tuple[str, ...], tmp_path: Path
) -> None:
    given = TRAINER_ANSWERS if case == "clear" else TIE
    target = tmp_path / "report.pdf"
    path = str(answers(tmp_path, given))
    result = run("report", "--answers", path, "--for", "Sam Lee", *DATE, *area, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    assert 1 <= pdf_pages(target) <= 3
    info = subprocess.run(
        [str(PDFINFO), str(target)], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    assert re.search(r"^Title:\s+Fitness career report for Sam Lee$", info, re.MULTILINE)


@pytest.mark.skipif(not weasyprint_loads(), reason="WeasyPrint (the pdf extra) does not load")
@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize(
    "command",
    [
        ("certs",),
        ("certs", "--role", "personal-trainer"),
        ("certs", "--accredited", "NCCA"),
        ("income", "--area", "Vermont"),
        ("compare",),
    ],
)
def test_a_handout_as_a_pdf_is_at_most_two_pages(command: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    result = run(*command, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert 1 <= pdf_pages(target) <= 2
