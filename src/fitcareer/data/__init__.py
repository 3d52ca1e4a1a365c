"""Files in, a checked `Catalog` out.

`files` finds and safely reads the data files, `parse` turns YAML or JSON into plain
data, `validate` checks it against the model and across files, `cache` keeps the
checked catalog for the next run, `write` replaces files atomically and `schema` writes
the JSON Schemas editors use. `load` and `check` here are what the rest of fitcareer
calls.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fitcareer.data import wages
from fitcareer.data.files import data_paths, foreign, read, resolve_dir
from fitcareer.data.validate import Progress, build
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalog is built or unpickled: both
    make many objects and no reference cycles, and the collector would walk them again
    and again. Afterwards they are moved out of its reach (`gc.freeze`), or its next
    pass would walk them all once more; they are still freed when no longer used. The
    collector is left on or off as it was found."""
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
    return _load(user_dir, progress, None)


def check(user_dir: Path | None = None) -> Catalog:
    """Load, collecting every problem in every file, and the files a data directory
    holds under a name fitcareer would ignore. The cache holds only catalogs that passed
    these checks, so files it holds a catalog for are not checked again."""
    folder = resolve_dir(user_dir)
    return _load(user_dir, None, foreign(folder, os.listdir(folder)) if folder else [])


def _load(user_dir: Path | None, progress: Progress | None, every: list[Problem] | None) -> Catalog:
    """The catalog; with ``every`` (problems found so far), every problem in every file
    is raised together, else the first unreadable files' at once."""
    from fitcareer.data import cache  # pickle and hashlib: not for help

    folder = resolve_dir(user_dir)
    paths = data_paths(folder)
    problems = every if every is not None else []
    raws: dict[str, bytes] = {}
    for name, path in paths.items():
        try:
            raws[name] = read(path)
        except DataError as e:
            problems.extend(e.problems)
    try:
        tables = wages.raws(folder)
    except DataError as e:
        problems.extend(e.problems)
        tables = {}
    if problems and every is None:
        raise DataError(problems)
    if problems:
        build(paths, raws, None, problems)  # raises them with the other files' problems
    forms = {name: path.suffix for name, path in paths.items()}
    key = cache.key(raws, forms, {str(p): raw for p, raw in tables.items()})
    with _bulk():
        catalog = cache.get(key)
        if catalog is None:
            catalog = build(paths, raws, progress)
            catalog.wages = wages.build(tables, catalog.sources)
            cache.put(key, catalog)
    return catalog
