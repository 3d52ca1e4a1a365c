"""The schema of the career-path data: the O*NET extract (``onet.json`` as shipped, or
as `fitcareer onet import` writes it) and the moves between careers (``paths.yaml``).

Kept apart from `fitcareer.model` because only `fitcareer paths` and `fitcareer onet`
read these files, as the area wage tables are read only by the commands that show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from fitcareer.model import CONFIG, DateText, Id, Key, Money, Record, Rule, Statement, Text

OnetCode = Annotated[str, Rule(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")]
"""An O*NET-SOC code, e.g. `39-9031.00`."""

Sha = Annotated[str, Rule(pattern=r"^[0-9a-f]{64}$")]
Score = Annotated[float, Rule(ge=-1000, le=1000)]
Rank = Annotated[int, Rule(ge=0, le=100_000)]


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Cite(Record):
    """Where a part of the extract comes from."""

    __pydantic_config__ = CONFIG

    title: Text
    """What the source is, e.g. `O*NET 28.2 Database` or a page's title."""
    publisher: Text
    """Who publishes it."""
    date: DateText
    """The date the source states, or `undated`."""
    url: Text | None = None
    """Where it is published."""
    licence: Text | None = None
    """The licence the content is published under."""
    secondary: bool = False
    """True when the page reports what O*NET published (a third-party copy)."""
    release: Text | None = None
    """The O*NET database release the source says its values come from (`29.1`); None:
    the source does not state one."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Rating(Record):
    """One O*NET rating with what O*NET publishes about its precision."""

    __pydantic_config__ = CONFIG

    value: Score
    """O*NET's Data Value."""
    scale: Text
    """O*NET's Scale ID: `IM` importance, `LV` level, `CX` context, `OI` interest."""
    n: Rank | None = None
    """The sample size (N), where published."""
    se: Score | None = None
    """The standard error, where published."""
    lower: Score | None = None
    """The lower bound of the 95% confidence interval, where published."""
    upper: Score | None = None
    """The upper bound of the 95% confidence interval, where published."""
    flags: tuple[Text, ...] = ()
    """Why the value is to be read with caution (O*NET recommends suppressing it, its
    precision is low, O*NET marks it not relevant); shown with the value wherever it is."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Task(Record):
    """A task statement and its importance."""

    __pydantic_config__ = CONFIG

    text: Text
    """The task as O*NET states it."""
    id: Rank | None = None
    """O*NET's Task ID."""
    category: Text | None = None
    """`Core` or `Supplemental`."""
    importance: Rating | None = None
    """Importance (1-5 in the database; 0-100 on O*NET OnLine's pages)."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Element(Record):
    """A skill, knowledge area or work context, with its ratings."""

    __pydantic_config__ = CONFIG

    id: Text
    """O*NET's Element ID, e.g. `2.A.1.a`."""
    name: Text
    """O*NET's Element Name."""
    ratings: tuple[Rating, ...] = ()
    """Its ratings, one per scale."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Related(Record):
    """An occupation O*NET lists as related."""

    __pydantic_config__ = CONFIG

    code: OnetCode
    """Its O*NET-SOC code."""
    title: Text | None = None
    """Its title, where the extract holds it."""
    tier: Text | None = None
    """O*NET's Relatedness Tier, e.g. `Primary-Short`."""
    index: Rank | None = None
    """O*NET's Index: its rank among the related occupations."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Occupation(Record):
    """One O*NET-SOC occupation as the extract holds it; what is absent is unknown."""

    __pydantic_config__ = CONFIG

    code: OnetCode
    """The O*NET-SOC code."""
    title: Text
    """Its title."""
    cites: dict[Key, Cite]
    """The source of each part held (`tasks`, `job-zone`, ...), by part."""
    description: Text | None = None
    """O*NET's description."""
    job_zone: Annotated[int, Rule(ge=1, le=5)] | None = None
    """The Job Zone, 1 (little preparation) to 5 (extensive preparation)."""
    interests: dict[Literal["R", "I", "A", "S", "E", "C"], Rating] = field(default_factory=dict)
    """The six RIASEC occupational-interest scores (OI), by letter."""
    interest_order: tuple[Literal["R", "I", "A", "S", "E", "C"], ...] = ()
    """The interests as a page ranks them, where it gives no scores."""
    tasks: tuple[Task, ...] = ()
    """Tasks, most important first."""
    skills: tuple[Element, ...] = ()
    """Skills with their importance and level."""
    knowledge: tuple[Element, ...] = ()
    """Knowledge areas with their importance and level."""
    context: tuple[Element, ...] = ()
    """Work context with its ratings."""
    related: tuple[Related, ...] = ()
    """Related occupations, in O*NET's order."""
    titles: tuple[Text, ...] = ()
    """Alternate titles."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class ReadFile(Record):
    """One file of O*NET's release the extract was read from."""

    __pydantic_config__ = CONFIG

    name: Text
    """Its name in the release folder."""
    sha256: Sha
    """SHA-256 of its bytes."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Extract(Record):
    """O*NET's data for the fitness career family: shipped, or imported from a release."""

    __pydantic_config__ = CONFIG

    release: Text
    """The O*NET database release, e.g. `28.2`, or `unknown` where the pages do not say."""
    date: DateText
    """The date of the release, e.g. `2024-02`, or `undated`."""
    source: Cite
    """The release, or the pages the shipped values were read from."""
    occupations: tuple[Occupation, ...]
    """The occupations held."""
    files: tuple[ReadFile, ...] = ()
    """The files read, for an import."""
    folder: Text | None = None
    """The folder an import read."""
    note: Text | None = None
    """A caveat shown with the extract."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Career(Record):
    """A career a move starts or ends at: a role of roles.yaml, or an occupation."""

    __pydantic_config__ = CONFIG

    id: Id
    """The role's id where it is a role, else an id of its own."""
    name: Text
    """Its name."""
    onet: OnetCode | None = None
    """Its O*NET-SOC code."""
    soc: Annotated[str, Rule(pattern=r"^[0-9]{2}-[0-9]{4}$")] | None = None
    """The SOC code BLS's wages are given by."""
    note: Text | None = None
    """What the code covers beyond this career."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Cost(Record):
    """A sourced price of what a move takes."""

    __pydantic_config__ = CONFIG

    amount: Money
    """US dollars."""
    what: Text
    """What it buys."""
    source: Id
    """Id of the source in sources.yaml."""
    date: DateText
    """The date the price is for."""
    high: Money | None = None
    """The top of a range, where the source gives one."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class Move(Record):
    """A move from one career to another and what it takes, each statement sourced."""

    __pydantic_config__ = CONFIG

    origin: Id
    """The career moved from."""
    to: Id
    """The career moved to."""
    says: tuple[Statement, ...]
    """What the sources say of the move itself."""
    education: tuple[Statement, ...] = ()
    """The education it takes."""
    credential: tuple[Statement, ...] = ()
    """The certification or licence it takes."""
    time: tuple[Statement, ...] = ()
    """How long it takes."""
    cost: tuple[Cost, ...] = ()
    """What it costs."""


@dataclass(slots=True, repr=False, eq=False, match_args=False)
class PathsFile(Record):
    """paths.yaml: careers and the moves between them."""

    __pydantic_config__ = CONFIG

    careers: tuple[Career, ...]
    """Every career a move names."""
    moves: tuple[Move, ...]
    """The moves."""
