"""What BLS serves for OEWS, read into tables: the zipped downloads of
https://www.bls.gov/oes/tables.htm (``oesm25st.zip``: a folder holding the XLSX table,
sometimes a field-descriptions file beside it; older years held CSV or XLS), the XLSX and
CSV tables themselves, and the time-series flat files of
https://download.bls.gov/pub/time.series/oe/ (``oe.data.0.Current`` with ``oe.area``,
``oe.occupation`` and the rest beside it, or the folder holding them).

:func:`read` decides which it was given by its first bytes and its name, never by trust:
a zip's members are held to the bounds of a workbook's parts (sizes, packing ratio, how
many) before one is unpacked, each unpacked table goes through every check of
:func:`fitcareer.data.oews.read`, and a zip inside the zip is refused, never opened.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Final

from fitcareer.data import oews, oews_flat
from fitcareer.data.oews import DEFAULT_OCCUPATIONS, ProgressCallback, Table
from fitcareer.errors import DataError, Problem, UsageError
from fitcareer.model import BLS_PAGE

__all__ = ["TABLE_SUFFIXES", "measure", "read"]

TABLE_SUFFIXES: Final = (".csv", ".xlsx", ".xlsm", ".xls")
"""Members of a zip that may hold a table, in the order one is preferred to another of the
same name (a CSV is read in constant memory and needs no extra)."""

_SPREADSHEETS: Final = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_ZIP_MAGIC: Final = b"PK\x03\x04"
_EMPTY_ZIP: Final = b"PK\x05\x06"
_CHUNK: Final = 1 << 20
_SAFE: Final = re.compile(r"[^A-Za-z0-9._-]")


def read(
    path: str | os.PathLike[str],
    occupations: Iterable[str] = DEFAULT_OCCUPATIONS,
    release: str | None = None,
    progress: ProgressCallback | None = None,
    *,
    all_industries: bool = False,
) -> list[Table]:
    """The tables in what BLS serves: one for a table or the flat files, one per table
    in a zip (``oesm25ma.zip`` holds the metropolitan and the nonmetropolitan table).

    Raises :class:`~fitcareer.errors.UsageError` for a folder without the flat files,
    the flat files with ``all_industries`` (they are read for cross-industry rows
    only) or a bad occupation code, and :class:`~fitcareer.errors.DataError` as
    :func:`fitcareer.data.oews.read` does, and for a zip that holds no OEWS table, holds
    a zip, or is over the bounds.
    """
    name = os.fspath(path)
    codes = oews.soc_codes(occupations)
    if os.path.isdir(name):
        data = oews_flat.data_file(name)
        if data is None:
            raise UsageError(
                f"'{name}' is a folder without BLS's flat files ({oews_flat.DATA}): give a "
                f"table or zip from {BLS_PAGE}, or the folder of {oews_flat.FLAT_URL}"
            )
        return [_flat(data, codes, release, progress, all_industries)]
    if oews_flat.is_mapping(name):
        raise UsageError(
            f"'{name}' is one of BLS's flat files: import the data file beside it "
            f"({oews_flat.DATA}), or their folder"
        )
    with oews.open_regular(name) as f:
        head = _head(name, f)
        if oews_flat.is_data(name, head):
            return [_flat(Path(name), codes, release, progress, all_industries)]
        if _is_download(name, f, head):
            return _zip(name, f, codes, release, progress, all_industries)
    return [oews.read(name, codes, release, progress, all_industries=all_industries)]


def measure(path: str | os.PathLike[str]) -> tuple[str, int]:
    """The name and size of the file :func:`read` reads from ``path``: the data file of a
    folder of flat files; a size of 0 when it cannot be told."""
    read = Path(path)
    if read.is_dir():
        read = oews_flat.data_file(read) or read
    try:
        return read.name, read.stat().st_size if read.is_file() else 0
    except OSError:
        return read.name, 0


def _head(name: str, f: BinaryIO) -> bytes:
    try:
        return f.read(16)
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None


def _flat(
    data: Path,
    codes: tuple[str, ...],
    release: str | None,
    progress: ProgressCallback | None,
    all_industries: bool,
) -> Table:
    if all_industries:
        raise UsageError(
            "--all-industries: BLS's flat files are read for cross-industry rows only "
            "(import the all-data table for industries)"
        )
    return oews_flat.read(data, codes, release, progress)


def _is_download(name: str, f: BinaryIO, head: bytes) -> bool:
    """A zip that is not a workbook (no ``xl/workbook.xml``) and not named as one."""
    if not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP)) or name.lower().endswith(_SPREADSHEETS):
        return False
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as z:
            return not any(n.lower() == "xl/workbook.xml" for n in z.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False  # oews.read says what is wrong with it


def _members(name: str, z: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's files that may hold a table, checked against the bounds, one per name
    (a CSV before an XLSX of the same name); a zip inside the zip is refused."""
    parts = z.infolist()
    if len(parts) > oews.MAX_PARTS:
        raise oews.too_large(name, f"{len(parts):,} files in one zip")
    total = 0
    for part in parts:
        total += part.file_size
        oews.check_part(name, part, total)
    chosen: dict[tuple[str, str], zipfile.ZipInfo] = {}
    for part in parts:
        where = PurePosixPath(part.filename)
        if part.is_dir() or where.name.startswith(".") or "__MACOSX" in where.parts:
            continue
        suffix = where.suffix.lower()
        if suffix == ".zip":
            raise DataError(
                [
                    Problem(
                        name,
                        f"holds a zip inside the zip ({part.filename}): zips in a zip are "
                        "not opened; unzip it and import the table in it",
                    )
                ]
            )
        if suffix not in TABLE_SUFFIXES:
            continue
        stem = (str(where.parent).lower(), where.stem.lower())
        known = chosen.get(stem)
        if known is None or TABLE_SUFFIXES.index(suffix) < TABLE_SUFFIXES.index(
            PurePosixPath(known.filename).suffix.lower()
        ):
            chosen[stem] = part
    return sorted(chosen.values(), key=lambda p: (p.filename.lower().endswith(".xls"), p.filename))


