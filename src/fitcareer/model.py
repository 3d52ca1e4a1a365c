"""The schema of fitcareer's data files, defined once.

The models are stdlib dataclasses, treated as read-only. pydantic validates them (through
``__pydantic_config__``) when YAML is loaded, while a run served from the cache
builds them from the cached field values and never builds a validator (about 0.1 s a
file), which keeps start-up fast. They are not
``frozen``: that doubles the cost of defining them, paid on every run.

Every fact carries the ``source`` it comes from (an id in ``sources.yaml``) and the
``date`` it is for. A measurable fact is a tuple of sourced values: an empty tuple
means the sources are silent (unknown); several differing values are a conflict
between sources, kept side by side.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from sys import intern
from typing import Annotated, Any, Generic, Literal, TypeVar


class Rule:
    """Constraints applied to a leaf type's pydantic core schema.

    Leaves are strict (``"2021"`` is not an integer, ``1`` is not ``true``), yet nested
    dataclasses still validate from plain mappings, which pydantic's model-wide strict
    mode would refuse.
    """

    def __init__(self, **constraints: Any) -> None:
        self.constraints = {"strict": True, **constraints}

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema


class Record:
    """Base of every model: equality, repr and pickling defined once, by field values.

    The dataclass decorator would generate ``__eq__`` and ``__repr__`` for each model
    at import, which is most of the cost of defining them. A record is pickled as its
    class and field values, rebuilt by ``__init__``: about twice as fast to load as
    pickle's default for slotted classes (a dict of field values per object). Text is
    interned, so that a value repeated across the data is stored, and rebuilt, once.
    """

    __slots__ = ()

    def _names(self) -> tuple[str, ...]:
        names: tuple[str, ...] = type(self).__slots__
        return names

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._names())
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        kind: type = type(self)
        return kind, tuple([intern(v) if v.__class__ is str else v for v in _fields(kind)(self)])


@functools.cache
def _fields(kind: type) -> Callable[[Record], tuple[Any, ...]]:
    """Reads a record's field values in C (`attrgetter`): pickling a large catalog makes
    one call per record."""
    names: tuple[str, ...] = getattr(kind, "__slots__", ())
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda record: (one(record),)
    return operator.attrgetter(*names)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|undated)$"
KEY_PATTERN = r"^[a-z][a-z0-9-]+$"

Id = Annotated[str, Rule(pattern=ID_PATTERN)]
Key = Annotated[str, Rule(pattern=KEY_PATTERN)]
DateText = Annotated[str, Rule(pattern=DATE_PATTERN)]
Text = Annotated[str, Rule(min_length=1)]
Num = Annotated[float, Rule(ge=-1_000_000, le=1_000_000)]
Money = Annotated[float, Rule(ge=0, le=1_000_000)]
"""US dollars: a price, a budget or an income figure."""
Count = Annotated[int, Rule(ge=0, le=1_000_000_000)]
"""People or openings."""
Whole = Annotated[int, Rule(ge=0, le=10_000)]
"""Questions on an exam."""
Minutes = Annotated[int, Rule(ge=0, le=10_000)]
Age = Annotated[int, Rule(ge=0, le=120)]
Years = Annotated[float, Rule(ge=0.1, le=100)]
"""A renewal cycle or the period continuing education is due in."""
Units = Annotated[float, Rule(ge=0, le=10_000)]
"""Continuing-education hours or units."""
Weight = Annotated[float, Rule(ge=-100, le=100)]
"""Points a quiz answer gives a role."""
Percent = Annotated[float, Rule(ge=0, le=100)]
Growth = Annotated[float, Rule(ge=-100, le=1_000)]
"""Employment growth over a projection period, in percent."""
Flag = Annotated[bool, Rule()]

CONFIG: Any = {"extra": "forbid", "use_attribute_docstrings": True}


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Source(Record):
    """A document that facts in the data cite."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable id that facts use in their `source` field."""
    title: Text
    """Title of the page, article or document."""
    kind: Literal["article", "official", "third-party", "government"]
    """article: one of the four source articles; official: the certifying organization's own page; government: a public agency; third-party: anyone else."""
    date: DateText
    """The date the document states (YYYY, YYYY-MM or YYYY-MM-DD), or `undated`."""
    publisher: Text | None = None
    """Who publishes it."""
    url: Text | None = None
    """Web address, where one is known."""
    file: Text | None = None
    """For the four source articles: the file name of the copy that comes with fitcareer,
    which `fitcareer sources ID --detail` prints. Never shown: a reader cannot look it up."""
    note: Text | None = None
    """Caveats about this source."""
    caveat: Text | None = None
    """What every figure from this source leaves out, said beside each wherever it is shown
    (e.g. BLS's wage estimates do not include the self-employed)."""
    quotes: tuple[Text, ...] = ()
    """Short excerpts in the source's own words, kept so a reader can check the facts that cite it."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class SourcesFile(Record):
    """sources.yaml: every source the data cites."""

    __pydantic_config__ = CONFIG

    sources: tuple[Source, ...]
    """The sources."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Statement(Record):
    """A sentence of fact, with its source and the date it is for."""

    __pydantic_config__ = CONFIG

    text: Text
    """The fact, in a short sentence."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the fact is for (YYYY, YYYY-MM, YYYY-MM-DD) or `undated`."""
    note: Text | None = None
    """A caveat shown with the fact."""
    effective: DateText | None = None
    """When a rule takes effect, where that differs from when the source says it (`date`)."""
    secondary: Flag = False
    """True when the source reports what another body published (a third-party copy of an
    O*NET page, an article quoting BLS)."""


