"""O*NET's data for the fitness career family: the extract shipped with fitcareer
(``onet.json``), and the import of O*NET's database as O*NET publishes it, the folder of
tab-delimited text files of https://www.onetcenter.org/database.html (``db_28_2_text``).

Each file is read as untrusted input (`fitcareer.data.files.read`: a bounded regular
file), must be UTF-8 without control characters, and must have the columns O*NET's
data dictionary gives it; only the rows of the wanted occupations are kept. A rating O*NET
recommends suppressing, marks not relevant, or whose standard error is more than half
of it, keeps that flag wherever it goes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast

from fitcareer.data.files import read, shipped_dir, user_dir
from fitcareer.data.wages import plain
from fitcareer.errors import DataError, Problem, UsageError, printable
from fitcareer.model_paths import (
    Cite,
    Element,
    Extract,
    Occupation,
    Rating,
    ReadFile,
    Related,
    Task,
)

DATABASE_PAGE: Final = "https://www.onetcenter.org/database.html"
LICENCE: Final = "CC BY 4.0"
PUBLISHER: Final = "National Center for O*NET Development (USDOL/ETA)"
SHIPPED: Final = "onet.json"
IMPORTED: Final = "onet-import.json"
"""The imported extract's name in the data directory (or the user data directory)."""

FAMILY: Final = (
    "39-9031.00",
    "29-9091.00",
    "29-1128.00",
    "27-2022.00",
    "39-9032.00",
    "31-2021.00",
    "29-1031.00",
    "29-1125.00",
    "11-9072.00",
)
"""The fitness career family's occupations: exercise trainers and group fitness
instructors, athletic trainers, exercise physiologists, coaches and scouts, recreation
workers, physical therapist assistants, dietitians and nutritionists, recreational
therapists, entertainment and recreation managers."""

NAMES: Final = {
    "occupations": ("Occupation Data.txt",),
    "tasks": ("Task Statements.txt",),
    "task-ratings": ("Task Ratings.txt",),
    "skills": ("Skills.txt",),
    "essential-skills": ("Essential Skills.txt",),
    "transferable-skills": ("Transferable Skills.txt",),
    "knowledge": ("Knowledge.txt",),
    "context": ("Work Context.txt",),
    "interests": ("Interests.txt", "Career Interest Types.txt"),
    "job-zones": ("Job Zones.txt",),
    "related": ("Related Occupations.txt",),
    "titles": ("Alternate Titles.txt", "Job Titles.txt"),
    "readme": ("Read Me.txt",),
}
"""Each file read, and every name O*NET has given it, the older name first; a release
that renames a file adds the new name here. From release 30.3 on, skills come in two files
(Essential Skills, Transferable Skills), interests are Career Interest Types and alternate
titles are Job Titles, with a `Job Title` column (as a public inventory of the 30.3 and
31.0 text releases lists them). Names are matched whatever their case, spaces, hyphens
and underscores (`occupation_data.txt` is `Occupation Data.txt`)."""

SKILLS: Final = ("skills", "essential-skills", "transferable-skills")
"""The parts that hold skills: one file before release 30.3, two from it on."""

TITLE_COLUMNS: Final = ("Alternate Title", "Job Title")
"""The column of an alternate title, by release: `Alternate Title`, then `Job Title`."""

CODE: Final = "O*NET-SOC Code"
COLUMNS: Final = {
    "occupations": (CODE, "Title", "Description"),
    "tasks": (CODE, "Task ID", "Task", "Task Type"),
    "task-ratings": (CODE, "Task ID", "Scale ID", "Data Value"),
    **dict.fromkeys(SKILLS, (CODE, "Element ID", "Element Name", "Scale ID", "Data Value")),
    "knowledge": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value"),
    "context": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value"),
    "interests": (CODE, "Element ID", "Element Name", "Scale ID", "Data Value"),
    "job-zones": (CODE, "Job Zone"),
    "related": (CODE, "Related O*NET-SOC Code"),
    "titles": (CODE,),
}
"""The columns each file must have (O*NET's data dictionary); others are read when there."""

