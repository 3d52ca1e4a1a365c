"""Certifications: filters, sorting, prices, continuing education, the cost of holding
one, and where sources differ."""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fitcareer.model import Catalog, Certification, CeUnit, DeliveryKind, PassRate, Price


def accredited_by(cert: Certification, body_id: str) -> bool | None:
    """True when any source says so, False when the sources say not, None when they are
    silent."""
    verdict = None
    for a in cert.accreditation:
        if a.body == body_id:
            if a.accredited:
                return True
            verdict = False
    return verdict


ENTRY_KINDS = ("exam", "package")
"""Price kinds that buy the credential (proctoring and retake fees come on top; a
reinstatement is for someone who held it before)."""


def offered(cert: Certification) -> bool:
    """False when a source says new candidates can no longer earn it."""
    return not cert.withdrawn


def entry_prices(cert: Certification) -> list[float]:
    """Every known price of getting the credential (exam-only or package), low ends of ranges."""
    return [p.usd for p in cert.price if p.kind in ENTRY_KINDS]


def current_entry(cert: Certification) -> list[Price]:
    """The prices of getting the credential, leaving out those the data marks out of date
    when others are known."""
    entry = [p for p in cert.price if p.kind in ENTRY_KINDS]
    return [p for p in entry if not p.stale] or entry


def lowest_price(cert: Certification) -> float | None:
    """The cheapest known way in (a price marked out of date only when no other is
    known), or None when no price is known."""
    entry = lowest_entry(cert)
    return entry.usd if entry else None


def lowest_entry(cert: Certification) -> Price | None:
    """The price `lowest_price` rests on, so its date and caveats can travel with it."""
    return min(current_entry(cert), key=lambda p: p.usd, default=None)


def assumed_units(catalog: Catalog, cert: Certification) -> list[CeUnit]:
    """The unit conversions behind `hours_per_year` that no source states (conventions)."""
    org = catalog.organizations.get(cert.org)
    used = {e.unit for e in cert.recertification.education}
    return [u for u in (org.ce_units if org else ()) if u.convention and u.unit in used]


def hours_per_year(catalog: Catalog, cert: Certification) -> list[float]:
    """Continuing education in contact hours a year, one value per distinct rule.

    CEUs and CECs convert by the organization's own rate; a unit with no known rate
    gives no value (unknown), never a guessed one.
    """
    org = catalog.organizations.get(cert.org)
    rates = {u.unit: u.hours for u in org.ce_units} if org else {}
    values: list[float] = []
    for rule in cert.recertification.education:
        rate = 1.0 if rule.unit == "hours" else rates.get(rule.unit)
        if rate is None or rule.per_years <= 0:
            continue
        value = round(rule.amount * rate / rule.per_years, 2)
        if value not in values:
            values.append(value)
    return values


def latest_pass_rate(cert: Certification) -> float | None:
    """The pass rate for the most recent period published, or None."""
    rate = latest_rate(cert)
    return rate.percent if rate else None


def latest_rate(cert: Certification) -> PassRate | None:
    """The published pass rate `--sort pass-rate` ranks by: the most recent period."""
    return max(cert.pass_rate, key=lambda r: r.period, default=None)


def noted_conflict(values: Any) -> bool:
    """True when a source's note says the sources conflict though the values agree
    (e.g. both say CPR/AED is required but differ on when)."""
    return any("conflicts with" in (getattr(v, "note", None) or "").lower() for v in values)


@dataclass(slots=True)
class Filters:
    """What `fitcareer certs` filters on; None means no filter."""

    body: str | None = None
    org: str | None = None
    specialty: str | None = None
    role: str | None = None
    max_cost: float | None = None
    delivery: str | None = None
    years: int | None = None
    """With a budget, it holds for the cost over these years, not the entry price."""


FILTER_WORDS = {
    "body": "accreditation",
    "org": "organization",
    "specialty": "specialties",
    "role": "roles",
    "max_cost": "price",
    "delivery": "exam delivery",
}
"""How a left-out count names the unknown value."""


def filter_word(name: str, years: int | None = None) -> str:
    """How a left-out count names the unknown value; a budget over years names the cost."""
    if name == "max_cost" and years is not None:
        return f"cost over {years} years"
    return FILTER_WORDS[name]


def cost(cert: Certification, years: int | None = None) -> float | None:
    """What a budget and a ranking by cost compare: the lowest entry price, or with
    ``years`` the low end of the cost of holding the credential that long."""
    if years is None:
        return lowest_price(cert)
    total = holding(cert, years).total
    return total[0] if total else None


DELIVERY_WORDS: dict[str, tuple[str, ...]] = {
    "online": ("remote-proctor", "online-proctored", "at-home"),
    "centre": ("test-centre",),
    "center": ("test-centre",),
}
"""Words a person uses for how an exam is taken, and the delivery kinds each covers:
`online` is any proctored exam taken away from a test centre (an unproctored course
exam or a proctor by agreement is not)."""


def delivery_words() -> list[str]:
    """Every value `--delivery` takes: the plain words, then each kind."""
    return [*DELIVERY_WORDS, *typing.get_args(DeliveryKind)]


