"""Parsed data checked against the model, then across files: every problem found, each
located by file, line and column.

pydantic is imported only here, and only when data is read afresh (a cold run).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import typing
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fitcareer import model as models
from fitcareer.data.files import FILES
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog

if TYPE_CHECKING:
    from fitcareer.data import parse

Progress = Callable[[str, int], AbstractContextManager[object]]
"""Called with a file name and its size before a slow parse; returns a context to parse in."""


def build(
    paths: dict[str, Path],
    raws: dict[str, bytes],
    progress: Progress | None,
    problems: list[Problem] | None = None,
) -> Catalog:
    """Parse, validate and cross-check the data files (both mappings keyed by file name).

    Every problem is collected before raising: a file missing from ``raws`` (unreadable)
    or failing validation is skipped, and references into it are not checked.
    """
    from pydantic import ValidationError

    from fitcareer.data import parse

    parsed: dict[str, Any] = {}
    seen: dict[str, parse.Seen] = {}
    problems = list(problems or [])
    for name in FILES:
        if name not in raws:
            continue
        path, raw = str(paths[name]), raws[name]
        model: Any = models.FILES[name]
        slow = progress is not None and len(raw) > 1_000_000
        context = progress(Path(path).name, len(raw)) if slow and progress else nullcontext()
        try:
            with context:
                data = parse.parse(raw, path, seen.setdefault(name, parse.Seen()))
        except DataError as e:
            problems.extend(e.problems)
            continue
        top = next(f.name for f in fields(model))
        if not isinstance(data, dict):
            found = type(data).__name__
            problems.append(
                Problem(path, f"expected a mapping with a '{top}' list, found {found}", 1, 1)
            )
            continue
        try:
            parsed[name] = _adapter(model).validate_python(data)
        except ValidationError as e:
            for err in e.errors(include_url=False):
                problems.append(_problem(path, raw, model, err))
    broken = frozenset(FILES) - parsed.keys()
    for name in broken:
        model = models.FILES[name]
        parsed[name] = model(**{fields(model)[0].name: ()})
    catalog = _assemble(parsed)
    refs = cross_check(catalog, parsed, broken, seen)
    problems += [_locate(str(paths[name]), raws[name], loc, msg) for name, loc, msg in refs]
    if problems:
        raise DataError(problems)
    return catalog


@functools.cache
def _adapter(model: Any) -> Any:
    """A model's validator, built once per process.

    Built without the field docstrings: they are descriptions for the JSON Schemas
    (`schema`), never used to validate, and reading them parses the model's source,
    which is most of the time building a validator takes.
    """
    from pydantic import TypeAdapter

    config = models.CONFIG
    saved = config.get("use_attribute_docstrings", False)
    config["use_attribute_docstrings"] = False
    try:
        return TypeAdapter(model)
    finally:
        config["use_attribute_docstrings"] = saved


def _locate(path: str, raw: bytes, loc: tuple[Any, ...], message: str) -> Problem:
    from fitcareer.data import parse

    where = parse.locate(raw, loc, path)
    line, col = where if where else (None, None)
    return Problem(path, message, line, col, dotted(loc))


def dotted(loc: tuple[Any, ...]) -> str:
    """`('roles', 1, 'income')` -> `roles[1].income`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_WORDS = {
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "string_type": "expected text (put it in quotes)",
    "bool_type": "expected true or false",
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "dataclass_type": "expected a mapping",
    "missing": "required field is missing",
    "missing_argument": "required field is missing",
}


_RANGE_KINDS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})
"""Errors for a number out of its field's range, reported as the whole allowed range."""


def _problem(path: str, raw: bytes, model: Any, err: Any) -> Problem:
    from fitcareer.data import parse

    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    shown = repr(value) if isinstance(value, str | int | float | bool) else None
    if shown is not None and len(shown) > 40:
        shown = shown[:37] + "..."
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        known = [f.name for f in fields(_type_at(model, loc[:-1]) or model)]
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
        message = f"unknown field '{loc[-1]}'{hint}"
    elif kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern")
        message = {
            models.ID_PATTERN: "expected a lower-case id with dashes, like 'personal-trainer'",
            models.DATE_PATTERN: 'expected a date in quotes: "2022", "2022-05", "2022-05-31", or undated',
            models.KEY_PATTERN: "expected a short lower-case word of two or more letters",
        }.get(pattern, err["msg"])
    elif kind in _RANGE_KINDS:
        message = _range(model, loc) or err["msg"]
    elif kind in _TYPE_WORDS:
        message = _TYPE_WORDS[kind]
    else:
        message = err["msg"]
    if shown is not None and kind not in ("missing", "missing_argument"):
        message += f", got {shown}"
    where = parse.locate(raw, loc, path)
    line, col = where if where else (None, None)
    return Problem(path, message, line, col, dotted(loc))


