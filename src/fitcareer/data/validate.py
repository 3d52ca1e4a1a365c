"""Parsed data checked against the model, then across files: every problem found, each
located by file, line and column.

pydantic is imported only here, and only when data is read afresh (a cold run).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import typing
from collections.abc import Callable, Iterator
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
    """Parse, validate and cross-check the data files (both mappings keyed by file name).

    Every problem is collected before raising: a file missing from ``raws`` (unreadable)
    or failing validation is skipped, and references into it are not checked.
    """
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
    refs = cross_check(catalog, parsed, broken) + calendar_check(parsed)
    problems += [_locate(str(paths[name]), raws[name], loc, msg) for name, loc, msg in refs]
    if problems:
        raise DataError(problems)
    return catalog


@functools.cache
def _adapter(model: Any) -> Any:
    """A model's validator, built once per process (building one takes about 0.1 s)."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def _locate(path: str, raw: bytes, loc: tuple[Any, ...], message: str) -> Problem:
    from fitcareer.data import parse

    where = parse.locate(raw, loc)
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
    elif kind in _TYPE_WORDS:
        message = _TYPE_WORDS[kind]
    else:
        message = err["msg"]
    if shown is not None and kind not in ("missing", "missing_argument"):
        message += f", got {shown}"
    where = parse.locate(raw, loc)
    line, col = where if where else (None, None)
    return Problem(path, message, line, col, dotted(loc))


def _type_at(model: Any, loc: tuple[Any, ...]) -> Any:
    """The dataclass found at ``loc`` inside ``model``, or None."""
    current = model
    for step in loc:
        current = _unwrap(current)
        if is_dataclass(current) and isinstance(step, str):
            current = typing.get_type_hints(current).get(step)
        elif isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        else:
            return None
    current = _unwrap(current)
    return current if is_dataclass(current) else None


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


def cross_check(
    catalog: Catalog, parsed: dict[str, Any], broken: frozenset[str] = frozenset()
) -> list[Found]:
    """Every reference between files points at something that exists; ids are unique.

    References into a ``broken`` file (one that failed to load) are not checked.
    """
    found: list[Found] = []
    roles: models.RolesFile = parsed["roles.yaml"]
    certs: models.CertificationsFile = parsed["certifications.yaml"]
    quiz: models.QuizFile = parsed["quiz.yaml"]
    sources: models.SourcesFile = parsed["sources.yaml"]

    def unique(file: str, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                found.append((file, (section, i, "id"), f"duplicate id '{item_id}'"))
            seen.add(item_id)

    def ref(file: str, loc: tuple[Any, ...], kind: str, value: str, known: dict[str, Any]) -> None:
        if value not in known and _HOLDS[kind] not in broken:
            close = difflib.get_close_matches(value, list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            found.append((file, loc, f"unknown {kind} '{value}'{hint}"))

    unique("sources.yaml", "sources", [s.id for s in sources.sources])
    unique("roles.yaml", "roles", [r.id for r in roles.roles])
    unique("roles.yaml", "occupations", [o.id for o in roles.occupations])
    unique("certifications.yaml", "certifications", [c.id for c in certs.certifications])
    unique("certifications.yaml", "organizations", [o.id for o in certs.organizations])
    unique("certifications.yaml", "bodies", [b.id for b in certs.bodies])
    unique("certifications.yaml", "steps", [s.id for s in certs.steps])
    unique("quiz.yaml", "questionnaires", [q.id for q in quiz.questionnaires])

    for i, role in enumerate(roles.roles):
        if role.occupation is not None:
            ref(
                "roles.yaml",
                ("roles", i, "occupation"),
                "occupation",
                role.occupation,
                catalog.occupations,
            )
    for i, combo in enumerate(roles.combinations):
        for j, role_id in enumerate(combo.roles):
            ref("roles.yaml", ("combinations", i, "roles", j), "role", role_id, catalog.roles)
    for i, org in enumerate(certs.organizations):
        for j, rel in enumerate(org.relations):
            ref(
                "certifications.yaml",
                ("organizations", i, "relations", j, "org"),
                "organization",
                rel.org,
                catalog.organizations,
            )
    for i, cert in enumerate(certs.certifications):
        loc = ("certifications", i)
        ref("certifications.yaml", (*loc, "org"), "organization", cert.org, catalog.organizations)
        if cert.org in catalog.organizations and not cert.id.startswith(cert.org + "-"):
            found.append(
                (
                    "certifications.yaml",
                    (*loc, "id"),
                    f"id should start with its organization: '{cert.org}-...'",
                )
            )
        for j, role_id in enumerate(cert.roles):
            ref("certifications.yaml", (*loc, "roles", j), "role", role_id, catalog.roles)
        for j, acc in enumerate(cert.accreditation):
            ref(
                "certifications.yaml",
                (*loc, "accreditation", j, "body"),
                "accrediting body",
                acc.body,
                catalog.bodies,
            )
    numbers = [s.n for s in certs.steps]
    for i, n in enumerate(numbers):
        if numbers.index(n) != i:
            found.append(("certifications.yaml", ("steps", i, "n"), f"duplicate step number {n}"))
    for i, questionnaire in enumerate(quiz.questionnaires):
        q_ids = [q.id for q in questionnaire.questions]
        for j, question in enumerate(questionnaire.questions):
            qloc = ("questionnaires", i, "questions", j)
            if q_ids.index(question.id) != j:
                found.append(("quiz.yaml", (*qloc, "id"), f"duplicate question id '{question.id}'"))
            keys = [c.key for c in question.choices]
            for k, choice in enumerate(question.choices):
                if keys.index(choice.key) != k:
                    found.append(
                        (
                            "quiz.yaml",
                            (*qloc, "choices", k, "key"),
                            f"duplicate choice key '{choice.key}'",
                        )
                    )
                for role_id in choice.weights:
                    ref(
                        "quiz.yaml",
                        (*qloc, "choices", k, "weights", role_id),
                        "role",
                        role_id,
                        catalog.roles,
                    )
    for name in FILES:
        for loc, source_id in _strings(parsed[name], "source", ()):
            ref(name, loc, "source", source_id, catalog.sources)
    return found


def calendar_check(parsed: dict[str, Any]) -> list[Found]:
    """Every `date` is one the calendar has: `2023-02-30` has the right shape but no day."""
    found: list[Found] = []
    for name in FILES:
        for loc, text in _strings(parsed[name], "date", ()):
            parts = [int(p) for p in text.split("-")] if text != "undated" else []
            try:
                if parts:
                    datetime.date(*parts, *[1] * (3 - len(parts)))
            except ValueError:
                found.append((name, loc, f"no such date '{text}'"))
    return found


def _strings(obj: Any, field: str, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text field named ``field`` in a validated file, with its location."""
    if is_dataclass(obj):
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name == field and isinstance(value, str):
                yield (*loc, field), value
            elif isinstance(value, tuple) or is_dataclass(value):
                yield from _strings(value, field, (*loc, f.name))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _strings(item, field, (*loc, i))
