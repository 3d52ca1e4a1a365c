"""The quiz, as pure functions: checking answers, scoring, and the next steps.

A role's score is the sum of the points (``weights``) the chosen answers give it; on a
question that takes several answers, a role gets the most any one picked answer gives it,
so its ceiling (the most it can reach) is the same however many are picked. Every role a
questionnaire gives points to is ranked, best first; equal scores keep the order of the
roles in the data. No I/O and no printing happens here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import (
    Catalog,
    Certification,
    Choice,
    Guide,
    Price,
    Question,
    Questionnaire,
    Role,
    Statement,
    Step,
    TextFact,
)
from fitcareer.queries.certs import lowest_entry, offered
from fitcareer.queries.roles import credentials

LEAD = 0.25
"""A clear fit needs the top role ahead of the runner-up by at least this share of the
ceiling (the most points a role can reach); anything less is "no clear fit yet"."""

HIRE = "hire"
"""The questionnaire for people hiring: its next steps are credentials to look for rather than
the path to certification, and an unclear result leaves out the sources' do-both career path."""

BACK, QUIT = "b", "q"
"""What a person types to go back one question, or to stop."""

EDUCATION, DEGREE, NO_DEGREE = "education", "degree", "none"
"""The career question on education, and its answers saying a degree is held or is not;
certifications whose prerequisites need a degree are judged against them."""

OPTIONAL = "not required"
"""How a role's short answer on certification (roles.yaml `brief`) begins when the sources
say most roles need none: the next step is then not a certification program."""

NOT_SURE = ("?", "s", "skip", "not sure")
"""What picks a question's neutral answer, besides its key."""

Answer = str | list[str]
"""A checked answer: a choice key, or the keys picked on a question that takes several."""


@dataclass(frozen=True, slots=True)
class Rank:
    role: Role
    score: float
    ceiling: float
    """The most points the questionnaire can give this role."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one answer counts, and for which roles (those it gives points, most first)."""

    question: Question
    choice: Choice
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Unclear:
    """No clear fit: the top role leads the runner-up by less than `LEAD` of the ceiling."""

    first: Rank
    second: Rank
    gap: float
    needed: float
    """The lead a clear fit needs, in points."""
    pulled: tuple[Reason, ...]
    """The answers that gave the first or the second points, when both got some (they pulled apart)."""
    open: tuple[Question, ...]
    """Questions whose answers could set the two apart but gave neither points (not sure, or another role)."""
    statements: tuple[Statement, ...]
    """What the sources say about doing both."""


@dataclass(frozen=True, slots=True)
class Fit:
    """How one certification fits the answers."""

    cert: Certification
    price: float | None
    """The cheapest known way in, in US dollars; None when unknown."""
    entry: Price | None
    """The price `price` rests on, whose date and caveats are shown with it."""
    budget: bool | None
    """Within the budget (True), over it (False), or unknown because the price is."""
    matches: tuple[str, ...]
    """Specialties that match the answers' interests."""
    needs: tuple[TextFact, ...] = ()
    """The degree its prerequisites ask for, unless the answers say one is held."""


@dataclass(frozen=True, slots=True)
class NextSteps:
    role: Role
    budget: float | None
    interests: tuple[str, ...]
    certs: tuple[Fit, ...]
    """Every certification for the role that new candidates can still earn (for people
    hiring, every one a trainer may hold): interest matches first, then cheapest first,
    unknown prices last."""
    step: Step | None
    """The first step on the path to certification (none for people hiring)."""
    picked: tuple[Choice, ...] = ()
    """The answers that gave the interests, as picked."""
    degree: bool | None = None
    """A degree is held (True), is not (False), or was not said."""
    need: Statement | None = None
    """What the sources say in short on whether the role needs a certificate."""
    required: bool | None = None
    """Whether it does: False where that short answer says not required, None if unsaid."""


@dataclass(frozen=True, slots=True)
class Result:
    questionnaire: Questionnaire
    answers: dict[str, Answer]
    ranking: tuple[Rank, ...]
    reasons: tuple[Reason, ...]
    unclear: Unclear | None
    next: NextSteps
    lead: tuple[Statement, ...] = ()
    """What the picked answers say comes first (e.g. medical clearance), once each."""
    guides: tuple[Guide, ...] = ()
    """Advice for the top role; for an unclear result, for both roles it names."""


def listed(question: Question) -> tuple[Choice, ...]:
    """The choices picked by number (1, 2, ...): all but the neutral one."""
    return tuple(c for c in question.choices if not c.neutral)


