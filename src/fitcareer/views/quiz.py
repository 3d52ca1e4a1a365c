"""Turn quiz results and questionnaires into `Sheet`s."""

from __future__ import annotations

from typing import Any

from fitcareer.model import Catalog, Questionnaire, Role, Step
from fitcareer.queries.certs import accredited_by, offered
from fitcareer.queries.quiz import HIRE, LEAD, Fit, NextSteps, Reason, Result, Unclear, listed
from fitcareer.queries.wages import Area
from fitcareer.views import wages as wage_views
from fitcareer.views.sheet import UNKNOWN, Note, Sheet
from fitcareer.views.words import (
    Footnotes,
    dated,
    money,
    number,
    plain,
    price_caveats,
    price_words,
    statement,
)

LEAD_TITLE = "Health first"
"""The heading of what the answers say comes before anything else (medical clearance)."""

BAR = 20
"""Width of the top score's bar, in characters (`#`, so any terminal can show it)."""


def num(value: float) -> int | float:
    """A number for JSON: whole numbers without a trailing `.0`."""
    return int(value) if value == int(value) else value


def bar(score: float, top: float) -> str:
    if top <= 0 or score <= 0:
        return ""
    return "#" * max(1, round(score / top * BAR))


def points(value: float) -> str:
    return f"{number(value)} point{'' if value == 1 else 's'}"


DECIDING = 3
"""How many answers the verdict names as the ones that decided it."""
PULLED = 4
"""How many of the answers that pulled the top two apart an unclear verdict names."""


def deciding(res: Result) -> list[Reason]:
    """The answers that did most to put the top role ahead of the runner-up (for an unclear
    result, that gave the two most points), most first; at most `DECIDING`."""
    first = res.ranking[0].role.id
    second = res.ranking[1].role.id if len(res.ranking) > 1 else None

    def weight(r: Reason, role: str | None) -> float:
        return r.choice.weights.get(role, 0) if role else 0

    def lead(r: Reason) -> float:
        if res.unclear:
            return weight(r, first) + weight(r, second)
        return weight(r, first) - weight(r, second)

    ahead = [r for r in res.reasons if lead(r) > 0]
    return sorted(ahead, key=lead, reverse=True)[:DECIDING]


def _verdict(res: Result) -> str:
    if res.unclear:
        return _unclear_head(res.unclear)
    top = res.ranking[0]
    if len(res.ranking) < 2:
        return f"{top.role.name}, {points(top.score)} of {number(top.ceiling)}."
    runner = res.ranking[1]
    gap = top.score - runner.score
    return (
        f"{top.role.name}: {points(top.score)} of {number(top.ceiling)}, {number(gap)} more than"
        f" {runner.role.name} ({number(runner.score)})."
    )


def _why(r: Reason, notes: Footnotes) -> str:
    names = ", ".join(role.name for role in r.roles)
    cite = "(our inference)" if r.choice.inference else notes.ref(r.choice.source)
    return f"- {r.choice.reason} -> {names} {cite}"


def _decided(res: Result, notes: Footnotes) -> str:
    if res.unclear:
        return _pulled(res.unclear, notes)
    picked = deciding(res)
    if not picked:
        return "No answer set the top role apart."
    return "\n".join(_why(r, notes) for r in picked)


def _pulled(u: Unclear, notes: Footnotes) -> str:
    """The answers that pulled apart, and the questions that would decide it."""
    lines = []
    if u.pulled:
        lines.append(f"Pulled apart (some for {u.first.role.name}, some for {u.second.role.name}):")
        lines += [_why(r, notes) for r in u.pulled[:PULLED]]
        if len(u.pulled) > PULLED:
            lines.append(f"... and {len(u.pulled) - PULLED} more under Other answers")
    return "\n".join(lines) or "No answer set the top two apart."


def _deciders(res: Result) -> str:
    """Which questions, answered again, would decide an unclear result."""
    u = res.unclear
    if u is None:
        return ""
    place = {q.id: n for n, q in enumerate(res.questionnaire.questions, 1)}
    again = "fitcareer quiz" + (" --hire" if res.questionnaire.id == HIRE else "")
    if not u.open:
        return (
            f"Every question that could decide it is answered; look again at those above ({again})."
        )
    ids = ", ".join(f"{place[q.id]} {q.id}" for q in u.open)
    return f"Would decide it: questions {ids}, now not sure or for another role ({again})."


