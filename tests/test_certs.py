"""`fitcareer certs` and `fitcareer steps`: filters, sorting, cost over time, conflicts,
one record, side by side, the path, and the error paths."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import COPIES, as_json, csv_sources, csv_table, invoke_main, ok
from fitcareer.cli.app import LIST_LIMIT
from fitcareer.model import Catalog

pytestmark = pytest.mark.usefixtures("warm_cache")


def ids(*args: str) -> list[str]:
    """Ids `fitcareer certs ARGS --format json` lists, in order."""
    return [c["id"] for c in as_json("certs", *args)]


def usage_error(*args: str) -> str:
    """Run a command that must fail with exit 2 and nothing on stdout; return stderr."""
    result = invoke_main(*args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def left_out(text: str, why: str) -> int | None:
    """N from an 'N more left out: WHY unknown' line, None without one."""
    match = re.search(rf"(\d+) more left out: {why} unknown", text)
    return int(match.group(1)) if match else None


# --- The list ------------------------------------------------------------------------------


def test_list_shows_every_certification(shipped: Catalog) -> None:
    assert ids() == list(shipped.certifications)
    out = ok("certs")
    for cert_id in shipped.certifications:
        assert cert_id in out


def test_list_columns() -> None:
    header = csv_table(ok("certs", "--format", "csv"))[0]
    figures = [f"{name} {part}" for name in ("Price",) for part in ("low", "high", "flags", "refs")]
    assert header == [
        "ID",
        "Credential",
        "Org",
        "Accredited",
        "Accredited flags",
        "Accredited refs",
        *figures,
        "Dated",
        *(f"Questions {part}" for part in ("low", "high", "flags", "refs")),
        *(f"Minutes {part}" for part in ("low", "high", "flags", "refs")),
        *(f"CE h/yr {part}" for part in ("low", "high", "flags", "refs")),
    ]


def lines_at(width: int, *args: str) -> list[str]:
    result = invoke_main(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_ncca_list_is_one_line_per_certification_at_80_columns(shipped: Catalog) -> None:
    lines = lines_at(80, "certs", "--accredited", "NCCA")
    listed = ids("--accredited", "NCCA")
    # Article 003's fourteen programs and four more an organization's own page names;
    # CSCS is unknown (no primary source says NCCA accredits it).
    assert len(listed) == 17 and "nsca-cscs" not in listed
    starts = [line.split(" ")[0] for line in lines]
    assert all(starts.count(cert_id) == 1 for cert_id in listed)
    assert len(lines) <= len(listed) + 8
    assert all(len(line) <= 80 for line in lines)
    row = next(line for line in lines if line.startswith("nasm-cpt "))
    # ^: the low end of the range is a third-party price.
    assert row.split() == ["nasm-cpt", "NASM", "NCCA", "$999-$2,099^", "120", "120", "10"]
    assert "Left out at 80 columns: Credential, Dated (shown" in "\n".join(lines)


def test_narrower_lists_say_which_columns_they_leave_out() -> None:
    text = "\n".join(lines_at(60, "certs", "--accredited", "NCCA"))
    assert "Left out at 60 columns: Credential, Dated, Questions, Minutes" in " ".join(text.split())
    assert "--format csv" in text
    row = next(line for line in text.splitlines() if line.startswith("acsm-cpt "))
    # *: the sources differ; ^: a third-party price; !: a price that may be out of date;
    # ?: an assumed CEC-to-hour rate.
    assert row.split() == ["acsm-cpt", "ACSM", "NCCA", "$279-$410*^!", "15?"]


def test_a_list_stacks_only_where_no_table_fits() -> None:
    assert "== nasm-cpt ==" not in lines_at(50, "certs", "--accredited", "NCCA")
    narrow = lines_at(40, "certs", "--accredited", "NCCA")
    assert "== nasm-cpt ==" in narrow
    assert "  NASM Certified Personal Trainer" in narrow


def test_a_wide_list_shows_the_credential_names() -> None:
    lines = lines_at(200, "certs", "--accredited", "NCCA")
    row = next(line for line in lines if line.startswith("nasm-cpt "))
    assert "NASM Certified Personal Trainer" in row
    assert not any(line.startswith("Left out") for line in lines)


def test_list_detail_keeps_every_column() -> None:
    text = "\n".join(lines_at(80, "certs", "--accredited", "NCCA", "--detail"))
    assert "Left out" not in text
    assert "NASM Certified Personal Trainer" in text and "Minutes:" in text


def test_list_json_objects_have_the_fields() -> None:
    for cert in as_json("certs"):
        for key in (
            "id",
            "abbr",
            "credential",
            "org",
            "roles",
            "accreditation",
            "exam",
            "price",
            "prerequisites",
            "pass_rate",
            "recertification",
            "specialties",
            "ce_hours_per_year",
            "conflicts",
        ):
            assert key in cert, (cert["id"], key)
        assert set(cert["exam"]) >= {"questions", "scored", "minutes", "delivery"}
        assert set(cert["prerequisites"]) >= {"min_age", "high_school", "cpr_aed", "degree"}
        assert set(cert["recertification"]) >= {"cycle_years", "education", "fee"}
        for price in cert["price"]:
            assert price["kind"] and price["source"] and price["date"]


# --- --accredited ----------------------------------------------------------------------------


NCCA = [
    "nasm-cpt",
    "ace-cpt",
    "acsm-cpt",
    "nsca-cpt",
    "nccpt-cpt",
    "ncsf-cpt",
    "nfpt-cpt",
    "neta-cpt",
    "nesta-pft",
    "aapte-cpt-efs",
    "action-cpt",
    "ifpa-cpft",
    "ptaglobal-cpt",
    "wits-cpt",
    "ace-gfi",
    "afaa-cgfi",
    "neta-gei",
]
"""The shipped certifications the sources call NCCA-accredited, in the data's order."""

