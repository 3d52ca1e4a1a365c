"""Where the data files are, and reading them as untrusted input: regular files of a
bounded size only, never a FIFO, device or directory."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

from fitcareer import model as models
from fitcareer.errors import DataError, Problem, UsageError

MAX_BYTES = 10 * 1024 * 1024
"""Data files larger than this are refused (10 MiB: twice a 10,000-certification catalog)."""


FILES = tuple(models.FILES)
"""The data files, in load order."""

OPTIONAL = ("wages.yaml",)
"""Data files a directory may hold or not (read by `fitcareer.data.wages`)."""


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
    if not any(os.path.lexists(user_dir / name) for name in (*FILES, *OPTIONAL)):
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
        known = entry in FILES or entry in OPTIONAL
        if known or entry.startswith(".") or not lower.endswith((".yaml", ".yml")):
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


def read_all(paths: dict[str, Path]) -> dict[str, bytes]:
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