def _next(res: Result, total: int, notes: Footnotes) -> str:
    steps = res.next
    compare = f"Compare them: fitcareer certs --role {steps.role.id}"
    if res.questionnaire.id == HIRE:
        ncca = [
            f.cert.abbr
            for f in steps.certs
            if accredited_by(f.cert, "ncca") is True and offered(f.cert)
        ]
        if not steps.certs:
            return f"No credentials for {steps.role.name.lower()}s in the data."
        some = ", ".join(ncca[:3]) + (", ..." if len(ncca) > 3 else "")
        head = (
            f"Ask for an NCCA-accredited credential ({some})"
            if ncca
            else "Ask which credential they hold"
        )
        return f"{head}; every one: see Look for below.\n{compare}"
    asked = "Certificate needed" + (f" as a {steps.role.name.lower()}?" if res.unclear else "?")
    lines = []
    if steps.need is not None:
        lines.append(f"{asked} {_said(steps.need.text)} {notes.ref(steps.need.source)}")
    else:
        lines.append(f"{asked} {UNKNOWN}: no source here says it of this role.")
    within = [
        f for f in steps.certs if f.budget is True and not (f.needs and steps.degree is False)
    ]
    named = "; ".join(f"{f.cert.abbr} {_price(f, notes)}{_needs(f, notes)}" for f in within[:NAMED])
    fits = f"within your budget: {named}" + (
        "; more under Certifications" if len(within) > NAMED else ""
    )
    if steps.required is False:
        lines.append(
            "So: ask the gyms you would apply to what they require"
            + (f"; if you want one, {fits}" if within else "")
        )
    elif steps.step:
        first = f"Step {steps.step.n} of {total}: {steps.step.title}"
        lines.append(f"{first}; {fits}" if within else first)
    elif within:
        lines.append(fits[0].upper() + fits[1:])
    if not steps.certs:
        lines.append(f"No certifications for {steps.role.name.lower()}s in the data.")
    elif within or steps.required is False:
        lines.append(compare)
    return "\n".join(lines)


NAMED = 2
"""How many certifications within the budget the next step names (the rest are below)."""