UNPRICED = 10
"""Shipped certifications with no known entry price that new candidates can still earn
(nasm-cnc, issa-cpt, nccpt-cpt, ...); PTA Global CPT is left out on a line of its own."""


def test_accredited_ncca_lists_every_ncca_program_and_nothing_else() -> None:
    expected = NCCA
    assert ids("--accredited", "NCCA") == expected
    # Sources say: ISSA's own exam is not NCCA-accredited, NCCPT's is.
    assert "issa-cpt" not in expected and "nccpt-cpt" in expected


@pytest.mark.parametrize(
    "typed", ["ncca", "Ncca", "nCcA", "National Commission for Certifying Agencies"]
)
def test_accredited_is_case_insensitive(typed: str) -> None:
    assert ids("--accredited", typed) == ids("--accredited", "NCCA")


def test_accredited_table_leaves_out_the_others() -> None:
    out = ok("certs", "--accredited", "NCCA")
    rows = csv_table(ok("certs", "--accredited", "NCCA", "--format", "csv"))
    assert [row[0] for row in rows[1:]] == NCCA
    assert "issa-cpt" not in out and "nasm-cnc" not in out


def test_accredited_says_how_many_are_unknown() -> None:
    # Two shipped certifications have no known NCCA status: nsca-cscs and acsm-gei.
    assert left_out(ok("certs", "--accredited", "NCCA"), "accreditation") == 2


def test_left_out_line_goes_to_stderr_with_json() -> None:
    result = invoke_main("certs", "--accredited", "NCCA", "--format", "json")
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), list)
    assert left_out(result.stderr, "accreditation")
    assert "left out" not in result.stdout


def test_accredited_nbfe_by_the_articles_spelling() -> None:
    expected = ["issa-cpt", "nesta-pft"]
    assert ids("--accredited", "NFBE") == expected == ids("--accredited", "nbfe")
    assert "issa-cpt" in expected


def test_accredited_deac() -> None:
    assert "issa-cpt" in ids("--accredited", "DEAC")


def test_unknown_body_exits_2_listing_the_known_ones() -> None:
    err = usage_error("certs", "--accredited", "ISO")
    assert "ISO" in err
    for body in ("ncca", "nbfe", "deac"):
        assert body in err


# --- --org, --specialty, --role, --max-cost, --delivery -------------------------------------


@pytest.mark.parametrize(
    ("typed", "orgs"),
    [
        ("nasm", {"nasm"}),
        ("NASM", {"nasm"}),
        ("issa", {"issa"}),
        ("Sports Medicine", {"nasm", "acsm"}),
        ("american council on exercise", {"ace"}),
    ],
)
def test_org_filter(shipped: Catalog, typed: str, orgs: set[str]) -> None:
    found = ids("--org", typed)
    expected = [c.id for c in shipped.certifications.values() if c.org in orgs]
    assert found == expected
    assert found


def test_specialty_filter(shipped: Catalog) -> None:
    found = ids("--specialty", "corrective")
    assert "nasm-cpt" in found  # Corrective Exercise Specialist
    for cert_id in found:
        words = " ".join(s.text for s in shipped.certifications[cert_id].specialties).lower()
        assert "corrective" in words
    without = sum(not c.specialties for c in shipped.certifications.values())
    assert left_out(ok("certs", "--specialty", "corrective"), r"specialt\w*") == without


def test_specialty_filter_is_case_insensitive() -> None:
    assert ids("--specialty", "GROUP") == ids("--specialty", "group")
    # NETA's Group Exercise Instructor; ACE's Group Fitness Instructor is its own credential
    # (ace-gfi), named in ACE's organization notes, not an ACE-CPT specialty.
    assert ids("--specialty", "group") == ["neta-cpt"]


@pytest.mark.parametrize("typed", ["group-fitness-instructor", "Group Fitness Instructor"])
def test_role_filter(shipped: Catalog, typed: str) -> None:
    found = ids("--role", typed)
    expected = [
        c.id for c in shipped.certifications.values() if "group-fitness-instructor" in c.roles
    ]
    assert found == expected
    assert "ace-gfi" in found


def test_role_filter_by_alias() -> None:
    assert ids("--role", "one-on-one trainer") == ids("--role", "personal-trainer")


def test_unknown_role_filter_exits_2() -> None:
    err = usage_error("certs", "--role", "persnal-trainer")
    assert "did you mean 'personal-trainer'" in err


def test_max_cost_filter(shipped: Catalog) -> None:
    found = as_json("certs", "--max-cost", "300")
    assert found
    for cert in found:
        assert cert["lowest_price"] is not None and cert["lowest_price"] <= 300
    listed = [c["id"] for c in found]
    assert "nsca-cpt" in listed  # $300 member exam price: the limit is inclusive
    assert "ace-gfi" in listed  # $249 first-time exam
    assert "ace-cpt" not in listed  # $499 first-time exam ($199 is for the formerly certified)
    assert "ncsf-cpt" not in listed  # $349 exam
    assert "nasm-cpt" not in listed  # $999 and up
    assert left_out(ok("certs", "--max-cost", "300"), "price") == UNPRICED


@pytest.mark.parametrize("typed", ["$300", "300.00", "3e2"])
def test_max_cost_accepts_dollar_forms(typed: str) -> None:
    assert ids("--max-cost", typed) == ids("--max-cost", "300")