N = TypeVar("N", int, float)


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class NumFact(Record, Generic[N]):
    """A number with its source; ``NumFact[Minutes]`` holds a number of minutes."""

    __pydantic_config__ = CONFIG

    value: N
    """The number."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the figure is for, or `undated`."""
    note: Text | None = None
    """A caveat shown with the figure."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class TextFact(Record):
    """A short value in words with its source."""

    __pydantic_config__ = CONFIG

    value: Text
    """The value."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the value is for, or `undated`."""
    note: Text | None = None
    """A caveat shown with the value."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class FlagFact(Record):
    """A yes/no fact with its source (write `true` or `false`)."""

    __pydantic_config__ = CONFIG

    value: Flag
    """true or false."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the fact is for, or `undated`."""
    note: Text | None = None
    """A caveat shown with the fact."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Figure(Record):
    """An income figure."""

    __pydantic_config__ = CONFIG

    amount: Money
    """Amount in US dollars."""
    unit: Literal["year", "hour"]
    """Per year or per hour."""
    measure: Text
    """What the figure is, e.g. `median annual wage`."""
    scope: Text
    """Whom it covers, e.g. `all fitness trainers and instructors (BLS SOC 39-9031)`."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the figure is for (e.g. `2022-05`)."""
    secondary: Flag = False
    """True when the source reports a figure that another body published."""
    note: Text | None = None
    """A caveat shown with the figure."""
    area: Text | None = None
    """The state or area a regional figure covers, e.g. `Vermont`; absent for a national figure."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Outlook(Record):
    """A job-outlook projection."""

    __pydantic_config__ = CONFIG

    period: Annotated[str, Rule(pattern=r"^[0-9]{4}-[0-9]{4}$")]
    """Projection period, e.g. `2022-2032`."""
    scope: Text
    """Whom it covers."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date of the projection."""
    growth_percent: Growth | None = None
    """Projected employment growth over the period, in percent."""
    openings_per_year: Count | None = None
    """Projected openings a year, on average."""
    secondary: Flag = False
    """True when the source reports a projection that another body published."""
    note: Text | None = None
    """A caveat shown with the projection."""


SOC_PATTERN = r"^[0-9]{2}-[0-9]{4}$"
Soc = Annotated[str, Rule(pattern=SOC_PATTERN)]
"""A BLS SOC 2018 code, e.g. `29-9091`."""

