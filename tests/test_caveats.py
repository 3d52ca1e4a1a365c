"""Every figure that carries a caveat shows it in every view that shows the figure."""

from __future__ import annotations

import json
import re

import pytest

from conftest import invoke_main
from fitcareer.model import Catalog
from fitcareer.queries import certs as cert_q

FORMATS = ("table", "markdown")


def ok(*args: str) -> str:
    """A command's output on a terminal wide enough that no cell wraps into its neighbour."""
    result = invoke_main(*args, env={"COLUMNS": "1000"})
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result.stdout


def _flat(text: str) -> str:
    """Output with table borders and line breaks folded away, so a wrapped caveat reads whole."""
    return " ".join(re.sub(r"[│|┃─━┌┐└┘├┤┬┴┼]+", " ", text).split())


def _caveated_prices(catalog: Catalog) -> list[tuple[str, str]]:
    """(certification, caveat) for every entry price marked unverified or from a third party."""
    found = []
    for cert in catalog.certifications.values():
        for p in cert.price:
            if not p.verified:
                found.append((cert.id, "unverified"))
            elif catalog.sources[p.source].kind == "third-party":
                found.append((cert.id, "third-party"))
    return sorted(set(found))


def test_some_prices_carry_caveats(shipped: Catalog) -> None:
    assert ("acsm-gei", "third-party") in _caveated_prices(shipped)
    fee = shipped.certifications["ace-cpt"].recertification.fee
    assert [p.usd for p in fee if not p.verified] == [129]
    assert "$129 renewal, date unknown (unverified)" in _flat(ok("certs", "ace-cpt"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_record_shows_each_price_caveat(shipped: Catalog, fmt: str) -> None:
    for cert, caveat in _caveated_prices(shipped):
        assert caveat in _flat(ok("certs", cert, "--format", fmt)), (cert, caveat)


@pytest.mark.parametrize("fmt", FORMATS)
def test_side_by_side_at_a_glance_names_each_end_with_its_date_and_caveats(fmt: str) -> None:
    out = _flat(ok("certs", "ace-cpt", "nasm-cpt", "--format", fmt))
    assert "low end $499 exam (first time), date unknown;" in out
    assert "high end $945 package (Advantage), 6 Mar 2024: third-party, may be out of date" in out
    assert "low end $999 package (Self-Study), 2026: third-party" in out


def test_json_carries_the_lowest_price_date_and_caveats() -> None:
    records = {r["id"]: r for r in json.loads(ok("certs", "--format", "json"))}
    gei = records["acsm-gei"]
    assert (gei["lowest_price"], gei["lowest_price_dated"]) == (219, "4 Feb 2013")
    assert gei["lowest_price_caveats"] == ["third-party", "may be out of date"]
    assert [(p["usd"], p["out_of_date"]) for p in gei["price"]] == [(219, True), (279, True)]
    ace = records["ace-cpt"]
    assert (ace["lowest_price"], ace["lowest_price_dated"]) == (499, "date unknown")
    assert ace["lowest_price_caveats"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_max_cost_list_marks_and_names_a_caveated_price(fmt: str) -> None:
    out = ok("certs", "--max-cost", "300", "--format", fmt)
    assert "$219-$279^!" in out
    assert "ACSM-GEI $219 exam (member), 4 Feb 2013: third-party, may be out of date" in _flat(out)


def test_sort_cost_list_names_every_price_it_ranks_by_with_its_date() -> None:
    out = _flat(ok("certs", "--sort", "cost", "--limit", "0"))
    assert "ACSM-GEI $219 exam (member), 4 Feb 2013: third-party, may be out of date" in out
    assert "ACE-CPT $499 exam (first time), date unknown;" in out


def test_a_stale_price_says_so_in_the_record_and_the_list() -> None:
    assert "may be out of date" in _flat(ok("certs", "acsm-gei"))
    listed = ok("certs", "--limit", "0")
    row = next(line for line in listed.splitlines() if line.startswith("acsm-gei "))
    assert "$219-$279^!" in row.split()
    assert "! a price that may be out of date" in _flat(listed)


def test_a_price_the_data_marks_old_is_old_whatever_its_date() -> None:
    # ACE's packages are dated 6 Mar 2024: recent, but a newer ACE price list replaces them.
    out = _flat(ok("certs", "ace-cpt", "--format", "markdown"))
    assert "$945 package (Advantage), 6 Mar 2024 (may be out of date)" in out
    assert "$499 exam (first time), date unknown; Computer-based" in out


def _assumed(catalog: Catalog) -> list[str]:
    return [
        c.id
        for c in catalog.certifications.values()
        if cert_q.hours_per_year(catalog, c) and cert_q.assumed_units(catalog, c)
    ]


def test_some_hours_rest_on_an_assumed_conversion(shipped: Catalog) -> None:
    assert set(_assumed(shipped)) >= {"acsm-cpt", "action-cpt", "aapte-cpt-efs"}
    assert "nfpt-cpt" not in _assumed(shipped)


@pytest.mark.parametrize("fmt", FORMATS)
def test_assumed_hours_are_marked_wherever_shown(shipped: Catalog, fmt: str) -> None:
    for cert in _assumed(shipped):
        record = _flat(ok("certs", cert, "--format", fmt))
        marked = r"[0-9]\?( / [0-9.]+\?)*( \(sources differ\))? hours of continuing education"
        assert re.search(marked, record), cert
        assert "fitcareer assumes" in record, cert
    listed = ok("certs", "--limit", "0", "--detail", "--format", fmt)
    assert "15?" in listed
    assert "? hours rest on a CEC-to-hour conversion fitcareer assumes" in _flat(listed)


def test_json_says_which_conversions_are_assumed() -> None:
    (record,) = [r for r in json.loads(ok("certs", "--format", "json")) if r["id"] == "acsm-cpt"]
    assert [u["convention"] for u in record["ce_hours_assumed"]] == [True]


@pytest.mark.parametrize("fmt", FORMATS)
def test_pass_rates_say_their_period_and_who_reports_them(fmt: str) -> None:
    out = _flat(ok("certs", "nasm-cpt", "acsm-cpt", "--format", fmt))
    assert "79% (2022-11-01 to 2023-11-01, third-party" in out
    assert "55% (2014, may be out of date)" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_conflicts_the_audit_found_are_flagged(fmt: str) -> None:
    acsm = _flat(ok("certs", "acsm-cpt", "--format", fmt))
    assert re.search(r"Unscored: 15 (\[\d+\])+ / 30 ", acsm) and "exam.unscored" in acsm
    wits = _flat(ok("certs", "wits-cpt", "--format", fmt))
    assert "prerequisites.cpr_aed" in wits
    ace = _flat(ok("certs", "ace-cpt", "--format", fmt))
    assert "exam.pass_mark" not in ace


@pytest.mark.parametrize("fmt", FORMATS)
def test_delivery_is_shown_as_the_source_says(fmt: str) -> None:
    assert "online, proctored (how is not stated)" in _flat(
        ok("certs", "aapte-cpt-efs", "--format", fmt)
    )
    assert "at home, online" in _flat(ok("certs", "acsm-cpt", "--format", fmt))
    pta = _flat(ok("certs", "ptaglobal-cpt", "--format", fmt))
    assert "with an approved proctor, by agreement" in pta
    assert "live remote proctor" not in pta


@pytest.mark.parametrize("fmt", FORMATS)
def test_effective_dates_are_shown_apart(fmt: str) -> None:
    assert "(takes effect 1 Jan 2030)" in _flat(ok("certs", "nsca-cscs", "--format", fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_gym_manager_figures_say_whom_they_cover(fmt: str) -> None:
    for args in (("roles", "gym-manager"), ("compare", "personal-trainer", "gym-manager")):
        out = _flat(ok(*args, "--format", fmt))
        assert "$73,460" in out
        assert "entertainment and recreation managers" in out
        assert "no gym-manager occupation" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_aspects_say_why(fmt: str) -> None:
    out = _flat(ok("roles", "gym-manager", "--format", fmt))
    assert "unknown: no source found says whom or what a gym manager's training" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_sources_are_cited_with_title_publisher_and_address(fmt: str) -> None:
    out = _flat(ok("certs", "ace-cpt", "--format", fmt))
    assert "page address not recorded" in out or "https://" in out
    roles = _flat(ok("roles", "personal-trainer", "--format", fmt))
    if fmt == "table":
        # A profile on one screen dates each source it cites; --detail names it in full.
        assert "[3] undated" in roles and "each source in full: --detail (same numbers)" in roles
        roles = _flat(ok("roles", "personal-trainer", "--detail", "--format", fmt))
    assert "Coursera" in roles and "https://www.coursera.org/articles/" in roles
    assert "article 000_" not in roles
