"""Files in, a checked `Catalog` out.

`files` finds and safely reads the data files, `parse` turns YAML into plain data,
`validate` checks it against the model and across files, `cache` keeps the checked
catalog for the next run, `write` replaces files atomically and `schema` writes the
JSON Schemas editors use. `load` and `check` here are what the rest of fitcareer calls.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fitcareer.data import wages
from fitcareer.data.files import data_paths, foreign, read, read_all, resolve_dir, signature
from fitcareer.data.validate import Progress, build
from fitcareer.errors import DataError
from fitcareer.model import Catalog


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalog is built or unpickled.

    Both make hundreds of thousands of objects and no reference cycles; the collector
    would walk them all again and again, which doubles the time of a large parse and
    triples that of a large cache read. Afterwards they are moved out of its reach
    (`gc.freeze`): its next pass would otherwise walk all of them once more (0.15 s for
    50,000 certifications). They are still freed when no longer used, as acyclic objects
    always are. The collector is left on or off as it was found.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _now(work: Callable[[], None]) -> None:
    work()


def _skip(work: Callable[[], None]) -> None:
    """No cache (turned off, or no place for one): nothing to store."""


def load(user_dir: Path | None = None, progress: Progress | None = None) -> Catalog:
    """The catalog, from the cache when the data files are unchanged."""
    return opened(user_dir, progress)[0]


def kept(key: str | None, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What ``build`` makes of the catalog cached under ``key`` (from `opened`), made on
    first use and kept by the cache beside the catalog: output that is the same on every
    run, such as each certification's list row and JSON entry."""
    from fitcareer.data import cache  # pickle and hashlib: not for help

    if key is None:
        return build()
    ready = cache.ready_key(key, name)
    value = cache.get_ready(ready)
    if value is None:
        value = build()
        cache.put_ready(ready, value)
    return value


Later = Callable[[Callable[[], None]], None]
"""Takes work to run once the answer is out (`cli.main` runs it in a detached process)."""


def opened(
    user_dir: Path | None = None, progress: Progress | None = None, later: Later | None = None
) -> tuple[Catalog, str]:
    """The catalog, and the key the cache keeps it under (for `kept`).

    A catalog read afresh is stored for the next run, by ``later`` when given: writing
    the entry of a large catalog takes as long as checking it, and the answer need not
    wait for it.
    """
    from fitcareer.data import cache  # pickle and hashlib: not for help

    store = (later or _now) if cache.cache_dir() is not None else _skip
    folder = resolve_dir(user_dir)
    paths = data_paths(folder)
    files = [*paths.values(), *wages.paths(folder)]
    seen = signature(files)
    if seen is not None:
        known = cache.alias(seen)
        if known is not None:
            with _bulk():
                cached = cache.get(known)
            if cached is not None:
                return cached, known
    raws = read_all(paths)
    tables = wages.raws(folder)
    forms = {name: path.suffix for name, path in paths.items()}
    key = cache.key(raws, {str(p): raw for p, raw in tables.items()}, forms)
    with _bulk():
        catalog = cache.get(key)
        if catalog is None:
            catalog = build(paths, raws, progress)
            catalog.wages = wages.build(tables, catalog.sources)
            store(functools.partial(cache.put, key, catalog))
    if seen is not None and signature(files) == seen:
        store(functools.partial(cache.put_alias, seen, key))
    return catalog, key


def check(user_dir: Path | None = None) -> Catalog:
    """Load, collecting every problem in every file.

    The cache holds only catalogs that passed these checks, so files it holds a catalog
    for (the same bytes, read by the same code) are not checked again.
    """
    from fitcareer.data import cache  # pickle and hashlib: not for help

    folder = resolve_dir(user_dir)
    paths = data_paths(folder)
    problems = foreign(folder, os.listdir(folder)) if folder is not None else []
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
    with _bulk():
        if not problems and len(raws) == len(paths):
            forms = {name: path.suffix for name, path in paths.items()}
            key = cache.key(raws, {str(p): raw for p, raw in tables.items()}, forms)
            cached = cache.get(key)
            if cached is not None:
                return cached
        catalog = build(paths, raws, None, problems)
        catalog.wages = wages.build(tables, catalog.sources)
        return catalog