def test_max_cost_accepts_thousands_separator() -> None:
    assert ids("--max-cost", "1,000") == ids("--max-cost", "1000")
    assert "nasm-cpt" in ids("--max-cost", "1,000")  # Self-Study package $999


def test_max_cost_zero_keeps_only_free() -> None:
    # No shipped certification is free; the lowest price is ACSM-GEI's $219 member exam (2013).
    assert ids("--max-cost", "0") == []
    assert ids("--max-cost", "219") == ["acsm-gei"]


@pytest.mark.parametrize("typed", ["abc", "-5", "-0.01", "nan", "inf", "", "12usd"])
def test_max_cost_must_be_a_non_negative_number(typed: str) -> None:
    err = usage_error("certs", "--max-cost", typed)
    assert "--max-cost" in err


def test_delivery_filter(shipped: Catalog) -> None:
    found = ids("--delivery", "remote-proctor")
    expected = [
        c.id
        for c in shipped.certifications.values()
        if "remote-proctor" in {d.value for d in c.exam.delivery}
    ]
    assert found == expected
    assert "nasm-cpt" in found  # online with a live remote proctor
    assert "action-cpt" in found  # Examity live proctoring
    undelivered = sum(not c.exam.delivery for c in shipped.certifications.values())
    assert left_out(ok("certs", "--delivery", "remote-proctor"), "exam delivery") == undelivered


def test_delivery_unproctored_is_issa() -> None:
    assert ids("--delivery", "unproctored-course-exam") == ["issa-cpt"]


def test_unknown_delivery_exits_2() -> None:
    err = usage_error("certs", "--delivery", "carrier-pigeon")
    for kind in ("remote-proctor", "test-centre", "paper"):
        assert kind in err


def test_delivery_online_is_any_proctored_exam_away_from_a_centre(shipped: Catalog) -> None:
    away = {"remote-proctor", "online-proctored", "at-home"}
    found = ids("--delivery", "online")
    assert found == [
        c.id for c in shipped.certifications.values() if away & {d.value for d in c.exam.delivery}
    ]
    assert set(ids("--delivery", "remote-proctor")) < set(found)
    assert {"acsm-cpt", "aapte-cpt-efs"} <= set(found)
    # ISSA's course exam is not proctored: it is not an online proctored exam.
    assert "issa-cpt" not in found
    assert ids("--delivery", "Online") == found


def test_delivery_centre_is_the_test_centre() -> None:
    centre = ids("--delivery", "test-centre")
    assert centre
    assert ids("--delivery", "centre") == centre
    assert ids("--delivery", "center") == centre


def test_unknown_delivery_word_suggests_one() -> None:
    err = usage_error("certs", "--delivery", "onlin")
    assert len(err.strip().splitlines()) == 1
    assert "did you mean 'online'?" in err
    for word in ("online", "centre", "center", "remote-proctor"):
        assert word in err
    assert "did you mean 'test-centre'?" in usage_error("certs", "--delivery", "test-center")


FILTER_SETS: list[list[str]] = [
    ["--accredited", "NCCA", "--max-cost", "400"],
    ["--accredited", "ncca", "--role", "group-fitness-instructor"],
    ["--org", "ace", "--role", "fitness-instructor"],
    ["--accredited", "NCCA", "--delivery", "test-centre", "--max-cost", "350"],
    ["--specialty", "group", "--accredited", "ncca"],
    ["--org", "nsca", "--max-cost", "320", "--delivery", "test-centre"],
]


@pytest.mark.parametrize("args", FILTER_SETS, ids=lambda a: " ".join(a))
def test_filters_combine_as_an_intersection(args: list[str]) -> None:
    combined = ids(*args)
    pairs = [args[i : i + 2] for i in range(0, len(args), 2)]
    alone = [set(ids(*pair)) for pair in pairs]
    assert set(combined) == set.intersection(*alone)
    assert combined == [i for i in ids() if i in set(combined)], "data order is kept"


def test_group_fitness_ncca_combination() -> None:
    args = ("certs", "--accredited", "NCCA", "--role", "group-fitness-instructor")
    found = ids(*args[1:])
    assert "ace-gfi" in found and "afaa-cgfi" in found
    assert "acsm-gei" not in found
    assert left_out(ok(*args), "accreditation") == 1