def neutral(question: Question) -> Choice | None:
    return next((c for c in question.choices if c.neutral), None)


def resolve(question: Question, answer: object) -> Choice | None:
    """The choice an answer picks: its number (from 1, neutral answer not counted), its key
    (any case), or one of `NOT_SURE` for the neutral answer; None if none of these.

    Only ASCII digits are a number: ``"²"`` and ``"①"`` pass ``str.isdigit`` but are no
    answer.
    """
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        text = str(answer)
    elif isinstance(answer, str):
        text = " ".join(answer.lower().split())
    else:
        return None
    if text in NOT_SURE:
        return neutral(question)
    numbered = listed(question)
    if text.isascii() and text.isdigit() and len(text) <= 3:
        number = int(text)
        return numbered[number - 1] if 1 <= number <= len(numbered) else None
    return next((c for c in question.choices if c.key == text), None)


def pick(question: Question, answer: object) -> tuple[Choice, ...] | None:
    """The choices an answer picks, in the data's order; None if it picks none.

    A question that takes several answers accepts a list, or keys and numbers separated
    by commas or spaces (``"rehab, nutrition"``, ``"1 2"``); the neutral answer stands alone.
    """
    whole = resolve(question, answer)
    if whole is not None or not question.several:
        return (whole,) if whole is not None else None
    if isinstance(answer, str):
        parts: list[object] = list(answer.replace(",", " ").split())
    elif isinstance(answer, list | tuple):
        parts = list(answer)
    else:
        return None
    found = [resolve(question, p) for p in parts]
    if not found or any(c is None for c in found):
        return None
    keys = {c.key for c in found if c is not None}
    if len(keys) > 1 and any(c is not None and c.neutral for c in found):
        return None
    return tuple(c for c in question.choices if c.key in keys)


def value(question: Question, picked: tuple[Choice, ...]) -> Answer:
    """A checked answer as it is saved: a key, or a list of keys on a several-answer question."""
    return [c.key for c in picked] if question.several else picked[0].key


def hint(question: Question) -> str:
    """What a valid answer to a question looks like (`?` for not sure is said apart)."""
    numbered = listed(question)
    keys = ", ".join(c.key for c in numbered)
    text = f"1-{len(numbered)} or {keys}"
    if question.several and len(numbered) > 1:
        text += f"; one or more, e.g. 1,2 or {numbered[0].key} {numbered[1].key}"
    return text


def check(questionnaire: Questionnaire, answers: Mapping[str, object]) -> dict[str, Answer]:
    """Answers as question id -> choice key (or keys), or a `UsageError` naming every problem.

    Unknown question ids, answers that pick no choice, and unanswered questions are all
    reported in one message, so a file can be fixed in one go. A question that gives no
    role points (education) is taken as not sure when unanswered, so that answers saved
    before it was asked still work.
    """
    questions = {q.id: q for q in questionnaire.questions}
    unknown = [str(k) for k in answers if k not in questions]
    invalid: list[str] = []
    checked: dict[str, Answer] = {}
    for question in questionnaire.questions:
        if question.id not in answers:
            default = neutral(question)
            if default is not None and not any(c.weights for c in question.choices):
                checked[question.id] = value(question, (default,))
            continue
        picked = pick(question, answers[question.id])
        if picked is None:
            unsure = ", or ? if not sure" if neutral(question) else ""
            invalid.append(
                f"'{shown(answers[question.id])}' for '{question.id}' (answer {hint(question)}{unsure})"
            )
        else:
            checked[question.id] = value(question, picked)
    missing = [q.id for q in questionnaire.questions if q.id not in answers and q.id not in checked]
    problems = []
    if unknown:
        known = ", ".join(questions)
        problems.append(f"unknown question {_names(unknown)} (questions: {known})")
    if invalid:
        problems.append(f"unknown answer {'; '.join(invalid)}")
    if missing:
        problems.append(f"missing answers for {', '.join(missing)}")
    if problems:
        raise UsageError("; ".join(problems))
    return checked


def _names(items: list[str]) -> str:
    return ", ".join(f"'{shown(i)}'" for i in items)


SHOWN = 40
"""Longest answer echoed in a message; longer ones are cut."""


