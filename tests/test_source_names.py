"""Sources are named as a reader can look them up: by title, publisher, date and web
address, never by the file name of a kept copy, an article's number ("article 003") or a
source id in prose. Every command runs in every format it offers, to standard output and
with `-o FILE`.

An id is the handle a user types (`fitcareer sources ID`): the terminal's and the CSV's
list of sources show it in their ID column, and JSON keeps it under `id` and `source`.
Anywhere else, a page or a sentence, it is a name no reader can use.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import as_json, invoke_main, ok
from fitcareer.commands import COMMANDS
from fitcareer.model import Catalog

pytestmark = pytest.mark.usefixtures("warm_cache")

FORMATS = ("table", "json", "csv", "markdown", "html", "svg")
REPORT_FORMATS = ("markdown", "html", "json")
EXTENSION = {
    "table": "txt",
    "json": "json",
    "csv": "csv",
    "markdown": "md",
    "html": "html",
    "svg": "svg",
}

FOUR = ("personal-trainer", "gym-manager", "group-fitness-instructor", "fitness-instructor")
NOTED = ("nfpt-cpt", "aapte-cpt-efs", "ifpa-cpft")
"""Certifications with a note about the accredited programs one article lists."""
SEEDS = ("seed-000", "seed-001", "seed-002", "seed-003")

LISTS = [("sources",), ("sources", "--detail", "--limit", "0")]
"""Lists of sources: their ID column is the handle a user types."""

RUNS: list[tuple[str, ...]] = [
    ("compare",),
    ("compare", *FOUR, "--detail"),
    ("roles",),
    ("roles", "personal-trainer"),
    ("roles", "group-fitness-instructor"),
    ("roles", "athletic-trainer"),
    *(("roles", role, "--detail") for role in FOUR),
    ("certs", "--limit", "0"),
    ("certs", "--detail", "--limit", "0"),
    ("certs", "EVERY-CERT", "--detail"),
    *(("certs", cert) for cert in NOTED),
    ("steps",),
    ("steps", "--detail"),
    ("steps", "--cert", "nfpt-cpt", "--detail"),
    ("quiz", "--questions"),
    ("quiz", "--hire", "--questions"),
    ("quiz", "--answers", "ANSWERS"),
    ("quiz", "--hire", "--answers", "HIRE"),
    ("income",),
    ("income", "--detail"),
    ("income", "--rate", "60", "--sessions-per-week", "20", "--cert", "nasm-cpt", "--detail"),
    ("wages",),
    ("paths", "fitness-instructor", "--area", "Ohio"),
    ("paths", "personal-trainer"),
    ("onet",),
    *LISTS,
    *(("sources", seed) for seed in SEEDS),
    *(("sources", seed, "--detail") for seed in SEEDS),
    ("sources", "bls-ooh-2022", "--detail"),
    ("validate",),
]
"""The commands that print a sheet, in every format."""

REPORTS: list[tuple[str, ...]] = [
    ("report", "--answers", "ANSWERS", "--for", "Sam Lee"),
    ("report", *FOUR, "--cert", "nfpt-cpt", "--cert", "aapte-cpt-efs", "--cert", "ifpa-cpft"),
]
OTHERS: list[tuple[str, ...]] = [
    ("interests", "--scores", "R=8,I=30,A=2,S=36,E=6,C=10"),
    *(
        ("schema", name)
        for name in ("roles", "certifications", "quiz", "sources", "wages", "paths")
    ),
    ("cache",),
]
"""Commands with no --format: what they print, and what `-o FILE` writes where they have it."""

FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
ARTICLE = re.compile(r"article 00", re.IGNORECASE)
SEED = re.compile(r"seed-00")
URL = re.compile(r"https?://\S+")
HANDLES = ("id", "source")
"""JSON keys whose values are ids: the handles a script uses."""


def test_every_command_is_run() -> None:
    ran = {args[0] for args in RUNS + REPORTS + OTHERS}
    assert ran == set(COMMANDS)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Answers files for both questionnaires (the first answer to every question), and
    every certification id."""
    swap = {"EVERY-CERT": " ".join(c["id"] for c in as_json("certs", "--limit", "0"))}
    for name, extra in (("ANSWERS", ()), ("HIRE", ("--hire",))):
        questions = as_json("quiz", *extra, "--questions")
        path = tmp_path_factory.mktemp("answers") / f"{name.lower()}.json"
        path.write_text(json.dumps({q["id"]: q["choices"][0]["key"] for q in questions}))
        swap[name] = str(path)
    return swap


def concrete(args: tuple[str, ...], swap: dict[str, str]) -> list[str]:
    return [
        part for a in args for part in (swap[a].split() if a == "EVERY-CERT" else [swap.get(a, a)])
    ]


