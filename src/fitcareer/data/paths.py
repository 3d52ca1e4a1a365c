"""The moves between careers (``paths.yaml``), read only by `fitcareer paths`: checked
against its schema, and each source and career it names against the catalog and itself."""

from __future__ import annotations

import os
from pathlib import Path

from fitcareer.data.files import read, shipped_dir
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog
from fitcareer.model_paths import PathsFile

NAME = "paths.yaml"


def location(data_dir: Path | None = None) -> Path:
    """The data directory's paths.yaml where it has one, else the shipped one."""
    own = data_dir / NAME if data_dir is not None else None
    return own if own is not None and os.path.lexists(own) else shipped_dir() / NAME


def parsed(path: Path, raw: bytes) -> PathsFile:
    """The file, validated (and cached); every problem in it raised at once."""
    from fitcareer.data import apart

    return apart.kept("paths", raw, PathsFile, lambda: _validated(path, raw))


def _validated(path: Path, raw: bytes) -> PathsFile:
    from fitcareer.data import apart, parse

    data = parse.parse(raw, str(path))
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), "expected a mapping with 'careers' and 'moves'", 1, 1)])
    return apart.validated(path, raw, data, PathsFile)


def checked(found: PathsFile, catalog: Catalog, path: Path, raw: bytes) -> PathsFile:
    """The moves, once every career and source they name is known."""
    careers = {c.id for c in found.careers}
    bad: list[tuple[tuple[str | int, ...], str]] = []
    for i, career in enumerate(found.careers):
        role = catalog.roles.get(career.id)
        occupation = catalog.occupations.get(role.occupation or "") if role else None
        if (
            occupation is not None
            and career.soc
            and occupation.soc
            and career.soc != occupation.soc
        ):
            said = f"SOC {career.soc}, but the role's occupation is SOC {occupation.soc}"
            bad.append((("careers", i, "soc"), said))
    for i, move in enumerate(found.moves):
        for end in ("origin", "to"):
            value = getattr(move, end)
            if value not in careers:
                bad.append((("moves", i, end), f"no career '{value}'"))
        for kind in ("says", "education", "credential", "time", "cost"):
            for j, item in enumerate(getattr(move, kind)):
                if item.source not in catalog.sources:
                    bad.append((("moves", i, kind, j, "source"), f"no source '{item.source}'"))
    if bad:
        from fitcareer.data import validate

        raise DataError([validate.locate(str(path), raw, where, said) for where, said in bad])
    return found


def load(catalog: Catalog, data_dir: Path | None = None) -> PathsFile:
    path = location(data_dir)
    raw = read(path)
    return checked(parsed(path, raw), catalog, path, raw)