def test_nothing_matches_prints_a_friendly_line() -> None:
    # NASM offers no group-instructor credential: every filter is valid, none match.
    args = ("certs", "--org", "nasm", "--role", "group-fitness-instructor")
    result = invoke_main(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("No certification matches these filters.")
    assert as_json(*args) == []


def test_an_unknown_organization_is_a_usage_error_naming_the_known_ones() -> None:
    line = usage_error("certs", "--org", "no-such-organization")
    assert "'no-such-organization'" in line and "nasm, ace, acsm" in line


def test_nothing_matches_still_says_what_was_left_out() -> None:
    # No certification costs under $50, and some have no known price at all: the
    # friendly line must not hide that unknown prices were left out.
    for fmt in ("table", "markdown"):
        out = ok("certs", "--max-cost", "50", "--format", fmt)
        assert "No certification matches" in out
        assert left_out(out, "price") == UNPRICED, fmt


# --- --sort ------------------------------------------------------------------------------


def known_then_unknown(values: list[Any]) -> tuple[list[Any], list[Any]]:
    cut = next((i for i, v in enumerate(values) if v is None), len(values))
    assert all(v is None for v in values[cut:]), "unknowns come last"
    return values[:cut], values[cut:]


def test_sort_by_cost() -> None:
    found = as_json("certs", "--sort", "cost")
    # Every certification but the one no longer offered to new candidates.
    assert sorted(c["id"] for c in found) == sorted(set(ids()) - {"ptaglobal-cpt"})
    known, unknown = known_then_unknown([c["lowest_price"] for c in found])
    assert known == sorted(known)
    assert unknown
    order = [c["id"] for c in found]
    # $250 exam < $300 member < $349 exam < $499 first-time exam < $999 package.
    for cheaper, dearer in [
        ("nfpt-cpt", "nsca-cpt"),
        ("nsca-cpt", "ncsf-cpt"),
        ("ncsf-cpt", "ace-cpt"),
        ("ace-cpt", "nasm-cpt"),
    ]:
        assert order.index(cheaper) < order.index(dearer)


def test_sort_by_hours() -> None:
    found = as_json("certs", "--sort", "hours")
    values = [min(c["ce_hours_per_year"]) if c["ce_hours_per_year"] else None for c in found]
    known, unknown = known_then_unknown(values)
    assert known == sorted(known)
    assert unknown
    order = [c["id"] for c in found]
    # W.I.T.S. 10 CECs / 2 years (5 h) < NFPT 2.0 CECs a year at 5 h a CEC (10 h)
    # < ACSM 45 CECs / 3 years (15 h, 1 h a CEC assumed) < NSCA 6.0 CEUs / 3 years (20 h).
    assert order.index("wits-cpt") < order.index("nfpt-cpt") < order.index("acsm-cpt")
    assert order.index("acsm-cpt") < order.index("nsca-cpt")
    assert [c["ce_hours_per_year"] for c in found if c["id"] in ("nfpt-cpt", "acsm-cpt")] == [
        [10.0],
        [15.0],
    ]


def test_sort_by_pass_rate() -> None:
    found = as_json("certs", "--sort", "pass-rate")
    known, unknown = known_then_unknown([c["pass_rate"] or None for c in found])
    assert unknown and known
    order = [c["id"] for c in found]
    # NASM 79 % > ACE 65 % > ACSM 55 % (2014).
    assert order.index("nasm-cpt") < order.index("ace-cpt") < order.index("acsm-cpt")


@pytest.mark.parametrize("how", ["cost", "hours", "pass-rate"])
def test_sort_says_how_many_are_unknown(how: str) -> None:
    found = as_json("certs", "--sort", how)
    key = {"cost": "lowest_price", "hours": "ce_hours_per_year", "pass-rate": "pass_rate"}[how]
    unknown = sum(not c[key] and c[key] != 0 for c in found)
    out = ok("certs", "--sort", how)
    match = re.search(rf"(\d+) listed last: {how.replace('-', ' ')} unknown", out)
    assert match and int(match.group(1)) == unknown


def test_sort_keeps_the_filters() -> None:
    assert sorted(ids("--accredited", "NCCA", "--sort", "cost")) == sorted(
        set(ids("--accredited", "NCCA")) - {"ptaglobal-cpt"}
    )
    assert sorted(ids("--accredited", "NCCA", "--sort", "hours")) == sorted(
        ids("--accredited", "NCCA")
    )


def test_unknown_sort_exits_2() -> None:
    err = usage_error("certs", "--sort", "price")
    assert "cost" in err and "pass-rate" in err


# --- --years -------------------------------------------------------------------------------


def test_years_nasm() -> None:
    # Packages $999-$2,099; renewal every 2 years at $99 (NASM) or $199 (protrainerprep).
    holding = as_json("certs", "nasm-cpt", "--years", "6")["holding"]
    assert holding["renewals"] == [3, 3]
    assert holding["total"] == [999 + 3 * 99, 2099 + 3 * 199]
    assert holding["missing"] is None
    assert holding["assumptions"]


def test_years_nasm_in_the_table() -> None:
    rows = csv_table(ok("certs", "nasm-cpt", "--years", "6", "--format", "csv"))
    cost = next(row for row in rows if row[0] == "Cost over 6 years")
    assert cost[1].startswith("$1,296-$2,696")
    assert "3 renewals" in cost[1]


def test_years_nfpt_renews_every_year() -> None:
    # $250 exam, $85 renewal every year.
    holding = as_json("certs", "nfpt-cpt", "--years", "3")["holding"]
    assert holding["renewals"] == [3, 3]
    assert holding["total"] == [250 + 3 * 85, 250 + 3 * 85]


def test_years_before_the_first_renewal() -> None:
    # NSCA-CPT renews every 3 years: two years of holding cost the exam only ($300-$435).
    holding = as_json("certs", "nsca-cpt", "--years", "2")["holding"]
    assert holding["renewals"] == [0, 0]
    assert holding["total"] == [300, 435]


def test_years_unknown_when_the_fee_is_unknown() -> None:
    # ACE-GFI: $249 exam, a 2-year cycle, no renewal fee found.
    holding = as_json("certs", "ace-gfi", "--years", "4")["holding"]
    assert holding["total"] is None
    assert "fee" in holding["missing"]
    rows = csv_table(ok("certs", "ace-gfi", "--years", "4", "--format", "csv"))
    cost = next(row for row in rows if row[0] == "Cost over 4 years")
    assert cost[1].startswith("unknown")
    assert "fee" in cost[1]


def test_years_unknown_when_the_price_is_unknown() -> None:
    holding = as_json("certs", "nccpt-cpt", "--years", "2")["holding"]
    assert holding["total"] is None
    assert "price" in holding["missing"]


def test_years_unknown_when_the_cycle_is_unknown() -> None:
    holding = as_json("certs", "ifpa-cpft", "--years", "2")["holding"]
    assert holding["total"] is None


def test_years_in_the_list() -> None:
    text = ok("certs", "--org", "nasm", "--years", "6", "--format", "csv")
    rows = csv_table(text)
    header = rows[0]
    assert header[-4:-1] == ["Cost, 6 yrs low", "Cost, 6 yrs high", "Cost, 6 yrs flags"]
    nasm = dict(zip(header, next(row for row in rows if row[0] == "nasm-cpt"), strict=True))
    # stale: it rests on NASM's $99 renewal fee, from an old document.
    cost = [nasm[f"Cost, 6 yrs {part}"] for part in ("low", "high", "flags")]
    assert cost == ["1296", "2696", "stale"]
    assert "$1,296-$2,696!" in ok("certs", "--org", "nasm", "--years", "6", "--format", "markdown")
    assert all(len(row) == len(rows[0]) for row in rows), "the table's rows are whole"
    assert "Cost over time assumes" in ok("certs", "--org", "nasm", "--years", "6")
    for cert in as_json("certs", "--org", "nasm", "--years", "6"):
        assert cert["holding"]["years"] == 6
        assert cert["holding"]["assumptions"]
        assert cert["holding"]["rests_on_prices_out_of_date"] is (cert["id"] == "nasm-cpt")


def test_years_states_the_assumptions() -> None:
    out = ok("certs", "nasm-cpt", "--years", "6")
    assert "Cost over time assumes" in out
    assert "renewal" in out


@pytest.mark.parametrize("typed", ["0", "-1", "two"])
def test_years_must_be_a_positive_whole_number(typed: str) -> None:
    err = usage_error("certs", "nasm-cpt", "--years", typed)
    assert "--years" in err


# --- One record and side by side ---------------------------------------------------------


ROWS = (
    "Credential",
    "Organization",
    "Prepares for",
    "Accreditation",
    "Exam",
    "Price",
    "Prerequisites",
    "Pass rate",
    "Recertification",
    "Specialties",
)


def test_one_record_table() -> None:
    out = ok("certs", "nasm-cpt")
    assert "NASM Certified Personal Trainer" in out
    assert "National Academy of Sports Medicine" in out
    for label in ROWS:
        assert label in out
    assert "fitcareer steps --cert nasm-cpt" in out, "the record points to its path"


def test_one_record_json() -> None:
    data = as_json("certs", "nasm-cpt")
    assert isinstance(data, dict)
    assert data["id"] == "nasm-cpt"
    assert {f["value"] for f in data["exam"]["questions"]} == {120}
    assert {f["value"] for f in data["exam"]["minutes"]} == {120}
    assert data["organization"]["abbr"] == "NASM"
    assert data["ce_hours_per_year"] == [10.0]


def test_one_record_has_every_source(shipped: Catalog) -> None:
    """Every footnote mark in the record resolves to a footnote naming a real source."""
    text = ok("certs", "acsm-cpt", "--format", "csv")
    table = "\n".join(",".join(row) for row in csv_table(text))
    sources = csv_sources(text)
    marks = set(re.findall(r"\[(\d+)\]", table))
    assert marks and marks <= set(sources)
    titles = {s.title for s in shipped.sources.values()}
    assert all(title in titles for title, *_ in sources.values())


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "svg"])
def test_one_record_in_every_format(fmt: str) -> None:
    text = ok("certs", "nasm-cpt", "--format", fmt)
    if fmt == "json":
        assert json.loads(text)["id"] == "nasm-cpt"
    elif fmt == "csv":
        assert csv_table(text)[0] == ["", "NASM-CPT"]
    elif fmt == "markdown":
        assert text.startswith("## NASM-CPT")
        assert "| Exam |" in text
    elif fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html>")
    elif fmt == "svg":
        assert text.lstrip().startswith("<svg")
    else:
        assert "NASM-CPT" in text


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_side_by_side_in_every_format(fmt: str) -> None:
    text = ok("certs", "nasm-cpt", "ace-cpt", "--detail", "--format", fmt)
    if fmt == "json":
        data = json.loads(text)
        assert [c["id"] for c in data] == ["nasm-cpt", "ace-cpt"]
    elif fmt == "csv":
        rows = csv_table(text)
        assert rows[0] == ["", "NASM-CPT", "ACE-CPT"]
        labels = [row[0] for row in rows[1:]]
        for label in ROWS:
            assert label in labels
        assert all(len(row) == 3 for row in rows)
    elif fmt == "markdown":
        assert "|  | NASM-CPT | ACE-CPT |" in text.splitlines()
    else:
        assert "NASM-CPT" in text and "ACE-CPT" in text


