"""The shipped data states what the source articles and the fact sheet say.

Expected values here come from the four seed articles (seed-000 .. seed-003) and the
sourced fact sheet on certifications and BLS figures, not from the program's output.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SHIPPED, STEP_IDS, ok
from fitcareer.model import (
    Catalog,
    Certification,
    Figure,
    Occupation,
    Outlook,
    Role,
    Statement,
    WageTable,
)
from fitcareer.queries import certs as cert_q
from fitcareer.queries import roles as role_q
from fitcareer.queries.lookup import find_body, find_certification, find_role

ROLE_IDS = ("fitness-instructor", "personal-trainer", "group-fitness-instructor", "gym-manager")

# Article 003's list of the 14 NCCA-accredited certification programs, as it names them.
NCCA_14 = (
    "Academy of Applied Personal Training Education",
    "ACTION Certification",
    "American College of Sports Medicine",
    "American Council on Exercise",
    "International Fitness Professionals Association",
    "National Academy of Sports Medicine",
    "National Council for Certified Personal Trainers",
    "National Council on Strength and Fitness",
    "National Exercise and Sports Trainers Association",
    "National Exercise Trainers Association",
    "National Federation of Professional Trainers",
    "National Strength and Conditioning Association",
    "PTA Global",
    "World Instructor Training Schools",
)

# The organizations article 002 names as certifying organizations to consider.
ARTICLE_002_ORGS = ("ISSA", "NCSF", "ACE", "NASM")


def texts(statements: tuple[Statement, ...]) -> str:
    return " ".join(s.text for s in statements).lower()


def occupation_of(catalog: Catalog, role_id: str) -> Occupation:
    role = catalog.roles[role_id]
    assert role.occupation is not None, f"{role_id} has no occupation"
    return catalog.occupations[role.occupation]


def figures(catalog: Catalog, role_id: str) -> list[Figure]:
    """Every income figure that stands for a role: its occupation's and its own."""
    found = role_q.aspect(catalog, catalog.roles[role_id], "income")
    return [e.item for e in found if isinstance(e.item, Figure)]


def outlooks(catalog: Catalog, role_id: str) -> list[Outlook]:
    found = role_q.aspect(catalog, catalog.roles[role_id], "outlook")
    return [e.item for e in found if isinstance(e.item, Outlook)]


def org_named(catalog: Catalog, name: str) -> str:
    """The id of the organization a source names (by full name or abbreviation)."""
    wanted = name.lower()
    matches = [
        o.id for o in catalog.organizations.values() if wanted in (o.name.lower(), o.abbr.lower())
    ]
    assert len(matches) == 1, f"{name!r}: organizations matching {matches}"
    return matches[0]


