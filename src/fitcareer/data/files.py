"""Where the data files are, and reading them as untrusted input: regular files of a
bounded size only, never a FIFO, device or directory."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path
from typing import Literal

from fitcareer import model as models
from fitcareer.errors import DataError, Problem, UsageError

MAX_BYTES = 256 * 2**20
"""Data files larger than this are refused unread: a guard against reading the wrong file
by accident (3,000 certifications as detailed as the shipped ones take about 7 MB)."""

FORMATS = (".yaml", ".json")
"""The forms a data file may take: YAML written by hand, or JSON with the same schema
(for catalogs made by a program); one directory may hold only one form of each file."""

FILES = tuple(models.FILES)
"""The data files, in load order."""

OPTIONAL = ("wages.yaml", "wages.json", "paths.yaml", "onet.json", "onet-import.json")
"""Data files a directory may hold or not: the user's imported wages and the area tables
as shipped (read by `fitcareer.data.wages`), the moves between careers
(`fitcareer.data.paths`), and O*NET's data as shipped and as imported
(`fitcareer.data.onet`)."""

NAMES = tuple(name.removesuffix(".yaml") + ext for name in FILES for ext in FORMATS)
"""Every name a data file may have: each of `FILES` as YAML or JSON."""


def data_names(folder: Path) -> list[Path]:
    """Every name a data file may have in ``folder``, the optional ones too."""
    return [folder / name for name in (*NAMES, *OPTIONAL)]


def _too_large(name: str, size: int) -> DataError:
    mib = size / 2**20
    shown = f"{mib:,.1f} MiB" if mib < 10 else f"{mib:,.0f} MiB"
    limit = f"{MAX_BYTES / 2**20:,.0f} MiB"
    return DataError([Problem(name, f"file is {shown}, more than the {limit} a data file may be")])


def user_dir(kind: Literal["cache", "data"]) -> Path:
    """fitcareer's own directory of the user's, by the platform's convention: the cache
    (``~/.cache/fitcareer`` on Linux) or the data it keeps (``~/.local/share/fitcareer``)."""
    import platformdirs

    if kind == "cache":
        return Path(platformdirs.user_cache_dir("fitcareer", appauthor=False))
    return Path(platformdirs.user_data_dir("fitcareer", appauthor=False, roaming=True))


def shipped_dir() -> Path:
    """The data that comes with fitcareer (inside the wheel, or the source tree's `data/`)."""
    here = Path(__file__).resolve().parent
    packaged = here / "shipped"
    if packaged.is_dir():
        return packaged
    return here.parent.parent.parent / "data"


def resolve_dir(user_dir: Path | None) -> Path | None:
    """Check a user data directory given by option or environment.

    A path that is not a directory is a usage error (exit 2); a directory that cannot be
    listed, or that holds none of the data files, is a data problem (exit 1).
    """
    if user_dir is None:
        return None
    if not os.path.isdir(user_dir):
        why = "not a directory" if os.path.exists(user_dir) else "no such directory"
        raise UsageError(f"data directory '{user_dir}': {why}")
    try:
        entries = os.listdir(user_dir)
    except OSError as e:
        raise DataError([Problem(str(user_dir), f"cannot read directory: {e.strerror}")]) from None
    if not any(os.path.lexists(path) for path in data_names(user_dir)):
        names = ", ".join(FILES)
        problem = Problem(str(user_dir), f"holds none of the data files ({names})")
        raise DataError([problem, *foreign(user_dir, entries)])
    return user_dir


def foreign(user_dir: Path, entries: list[str]) -> list[Problem]:
    """YAML and JSON files in a data directory that fitcareer would silently ignore, with
    a hint."""
    problems = []
    stems = [name.removesuffix(".yaml") for name in FILES]
    for entry in sorted(entries):
        lower = entry.lower()
        known = entry in NAMES or entry in OPTIONAL
        if known or entry.startswith(".") or not lower.endswith((".yaml", ".yml", ".json")):
            continue
        if lower in NAMES and _same(user_dir / entry, user_dir / lower):
            continue
        ext = ".json" if lower.endswith(".json") else ".yaml"
        close = difflib.get_close_matches(lower.rsplit(".", 1)[0], stems, n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}{ext}'?" if close else f"data files are {', '.join(FILES)}"
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
    """Each data file's path (keyed by its YAML name): the user's copy, as YAML or JSON,
    where it exists, the shipped one otherwise. Both forms of one file is an error."""
    base = shipped_dir()
    paths = {}
    problems = []
    for name in FILES:
        stem = name.removesuffix(".yaml")
        found = [p for e in FORMATS if user_dir and os.path.lexists(p := user_dir / (stem + e))]
        if len(found) > 1:
            both = " and ".join(p.name for p in found)
            problems.append(Problem(str(found[-1]), f"{both} are both here; keep one of them"))
        paths[name] = found[0] if found else base / name
    if problems:
        raise DataError(problems)
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
            info = os.fstat(f.fileno())
            _regular(name, info)
            raw = f.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += f.read(MAX_BYTES + 1 - len(raw))
    except FileNotFoundError:
        raise DataError([Problem(name, "no such file")]) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    return raw


def _regular(name: str, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        kind = "JSON" if name.endswith(".json") else "YAML"
        raise DataError([Problem(name, f"is a directory, expected a {kind} file")])
    if not stat.S_ISREG(info.st_mode):
        raise DataError([Problem(name, "not a regular file")])
    if info.st_size > MAX_BYTES:
        raise _too_large(name, info.st_size)