FITNESS_TRAINERS = "39-9031"
"""SOC 2018 code of "Exercise Trainers and Group Fitness Instructors" (titled "Fitness
Trainers and Aerobics Instructors" in SOC 2010)."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class JobZone(Record):
    """O*NET's Job Zone of an occupation: how much preparation it needs, 1 (little) to 5
    (extensive)."""

    __pydantic_config__ = CONFIG

    zone: Annotated[int, Rule(ge=1, le=5)]
    """The Job Zone number."""
    text: Text
    """The Job Zone's title and education, as the page states them, e.g. `Job Zone Four:
    Considerable Preparation Needed; most require a four-year bachelor's degree`."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The O*NET release or date the page states, or `undated`."""
    secondary: Flag = False
    """True when the page is a copy of O*NET's published by someone else."""
    note: Text | None = None
    """A caveat shown with the Job Zone."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Occupation(Record):
    """An official occupation whose statistics cover one or more roles."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable id that roles use in their `occupation` field."""
    name: Text
    """Name of the occupation."""
    note: Text
    """What the occupation covers; shown with its figures wherever a role shows them."""
    source: Id | None = None
    """Id of the source of `note` in sources.yaml."""
    date: DateText = "undated"
    """The date `note` is for."""
    skills: tuple[Statement, ...] = ()
    """Skills the sources name for the whole occupation."""
    income: tuple[Figure, ...] = ()
    """Income figures for the whole occupation."""
    outlook: tuple[Outlook, ...] = ()
    """Job-outlook projections for the whole occupation."""
    soc: Soc | None = None
    """The BLS SOC 2018 code, e.g. `39-9031`: the occupation's wages by area are the rows of
    the wage tables with this code."""
    job_zone: tuple[JobZone, ...] = ()
    """O*NET's Job Zone for the occupation."""
    education: tuple[Statement, ...] = ()
    """Education and training the sources name for the whole occupation (BLS's typical
    entry-level education, what O*NET says most jobs require)."""
    licensing: tuple[Statement, ...] = ()
    """Which states license the occupation and what a licence takes."""
    credential: tuple[Statement, ...] = ()
    """The credential the sources say employers ask for, or that the occupation's
    credentialing body awards; `compare` shows it with the roles' `certification`."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Briefs(Record):
    """A role's short answers, one cell per aspect, as `compare` and `roles` show them.

    Each is a short sentence that sums up the role's statements on that aspect, cites the
    source of the statements it sums up, and adds nothing they do not say. Several make one
    cell when they sum up statements from different sources.
    """

    __pydantic_config__ = CONFIG

    duties: tuple[Statement, ...] = ()
    """Sums up `duties`."""
    training_focus: tuple[Statement, ...] = ()
    """Sums up `training_focus`."""
    work_environment: tuple[Statement, ...] = ()
    """Sums up `work_environment`."""
    employment: tuple[Statement, ...] = ()
    """Sums up `employment`."""
    stability: tuple[Statement, ...] = ()
    """Sums up `stability`."""
    insurance: tuple[Statement, ...] = ()
    """Sums up `insurance`."""
    income: tuple[Statement, ...] = ()
    """Sums up `income_notes` (the figures are shown as they are)."""
    certification: tuple[Statement, ...] = ()
    """Sums up `certification` (the role's, and its occupation's `credential`)."""
    client_relationship: tuple[Statement, ...] = ()
    """Sums up `client_relationship`."""
    career_path: tuple[Statement, ...] = ()
    """Sums up `career_path`."""
    suits: tuple[Statement, ...] = ()
    """Sums up `suits`."""
    skills: tuple[Statement, ...] = ()
    """Sums up `skills`."""
    education: tuple[Statement, ...] = ()
    """Sums up `education` (the role's and its occupation's, with the Job Zone)."""
    licensing: tuple[Statement, ...] = ()
    """Sums up `licensing` (the role's and its occupation's)."""
    qualify: tuple[Statement, ...] = ()
    """Sums up `qualify`."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Role(Record):
    """A fitness career role and its whole profile."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable kebab-case id, e.g. `personal-trainer`."""
    name: Text
    """Display name."""
    summary: Statement
    """One line on what the role is."""
    aliases: tuple[Text, ...] = ()
    """Other names the role goes by (matched case-insensitively)."""
    occupation: Id | None = None
    """Id of the occupation whose statistics cover this role, if any."""
    duties: tuple[Statement, ...] = ()
    """What the job involves day to day."""
    training_focus: tuple[Statement, ...] = ()
    """Whom and what the training is aimed at."""
    work_environment: tuple[Statement, ...] = ()
    """Where the work happens."""
    employment: tuple[Statement, ...] = ()
    """Employment type: employee, self-employed or freelance."""
    stability: tuple[Statement, ...] = ()
    """What the employment type means for stability and benefits."""
    insurance: tuple[Statement, ...] = ()
    """Who covers liability insurance, what the professional must buy, and why it matters."""
    income: tuple[Figure, ...] = ()
    """Income figures specific to this role (occupation-wide figures live on the occupation)."""
    income_notes: tuple[Statement, ...] = ()
    """What the sources say about income beyond figures."""
    outlook: tuple[Outlook, ...] = ()
    """Projections specific to this role."""
    certification: tuple[Statement, ...] = ()
    """Certification and education the role needs or rewards."""
    client_relationship: tuple[Statement, ...] = ()
    """How the professional relates to clients."""
    career_path: tuple[Statement, ...] = ()
    """Where the role comes from and what it leads to."""
    suits: tuple[Statement, ...] = ()
    """Choose this role if ..."""
    skills: tuple[Statement, ...] = ()
    """Skills and requirements the sources name for this role."""
    unknown: dict[Key, Text] = field(default_factory=dict)
    """Why an aspect is unknown, by aspect id (e.g. `work-environment`): what was looked for and not found."""
    brief: Briefs = field(default_factory=Briefs)
    """Short answers per aspect, summing up the statements above."""
    family: Text | None = None
    """The group `roles` lists the role under, e.g. `fitness` or `sport and health care`:
    fitcareer's grouping of neighbouring careers, not a fact of a source."""
    education: tuple[Statement, ...] = ()
    """Education and training for this role (occupation-wide ones live on the occupation)."""
    licensing: tuple[Statement, ...] = ()
    """Licensing for this role: which states license it, what a licence takes."""
    qualify: tuple[Statement, ...] = ()
    """The time and cost to qualify, as the sources state them."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Combination(Record):
    """Roles one person can hold together, and what the sources say about it."""

    __pydantic_config__ = CONFIG

    roles: tuple[Id, ...]
    """Ids of the roles combined."""
    statements: tuple[Statement, ...]
    """What the sources say about doing both."""
    brief: tuple[Statement, ...] = ()
    """A short answer summing up `statements`, citing their sources."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class RolesFile(Record):
    """roles.yaml: occupations, roles and role combinations."""

    __pydantic_config__ = CONFIG

    roles: tuple[Role, ...]
    """The roles."""
    occupations: tuple[Occupation, ...] = ()
    """Official occupations whose statistics cover roles."""
    combinations: tuple[Combination, ...] = ()
    """Roles one person can combine."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Body(Record):
    """An accrediting body."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable id, e.g. `ncca`."""
    abbr: Text
    """Abbreviation, e.g. `NCCA`."""
    name: Text
    """Full name."""
    aliases: tuple[Text, ...] = ()
    """Other spellings seen in sources (matched case-insensitively)."""
    about: tuple[Statement, ...] = ()
    """What accreditation by this body means for a trainer."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Relation(Record):
    """How an organization relates to another."""

    __pydantic_config__ = CONFIG

    kind: Literal["subsidiary-of", "part-of"]
    """The relation."""
    org: Id
    """Id of the other organization."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the fact is for, or `undated`."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class CeUnit(Record):
    """How many contact hours one continuing-education unit is worth at an organization."""

    __pydantic_config__ = CONFIG

    unit: Literal["CEU", "CEC"]
    """The unit's name."""
    hours: Units
    """Contact hours per 1.0 unit."""
    date: DateText
    """The date the conversion is for, or `undated`."""
    source: Id | None = None
    """Id of the source that states the conversion; absent for a `convention`."""
    convention: Flag = False
    """true when no source states the conversion and fitcareer assumes it (say so wherever hours are shown)."""
    note: Text | None = None
    """A caveat shown with the conversion."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Organization(Record):
    """A certifying organization."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable id, e.g. `nasm`; certification ids start with it."""
    abbr: Text
    """Abbreviation, e.g. `NASM`."""
    name: Text
    """Full name."""
    website: Text | None = None
    """Web address, where known."""
    relations: tuple[Relation, ...] = ()
    """Parent organizations."""
    ce_units: tuple[CeUnit, ...] = ()
    """Contact hours per continuing-education unit, where a source gives them."""
    notes: tuple[Statement, ...] = ()
    """Other facts about the organization."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Accreditation(Record):
    """Whether an accrediting body accredits a certification's exam."""

    __pydantic_config__ = CONFIG

    body: Id
    """Id of the accrediting body."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the fact is for, or `undated`."""
    accredited: Flag = True
    """false records that the sources say it is not accredited by this body."""
    note: Text | None = None
    """A caveat shown with the fact."""


