"""`fitcareer income`: what the sources say people earn, and an estimate from a rate and
sessions a week, with its error paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import YEAR, as_json, csv_table, invoke_main, ok, one_error, run
from fitcareer import data as loading
from fitcareer.queries import certs as cert_q
from fitcareer.queries import income as income_q
from fitcareer.views import words

# --- sources ---------------------------------------------------------------------------


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
    assert facts == 51  # 14 occupation figures for each of 3 roles, 3 roles' own, 6 statements


@pytest.mark.usefixtures("warm_cache")
def test_income_fits_60_lines_at_80_columns_and_keeps_figures_whole_at_100() -> None:
    at_80 = run("income", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert at_80.returncode == 0
    assert len(at_80.stdout.splitlines()) <= 60
    assert "$47,160 a year: median annual wage, May 2025" in at_80.stdout.replace("\n", " ")
    at_100 = run("income", env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert len(at_100.stdout.splitlines()) <= 60
    assert any(
        "- $47,160 a year: median annual wage, May 2025" in line
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
    four = ["fitness-instructor", "personal-trainer", "group-fitness-instructor", "gym-manager"]
    assert [r["id"] for r in shown["roles"]] == four
    assert len(loading.load().roles) > 4
    every = as_json("income", *loading.load().roles)
    assert [r["id"] for r in every["roles"]] == list(loading.load().roles)
    est = as_json("income", "--rate", "60", "--sessions-per-week", "20", "--cert", "nasm-cpt")
    assert est["gross"] == 60 * 20 * 48 and est["costs"] is not None


# --- completion ------------------------------------------------------------------------


# --- exports ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--rate", "1e306", "--sessions-per-week", "20"],
        ["--rate", "1000001", "--sessions-per-week", "20"],
        ["--rate", "60", "--sessions-per-week", "20", "--costs", "1e308"],
        ["--rate", "60", "--sessions-per-week", "20", "--session-hours", "1e308"],
        ["--rate", "60", "--sessions-per-week", str(10**400)],
    ],
    ids=["rate-1e306", "rate-over-cap", "costs", "session-hours", "sessions"],
)
def test_numbers_too_large_for_an_estimate_are_usage_errors(args: list[str]) -> None:
    line = one_error(invoke_main("income", *args), 2)
    assert line.startswith("fitcareer: --")


def test_the_rate_cap_is_in_the_help() -> None:
    result = invoke_main("income", "--help")
    assert "1,000,000" in " ".join(result.stdout.split())


def test_the_highest_rate_allowed_gives_an_estimate() -> None:
    result = invoke_main("income", "--rate", "1000000", "--sessions-per-week", "40")
    assert result.exit_code == 0, result.stderr