def test_side_by_side_cells_hold_each_certs_own_facts() -> None:
    rows = csv_table(ok("certs", "nasm-cpt", "ace-cpt", "--detail", "--format", "csv"))
    exam = next(row for row in rows if row[0] == "Exam")
    assert "Questions: 120" in exam[1] and "Time: 120 min" in exam[1]
    assert "Questions: 150" in exam[2] and "Time: 180 min" in exam[2]


def test_side_by_side_leads_with_one_short_fact_an_aspect() -> None:
    rows = csv_table(ok("certs", "nasm-cpt", "ace-cpt", "--format", "csv"))
    cells = {row[0]: row[1:] for row in rows[1:]}
    assert list(cells) == [
        "Credential",
        "Organization",
        "Accredited",
        "Price",
        "Exam",
        "Pass rate",
        "Prerequisites",
        "Recertification",
    ]
    # Each end of the range goes into the short cell with its date and caveats.
    assert re.fullmatch(
        r"\$999-\$2,099 \[\d+\]; low end \$999 package \(Self-Study\), 2026: third-party; "
        r"high end \$2,099 package \(All-Inclusive\), 2026: third-party",
        cells["Price"][0],
    )
    assert re.fullmatch(
        r"\$499-\$945 \[\d+\]\[\d+\]; low end \$499 exam \(first time\), date unknown; "
        r"high end \$945 package \(Advantage\), 6 Mar 2024: third-party, may be out of date",
        cells["Price"][1],
    )
    assert re.fullmatch(r"120 questions \[\d+\]; 120 min \[\d+\]", cells["Exam"][0])
    assert re.fullmatch(r"150 questions \[\d+\]\[\d+\]; 180 min \[\d+\]", cells["Exam"][1])
    assert "sources differ" in cells["Recertification"][0]
    assert "--detail" in ok("certs", "nasm-cpt", "ace-cpt")


