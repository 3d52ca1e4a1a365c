"""The copies of the source articles that come with fitcareer, shown by `sources ID
--detail`. They are read as the data files are (`files.read`), but are no part of the
catalog, so the cache's key does not follow this code."""

from __future__ import annotations

import re

from fitcareer.data import files
from fitcareer.errors import printable

ARTICLES = "articles"
"""The folder of the shipped data that holds the copies of the source articles."""

_COPY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def article(name: str) -> str | None:
    """The text of the copy of a source article that comes with fitcareer (a source's
    `file`), or None when none by that name does. The name comes from the data, so only
    a plain file name in the shipped articles folder is read; characters a terminal would
    obey are shown escaped."""
    if not _COPY_NAME.fullmatch(name):
        return None
    path = files.shipped_dir() / ARTICLES / name
    if not path.is_file():
        return None
    raw = files.read(path).decode("utf-8", errors="replace")
    return "\n".join(printable(line) for line in raw.splitlines())
