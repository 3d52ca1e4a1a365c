"""Reading the interest profile's inputs: O*NET® Interest Profiler items as O*NET Web
Services publishes them (fitcareer ships none: a person brings O*NET's own file), and the
occupations' O*NET interest ratings and Job Zones from the data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fitcareer.data.given import read_given
from fitcareer.errors import UsageError, printable
from fitcareer.model_interests import AREAS, OPTIONS, Item, Occupation


def read_json(path: Path, what: str) -> Any:
    """A JSON file a person gives (read as `read_given` reads it), nesting too deep for
    Python refused in one line."""
    raw = read_given(path, what)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise UsageError(f"{path}:{e.lineno}:{e.colno}: not JSON: {e.msg}") from None
    except RecursionError:
        raise UsageError(f"{path}: nested too deeply to be O*NET's questions or answers") from None


def items(path: Path) -> tuple[Item, ...]:
    """The items of an O*NET Web Services `interestprofiler/questions` response: one page
    (`{"question": [...]}`), several pages in a list, or a bare list of questions. Its
    answer options, when given, must be O*NET's five."""
    doc = read_json(path, "items file")
    pages: list[Any] = [doc]
    if isinstance(doc, list):
        paged = all(isinstance(p, dict) and "question" in p for p in doc)
        pages = doc if paged and doc else [{"question": doc}]
    found: dict[int, Item] = {}
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("question"), list):
            raise UsageError(
                f"{path}: expected O*NET's questions, a mapping with a 'question' list"
            )
        _options(path, page.get("answer_options"))
        for n, q in enumerate(page["question"], 1):
            item = _item(path, n, q)
            if item.index in found:
                raise UsageError(f"{path}: question index {item.index} is given twice")
            found[item.index] = item
    got = tuple(found[k] for k in sorted(found))
    missing = [a for a in AREAS if not any(i.area == a for i in got)]
    if missing:
        raise UsageError(f"{path}: no questions for {', '.join(missing)}")
    return got


def _options(path: Path, given: object) -> None:
    if given is None:
        return
    listed = given.get("answer_option") if isinstance(given, dict) else None
    try:
        named = {int(o["value"]): str(o["name"]) for o in listed or []}
    except (TypeError, KeyError, ValueError):
        named = {}
    if named != dict(enumerate(OPTIONS, 1)):
        raise UsageError(f"{path}: answer options are not O*NET's five ({', '.join(OPTIONS)})")


def _item(path: Path, n: int, q: object) -> Item:
    where = f"{path}: question {n}"
    if not isinstance(q, dict):
        raise UsageError(f"{where}: expected a mapping with index, area and text")
    index, area, text = q.get("index"), q.get("area"), q.get("text")
    if not isinstance(index, int) or isinstance(index, bool) or not 1 <= index <= 999:
        raise UsageError(f"{where}: index must be a whole number from 1")
    name = area.strip().capitalize() if isinstance(area, str) else ""
    if name not in AREAS:
        raise UsageError(
            f"{where}: area '{printable(str(area))[:40]}' is none of {', '.join(AREAS)}"
        )
    if not isinstance(text, str) or not text.strip() or len(text) > 200:
        raise UsageError(f"{where}: text must be the activity, 1 to 200 characters")
    return Item(index, name, " ".join(printable(text).split()))


def occupations(data_dir: Path | None) -> tuple[Occupation, ...]:
    """The occupations of the O*NET extract in use (`fitcareer onet`) that have all six
    interest ratings (none, when it holds none)."""
    from fitcareer.data import onet

    extract = onet.current(data_dir)
    release = f" (release {extract.release})" if extract.release != "unknown" else ""
    when = extract.date if extract.date != "undated" else extract.source.date
    found = []
    for o in extract.occupations:
        if all(a[0] in o.interests for a in AREAS):
            cite = o.cites.get("interests", extract.source)
            title = cite.title + release + (" (secondary)" if cite.secondary else "")
            ratings = tuple(o.interests[a[0]].value for a in AREAS)  # type: ignore[index]
            date = cite.date if cite.date != "undated" else when
            found.append(Occupation(o.code, o.title, ratings, o.job_zone, title, date))
    return tuple(found)


def ratings_from(occupations: tuple[Occupation, ...]) -> str:
    """Where the ratings come from, as the output names them."""
    if not occupations:
        return "none in the O*NET extract in use"
    return f"{occupations[0].source}, {occupations[0].date}"
