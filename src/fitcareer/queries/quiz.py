"""The quiz, as pure functions: checking answers, scoring, and the next steps.

A role's score is the sum of the points (``weights``) the chosen answers give it. Every
role a questionnaire gives points to is ranked, best first; equal scores keep the order
of the roles in the data. No I/O and no printing happens here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import (
    Catalog,
    Certification,
    Choice,
    Question,
    Questionnaire,
    Role,
    Statement,
    Step,
)
from fitcareer.queries.certs import lowest_price
from fitcareer.queries.roles import credentials

CLOSE = 0.10
"""The top two roles are close (both fit) when the second scores within this share of the top score."""

HIRE = "hire"
"""The questionnaire for people hiring: its next steps are credentials to look for rather than
the path to certification, and a close result leaves out the sources' do-both career path."""

BACK, QUIT = "b", "q"
"""What a person types to go back one question, or to stop."""


@dataclass(frozen=True, slots=True)
class Rank:
    role: Role
    score: float


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one answer counts, and for which roles (those it gives points, most first)."""

    question: Question
    choice: Choice
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Close:
    """The top two roles scored within `CLOSE` of each other."""

    first: Rank
    second: Rank
    gap: float
    percent: float | None
    """The gap as a share of the top score in percent; None when the top score is not positive."""
    statements: tuple[Statement, ...]
    """What the sources say about doing both."""


@dataclass(frozen=True, slots=True)
class Fit:
    """How one certification fits the answers."""

    cert: Certification
    price: float | None
    """The cheapest known way in, in US dollars; None when unknown."""
    budget: bool | None
    """Within the budget (True), over it (False), or unknown because the price is."""
    matches: tuple[str, ...]
    """Specialties that match the answers' interests."""


@dataclass(frozen=True, slots=True)
class NextSteps:
    role: Role
    budget: float | None
    interests: tuple[str, ...]
    certs: tuple[Fit, ...]
    """Every certification for the role: interest matches first, then cheapest first, unknown prices last."""
    step: Step | None
    """The first step on the path to certification (none for people hiring)."""


@dataclass(frozen=True, slots=True)
class Result:
    questionnaire: Questionnaire
    answers: dict[str, str]
    ranking: tuple[Rank, ...]
    reasons: tuple[Reason, ...]
    close: Close | None
    next: NextSteps


def resolve(question: Question, answer: object) -> Choice | None:
    """The choice an answer picks: its number (from 1) or its key, any case; None if neither.

    Only ASCII digits are a number: ``"²"`` and ``"①"`` pass ``str.isdigit`` but are no
    answer.
    """
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        text = str(answer)
    elif isinstance(answer, str):
        text = answer.strip().lower()
    else:
        return None
    if text.isascii() and text.isdigit() and len(text) <= 3:
        number = int(text)
        return question.choices[number - 1] if 1 <= number <= len(question.choices) else None
    return next((c for c in question.choices if c.key == text), None)


def hint(question: Question) -> str:
    """What a valid answer to a question looks like."""
    keys = ", ".join(c.key for c in question.choices)
    return f"1-{len(question.choices)} or {keys}"


def check(questionnaire: Questionnaire, answers: Mapping[str, object]) -> dict[str, str]:
    """Answers as question id -> choice key, or a `UsageError` naming every problem.

    Unknown question ids, answers that pick no choice, and unanswered questions are all
    reported in one message, so a file can be fixed in one go.
    """
    questions = {q.id: q for q in questionnaire.questions}
    unknown = [str(k) for k in answers if k not in questions]
    invalid: list[str] = []
    checked: dict[str, str] = {}
    for question in questionnaire.questions:
        if question.id not in answers:
            continue
        choice = resolve(question, answers[question.id])
        if choice is None:
            invalid.append(
                f"'{shown(answers[question.id])}' for '{question.id}' (answer {hint(question)})"
            )
        else:
            checked[question.id] = choice.key
    missing = [q.id for q in questionnaire.questions if q.id not in answers]
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


def chosen(
    questionnaire: Questionnaire, answers: Mapping[str, str]
) -> list[tuple[Question, Choice]]:
    """Each question with the choice its (checked) answer picks, in question order."""
    return [
        (q, next(c for c in q.choices if c.key == answers[q.id])) for q in questionnaire.questions
    ]


