"""Where the data comes from: shipped files, a user's data directory, and the cache.

A cold run parses YAML (``loader``) and validates it with pydantic; both are imported
only then. The validated catalog is cached, keyed by the exact bytes of the data
files, so a warm run reads one pickle and never imports yaml or pydantic.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import gc
import hashlib
import io
import os
import pickle
import stat
import sys
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from . import __version__, models
from .catalog import Catalog
from .errors import DataError, Problem, UsageError

MAX_BYTES = 10 * 1024 * 1024
"""Data files larger than this are refused (10 MiB: twice a 10,000-certification catalog)."""

FILES = tuple(models.FILES)
"""The data files, in load order."""

CACHE_ENTRIES = 4
"""Cached catalogs kept (the shipped data and a few of the user's own)."""

Progress = Callable[[str, int], AbstractContextManager[object]]
"""Called with a file name and its size before a slow parse; returns a context to parse in."""


def shipped_dir() -> Path:
    """The data that comes with fitcareer (inside the wheel, or the source tree's `data/`)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "data"


def resolve_dir(user_dir: Path | None) -> Path | None:
    """Check a user data directory given by option or environment.

    A path that is not a directory is a usage error (exit 2); a directory that cannot be
    listed, or that holds none of the data files, is a data problem (exit 1).
    """
    if user_dir is None:
        return None
    try:
        info = os.stat(user_dir)
    except OSError:
        raise UsageError(f"data directory '{user_dir}': no such directory") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"data directory '{user_dir}': not a directory")
    try:
        entries = os.listdir(user_dir)
    except OSError as e:
        raise DataError([Problem(str(user_dir), f"cannot read directory: {e.strerror}")]) from None
    if not any(os.path.lexists(user_dir / name) for name in FILES):
        names = ", ".join(FILES)
        problem = Problem(str(user_dir), f"holds none of the data files ({names})")
        raise DataError([problem, *foreign(user_dir, entries)])
    return user_dir


def foreign(user_dir: Path, entries: list[str]) -> list[Problem]:
    """YAML files in a data directory that fitcareer would silently ignore, with a hint."""
    problems = []
    stems = {name.removesuffix(".yaml"): name for name in FILES}
    for entry in sorted(entries):
        lower = entry.lower()
        if entry in FILES or entry.startswith(".") or not lower.endswith((".yaml", ".yml")):
            continue
        if lower in FILES and _same(user_dir / entry, user_dir / lower):
            continue
        close = difflib.get_close_matches(lower.rsplit(".", 1)[0], stems, n=1, cutoff=0.75)
        hint = (
            f"did you mean '{stems[close[0]]}'?" if close else f"data files are {', '.join(FILES)}"
        )
        problems.append(
            Problem(str(user_dir / entry), f"not a data file, so it is ignored ({hint})")
        )
    return problems


def _same(a: Path, b: Path) -> bool:
    """Whether two names are one file (a case-insensitive file system)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def data_paths(user_dir: Path | None) -> dict[str, Path]:
    """Each data file's path: the user's copy where it exists, the shipped one otherwise."""
    base = shipped_dir()
    paths = {}
    for name in FILES:
        candidate = user_dir / name if user_dir is not None else None
        paths[name] = (
            candidate if candidate is not None and os.path.lexists(candidate) else base / name
        )
    return paths


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Non-blocking, so a file swapped for a FIFO after the check still cannot hang the read."""


def read(path: Path) -> bytes:
    """A data file's bytes, refusing anything that is not a small regular file."""
    name = str(path)
    try:
        _regular(name, os.stat(path))
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as f:
            _regular(name, os.fstat(f.fileno()))
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Problem(name, "no such file")]) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(name, f"file is larger than {MAX_BYTES // 2**20} MiB")])
    return raw