def shown(answer: object) -> str:
    """An answer as it is echoed in a message: at most ``SHOWN`` characters."""
    text = str(answer)
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def roles(catalog: Catalog, questionnaire: Questionnaire) -> list[Role]:
    """The roles a questionnaire gives points to, in the order of the data."""
    named = {r for q in questionnaire.questions for c in q.choices for r in c.weights}
    return [r for r in catalog.roles.values() if r.id in named]


def gains(question: Question, picked: tuple[Choice, ...]) -> dict[str, float]:
    """The points an answer gives each role: on a several-answer question, the most any
    one picked choice gives it."""
    points: dict[str, float] = {}
    for choice in picked:
        for role_id, w in choice.weights.items():
            points[role_id] = max(points.get(role_id, w), w)
    return points


def ceiling(questionnaire: Questionnaire, role_id: str) -> float:
    """The most points the questionnaire can give a role (the best answer to every question)."""
    return round(
        sum(
            max([0.0, *(c.weights.get(role_id, 0.0) for c in q.choices)])
            for q in questionnaire.questions
        ),
        9,
    )


def chosen(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> list[tuple[Question, tuple[Choice, ...]]]:
    """Each question with the choices its (checked) answer picks, in question order."""
    found = []
    for q in questionnaire.questions:
        given = answers[q.id]
        keys = {given} if isinstance(given, str) else set(given)
        found.append((q, tuple(c for c in q.choices if c.key in keys)))
    return found


def rank(
    catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> tuple[Rank, ...]:
    """Every role the questionnaire scores, best first; ties keep the data's role order."""
    candidates = roles(catalog, questionnaire)
    totals = dict.fromkeys((r.id for r in candidates), 0.0)
    for question, picked in chosen(questionnaire, answers):
        for role_id, points in gains(question, picked).items():
            if role_id in totals:
                totals[role_id] += points
    order = {r.id: i for i, r in enumerate(candidates)}
    # Rounding keeps float noise (0.1 + 0.2) from breaking a tie the data means.
    ranked = sorted(candidates, key=lambda r: (-round(totals[r.id], 9), order[r.id]))
    return tuple(Rank(r, round(totals[r.id], 9), ceiling(questionnaire, r.id)) for r in ranked)


def reasons(
    catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> tuple[Reason, ...]:
    """The reason of every picked answer that gives a role points, in question order."""
    found = []
    for question, picked in chosen(questionnaire, answers):
        for choice in picked:
            gainers = sorted(
                (r for r, w in choice.weights.items() if w > 0 and r in catalog.roles),
                key=lambda r: -choice.weights[r],
            )
            if choice.reason and gainers:
                found.append(Reason(question, choice, tuple(catalog.roles[r] for r in gainers)))
    return tuple(found)


def _splits(question: Question, a: str, b: str) -> bool:
    """Some answer to the question favours a over b, and some favours b over a."""
    leans = [c.weights.get(a, 0) - c.weights.get(b, 0) for c in question.choices]
    return max(leans) > 0 > min(leans)


def unclear(
    catalog: Catalog,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    ranking: tuple[Rank, ...],
    with_statements: bool = True,
) -> Unclear | None:
    """No clear fit when the top role leads by less than `LEAD` of its ceiling (an
    all-neutral answer set leads by nothing); None when the fit is clear."""
    if len(ranking) < 2:
        return None
    first, second = ranking[0], ranking[1]
    gap = round(first.score - second.score, 9)
    needed = round(LEAD * max(first.ceiling, second.ceiling), 9)
    if first.score > 0 and gap >= needed:
        return None
    a, b = first.role.id, second.role.id
    given = reasons(catalog, questionnaire, answers)
    pulled: tuple[Reason, ...] = ()
    if any(a in _ids(r) for r in given) and any(b in _ids(r) for r in given):
        pulled = tuple(r for r in given if a in _ids(r) or b in _ids(r))
    scoring = first.score > 0
    open_ = tuple(
        q
        for q, picked in chosen(questionnaire, answers)
        if (_splits(q, a, b) if scoring else any(c.weights for c in q.choices))
        and not any(gains(q, picked).get(r, 0) > 0 for r in (a, b))
    )
    statements = (
        tuple(s for c in catalog.combinations if {a, b} <= set(c.roles) for s in c.statements)
        if with_statements and scoring
        else ()
    )
    return Unclear(first, second, gap, needed, pulled, open_, statements)


def _ids(r: Reason) -> set[str]:
    return {role.id for role in r.roles}


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def fit(
    cert: Certification,
    budget: float | None,
    interests: tuple[str, ...],
    degree: bool | None = None,
) -> Fit:
    entry = lowest_entry(cert)
    price = entry.usd if entry else None
    within = True if budget is None else (None if price is None else price <= budget)
    words = [_fold(i) for i in interests]
    matches = tuple(s.text for s in cert.specialties if any(w in _fold(s.text) for w in words))
    needs = () if degree or cert.prerequisites is None else cert.prerequisites.degree
    return Fit(cert, price, entry, within, matches, tuple(needs))


def degree(picks: list[Choice], questionnaire: Questionnaire) -> bool | None:
    """Whether the answers say a degree is held (None: not asked, not sure or studying)."""
    asked = next((q for q in questionnaire.questions if q.id == EDUCATION), None)
    keys = {c.key for c in picks if asked is not None and c in asked.choices}
    return True if DEGREE in keys else False if NO_DEGREE in keys else None


def need(role: Role) -> tuple[Statement | None, bool | None]:
    """The sources' short answer on whether the role needs a certificate, and what it means
    for the next step: not required (False), otherwise a certificate is the way in (True);
    None when the sources are silent."""
    said = role.brief.certification[0] if role.brief and role.brief.certification else None
    if said is None:
        return None, None
    return said, not _fold(said.text).startswith(OPTIONAL)


def next_steps(
    catalog: Catalog, questionnaire: Questionnaire, top: Role, picks: list[Choice]
) -> NextSteps:
    """Certifications for the top role judged against the answers' budget and interests.

    The budget is the smallest `max_cost` among the answers. A certification whose price
    is unknown is kept and marked unknown, never dropped; interests only order the list
    (matches first), because most certifications list no specialties at all. One no
    longer offered to new candidates is never a next step (someone hiring may still meet
    a holder of it).
    """
    costs = [c.max_cost for c in picks if c.max_cost is not None]
    budget = min(costs) if costs else None
    interests = tuple(dict.fromkeys(i for c in picks for i in c.interests))
    hiring = questionnaire.id == HIRE
    has = degree(picks, questionnaire)
    held = [c for c in credentials(catalog, top) if hiring or offered(c)]
    fits = [fit(c, budget, interests, has if not hiring else True) for c in held]
    fits.sort(key=lambda f: (not f.matches, f.price is None, f.price or 0.0))
    step = catalog.steps[0] if catalog.steps and not hiring else None
    chosen_ = tuple(c for c in picks if _several(questionnaire, c))
    said, required = need(top) if not hiring else (None, None)
    return NextSteps(top, budget, interests, tuple(fits), step, chosen_, has, said, required)


def _several(questionnaire: Questionnaire, choice: Choice) -> bool:
    """The choice is a non-neutral answer to a question that takes several (an interest)."""
    return not choice.neutral and any(
        q.several and choice in q.choices for q in questionnaire.questions
    )


def lead(picks: list[Choice]) -> tuple[Statement, ...]:
    """The advice of every picked answer, in question order, each statement once."""
    found: dict[tuple[str, str], Statement] = {}
    for s in (s for c in picks for s in c.advice):
        found.setdefault((s.text, s.source), s)
    return tuple(found.values())


def guides(
    questionnaire: Questionnaire, ranking: tuple[Rank, ...], unclear: Unclear | None
) -> tuple[Guide, ...]:
    """The guides for the top role, or for both roles of an unclear result; none when no
    role scored (one role's advice would then be a pick at random)."""
    if not ranking or ranking[0].score <= 0:
        return ()
    named = {ranking[0].role.id} | ({unclear.second.role.id} if unclear else set())
    return tuple(g for g in questionnaire.guides if g.role in named)


def score(catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, object]) -> Result:
    """The whole result for a set of answers (checked first)."""
    checked = check(questionnaire, answers)
    ranking = rank(catalog, questionnaire, checked)
    if not ranking:
        message = f"questionnaire '{questionnaire.id}' gives no role any points"
        raise DataError([Problem("quiz.yaml", message)])
    picks = [c for _, picked in chosen(questionnaire, checked) for c in picked]
    hiring = questionnaire.id == HIRE
    close = unclear(catalog, questionnaire, checked, ranking, with_statements=not hiring)
    return Result(
        questionnaire,
        checked,
        ranking,
        reasons(catalog, questionnaire, checked),
        close,
        next_steps(catalog, questionnaire, ranking[0].role, picks),
        lead(picks),
        guides(questionnaire, ranking, close),
    )