def rank(
    catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, str]
) -> tuple[Rank, ...]:
    """Every role the questionnaire scores, best first; ties keep the data's role order."""
    candidates = roles(catalog, questionnaire)
    totals = dict.fromkeys((r.id for r in candidates), 0.0)
    for _, choice in chosen(questionnaire, answers):
        for role_id, points in choice.weights.items():
            if role_id in totals:
                totals[role_id] += points
    order = {r.id: i for i, r in enumerate(candidates)}
    # Rounding keeps float noise (0.1 + 0.2) from breaking a tie the data means.
    ranked = sorted(candidates, key=lambda r: (-round(totals[r.id], 9), order[r.id]))
    return tuple(Rank(r, round(totals[r.id], 9)) for r in ranked)


def reasons(
    catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, str]
) -> tuple[Reason, ...]:
    """The reason of every answer that gives a role points, in question order."""
    found = []
    for question, choice in chosen(questionnaire, answers):
        gains = sorted(
            (r for r, w in choice.weights.items() if w > 0 and r in catalog.roles),
            key=lambda r: -choice.weights[r],
        )
        if choice.reason and gains:
            found.append(Reason(question, choice, tuple(catalog.roles[r] for r in gains)))
    return tuple(found)


def close(
    catalog: Catalog, ranking: tuple[Rank, ...], with_statements: bool = True
) -> Close | None:
    """The top two when the gap between them is at most `CLOSE` of the top score."""
    if len(ranking) < 2:
        return None
    first, second = ranking[0], ranking[1]
    gap = round(first.score - second.score, 9)
    if gap > CLOSE * max(first.score, 0.0):
        return None
    percent = round(gap / first.score * 100, 1) if first.score > 0 else None
    pair = {first.role.id, second.role.id}
    statements = (
        tuple(s for c in catalog.combinations if pair <= set(c.roles) for s in c.statements)
        if with_statements
        else ()
    )
    return Close(first, second, gap, percent, statements)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def fit(cert: Certification, budget: float | None, interests: tuple[str, ...]) -> Fit:
    price = lowest_price(cert)
    within = True if budget is None else (None if price is None else price <= budget)
    words = [_fold(i) for i in interests]
    matches = tuple(s.text for s in cert.specialties if any(w in _fold(s.text) for w in words))
    return Fit(cert, price, within, matches)


def next_steps(
    catalog: Catalog, questionnaire: Questionnaire, top: Role, picks: list[Choice]
) -> NextSteps:
    """Certifications for the top role judged against the answers' budget and interests.

    The budget is the smallest `max_cost` among the answers. A certification whose price
    is unknown is kept and marked unknown, never dropped; interests only order the list
    (matches first), because most certifications list no specialties at all.
    """
    costs = [c.max_cost for c in picks if c.max_cost is not None]
    budget = min(costs) if costs else None
    interests = tuple(dict.fromkeys(i for c in picks for i in c.interests))
    fits = [fit(c, budget, interests) for c in credentials(catalog, top)]
    fits.sort(key=lambda f: (not f.matches, f.price is None, f.price or 0.0))
    hiring = questionnaire.id == HIRE
    step = catalog.steps[0] if catalog.steps and not hiring else None
    return NextSteps(top, budget, interests, tuple(fits), step)


def score(catalog: Catalog, questionnaire: Questionnaire, answers: Mapping[str, object]) -> Result:
    """The whole result for a set of answers (checked first)."""
    checked = check(questionnaire, answers)
    ranking = rank(catalog, questionnaire, checked)
    if not ranking:
        message = f"questionnaire '{questionnaire.id}' gives no role any points"
        raise DataError([Problem("quiz.yaml", message)])
    picks = [c for _, c in chosen(questionnaire, checked)]
    hiring = questionnaire.id == HIRE
    return Result(
        questionnaire,
        checked,
        ranking,
        reasons(catalog, questionnaire, checked),
        close(catalog, ranking, with_statements=not hiring),
        next_steps(catalog, questionnaire, ranking[0].role, picks),
    )
