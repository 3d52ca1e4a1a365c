"""`fitcareer quiz`: the fit questionnaire, asked at a terminal, read from a pipe or from a file.

Questions and prompts go to stderr, so standard output holds only the result (and with
`--format json`, only the JSON). Answers are read with our own `readline` wrapper rather
than `typer.prompt`, which would turn Ctrl-C into "Aborted." and exit 1.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import typer

from fitcareer import quizview, store
from fitcareer.catalog import find_questionnaire
from fitcareer.cli import EXIT_INTERRUPTED, catalog, emit, fail
from fitcareer.errors import DataError, FitcareerError, UsageError
from fitcareer.models import Question, Questionnaire
from fitcareer.quiz import BACK, HIRE, QUIT, hint, resolve, score
from fitcareer.render import Format

MAX_BYTES = 1024 * 1024
"""Answers files larger than this are refused (a full answer set is well under 1 KiB)."""


def run(
    hire: bool,
    questions: bool,
    answers: Path | None,
    save: Path | None,
    fmt: Format,
    output: Path | None = None,
) -> None:
    """Ask (or read) the answers, score them, print the result and save it if asked."""
    if questions and (answers or save):
        raise UsageError("--questions prints the questionnaire; leave out --answers and --save")
    data = catalog()
    questionnaire = find_questionnaire(data, HIRE if hire else "career")
    if questions:
        emit(quizview.questions(data, questionnaire), fmt, output)
        return
    given = read_answers(answers, questionnaire) if answers else ask(questionnaire)
    result = score(data, questionnaire, given)
    sheet = quizview.result(data, result)
    problem = write(save, questionnaire, result.answers, sheet.data()) if save else None
    emit(sheet, fmt, output)
    if problem:
        fail(problem)
    if save:
        sys.stderr.write(f"saved {save} (replay it: fitcareer quiz --answers {save})\n")


def read_answers(path: Path, questionnaire: Questionnaire) -> dict[str, object]:
    """The answers in a YAML or JSON file: a plain mapping, or the `answers` of a saved file."""
    from fitcareer import loader  # imports yaml: only when there is a file to read

    name = str(path)
    raw = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else _read(path)
    if len(raw) > MAX_BYTES:
        raise UsageError(f"answers file '{name}' is larger than 1 MiB")
    try:
        data = loader.parse(raw, name)
    except DataError as e:
        raise UsageError(str(e.problems[0])) from None
    if not isinstance(data, dict):
        found = type(data).__name__
        raise UsageError(f"{name}: expected a mapping of question ID to answer key, found {found}")
    if isinstance(data.get("answers"), dict):
        saved = data.get("questionnaire", questionnaire.id)
        if saved != questionnaire.id:
            fix = "add --hire" if saved == HIRE else "leave out --hire"
            raise UsageError(f"{name} holds answers to the '{saved}' questionnaire ({fix})")
        data = data["answers"]
    return {str(k): v for k, v in data.items()}


def _read(path: Path) -> bytes:
    """At most one byte over the limit, so `<(...)` pipes work and `/dev/zero` cannot fill memory."""
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            raise UsageError(f"answers file '{path}' is a directory")
        with open(path, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"answers file '{path}': no such file") from None
    except OSError as e:
        raise UsageError(f"answers file '{path}': {e.strerror or e}") from None


def write(
    path: Path, questionnaire: Questionnaire, answers: dict[str, str], result: Any
) -> str | None:
    """Save atomically; on failure, the one line to report (the old file is left as it was)."""
    doc = {"questionnaire": questionnaire.id, "answers": answers, "result": result}
    blob = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        store.write_atomic(path, blob)
    except OSError as e:
        return f"could not save to {path}: {e.strerror or e} (the result is printed above; {path} was not changed)"
    return None


def ask(questionnaire: Questionnaire) -> dict[str, str]:
    """Ask every question in turn: at a terminal with prompts, re-asking on a bad answer;
    from a pipe one line per answer, where a bad answer ends the run (exit 2)."""
    interactive = _isatty()
    questions = questionnaire.questions
    total = len(questions)
    given: dict[str, str] = {}
    i = 0
    try:
        if interactive:
            intro = f"\n{questionnaire.intro}" if questionnaire.intro else ""
            _say(f"{questionnaire.title}{intro}\n")
        while i < total:
            question = questions[i]
            kept = given.get(question.id)
            if interactive:
                _say(_show(question, i + 1, total, kept))
            line = _line(i + 1, total, interactive)
            text = line.strip().lower()
            if text == QUIT:
                _say(f"quiz stopped at question {i + 1} of {total}; nothing was saved\n")
                raise typer.Exit(0)
            if text == BACK and i > 0:
                i -= 1
                continue
            choice = resolve(question, text)
            if choice is None and not text and kept:
                i += 1
                continue
            if choice is None:
                problem = (
                    "this is the first question"
                    if text == BACK
                    else f"'{line.strip()}' is not an answer here"
                )
                if not interactive:
                    raise UsageError(
                        f"question {i + 1} of {total} ({question.id}): {problem} (answer {hint(question)})"
                    )
                _say(f"  {problem}: type {hint(question)}; b goes back, q quits\n")
                continue
            given[question.id] = choice.key
            i += 1
    except KeyboardInterrupt:
        _say(f"\nfitcareer: quiz interrupted at question {i + 1} of {total}; nothing was saved\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if interactive:
        _say("\n")
    return given


def _show(question: Question, n: int, total: int, kept: str | None) -> str:
    width = max(len(c.key) for c in question.choices)
    lines = ["", f"Question {n} of {total}: {question.text}"]
    lines += [f"  {k}) {c.key:<{width}}  {c.label}" for k, c in enumerate(question.choices, 1)]
    keep = f", Enter keeps {kept}" if kept else ""
    lines.append(f"Your answer ({hint(question)}; b back, q quit{keep}): ")
    return "\n".join(lines)


def _line(n: int, total: int, interactive: bool) -> str:
    """One line of input; end of input cancels the quiz (exit 1)."""
    stream = sys.stdin
    try:
        line = stream.readline() if stream is not None else ""
    except UnicodeDecodeError:
        return "\ufffd"
    if not line:
        if interactive:
            _say("\n")
        raise FitcareerError(
            f"quiz cancelled at question {n} of {total} (use --answers FILE to answer from a file)"
        )
    return line


def _say(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _isatty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False