def cells_of(*args: str) -> str:
    """Every cell of a command's table, one after another."""
    return "\n".join(c for row in csv_table(ok(*args, "--format", "csv")) for c in row)


def detail_facts(payload: dict[str, Any]) -> set[str]:
    """Figures and statements of a certification's JSON that its detail must show."""
    money = {f"${p['usd']:,.0f}" for p in [*payload["price"], *payload["recertification"]["fee"]]}
    exam = payload["exam"]
    counts = {f"{f['value']:,}" for f in [*exam["questions"], *exam["minutes"]]}
    texts = {s["text"] for s in [*payload["specialties"], *payload["notes"], *exam["notes"]]}
    rates = {f"{r['percent']:g}%" for r in payload["pass_rate"]}
    return money | counts | texts | rates


def test_side_by_side_detail_shows_every_fact_of_the_json() -> None:
    payload = as_json("certs", "nasm-cpt", "ace-cpt")
    table = cells_of("certs", "nasm-cpt", "ace-cpt", "--detail")
    for cert in payload:
        missing = {f for f in detail_facts(cert) if f not in table}
        assert not missing, (cert["id"], missing)


@pytest.mark.parametrize(
    ("typed", "cert_id"),
    [("NASM-CPT", "nasm-cpt"), ("ISSA CPT", "issa-cpt"), ("cscs", "nsca-cscs")],
)
def test_certification_by_abbreviation(typed: str, cert_id: str) -> None:
    assert as_json("certs", typed)["id"] == cert_id


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["nasm-cp"], "did you mean 'nasm-cpt'"),
        (["nasm-cpt", "acee-cpt"], "did you mean 'ace-cpt'"),
        (["nsca-cpf"], "did you mean 'nsca-cpt'"),
    ],
)
def test_misspelt_certification_exits_2_with_a_suggestion(args: list[str], hint: str) -> None:
    err = usage_error("certs", *args)
    assert hint in err


# --- Conflicts -----------------------------------------------------------------------------


def test_conflicts_shown_in_the_table() -> None:
    rows = csv_table(ok("certs", "acsm-cpt", "--format", "csv"))
    cells = {row[0]: row[1] for row in rows}
    time_line = next(li for li in cells["Exam"].splitlines() if "Time:" in li)
    for minutes in ("150 min", "165 min", "180 min"):
        assert minutes in time_line
    assert "sources differ" in time_line
    assert "exam.minutes" in cells["Sources differ on"]
    assert "sources differ" in ok("certs", "acsm-cpt")


def test_nasm_fee_conflict_shows_both_values() -> None:
    rows = csv_table(ok("certs", "nasm-cpt", "--format", "csv"))
    recert = {row[0]: row[1] for row in rows}["Recertification"]
    fees = [li for li in recert.splitlines() if "renewal" in li and "lifetime" not in li]
    assert any("$99 " in li for li in fees) and any("$199 " in li for li in fees)
    assert all("sources differ" in li for li in fees)


def test_conflicts_in_json() -> None:
    acsm = as_json("certs", "acsm-cpt")
    assert "exam.minutes" in acsm["conflicts"]
    assert {f["value"] for f in acsm["exam"]["minutes"]} >= {150, 165, 180}
    nasm = as_json("certs", "nasm-cpt")
    assert nasm["conflicts"] == ["recertification.fee"]
    assert {p["usd"] for p in nasm["recertification"]["fee"] if p["kind"] == "renewal"} == {
        99,
        199,
    }


def test_conflicts_in_the_list() -> None:
    header, *rows = csv_table(ok("certs", "--org", "acsm", "--format", "csv"))
    acsm = dict(zip(header, next(row for row in rows if row[0] == "acsm-cpt"), strict=True))
    # The range's low end ($279) is undated, third-party and out of date.
    assert [acsm[f"Price {part}"] for part in ("low", "high", "flags")] == [
        "279",
        "410",
        "differ third-party stale",
    ]
    assert acsm["Dated"] == "date unknown"
    assert [acsm[f"Questions {part}"] for part in ("low", "high", "flags")] == [
        "135",
        "150",
        "differ",
    ]
    assert [acsm[f"Minutes {part}"] for part in ("low", "high", "flags")] == [
        "150",
        "180",
        "differ",
    ]
    assert "$279-$410*^! date unknown 135-150*  150-180*" in ok("certs", "--org", "acsm")
    shown = ok("certs", "--org", "acsm", "--format", "markdown")
    assert "| $279-$410*^! | date unknown | 15? |" in shown
    assert "* sources differ;" in ok("certs", "--org", "acsm")


# --- steps -----------------------------------------------------------------------------------


# --- Text from data is shown, never read as markup ------------------------------------------

MARKUP = ("Personal trainer [/]", "[online]", "[link=x]y[/link]")