def source_ids(catalog: Catalog) -> re.Pattern[str]:
    """Every source id that names nothing else (`nsca-cpt` is a certification too), as a
    word: not part of a longer id or of a host name (`startrightcareers.com`)."""
    others = {
        *catalog.roles,
        *catalog.certifications,
        *catalog.organizations,
        *catalog.bodies,
        *catalog.occupations,
        *(s.id for s in catalog.steps),
    }
    for quiz in catalog.questionnaires.values():
        others |= {quiz.id, *(q.id for q in quiz.questions)}
        others |= {c.key for q in quiz.questions for c in q.choices}
    ids = sorted(set(catalog.sources) - others, key=len, reverse=True)
    return re.compile(rf"(?<![\w.-])(?:{'|'.join(map(re.escape, ids))})(?![\w-]|\.\w)")


def _json_prose(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _json_prose(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _json_prose(v, key)]
    return [value] if isinstance(value, str) and key not in HANDLES else []


def prose(text: str, fmt: str, listing: bool) -> str:
    """What a reader reads of an output: all of it but the ids a user or script types."""
    if fmt == "json":
        return "\n".join(_json_prose(json.loads(text)))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        handle = bool(rows) and rows[0][:1] == ["ID"]
        return "\n".join(",".join(row[1:] if handle else row) for row in rows)
    if fmt == "table" and listing:
        return re.sub(r"(?m)^(?:== \S+ ==|\S+(?= ))", "", text)
    return text


def misnamed(text: str, fmt: str, listing: bool, ids: re.Pattern[str]) -> list[str]:
    """Each way ``text`` names a source that a reader cannot look up."""
    said = URL.sub(" ", prose(text, fmt, listing))
    return FILE.findall(text) + ARTICLE.findall(text) + SEED.findall(said) + ids.findall(said)


def check(args: list[str], fmt: str, ids: re.Pattern[str], tmp_path: Path) -> None:
    listing = tuple(args) in LISTS
    shown = invoke_main(*args, "--format", fmt)
    assert shown.exit_code == 0, (args, fmt, shown.stderr)
    assert misnamed(shown.stdout, fmt, listing, ids) == [], (args, fmt)
    assert misnamed(shown.stderr, "table", False, ids) == [], (args, fmt)
    target = tmp_path / f"out.{EXTENSION[fmt]}"
    written = invoke_main(*args, "-o", str(target))
    assert written.exit_code == 0, (args, fmt, written.stderr)
    assert misnamed(written.stdout + written.stderr, "table", False, ids) == [], (args, fmt)
    assert misnamed(target.read_text(encoding="utf-8"), fmt, listing, ids) == [], (args, fmt)


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_no_view_names_a_source_by_file_number_or_id(
    args: tuple[str, ...], answers: dict[str, str], shipped: Catalog, tmp_path: Path
) -> None:
    ids = source_ids(shipped)
    for fmt in FORMATS:
        check(concrete(args, answers), fmt, ids, tmp_path)


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_no_report_names_a_source_by_file_number_or_id(
    args: tuple[str, ...], answers: dict[str, str], shipped: Catalog, tmp_path: Path
) -> None:
    ids = source_ids(shipped)
    for fmt in REPORT_FORMATS:
        check(concrete(args, answers), fmt, ids, tmp_path)


@pytest.mark.parametrize("args", OTHERS, ids=" ".join)
def test_the_data_tools_name_no_source_by_file_number_or_id(
    args: tuple[str, ...], shipped: Catalog, tmp_path: Path
) -> None:
    ids = source_ids(shipped)
    shown = invoke_main(*args)
    assert shown.exit_code == 0, shown.stderr
    assert misnamed(shown.stdout + shown.stderr, "table", False, ids) == []
    if args[0] == "schema":
        target = tmp_path / "schema.json"
        assert invoke_main(*args, "-o", str(target)).exit_code == 0
        assert misnamed(target.read_text(encoding="utf-8"), "table", False, ids) == []


def test_the_check_finds_each_way_of_misnaming(shipped: Catalog) -> None:
    ids = source_ids(shipped)
    line = "[1] A title, a publisher, undated, no web address; copy: 000_6729abba14eb049e.txt"
    assert misnamed(line, "markdown", False, ids) == ["000_6729abba14eb049e.txt"]
    assert misnamed("Listed among Article 003's programs", "html", False, ids) == ["Article 00"]
    assert misnamed("## seed-000: A title", "markdown", False, ids) == ["seed-00", "seed-000"]
    assert misnamed("see bls-ooh-2022 for more", "table", False, ids) == ["bls-ooh-2022"]
    listed = "seed-000     A title\n== bls-ooh-2022 ==\n"
    assert misnamed(listed, "table", True, ids) == []
    assert misnamed('[{"id": "seed-000", "source": "bls-ooh-2022"}]', "json", False, ids) == []
    assert misnamed('[{"note": "as seed-000 says"}]', "json", False, ids) != []
    assert misnamed("ID,Source\nseed-000,A title\n", "csv", True, ids) == []
    shared = "https://www.startrightcareers.com/x startrightcareers.com nsca-cpt"
    assert misnamed(shared, "html", False, ids) == []


def test_a_listing_shows_ids_only_where_a_user_types_them() -> None:
    assert re.search(r"(?m)^seed-000\s", ok("sources"))
    assert "seed-000" in ok("sources", "--format", "csv")
    for fmt in ("markdown", "html", "svg"):
        assert "seed-000" not in ok("sources", "--format", fmt), fmt