DeliveryKind = Literal[
    "remote-proctor",
    "test-centre",
    "paper",
    "computer-based",
    "unproctored-course-exam",
    "practical",
    "online-proctored",
    "at-home",
    "approved-proctor",
]
"""The ways an exam can be taken."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Delivery(Record):
    """One way the exam is delivered."""

    __pydantic_config__ = CONFIG

    value: DeliveryKind
    """How the exam is taken."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the fact is for, or `undated`."""
    note: Text | None = None
    """A caveat shown with the fact."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Exam(Record):
    """The certification exam."""

    __pydantic_config__ = CONFIG

    questions: tuple[NumFact[Whole], ...] = ()
    """Total number of questions."""
    scored: tuple[NumFact[Whole], ...] = ()
    """Number of scored questions."""
    unscored: tuple[NumFact[Whole], ...] = ()
    """Number of unscored (pilot) questions, where a source gives it."""
    minutes: tuple[NumFact[Minutes], ...] = ()
    """Time limit in minutes."""
    delivery: tuple[Delivery, ...] = ()
    """How the exam is taken."""
    pass_mark: tuple[TextFact, ...] = ()
    """The passing score, as the source states it."""
    notes: tuple[Statement, ...] = ()
    """Other facts about the exam."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Price(Record):
    """A price in US dollars."""

    __pydantic_config__ = CONFIG

    usd: Money
    """Price in US dollars (the low end of a range)."""
    kind: Literal[
        "exam", "package", "proctoring", "retake", "reinstatement", "renewal", "lifetime-renewal"
    ]
    """exam: exam registration only; package: study package with the exam; reinstatement: regaining a lapsed credential (never the price of getting it); renewal: recertification fee per cycle."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the price is for, or `undated`."""
    usd_max: Money | None = None
    """The high end of a price range."""
    label: Text | None = None
    """Which option, e.g. `Self-Study` or `member`."""
    note: Text | None = None
    """A caveat shown with the price."""
    verified: Flag = True
    """false when the price could not be checked against its source; shown with it everywhere."""
    stale: Flag = False
    """true when the price is known to be out of date whatever `date` says (a newer page replaces it, or its page is evidently old); shown as out of date everywhere, as a price dated more than `--max-age` years back is."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Prerequisites(Record):
    """What a candidate needs before the exam."""

    __pydantic_config__ = CONFIG

    min_age: tuple[NumFact[Age], ...] = ()
    """Minimum age in years."""
    high_school: tuple[FlagFact, ...] = ()
    """Whether a high-school diploma or GED is required."""
    cpr_aed: tuple[FlagFact, ...] = ()
    """Whether current CPR/AED certification is required."""
    degree: tuple[TextFact, ...] = ()
    """Degree required, if any."""
    other: tuple[Statement, ...] = ()
    """Other prerequisites."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class PassRate(Record):
    """A published pass rate."""

    __pydantic_config__ = CONFIG

    percent: Percent
    """Share of candidates who passed, in percent."""
    period: Text
    """The year or period the rate is for, e.g. `2014`."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date of the source, or `undated`."""
    candidates: Count | None = None
    """Number of candidates, where published."""
    note: Text | None = None
    """A caveat shown with the rate."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class ContinuingEducation(Record):
    """Continuing education required to renew, as the source states it."""

    __pydantic_config__ = CONFIG

    amount: Units
    """Amount of continuing education, in `unit`."""
    unit: Literal["CEU", "CEC", "hours"]
    """The unit the source uses."""
    per_years: Years
    """The period the amount is due in, in years."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the rule is for, or `undated`."""
    note: Text | None = None
    """A caveat shown with the rule."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Recertification(Record):
    """How the credential is kept current."""

    __pydantic_config__ = CONFIG

    cycle_years: tuple[NumFact[Years], ...] = ()
    """Years between renewals."""
    education: tuple[ContinuingEducation, ...] = ()
    """Continuing education due per cycle."""
    fee: tuple[Price, ...] = ()
    """Renewal fee per cycle (kind `renewal`) or once for life (kind `lifetime-renewal`)."""
    notes: tuple[Statement, ...] = ()
    """Other renewal rules."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Certification(Record):
    """A certification and everything known about it."""

    __pydantic_config__ = CONFIG

    id: Id
    """`<org>-<credential>` in lower case, e.g. `nasm-cpt`."""
    abbr: Text
    """Short name, e.g. `NASM-CPT`."""
    credential: Text
    """Full credential name."""
    org: Id
    """Id of the certifying organization."""
    roles: tuple[Id, ...]
    """Ids of the roles it prepares for."""
    accreditation: tuple[Accreditation, ...] = ()
    """Accreditation of the exam, per accrediting body."""
    exam: Exam = field(default_factory=Exam)
    """The exam."""
    price: tuple[Price, ...] = ()
    """List prices; exam-only and package prices kept apart by `kind`."""
    prerequisites: Prerequisites = field(default_factory=Prerequisites)
    """What a candidate needs before the exam."""
    pass_rate: tuple[PassRate, ...] = ()
    """Published pass rates."""
    recertification: Recertification = field(default_factory=Recertification)
    """How the credential is renewed."""
    specialties: tuple[Statement, ...] = ()
    """Specialty credentials and areas the organization offers."""
    notes: tuple[Statement, ...] = ()
    """Other facts."""
    withdrawn: tuple[Statement, ...] = ()
    """What the sources say of it being no longer offered to new candidates (holders may still renew); one such statement keeps it out of every recommendation."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Step(Record):
    """One step on the path to certification."""

    __pydantic_config__ = CONFIG

    n: Annotated[int, Rule(ge=1)]
    """Position on the path, from 1."""
    id: Id
    """Stable id."""
    title: Text
    """Short title."""
    involves: tuple[Statement, ...] = ()
    """What the step involves."""
    facts: tuple[Statement, ...] = ()
    """Figures and facts for the step."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class CertificationsFile(Record):
    """certifications.yaml: accrediting bodies, organizations, certifications and the path."""

    __pydantic_config__ = CONFIG

    certifications: tuple[Certification, ...]
    """The certifications."""
    bodies: tuple[Body, ...] = ()
    """Accrediting bodies."""
    organizations: tuple[Organization, ...] = ()
    """Certifying organizations."""
    steps: tuple[Step, ...] = ()
    """The steps to becoming certified."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Choice(Record):
    """An answer to a quiz question."""

    __pydantic_config__ = CONFIG

    key: Key
    """Short lower-case word that picks the choice (at least two letters)."""
    label: Text
    """The answer as shown."""
    weights: dict[Id, Weight]
    """Points this answer gives each role id."""
    source: Id
    """Id of the source of the statement the weights rest on."""
    date: DateText
    """The date of that statement, or `undated`."""
    reason: Text | None = None
    """Why it counts, shown with the result, e.g. `You prefer leading groups`."""
    quote: Text | None = None
    """The statement the weights rest on, in the source's own words (`...` between parts);
    it names every role the choice gives points, unless `inference` is set."""
    inference: Flag = False
    """The weights and reason are fitcareer's inference, not a statement of the source."""
    neutral: Flag = False
    """The "not sure" answer: no points, picked by `?`, `s`, `skip` or `not sure` too."""
    max_cost: Money | None = None
    """A budget for certification in US dollars that this answer implies."""
    interests: tuple[Text, ...] = ()
    """Specialty words this answer implies (matched against certification specialties)."""
    advice: tuple[Statement, ...] = ()
    """What the result leads with when this answer is picked (e.g. medical clearance first)."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Question(Record):
    """A quiz question."""

    __pydantic_config__ = CONFIG

    id: Id
    """Stable id, used as the key in an answers file."""
    text: Text
    """The question."""
    choices: Annotated[tuple[Choice, ...], Rule(strict=False, min_length=2, max_length=8)]
    """Two to eight choices, one of them neutral."""
    several: Flag = False
    """More than one choice may be picked; each role gets the most any one picked choice gives it."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Guide(Record):
    """What the sources tell a person whose result is one role (e.g. what to ask a trainer)."""

    __pydantic_config__ = CONFIG

    role: Id
    """The role id whose result shows it."""
    title: Text
    """The heading it is shown under."""
    statements: tuple[Statement, ...]
    """The points, each with its source."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Questionnaire(Record):
    """A questionnaire."""

    __pydantic_config__ = CONFIG

    id: Id
    """`career` for the fit quiz, `hire` for people choosing whom to hire."""
    title: Text
    """Title shown before the first question."""
    questions: Annotated[tuple[Question, ...], Rule(strict=False, min_length=1)]
    """The questions, in order."""
    intro: Text | None = None
    """A line shown before the first question."""
    advice: tuple[Statement, ...] = ()
    """What the sources tell a person acting on the result (e.g. how to check a trainer's
    credential before hiring), shown with it."""
    guides: tuple[Guide, ...] = ()
    """Advice for one role's result; an unclear result shows that of both roles it names."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class QuizFile(Record):
    """quiz.yaml: the questionnaires."""

    __pydantic_config__ = CONFIG

    questionnaires: tuple[Questionnaire, ...]
    """The questionnaires."""


