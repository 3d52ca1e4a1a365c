"""Parsed data checked against the model, then across files: every problem found, each
located by file, line and column. pydantic is imported only here, on a cold run."""

from __future__ import annotations

import datetime
import difflib
import functools
import operator
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from fitcareer import model as models
from fitcareer.data.files import FILES
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog

Progress = Callable[[str, int], AbstractContextManager[object]]
"""Called with a file name and its size before a slow parse; returns a context to parse in."""


def build(
    paths: dict[str, Path],
    raws: dict[str, bytes],
    progress: Progress | None,
    problems: list[Problem] | None = None,
) -> Catalog:
    """Parse, validate and cross-check the data files (both mappings keyed by file name),
    collecting every problem: a file missing from ``raws`` (unreadable) or failing
    validation is skipped, and references into it are not checked."""
    from pydantic import ValidationError

    from fitcareer.data import parse

    parsed: dict[str, Any] = {}
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
                data = parse.parse(raw, path)
        except DataError as e:
            problems.extend(e.problems)
            continue
        if not isinstance(data, dict):
            top, found = fields(model)[0].name, type(data).__name__
            message = f"expected a mapping with a '{top}' list, found {found}"
            problems.append(Problem(path, message, 1, 1))
            continue
        try:
            parsed[name] = validator(model).validate_python(data)
        except ValidationError as e:
            for err in e.errors(include_url=False):
                problems.append(problem(path, raw, model, err))
    broken = frozenset(FILES) - parsed.keys()
    for name in broken:
        model = models.FILES[name]
        parsed[name] = model(**{fields(model)[0].name: ()})
    catalog = _assemble(parsed)
    refs = cross_check(catalog, parsed, broken)
    problems += [locate(str(paths[name]), raws[name], loc, msg) for name, loc, msg in refs]
    if problems:
        raise DataError(problems)
    return catalog


@functools.cache
def validator(model: Any) -> Any:
    """A model's validator, built once per process without the field docstrings: they
    describe the JSON Schemas, and reading them (parsing the model's source) is most of
    the time building a validator takes."""
    from pydantic import TypeAdapter

    config = models.CONFIG
    saved = config.get("use_attribute_docstrings", False)
    config["use_attribute_docstrings"] = False
    try:
        return TypeAdapter(model)
    finally:
        config["use_attribute_docstrings"] = saved


def locate(path: str, raw: bytes, loc: tuple[Any, ...], message: str) -> Problem:
    """A problem with the value at ``loc`` of a file, at its line and column."""
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
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "expected a whole number"),
    **dict.fromkeys(("float_type", "float_parsing"), "expected a number"),
    "string_type": "expected text (put it in quotes)",
    "bool_type": "expected true or false",
    **dict.fromkeys(("tuple_type", "list_type"), "expected a list"),
    **dict.fromkeys(("dict_type", "dataclass_type"), "expected a mapping"),
    **dict.fromkeys(("missing", "missing_argument"), "required field is missing"),
}


def problem(path: str, raw: bytes, model: Any, err: Any) -> Problem:
    """A validation error (one of pydantic's ``errors()``) in fitcareer's words."""
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    shown = repr(value) if isinstance(value, str | int | float | bool) else None
    if shown is not None and len(shown) > 40:
        shown = shown[:37] + "..."
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        parent = _unwrap(_leaf(model, loc[:-1]))
        parent = typing.get_origin(parent) or parent
        known = [f.name for f in fields(parent if is_dataclass(parent) else model)]
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
    elif kind.startswith(("greater_than", "less_than")):  # as the whole allowed range
        message = _range(model, loc) or err["msg"]
    elif kind in _TYPE_WORDS:
        message = _TYPE_WORDS[kind]
    else:
        message = err["msg"]
    if shown is not None and kind not in ("missing", "missing_argument"):
        message += f", got {shown}"
    return locate(path, raw, loc, message)


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
    rule = {k: v for m in extras if isinstance(m, models.Rule) for k, v in m.constraints.items()}
    low, high = rule.get("ge", rule.get("gt")), rule.get("le", rule.get("lt"))
    if low is None or high is None:
        return None
    kind = "a whole number" if base is int else "a number"
    return f"expected {kind} from {low:,} to {high:,}"


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp


def _assemble(parsed: dict[str, Any]) -> Catalog:
    """Every list of every file as the catalog holds it: by id, or as a tuple (steps in
    order)."""
    lists = {f.name: getattr(parsed[name], f.name) for name in FILES for f in fields(parsed[name])}
    lists["steps"] = tuple(sorted(lists["steps"], key=lambda s: s.n))
    keep = ("combinations", "steps")
    indexed: dict[str, Any] = {
        k: v if k in keep else {i.id: i for i in v} for k, v in lists.items()
    }
    return Catalog(**indexed)


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


class _Refs:
    """Collects cross-reference problems; references into a ``broken`` file are skipped."""

    def __init__(self, broken: frozenset[str]) -> None:
        self.found: list[Found] = []
        self.broken = broken
        self.hints: dict[str, str] = {}

    def ref(self, file: str, loc: tuple[Any, ...], kind: str, value: str, known: Any) -> None:
        if value in known or _HOLDS[kind] in self.broken:
            return
        self.found.append((file, loc, f"unknown {kind} '{value}'{self.hint(value, known)}"))

    def hint(self, value: str, known: Any) -> str:
        if value not in self.hints and len(self.hints) < MAX_HINTS:
            close = difflib.get_close_matches(value, list(known), n=1)
            self.hints[value] = f" (did you mean '{close[0]}'?)" if close else ""
        return self.hints.get(value, "")


def cross_check(catalog: Catalog, parsed: dict[str, Any], broken: frozenset[str]) -> list[Found]:
    """Every reference between files points at something that exists (except into a
    ``broken`` file, one that failed to load); ids are unique; dates and prices are
    checked in one walk over every record (`_Facts`)."""
    refs = _Refs(broken)
    _unique_ids(refs, parsed)
    _role_refs(refs, catalog, parsed["roles.yaml"])
    _cert_refs(refs, catalog, parsed["certifications.yaml"])
    _quiz_refs(refs, catalog, parsed["quiz.yaml"])
    walk = _Facts(refs, catalog.sources)
    for name in FILES:
        walk.file = name
        walk.record(parsed[name])
    return refs.found + walk.dates + walk.prices


