"""`fitcareer quiz`: the fit questionnaire, asked at a terminal, read from a pipe or from a file.

Questions and prompts go to stderr, so standard output holds only the result (and with
`--format json`, only the JSON). Answers are read with our own `readline` wrapper rather
than `typer.prompt`, which would turn Ctrl-C into "Aborted." and exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fitcareer.cli.app import (
    EXIT_INTERRUPTED,
    AreaOpt,
    FormatOpt,
    OutputOpt,
    SaveOpt,
    app,
    catalog,
    emit,
    fail,
    guard,
    run_date,
    say,
)
from fitcareer.cli.settings import settings
from fitcareer.data.given import MAX_BYTES, read_given
from fitcareer.data.write import write_file
from fitcareer.errors import DataError, FitcareerError, OutputError, UsageError, printable
from fitcareer.model import Question, Questionnaire
from fitcareer.queries.lookup import find_questionnaire
from fitcareer.queries.quiz import (
    BACK,
    HIRE,
    QUIT,
    Answer,
    hint,
    neutral,
    pick,
    score,
    shown,
    value,
)
from fitcareer.queries.wages import find_area
from fitcareer.render import Format
from fitcareer.terminal import FALLBACK, columns, isatty, wrap
from fitcareer.views import quiz as views
from fitcareer.views import wages as wage_views

CAREER = "career"
"""The questionnaire asked without --hire."""


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer quiz\n\n"
        "  fitcareer quiz --hire\n\n"
        "  fitcareer quiz --questions --format json\n\n"
        "  fitcareer quiz --answers answers.yaml --format json\n\n"
        "  fitcareer quiz --save result.json\n\n"
        "  fitcareer quiz --answers result.json\n\n"
        "  printf '1\\n2\\n1\\n...' | fitcareer quiz"
    )
)
def quiz(
    ctx: typer.Context,
    hire: Annotated[
        bool,
        typer.Option(
            "--hire",
            help="Ask the shorter questionnaire for choosing between group classes and a personal trainer.",
        ),
    ] = False,
    questions: Annotated[
        bool,
        typer.Option(
            "--questions",
            help="Print every question, its answers and the points each gives, then exit.",
        ),
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer from FILE instead of asking: YAML or JSON mapping question ID to answer key (or a file written by --save; - reads standard input).",
        ),
    ] = None,
    save: SaveOpt = None,
    area: AreaOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Find the fitness career that fits you: one question at a time, then a ranked, explained result.

    Answer with the number or the word (several, separated by commas or spaces, where a question takes more than one); ? (or s, skip, not sure) if you are not sure; b goes back, q quits. When standard input is not a terminal, answers are read one a line.
    """
    if questions and (answers or save or area):
        raise UsageError(
            "--questions prints the questionnaire; leave out --answers, --save and --area"
        )
    if hire and area:
        raise UsageError("--area shows a trainer's pay, for the career quiz; leave out --hire")
    for target in (save, output):
        if target is not None:
            guard(target)
    data = catalog(ctx, areas=area is not None)
    questionnaire = find_questionnaire(data, HIRE if hire else CAREER)
    max_age = settings(ctx).max_age
    if questions:
        emit(views.questions(data, questionnaire), fmt, output)
        return
    today = run_date().year  # before the questions: a bad SOURCE_DATE_EPOCH fails at once
    given = read_answers(answers, questionnaire) if answers else ask(questionnaire)
    result = score(data, questionnaire, given)
    place = find_area(data, area, wage_views.HOW) if area is not None else None
    sheet = views.result(data, result, max_age, today, place)
    problem = write(save, questionnaire, result.answers, sheet.data()) if save else None
    emit(sheet, fmt, output)
    if not answers and fmt is Format.table and output is None and isatty(sys.stdout):
        verdict = (
            "No clear fit yet" if result.unclear else f"Best fit: {result.ranking[0].role.name}"
        )
        say(
            wrapped(
                f"{verdict}: the answers that decided it and the next step lead the result above."
            )
        )
        say("\n")
    if problem:
        fail(problem)
    if save:
        say(f"saved {save} (replay it: fitcareer quiz --answers {save})\n")


def read_answers(path: Path, questionnaire: Questionnaire) -> dict[str, object]:
    """The answers in a YAML or JSON file: a plain mapping, or the `answers` of a saved file."""
    from fitcareer.data import parse  # imports yaml: only when there is a file to read

    name = str(path)
    raw = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else read_given(path, "answers file")
    if len(raw) > MAX_BYTES:
        raise UsageError(f"answers file '{name}' is larger than 1 MiB")
    try:
        data = parse.parse(raw, name)
    except DataError as e:
        raise UsageError(str(e.problems[0])) from None
    if not isinstance(data, dict):
        found = type(data).__name__
        raise UsageError(f"{name}: expected a mapping of question ID to answer key, found {found}")
    if isinstance(data.get("answers"), dict):
        saved = data.get("questionnaire", questionnaire.id)
        if saved != questionnaire.id:
            raise OtherQuestionnaire(name, saved, questionnaire.id)
        data = data["answers"]
    return {str(k): v for k, v in data.items()}