WageKey = Literal["mean", "p10", "p25", "median", "p75", "p90"]
"""A wage figure of an OEWS table: the mean, or the 10th to 90th percentile."""

AreaKind = Literal["national", "state", "territory", "metro", "nonmetro", "unknown"]
"""What kind of area a wage figure is for, from BLS's AREA_TYPE."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Pay(Record):
    """The mean and percentile wages of one occupation in one area, hourly or annual."""

    __pydantic_config__ = CONFIG

    mean: Money | None = None
    """Mean wage; absent when not available."""
    p10: Money | None = None
    """10th percentile wage."""
    p25: Money | None = None
    """25th percentile wage."""
    median: Money | None = None
    """Median (50th percentile) wage."""
    p75: Money | None = None
    """75th percentile wage."""
    p90: Money | None = None
    """90th percentile wage."""
    marks: dict[WageKey, Literal["*", "**", "#", "~"]] = field(default_factory=dict)
    """BLS's mark for each figure that is not a plain number: `*` or `**` not available, `~` fewer than 0.5% of establishments report it, `#` at least the figure given (BLS's top-coded limit)."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class AreaWage(Record):
    """One occupation's wages in one area, as one row of an OEWS table gives them."""

    __pydantic_config__ = CONFIG

    area: Text
    """BLS AREA code: `99` for the U.S., a state FIPS code, an MSA or nonmetropolitan area code."""
    name: Text
    """AREA_TITLE, e.g. `Minnesota` or `Austin-Round Rock-San Marcos, TX`."""
    occupation: Annotated[str, Rule(pattern=r"^[0-9]{2}-[0-9]{4}$")]
    """SOC code, e.g. `39-9031`."""
    occupation_title: Text
    """OCC_TITLE as the release spells it."""
    hourly: Pay = field(default_factory=Pay)
    """Hourly wages."""
    annual: Pay = field(default_factory=Pay)
    """Annual wages."""
    state: Text | None = None
    """PRIM_STATE, e.g. `MN`; absent for the nation."""
    employment: Count | None = None
    """TOT_EMP (rounded to tens, self-employed excluded); absent when not available."""
    row: Annotated[int, Rule(ge=1)] | None = None
    """Row of the imported file the figures come from."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class PublishedFile(Record):
    """One file a wage table was read from, as its publisher served it."""

    __pydantic_config__ = CONFIG

    name: Text
    """File name, e.g. `oe.data.0.Current`."""
    url: Text
    """Where the publisher serves it."""
    modified: DateText
    """The date the publisher's server gives for the file."""
    sha256: Annotated[str, Rule(pattern=r"^[0-9a-f]{64}$")]
    """SHA-256 of the file's bytes, to tell whether a copy is the same file."""