def test_markup_in_data_is_shown_literally(data_copy: Path) -> None:
    import yaml

    path = data_copy / "certifications.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nasm = next(c for c in data["certifications"] if c["id"] == "nasm-cpt")
    nasm["abbr"] = "NASM [/]"
    nasm["credential"] = "NASM [online] [link=x]y[/link]"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    roles = data_copy / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("name: Personal trainer", f"name: '{MARKUP[0]}'"),
        encoding="utf-8",
    )
    env = {"COLUMNS": "200", "NO_COLOR": "1", "FITCAREER_DATA_DIR": str(data_copy)}
    pair = invoke_main("certs", "nasm-cpt", "ace-cpt", env=env)
    assert pair.exit_code == 0, pair.stderr
    assert "NASM [/] vs ACE-CPT" in pair.stdout.splitlines()[0]
    assert "NASM [online] [link=x]y[/link]" in pair.stdout
    assert "\x1b]8;" not in pair.stdout
    one = invoke_main("certs", "nasm-cpt", "--detail", env=env)
    assert one.exit_code == 0 and MARKUP[0] in one.stdout
    listed = invoke_main("certs", "--org", "nasm", env=env)
    assert "NASM [online] [link=x]y[/link]" in listed.stdout
    svg = invoke_main("certs", "nasm-cpt", "ace-cpt", "--format", "svg", env=env)
    assert svg.exit_code == 0, svg.stderr
    shown = re.sub(r"<[^>]+>", "", svg.stdout).replace("&#160;", " ")
    assert "NASM [/]" in shown and "[online]" in shown and "[link=x]y[/link]" in shown
    narrow = invoke_main("certs", "nasm-cpt", "ace-cpt", env={**env, "COLUMNS": "40"})
    assert "== NASM [/] ==" in narrow.stdout


def total(shipped: Catalog) -> int:
    return len(shipped.certifications) * (COPIES + 1)


def test_a_table_lists_the_first_ones_and_says_how_many_more(large: Path, shipped: Catalog) -> None:
    result = invoke_main("--data-dir", str(large), "certs", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["ID"])
    end = next(i for i, line in enumerate(lines) if "more not shown" in line)
    rows = [row for row in lines[header + 1 : end] if row[:1].strip() and row[0] != "─"]
    named = [row.split()[0] for row in rows]
    everything = invoke_main("--data-dir", str(large), "certs", "--format", "json")
    assert named == [c["id"] for c in json.loads(everything.stdout)][:LIST_LIMIT]
    assert named[:3] == ["nasm-cpt", "nasm-cnc", "ace-cpt"]
    assert f"Certifications (first {LIST_LIMIT} of {total(shipped):,})" in result.stdout
    assert f"{total(shipped) - LIST_LIMIT:,} more not shown" in result.stdout
    assert "--limit 0 lists all" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_data_formats_give_every_match(large: Path, shipped: Catalog, fmt: str) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert len(json.loads(result.stdout)) == total(shipped)
    else:
        assert len(csv_table(result.stdout)) == total(shipped) + 1
    assert "not shown" not in result.stdout + result.stderr


def test_limit_zero_lists_all_in_a_table(large: Path, shipped: Catalog) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "--limit", "0", "--format", "markdown")
    assert result.exit_code == 0
    assert f"## Certifications ({total(shipped)})" in result.stdout
    assert "not shown" not in result.stdout


def test_an_explicit_limit_applies_to_json_and_says_so_on_stderr(
    large: Path, shipped: Catalog
) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "-n", "3", "--format", "json")
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)] == list(shipped.certifications)[:3]
    assert f"{total(shipped) - 3:,} more not shown (first 3 of {total(shipped):,})" in (
        result.stderr
    )
    assert "so does --format" not in result.stderr


def test_limit_keeps_the_sort_order(large: Path) -> None:
    everything = invoke_main(
        "--data-dir", str(large), "certs", "--sort", "cost", "--format", "json"
    )
    first = invoke_main(
        "--data-dir", str(large), "certs", "--sort", "cost", "--limit", "5", "--format", "json"
    )
    ids = [c["id"] for c in json.loads(everything.stdout)]
    assert [c["id"] for c in json.loads(first.stdout)] == ids[:5]


def test_a_limit_above_the_count_changes_nothing(shipped: Catalog) -> None:
    result = invoke_main("certs", "--limit", "1000")
    assert result.exit_code == 0
    assert f"Certifications ({len(shipped.certifications)})" in result.stdout
    assert "not shown" not in result.stdout


@pytest.mark.parametrize("typed", ["-1", "many", "2.5"])
def test_limit_must_be_a_whole_number_of_zero_or_more(typed: str) -> None:
    result = invoke_main("certs", "--limit", typed)
    assert result.exit_code == 2
    assert "--limit" in result.stderr
    assert result.stdout == ""


# --- Cost over the years asked ---------------------------------------------------------------


SIX_YEAR = ("--accredited", "NCCA", "--role", "personal-trainer", "--years", "6", "--sort", "cost")


def test_sort_by_cost_over_years_uses_the_years() -> None:
    # Entry prices put NFPT ($250) first; over six years ACSM ($369) and NSCA ($430) are
    # cheaper than ACE ($886) and NFPT ($760), whose renewals add up.
    order = ids(*SIX_YEAR)
    assert order.index("acsm-cpt") < order.index("ace-cpt")
    assert order.index("acsm-cpt") < order.index("nfpt-cpt")
    assert order.index("nsca-cpt") < order.index("ace-cpt")
    assert order.index("nsca-cpt") < order.index("nfpt-cpt")
    assert ids("--accredited", "NCCA", "--role", "personal-trainer", "--sort", "cost")[0] == (
        "nfpt-cpt"
    )


