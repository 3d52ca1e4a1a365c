"""`fitcareer sources`, `fitcareer income`, shell completion, and the HTML/SVG exports."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command

from conftest import SHIPPED, as_json, csv_table, invoke_main, ok, run
from fitcareer import data as loading
from fitcareer.cli import complete
from fitcareer.cli.app import app
from fitcareer.data import parse as yaml_parse
from fitcareer.queries import certs as cert_q
from fitcareer.queries import income as income_q
from fitcareer.queries import sources as sources_q
from fitcareer.views import words

YEAR = str(datetime.date.today().year)

MINI = {
    "sources.yaml": """\
sources:
  - {id: s-new, title: New source, kind: official, publisher: Body One, url: "https://example.org/new", date: "YEAR"}
  - {id: s-old, title: Old statistics, kind: government, publisher: Stats Office, url: "https://example.org/old", date: "2015"}
  - {id: s-undated, title: Undated article, kind: article, file: 000_a.txt, date: undated}
  - {id: s-unused, title: Nobody cites this, kind: third-party, date: undated}
""",
    "roles.yaml": """\
occupations:
  - id: trainers
    name: Trainers and instructors (SOC 1)
    note: Counts every trainer and instructor together.
    income:
      - {amount: 40000, unit: year, measure: median annual wage, scope: all trainers and instructors, source: s-old, date: "2015-05"}
      - {amount: 20, unit: hour, measure: median hourly wage, scope: all trainers and instructors, source: s-new, date: "YEAR"}
roles:
  - id: fitness-instructor
    name: Fitness instructor
    occupation: trainers
    summary: {text: Leads group classes., source: s-undated, date: undated}
  - id: personal-trainer
    name: Personal trainer
    occupation: trainers
    summary: {text: Trains one client at a time., source: s-undated, date: undated}
    income:
      - {amount: 50000, unit: year, measure: median base pay, scope: certified personal trainers, source: s-new, date: "YEAR"}
    income_notes:
      - {text: "Charges per session <b>or</b> per package & more.", source: s-undated, date: undated}
  - id: gym-manager
    name: Gym manager
    summary: {text: Runs the gym., source: s-new, date: "YEAR"}
""",
    "certifications.yaml": """\
bodies:
  - {id: ncca, abbr: NCCA, name: National Commission for Certifying Agencies}
organizations:
  - {id: abc, abbr: ABC, name: ABC Academy}
certifications:
  - id: abc-cpt
    abbr: ABC-CPT
    credential: ABC Certified Personal Trainer
    org: abc
    roles: [personal-trainer]
    accreditation:
      - {body: ncca, source: s-new, date: "YEAR"}
    price:
      - {usd: 500, kind: exam, source: s-new, date: "YEAR"}
    recertification:
      cycle_years:
        - {value: 2, source: s-undated, date: undated}
      fee:
        - {usd: 100, kind: renewal, source: s-undated, date: undated}
  - id: abc-gfi
    abbr: ABC-GFI
    credential: ABC Group Fitness Instructor
    org: abc
    roles: [fitness-instructor]
""",
    "quiz.yaml": """\
questionnaires:
  - id: career
    title: Which fits?
    questions:
      - id: people
        text: Groups or one person?
        choices:
          - {key: groups, label: Groups, weights: {fitness-instructor: 1}, source: s-undated, date: undated}
          - {key: one, label: One person, weights: {personal-trainer: 1}, source: s-undated, date: undated}