BLS_PAGE = "https://www.bls.gov/oes/tables.htm"
"""Where BLS publishes the OEWS wage tables that wages.yaml holds."""

BLS_FLAT_FILES = "https://download.bls.gov/pub/time.series/oe/"
"""Where BLS publishes the same estimates as time-series flat files (`oe.data.0.Current`)."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class WageTable(Record):
    """Wages of one release for one kind of area: an imported OEWS table, or shipped figures."""

    __pydantic_config__ = CONFIG

    table: Text
    """What the table is, e.g. `BLS OEWS state estimates`."""
    release: Text
    """The release as BLS names it, e.g. `May 2024`."""
    date: DateText
    """The date the figures are for, e.g. `2024-05`."""
    area_type: AreaKind
    """The kind of area the rows are for."""
    areas: tuple[AreaWage, ...]
    """The rows kept, one per occupation and area."""
    file: Text | None = None
    """The file an import read, e.g. `state_M2024_dl.xlsx`."""
    url: Text | None = None
    """Where the table is published."""
    files: tuple[PublishedFile, ...] = ()
    """The publisher's files the shipped figures were read from, with their dates and checksums."""
    source: Id | None = None
    """Id of the source in sources.yaml, for shipped figures; absent for an import."""
    secondary: Flag = False
    """True when the source reports figures that BLS published."""
    note: Text | None = None
    """A caveat shown with the figures."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class WagesFile(Record):
    """wages.yaml: OEWS wage tables, shipped or imported with `fitcareer wages import`."""

    __pydantic_config__ = CONFIG

    tables: tuple[WageTable, ...] = ()
    """The tables, newest release first."""


FILES: dict[str, type] = {
    "sources.yaml": SourcesFile,
    "roles.yaml": RolesFile,
    "certifications.yaml": CertificationsFile,
    "quiz.yaml": QuizFile,
}
"""Each data file and the model of its top level."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Catalog(Record):
    """Everything in the data files, checked and cross-referenced."""

    sources: dict[str, Source]
    occupations: dict[str, Occupation]
    roles: dict[str, Role]
    combinations: tuple[Combination, ...]
    bodies: dict[str, Body]
    organizations: dict[str, Organization]
    certifications: dict[str, Certification]
    steps: tuple[Step, ...]
    questionnaires: dict[str, Questionnaire]
    wages: tuple[WageTable, ...] = ()
    """Wage tables: the user's imports, then the shipped ones (wages.yaml)."""
