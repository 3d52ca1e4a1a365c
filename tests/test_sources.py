"""`fitcareer sources`: every source with the facts that cite it, one source in full, and its error paths."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, SHIPPED, YEAR, as_json, csv_table, invoke_main, ok
from fitcareer import data as loading
from fitcareer.cli.app import LIST_LIMIT
from fitcareer.data import files
from fitcareer.data import parse as yaml_parse
from fitcareer.data.articles import ARTICLES
from fitcareer.model import Catalog
from fitcareer.queries import sources as sources_q
from fitcareer.views import words


def test_sources_counts_every_citing_fact(mini: Path) -> None:
    listed = as_json("--data-dir", str(mini), "sources")
    assert [(s["id"], s["facts"]) for s in listed] == [
        ("s-new", 5),
        ("s-old", 1),
        ("s-undated", 7),
        ("s-unused", 0),
    ]
    assert {s["id"]: s["stale"] for s in listed} == {
        "s-new": False,
        "s-old": True,
        "s-undated": False,
        "s-unused": False,
    }


def test_sources_lead_with_a_short_table_of_id_title_date_and_count(mini: Path) -> None:
    rows = csv_table(ok("--data-dir", str(mini), "sources", "-f", "csv"))
    assert rows == [
        ["ID", "Source", "Date", "Facts"],
        ["s-new", "New source\nBody One", YEAR, "5"],
        ["s-old", "Old statistics\nStats Office", f"2015 ({words.STALE})", "1"],
        ["s-undated", "Undated article", "undated", "7"],
        ["s-unused", "Nobody cites this", "undated", "0"],
    ]


def test_sources_detail_names_the_citing_facts_and_marks_old_dates(mini: Path) -> None:
    rows = {
        r[0]: r for r in csv_table(ok("--data-dir", str(mini), "sources", "--detail", "-f", "csv"))
    }
    assert rows["ID"] == ["ID", "Source", "Date", "Cited by"]
    assert words.STALE in rows["s-old"][2]
    assert words.STALE not in rows["s-new"][2]
    assert "occupations: trainers (income)" in rows["s-old"][3]
    cited = rows["s-new"][3]
    assert "roles: personal-trainer (income), gym-manager (summary)" in cited
    assert "certs: abc-cpt (accreditation, price)" in cited
    assert "quiz: career (people)" in rows["s-undated"][3]
    assert rows["s-unused"][3] == "not cited"
    assert "https://example.org/old" in rows["s-old"][1]


def test_sources_max_age_moves_the_line(mini: Path) -> None:
    age = int(YEAR) - 2015
    for args in (("sources", "--max-age", str(age)), ("--max-age", str(age), "sources")):
        listed = as_json("--data-dir", str(mini), *args)
        assert not next(s for s in listed if s["id"] == "s-old")["stale"], args
    listed = as_json("--data-dir", str(mini), "sources", "--max-age", str(age - 1))
    assert next(s for s in listed if s["id"] == "s-old")["stale"]


def test_one_source_lists_each_fact_citing_it(mini: Path) -> None:
    shown = as_json("--data-dir", str(mini), "sources", "s-new")
    assert shown["id"] == "s-new" and shown["facts"] == 5
    assert [(c["section"], c["owner"], c["field"]) for c in shown["cited_by"]] == [
        ("occupations", "trainers", "income"),
        ("roles", "personal-trainer", "income"),
        ("roles", "gym-manager", "summary"),
        ("certs", "abc-cpt", "accreditation"),
        ("certs", "abc-cpt", "price"),
    ]
    assert shown["cited_by"][0]["fact"].startswith("$20 an hour: median hourly wage")
    rows = csv_table(ok("--data-dir", str(mini), "sources", "s-old", "-f", "csv"))
    assert rows[:3] == [
        ["Where", "Fact"],
        ["Source", f"Old statistics, Stats Office, 2015 ({words.STALE}); 1 fact cites it"],
        [
            "trainers",
            f"occupations, income, May 2015 ({words.STALE}): $40,000 a year: median annual wage,"
            " all trainers and instructors",
        ],
    ]


def test_unknown_source_is_a_usage_error(mini: Path) -> None:
    result = invoke_main("--data-dir", str(mini), "sources", "s-nwe")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown source 's-nwe' (did you mean 's-new'?)" in result.stderr


def test_citations_name_list_items_by_their_id(mini: Path) -> None:
    catalog = loading.load(mini)
    quiz = [c for c in sources_q.citations(catalog)["s-undated"] if c.section == "quiz"]
    assert [c.field for c in quiz] == [
        "questions[people].choices[groups]",
        "questions[people].choices[one]",
    ]
    assert {c.top for c in quiz} == {"people"}


def _source_keys(value: Any) -> int:
    """`source` keys in plain parsed YAML, counted without the models."""
    if isinstance(value, dict):
        own = int(isinstance(value.get("source"), str))
        return own + sum(_source_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_source_keys(v) for v in value)
    return 0


@pytest.mark.usefixtures("warm_cache")
def test_shipped_sources_account_for_every_source_field() -> None:
    listed = as_json("sources")
    expected = sum(
        _source_keys(yaml_parse.parse((SHIPPED / name).read_bytes(), name))
        for name in ("roles.yaml", "certifications.yaml", "quiz.yaml")
    )
    assert sum(s["facts"] for s in listed) == expected
    ids = [
        s["id"] for s in yaml_parse.parse((SHIPPED / "sources.yaml").read_bytes(), "")["sources"]
    ]
    assert [s["id"] for s in listed] == ids


def test_a_table_lists_the_first_sources_and_says_how_to_see_all(shipped: Catalog) -> None:
    total = len(shipped.sources)
    assert total > LIST_LIMIT
    table = ok("sources")
    assert f"Sources (first {LIST_LIMIT} of {total})" in table
    assert (
        f"{total - LIST_LIMIT} more not shown (first {LIST_LIMIT} of {total}): --limit 0" in table
    )
    shown = [s for s in shipped.sources if re.search(rf"(?m)^{re.escape(s)}\s", table)]
    assert shown == list(shipped.sources)[:LIST_LIMIT]
    assert f"Sources ({total})" in ok("sources", "--limit", "0")
    assert len(as_json("sources")) == total


# --- The copies of the source articles ------------------------------------------------------


def test_an_article_is_named_by_title_and_publisher_and_its_copy_prints_with_detail() -> None:
    short = ok("sources", "seed-001")
    assert short.startswith("What is the difference between fitness instructor and personal")
    assert "Fitness Nala, undated, site https://fitnessnala.com" in " ".join(short.split())
    assert "--detail prints it" in short
    assert "Can One Person Be Both?" not in short
    full = ok("sources", "seed-001", "--detail")
    assert full.index("Fitness Nala, undated") < full.index("Can One Person Be Both?")
    assert "The copy that comes with fitcareer (the page may have changed since):" in full
    text = as_json("sources", "seed-001", "--detail")["text"]
    assert text.startswith("What is the difference between fitness instructor and personal")
    assert "Can One Person Be Both?" in text


def test_json_says_which_sources_have_a_copy_and_names_no_file() -> None:
    listed = {s["id"]: s for s in as_json("sources")}
    assert all("file" not in s for s in listed.values())
    assert [i for i, s in listed.items() if s["copy"]] == [
        "seed-000",
        "seed-001",
        "seed-002",
        "seed-003",
    ]
    assert as_json("sources", "bls-ooh-2022", "--detail")["text"] is None
    assert "comes with fitcareer" not in ok("sources", "bls-ooh-2022", "--detail")


def test_a_copy_that_does_not_come_with_fitcareer_is_said_to_be_missing(mini: Path) -> None:
    out = ok("--data-dir", str(mini), "sources", "s-undated", "--detail")
    assert "Its copy does not come with this installation of fitcareer." in out


def test_a_copy_is_read_only_from_the_articles_that_come_with_fitcareer(mini: Path) -> None:
    sources = mini / "sources.yaml"
    for name in ("../sources.yaml", "articles/../../sources.yaml", "/etc/passwd", ".hidden"):
        text = MINI["sources.yaml"].replace("YEAR", YEAR)
        sources.write_text(text.replace("file: 000_a.txt", f"file: '{name}'"), encoding="utf-8")
        shown = as_json("--data-dir", str(mini), "sources", "s-undated", "--detail")
        assert shown["text"] is None, name


def test_a_copy_is_shown_as_it_is(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "shipped" / ARTICLES
    articles.mkdir(parents=True)
    (articles / "000_a.txt").write_text(
        "# Not a heading\n1. Not a list\n\x1b[31mred\x1b[0m <b>bold</b> [link](x)\n- an item\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(files, "shipped_dir", lambda: tmp_path / "shipped")
    args = ("--data-dir", str(mini), "sources", "s-undated", "--detail")
    table = ok(*args)
    assert "\x1b" not in table and "\\x1b[31mred\\x1b[0m <b>bold</b> [link](x)" in table
    markdown = ok(*args, "--format", "markdown")
    assert "\n\\# Not a heading\n\n1\\. Not a list\n" in markdown
    assert "&lt;b&gt;bold&lt;/b&gt; [link\\](x)" in markdown and "\n- an item\n" in markdown
    html = ok(*args, "--format", "html")
    assert "<p>\\x1b[31mred\\x1b[0m &lt;b&gt;bold&lt;/b&gt; [link](x)</p>" in html
    assert "<ul><li>an item</li></ul>" in html
