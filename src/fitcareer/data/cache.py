"""The cache of checked catalogs: a warm run reads one pickle and never parses YAML."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fitcareer import __version__
from fitcareer import model as models
from fitcareer.data.files import FILES
from fitcareer.data.write import write_atomic
from fitcareer.model import Catalog

CACHE_ENTRIES = 4
"""Cached catalogs kept (the shipped data and a few of the user's own)."""


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


def key(raws: dict[str, bytes]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for name in FILES:
        digest.update(name.encode() + b"\0" + str(len(raws[name])).encode() + b"\0")
        digest.update(raws[name])
    return digest.hexdigest()


class _Unpickler(pickle.Unpickler):
    """Builds only fitcareer's own data classes: a foreign pickle cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        found = getattr(models, name, None) if module == "fitcareer.model" else None
        if isinstance(found, type) and issubclass(found, models.Record):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def get(key: str) -> Catalog | None:
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


def put(key: str, catalog: Catalog) -> None:
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