INTERESTS: Final = {
    "Realistic": "R",
    "Investigative": "I",
    "Artistic": "A",
    "Social": "S",
    "Enterprising": "E",
    "Conventional": "C",
}

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_RELEASE: Final = re.compile(r"O\*NET\s+(\d{1,2}\.\d)\s+Database", re.IGNORECASE)
_DATED: Final = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(\d{{4}})\s+Release\b", re.IGNORECASE)
_FOLDER: Final = re.compile(r"db_(\d{1,2})_(\d)_text", re.IGNORECASE)
_SOC: Final = re.compile(r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What O*NET's text never holds and a terminal would act on (tabs and newlines are fine)."""

Progress = Callable[[str], None]
"""Told the name of each file as it is read."""


def key(name: str) -> str:
    """A file name as `NAMES` is matched: case, spaces, hyphens and underscores aside."""
    return re.sub(r"[\s_-]+", "", name.casefold())


_KNOWN: Final = {key(n): part for part, names in NAMES.items() for n in names}


def found(folder: Path) -> dict[str, Path]:
    """The files of `NAMES` in ``folder``, by part."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError as e:
        raise DataError([Problem(str(folder), f"cannot read folder: {e.strerror}")]) from None
    parts: dict[str, Path] = {}
    for entry in entries:
        part = _KNOWN.get(key(entry))
        if part is not None:
            parts.setdefault(part, folder / entry)
    return parts


def text_of(path: Path) -> str:
    """A text file's contents: a bounded regular file of UTF-8 without control
    characters (tabs and line ends aside), or a DataError naming its line."""
    return decoded(path, read(path))


def decoded(path: Path, raw: bytes) -> str:
    """The text of a file's bytes, held to the rules of `text_of`."""
    from fitcareer.data import parse

    text = parse.utf8(raw, str(path))
    text = text.replace("\r\n", "\n")
    bad_char = _CONTROL.search(text)
    if bad_char is not None:
        line = text.count("\n", 0, bad_char.start()) + 1
        message = f"control character U+{ord(bad_char.group()):04X}; not O*NET's text"
        raise DataError([Problem(str(path), message, line)])
    return text


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a file: its cells by column, and its line for messages."""

    cells: dict[str, str]
    line: int


def rows(path: Path, text: str, part: str, codes: frozenset[str]) -> Iterator[Row]:
    """The rows of the wanted occupations, after the header is checked."""
    lines = text.split("\n")
    header = lines[0].split("\t")
    missing = [c for c in COLUMNS[part] if c not in header]
    if part == "titles" and not any(c in header for c in TITLE_COLUMNS):
        missing.append(" or ".join(TITLE_COLUMNS))
    if missing:
        said = ", ".join(f"'{c}'" for c in missing)
        raise DataError(
            [Problem(str(path), f"no {said} column: not O*NET's {path.name} layout", 1)]
        )
    at = header.index(CODE)
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        values = line.split("\t")
        if values[at] not in codes:
            continue
        if len(values) != len(header):
            said = f"{len(values)} columns, the header {len(header)}"
            raise DataError([Problem(str(path), f"{said}: not O*NET's layout", number)])
        yield Row(dict(zip(header, values, strict=True)), number)


def _number(path: Path, row: Row, column: str) -> float | None:
    value = row.cells.get(column, "").strip()
    if value in ("", "n/a", "NA"):
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if number != number or abs(number) > 100_000:
        raise DataError(
            [Problem(str(path), f"{column} '{printable(value[:40])}' is not a number", row.line)]
        )
    return number


def rating(path: Path, row: Row) -> Rating | None:
    """A row's Data Value with the precision O*NET publishes beside it, flagged."""
    value = _number(path, row, "Data Value")
    if value is None:
        return None
    n = _number(path, row, "N")
    se = _number(path, row, "Standard Error")
    flags = []
    if row.cells.get("Recommend Suppress", "").strip().upper() == "Y":
        flags.append("O*NET recommends suppressing it (low precision)")
    if row.cells.get("Not Relevant", "").strip().upper() == "Y":
        flags.append("O*NET marks it not relevant")
    if se is not None and value and se > abs(value) / 2:
        flags.append("its standard error is more than half of it")
    return Rating(
        value=value,
        scale=row.cells.get("Scale ID", "").strip() or "unknown",
        n=None if n is None else int(n),
        se=se,
        lower=_number(path, row, "Lower CI Bound"),
        upper=_number(path, row, "Upper CI Bound"),
        flags=tuple(flags),
    )


def release_of(folder: Path, parts: dict[str, Path]) -> tuple[str, str]:
    """The release and its date as O*NET states them: the Read Me's first lines
    ("O*NET 28.2 Database", "February 2024 Release"), else the folder's name as O*NET
    names its download (``db_28_2_text``, no date)."""
    if "readme" in parts:
        said = text_of(parts["readme"])[:2000]
        release = _RELEASE.search(said)
        dated = _DATED.search(said)
        if release is not None:
            date = "undated"
            if dated is not None:
                month = _MONTHS.index(dated.group(1).capitalize()) + 1
                date = f"{dated.group(2)}-{month:02d}"
            return release.group(1), date
    named = _FOLDER.search(folder.resolve().name)
    if named is not None:
        return f"{named.group(1)}.{named.group(2)}", "undated"
    return "", "undated"


def read_release(
    folder: Path,
    codes: Iterable[str] = FAMILY,
    release: str | None = None,
    progress: Progress | None = None,
) -> Extract:
    """The extract of the wanted occupations from a release folder.

    Raises UsageError for a path that is not a folder, and DataError for a folder that
    holds no O*NET release (no ``Occupation Data.txt`` in O*NET's layout), a file that
    cannot be read as O*NET's text, or a release that cannot be told.
    """
    wanted = frozenset(codes)
    bad = sorted(c for c in wanted if not _SOC.match(c))
    if bad:
        raise UsageError(f"'{printable(bad[0])}' is not an O*NET-SOC code, e.g. 39-9031.00")
    if not folder.is_dir():
        why = "not a folder" if folder.exists() else "no such folder"
        raise UsageError(f"'{folder}': {why} (give the folder of O*NET's text files)")
    parts = found(folder)
    if "occupations" not in parts:
        raise DataError(
            [
                Problem(
                    str(folder),
                    "not an O*NET release: no 'Occupation Data.txt' "
                    f"(unzip the text database from {DATABASE_PAGE} and give its folder)",
                )
            ]
        )
    said, date = release_of(folder, parts)
    said = release or said
    if not said:
        raise DataError(
            [
                Problem(
                    str(folder),
                    "the release is not stated (no 'Read Me.txt' naming it): give --release, e.g. 28.2",
                )
            ]
        )
    texts: dict[str, str] = {}
    files = []
    for part, path in sorted(parts.items(), key=lambda p: p[1].name):
        if progress is not None:
            progress(path.name)
        raw = read(path)
        texts[part] = decoded(path, raw)
        files.append(ReadFile(path.name, hashlib.sha256(raw).hexdigest()))
    built = _build(parts, texts, wanted, said)
    if not built:
        raise DataError(
            [Problem(str(parts["occupations"]), "holds none of the occupations asked for")]
        )
    cite = Cite(
        title=f"O*NET {said} Database",
        publisher=PUBLISHER,
        date=date,
        url=DATABASE_PAGE,
        licence=LICENCE,
        release=said,
    )
    return titled(
        Extract(
            release=said,
            date=date,
            source=cite,
            occupations=tuple(built),
            files=tuple(files),
            folder=folder.resolve().name,
        )
    )


def _build(
    parts: dict[str, Path], texts: dict[str, str], wanted: frozenset[str], release: str
) -> list[Occupation]:
    def each(part: str) -> Iterator[Row]:
        if part in texts and part in COLUMNS:
            yield from rows(parts[part], texts[part], part, wanted)

    made: dict[str, dict[str, Any]] = {}
    for row in each("occupations"):
        made[row.cells[CODE]] = {
            "code": row.cells[CODE],
            "title": row.cells["Title"].strip(),
            "description": row.cells["Description"].strip() or None,
        }
    tasks = _tasks(parts, each)
    elements = {p: _elements(parts.get(p), each(p)) for p in ("knowledge", "context")}
    elements["skills"] = _skills(parts, each)
    interests = _interests(parts, each)
    zones = _zones(parts, each)
    related = _related(parts, each)
    titles: dict[str, list[str]] = {}
    for row in each("titles"):
        title = next(row.cells[c] for c in TITLE_COLUMNS if c in row.cells).strip()
        titles.setdefault(row.cells[CODE], []).append(title)
    cite = Cite(
        f"O*NET {release} Database", PUBLISHER, "undated", DATABASE_PAGE, LICENCE, release=release
    )
    built = []
    for code, fields in sorted(made.items()):
        found_tasks = sorted(
            tasks.get(code, []), key=lambda t: -(t.importance.value if t.importance else -1)
        )
        links = sorted(related.get(code, []), key=lambda r: (r.index or 0, r.code))
        held = {
            "tasks": bool(found_tasks),
            "skills": code in elements["skills"],
            "knowledge": code in elements["knowledge"],
            "context": code in elements["context"],
            "related": bool(links),
            "titles": code in titles,
            "job-zone": code in zones,
            "interests": code in interests,
        }
        scores = interests.get(code, {})
        built.append(
            Occupation(
                code=code,
                title=fields["title"],
                description=fields["description"],
                cites=dict.fromkeys(["description", *(k for k, v in held.items() if v)], cite),
                job_zone=zones.get(code),
                interests=cast(
                    "dict[Any, Rating]", {k: scores[k] for k in "RIASEC" if k in scores}
                ),
                tasks=tuple(found_tasks),
                skills=tuple(elements["skills"].get(code, [])),
                knowledge=tuple(elements["knowledge"].get(code, [])),
                context=tuple(elements["context"].get(code, [])),
                related=tuple(links),
                titles=tuple(titles.get(code, [])),
            )
        )
    return built


def _tasks(parts: dict[str, Path], each: Callable[[str], Iterator[Row]]) -> dict[str, list[Task]]:
    importance: dict[tuple[str, str], Rating] = {}
    for row in each("task-ratings"):
        if row.cells["Scale ID"].strip() == "IM":
            found_rating = rating(parts["task-ratings"], row)
            if found_rating is not None:
                importance[(row.cells[CODE], row.cells["Task ID"].strip())] = found_rating
    tasks: dict[str, list[Task]] = {}
    for row in each("tasks"):
        code, task_id = row.cells[CODE], row.cells["Task ID"].strip()
        tasks.setdefault(code, []).append(
            Task(
                text=row.cells["Task"].strip(),
                id=int(task_id) if task_id.isdigit() else None,
                category=row.cells["Task Type"].strip() or None,
                importance=importance.get((code, task_id)),
            )
        )
    return tasks


def _skills(
    parts: dict[str, Path], each: Callable[[str], Iterator[Row]]
) -> dict[str, list[Element]]:
    skills: dict[str, list[Element]] = {}
    for part in SKILLS:
        for code, found_elements in _elements(parts.get(part), each(part)).items():
            skills.setdefault(code, []).extend(found_elements)
    for listed in skills.values():
        listed.sort(key=_rank)
    return skills


def _zones(parts: dict[str, Path], each: Callable[[str], Iterator[Row]]) -> dict[str, int]:
    zones: dict[str, int] = {}
    for row in each("job-zones"):
        zone = _number(parts["job-zones"], row, "Job Zone")
        if zone is None or zone not in (1, 2, 3, 4, 5):
            raise DataError([Problem(str(parts["job-zones"]), "Job Zone is not 1 to 5", row.line)])
        zones[row.cells[CODE]] = int(zone)
    return zones


def _interests(
    parts: dict[str, Path], each: Callable[[str], Iterator[Row]]
) -> dict[str, dict[str, Rating]]:
    interests: dict[str, dict[str, Rating]] = {}
    for row in each("interests"):
        letter = INTERESTS.get(row.cells["Element Name"].strip())
        if letter and row.cells["Scale ID"].strip() == "OI":
            score = rating(parts["interests"], row)
            if score is not None:
                interests.setdefault(row.cells[CODE], {})[letter] = score
    return interests


def _related(
    parts: dict[str, Path], each: Callable[[str], Iterator[Row]]
) -> dict[str, list[Related]]:
    related: dict[str, list[Related]] = {}
    for row in each("related"):
        other = row.cells["Related O*NET-SOC Code"].strip()
        if not _SOC.match(other):
            problem = Problem(
                str(parts["related"]), f"'{printable(other[:20])}' is not a code", row.line
            )
            raise DataError([problem])
        index = _number(parts["related"], row, "Index")
        related.setdefault(row.cells[CODE], []).append(
            Related(
                code=other,
                tier=row.cells.get("Relatedness Tier", "").strip() or None,
                index=None if index is None else int(index),
            )
        )
    return related


def _elements(path: Path | None, found_rows: Iterable[Row]) -> dict[str, list[Element]]:
    by: dict[str, dict[str, tuple[str, list[Rating]]]] = {}
    for row in found_rows:
        assert path is not None
        score = rating(path, row)
        if score is None:
            continue
        category = row.cells.get("Category", "").strip()
        if category and category != "n/a":
            continue  # a work context's share answering one category; the mean (CX) is kept
        slot = by.setdefault(row.cells[CODE], {}).setdefault(
            row.cells["Element ID"].strip(), (row.cells["Element Name"].strip(), [])
        )
        slot[1].append(score)
    out: dict[str, list[Element]] = {}
    for code, items in by.items():
        out[code] = sorted(
            (Element(i, name, tuple(r)) for i, (name, r) in items.items()), key=_rank
        )
    return out


def _rank(element: Element) -> float:
    """Most important (or most present, for a work context) first."""
    return -max((r.value for r in element.ratings if r.scale in ("IM", "CX", "CT")), default=0)


def titled(extract: Extract) -> Extract:
    """The extract with each related occupation's title filled in from the occupations
    it holds."""
    names = {o.code: o.title for o in extract.occupations}
    for occupation in extract.occupations:
        occupation.related = tuple(
            Related(r.code, r.title or names.get(r.code), r.tier, r.index)
            for r in occupation.related
        )
    return extract


def dump(extract: Extract) -> bytes:
    return (json.dumps(plain(extract), ensure_ascii=False, indent=1) + "\n").encode()


def parsed(path: Path, raw: bytes) -> Extract:
    """An extract file, validated (and cached); every problem in it raised at once."""
    from fitcareer.data import apart

    def build() -> Extract:
        from fitcareer.data import parse

        return titled(apart.validated(path, raw, parse.parse_json(raw, str(path)), Extract))

    return apart.kept("onet", raw, Extract, build)


def location(data_dir: Path | None) -> Path:
    """Where an import writes the extract: the data directory, else the user's."""
    return (data_dir if data_dir is not None else user_dir("data")) / IMPORTED


def shipped(data_dir: Path | None = None) -> Extract:
    """The extract as shipped: the data directory's onet.json where it has one."""
    own = data_dir / SHIPPED if data_dir is not None else None
    path = own if own is not None and os.path.lexists(own) else shipped_dir() / SHIPPED
    return parsed(path, read(path))


def newer(a: str, b: str) -> bool:
    """Whether release ``a`` (`28.2`) is newer than ``b``; `unknown` is older than any."""

    def order(text: str) -> tuple[int, ...]:
        return tuple(int(p) for p in text.split(".")) if re.fullmatch(r"\d+(\.\d+)*", text) else ()

    return order(a) > order(b)


def current(data_dir: Path | None) -> Extract:
    """The extract the views use: the imported one when its release is newer than the
    shipped one's, else the shipped one."""
    return chosen(data_dir)[0]


def chosen(data_dir: Path | None) -> tuple[Extract, Path | None]:
    """The extract the views use, and the file it was imported into (None: shipped)."""
    ours = shipped(data_dir)
    imported = location(data_dir)
    if not os.path.lexists(imported):
        return ours, None
    theirs = parsed(imported, read(imported))
    return (theirs, imported) if newer(theirs.release, ours.release) else (ours, None)
