"""The cache of checked catalogs: a warm run reads one pickle and never parses YAML.

An entry is trusted only in a directory of the user's own that nobody else can write,
as a regular file of theirs written 0600 from a catalog that passed validation; anything
else found there is ignored, and the catalog is built afresh."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import io
import os
import pickle
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fitcareer import __version__
from fitcareer import model as models
from fitcareer.data.files import FILES, user_dir
from fitcareer.data.write import replace
from fitcareer.model import Catalog

CACHE_ENTRIES = 8
"""Entries kept: the shipped data's catalog, area tables, O*NET extract, career moves, and more."""

MAX_ENTRY_BYTES = 2**28
"""Entries larger than this are ignored (256 MiB; the shipped data's is about 0.1 MB)."""

_PREFIX, _SUFFIX = "catalog-", ".pickle"
_CODE = ("model*.py", "data/*.py")
"""The code that decides what an entry holds (records, reading, checks), in every key."""


def cache_dir() -> Path | None:
    """Where cached catalogs live (`FITCAREER_CACHE_DIR`, else the platform's cache
    directory); None when caching is off."""
    if os.environ.get("FITCAREER_NO_CACHE"):
        return None
    override = os.environ.get("FITCAREER_CACHE_DIR")
    return Path(override) if override else user_dir("cache")


def key(raws: dict[str, bytes], forms: dict[str, str], optional: dict[str, bytes]) -> str:
    """The entry a catalog is kept under: the code and versions, every data file's bytes and
    form, and each `optional` file (a wages file by its path; O*NET's extract by its kind)."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    package = Path(models.__file__).parent
    pydantic = importlib.util.find_spec("pydantic")
    code = sorted(path for pattern in _CODE for path in package.glob(pattern))
    if pydantic is not None and pydantic.origin is not None:
        code.append(Path(pydantic.origin).with_name("version.py"))
    for path in code:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(os.urandom(32))
    parts = [(f"\0{name}\0{forms[name]}", raws[name]) for name in FILES if name in raws]
    for head, raw in parts + [(f"\1{name}", raw) for name, raw in sorted(optional.items())]:
        digest.update(f"{head}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()


def refusal(folder: Path, info: os.stat_result) -> str | None:
    """Why a cache directory may not be used (None: it may)."""
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a directory"
    if not _own(info):
        return f"{folder} belongs to another user"
    if os.name == "posix" and info.st_mode & 0o022:
        return f"{folder} can be written by other users (chmod 700 {folder} to use it)"
    return None


def _own(info: os.stat_result) -> bool:
    """Whether the user owns a file (always, where the platform has no owners)."""
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _trusted(info: os.stat_result) -> bool:
    """An entry fitcareer wrote for this user: a regular file of theirs, 0600 at most."""
    private = os.name != "posix" or not info.st_mode & 0o022
    return stat.S_ISREG(info.st_mode) and _own(info) and private and info.st_size <= MAX_ENTRY_BYTES


def _opener(path: str, flags: int) -> int:
    """Never through a link, and never waiting on a FIFO put in an entry's place."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


class _Unpickler(pickle.Unpickler):
    """Builds only fitcareer's own data classes: a foreign pickle cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        ours = module in ("fitcareer.model", "fitcareer.model_paths")
        found = getattr(importlib.import_module(module), name, None) if ours else None
        if isinstance(found, type) and issubclass(found, models.Record):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def get(key: str, kind: type) -> Any:
    """What is kept under ``key`` (a ``kind``), or None."""
    folder, unused, _ = _state()
    if folder is None or unused is not None:
        return None
    try:
        with open(folder / f"{_PREFIX}{key[:40]}{_SUFFIX}", "rb", opener=_opener) as f:
            info = os.fstat(f.fileno())
            if not _trusted(info):
                return None
            blob = f.read(info.st_size + 1)
        stored, catalog = _Unpickler(io.BytesIO(blob)).load()
    except Exception:
        return None
    return catalog if stored == key and isinstance(catalog, kind) else None


def put(key: str, catalog: Catalog | models.Record | tuple[Any, ...] | None) -> None:
    """Keep a catalog `build` made (or `wages.packed` tables; None: nothing), never over
    what is not an entry (a cache that cannot be written is simply not used)."""
    folder = cache_dir()
    if folder is None or catalog is None:
        return
    blob = pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _state()[1] is not None or len(blob) > MAX_ENTRY_BYTES:
            return
        target = folder / f"{_PREFIX}{key[:40]}{_SUFFIX}"
        if os.path.lexists(target) and not _trusted(os.lstat(target)):
            return
        replace(target, blob, 0o600, durable=False)
        _prune(folder)


Listing = list[tuple[Path, os.stat_result]]


def _listing(folder: Path) -> Listing:
    """Every name in the cache shaped like an entry, with what it is (not followed)."""
    found = []
    for name in os.listdir(folder):
        if name.startswith(_PREFIX) and name.endswith(_SUFFIX):
            with contextlib.suppress(OSError):
                found.append((folder / name, os.lstat(folder / name)))
    return found


def _prune(folder: Path) -> None:
    entries = sorted((info.st_mtime, path) for path, info in _listing(folder) if _trusted(info))
    for _, old in entries[:-CACHE_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()


@dataclass(frozen=True)
class CacheInfo:
    """What `fitcareer cache` reports: entries, their size, names shaped like entries
    that are not usable ones, and why the cache is not used, when it is not."""

    folder: Path | None
    entries: int
    bytes: int
    ignored: int = 0
    unused: str | None = None


def _state(listed: bool = False) -> tuple[Path | None, str | None, Listing]:
    """The cache directory, why it may not be used (None: it may, or it does not exist
    yet) and, when ``listed``, every name in it shaped like an entry."""
    folder = cache_dir()
    try:
        if folder is None or not os.path.exists(folder):
            return folder, None, []
        unused = refusal(folder, os.stat(folder))
        return folder, unused, _listing(folder) if listed and unused is None else []
    except OSError as e:
        return folder, f"{folder}: {e.strerror or e}", []


def cache_info() -> CacheInfo:
    folder, unused, listing = _state(listed=True)
    unused = unused or (_unwritable(folder) if folder is not None else None)
    good = [info for _, info in listing if _trusted(info)]
    total = sum(info.st_size for info in good)
    return CacheInfo(folder, len(good), total, len(listing) - len(good), unused)


def _unwritable(folder: Path) -> str | None:
    """Why an entry could not be written in or under ``folder`` (None: it could)."""
    near = next(p for p in (folder, *folder.absolute().parents) if os.path.lexists(p))
    if not os.path.isdir(near):
        return f"{folder} cannot be made: {near} is not a directory"
    if os.access(near, os.W_OK | os.X_OK):
        return None
    if near != folder:
        return f"{folder} cannot be made: {near} cannot be written"
    return f"{folder} cannot be written (chmod u+w {folder} to use it)"


@dataclass(frozen=True)
class Cleared:
    """What `fitcareer cache --clear` did: entries removed and not, and why not."""

    removed: int
    failed: int = 0
    reason: str | None = None


def cache_clear() -> Cleared:
    """Remove every cached catalog (and any link or file named like one), never
    following a link and never touching a directory that is not the user's own."""
    folder, unused, listing = _state(listed=True)
    removed, failed, reason = 0, 0, unused
    for path, info in listing:
        if stat.S_ISDIR(info.st_mode):
            failed, reason = failed + 1, f"{path} is a directory (left alone)"
            continue
        try:
            path.unlink()
            removed += 1
        except OSError as e:
            failed, reason = failed + 1, f"{folder}: {e.strerror or e}"
    return Cleared(removed, failed, reason)
