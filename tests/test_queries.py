"""The pure queries: unit tests on the shipped data, property tests on generated data."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitcareer.cli.certs import KINDS
from fitcareer.errors import UsageError
from fitcareer.model import (
    Accreditation,
    Catalog,
    Certification,
    ContinuingEducation,
    Delivery,
    Exam,
    Figure,
    NumFact,
    PassRate,
    Price,
    Recertification,
    Statement,
)
from fitcareer.queries import certs as cert_q
from fitcareer.queries import roles as role_q

# --- aspect_ids, aspect, credentials ----------------------------------------------------------


def test_aspect_ids_default_is_every_aspect_in_order() -> None:
    assert role_q.aspect_ids([]) == list(role_q.ASPECTS)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("income", "income"),
        ("Income", "income"),
        ("Training focus", "training-focus"),
        ("training_focus", "training-focus"),
        ("Employment type", "employment"),
        ("who it suits", "suits"),
        ("Choose this if", "suits"),
        ("job outlook", "outlook"),
        ("Stability and benefits", "stability"),
    ],
)
def test_aspect_ids_accept_ids_and_labels(typed: str, key: str) -> None:
    assert role_q.aspect_ids([typed]) == [key]


def test_aspect_ids_keep_order_and_drop_repeats() -> None:
    assert role_q.aspect_ids(["insurance", "income", "Insurance"]) == ["insurance", "income"]


def test_aspect_ids_refuse_unknown_names() -> None:
    with pytest.raises(UsageError) as caught:
        role_q.aspect_ids(["income", "salary"])
    assert caught.value.exit_code == 2
    assert "salary" in caught.value.message


def test_aspect_income_puts_occupation_figures_first(shipped: Catalog) -> None:
    trainer = shipped.roles["personal-trainer"]
    entries = role_q.aspect(shipped, trainer, "income")
    shared = [e for e in entries if e.occupation is not None]
    own = [e for e in entries if e.occupation is None]
    assert shared and own
    assert entries[: len(shared)] == shared
    assert all(e.occupation and e.occupation.id == trainer.occupation for e in shared)
    own_figures = [e.item for e in own if isinstance(e.item, Figure)]
    assert [f.amount for f in own_figures] == [51402]


def test_aspect_statements(shipped: Catalog) -> None:
    role = shipped.roles["fitness-instructor"]
    entries = role_q.aspect(shipped, role, "training-focus")
    assert [e.item for e in entries] == list(role.training_focus)
    assert all(isinstance(e.item, Statement) for e in entries)


@pytest.mark.parametrize("key", list(role_q.ASPECTS))
def test_every_aspect_is_answerable_for_every_role(shipped: Catalog, key: str) -> None:
    for role in shipped.roles.values():
        for entry in role_q.aspect(shipped, role, key):
            assert entry.item.source in shipped.sources, (role.id, key)
            assert entry.item.date, (role.id, key)


def test_credentials(shipped: Catalog) -> None:
    group = {c.id for c in role_q.credentials(shipped, shipped.roles["group-fitness-instructor"])}
    assert "ace-gfi" in group
    assert "nasm-cpt" not in group
    trainer = {c.id for c in role_q.credentials(shipped, shipped.roles["personal-trainer"])}
    assert {"nasm-cpt", "ace-cpt", "nsca-cscs", "issa-cpt"} <= trainer
    assert role_q.credentials(shipped, shipped.roles["gym-manager"]) == []


# --- accredited_by, prices, hours ---------------------------------------------------------------


def test_accredited_by(shipped: Catalog) -> None:
    certs = shipped.certifications
    assert cert_q.accredited_by(certs["nasm-cpt"], "ncca") is True
    assert cert_q.accredited_by(certs["issa-cpt"], "ncca") is False
    assert cert_q.accredited_by(certs["issa-cpt"], "nbfe") is True
    assert cert_q.accredited_by(certs["nasm-cpt"], "nbfe") is None
    assert cert_q.accredited_by(certs["acsm-gei"], "ncca") is None


def test_entry_prices_leave_out_proctoring_and_retakes(shipped: Catalog) -> None:
    certs = shipped.certifications
    # NCCPT: only the $79 proctoring fee is known, not the exam price.
    assert cert_q.entry_prices(certs["nccpt-cpt"]) == []
    assert cert_q.lowest_price(certs["nccpt-cpt"]) is None
    # ACTION: only the $99 proctoring fee.
    assert cert_q.lowest_price(certs["action-cpt"]) is None
    # ACSM: $175 retake does not count; $279 is marked out of date by a newer $310, the
    # cheapest way in; the range still spans both.
    assert cert_q.lowest_price(certs["acsm-cpt"]) == 310
    assert min(cert_q.entry_prices(certs["acsm-cpt"])) == 279
    assert cert_q.lowest_price(certs["nasm-cpt"]) == 999
    # ACE: $199 is for the formerly ACE-certified (a reinstatement), not a way in.
    assert cert_q.lowest_price(certs["ace-cpt"]) == 499
    assert 199 not in cert_q.entry_prices(certs["ace-cpt"])
    # ACSM-GEI: only out-of-date prices are known, so the cheapest of them stands.
    assert cert_q.lowest_price(certs["acsm-gei"]) == 219


def test_hours_per_year_unknown_without_a_conversion(shipped: Catalog) -> None:
    # NCCPT asks for 2.0 CEUs every 2 years; no source gives the hours in its CEU.
    nccpt = shipped.certifications["nccpt-cpt"]
    assert [(e.amount, e.unit) for e in nccpt.recertification.education] == [(2.0, "CEU")]
    assert cert_q.hours_per_year(shipped, nccpt) == []
    # NCSF says 1 CEU is two hours: 10 CEUs every 2 years is 10 hours a year.
    assert cert_q.hours_per_year(shipped, shipped.certifications["ncsf-cpt"]) == [10.0]


def test_hours_per_year_keeps_conflicting_rules(shipped: Catalog) -> None:
    # AAPTE: 15 CECs / 2 years (aapte.org) vs 20 CECs / 2 years (a course provider).
    assert sorted(cert_q.hours_per_year(shipped, shipped.certifications["aapte-cpt-efs"])) == [
        7.5,
        10.0,
    ]


def test_hours_per_year_nfpt(shipped: Catalog) -> None:
    # 2.0 CECs every year; nfpt.com: "Each learning hour equals 0.2 CEC" (5 hours a CEC).
    assert cert_q.hours_per_year(shipped, shipped.certifications["nfpt-cpt"]) == [10.0]


def test_latest_pass_rate(shipped: Catalog) -> None:
    certs = shipped.certifications
    assert cert_q.latest_pass_rate(certs["acsm-cpt"]) == 55  # 2014, the latest of 2012-2014
    assert cert_q.latest_pass_rate(certs["nsca-cscs"]) == 50  # 2025 over 41 % in 2024
    assert cert_q.latest_pass_rate(certs["issa-cpt"]) is None


# --- select on the shipped data ---------------------------------------------------------------


def test_select_without_filters_keeps_everything(shipped: Catalog) -> None:
    chosen = cert_q.select(shipped, cert_q.Filters())
    assert chosen.certs == list(shipped.certifications.values())
    assert chosen.unknown == {}


def test_select_counts_unknown_accreditation(shipped: Catalog) -> None:
    chosen = cert_q.select(shipped, cert_q.Filters(body="ncca"))
    unknown = [c for c in shipped.certifications.values() if not c.accreditation]
    assert chosen.unknown == {("body",): len(unknown)}
    assert all(c not in chosen.certs for c in unknown)


def test_select_does_not_count_an_unknown_when_another_filter_fails(shipped: Catalog) -> None:
    # acsm-gei: accreditation unknown, but it is not an ACE credential either.
    chosen = cert_q.select(shipped, cert_q.Filters(body="ncca", org="ace"))
    assert chosen.unknown == {}
    assert {c.org for c in chosen.certs} == {"ace"}


# --- holding and conflicts on the shipped data ------------------------------------------------


def test_holding_nasm(shipped: Catalog) -> None:
    h = cert_q.holding(shipped.certifications["nasm-cpt"], 6)
    assert h.entry == (999, 2099)
    assert h.fee == (99, 199)
    assert h.renewals == (3, 3)
    assert h.total == (1296, 2696)
    assert h.missing is None


def test_holding_leaves_out_the_lifetime_option(shipped: Catalog) -> None:
    # NASM's one-time $399 "Recertify for Life" is not a per-cycle fee.
    h = cert_q.holding(shipped.certifications["nasm-cpt"], 2)
    assert h.fee is not None and 399 not in h.fee


@pytest.mark.parametrize(("years", "total"), [(1, 335), (2, 420), (5, 675)])
def test_holding_nfpt_renews_yearly(shipped: Catalog, years: int, total: int) -> None:
    # NFPT: a $250 exam and an $85 renewal every year: 250 + 85 = 335, 250 + 170 = 420, ...
    h = cert_q.holding(shipped.certifications["nfpt-cpt"], years)
    assert h.total == (total, total)


@pytest.mark.parametrize(
    ("cert_id", "years", "missing"),
    [
        ("ace-gfi", 2, "renewal fee unknown"),
        ("nccpt-cpt", 2, "price unknown"),
        ("ifpa-cpft", 1, "price unknown"),
        ("wits-cpt", 2, "renewal fee unknown"),
    ],
)
def test_holding_unknown(shipped: Catalog, cert_id: str, years: int, missing: str) -> None:
    h = cert_q.holding(shipped.certifications[cert_id], years)
    assert h.total is None
    assert h.missing == missing


def test_holding_without_a_renewal_due_needs_no_fee(shipped: Catalog) -> None:
    # ACE-GFI: $249 exam, renews every 2 years, fee unknown: one year costs the exam alone.
    h = cert_q.holding(shipped.certifications["ace-gfi"], 1)
    assert h.total == (249, 249)
    assert h.renewals == (0, 0)


def test_conflicts(shipped: Catalog) -> None:
    certs = shipped.certifications
    assert cert_q.conflicts(certs["nasm-cpt"]) == ["recertification.fee"]
    assert {"exam.minutes", "exam.questions", "price", "recertification.fee"} <= set(
        cert_q.conflicts(certs["acsm-cpt"])
    )
    # PTA Global: NASM's page settles continuing education at 20 hours; the fee still differs.
    assert "recertification.education" not in cert_q.conflicts(certs["ptaglobal-cpt"])
    assert "recertification.fee" in cert_q.conflicts(certs["ptaglobal-cpt"])
    # ACSM: two versions of its page give $165 and $225 to reinstate.
    assert {p.usd for p in certs["acsm-cpt"].recertification.fee if p.kind == "reinstatement"} == {
        165,
        225,
    }
    assert "price" in cert_q.conflicts(certs["wits-cpt"])
    assert cert_q.conflicts(certs["nsca-cpt"]) == []


def test_conflicts_ignore_repeated_agreeing_sources(shipped: Catalog) -> None:
    # ACE-CPT: two sources both say 150 questions, 125 scored.
    conflicts = cert_q.conflicts(shipped.certifications["ace-cpt"])
    assert "exam.questions" not in conflicts and "exam.scored" not in conflicts


# --- Property tests on generated certifications ------------------------------------------------

BODIES = ("ncca", "nbfe", "deac")
ORGS = ("nasm", "ace", "acsm", "issa")
ROLES = ("personal-trainer", "fitness-instructor", "group-fitness-instructor")
PRICE_KINDS = ("exam", "package", "proctoring", "retake")
SPECIALTIES = ("Strength training", "Group fitness", "Nutrition coach", "Corrective exercise")
S: dict[str, Any] = {"source": "seed-003", "date": "undated"}

money = st.integers(min_value=0, max_value=3000).map(float)


def make_price(usd: float, extra: int | None, kind: str) -> Price:
    return Price(usd=usd, kind=kind, usd_max=None if extra is None else usd + extra, **S)  # type: ignore[arg-type]


def price_list(kinds: tuple[str, ...], size: int) -> st.SearchStrategy[list[Price]]:
    one = st.builds(
        make_price,
        usd=money,
        extra=st.none() | st.integers(min_value=0, max_value=1000),
        kind=st.sampled_from(kinds),
    )
    return st.lists(one, max_size=size)


def fact(value: Any) -> dict[str, Any]:
    return {"value": value, **S}


accreditations = st.lists(
    st.builds(
        lambda body, ok: Accreditation(body=body, accredited=ok, **S),
        st.sampled_from(BODIES),
        st.booleans(),
    ),
    max_size=3,
)
deliveries = st.lists(
    st.builds(lambda kind: Delivery(**fact(kind)), st.sampled_from(KINDS)), max_size=3
)
cycles = st.lists(
    st.builds(lambda years: NumFact(**fact(years)), st.sampled_from([1.0, 2.0, 3.0, 4.0])),
    max_size=2,
)
rules = st.lists(
    st.builds(
        lambda amount, unit, per: ContinuingEducation(amount=amount, unit=unit, per_years=per, **S),
        st.sampled_from([2.0, 10.0, 20.0, 45.0]),
        st.sampled_from(["CEU", "CEC", "hours"]),
        st.sampled_from([1.0, 2.0, 3.0]),
    ),
    max_size=2,
)
pass_rates = st.lists(
    st.builds(
        lambda percent, period: PassRate(percent=percent, period=period, **S),
        st.integers(0, 100).map(float),
        st.sampled_from(["2012", "2018", "2023"]),
    ),
    max_size=2,
)
specialties = st.lists(st.sampled_from(SPECIALTIES), max_size=2, unique=True)


def make_certification(
    org: str,
    roles: list[str],
    accreditation: list[Accreditation],
    delivery: list[Delivery],
    price: list[Price],
    pass_rate: list[PassRate],
    cycle_years: list[NumFact[float]],
    education: list[ContinuingEducation],
    fee: list[Price],
    specialties: list[str],
) -> Certification:
    return Certification(
        id=f"{org}-x",  # made unique by `catalog_of`
        abbr="X",
        credential="X",
        org=org,
        roles=tuple(roles),
        accreditation=tuple(accreditation),
        exam=Exam(delivery=tuple(delivery)),
        price=tuple(price),
        pass_rate=tuple(pass_rate),
        recertification=Recertification(
            cycle_years=tuple(cycle_years), education=tuple(education), fee=tuple(fee)
        ),
        specialties=tuple(Statement(text=t, **S) for t in specialties),
    )


certifications = st.builds(
    make_certification,
    org=st.sampled_from(ORGS),
    roles=st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True),
    accreditation=accreditations,
    delivery=deliveries,
    price=price_list(PRICE_KINDS, 4),
    pass_rate=pass_rates,
    cycle_years=cycles,
    education=rules,
    fee=price_list(("renewal", "lifetime-renewal"), 3),
    specialties=specialties,
)
catalog_certs = st.lists(certifications, max_size=6)


def catalog_of(base: Catalog, certs: list[Certification]) -> Catalog:
    unique = [dataclasses.replace(c, id=f"{c.org}-c{i}") for i, c in enumerate(certs)]
    return dataclasses.replace(base, certifications={c.id: c for c in unique})


filters = st.builds(
    cert_q.Filters,
    body=st.none() | st.sampled_from(BODIES),
    org=st.none() | st.sampled_from(["nasm", "ACE", "sports medicine", "zzz", "a"]),
    specialty=st.none() | st.sampled_from(["strength", "GROUP", "coach", "yoga"]),
    role=st.none() | st.sampled_from(ROLES),
    max_cost=st.none() | money,
    delivery=st.none() | st.sampled_from(KINDS),
)

FIELDS = [f.name for f in dataclasses.fields(cert_q.Filters)]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ids(certs: list[Certification]) -> list[str]:
    return [c.id for c in certs]


@PROPERTY
@given(certs=catalog_certs, f=filters)
def test_select_returns_a_subset_in_catalog_order(
    shipped: Catalog, certs: list[Certification], f: cert_q.Filters
) -> None:
    catalog = catalog_of(shipped, certs)
    chosen = ids(cert_q.select(catalog, f).certs)
    assert chosen == [i for i in catalog.certifications if i in set(chosen)]


@PROPERTY
@given(certs=catalog_certs, f=filters, data=st.data())
def test_select_filters_combine_as_an_intersection(
    shipped: Catalog, certs: list[Certification], f: cert_q.Filters, data: st.DataObject
) -> None:
    catalog = catalog_of(shipped, certs)
    active = [name for name in FIELDS if getattr(f, name) is not None]
    first = set(data.draw(st.sets(st.sampled_from(active)) if active else st.just(set())))
    left = cert_q.Filters(**{n: getattr(f, n) for n in active if n in first})
    right = cert_q.Filters(**{n: getattr(f, n) for n in active if n not in first})
    both = set(ids(cert_q.select(catalog, f).certs))
    assert both == set(ids(cert_q.select(catalog, left).certs)) & set(
        ids(cert_q.select(catalog, right).certs)
    )


@PROPERTY
@given(certs=catalog_certs, f=filters)
def test_select_is_idempotent(
    shipped: Catalog, certs: list[Certification], f: cert_q.Filters
) -> None:
    catalog = catalog_of(shipped, certs)
    once = cert_q.select(catalog, f).certs
    again = cert_q.select(dataclasses.replace(catalog, certifications={c.id: c for c in once}), f)
    assert again.certs == once
    assert again.unknown == {}, "what passed once had no unknown value"


@PROPERTY
@given(certs=catalog_certs, f=filters)
def test_an_unknown_value_never_passes_its_filter(
    shipped: Catalog, certs: list[Certification], f: cert_q.Filters
) -> None:
    catalog = catalog_of(shipped, certs)
    for cert in cert_q.select(catalog, f).certs:
        if f.body is not None:
            assert any(a.body == f.body and a.accredited for a in cert.accreditation)
        if f.max_cost is not None:
            entry = [p.usd for p in cert.price if p.kind in ("exam", "package")]
            assert entry and min(entry) <= f.max_cost
        if f.specialty is not None:
            assert any(f.specialty.lower() in s.text.lower() for s in cert.specialties)
        if f.delivery is not None:
            assert f.delivery in {d.value for d in cert.exam.delivery}
        if f.role is not None:
            assert f.role in cert.roles


@PROPERTY
@given(certs=catalog_certs, cost=money)
def test_unknown_prices_are_counted_not_passed(
    shipped: Catalog, certs: list[Certification], cost: float
) -> None:
    catalog = catalog_of(shipped, certs)
    chosen = cert_q.select(catalog, cert_q.Filters(max_cost=cost))
    # No price is known when no price is an exam's or a package's (a proctoring fee or a
    # retake alone buys no credential).
    unpriced = [c for c in catalog.certifications.values() if not entry_kinds(c)]
    assert chosen.unknown.get(("max_cost",), 0) == len(unpriced)
    assert not set(ids(unpriced)) & set(ids(chosen.certs))


@PROPERTY
@given(
    certs=catalog_certs,
    body=st.sampled_from(BODIES),
    delivery=st.sampled_from(KINDS),
)
def test_a_single_filter_counts_each_unknown_value(
    shipped: Catalog, certs: list[Certification], body: str, delivery: str
) -> None:
    """With one filter, the left-out count is the number of certifications whose value is unknown."""
    catalog = catalog_of(shipped, certs)

    def no_verdict(cert: Certification) -> bool:
        return not any(a.body == body for a in cert.accreditation)

    def no_delivery(cert: Certification) -> bool:
        return not cert.exam.delivery

    cases: list[tuple[cert_q.Filters, str, Callable[[Certification], bool]]] = [
        (cert_q.Filters(body=body), "body", no_verdict),
        (cert_q.Filters(delivery=delivery), "delivery", no_delivery),
    ]
    for f, name, unknown in cases:
        chosen = cert_q.select(catalog, f)
        expected = sum(unknown(c) for c in catalog.certifications.values())
        assert chosen.unknown.get((name,), 0) == expected


def entry_kinds(cert: Certification) -> set[str]:
    """The kinds of price that buy the credential that the certification has."""
    kinds: set[str] = {p.kind for p in cert.price}
    return kinds & {"exam", "package"}


KNOWN: dict[str, Callable[[Certification], bool]] = {
    "cost": lambda c: bool(entry_kinds(c)),
    "pass-rate": lambda c: bool(c.pass_rate),
}
"""Whether a certification has a value to sort by, from the data alone (hours depend on
the organization's unit rates: the worked example covers them)."""


def worked(
    name: str,
    price: tuple[tuple[float, int | None, str], ...] = (),
    rates: tuple[tuple[float, str], ...] = (),
    education: tuple[tuple[float, str, float], ...] = (),
    org: str = "nasm",
) -> Certification:
    """A certification named ``name`` with these prices (usd, extra, kind), pass rates
    (percent, period) and rules (amount, unit, per years)."""
    cert = make_certification(
        org=org,
        roles=[ROLES[0]],
        accreditation=[],
        delivery=[],
        price=[make_price(*p) for p in price],
        pass_rate=[PassRate(percent=pct, period=period, **S) for pct, period in rates],
        cycle_years=[],
        education=[
            ContinuingEducation(amount=a, unit=u, per_years=y, **S)  # type: ignore[arg-type]
            for a, u, y in education
        ],
        fee=[],
        specialties=[],
    )
    return dataclasses.replace(cert, id=name)


ORDERS = {
    "cost": (
        [
            worked("proctoring-only", price=((50.0, None, "proctoring"),)),
            worked("exam-300", price=((300.0, None, "exam"),)),
            worked("no-price"),
            worked("retake-and-exam-300", price=((10.0, None, "retake"), (300.0, None, "exam"))),
            worked("package-150", price=((150.0, None, "package"), (500.0, None, "exam"))),
            worked("exam-200-to-900", price=((200.0, 700, "exam"),)),
        ],
        # $150, $200 (a range's low end), $300 twice in the order given; then the two
        # with no exam or package price, in the order given.
        ["package-150", "exam-200-to-900", "exam-300", "retake-and-exam-300"],
        ["proctoring-only", "no-price"],
    ),
    "hours": (
        [
            worked("hours-20-a-year", education=((20.0, "hours", 1.0),)),
            worked("unit-without-a-rate", education=((10.0, "CEC", 2.0),), org="issa"),
            worked("15-or-20-a-year", education=((45.0, "hours", 3.0), (2.0, "CEU", 1.0))),
            worked("no-rule"),
            worked("ceu-10-a-year", education=((2.0, "CEU", 2.0),)),
        ],
        # NASM counts 10 hours a CEU: 2 CEUs in 2 years are 10 hours a year; 45 hours in
        # 3 years (15) beside 2 CEUs a year (20) sort by the lesser; ISSA has no rate.
        ["ceu-10-a-year", "15-or-20-a-year", "hours-20-a-year"],
        ["unit-without-a-rate", "no-rule"],
    ),
    "pass-rate": (
        [
            worked("latest-40", rates=((90.0, "2012"), (40.0, "2023"))),
            worked("no-rate"),
            worked("only-60", rates=((60.0, "2018"),)),
            worked("latest-75", rates=((75.0, "2023"), (20.0, "2012"))),
        ],
        # Highest first, each by its most recent period (not its best).
        ["latest-75", "only-60", "latest-40"],
        ["no-rate"],
    ),
}
"""Certifications as given, then their order by hand: those with a value, then those
without one."""


@pytest.mark.parametrize("how", cert_q.SORTS)
def test_ordered_worked_examples(shipped: Catalog, how: str) -> None:
    given, known, unknown = ORDERS[how]
    catalog = catalog_of(shipped, [])
    result, count = cert_q.ordered(catalog, given, how)
    assert ids(result) == known + unknown
    assert count == len(unknown)


@PROPERTY
@given(certs=st.lists(certifications, max_size=10), how=st.sampled_from(cert_q.SORTS))
def test_ordered_keeps_every_item_and_puts_unknowns_last(
    shipped: Catalog, certs: list[Certification], how: str
) -> None:
    catalog = catalog_of(shipped, certs)
    items = list(catalog.certifications.values())
    result, unknown = cert_q.ordered(catalog, items, how)
    assert sorted(ids(result)) == sorted(ids(items))
    assert 0 <= unknown <= len(items)
    if how in KNOWN:
        without = [c.id for c in items if not KNOWN[how](c)]
        assert unknown == len(without)
        assert ids(result)[len(items) - unknown :] == without, "unknowns come last, as given"
    again, still = cert_q.ordered(catalog, result, how)
    assert again == result and still == unknown, "ordering an ordered list changes nothing"


@PROPERTY
@given(cert=certifications, years=st.integers(1, 60), more=st.integers(0, 40))
def test_holding_total_never_falls_as_years_grow(
    cert: Certification, years: int, more: int
) -> None:
    shorter = cert_q.holding(cert, years)
    longer = cert_q.holding(cert, years + more)
    if longer.total is not None:
        assert shorter.total is not None
        assert shorter.total[0] <= longer.total[0]
        assert shorter.total[1] <= longer.total[1]
    for h in (shorter, longer):
        if h.total is not None:
            assert h.total[0] <= h.total[1]
            assert h.entry is not None and h.total[0] >= h.entry[0]
        else:
            assert h.missing


@pytest.mark.parametrize(
    ("cycles", "fees", "years", "renewals", "total"),
    [
        ([2.0], [99.0], 6, (3, 3), (797.0, 1097.0)),
        ([2.0], [99.0], 5, (2, 2), (698.0, 998.0)),
        ([2.0, 3.0], [99.0, 199.0], 6, (2, 3), (698.0, 1397.0)),
        ([4.0], [99.0], 3, (0, 0), (500.0, 800.0)),
    ],
)
def test_holding_worked_examples(
    cycles: list[float],
    fees: list[float],
    years: int,
    renewals: tuple[int, int],
    total: tuple[float, float],
) -> None:
    """A $500-$800 exam, renewed every cycle for a fee: the cost over the years, by hand."""
    cert = make_certification(
        org=ORGS[0],
        roles=[ROLES[0]],
        accreditation=[],
        delivery=[],
        price=[make_price(500.0, 300, "exam")],
        pass_rate=[],
        cycle_years=[NumFact(**fact(c)) for c in cycles],
        education=[],
        fee=[make_price(f, None, "renewal") for f in fees],
        specialties=[],
    )
    h = cert_q.holding(cert, years)
    assert h.renewals == renewals
    assert h.total == total


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("500 on 200-800", "scaled 500 (about 90 correct answers)", True),
        ("scaled 70 on each section", "scaled 70 on each section", True),
        ("75 % on all sections", "70 %", False),
        ("70 %", "scaled 70", False),
        ("scaled 550 on 800", "scaled 500 on 800", False),
        ("pass/fail", "Pass / Fail", True),
    ],
)
def test_pass_marks_agree_when_they_name_the_same_score(
    first: str, second: str, same: bool
) -> None:
    assert (cert_q.pass_score(first) == cert_q.pass_score(second)) is same


def test_ace_pass_mark_is_not_a_conflict(shipped: Catalog) -> None:
    for cert_id in ("ace-cpt", "ace-gfi"):
        assert "exam.pass_mark" not in cert_q.conflicts(shipped.certifications[cert_id])


@PROPERTY
@given(certs=catalog_certs, f=filters)
def test_each_certification_left_out_for_unknowns_is_counted_once(
    shipped: Catalog, certs: list[Certification], f: cert_q.Filters
) -> None:
    catalog = catalog_of(shipped, certs)
    chosen = cert_q.select(catalog, f)
    tests = cert_q.checks(catalog, f)
    verdicts = [{name: t(c) for name, t in tests} for c in catalog.certifications.values()]
    undecided = [v for v in verdicts if False not in v.values() and None in v.values()]
    assert sum(chosen.unknown.values()) == len(undecided)
    for names in chosen.unknown:
        assert names and all(n in cert_q.FILTER_WORDS for n in names)