def _regular(name: str, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DataError([Problem(name, "is a directory, expected a YAML file")])
    if not stat.S_ISREG(info.st_mode):
        raise DataError([Problem(name, "not a regular file")])
    if info.st_size > MAX_BYTES:
        raise DataError([Problem(name, f"file is larger than {MAX_BYTES // 2**20} MiB")])


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalog is built or unpickled.

    Both make hundreds of thousands of objects and no reference cycles; the collector
    would walk them all again and again, which doubles the time of a large parse and
    triples that of a large cache read. Afterwards the catalog, alive until the process
    ends, is moved out of the collector's sight (``gc.freeze``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load(user_dir: Path | None = None, progress: Progress | None = None) -> Catalog:
    """The catalog, from the cache when the data files are unchanged."""
    paths = data_paths(resolve_dir(user_dir))
    raws = _read_all(paths)
    key = _cache_key(raws)
    with _bulk():
        cached = _cache_get(key)
        if cached is not None:
            return cached
        catalog = build(paths, raws, progress)
        _cache_put(key, catalog)
    return catalog


def check(user_dir: Path | None = None) -> Catalog:
    """Load without the cache, collecting every problem in every file."""
    folder = resolve_dir(user_dir)
    paths = data_paths(folder)
    problems = foreign(folder, os.listdir(folder)) if folder is not None else []
    raws: dict[str, bytes] = {}
    for name, path in paths.items():
        try:
            raws[name] = read(path)
        except DataError as e:
            problems.extend(e.problems)
    with _bulk():
        return build(paths, raws, None, problems)


def _read_all(paths: dict[str, Path]) -> dict[str, bytes]:
    """Every data file's bytes by file name; every unreadable file reported at once."""
    raws: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name, path in paths.items():
        try:
            raws[name] = read(path)
        except DataError as e:
            problems.extend(e.problems)
    if problems:
        raise DataError(problems)
    return raws


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

    from . import loader

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
                data = loader.parse(raw, path)
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
    from . import loader

    where = loader.locate(raw, loc)
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
    from . import loader

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
    where = loader.locate(raw, loc)
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


# --- cache -----------------------------------------------------------------------------

_MAGIC = b"fitcareer-catalog-1\n"


def cache_dir() -> Path | None:
    """Where cached catalogs live, by platform convention; None when caching is off."""
    if os.environ.get("FITCAREER_NO_CACHE"):
        return None
    override = os.environ.get("FITCAREER_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "fitcareer"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "fitcareer" / "Cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "fitcareer"


def _cache_key(raws: dict[str, bytes]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for name in FILES:
        digest.update(name.encode() + b"\0" + str(len(raws[name])).encode() + b"\0")
        digest.update(raws[name])
    return digest.hexdigest()


class _Unpickler(pickle.Unpickler):
    """Builds only fitcareer's own data classes: a foreign pickle cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "fitcareer.models" and isinstance(getattr(models, name, None), type):
            return getattr(models, name)
        if module == "fitcareer.catalog" and name == "Catalog":
            return Catalog
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _cache_get(key: str) -> Catalog | None:
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"catalog-{key[:40]}.pickle"
    try:
        with open(path, "rb") as f:
            blob = f.read()
        if not blob.startswith(_MAGIC):
            return None
        stored_key, catalog = _Unpickler(io.BytesIO(blob[len(_MAGIC) :])).load()
    except Exception:
        return None
    if stored_key != key or not isinstance(catalog, Catalog):
        return None
    return catalog


class _Pickler(pickle.Pickler):
    """Writes each record as its class and field values, rebuilt by ``__init__``.

    That loads about twice as fast as pickle's default for slotted dataclasses (a dict of
    field values per object). Text values are interned, so that one repeated across the
    data (source ids, dates, units) is stored, and rebuilt on a warm run, once.
    """

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, models.Record):
            values = (sys.intern(v) if type(v) is str else v for v in obj._values())
            return type(obj), tuple(values)
        return NotImplemented


def _cache_put(key: str, catalog: Catalog) -> None:
    folder = cache_dir()
    if folder is None:
        return
    buffer = io.BytesIO()
    buffer.write(_MAGIC)
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((key, catalog))
    blob = buffer.getvalue()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"catalog-{key[:40]}.pickle", blob)
        entries = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-CACHE_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` whole or not at all.

    The temporary file lives in the same directory (so the rename cannot cross file
    systems), is flushed to disk before the rename, and is removed on any failure. One
    that a killed save left behind is removed by a later save, once it is an hour old
    (a younger one may belong to a save still running).
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sweep(target)
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


STALE_SECONDS = 3600
"""Age after which a leftover temporary file is taken to be from a killed save."""


def _sweep(target: Path) -> None:
    import glob

    cutoff = time.time() - STALE_SECONDS
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


@dataclass(frozen=True)
class CacheInfo:
    """What `fitcareer cache` reports."""

    folder: Path | None
    entries: int
    bytes: int


def cache_info() -> CacheInfo:
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return CacheInfo(folder, 0, 0)
    entries = list(folder.glob("catalog-*.pickle"))
    return CacheInfo(folder, len(entries), sum(p.stat().st_size for p in entries))


def cache_clear() -> int:
    """Remove every cached catalog; returns how many were removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.glob("catalog-*.pickle"):
        entry.unlink(missing_ok=True)
        removed += 1
    return removed