def delivery_kinds(word: str) -> tuple[str, ...] | None:
    """The delivery kinds a `--delivery` word covers, None for a word it does not know."""
    if word in DELIVERY_WORDS:
        return DELIVERY_WORDS[word]
    return (word,) if word in typing.get_args(DeliveryKind) else None


Test = Callable[[Certification], "bool | None"]


def checks(catalog: Catalog, f: Filters) -> list[tuple[str, Test]]:
    """Each active filter and its verdict on a certification: pass, fail, or unknown
    (None). Made once per selection, so a large catalog costs one call a filter each."""
    tests: list[tuple[str, Test]] = []
    if f.body is not None:
        tests.append(("body", functools.partial(accredited_by, body_id=f.body)))
    if f.org is not None:
        wanted = f.org.lower()

        def org(c: Certification) -> bool:
            known = catalog.organizations.get(c.org)
            words = [c.org, *((known.abbr, known.name) if known else ())]
            return any(wanted in w.lower() for w in words)

        tests.append(("org", org))
    if f.specialty is not None:
        word = f.specialty.lower()
        tests.append(
            (
                "specialty",
                lambda c: (
                    any(word in s.text.lower() for s in c.specialties) if c.specialties else None
                ),
            )
        )
    if f.role is not None:
        role = f.role
        tests.append(("role", lambda c: role in c.roles))
    if f.max_cost is not None:
        budget = f.max_cost
        years = f.years

        def within(c: Certification) -> bool | None:
            price = cost(c, years)
            return None if price is None else price <= budget

        tests.append(("max_cost", within))
    if f.delivery is not None:
        ways = set(delivery_kinds(f.delivery) or (f.delivery,))

        def delivery(c: Certification) -> bool | None:
            kinds = {d.value for d in c.exam.delivery}
            return bool(ways & kinds) if kinds else None

        tests.append(("delivery", delivery))
    return tests


@dataclass(slots=True)
class Selection:
    """Certifications that pass every filter, and how many were left out per unknown value."""

    certs: list[Certification]
    unknown: dict[tuple[str, ...], int]
    """Certifications left out only for unknown values, each counted once, by the
    filters whose value it lacks."""
    closed: list[Certification] = field(default_factory=list)
    """Certifications left out because new candidates can no longer earn them."""


def select(catalog: Catalog, f: Filters, buying: bool = False) -> Selection:
    """Certifications passing every filter. One with an unknown value (and no failing
    filter) is left out and counted under that filter, never passed silently.

    A question of what to buy (``buying``, or a budget) leaves out, and lists, the
    certifications no longer offered to new candidates, whatever their price says.
    """
    kept: list[Certification] = []
    unknown: dict[tuple[str, ...], int] = {}
    closed: list[Certification] = []
    buying = buying or f.max_cost is not None
    tests = checks(catalog, f)
    for cert in catalog.certifications.values():
        if buying and not offered(cert):
            if all(test(cert) is not False for _, test in tests):
                closed.append(cert)
            continue
        missing: tuple[str, ...] = ()
        for name, test in tests:
            verdict = test(cert)
            if verdict is None:
                missing += (name,)
            elif not verdict:
                break
        else:
            if missing:
                unknown[missing] = unknown.get(missing, 0) + 1
            else:
                kept.append(cert)
    return Selection(kept, unknown, closed)


SORTS = ("cost", "hours", "pass-rate")


def sort_key(
    catalog: Catalog, how: str, years: int | None = None
) -> Callable[[Certification], float | None]:
    """The value a sort orders by: `cost` (over ``years`` when given), CE hours a year,
    or latest pass rate."""
    if how == "cost":
        return functools.partial(cost, years=years)
    if how == "hours":
        return lambda c: min(hours_per_year(catalog, c), default=None)
    return latest_pass_rate


def ordered(
    catalog: Catalog, certs: list[Certification], how: str, years: int | None = None
) -> tuple[list[Certification], int]:
    """Sorted (cost and hours ascending, pass rate descending), unknowns last; returns
    the list and how many have an unknown value."""
    key = sort_key(catalog, how, years)
    keyed = [(key(c), c) for c in certs]
    known = [(k, c) for k, c in keyed if k is not None]
    unknown = [c for k, c in keyed if k is None]
    known.sort(key=lambda pair: pair[0], reverse=how == "pass-rate")
    return [c for _, c in known] + unknown, len(unknown)


Span = tuple[float, float]
"""A low-high range; equal ends when the value is exact."""


@dataclass(frozen=True, slots=True)
class Renewal:
    """What keeping a certification costs a year in renewal fees, and what it rests on."""

    per_year: Span | None
    """Fee per year, low-high; None when the fee or the cycle is unknown."""
    fees: tuple[Price, ...]
    """The renewal fees per cycle the data gives."""
    cycles: tuple[float, ...]
    """The renewal cycles in years the data gives."""
    missing: str | None
    """Why the yearly fee is unknown, when it is."""