def _type_at(model: Any, loc: tuple[Any, ...]) -> Any:
    """The dataclass found at ``loc`` inside ``model``, or None."""
    current = _unwrap(_leaf(model, loc))
    current = typing.get_origin(current) or current
    return current if is_dataclass(current) else None


def _leaf(model: Any, loc: tuple[Any, ...]) -> Any:
    """The annotated type at ``loc`` inside ``model`` (``NumFact[Minutes]`` gives its
    ``value`` the type ``Minutes``), or None."""
    current = model
    for step in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current) or current
        args = typing.get_args(current)
        if is_dataclass(origin) and isinstance(step, str):
            hint = typing.get_type_hints(origin, include_extras=True).get(step)
            params = getattr(origin, "__parameters__", ())
            current = dict(zip(params, args, strict=False)).get(hint, hint)
        elif origin is tuple and isinstance(step, int) and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return None
    return current


def _range(model: Any, loc: tuple[Any, ...]) -> str | None:
    """The allowed range of the number at ``loc``, in words: `from 0 to 1,000,000`."""
    tp = _leaf(model, loc)
    if typing.get_origin(tp) is not typing.Annotated:
        return None
    base, *extras = typing.get_args(tp)
    rules = [m.constraints for m in extras if isinstance(m, models.Rule)]
    low = next((r.get("ge", r.get("gt")) for r in rules if "ge" in r or "gt" in r), None)
    high = next((r.get("le", r.get("lt")) for r in rules if "le" in r or "lt" in r), None)
    if low is None or high is None:
        return None
    kind = "a whole number" if base is int else "a number"
    return f"expected {kind} from {low:,} to {high:,}"


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp


def _assemble(parsed: dict[str, Any]) -> Catalog:
    sources: models.SourcesFile = parsed["sources.yaml"]
    roles: models.RolesFile = parsed["roles.yaml"]
    certs: models.CertificationsFile = parsed["certifications.yaml"]
    quiz: models.QuizFile = parsed["quiz.yaml"]
    return Catalog(
        sources={s.id: s for s in sources.sources},
        occupations={o.id: o for o in roles.occupations},
        roles={r.id: r for r in roles.roles},
        combinations=roles.combinations,
        bodies={b.id: b for b in certs.bodies},
        organizations={o.id: o for o in certs.organizations},
        certifications={c.id: c for c in certs.certifications},
        steps=tuple(sorted(certs.steps, key=lambda s: s.n)),
        questionnaires={q.id: q for q in quiz.questionnaires},
    )


Found = tuple[str, tuple[Any, ...], str]
"""A cross-reference problem: file name, location, message."""


_HOLDS = {
    "role": "roles.yaml",
    "occupation": "roles.yaml",
    "organization": "certifications.yaml",
    "accrediting body": "certifications.yaml",
    "source": "sources.yaml",
}
"""The file each kind of reference points into."""

MAX_HINTS = 20
"""Unknown references given a "did you mean" hint; the rest are reported without one."""

FEW_IDS = 500
"""Up to this many ids, a hint compares the reference with each of them; beyond it, only
with the few ids that share the most of its rarer three-letter pieces, so that the time
spent on hints grows linearly with the data."""