def sourced(obj: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every object in the catalog that carries a `source`, with where it is."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if hasattr(obj, "source"):
            yield where, obj
        for f in dataclasses.fields(obj):
            yield from sourced(getattr(obj, f.name), f"{where}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from sourced(item, f"{where}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from sourced(item, f"{where}.{key}")


# --- Roles -------------------------------------------------------------------------------


def test_the_four_roles_exist(shipped: Catalog) -> None:
    assert set(ROLE_IDS) <= set(shipped.roles)
    for role_id in ROLE_IDS:
        role = shipped.roles[role_id]
        assert role.name.strip()
        assert role.summary.text.strip()


def test_instructor_is_usually_a_gym_employee(shipped: Catalog) -> None:
    role = shipped.roles["fitness-instructor"]
    employment = [s for s in role.employment + role.stability if s.source == "seed-000"]
    words = texts(tuple(employment))
    assert "employed by a gym" in words
    assert "employee rather than" in words and "self-employed" in words


def test_instructor_is_covered_by_the_gyms_insurance(shipped: Catalog) -> None:
    insurance = shipped.roles["fitness-instructor"].insurance
    covered = [s for s in insurance if "covered" in s.text.lower()]
    assert covered, "no statement that the gym's policy covers instructors"
    assert all(s.source == "seed-000" for s in covered)
    assert "gym" in texts(tuple(covered))


def test_trainer_is_usually_self_employed(shipped: Catalog) -> None:
    employment = shipped.roles["personal-trainer"].employment
    own = [s for s in employment if s.source == "seed-000"]
    assert own
    words = texts(tuple(own))
    assert "self-employed" in words and "freelance" in words


def test_trainer_buys_their_own_insurance(shipped: Catalog) -> None:
    insurance = shipped.roles["personal-trainer"].insurance
    own = [s for s in insurance if "own insurance" in s.text.lower()]
    assert own and all(s.source == "seed-000" for s in own)
    # ... and why it matters: liability when a client is injured.
    assert any("liable" in s.text.lower() and s.source == "seed-000" for s in insurance)


@pytest.mark.parametrize("role_id", ["fitness-instructor", "personal-trainer"])
def test_bls_2021_median_as_the_articles_report_it(shipped: Catalog, role_id: str) -> None:
    found = figures(shipped, role_id)
    yearly = [f for f in found if f.amount == 40700 and f.unit == "year"]
    hourly = [f for f in found if f.amount == 19.57 and f.unit == "hour"]
    assert yearly and hourly
    for f in yearly + hourly:
        assert f.date == "2021"
        assert f.secondary, "the articles report the BLS figure second-hand"
        assert f.source.startswith("seed-00")
        assert "median" in f.measure


@pytest.mark.parametrize("role_id", ["fitness-instructor", "personal-trainer"])
def test_bls_may_2022_median_from_the_bls_page(shipped: Catalog, role_id: str) -> None:
    found = figures(shipped, role_id)
    pairs = {(f.amount, f.unit): f for f in found if f.source == "bls-ooh-2022"}
    assert (45380, "year") in pairs and (21.82, "hour") in pairs
    for key in ((45380, "year"), (21.82, "hour")):
        f = pairs[key]
        assert f.date == "2022-05"
        assert not f.secondary, "the BLS page is the primary source"
    assert shipped.sources["bls-ooh-2022"].kind == "government"


def test_bls_may_2024_median_is_marked_secondary(shipped: Catalog) -> None:
    found = [f for f in figures(shipped, "personal-trainer") if f.amount == 46180]
    assert found
    for f in found:
        assert f.date == "2024-05"
        assert f.unit == "year"
        assert f.secondary
        assert not f.source.startswith("bls-")


def test_glassdoor_figure_is_on_personal_trainer_only(shipped: Catalog) -> None:
    glassdoor = [f for f in shipped.roles["personal-trainer"].income if f.amount == 51402]
    assert len(glassdoor) == 1
    f = glassdoor[0]
    assert f.date == "2023-01"
    assert f.unit == "year"
    assert f.secondary
    assert f.source == "seed-003"
    assert "glassdoor" in (f.scope + (f.note or "")).lower()
    assert all(f.amount != 51402 for f in shipped.roles["fitness-instructor"].income)
    occupation = occupation_of(shipped, "personal-trainer")
    assert all(f.amount != 51402 for f in occupation.income), "Glassdoor is not a BLS figure"


def test_trainers_generally_earn_more(shipped: Catalog) -> None:
    notes = texts(shipped.roles["personal-trainer"].income_notes)
    assert "earn more" in notes


def test_outlook_2021_2031_from_the_articles(shipped: Catalog) -> None:
    found = [o for o in outlooks(shipped, "personal-trainer") if o.period == "2021-2031"]
    assert found
    assert all(o.growth_percent == 19 for o in found)
    assert all(o.source.startswith("seed-00") and o.secondary for o in found)
    # Article 003 speaks of "new jobs every year", which are not BLS's openings (those
    # also count replacements): the figure stays in its words, not as openings a year.
    assert all(o.openings_per_year is None for o in found)
    said = [o.note or "" for o in found if o.source == "seed-003"]
    assert said == [
        "The article reports this as 'about 65,500 new jobs every year throughout the "
        "decade'; it does not call them openings."
    ]


def test_outlook_2022_2032_from_the_bls_page(shipped: Catalog) -> None:
    found = [o for o in outlooks(shipped, "fitness-instructor") if o.period == "2022-2032"]
    assert len(found) == 1
    o = found[0]
    assert o.growth_percent == 14
    assert o.openings_per_year == 69000
    assert o.source == "bls-ooh-2022"
    assert o.date


@pytest.mark.parametrize("role_id", ["fitness-instructor", "personal-trainer"])
def test_bls_occupation_is_one_for_trainers_and_instructors(shipped: Catalog, role_id: str) -> None:
    occupation = occupation_of(shipped, role_id)
    note = occupation.note.lower()
    assert "one occupation" in note
    assert "fitness trainers and instructors" in note
    assert (
        shipped.roles["fitness-instructor"].occupation
        == shipped.roles["personal-trainer"].occupation
    )
    # Every BLS figure stands for the whole occupation, and says so in its scope.
    for f in occupation.income:
        if "bls" in f.scope.lower() and "vermont" not in f.scope.lower():
            assert "all fitness trainers and instructors" in f.scope


def test_one_person_can_be_both(shipped: Catalog) -> None:
    combos = [
        c
        for c in shipped.combinations
        if set(c.roles) == {"fitness-instructor", "personal-trainer"}
    ]
    assert len(combos) == 1
    words = texts(combos[0].statements)
    assert "both" in words
    assert any(s.source == "seed-001" for s in combos[0].statements)


@pytest.mark.usefixtures("warm_cache")
def test_gym_manager_figures_are_for_the_broader_bls_occupation(shipped: Catalog) -> None:
    manager = shipped.roles["gym-manager"]
    assert manager.occupation is None, "BLS 39-9031 does not cover gym managers"
    broader = "entertainment and recreation managers in the US (BLS), a broader group"
    newest, older = manager.income
    assert (newest.amount, newest.unit, newest.measure) == (79520, "year", "median annual wage")
    assert (newest.source, newest.date) == ("bls-oews-2025", "2025-05")
    assert (older.amount, older.source, older.date) == (73460, "bls-ooh-erm-2023", "2023-05")
    for income in (newest, older):
        assert income.scope.startswith(broader)
        assert "BLS has no gym-manager occupation" in income.scope
    [outlook] = manager.outlook
    assert (outlook.period, outlook.growth_percent, outlook.openings_per_year) == (
        "2022-2032",
        8,
        3100,
    )
    assert outlook.source == "bls-ooh-erm-2023" and outlook.scope.startswith(broader)
    shown = ok("roles", "gym-manager")
    assert "$73,460 a year" in shown and "entertainment and recreation managers" in shown


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_role_has_a_sourced_summary_and_duties(shipped: Catalog, role_id: str) -> None:
    role: Role = shipped.roles[role_id]
    assert role.summary.source in shipped.sources
    assert role.duties, f"{role_id} has no duties"
    assert role.career_path, f"{role_id} has no career path"
    assert role.suits or role.unknown.get("suits"), f"{role_id}: suits, or why it is unknown"


@pytest.mark.parametrize("role_id", ["group-fitness-instructor", "gym-manager"])
def test_requirements_are_skills_not_choose_this_if(shipped: Catalog, role_id: str) -> None:
    # Article 003 says gym management "requires" these; they are not "choose this if" signals.
    role = shipped.roles[role_id]
    assert not any(s.source == "seed-003" for s in role.suits)
    if role_id == "gym-manager":
        assert role.suits == ()
        assert role.unknown["suits"].startswith("the articles give no 'choose this if' signals")
    assert all(s.source == "seed-003" for s in role.skills) and role.skills
    if role_id == "gym-manager":
        assert texts(role.skills).count("gym management requires") == 3


def test_one_on_one_trainer_is_personal_trainer(shipped: Catalog) -> None:
    assert find_role(shipped, "one-on-one trainer").id == "personal-trainer"
    assert find_role(shipped, "One-on-One Trainer").id == "personal-trainer"


# --- Every fact is sourced and dated ---------------------------------------------------------


UNSOURCED = [
    ".organizations.acsm.ce_units[0]",
    ".organizations.aapte.ce_units[0]",
    ".organizations.action.ce_units[0]",
]
"""The only facts without a source: CEC-to-hour conversions that no source of ACSM, AAPTE
or ACTION states, kept as conventions fitcareer assumes (and says so beside the hours)."""


def test_every_fact_names_an_existing_source_and_a_date(shipped: Catalog) -> None:
    checked = 0
    unsourced = []
    for where, fact in sourced(shipped):
        assert isinstance(fact.date, str) and fact.date, f"{where}: no date"
        if isinstance(fact, WageTable) and fact.file:
            # A table the user imported (`fitcareer wages import`) cites its file and address.
            assert fact.source is None and fact.url, where
            continue
        if fact.source is None:
            unsourced.append(where)
            assert getattr(fact, "convention", False) is True, where
            assert "fitcareer assumes" in (fact.note or ""), where
            continue
        assert fact.source in shipped.sources, f"{where}: unknown source {fact.source!r}"
        checked += 1
    assert unsourced == UNSOURCED
    assert checked > 300, "the walk found too few facts to be meaningful"


def test_seed_sources_point_at_the_four_articles(shipped: Catalog) -> None:
    files = {
        "seed-000": "000_6729abba14eb049e.txt",
        "seed-001": "001_b0b6413a2f437526.txt",
        "seed-002": "002_9a61b0b6b0f4d72b.txt",
        "seed-003": "003_e4d2a3195fb52b5b.txt",
    }
    for source_id, file in files.items():
        source = shipped.sources[source_id]
        assert source.kind == "article"
        assert source.file == file


# --- Certifications --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NCCA_14)
def test_each_of_the_14_ncca_programs_is_ncca_accredited(shipped: Catalog, name: str) -> None:
    org = org_named(shipped, name)
    certs = [
        c for c in shipped.certifications.values() if c.org == org and "personal-trainer" in c.roles
    ]
    assert certs, f"no personal-trainer certification from {name}"
    assert any(cert_q.accredited_by(c, "ncca") is True for c in certs), name


@pytest.mark.parametrize("abbr", ARTICLE_002_ORGS)
def test_article_002_organizations_are_present(shipped: Catalog, abbr: str) -> None:
    org = org_named(shipped, abbr)
    assert any(c.org == org for c in shipped.certifications.values())


def test_issa_exam_is_not_ncca_but_its_subsidiary_nccpt_is(shipped: Catalog) -> None:
    issa = shipped.certifications["issa-cpt"]
    nccpt = shipped.certifications["nccpt-cpt"]
    assert cert_q.accredited_by(issa, "ncca") is False
    assert cert_q.accredited_by(nccpt, "ncca") is True
    relations = shipped.organizations["nccpt"].relations
    assert [(r.kind, r.org) for r in relations] == [("subsidiary-of", "issa")]


def test_afaa_is_part_of_nasm(shipped: Catalog) -> None:
    relations = shipped.organizations["afaa"].relations
    assert [(r.kind, r.org) for r in relations] == [("part-of", "nasm")]


def test_accrediting_bodies(shipped: Catalog) -> None:
    assert {"ncca", "nbfe", "deac"} <= set(shipped.bodies)
    assert shipped.bodies["ncca"].name == "National Commission for Certifying Agencies"
    assert shipped.bodies["nbfe"].name == "National Board of Fitness Examiners"
    about = texts(shipped.bodies["ncca"].about)
    assert "employers prefer" in about
    assert "registry of exercise professionals" in about


@pytest.mark.parametrize(
    "spelling", ["NBFE", "NFBE", "nfbe", "National Board of Fitness Examiners"]
)
def test_nbfe_matches_the_articles_misspelling(shipped: Catalog, spelling: str) -> None:
    assert find_body(shipped, spelling).id == "nbfe"


def test_nasm_cpt_exam(shipped: Catalog) -> None:
    exam = shipped.certifications["nasm-cpt"].exam
    assert {f.value for f in exam.questions} == {120}
    assert {f.value for f in exam.scored} == {100}
    assert {f.value for f in exam.minutes} == {120}
    assert {d.value for d in exam.delivery} == {"remote-proctor", "test-centre"}


def test_nasm_cpt_price_and_recertification(shipped: Catalog) -> None:
    cert = shipped.certifications["nasm-cpt"]
    packages = sorted(p.usd for p in cert.price if p.kind == "package")
    assert packages == [999, 1199, 1499, 2099]
    assert {f.value for f in cert.recertification.cycle_years} == {2}
    assert cert_q.hours_per_year(shipped, cert) == [10.0]  # 2.0 CEUs = 20 h every 2 years


def test_ace_cpt_facts(shipped: Catalog) -> None:
    cert = shipped.certifications["ace-cpt"]
    assert {f.value for f in cert.exam.questions} == {150}
    assert {f.value for f in cert.exam.scored} == {125}
    assert {f.value for f in cert.exam.minutes} == {180}
    assert sorted(p.usd for p in cert.price if p.kind == "package") == [675, 745, 945]
    assert [r.percent for r in cert.pass_rate] == [65]


def test_nsca_cscs_is_present_and_needs_a_degree(shipped: Catalog) -> None:
    cscs = find_certification(shipped, "nsca-cscs")
    assert cscs.org == "nsca"
    assert {f.value for f in cscs.exam.questions} == {220}
    assert cscs.prerequisites.degree, "CSCS requires a bachelor's degree"
    assert "bachelor" in cscs.prerequisites.degree[0].value.lower()


def test_acsm_cpt_exam_time_conflict_is_kept(shipped: Catalog) -> None:
    cert = shipped.certifications["acsm-cpt"]
    minutes = {f.value: f.source for f in cert.exam.minutes}
    assert {150, 165, 180} <= set(minutes)
    assert len(set(minutes.values())) >= 3, "each value keeps its own source"
    assert "exam.minutes" in cert_q.conflicts(cert)


def test_nasm_renewal_fee_conflict_is_kept(shipped: Catalog) -> None:
    cert = shipped.certifications["nasm-cpt"]
    fees = {p.usd: p.source for p in cert.recertification.fee if p.kind == "renewal"}
    assert set(fees) == {99, 199}
    assert fees[99] != fees[199]
    assert "recertification.fee" in cert_q.conflicts(cert)


def test_issa_pass_mark_conflict_is_kept(shipped: Catalog) -> None:
    cert = shipped.certifications["issa-cpt"]
    marks = " | ".join(f.value for f in cert.exam.pass_mark)
    assert "75" in marks and "70" in marks
    assert "exam.pass_mark" in cert_q.conflicts(cert)


def test_unknown_prices_stay_unknown(shipped: Catalog) -> None:
    # The fact sheet found no price for these; none may be guessed.
    for cert_id in (
        "issa-cpt",
        "neta-cpt",
        "nesta-pft",
        "aapte-cpt-efs",
        "ifpa-cpft",
        "ptaglobal-cpt",
    ):
        cert = shipped.certifications[cert_id]
        assert cert_q.entry_prices(cert) == [], cert_id
        assert cert_q.lowest_price(cert) is None


def test_ce_units_made_comparable(shipped: Catalog) -> None:
    """1.0 CEU/CEC = 10 contact hours at NASM, ACE, ACTION and NFPT; 1 contact hour = 0.1
    CEU at NSCA; 1 CEC is about 1 hour at ACSM (fact sheet conventions)."""
    expected = {
        "nasm-cpt": 10.0,  # 2.0 CEU / 2 years
        "ace-cpt": 10.0,  # 2.0 CEC / 2 years
        "acsm-cpt": 15.0,  # 45 CEC / 3 years
        "nsca-cpt": 20.0,  # 6.0 CEU / 3 years
        "issa-cpt": 10.0,  # 20 hours / 2 years
        "action-cpt": 10.0,  # 2.0 CEC / 2 years
    }
    for cert_id, hours in expected.items():
        assert cert_q.hours_per_year(shipped, shipped.certifications[cert_id]) == [hours], cert_id


def test_eight_steps_in_order(shipped: Catalog) -> None:
    assert tuple(s.id for s in shipped.steps) == STEP_IDS
    assert [s.n for s in shipped.steps] == list(range(1, 9))
    for step in shipped.steps:
        assert step.title
        assert step.involves or step.facts


def test_step_facts_from_article_003(shipped: Catalog) -> None:
    steps = {s.id: texts(s.involves + s.facts) for s in shipped.steps}
    assert "$200" in steps["choose-program"] and "$2,000" in steps["choose-program"]
    assert "less than one year" in steps["choose-program"]
    assert "18" in steps["meet-prerequisites"]
    assert "ged" in steps["meet-prerequisites"]
    assert "cpr" in steps["meet-prerequisites"]
    assert "120 to 150" in steps["take-exam"]
    assert "proctor" in steps["take-exam"]
    assert "20-45 hours" in steps["continue-education"]
    assert "two to three years" in steps["continue-education"]
    assert "strength training" in steps["define-specialty"]
    assert "indeed" in steps["apply-for-jobs"]


def test_a_group_fitness_credential_prepares_for_the_group_role(shipped: Catalog) -> None:
    group: list[Certification] = [
        c for c in shipped.certifications.values() if "group-fitness-instructor" in c.roles
    ]
    ids = {c.id for c in group}
    assert "ace-gfi" in ids or "afaa-cgfi" in ids
    assert any(cert_q.accredited_by(c, "ncca") is True for c in group)


def test_certification_ids_start_with_their_organization(shipped: Catalog) -> None:
    for cert in shipped.certifications.values():
        assert cert.org in shipped.organizations, cert.id
        assert cert.id.startswith(cert.org + "-"), cert.id
        assert cert.id == cert.id.lower()
        for role in cert.roles:
            assert role in shipped.roles, f"{cert.id}: unknown role {role}"


def test_the_headline_pay_is_the_shipped_national_row(shipped: Catalog) -> None:
    """roles.yaml's May 2025 national figures are BLS's, as wages.json holds them."""
    national = json.loads((SHIPPED / "wages.json").read_text(encoding="utf-8"))["tables"][0]
    assert (national["release"], national["area_type"]) == ("May 2025", "national")
    named = [dict(zip(national["columns"], row, strict=True)) for row in national["rows"]]
    rows = {row["occupation"]: row for row in named}
    occupation = shipped.occupations["fitness-trainers-and-instructors"]
    said = {(f.measure, f.unit): f.amount for f in occupation.income if f.source == "bls-oews-2025"}
    fitness = rows["39-9031"]
    assert said == {
        ("median annual wage", "year"): fitness["annual.median"],
        ("median hourly wage", "hour"): fitness["hourly.median"],
        ("10th percentile annual wage", "year"): fitness["annual.p10"],
        ("90th percentile annual wage", "year"): fitness["annual.p90"],
    }
    managers = [f for f in shipped.roles["gym-manager"].income if f.source == "bls-oews-2025"]
    assert [f.amount for f in managers] == [rows["11-9072"]["annual.median"]]