class OtherQuestionnaire(UsageError):
    """A saved answers file holds answers to another questionnaire than the one asked."""

    def __init__(self, name: str, saved: object, asked: str) -> None:
        self.saved = saved
        which = printable(str(saved))
        if saved == HIRE:
            message = f"{name} holds answers to the '{which}' questionnaire (add --hire)"
        elif asked == HIRE and saved == CAREER:
            message = f"{name} holds answers to the '{which}' questionnaire (leave out --hire)"
        else:
            message = (
                f"{name} holds answers to the '{which[:40]}' questionnaire, which fitcareer "
                "does not ask; answer again with: fitcareer quiz --save FILE"
            )
        super().__init__(message)


def write(
    path: Path, questionnaire: Questionnaire, answers: dict[str, Answer], result: Any
) -> str | None:
    """Save atomically; on failure, the one line to report (the old file is left as it was)."""
    doc = {"questionnaire": questionnaire.id, "answers": answers, "result": result}
    blob = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        write_file(path, blob)
    except OutputError as e:
        return f"{e.message} (the result is printed above; {path} was not changed)"
    except OSError as e:
        return f"could not save to {path}: {e.strerror or e} (the result is printed above; {path} was not changed)"
    return None


def ask(questionnaire: Questionnaire) -> dict[str, Answer]:
    """Ask every question in turn: at a terminal with prompts, re-asking on a bad answer;
    from a pipe one line per answer, where a bad answer ends the run (exit 2)."""
    interactive = isatty(sys.stdin)
    questions = questionnaire.questions
    total = len(questions)
    given: dict[str, Answer] = {}
    i = 0
    try:
        if interactive:
            intro = [questionnaire.intro] if questionnaire.intro else []
            say("\n".join(wrapped(line) for line in [questionnaire.title, *intro]) + "\n")
        while i < total:
            question = questions[i]
            kept = given.get(question.id)
            if interactive:
                say(_show(question, i + 1, total, kept))
            line = read_line(i + 1, total, interactive)
            text = line.strip().lower()
            if text == QUIT:
                say(f"quiz stopped at question {i + 1} of {total}; nothing was saved\n")
                raise typer.Exit(0)
            if text == BACK and i > 0:
                i -= 1
                continue
            choice = pick(question, text)
            if choice is None and not text and kept:
                i += 1
                continue
            if choice is None:
                problem = (
                    "this is the first question"
                    if text == BACK
                    else f"'{printable(shown(line.strip()))}' is not an answer here"
                )
                if not interactive:
                    raise UsageError(
                        f"question {i + 1} of {total} ({question.id}): {problem} (answer {hint(question)})"
                    )
                unsure = "; ? if not sure" if neutral(question) else ""
                say(wrapped(f"  {problem}: type {hint(question)}; b goes back, q quits{unsure}", 4))
                say("\n")
                continue
            given[question.id] = value(question, choice)
            i += 1
    except KeyboardInterrupt:
        say(f"\nfitcareer: quiz interrupted at question {i + 1} of {total}; nothing was saved\n")
        raise SystemExit(EXIT_INTERRUPTED) from None  # said: not `typer.Exit`, which `main` words
    if interactive:
        say("\n")
    return given


def wrapped(text: str, indent: int = 0) -> str:
    """Text wrapped at word boundaries, one column short of the width (so a prompt's
    cursor never wraps); `\0` binds words that must stay on one line."""
    width = columns(sys.stderr) or FALLBACK
    return "\n".join(wrap(text, width - 1, indent)).replace("\0", " ")


def _show(question: Question, n: int, total: int, kept: Answer | None) -> str:
    width = max(len(c.key) for c in question.choices)
    lines = ["", wrapped(f"Question {n} of {total}: {question.text}", 2)]
    numbers = iter(range(1, len(question.choices) + 1))
    for c in question.choices:
        head = f"  {'?' if c.neutral else next(numbers)}) {c.key:<{width}}  "
        lines.append(wrapped(f"{head}{c.label}", len(head)))
    shown_kept = kept if isinstance(kept, str) or kept is None else ",".join(kept)
    keep = f", Enter keeps '{shown_kept}'" if shown_kept else ""
    unsure = "? not sure; " if neutral(question) else ""
    tail = f"{unsure}b back, q quit{keep}):".replace(" ", "\0")
    return "\n".join([*lines, wrapped(f"Your answer ({hint(question)}; {tail}")]) + " "


MAX_LINE = 1000
"""Longest answer line read; a longer one (``< /dev/zero``) is refused, never read whole."""


def read_line(n: int, total: int, interactive: bool) -> str:
    """One line of input; end of input cancels the quiz (exit 1). A line longer than
    ``MAX_LINE`` is no answer: skipped at a terminal, a usage error from a pipe."""
    stream = sys.stdin
    try:
        line = stream.readline(MAX_LINE + 1) if stream is not None else ""
    except UnicodeDecodeError:
        return "\ufffd"
    if len(line) > MAX_LINE and not line.endswith("\n"):
        if not interactive:
            raise UsageError(
                f"question {n} of {total}: answer line longer than {MAX_LINE:,} characters"
            )
        while line and not line.endswith("\n"):
            line = stream.readline(MAX_LINE + 1)
        return "\ufffd"
    if not line:
        if interactive:
            say("\n")
        raise FitcareerError(
            f"quiz cancelled at question {n} of {total} (use --answers FILE to answer from a file)"
        )
    return line