def renewal(cert: Certification) -> Renewal:
    """A certification's renewal fee spread over its cycle (lifetime options left out).

    Where sources differ the range runs from the lowest fee over the longest cycle to the
    highest fee over the shortest cycle.
    """
    fees = tuple(p for p in cert.recertification.fee if p.kind == "renewal")
    cycles = tuple(f.value for f in cert.recertification.cycle_years if f.value > 0)
    missing = None
    if not fees:
        missing = "renewal fee unknown"
    elif not cycles:
        missing = "renewal cycle unknown"
    if missing:
        return Renewal(None, fees, cycles, missing)
    low = min(p.usd for p in fees) / max(cycles)
    high = max(p.usd_max or p.usd for p in fees) / min(cycles)
    return Renewal((low, high), fees, cycles, None)


@dataclass(slots=True)
class Holding:
    """What getting a credential and keeping it for some years costs, as a low-high range."""

    years: int
    entry: tuple[float, float] | None
    renewals: tuple[int, int]
    fee: tuple[float, float] | None
    total: tuple[float, float] | None
    missing: str | None
    """Why the total is unknown, when it is."""


HOLDING_ASSUMPTIONS = (
    "price: from the cheapest to the dearest listed exam or package price",
    "a renewal fee is paid at the end of every full renewal cycle within the period",
    "not included: continuing-education courses, CPR/AED classes, retakes, late fees, reinstatement, lifetime options, promotions",
)


def _span(prices: list[Price]) -> tuple[float, float] | None:
    if not prices:
        return None
    return min(p.usd for p in prices), max(p.usd_max or p.usd for p in prices)


def holding(cert: Certification, years: int) -> Holding:
    """Cost of getting a credential and keeping it for ``years`` years."""
    entry = _span([p for p in cert.price if p.kind in ENTRY_KINDS])
    terms = renewal(cert)
    fee = _span(list(terms.fees))
    cycles = terms.cycles
    renewals = (int(years // max(cycles)), int(years // min(cycles))) if cycles else (0, 0)
    missing = None
    if entry is None:
        missing = "price unknown"
    elif not cycles:
        missing = "renewal cycle unknown"
    elif renewals[1] and fee is None:
        missing = "renewal fee unknown"
    total = None
    if missing is None and entry is not None:
        low_fee, high_fee = fee or (0.0, 0.0)
        total = (entry[0] + renewals[0] * low_fee, entry[1] + renewals[1] * high_fee)
    return Holding(years, entry, renewals, fee, total, missing)


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def pass_score(mark: str) -> tuple[str, bool]:
    """The score a pass mark names and whether it is a percentage, so that `500 on
    200-800` and `scaled 500 (about 90 correct answers)` agree; a mark naming no number
    is its words."""
    found = _NUMBER.search(mark)
    words = " ".join(re.sub(r"[\W_]+", " ", mark.lower()).split())
    return (found.group(0) if found else words, "%" in mark)


Key = Callable[[Any], object]
"""What makes two facts about the same thing the same value."""


def _value(fact: Any) -> object:
    return fact.value


def _amount(price: Price) -> object:
    return (price.usd, price.usd_max)


def differ(values: Sequence[Any], key: Key = _value) -> bool:
    """The one rule for where sources differ: facts about the same thing give different
    values, or a source's note says they conflict though the values agree."""
    return len({key(v) for v in values}) > 1 or noted_conflict(values)


def fact_fields(cert: Certification) -> dict[str, tuple[Sequence[Any], Key]]:
    """Each field whose sources can differ: its facts and what makes two of them agree
    (a pass mark by the score it names, a rule by amount, unit and period)."""
    e, p, r = cert.exam, cert.prerequisites, cert.recertification
    return {
        "exam.questions": (e.questions, _value),
        "exam.scored": (e.scored, _value),
        "exam.unscored": (e.unscored, _value),
        "exam.minutes": (e.minutes, _value),
        "exam.pass_mark": (e.pass_mark, lambda f: pass_score(f.value)),
        "prerequisites.min_age": (p.min_age, _value),
        "prerequisites.high_school": (p.high_school, _value),
        "prerequisites.cpr_aed": (p.cpr_aed, _value),
        "prerequisites.degree": (p.degree, _value),
        "recertification.cycle_years": (r.cycle_years, _value),
        "recertification.education": (
            r.education,
            lambda x: (x.amount, x.unit, x.per_years),
        ),
    }


def price_conflicts(prices: Sequence[Price]) -> set[tuple[str, str | None]]:
    """The (kind, label) groups of prices whose sources differ on the amount."""
    groups: dict[tuple[str, str | None], list[Price]] = {}
    for p in prices:
        groups.setdefault((p.kind, p.label), []).append(p)
    return {k for k, group in groups.items() if differ(group, _amount)}


def conflicts(cert: Certification) -> list[str]:
    """Fields where sources give different values for the same thing: every view's
    `(sources differ)` comes from here."""
    found = [name for name, (values, key) in fact_fields(cert).items() if differ(values, key)]
    for name, prices in (("price", cert.price), ("recertification.fee", cert.recertification.fee)):
        if price_conflicts(prices):
            found.append(name)
    return found