def test_cost_over_years_agrees_in_table_json_and_csv() -> None:
    found = as_json("certs", *SIX_YEAR)
    lows = [c["holding"]["total"][0] for c in found if c["holding"]["total"]]
    assert lows == sorted(lows)
    assert all(c["cost_used"]["usd"] == c["holding"]["total"][0] for c in found[: len(lows)])
    assert {c["cost_used"]["basis"] for c in found} == {"low end of the cost over 6 years"}
    rows = csv_table(ok("certs", *SIX_YEAR, "--format", "csv"))
    header, body = rows[0], rows[1:]
    used = header.index("Cost used low")
    assert [r[0] for r in body] == [c["id"] for c in found]
    assert body[0][used : used + 3] == ["369", "369", ""]
    assert "$369, 6-yr low" in ok("certs", *SIX_YEAR, "--format", "markdown")
    table = " ".join(ok("certs", *SIX_YEAR).split())
    assert "Ranked by the low end of each one's cost over 6 years" in table
    shown = [line.split()[0] for line in ok("certs", *SIX_YEAR).splitlines()[2:8]]
    assert shown == [c["id"] for c in found[:6]]


def test_budget_over_years_filters_on_the_total() -> None:
    found = as_json("certs", "--max-cost", "600", "--years", "6")
    assert found
    assert all(c["holding"]["total"][0] <= 600 for c in found)
    picked = {c["id"] for c in found}
    # NCSF's $349 exam fits $600; its six-year cost ($604) does not.
    assert "ncsf-cpt" in ids("--max-cost", "600")
    assert "ncsf-cpt" not in picked
    assert {"acsm-cpt", "nsca-cpt"} <= picked
    rows = csv_table(ok("certs", "--max-cost", "600", "--years", "6", "--format", "csv"))
    assert [r[0] for r in rows[1:]] == [c["id"] for c in found]
    result = invoke_main("certs", "--max-cost", "600", "--years", "6")
    text = " ".join(result.stdout.split())
    assert "Within the budget at the low end of each one's cost over 6 years" in text
    assert "more left out: cost over 6 years unknown" in text


# --- One rule for where sources differ ------------------------------------------------------

FLAG = "(sources differ)"

WHOLE_LINES = {
    "- Questions:": "exam.questions",
    "- Scored:": "exam.scored",
    "- Unscored:": "exam.unscored",
    "- Time:": "exam.minutes",
    "- Pass mark:": "exam.pass_mark",
    "- Minimum age:": "prerequisites.min_age",
    "- High-school diploma or GED:": "prerequisites.high_school",
    "- CPR/AED:": "prerequisites.cpr_aed",
    "- Degree:": "prerequisites.degree",
    "- Every": "recertification.cycle_years",
    "- Fee:": "recertification.fee",
}
"""Where `certs X` shows each field that can have sources differing."""

GLANCE_PARTS = {
    ("Exam", 0): "exam.questions",
    ("Exam", 1): "exam.minutes",
    ("Prerequisites", 0): "prerequisites.min_age",
    ("Prerequisites", 1): "prerequisites.cpr_aed",
    ("Prerequisites", 2): "prerequisites.high_school",
    ("Recertification", 0): "recertification.cycle_years",
    ("Recertification", 2): "recertification.fee",
}
"""Where `certs X Y` shows each field that can have sources differing: a cell's part
between semicolons."""


def cells(rows: list[list[str]], column: int = 1) -> dict[str, str]:
    return {row[0]: row[column].removeprefix("'") for row in rows[1:] if len(row) > column}


def whole_flags(cell: dict[str, str]) -> set[str]:
    """Fields `certs X` marks as differing."""
    found = set()
    for label in ("Exam", "Prerequisites", "Recertification"):
        for line in cell[label].splitlines():
            field = next((f for start, f in WHOLE_LINES.items() if line.startswith(start)), None)
            if field is None and label == "Recertification" and " per " in line:
                field = "recertification.education"
            if field and FLAG in line:
                found.add(field)
    if FLAG in cell["Price"]:
        found.add("price")
    return found


def glance_flags(cell: dict[str, str]) -> set[str]:
    """Fields `certs X Y` marks as differing."""
    found = set()
    for (label, i), field in GLANCE_PARTS.items():
        parts = cell[label].split("; ")
        last = max(j for name, j in GLANCE_PARTS if name == label)
        if FLAG in ("; ".join(parts[i:]) if i == last else parts[i]):
            found.add(field)
    return found | ({"price"} if FLAG in cell["Price"] else set())


def test_one_record_and_side_by_side_agree_on_where_sources_differ(shipped: Catalog) -> None:
    every = list(shipped.certifications)
    for n, cert in enumerate(every):
        other = every[(n + 1) % len(every)]
        whole = cells(csv_table(ok("certs", cert, "--format", "csv")))
        listed = set(whole["Sources differ on"].split(", ")) - {"-"}
        glance = cells(csv_table(ok("certs", cert, other, "--format", "csv")))
        assert whole_flags(whole) == listed & (
            set(WHOLE_LINES.values()) | {"price", "recertification.education"}
        ), cert
        shown = set(GLANCE_PARTS.values()) | {"price"}
        assert glance_flags(glance) == listed & shown, cert
        record = as_json("certs", cert)
        assert set(record["conflicts"]) == listed, cert
        pair = as_json("certs", cert, other)
        assert set(pair[0]["conflicts"]) == listed, cert