""",
}
"""A tiny data set whose every citation is known: 5 facts cite s-new, 1 s-old (2015,
stale), 7 s-undated, none s-unused."""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    folder.mkdir()
    for name, text in MINI.items():
        (folder / name).write_text(text.replace("YEAR", YEAR), encoding="utf-8")
    return folder


# --- sources ---------------------------------------------------------------------------


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


# --- income ----------------------------------------------------------------------------


def test_income_sets_occupation_figures_apart_from_the_role_s_own(mini: Path) -> None:
    shown = as_json("--data-dir", str(mini), "income", "personal-trainer", "gym-manager")
    trainer, manager = shown["roles"]
    assert trainer["occupation"]["id"] == "trainers"
    assert [(f["amount"], f["stale"]) for f in trainer["occupation"]["figures"]] == [
        (40000, True),
        (20, False),
    ]
    assert [f["amount"] for f in trainer["figures"]] == [50000]
    assert manager["occupation"] is None and manager["figures"] == []
    assert {s["id"] for s in shown["sources"]} == {"s-old", "s-new", "s-undated"}


def _lines(*args: str) -> list[str]:
    """A table's text one line of a cell at a time (wide enough that nothing wraps),
    then its notes."""
    r = invoke_main(*args, env={"COLUMNS": "400", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    out = []
    for line in r.stdout.splitlines():
        parts = [p.strip() for p in line.split("\u2502")] if "\u2502" in line else [line]
        out += [
            p
            for p in parts
            if p
            and not set(p) <= set("\u2500\u256d\u256e\u2570\u256f\u251c\u2524\u252c\u2534\u253c")
        ]
    return out


def test_income_leads_with_the_newest_primary_median_and_counts_the_rest(mini: Path) -> None:
    lines = _lines("--data-dir", str(mini), "income")
    assert lines[:12] == [
        "Income: Fitness instructor, Personal trainer, Gym manager",
        "Income",
        "Headline:",
        "For all trainers and instructors:",
        "the newest median",
        f"- $20 an hour: median hourly wage, {YEAR} [1]",
        "from a primary source",
        "Counts every trainer and instructor together.",
        "for the whole occupation",
        "Personal trainer",
        f"- $50,000 a year: median base pay, {YEAR}, certified personal trainers [1]",
        "Fitness instructor",
    ]
    assert lines[12:19] == [
        "unknown for this role alone (the headline covers it)",
        "Gym manager",
        "unknown (no figure for it or its occupation)",
        "Other figures",
        "1 more figure, 2015: fitcareer income --detail",
        "Sources say",
        "1 statement on pay: fitcareer income --detail",
    ]
    assert not any("$40,000" in line for line in lines)


def test_income_detail_shows_every_figure_with_its_date_caveat_and_source(mini: Path) -> None:
    lines = _lines("--data-dir", str(mini), "income", "--detail")
    assert f"- $40,000 a year: median annual wage, May 2015 ({words.STALE}) [2]" in lines
    assert any(
        line.startswith("[2]") and "Old statistics" in line and "2015" in line for line in lines
    )
    assert "- Charges per session <b>or</b> per package & more. [3]" in lines


def _dollars(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


@pytest.mark.usefixtures("warm_cache")
def test_income_detail_holds_every_fact_of_the_json() -> None:
    shown = as_json("income")
    lines = _lines("income", "--detail")
    footnotes = {line.split(" ", 1)[0]: line for line in lines if line.startswith("[")}
    titles = {s["id"]: s["title"] for s in shown["sources"]}
    text = " ".join(lines)
    facts = 0
    for role in shown["roles"]:
        wide = role["occupation"]["figures"] if role["occupation"] else []
        for f in [*wide, *role["figures"]]:
            unit = "a year" if f["unit"] == "year" else "an hour"
            start = f"- {_dollars(f['amount'])} {unit}: {f['measure']}, "
            found = [
                line
                for line in lines
                if line.startswith(start)
                and titles[f["source"]] in footnotes[line.rsplit(" ", 1)[1]]
            ]
            assert found, start
            assert any((words.STALE in line) == f["stale"] for line in found)
            assert f["note"] is None or any(f["note"].rstrip(".") in line for line in found)
            facts += 1
        for said in role["notes"]:
            assert said["text"] in text
            facts += 1
    assert facts == 38  # 10 occupation figures for each of 3 roles, 2 roles' own, 6 statements


@pytest.mark.usefixtures("warm_cache")
def test_income_fits_60_lines_at_80_columns_and_keeps_figures_whole_at_100() -> None:
    at_80 = run("income", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert at_80.returncode == 0
    assert len(at_80.stdout.splitlines()) <= 60
    assert "$45,380 a year: median annual wage, May 2022" in at_80.stdout.replace("\n", " ")
    at_100 = run("income", env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert len(at_100.stdout.splitlines()) <= 60
    assert any(
        "- $45,380 a year: median annual wage, May 2022" in line
        for line in at_100.stdout.splitlines()
    )
    assert "The same as for" not in at_100.stdout


def test_estimate_with_a_certification_s_renewal_fee(mini: Path) -> None:
    shown = as_json(
        "--data-dir",
        str(mini),
        "income",
        "--rate",
        "50",
        "--sessions-per-week",
        "10",
        "--cert",
        "abc-cpt",
    )
    assert shown["weeks"] == income_q.WEEKS == 48
    assert shown["sessions"] == 480 and shown["hours"] == 480
    assert shown["gross"] == 24000
    assert shown["costs"] == [50, 50] and shown["costs_from"] == "abc-cpt renewal fee"
    assert shown["net"] == [23950, 23950]
    assert shown["hourly_net"] == [23950 / 480] * 2
    assert [f["amount"] for f in shown["published_hourly"]] == [20]
    table = ok(
        "--data-dir",
        str(mini),
        "income",
        "--rate",
        "50",
        "--sessions-per-week",
        "10",
        "--cert",
        "abc-cpt",
    )
    assert "Liability insurance: unknown" in table
    assert "$23,950 a year" in table


def test_estimate_with_given_costs_and_longer_sessions(mini: Path) -> None:
    shown = as_json(
        "--data-dir",
        str(mini),
        "income",
        "--rate",
        "$1,000",
        "--sessions-per-week",
        "3",
        "--weeks",
        "50",
        "--session-hours",
        "1.5",
        "--costs",
        "2,000",
    )
    assert shown["gross"] == 150000 and shown["hours"] == 225
    assert shown["costs"] == [2000, 2000] and shown["costs_from"] == "--costs"
    assert shown["net"] == [148000, 148000]
    assert shown["hourly_gross"] == 150000 / 225


def test_estimate_without_costs_leaves_net_unknown(mini: Path) -> None:
    args = ("--data-dir", str(mini), "income", "--rate", "50", "--sessions-per-week", "10")
    assert as_json(*args)["net"] is None
    rows = {r[0]: r[1] for r in csv_table(ok(*args, "-f", "csv"))}
    assert rows["Net income, before tax"] == "unknown (costs unknown)"
    assert rows["Hourly equivalent"] == "$50 an hour before costs"


def test_estimate_with_unknown_renewal_fee_says_so(mini: Path) -> None:
    args = ("--data-dir", str(mini), "income", "--rate", "50", "--sessions-per-week", "10")
    rows = {r[0]: r[1] for r in csv_table(ok(*args, "--cert", "abc-gfi", "-f", "csv"))}
    assert "ABC-GFI renewal: unknown (renewal fee unknown)" in rows["Yearly costs"]
    assert rows["Net income, before tax"].startswith("unknown")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rate", "-5", "--sessions-per-week", "3"), "'-5' must be zero or more US dollars"),
        (("--rate", "abc", "--sessions-per-week", "3"), "'abc' is not a number of US dollars"),
        (("--rate", "nan", "--sessions-per-week", "3"), "must be zero or more US dollars"),
        (("--rate", "50", "--sessions-per-week", "x"), "--sessions-per-week"),
        (("--rate", "50", "--sessions-per-week", "-1"), "--sessions-per-week"),
        (("--rate", "50", "--sessions-per-week", "3", "--weeks", "53"), "--weeks"),
        (("--rate", "50", "--sessions-per-week", "3", "--costs", "-1"), "'-1' must be zero"),
        (("--rate", "50", "--sessions-per-week", "3", "--session-hours", "0"), "more than 0"),
        (("--rate", "50", "--sessions-per-week", "100", "--session-hours", "2"), "168 hours"),
        (
            (
                "--rate",
                "50",
            ),
            "--rate needs --sessions-per-week",
        ),
        (
            (
                "--sessions-per-week",
                "3",
            ),
            "give --rate USD too",
        ),
        (
            ("--rate", "50", "--sessions-per-week", "3", "--costs", "5", "--cert", "abc-cpt"),
            "give one of them",
        ),
        (("--rate", "50", "--sessions-per-week", "3", "--cert", "abc"), "unknown certification"),
    ],
)
def test_bad_estimate_input_exits_2(mini: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke_main("--data-dir", str(mini), "income", *args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert message in " ".join(result.stderr.split())


money = st.floats(min_value=0, max_value=1e6, allow_nan=False)
counts = st.integers(min_value=1, max_value=168)
weeks = st.integers(min_value=1, max_value=52)
lengths = st.floats(min_value=0.25, max_value=4, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(money, money, counts, weeks, lengths, money)
def test_estimate_grows_with_rate(
    a: float, b: float, n: int, w: int, h: float, cost: float
) -> None:
    low, high = sorted((a, b))
    one = income_q.estimate(low, n, w, h, (cost, cost))
    two = income_q.estimate(high, n, w, h, (cost, cost))
    assert one.gross <= two.gross
    assert one.net is not None and two.net is not None
    assert one.net[0] <= two.net[0]


@settings(max_examples=200, deadline=None)
@given(money, counts, counts, weeks, lengths, money)
def test_estimate_grows_with_sessions(
    rate: float, a: int, b: int, w: int, h: float, cost: float
) -> None:
    low, high = sorted((a, b))
    one = income_q.estimate(rate, low, w, h, (cost, cost))
    two = income_q.estimate(rate, high, w, h, (cost, cost))
    assert one.gross <= two.gross
    assert one.net is not None and two.net is not None
    assert one.net[0] <= two.net[0]


def test_an_estimate_worked_by_hand() -> None:
    # $50 a session, 10 a week for 50 weeks, 2 hours each, $1,000-$2,000 of costs:
    # 500 sessions, 1,000 hours, $25,000 gross, $23,000-$24,000 net, $23-$24 an hour.
    est = income_q.estimate(50, 10, 50, 2, (1000, 2000))
    assert (est.sessions, est.hours, est.gross) == (500, 1000, 25000)
    assert est.net == (23000, 24000)
    assert est.hourly_gross == 25
    assert est.hourly_net == (23, 24)


def test_an_estimate_without_costs_leaves_net_unknown() -> None:
    # $60 a session, 20 a week for 48 weeks, 1.5 hours each: 960 sessions, 1,440 hours.
    est = income_q.estimate(60, 20, 48, 1.5)
    assert (est.sessions, est.hours, est.gross) == (960, 1440, 57600)
    assert est.net is None and est.hourly_net is None
    assert est.hourly_gross == 40


def test_renewal_spreads_differing_fees_over_the_cycles(mini: Path) -> None:
    cert = loading.load(mini).certifications["abc-cpt"]
    assert cert_q.renewal(cert).per_year == (50, 50)
    # NASM: a $99 or $199 renewal every 2 years is $49.50 to $99.50 a year.
    nasm = loading.load().certifications["nasm-cpt"]
    assert cert_q.renewal(nasm).per_year == (49.5, 99.5)


@pytest.mark.usefixtures("warm_cache")
def test_income_runs_on_the_shipped_data() -> None:
    shown = as_json("income")
    assert [r["id"] for r in shown["roles"]] == list(loading.load().roles)
    est = as_json("income", "--rate", "60", "--sessions-per-week", "20", "--cert", "nasm-cpt")
    assert est["gross"] == 60 * 20 * 48 and est["costs"] is not None


# --- completion ------------------------------------------------------------------------


def context(data_dir: Path | None, command: str, **params: Any) -> typer.Context:
    """The context a completion callback gets while the user types `command`."""
    cli = get_command(app)
    root = typer.Context(cli, info_name="fitcareer")
    root.params["data_dir"] = data_dir
    ctx = typer.Context(cli.commands[command], parent=root, info_name=command)  # type: ignore[attr-defined]
    ctx.params.update(params)
    return ctx


def test_completion_offers_matching_ids(mini: Path) -> None:
    ctx = context(mini, "compare")
    assert [v for v, _ in complete.roles(ctx, "")] == [
        "fitness-instructor",
        "personal-trainer",
        "gym-manager",
    ]
    assert complete.roles(ctx, "p") == [("personal-trainer", "Personal trainer")]
    assert [v for v, _ in complete.certifications(context(mini, "certs"), "abc-c")] == ["abc-cpt"]
    assert [v for v, _ in complete.sources(context(mini, "sources"), "s-u")] == [
        "s-undated",
        "s-unused",
    ]


def test_completion_leaves_out_ids_already_given(mini: Path) -> None:
    ctx = context(mini, "compare", roles=["personal-trainer"])
    assert [v for v, _ in complete.roles(ctx, "")] == ["fitness-instructor", "gym-manager"]


def test_body_completion_follows_the_user_s_case(mini: Path) -> None:
    ctx = context(mini, "certs")
    assert complete.bodies(ctx, "n") == [("ncca", "National Commission for Certifying Agencies")]
    assert [v for v, _ in complete.bodies(ctx, "N")] == ["NCCA"]


def test_completion_offers_nothing_when_data_cannot_load(mini: Path, tmp_path: Path) -> None:
    (mini / "roles.yaml").write_text("roles: [", encoding="utf-8")
    callbacks = (complete.roles, complete.certifications, complete.bodies, complete.sources)
    for folder in (mini, tmp_path / "missing"):
        for callback in callbacks:
            assert callback(context(folder, "compare"), "") == []


def test_completion_through_the_shell_protocol(mini: Path) -> None:
    words = f"fitcareer --data-dir {mini} certs --accredited N"
    env = {"_FITCAREER_COMPLETE": "complete_bash", "COMP_WORDS": words}
    done = run(env={**env, "COMP_CWORD": "5"})
    assert (done.returncode, done.stdout.split()) == (0, ["NCCA"]), done.stderr
    words = f"fitcareer --data-dir {mini} compare personal-trainer "
    env = {**env, "COMP_WORDS": words, "COMP_CWORD": "5"}
    done = run(env=env)
    assert done.stdout.split() == ["fitness-instructor", "gym-manager"], done.stderr


# --- exports ---------------------------------------------------------------------------

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