def _repeats(values: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    """Each value seen before, with its place."""
    seen: set[Any] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield i, value
        seen.add(value)


def _unique_ids(refs: _Refs, parsed: dict[str, Any]) -> None:
    """Every list of records with ids in a file holds each id once; steps, each number."""
    for file in FILES:
        for section in fields(parsed[file]):
            ids = [getattr(item, "id", None) for item in getattr(parsed[file], section.name)]
            for i, item_id in _repeats(ids):
                if item_id is not None:
                    refs.found.append((file, (section.name, i, "id"), f"duplicate id '{item_id}'"))
    steps = parsed["certifications.yaml"].steps
    for i, n in _repeats(step.n for step in steps):
        refs.found.append(("certifications.yaml", ("steps", i, "n"), f"duplicate step number {n}"))


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
        questions = questionnaire.questions
        for j, qid in _repeats(q.id for q in questions):
            message = f"duplicate question id '{qid}'"
            refs.found.append(("quiz.yaml", ("questionnaires", i, "questions", j, "id"), message))
        for j, question in enumerate(questions):
            qloc = ("questionnaires", i, "questions", j)
            for k, key in _repeats(c.key for c in question.choices):
                message = f"duplicate choice key '{key}'"
                refs.found.append(("quiz.yaml", (*qloc, "choices", k, "key"), message))
            for k, choice in enumerate(question.choices):
                for role_id in choice.weights:
                    loc = (*qloc, "choices", k, "weights", role_id)
                    refs.ref("quiz.yaml", loc, "role", role_id, catalog.roles)
        for j, guide in enumerate(questionnaire.guides):
            where = ("questionnaires", i, "guides", j, "role")
            refs.ref("quiz.yaml", where, "role", guide.role, catalog.roles)


class _Facts:
    """One walk over every record: each `source` is a known one, each date one the
    calendar has (`2023-02-30` has no day), each price range runs upwards; the location
    is kept as a list, made a tuple only for a problem. Equal records and lists are made
    one object (`kept`), so that a cached catalog holds, and a warm run builds, each once."""

    def __init__(self, refs: _Refs, sources: dict[str, Any]) -> None:
        self.refs, self.sources, self.file = refs, sources, ""
        self.dates: list[Found] = []
        self.prices: list[Found] = []
        self.path: list[Any] = []
        self.kept: dict[Any, Any] = {}

    def record(self, obj: Any) -> Any:
        kind: type = type(obj)
        nested, source, dates, plain = _shape(kind)
        if source and type(obj.source) is str and obj.source not in self.sources:
            loc = (*self.path, "source")
            self.refs.ref(self.file, loc, "source", obj.source, self.sources)
        for name in dates:
            date = getattr(obj, name)
            if type(date) is str and not _real_date(date):
                self.dates.append((self.file, (*self.path, name), f"no such date '{date}'"))
        if type(obj) is models.Price and obj.usd_max is not None and obj.usd_max < obj.usd:
            message = (
                f"usd_max ({obj.usd_max:,g}) is below usd ({obj.usd:,g}); "
                "usd is the low end of the range"
            )
            self.prices.append((self.file, (*self.path, "usd_max"), message))
        key = [kind, plain(obj)]  # and its parts by id: each is the one kept
        for name in nested:
            value = getattr(obj, name)
            if (type(value) is tuple and value) or isinstance(value, models.Record):
                self.path.append(name)
                one = self.items(value) if type(value) is tuple else self.record(value)
                self.path.pop()
                if one is not value:
                    setattr(obj, name, one)
                key.append(id(one))
            else:
                key.append((type(value), value))  # 2 questions are not 2.0 years
        try:
            return self.kept.setdefault(tuple(key), obj)
        except TypeError:  # a mapping among its values
            return obj

    def items(self, values: tuple[Any, ...]) -> Any:
        out = []
        for i, item in enumerate(values):
            if isinstance(item, models.Record) or type(item) is tuple:
                self.path.append(i)
                item = self.items(item) if type(item) is tuple else self.record(item)
                self.path.pop()
            out.append(item)
        return self.kept.setdefault((tuple, *map(id, out)), tuple(out))


@functools.cache
def _shape(kind: type) -> tuple[tuple[str, ...], bool, tuple[str, ...], Callable[[Any], Any]]:
    """The fields of a record that may hold records (not those of plain values: text,
    numbers, literals, and tuples and mappings of them), whether it has a `source`, its
    dates, and a reader of its plain values."""
    hints = typing.get_type_hints(kind)
    names = [f.name for f in fields(kind)]
    nested = tuple(name for name in names if not _plain(hints[name]))
    plain = [name for name in names if name not in nested]
    dates = tuple(n for n in ("date", "effective") if n in names)
    read = operator.attrgetter(*plain) if plain else lambda _: None
    return nested, "source" in names, dates, read


def _plain(tp: Any) -> bool:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType, tuple):
        return all(arg is Ellipsis or _plain(arg) for arg in args)
    return origin in (typing.Literal, dict) or tp in (str, int, float, bool, type(None))


@functools.cache
def _real_date(text: str) -> bool:
    try:
        parts = [int(p) for p in text.split("-")] if text != "undated" else [1]
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except (TypeError, ValueError, OverflowError):
        return False
    return True