class _Refs:
    """Collects cross-reference problems; references into a ``broken`` file are skipped."""

    def __init__(self, broken: frozenset[str]) -> None:
        self.found: list[Found] = []
        self.broken = broken
        self.hints: dict[str, str] = {}
        self.indexes: dict[int, dict[str, list[str]]] = {}

    def unique(self, file: str, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                self.found.append((file, (section, i, "id"), f"duplicate id '{item_id}'"))
            seen.add(item_id)

    def ref(self, file: str, loc: tuple[Any, ...], kind: str, value: str, known: Any) -> None:
        if value in known or _HOLDS[kind] in self.broken:
            return
        self.found.append((file, loc, f"unknown {kind} '{value}'{self.hint(value, known)}"))

    def hint(self, value: str, known: Any) -> str:
        if value not in self.hints and len(self.hints) < MAX_HINTS:
            close = difflib.get_close_matches(value, self.candidates(value, known), n=1)
            self.hints[value] = f" (did you mean '{close[0]}'?)" if close else ""
        return self.hints.get(value, "")

    def candidates(self, value: str, known: Any) -> list[str]:
        if len(known) <= FEW_IDS:
            return list(known)
        index = self.indexes.get(id(known))
        if index is None:
            index = self.indexes[id(known)] = _pieces_index(known)
        common = len(known) // 10
        counts = Counter(
            item
            for piece in _pieces(value)
            for item in index.get(piece, ())
            if len(index[piece]) <= common
        )
        return [item for item, _ in counts.most_common(FEW_IDS // 10)]


def _pieces(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(max(len(text) - 2, 1))}


def _pieces_index(ids: Any) -> dict[str, list[str]]:
    """Each three-letter piece -> the ids it occurs in."""
    index: dict[str, list[str]] = {}
    for item in ids:
        for piece in _pieces(item):
            index.setdefault(piece, []).append(item)
    return index


def cross_check(
    catalog: Catalog,
    parsed: dict[str, Any],
    broken: frozenset[str] = frozenset(),
    seen: dict[str, parse.Seen] | None = None,
) -> list[Found]:
    """Every reference between files points at something that exists; ids are unique;
    every date is one the calendar has; every price range runs upwards.

    References into a ``broken`` file (one that failed to load) are not checked. The
    source, date and price checks share one walk over every record (`_Pass`), made only
    for a file whose plain data (``seen`` while parsing) holds an unknown source, a date
    that may not exist or a price that may run downwards: the walk then locates them.
    """
    refs = _Refs(broken)
    _unique_ids(refs, parsed)
    _role_refs(refs, catalog, parsed["roles.yaml"])
    _cert_refs(refs, catalog, parsed["certifications.yaml"])
    _quiz_refs(refs, catalog, parsed["quiz.yaml"])
    walk = _Pass(refs, catalog.sources)
    for name in FILES:
        gathered = (seen or {}).get(name)
        if gathered is None or not walk.clean(gathered):
            walk.file(name, parsed[name])
    return refs.found + walk.dates + walk.prices


def _unique_ids(refs: _Refs, parsed: dict[str, Any]) -> None:
    roles: models.RolesFile = parsed["roles.yaml"]
    certs: models.CertificationsFile = parsed["certifications.yaml"]
    refs.unique("sources.yaml", "sources", [s.id for s in parsed["sources.yaml"].sources])
    refs.unique("roles.yaml", "roles", [r.id for r in roles.roles])
    refs.unique("roles.yaml", "occupations", [o.id for o in roles.occupations])
    refs.unique("certifications.yaml", "certifications", [c.id for c in certs.certifications])
    refs.unique("certifications.yaml", "organizations", [o.id for o in certs.organizations])
    refs.unique("certifications.yaml", "bodies", [b.id for b in certs.bodies])
    refs.unique("certifications.yaml", "steps", [s.id for s in certs.steps])
    refs.unique("quiz.yaml", "questionnaires", [q.id for q in parsed["quiz.yaml"].questionnaires])
    seen: set[int] = set()
    for i, step in enumerate(certs.steps):
        if step.n in seen:
            refs.found.append(
                ("certifications.yaml", ("steps", i, "n"), f"duplicate step number {step.n}")
            )
        seen.add(step.n)


def _role_refs(refs: _Refs, catalog: Catalog, roles: models.RolesFile) -> None:
    for i, role in enumerate(roles.roles):
        if role.occupation is not None:
            loc = ("roles", i, "occupation")
            refs.ref("roles.yaml", loc, "occupation", role.occupation, catalog.occupations)
    for i, combo in enumerate(roles.combinations):
        for j, role_id in enumerate(combo.roles):
            refs.ref("roles.yaml", ("combinations", i, "roles", j), "role", role_id, catalog.roles)


def _cert_refs(refs: _Refs, catalog: Catalog, certs: models.CertificationsFile) -> None:
    file = "certifications.yaml"
    orgs = catalog.organizations
    for i, org in enumerate(certs.organizations):
        for j, rel in enumerate(org.relations):
            where = ("organizations", i, "relations", j, "org")
            refs.ref(file, where, "organization", rel.org, orgs)
    for i, cert in enumerate(certs.certifications):
        loc = ("certifications", i)
        refs.ref(file, (*loc, "org"), "organization", cert.org, orgs)
        if cert.org in orgs and not cert.id.startswith(cert.org + "-"):
            message = f"id should start with its organization: '{cert.org}-...'"
            refs.found.append((file, (*loc, "id"), message))
        for j, role_id in enumerate(cert.roles):
            refs.ref(file, (*loc, "roles", j), "role", role_id, catalog.roles)
        for j, acc in enumerate(cert.accreditation):
            where = (*loc, "accreditation", j, "body")
            refs.ref(file, where, "accrediting body", acc.body, catalog.bodies)


def _quiz_refs(refs: _Refs, catalog: Catalog, quiz: models.QuizFile) -> None:
    for i, questionnaire in enumerate(quiz.questionnaires):
        ids: set[str] = set()
        for j, question in enumerate(questionnaire.questions):
            qloc = ("questionnaires", i, "questions", j)
            if question.id in ids:
                message = f"duplicate question id '{question.id}'"
                refs.found.append(("quiz.yaml", (*qloc, "id"), message))
            ids.add(question.id)
            keys: set[str] = set()
            for k, choice in enumerate(question.choices):
                cloc = (*qloc, "choices", k)
                if choice.key in keys:
                    message = f"duplicate choice key '{choice.key}'"
                    refs.found.append(("quiz.yaml", (*cloc, "key"), message))
                keys.add(choice.key)
                for role_id in choice.weights:
                    where = (*cloc, "weights", role_id)
                    refs.ref("quiz.yaml", where, "role", role_id, catalog.roles)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    """The fields of a record that may hold a source, a date or more records (a plain
    number or text field cannot, and is not visited)."""
    names = _FIELDS.get(kind)
    if names is None:
        hints = typing.get_type_hints(kind)
        names = _FIELDS[kind] = tuple(
            f.name
            for f in fields(kind)
            if f.name in ("source", "date") or not _scalar(hints.get(f.name, Any))
        )
    return names


_SCALARS = (str, int, float, bool, type(None))


def _scalar(tp: Any) -> bool:
    """Whether a field's type holds only plain values (text, numbers, literals, tuples
    and mappings of them), never a record."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return all(_scalar(arg) for arg in typing.get_args(tp))
    if origin is tuple:
        return all(arg is Ellipsis or _scalar(arg) for arg in typing.get_args(tp))
    return origin in (typing.Literal, dict) or tp in _SCALARS


class _Pass:
    """One walk over every validated record: each `source` names a known source, each
    `date` is one the calendar has (`2023-02-30` has the right shape but no day), and a
    price range runs upwards (`usd_max` is at least `usd`).

    The location of a record is kept as a list and made a tuple only for a problem, and
    each distinct date is checked once, so the walk costs little beyond the visit.
    """

    def __init__(self, refs: _Refs, sources: dict[str, Any]) -> None:
        self.refs, self.sources = refs, sources
        self.dates: list[Found] = []
        self.prices: list[Found] = []
        self.calendar: dict[str, bool] = {}
        self.path: list[Any] = []
        self.name = ""

    def file(self, name: str, obj: Any) -> None:
        self.name = name
        self.record(obj)

    def record(self, obj: Any) -> None:
        if isinstance(obj, models.Price):
            self.price(obj)
        path = self.path
        for name in _names(type(obj)):
            value = getattr(obj, name)
            kind = type(value)
            if kind is str:
                if name == "source" and value not in self.sources:
                    loc = (*path, name)
                    self.refs.ref(self.name, loc, "source", value, self.sources)
                elif name == "date" and not self.real(value):
                    self.dates.append((self.name, (*path, name), f"no such date '{value}'"))
            elif kind is tuple:
                path.append(name)
                self.items(value)
                path.pop()
            elif isinstance(value, models.Record):
                path.append(name)
                self.record(value)
                path.pop()

    def items(self, values: tuple[Any, ...]) -> None:
        path = self.path
        for i, item in enumerate(values):
            if isinstance(item, models.Record):
                path.append(i)
                self.record(item)
                path.pop()
            elif type(item) is tuple:
                path.append(i)
                self.items(item)
                path.pop()

    def clean(self, seen: parse.Seen) -> bool:
        """Whether walking the records that ``seen`` was gathered from would find nothing."""
        if not seen.whole or seen.prices or not seen.sources <= self.sources.keys():
            return False
        return all(self.real(date) for date in seen.dates)

    def real(self, text: str) -> bool:
        known = self.calendar.get(text)
        if known is None:
            known = self.calendar[text] = _real_date(text)
        return known

    def price(self, price: models.Price) -> None:
        if price.usd_max is not None and price.usd_max < price.usd:
            message = (
                f"usd_max ({price.usd_max:,g}) is below usd ({price.usd:,g}); "
                "usd is the low end of the range"
            )
            self.prices.append((self.name, (*self.path, "usd_max"), message))


def _real_date(text: str) -> bool:
    if text == "undated":
        return True
    try:
        parts = [int(p) for p in text.split("-")]
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except (TypeError, ValueError, OverflowError):
        return False
    return True
