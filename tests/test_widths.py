"""Nothing is ever cut: every command, at 40 to 120 columns, keeps each line within the width
and every word, figure and id whole on one line.

A word counts as cut when the narrow output holds a piece of it that the same command's
wide output (and its JSON, where it has one) never shows as a word of its own: `Gym manage`
/ `r`, `(BLS SOC 39-90` / `31)`. Only words too long for any line (web addresses) may be
folded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import invoke_main, ok
from fitcareer.render import LEFT_OUT

pytestmark = pytest.mark.usefixtures("warm_cache")

WIDTHS = (40, 60, 80, 100, 120)

WIDE = 1000

FOUR = ("personal-trainer", "gym-manager", "group-fitness-instructor", "fitness-instructor")

FAMILY = (
    "athletic-trainer",
    "exercise-physiologist",
    "coach",
    "recreation-worker",
    "physical-therapist-assistant",
    "dietitian",
    "recreational-therapist",
    "recreation-manager",
    "yoga-instructor",
    "pilates-instructor",
)
"""The neighbouring careers, each profile checked at every width."""

COMMANDS: list[tuple[str, ...]] = [
    ("compare",),
    ("compare", *FOUR),
    ("roles",),
    ("roles", "personal-trainer"),
    *(("roles", role) for role in FAMILY),
    ("compare", "athletic-trainer", "personal-trainer"),
    ("compare", "exercise-physiologist", "fitness-instructor", "coach", "dietitian"),
    ("income", "athletic-trainer", "--area", "Texas"),
    ("certs",),
    ("certs", "--accredited", "NCCA"),
    ("certs", "nasm-cpt"),
    ("certs", "nasm-cpt", "ace-cpt"),
    ("certs", "nasm-cpt", "ace-cpt", "--detail"),
    ("steps",),
    ("steps", "--cert", "nasm-cpt"),
    ("steps", "--cert", "nasm-cpt", "--detail"),
    ("income",),
    ("income", "--rate", "60", "--sessions-per-week", "20"),
    ("wages",),
    ("sources",),
    ("sources", "SOURCE"),
    ("quiz", "--answers", "ANSWERS"),
    ("quiz", "--hire", "--answers", "ANSWERS"),
    ("quiz", "--questions"),
    ("report", "--answers", "ANSWERS", "-o", "PAGE"),
    ("validate",),
    ("cache",),
    ("--help",),
    *(
        (name, "--help")
        for name in (
            "compare",
            "roles",
            "certs",
            "steps",
            "quiz",
            "income",
            "wages",
            "sources",
            "report",
            "schema",
            "validate",
            "cache",
        )
    ),
]

BORDERS = re.compile(r"[\s│┃|╭╮╰╯─━┬┴┼├┤┿═╇╈╤╧╪┏┓┗┛┡┩]+")
ENDS = "()[]{},.;:!?\"'*`<>="


def words(text: str) -> set[str]:
    """The words of ``text``: runs between spaces and box lines, punctuation around them off."""
    found = {w.strip(ENDS) for w in BORDERS.split(text)}
    return {w for w in found if w}


def json_words(args: tuple[str, ...]) -> set[str]:
    """Every word of the command's JSON strings (and numbers as the views write them)."""
    if "--help" in args or "-o" in args:
        return set()
    result = invoke_main(*args, "--format", "json", env={"COLUMNS": str(WIDE)})
    if result.exit_code != 0:
        return set()
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(words(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(result.stdout))
    return found


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An answers file for each questionnaire: the first answer to every question."""
    files = {}
    for name, extra in (("quiz", ()), ("hire", ("--hire",))):
        questions = json.loads(ok("quiz", *extra, "--questions", "--format", "json"))
        path = tmp_path_factory.mktemp("answers") / f"{name}.json"
        path.write_text(json.dumps({q["id"]: q["choices"][0]["key"] for q in questions}))
        files[name] = path
    return files


def concrete(args: tuple[str, ...], answers: dict[str, Path]) -> tuple[str, ...]:
    source = json.loads(ok("sources", "--format", "json"))[0]["id"]
    which = "hire" if "--hire" in args else "quiz"
    page = answers[which].with_name("report.html")
    swap = {"SOURCE": source, "ANSWERS": str(answers[which]), "PAGE": str(page)}
    return tuple(swap.get(a, a) for a in args)


def output(args: tuple[str, ...], width: int) -> str:
    result = invoke_main(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, (width, result.exit_code, result.stderr)
    return result.stdout + result.stderr


def pieces(narrow: str, whole: set[str], width: int) -> list[str]:
    """Words of ``narrow`` that are no word of the whole text: pieces of a cut word.

    A piece of a word too long for any line at this width (a web address) is allowed.
    """
    long = [w for w in whole if len(w) > min(40, width - 8)]
    odd = words(narrow) - whole - {str(width)}
    return sorted(w for w in odd if not any(w in x for x in long))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_nothing_is_cut(args: tuple[str, ...], width: int, answers: dict[str, Path]) -> None:
    args = concrete(args, answers)
    text = output(args, width)
    assert text.strip()
    long = [(cell_len(line), line) for line in text.splitlines() if cell_len(line) > width]
    assert not long, long[:3]
    whole = words(output(args, WIDE)) | json_words(args) | words(LEFT_OUT)
    assert not pieces(text, whole, width)


def test_the_check_sees_a_word_cut_across_lines() -> None:
    whole = words("Gym manager (BLS SOC 39-9031) Answer with the number")
    assert pieces("Gym manage\nr (BLS SOC 39-90\n31) Answe\nr with the number", whole, 80) == [
        "31",
        "39-90",
        "Answe",
        "manage",
        "r",
    ]
    assert pieces("Gym manager (BLS SOC\n39-9031) Answer with\nthe number", whole, 80) == []


def test_a_message_wraps_to_the_width_and_an_error_stays_one_line() -> None:
    valid = invoke_main("validate", env={"COLUMNS": "40"})
    assert valid.exit_code == 0
    lines = valid.stderr.splitlines()
    assert len(lines) > 1 and max(cell_len(line) for line in lines) <= 40
    said = " ".join(valid.stderr.split())
    assert said.startswith("fitcareer: ")
    assert re.search(r" data is valid \(\d+ roles, \d+ certifications, \d+ sources\)$", said)
    piped = invoke_main("validate", env={"COLUMNS": None})  # type: ignore[dict-item]
    assert piped.stderr.count("\n") == 1
    assert piped.stderr.split() == said.split() or "".join(piped.stderr.split()) == "".join(
        said.split()
    ), "the same message, one line into a pipe (a path too long for a line is folded)"
    error = invoke_main("certs", "--limit", "-1", env={"COLUMNS": "40"})
    assert error.exit_code == 2
    assert len(error.stderr.splitlines()) == 1 and len(error.stderr) > 41
