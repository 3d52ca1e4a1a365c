"""Certification prices as a user meets them: the corrected entry prices, each with the
date its page states; prices the run's date makes old, said so in every view; the
certification no longer offered to new candidates, never recommended; and conflicts
kept with both values and both sources."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import TRAINER_ANSWERS, block_yaml, invoke_main
from fitcareer.model import Catalog

WIDE = {"COLUMNS": "1000"}


def epoch(year: int) -> dict[str, str]:
    """SOURCE_DATE_EPOCH for 1 January of ``year``: the run's date, as a reproducible build sets it."""
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.timezone.utc)
    return {**WIDE, "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = invoke_main(*args, env=env or WIDE)
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result.stdout


def flat(text: str) -> str:
    """Output with table borders and line breaks folded away."""
    return " ".join(re.sub(r"[│|┃─━┌┐└┘├┤┬┴┼╭╮╰╯]+", " ", text).split())


def records(*args: str, env: dict[str, str] | None = None) -> Any:
    return json.loads(run(*args, "--format", "json", env=env))


def footnotes(markdown: str) -> dict[str, str]:
    """Footnote number -> the source line, from Markdown output."""
    return dict(re.findall(r"^- \[(\d+)\] (.+)$", markdown, flags=re.MULTILINE))


# --- ACE: the first exam is $499 -------------------------------------------------------------


def test_ace_cpt_shows_the_first_time_exam_price_with_its_date() -> None:
    result = invoke_main("certs", "ace-cpt", env=WIDE)
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    assert "$499 exam (first time), date unknown; Computer-based exam" in out
    assert "$249 retake, date unknown" in out
    assert "$199 reinstatement (formerly ACE certified), date unknown" in out
    assert "$199 exam" not in out
    assert "ACE FAQ: Exam Registrations, American Council on Exercise, undated" in out


def test_ace_cpt_is_listed_and_ranked_at_its_first_time_price() -> None:
    record = records("certs", "ace-cpt")
    assert (record["lowest_price"], record["lowest_price_dated"]) == (499, "date unknown")
    kinds = {(p["usd"], p["kind"]) for p in record["price"]}
    assert {(499, "exam"), (249, "retake"), (199, "reinstatement")} <= kinds
    row = next(r for r in run("certs", "--format", "csv").splitlines() if r.startswith("ace-cpt,"))
    assert ",499,945," in row and ",199," not in row
    assert "ace-cpt" not in [r["id"] for r in records("certs", "--max-cost", "400")]


def test_ace_gfi_first_time_exam_and_retake() -> None:
    out = flat(run("certs", "ace-gfi"))
    assert "$249 exam (first time), date unknown" in out
    assert "$199 retake, date unknown" in out
    assert records("certs", "ace-gfi")["lowest_price"] == 249


# --- A price the run's date makes old ----------------------------------------------------------

NASM = "$999 package (Self-Study), 2026"
"""NASM's cheapest package, dated 2026 by its page: current in 2027, old in 2031."""


def test_the_run_date_decides_whether_a_dated_price_is_old() -> None:
    recent = flat(run("certs", "nasm-cpt", env=epoch(2027)))
    later = flat(run("certs", "nasm-cpt", env=epoch(2031)))
    assert f"{NASM}; List price" in recent
    assert f"{NASM} (may be out of date); List price" in later


def test_an_old_price_is_flagged_in_the_table_and_the_json() -> None:
    def row(env: dict[str, str]) -> list[str]:
        table = run("certs", "--org", "nasm", env=env)
        return next(line for line in table.splitlines() if line.startswith("nasm-cpt ")).split()

    assert "$999-$2,099^" in row(epoch(2027))
    assert "$999-$2,099^!" in row(epoch(2031))
    assert "! a price that may be out of date" in run("certs", "--org", "nasm", env=epoch(2031))
    (record,) = [r for r in records("certs", env=epoch(2031)) if r["id"] == "nasm-cpt"]
    assert record["lowest_price_caveats"] == ["third-party", "may be out of date"]
    assert [p["out_of_date"] for p in record["price"]] == [True] * 4
    assert all(p["dated"] == "2026" for p in record["price"])
    (recent,) = [r for r in records("certs", env=epoch(2027)) if r["id"] == "nasm-cpt"]
    assert recent["lowest_price_caveats"] == ["third-party"]


def test_max_age_moves_the_line() -> None:
    env = epoch(2031)
    assert "$999-$2,099^!" in run("certs", "--org", "nasm", env=env)
    assert "$999-$2,099^!" not in run("--max-age", "10", "certs", "--org", "nasm", env=env)
    assert "$999-$2,099^!" in run("--max-age", "0", "certs", "--org", "nasm", env=epoch(2027))


@pytest.mark.parametrize(
    "command", [("certs",), ("certs", "ace-cpt"), ("steps", "--cert", "ace-cpt")]
)
def test_a_run_date_that_is_no_date_is_one_line_and_exit_2(command: tuple[str, ...]) -> None:
    result = invoke_main(*command, env={"SOURCE_DATE_EPOCH": "abc"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("fitcareer: SOURCE_DATE_EPOCH ")
    assert len(result.stderr.splitlines()) == 1


def test_a_ranking_by_cost_names_each_price_with_its_date() -> None:
    out = flat(run("certs", "--sort", "cost", "--limit", "0", env=epoch(2031)))
    assert f"NASM-CPT {NASM}: third-party, may be out of date" in out
    budget = flat(run("certs", "--max-cost", "1000", env=epoch(2031)))
    assert f"NASM-CPT {NASM}: third-party, may be out of date" in budget


def test_the_quiz_says_a_recommended_price_is_old_beside_it(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(TRAINER_ANSWERS), encoding="utf-8")
    out = flat(run("quiz", "--answers", str(answers), env=epoch(2031)))
    assert f"NASM-CPT from {NASM}: third-party, may be out of date" in out
    assert "NFPT-CPT from $250 exam, date unknown: third-party, may be out of date" in out
    saved = records("quiz", "--answers", str(answers), env=epoch(2031))
    nfpt = next(
        c for c in saved["next_steps"]["certifications"] if c["id"] == "nfpt-cpt"
    )  # its only price is marked out of date by the data, whatever the year
    assert nfpt["lowest_price_caveats"] == ["third-party", "may be out of date"]
    assert nfpt["lowest_price_dated"] == "date unknown"


@pytest.mark.parametrize(("date", "old"), [("2027-01-01", False), ("2031-01-01", True)])
def test_a_report_judges_prices_by_its_own_date(date: str, old: bool) -> None:
    page = run("report", "personal-trainer", "--cert", "nasm-cpt", "--date", date)
    said = f"low end {NASM}: third-party, may be out of date" in page
    assert said is old
    assert f"low end {NASM}: third-party" in page


# --- PTA Global CPT: no longer offered to new candidates ----------------------------------------


def test_pta_global_is_shown_as_no_longer_offered() -> None:
    out = flat(run("certs", "ptaglobal-cpt", "--format", "markdown"))
    assert "No longer offered to new candidates:" in out
    assert "No longer offered to new customers" in out
    assert "PTA Global Recertification Process, National Academy of Sports Medicine" in out
    assert "20 hours per 2 years" in out
    record = records("certs", "ptaglobal-cpt")
    assert record["offered"] is False
    listed = run("certs", "--org", "pta")
    row = next(line for line in listed.splitlines() if line.startswith("ptaglobal-cpt "))
    assert "not offered" in row
    assert "not offered: new candidates can no longer earn it: PTA Global CPT" in listed


def cheap_pta(data_copy: Path, withdrawn: bool) -> Path:
    """The data with PTA Global CPT given a $1 exam and a nutrition specialty: the first
    pick of any answer that looks for the cheapest or for nutrition, unless withdrawn."""
    path = data_copy / "certifications.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (pta,) = [c for c in data["certifications"] if c["id"] == "ptaglobal-cpt"]
    pta["price"] = [{"usd": 1, "kind": "exam", "source": "nasm-ptag-recert", "date": "undated"}]
    pta["specialties"] = [{"text": "Nutrition", "source": "nasm-ptag-recert", "date": "undated"}]
    if not withdrawn:
        del pta["withdrawn"]
    path.write_bytes(block_yaml(data))
    return data_copy


def picks(folder: Path, tmp_path: Path) -> dict[str, Any]:
    """What each recommending view picks first from the data in ``folder``."""
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(TRAINER_ANSWERS), encoding="utf-8")
    where = ("--data-dir", str(folder))
    quiz = records(*where, "quiz", "--answers", str(answers))
    return {
        "quiz": [c["id"] for c in quiz["next_steps"]["certifications"]],
        "quiz text": run(*where, "quiz", "--answers", str(answers)),
        "budget": [c["id"] for c in records(*where, "certs", "--max-cost", "10")],
        "budget text": run(*where, "certs", "--max-cost", "10"),
        "cheapest": [c["id"] for c in records(*where, "certs", "--sort", "cost")],
        "report": [
            c["id"] for c in records(*where, "report", "--answers", str(answers))["certifications"]
        ],
    }


def test_pta_global_would_be_picked_if_it_were_offered(data_copy: Path, tmp_path: Path) -> None:
    chosen = picks(cheap_pta(data_copy, withdrawn=False), tmp_path)
    assert chosen["quiz"][0] == "ptaglobal-cpt"
    assert chosen["budget"] == ["ptaglobal-cpt"]
    assert chosen["cheapest"][0] == "ptaglobal-cpt"
    assert chosen["report"][0] == "ptaglobal-cpt"


def test_pta_global_is_never_recommended(data_copy: Path, tmp_path: Path) -> None:
    chosen = picks(cheap_pta(data_copy, withdrawn=True), tmp_path)
    assert "ptaglobal-cpt" not in chosen["quiz"]
    assert "PTA Global" not in chosen["quiz text"]
    assert chosen["budget"] == []
    assert "1 more left out: no longer offered to new candidates (PTA Global CPT)" in flat(
        chosen["budget text"]
    )
    assert "ptaglobal-cpt" not in chosen["cheapest"]
    assert "ptaglobal-cpt" not in chosen["report"]


def test_someone_hiring_is_told_a_holder_may_still_have_it(data_copy: Path, tmp_path: Path) -> None:
    answers = tmp_path / "h.yaml"
    answers.write_text(
        "goal: specific\nsetting: private\nplan: bespoke\nattention: brief\n"
        "motivation: accountability\ncost: more\nhealth: none\n",
        encoding="utf-8",
    )
    folder = cheap_pta(data_copy, withdrawn=True)
    out = flat(run("--data-dir", str(folder), "quiz", "--hire", "--answers", str(answers)))
    assert "Ask for an NCCA-accredited credential (PTA" not in out
    assert re.search(
        r"PTA Global CPT \(no longer offered to new candidates \[\d+\]; holders renew\)", out
    )


# --- Conflicts keep both values and both sources ---------------------------------------------


def test_issa_pass_marks_are_a_conflict_neither_called_older() -> None:
    page = run("certs", "issa-cpt", "--format", "markdown")
    line = next(li for li in page.replace("<br>", "\n").splitlines() if "Pass mark:" in li)
    found = re.search(r"75 % on all sections \[(\d+)\] / 70 % \[(\d+)\] \(sources differ\)", line)
    assert found, line
    sources = footnotes(page)
    assert "issaonline.edu" in sources[found.group(1)]
    assert "issaonline.com" in sources[found.group(2)]
    assert "older" not in line.lower()
    assert "older" not in (sources[found.group(1)] + sources[found.group(2)]).lower()


def test_acsm_reinstatement_fee_keeps_both_versions_of_its_page() -> None:
    page = run("certs", "acsm-cpt", "--format", "markdown")
    sources = footnotes(page)
    fees = dict(re.findall(r"\$(165|225) reinstatement, date unknown; [^\[]*\[(\d+)\]", page))
    assert set(fees) == {"165", "225"}
    assert "https://acsm.org/certification/recertification" in sources[fees["165"]]
    assert "https://corkscrew.acsm.org/certification/recertification" in sources[fees["225"]]
    assert "recertification.fee" in records("certs", "acsm-cpt")["conflicts"]


# --- The corrected and filled facts, each with its source ------------------------------------


def test_acsm_cpt_exam_as_acsm_s_2025_outline_is_reported(shipped: Catalog) -> None:
    exam = shipped.certifications["acsm-cpt"].exam

    def by(source: str, facts: Any) -> list[float]:
        return [f.value for f in facts if f.source == source]

    reported = "testpreppilot-acsm-cpt"
    assert (by(reported, exam.questions), by(reported, exam.scored)) == ([135], [120])
    assert (by(reported, exam.unscored), by(reported, exam.minutes)) == ([15], [150])
    assert all("Secondary" in (f.note or "") for f in exam.questions if f.source == reported)
    prices = {(p.usd, p.label, p.stale) for p in shipped.certifications["acsm-cpt"].price}
    assert {(310, "member", False), (410, "non-member", False)} <= prices
    assert {(279, "member", True), (349, "non-member", True)} <= prices
    source = shipped.sources[reported]
    assert (source.kind, source.date) == ("third-party", "2026-08")
    assert source.note and source.note.startswith("Secondary")


def test_renewals_the_refresh_filled_in(shipped: Catalog) -> None:
    certs = shipped.certifications

    def fees(cert: str) -> set[tuple[float, str]]:
        return {(p.usd, p.source) for p in certs[cert].recertification.fee}

    def rules(cert: str) -> set[tuple[float, str, float, str]]:
        return {
            (e.amount, e.unit, e.per_years, e.source) for e in certs[cert].recertification.education
        }

    assert (60, "acsm-recert") in fees("acsm-gei")
    assert any("$80" in n.text for n in certs["acsm-gei"].recertification.notes)
    assert (2.0, "CEU", 2, "nccpt-recert") in rules("nccpt-cpt")
    assert {(75, "nccpt-recert"), (100, "nccpt-recert")} <= fees("nccpt-cpt")
    assert (10, "CEU", 2, "ncsf-recertify") in rules("ncsf-cpt")
    assert (85, "ncsf-recertify") in fees("ncsf-cpt")
    assert [(u.unit, u.hours) for u in shipped.organizations["ncsf"].ce_units] == [("CEU", 2)]
    assert (20, "CEC", 2, "neta-renewal") in rules("neta-gei")
    assert rules("ptaglobal-cpt") == {(20, "hours", 2, "nasm-ptag-recert")}
    wits = certs["wits-cpt"].recertification
    assert any("3 W.I.T.S. Store CECs" in n.text and n.source == "wits-renewal" for n in wits.notes)
    assert ("wits-renewal", 2) in {(c.source, c.value) for c in wits.cycle_years}
    nfpt = [n.text for n in certs["nfpt-cpt"].exam.notes if n.source == "nfpt-exam-attempts"]
    assert nfpt == ["You can take the exam twice during your one-year eligibility period."]


@pytest.mark.parametrize(
    ("cert", "usd"),
    [
        ("ace-cpt", 675),
        ("ace-cpt", 945),
        ("acsm-gei", 219),
        ("nfpt-cpt", 250),
        ("nfpt-cpt", 119),
        ("nasm-cpt", 399),
        ("nasm-cpt", 99),
        ("nsca-cpt", 65),
        ("nsca-cscs", 90),
    ],
)
def test_the_stale_prices_are_marked(shipped: Catalog, cert: str, usd: float) -> None:
    record = shipped.certifications[cert]
    found = [p for p in (*record.price, *record.recertification.fee) if p.usd == usd]
    assert found and all(p.stale for p in found), (cert, usd)


def test_every_new_source_names_its_page_date_and_kind(shipped: Catalog) -> None:
    text = (Path(__file__).parents[1] / "data" / "sources.yaml").read_text(encoding="utf-8")
    appended = text.split("# --- Newer pages (data refresh)")[1]
    ids = re.findall(r"^  - id: (\S+)$", appended, flags=re.MULTILINE)
    assert len(ids) >= 20
    for source_id in ids:
        source = shipped.sources[source_id]
        assert source.url and source.url.startswith("http"), source_id
        assert source.kind in ("official", "third-party", "government"), source_id
        assert source.quotes, source_id