def _zip(
    name: str,
    f: BinaryIO,
    codes: tuple[str, ...],
    release: str | None,
    progress: ProgressCallback | None,
    all_industries: bool,
) -> list[Table]:
    """The tables of a zip from BLS, each member unpacked into a private temporary folder
    and read there; members that are not tables (field descriptions) are passed over."""
    tables: list[Table] = []
    passed: list[DataError] = []
    try:
        f.seek(0)
        with (
            zipfile.ZipFile(f) as z,
            tempfile.TemporaryDirectory(prefix="fitcareer-", ignore_cleanup_errors=True) as tmp,
        ):
            members = _members(name, z)
            for index, member in enumerate(members):
                shown = f"{name}/{member.filename}"
                target = Path(
                    tmp, f"{index}{_SAFE.sub('_', PurePosixPath(member.filename).suffix)}"
                )
                _unpack(name, z, member, target)
                said = release or oews.release_from_name(member.filename)
                said = said or oews.release_from_name(name)
                try:
                    tables.append(
                        oews.read(
                            target, codes, said, progress, all_industries=all_industries, name=shown
                        )
                    )
                except (oews.NotATable, oews.NoRows) as e:
                    passed.append(e)
                except DataError as e:
                    old = member.filename.lower().endswith(".xls")
                    if not old and not isinstance(e, oews.NeedsExtra):
                        raise
                    passed.append(e)  # an old XLS, or an XLSX without the extra, beside a table
                finally:
                    with contextlib.suppress(OSError):  # still open on Windows: removed with tmp
                        target.unlink(missing_ok=True)
            if tables:
                return tables
            return _nothing(name, z, passed)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
        detail = " ".join(str(e).split()) or type(e).__name__
        raise DataError(
            [Problem(name, f"not a readable zip (truncated or damaged?): {detail[:200]}")]
        ) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot read: {e.strerror or e}")]) from None


def _unpack(name: str, z: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path) -> None:
    """One member into ``target``, never more bytes than the zip says it holds."""
    left = member.file_size
    try:
        with z.open(member) as source, target.open("xb") as out:
            while chunk := source.read(_CHUNK):
                left -= len(chunk)
                if left < 0:
                    raise oews.too_large(name, f"{member.filename} unpacks to more than it says")
                out.write(chunk)
    except OSError as e:
        raise DataError(
            [Problem(name, f"cannot unpack {member.filename}: {e.strerror or e}")]
        ) from None


def _nothing(name: str, z: zipfile.ZipFile, passed: list[DataError]) -> list[Table]:
    """Refuse a zip in which no table was read, saying why in one line: the extra it
    needs, else a table without the occupations, else a file that could not be read."""
    for kind in (oews.NeedsExtra, oews.NoRows, DataError):
        found = [e for e in passed if isinstance(e, kind) and not isinstance(e, oews.NotATable)]
        if found:
            raise found[0]
    files = [i.filename for i in z.infolist() if not i.is_dir()]
    held = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    raise DataError(
        [
            Problem(
                name,
                "no OEWS table in the zip (no XLSX or CSV file with an OCC_CODE column); "
                + (f"it holds {held}" if held else "it is empty"),
            )
        ]
    )
