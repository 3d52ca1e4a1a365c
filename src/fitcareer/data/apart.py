"""Files read apart from the catalog, by the commands that need them: the O*NET extract
(`onet.json`) and the career moves (`paths.yaml`), each validated against its schema and
kept in the cache as the catalog is, keyed by its kind and bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from fitcareer.errors import DataError

T = TypeVar("T")


def kept(kind: str, raw: bytes, made: type[T], build: Callable[[], T]) -> T:
    """The record a file's bytes make: from the cache when kept there, else built and kept."""
    from fitcareer.data import cache

    key = cache.key({}, {}, {kind: raw})
    found: T | None = cache.get(key, made)
    if found is None:
        found = build()
        cache.put(key, found)  # type: ignore[arg-type]
    return found


def validated(path: Path, raw: bytes, data: Any, made: type[T]) -> T:
    """Parsed data as a record of ``made``; every problem in it raised at once."""
    from pydantic import ValidationError

    from fitcareer.data import validate

    try:
        record: T = validate.validator(cast(Any, made)).validate_python(data)
    except ValidationError as e:
        raise DataError(
            [validate.problem(str(path), raw, made, err) for err in e.errors()]
        ) from None
    return record
