"""Files in, a checked `Catalog` out: `files` finds and reads them, `parse` makes plain
data of them, `validate` checks it, `cache` keeps the result; `load` and `check` here
are what the rest of fitcareer calls."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fitcareer.data import wages
from fitcareer.data.files import data_paths, foreign, read, resolve_dir
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog

if TYPE_CHECKING:
    from fitcareer.data.validate import Progress


@contextmanager
def _bulk() -> Iterator[None]:
    """No garbage collection while a catalog is built or unpickled (many objects, no
    cycles), then its objects out of the collector's reach; they are still freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load(
    user_dir: Path | None = None, progress: Progress | None = None, areas: bool = False
) -> Catalog:
    """The catalog, from the cache when the data files are unchanged; else read afresh,
    every problem in every file raised together. Its wages are the user's imports, and
    with ``areas`` the shipped tables for every area too."""
    return _load(user_dir, progress, [], areas)


def check(user_dir: Path | None = None) -> Catalog:
    """`load`, with the files a data directory holds under a name fitcareer would ignore
    as problems too."""
    folder = resolve_dir(user_dir)
    return _load(user_dir, None, foreign(folder, os.listdir(folder)) if folder else [], True)


def _load(
    user_dir: Path | None, progress: Progress | None, problems: list[Problem], areas: bool
) -> Catalog:
    from fitcareer.data import cache, validate  # pickle, hashlib, pydantic: not for help

    folder = resolve_dir(user_dir)
    paths = data_paths(folder)
    raws: dict[str, bytes] = {}
    for name, path in paths.items():
        try:
            raws[name] = read(path)
        except DataError as e:
            problems.extend(e.problems)
    try:
        tables = wages.raws(folder, areas)
    except DataError as e:
        problems.extend(e.problems)
        tables = {}
    if problems:
        validate.build(paths, raws, None, problems)  # raises them with the others' problems
    forms = {name: path.suffix for name, path in paths.items()}
    own = {p: raw for p, raw in tables.items() if p.name == wages.WAGES}
    key = cache.key(raws, forms, {str(p): raw for p, raw in own.items()})
    with _bulk():
        catalog: Catalog | None = cache.get(key, Catalog)
        if catalog is None:
            catalog = validate.build(paths, raws, progress)
            catalog.wages = wages.build(own, catalog.sources)
            cache.put(key, catalog)
        if len(own) < len(tables):
            key = cache.key(raws, forms, {str(p): raw for p, raw in tables.items()})
            shipped = {p: r for p, r in tables.items() if p not in own}
            found, fresh = wages.kept(cache.get(key, tuple), shipped, catalog.sources)
            catalog.wages += found
            cache.put(key, fresh)
    return catalog