def _said(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


def _needs(f: Fit, notes: Footnotes) -> str:
    """What a certification's prerequisites ask for that the answers do not say is held."""
    return "".join(f" (needs: {n.value} {notes.ref(n.source)})" for n in f.needs)


def told_apart(catalog: Catalog, res: Result, notes: Footnotes) -> str | None:
    """One sentence from the roles' sourced summaries setting apart two roles whose names
    are easily confused (one name contains the other), when the result names both."""
    named = [r.role for r in res.ranking]
    pairs = [
        (a, b) for a in named for b in named if a is not b and a.name.lower() in b.name.lower()
    ]
    if not pairs:
        return None
    return "\n".join(_apart(a, b, notes) for a, b in pairs)


def _apart(a: Role, b: Role, notes: Footnotes) -> str:
    def part(r: Role) -> str:
        text = r.summary.text.rstrip(".")
        return f"a {r.name.lower()} {text[0].lower()}{text[1:]} {notes.ref(r.summary.source)}"

    both = f"{part(a)}; {part(b)}."
    return both[0].upper() + both[1:]


def result(
    catalog: Catalog, res: Result, max_age: int, today: int, area: Area | None = None
) -> Sheet:
    """The verdict, the answers that decided it and the next step; then the breakdown:
    the ranking with bars, every reason with sources, the close note and the next steps.
    With ``area``, that area's pay for fitness trainers follows the next step. A price
    shows its date, and is judged old against ``today``, the run's year."""
    notes = Footnotes(catalog, max_age, today)
    top = res.ranking[0]
    lead = "\n".join(statement(s, notes) for s in res.lead)
    pay = None
    rows = [
        ["Verdict", _verdict(res)],
        ["Decided by", _decided(res, notes)],
        # Unclear: the next step is the question that would decide (a step for one of the
        # tied roles would be a pick); the leading role's certifications follow below.
        ["Next step", _next(res, len(catalog.steps), notes)]
        if top.score > 0 and not res.unclear
        else ["Next step", _deciders(res)],
        ["Ranking", _ranking(res, _unscored(catalog, res))],
    ]
    apart = told_apart(catalog, res, notes)
    if apart:
        rows.append(["Told apart", apart])
    shown = set(map(id, res.unclear.pulled[:PULLED] if res.unclear else deciding(res)))
    others = [_why(r, notes) for r in res.reasons if id(r) not in shown]
    if others:
        rows.append(["Other answers", "\n".join(others)])
    elif not res.reasons:
        rows.append(["Other answers", "No answer gave a role points."])
    if area is not None:
        pay = wage_views.short_line(catalog, area, notes)
        here = pay or f"{UNKNOWN}: no wages imported for {area.name}"
        rows.insert(3, ["Pay here", here])
    if lead:
        rows.insert(0, [LEAD_TITLE, lead])
    rows += _after(catalog, res, notes)
    best = "No clear fit yet" if res.unclear else f"Best fit: {top.role.name}"
    return Sheet(
        title=f"{res.questionnaire.title} {best}",
        header=["Part", "Your result"],
        rows=rows,
        payload={
            **result_payload(res, notes),
            **({"told_apart": apart} if apart else {}),
            **({"area_pay": pay} if area else {}),
            "not_scored": [r.id for r in _unscored(catalog, res)],
        },
        notes=[
            (
                "Decided by: the answers that pulled the top two apart, and the questions"
                " that would decide between them."
                if res.unclear
                else f"Decided by: the answers that put {top.role.name} furthest ahead."
            ),
            _ceiling_note(res),
            *notes.lines(),
            Note(
                "How the points work",
                hint="fitcareer quiz"
                + (" --hire" if res.questionnaire.id == HIRE else "")
                + " --questions",
            ),
        ],
        across=True,
    )


def _after(catalog: Catalog, res: Result, notes: Footnotes) -> list[list[str]]:
    """The rows below the first screen: doing both, what to look for, the guides and
    advice, the certifications and the first step."""
    top = res.ranking[0]
    rows = []
    if res.unclear and res.unclear.statements:
        rows.append(["Doing both", _both(res.unclear, notes)])
    # When no role scored, one role's credentials would be a pick at random: none are shown.
    if top.score > 0 and res.questionnaire.id == HIRE:
        rows.append(["Look for", _credentials(res.next, notes)])
    for guide in res.guides:
        rows.append([guide.title, "\n".join(statement(s, notes) for s in guide.statements)])
    if res.questionnaire.advice:
        advice = "\n".join(statement(s, notes) for s in res.questionnaire.advice)
        rows.append(["Before you hire" if res.questionnaire.id == HIRE else "Advice", advice])
    elif top.score > 0 and res.questionnaire.id != HIRE:
        rows.append(["Certifications", _certs(res.next, notes)])
    if res.next.step:
        rows.append(_step(res.next, len(catalog.steps), notes, top.score > 0))
    return rows


def _unscored(catalog: Catalog, res: Result) -> list[Role]:
    """The roles the career quiz's questions are not written for (a hiring quiz is about
    trainers alone, and says nothing of the others)."""
    if res.questionnaire.id == HIRE:
        return []
    scored = {r.role.id for r in res.ranking}
    return [r for r in catalog.roles.values() if r.id not in scored]


def _ranking(res: Result, unscored: list[Role]) -> str:
    top = res.ranking[0]
    width = max(len(r.role.name) for r in res.ranking)
    digits = max(len(number(r.score)) for r in res.ranking)
    lines = [
        f"{i}. {r.role.name:<{width}}  {number(r.score):>{digits}}  {bar(r.score, top.score)}".rstrip()
        for i, r in enumerate(res.ranking, 1)
    ]
    if unscored:
        lines.append(
            f"Not scored: {len(unscored)} more careers the questions are not written for"
            " (fitcareer roles)"
        )
    return "\n".join(lines)


def _ceiling_note(res: Result) -> str:
    top = res.ranking[0].ceiling
    return (
        f"Every role can reach {points(top)}; a clear fit leads the runner-up by at least"
        f" {LEAD * 100:g}% of that. Answers marked (our inference) rest on no article."
    )


def _unclear_head(u: Unclear) -> str:
    a, b = u.first, u.second
    if a.score <= 0:
        return "No clear fit yet: no answer gave any role points."
    how = f"tied at {points(a.score)}" if u.gap == 0 else f"{points(u.gap)} apart"
    return (
        f"No clear fit yet: {a.role.name} and {b.role.name} are {how}"
        f" (a clear fit leads by at least {number(u.needed)})."
    )


def _both(u: Unclear, notes: Footnotes) -> str:
    return "\n".join(statement(s, notes) for s in u.statements)


def _price(f: Fit, notes: Footnotes) -> str:
    """`from $249 exam (first time), date unknown`, with the price's caveats."""
    if f.entry is None:
        return f"price {UNKNOWN}"
    return f"from {price_words(f.entry, notes)} {notes.ref(f.entry.source)}"


def _certs(steps: NextSteps, notes: Footnotes) -> str:
    if not steps.certs:
        return f"No certifications for {steps.role.name.lower()}s in the data."
    budget = f"up to {money(steps.budget)}" if steps.budget is not None else "not given"
    lines = [f"For a {steps.role.name.lower()}; budget {budget}."]
    if steps.picked:
        lines[0] += f" Interests: {', '.join(c.key for c in steps.picked)}."
    shown = [f for f in steps.certs if f.budget is True or (f.budget is None and f.matches)]
    unknown = [f for f in steps.certs if f.budget is None and not f.matches]
    over = [f for f in steps.certs if f.budget is False]
    for f in shown:
        match = f"; matches your interests: {'; '.join(f.matches)}" if f.matches else ""
        lines.append(
            f"- {f.cert.abbr} ({f.cert.credential}): {_price(f, notes)}{_needs(f, notes)}{match}"
        )
    if not shown:
        lines.append("- None known to be within your budget.")
    if unknown:
        names = ", ".join(f"{f.cert.abbr}{_needs(f, notes)}" for f in unknown)
        lines.append(f"Price {UNKNOWN} (check before you count on them): {names}.")
    if over:
        names = "; ".join(f"{f.cert.abbr} {_price(f, notes)}{_needs(f, notes)}" for f in over)
        lines.append(f"Over your budget: {names}.")
    lines.append(f"Compare them: fitcareer certs --role {steps.role.id}")
    return "\n".join(lines)


def _credentials(steps: NextSteps, notes: Footnotes) -> str:
    if not steps.certs:
        return f"No credentials for {steps.role.name.lower()}s in the data."

    def name(f: Fit) -> str:
        if offered(f.cert):
            return f.cert.abbr
        refs = "".join(dict.fromkeys(notes.ref(s.source) for s in f.cert.withdrawn))
        return f"{f.cert.abbr} (no longer offered to new candidates {refs}; holders renew)"

    ncca = [name(f) for f in steps.certs if accredited_by(f.cert, "ncca") is True]
    others = [name(f) for f in steps.certs if name(f) not in ncca]
    lines = [f"Credentials a {steps.role.name.lower()} may hold, in this data:"]
    if ncca:
        lines.append(f"- NCCA-accredited: {', '.join(ncca)}")
    if others:
        lines.append(
            f"- {'Others' if ncca else 'Not known to be NCCA-accredited'}: {', '.join(others)}"
        )
    lines.append(f"Compare them: fitcareer certs --role {steps.role.id}")
    return "\n".join(lines)


def _step(steps: NextSteps, total: int, notes: Footnotes, named: bool) -> list[str]:
    """Step 1 under its own name, or, where the next step already names it, what it involves."""
    step: Step | None = steps.step
    assert step is not None
    lines = [statement(s, notes) for s in step.involves]
    lines.append("Every step: fitcareer steps")
    if named and steps.required is not False:
        return [f"Step {step.n} involves", "\n".join(lines)]
    head = "If you certify" if steps.required is False else "First step"
    return [head, "\n".join([f"Step {step.n} of {total}: {step.title}", *lines])]


def result_payload(res: Result, notes: Footnotes) -> dict[str, Any]:
    """The result as JSON-ready data (also what `--save` stores); `notes` has numbered the sources."""
    unclear = res.unclear
    steps = res.next
    return {
        "questionnaire": res.questionnaire.id,
        "ranking": [
            {
                "role": r.role.id,
                "name": r.role.name,
                "score": num(r.score),
                "ceiling": num(r.ceiling),
            }
            for r in res.ranking
        ],
        "reasons": [
            {
                "question": r.question.id,
                "answer": r.choice.key,
                "reason": r.choice.reason,
                "roles": [role.id for role in r.roles],
                "source": r.choice.source,
                "date": r.choice.date,
                "inference": r.choice.inference,
            }
            for r in res.reasons
        ],
        "unclear": (
            {
                "roles": [unclear.first.role.id, unclear.second.role.id],
                "gap": num(unclear.gap),
                "needed": num(unclear.needed),
                "pulled": [
                    {"question": r.question.id, "answer": r.choice.key} for r in unclear.pulled
                ],
                "would_decide": [q.id for q in unclear.open],
                "statements": [plain(s) for s in unclear.statements],
            }
            if unclear
            else None
        ),
        "next_steps": {
            "role": steps.role.id,
            "budget": num(steps.budget) if steps.budget is not None else None,
            "interests": list(steps.interests),
            "picked": [c.key for c in steps.picked],
            "degree": steps.degree,
            "certificate_needed": (
                {"required": steps.required, **plain(steps.need)} if steps.need else None
            ),
            "certifications": [_fit_payload(f, notes) for f in steps.certs],
            "first_step": plain(steps.step) if steps.step else None,
        },
        "lead": [plain(s) for s in res.lead],
        "guides": [plain(g) for g in res.guides],
        "sources": notes.payload(),
    }


def _fit_payload(f: Fit, notes: Footnotes) -> dict[str, Any]:
    """A certification the next step offers, with its lowest price and how it fits."""
    return {
        "id": f.cert.id,
        "abbr": f.cert.abbr,
        "credential": f.cert.credential,
        "lowest_price": num(f.price) if f.price is not None else None,
        "lowest_price_dated": dated(f.entry.date) if f.entry else None,
        "lowest_price_caveats": price_caveats(f.entry, notes) if f.entry else [],
        "offered": offered(f.cert),
        "budget": {True: "within", False: "over", None: UNKNOWN}[f.budget],
        "matches": list(f.matches),
        "needs": [{"degree": n.value, "source": n.source, "date": n.date} for n in f.needs],
    }


def questions(catalog: Catalog, questionnaire: Questionnaire) -> Sheet:
    """Every question, its choices and the points each gives: how the score is made."""
    rows = []
    for i, q in enumerate(questionnaire.questions, 1):
        lines = ["(one or more)"] if q.several else []
        numbers = {c.key: str(n) for n, c in enumerate(listed(q), 1)}
        for c in q.choices:
            lines.append(f"{numbers.get(c.key, '?')} {c.key}: {c.label}")
            gains = sorted(c.weights.items(), key=lambda kv: -kv[1])
            extra = [
                f"{w:+g} {catalog.roles[r].name if r in catalog.roles else r}" for r, w in gains
            ]
            if c.max_cost is not None:
                extra.append(f"budget {money(c.max_cost)}")
            if c.interests:
                extra.append(f"interests: {', '.join(c.interests)}")
            if c.inference:
                extra.append("our inference")
            lines.append(f"    {', '.join(extra) or 'no points'}")
        rows.append([q.id, f"{i}. {q.text}", "\n".join(lines)])
    return Sheet(
        title=f"{questionnaire.title} ({len(questionnaire.questions)} questions)",
        header=["ID", "Question", "Answers and points"],
        rows=rows,
        payload=[
            {
                "id": q.id,
                "text": q.text,
                "several": q.several,
                "choices": [
                    {
                        "key": c.key,
                        "label": c.label,
                        "weights": {r: num(w) for r, w in c.weights.items()},
                        "neutral": c.neutral,
                        "inference": c.inference,
                        "quote": c.quote,
                        "source": c.source,
                    }
                    for c in q.choices
                ],
            }
            for q in questionnaire.questions
        ],
        notes=[
            "A role's score is the sum of the points of your answers; on a question taking"
            " several, each role gets the most any one of them gives it.",
            f"Every role can reach the same score; a clear fit leads the runner-up by at least"
            f" {LEAD * 100:g}% of it, anything less is no clear fit yet.",
            "? (not sure) gives no points; (our inference) marks points no article states.",
            Note(
                "Answer from a file",
                hint="fitcareer quiz --answers FILE (question ID: answer key, one a line)",
            ),
        ],
        empty="No questions.",
    )
