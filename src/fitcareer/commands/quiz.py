"""`fitcareer quiz`: the command's options. The questionnaire itself runs in
`quizflow`, imported only when the quiz is taken, so other commands start faster."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fitcareer.cli import FormatOpt, OutputOpt, app
from fitcareer.render import Format


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
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Also write the answers and the result to FILE as JSON (replaced whole, never half-written).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    """Find the fitness career that fits you: one question at a time, then a ranked, explained result.

    Answer with the number or the word; b goes back, q quits. When standard input is not a terminal, answers are read one a line.
    """
    from fitcareer.commands import quizflow

    quizflow.run(hire, questions, answers, save, fmt, output)
