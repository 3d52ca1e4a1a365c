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
    assert ("ace-cpt", "unverified") in _caveated_prices(shipped)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_record_shows_each_price_caveat(shipped: Catalog, fmt: str) -> None:
    for cert, caveat in _caveated_prices(shipped):
        assert caveat in _flat(ok("certs", cert, "--format", fmt)), (cert, caveat)


@pytest.mark.parametrize("fmt", FORMATS)
def test_side_by_side_at_a_glance_names_the_caveated_low_end(fmt: str) -> None:
    out = _flat(ok("certs", "ace-cpt", "nasm-cpt", "--format", fmt))
    assert "low end $199 exam (Exam only): unverified, third-party" in out


def test_json_carries_the_lowest_price_caveats() -> None:
    (record,) = [r for r in json.loads(ok("certs", "--format", "json")) if r["id"] == "ace-cpt"]
    assert record["lowest_price"] == 199
    assert record["lowest_price_caveats"] == ["unverified", "third-party"]
    exam_only = [p for p in record["price"] if p["usd"] == 199]
    assert exam_only[0]["verified"] is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_max_cost_list_marks_and_names_a_caveated_price(fmt: str) -> None:
    out = ok("certs", "--max-cost", "300", "--format", fmt)
    assert "$199-$945^" in out
    assert "ACE-CPT $199 exam (Exam only) (unverified, third-party)" in _flat(out)


def test_sort_cost_list_names_the_caveated_price() -> None:
    out = _flat(ok("certs", "--sort", "cost", "--limit", "0"))
    assert "ACE-CPT $199 exam (Exam only) (unverified, third-party)" in out


def test_a_stale_price_says_so_in_the_record_and_the_list() -> None:
    assert "may be out of date" in _flat(ok("certs", "acsm-gei"))
    assert "third-party, may be out of date: ACSM-GEI" in _flat(ok("certs", "--limit", "0"))
    assert "ACSM-GEI $219 exam (member) (third-party, may be out of date)" in _flat(
        ok("certs", "--limit", "0", "--sort", "cost")
    )


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
    assert "Unscored: 30" in acsm and "exam.unscored" in acsm
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
    out = _flat(ok("roles", "group-fitness-instructor", "--format", fmt))
    assert "unknown: no source found says it of this role" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_sources_are_cited_with_title_publisher_and_address(fmt: str) -> None:
    out = _flat(ok("certs", "ace-cpt", "--format", fmt))
    assert "page address not recorded" in out or "https://" in out
    roles = _flat(ok("roles", "personal-trainer", "--format", fmt))
    assert "Coursera" in roles and "https://www.coursera.org/articles/" in roles
    assert "article 000_" not in roles
