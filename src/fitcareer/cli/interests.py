"""`fitcareer interests`: the O*NET® Interest Profiler's items asked at a terminal (or
answered from a file), scored into six area scores and matched to the family's
occupations. fitcareer ships no items: --items reads O*NET's own file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fitcareer.cli.app import (
    EXIT_INTERRUPTED,
    FormatOpt,
    OutputOpt,
    SaveOpt,
    app,
    catalog,
    emit,
    fail,
    guard,
    say,
)
from fitcareer.cli.quiz import read_line, wrapped
from fitcareer.cli.settings import settings
from fitcareer.data import interests as data
from fitcareer.data.write import write_file
from fitcareer.errors import OutputError, UsageError, printable
from fitcareer.model_interests import AREAS, Item
from fitcareer.queries import interests as q
from fitcareer.render import Format
from fitcareer.terminal import isatty
from fitcareer.views import interests as views

INSTRUMENT = "onet-interest-profiler"
"""What a saved file says it answers (the fit quiz's files say `career` or `hire`)."""


@app.command(
    epilog=(
        "Examples:\n\n"
        "  fitcareer interests --items questions.json\n\n"
        "  fitcareer interests --items questions.json --save me-interests.json\n\n"
        "  fitcareer interests --items questions.json --answers me-interests.json\n\n"
        "  fitcareer interests --scores R=10,I=30,A=5,S=36,E=20,C=8 --zone 3\n\n"
        "  fitcareer report --answers me.json --interests me-interests.json"
    )
)
def interests(
    ctx: typer.Context,
    items: Annotated[
        Path | None,
        typer.Option(
            "--items",
            metavar="FILE",
            help="The O*NET Interest Profiler's questions as O*NET Web Services gives them (JSON; fitcareer ships none).",
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer from FILE instead of asking: JSON mapping question index to 1-5 or a word, O*NET's answer string (one digit an item), or a file written by --save.",
        ),
    ] = None,
    scores: Annotated[
        str | None,
        typer.Option(
            "--scores",
            metavar="R=N,I=N,...",
            help="Match six area scores you already have (e.g. from My Next Move) instead of answering.",
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--most",
            min=1,
            max=1000,
            metavar="N",
            help="The most an area can score, with --scores.",
        ),
    ] = 40,
    zone: Annotated[
        int | None,
        typer.Option(
            "--zone",
            min=1,
            max=5,
            metavar="N",
            help="The O*NET Job Zone (1-5) your education and experience reach: matches needing more are marked.",
        ),
    ] = None,
    save: SaveOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Your interest profile: O*NET's Interest Profiler scored into six areas, matched to the fitness family's occupations.

    Answer each activity with 1-5 (Strongly Dislike, Dislike, Unsure, Like, Strongly Like) or the word; ? (or s, not sure) for Unsure; b goes back, q quits. When standard input is not a terminal, answers are read one a line.
    """
    if (items is None) == (scores is None):
        raise UsageError("give --items FILE (O*NET's questions) or --scores, one of them")
    if scores is not None and (answers or save):
        raise UsageError("--scores matches scores you have; leave out --answers and --save")
    for target in (save, output):
        if target is not None:
            guard(target)
    cat = catalog(ctx)
    folder = settings(ctx).data_dir
    occupations = data.occupations(folder)
    source = data.ratings_from(occupations)
    if scores is not None:
        profile = q.from_scores(parse_scores(scores, top), top, occupations, zone)
    else:
        assert items is not None
        asked = data.items(items)
        given = read_answers(answers, asked) if answers else ask(asked)
        profile = q.profile(asked, given, occupations, zone)
    sheet = views.result(cat, profile, source)
    problem = None
    if save:
        problem = write_saved(save, profile, sheet.data())
    emit(sheet, fmt, output)
    if problem:
        fail(problem)
    if save:
        say(f"saved {save} (replay it: fitcareer interests --items FILE --answers {save})\n")


def parse_scores(text: str, top: int) -> tuple[int, ...]:
    """Six scores, `R=12,I=30,...` (letters or names, any order) or six numbers in RIASEC order."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    found: dict[str, int] = {}
    for n, part in enumerate(parts):
        key, _, number = part.rpartition("=")
        area = next((a for a in AREAS if key and a.lower().startswith(key.lower())), None)
        if not key and len(parts) == len(AREAS):
            area = AREAS[n]
        if area is None or not number.isascii() or not number.isdigit():
            raise UsageError(
                f"--scores: '{printable(part)[:30]}' is not an area and score like S=30"
            )
        if int(number) > top:
            raise UsageError(
                f"--scores: {area} {number} is over the most an area scores ({top}; --most N)"
            )
        found[area] = int(number)
    missing = [a for a in AREAS if a not in found]
    if missing:
        raise UsageError(f"--scores: no score for {', '.join(missing)}")
    return tuple(found[a] for a in AREAS)


def read_answers(path: Path, items: tuple[Item, ...]) -> dict[int, int]:
    """Answers from a JSON mapping of index to answer, the `answers` of a saved file, or
    O*NET's answer string (one digit 1-5 an item, in index order, as O*NET Web Services
    takes it)."""
    raw: Any = data.read_json(path, "answers file")
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str):
        said = raw.strip()
        if len(said) != len(items) or not said.isascii() or set(said) - set("12345"):
            raise UsageError(
                f"{path}: an answer string has one digit 1-5 for each of the {len(items)} items"
            )
        return {item.index: int(d) for item, d in zip(items, said, strict=True)}
    if isinstance(raw, dict) and "answers" in raw:
        if raw.get("instrument") != INSTRUMENT:
            raise UsageError(f"{path} is not a file written by fitcareer interests --save")
        raw = raw["answers"]
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: expected a mapping of question index to answer")
    known = {i.index for i in items}
    given: dict[int, int] = {}
    for key, answer in raw.items():
        index = int(key) if str(key).isascii() and str(key).isdigit() else None
        if index not in known:
            raise UsageError(f"{path}: '{printable(str(key))[:20]}' is no question index here")
        got = q.value(answer)
        if got is None:
            raise UsageError(
                f"{path}: question {index}: '{printable(str(answer))[:20]}' is not 1-5 or an answer word"
            )
        assert index is not None
        given[index] = got
    return given


def saved_scores(path: Path) -> tuple[tuple[int, ...], int]:
    """The six scores and the most an area scores, from a file written by --save."""
    raw: Any = data.read_json(path, "interests file")
    result = raw.get("result") if isinstance(raw, dict) else None
    if (
        not isinstance(raw, dict)
        or raw.get("instrument") != INSTRUMENT
        or not isinstance(result, dict)
    ):
        raise UsageError(f"{path} is not a file written by fitcareer interests --save")
    try:
        scores = tuple(int(result["scores"][a]) for a in AREAS)
        most = int(result["most"][AREAS[0]])
    except (KeyError, TypeError, ValueError):
        raise UsageError(f"{path}: its result has no six area scores") from None
    if most < 1 or not all(0 <= s <= most for s in scores):
        raise UsageError(f"{path}: its area scores are out of range")
    return scores, most


def write_saved(path: Path, profile: q.Profile, result: Any) -> str | None:
    answers = {str(k): v for k, v in sorted(profile.answers.items())}
    doc = {
        "instrument": INSTRUMENT,
        "answers": answers,
        "answer_string": "".join(str(v) for _, v in sorted(profile.answers.items())),
        "result": result,
    }
    blob = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    kept = f"(the result is printed above; {path} was not changed)"
    try:
        write_file(path, blob)
    except OutputError as e:
        return f"{e.message} {kept}"
    except OSError as e:
        return f"could not save to {path}: {e.strerror or e} {kept}"
    return None


PROMPT = "1 Strongly Dislike, 2 Dislike, 3 Unsure, 4 Like, 5 Strongly Like"


def ask(items: tuple[Item, ...]) -> dict[int, int]:
    """Ask every item in turn, as the fit quiz does: at a terminal re-asking on a bad
    answer, from a pipe one line per answer (a bad one ends the run, exit 2)."""
    interactive = isatty(sys.stdin)
    total = len(items)
    given: dict[int, int] = {}
    i = 0
    try:
        if interactive:
            say(
                wrapped(
                    "How would you feel about doing each kind of work? (O*NET® Interest Profiler)"
                )
                + "\n"
            )
            say(wrapped(views.NOTICE) + "\n")
        while i < total:
            item = items[i]
            kept = given.get(item.index)
            if interactive:
                keep = f", Enter keeps {kept}" if kept else ""
                say(f"\n{wrapped(f'{i + 1} of {total}: {item.text}', 2)}\n")
                say(wrapped(f"  {PROMPT}", 4) + "\n")
                tail = f"b back, q quit{keep}):".replace(" ", "\0")
                say(wrapped(f"  Your answer (1-5, ?; {tail}", 4) + " ")
            line = read_line(i + 1, total, interactive)
            text = line.strip().lower()
            if text == "q":
                say(f"stopped at {i + 1} of {total}; nothing was saved\n")
                raise typer.Exit(0)
            if text == "b" and i > 0:
                i -= 1
                continue
            got = q.value(text)
            if got is None and not text and kept:
                i += 1
                continue
            if got is None:
                problem = (
                    "this is the first one"
                    if text == "b"
                    else f"'{printable(text)[:20]}' is not an answer here"
                )
                if not interactive:
                    raise UsageError(f"item {i + 1} of {total}: {problem} (answer 1-5)")
                say(
                    wrapped(f"  {problem}: type 1-5 or ? if not sure; b goes back, q quits", 4)
                    + "\n"
                )
                continue
            given[item.index] = got
            i += 1
    except KeyboardInterrupt:
        say(f"\nfitcareer: interrupted at {i + 1} of {total}; nothing was saved\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    if interactive:
        say("\n")
    return given
