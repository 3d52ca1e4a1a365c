"""Measure fitcareer's start-up and scaling against floors, side by side, and write RESULTS.md.

Floors, each run by the same interpreter in turn with fitcareer (A B A B ...) so that
machine noise hits both alike:

- hello-world: a Typer app printing a one-row Rich table (what any Typer + Rich tool costs);
- help: the same kind of app showing a subcommand's `--help` (the fair floor for
  `fitcareer COMMAND --help`);
- JSON floor: a process that `json.loads` the catalog's JSON form, keeps it, then does the
  same command on the shipped data (what a run on data that is already parsed must cost).

    python benchmarks/bench.py            # full run, writes benchmarks/RESULTS.md
    python benchmarks/bench.py --smoke    # tiny sizes, two runs, no thresholds (CI)

Peak memory is each process's own maximum resident set size. On Linux a child starts
with its parent's maximum, so this script keeps itself small: it builds the synthetic
catalogs in child processes of its own.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fitcareer.commands import COMMANDS as NAMES

FLOOR = """\
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main() -> None:
    table = Table("a", "b")
    table.add_row("1", "2")
    Console().print(table)


app()
"""

HELP_FLOOR = """\
import typer

app = typer.Typer(rich_markup_mode="rich")


@app.command()
def hello(name: str = typer.Option("you", help="Who to greet.")) -> None:
    \"\"\"Greet someone.\"\"\"
    print(f"hello {name}")


@app.command()
def bye() -> None:
    \"\"\"Say goodbye.\"\"\"
    print("bye")


app()
"""

JSON_FLOOR = """\
import json
import sys

with open(sys.argv[1], "rb") as f:
    held = json.loads(f.read())
sys.argv = ["fitcareer", *sys.argv[2:]]
from fitcareer.cli.main import main

main()
"""

COMMANDS = (
    ("compare",),
    ("roles", "personal-trainer"),
    ("certs", "--accredited", "NCCA"),
    ("steps",),
    ("quiz", "--questions"),
    ("income",),
    ("wages",),
    ("sources",),
    ("report",),
    ("validate",),
    ("schema", "roles"),
    ("cache",),
    ("--help",),
)
"""One ordinary run of every command on the shipped data, against the hello-world floor."""

SUBCOMMANDS = tuple(NAMES)
HELPS = tuple((name, "--help") for name in SUBCOMMANDS)
"""Every subcommand's help, against the help floor."""

STARTUP_TARGET = 1.0
TARGETS = {"cold": 3.0, "stretch": 2.0, "table": 1.3, "data": 2.0, "table_50k": 2.0}
MEMORY_TARGETS = {"cold": 3.0, "warm": 1.5}
WARM_UP = 2
"""Unmeasured runs of each before measuring (the first run of fitcareer fills the cache)."""
QUERY = ("certs", "--accredited", "NCCA")


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return elapsed, usage.ru_maxrss


def settle(folder: Path) -> None:
    """Nothing to wait for: a run writes its cache entry before it ends."""


def fitcareer_argv() -> list[str]:
    script = Path(sys.executable).parent / "fitcareer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fitcareer"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def alternate(
    argvs: dict[str, list[str]], envs: dict[str, dict[str, str]], runs: int, warm_up: int
) -> dict[str, tuple[float, float]]:
    """Median time and peak memory of each named process, run in turn after a warm-up."""
    for _ in range(warm_up):
        for name, argv in argvs.items():
            run(argv, envs[name])
            if "FITCAREER_CACHE_DIR" in envs[name]:
                settle(Path(envs[name]["FITCAREER_CACHE_DIR"]))
    times: dict[str, list[float]] = {name: [] for name in argvs}
    memory: dict[str, list[float]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, argv in argvs.items():
            seconds, kib = run(argv, envs[name])
            times[name].append(seconds)
            memory[name].append(kib)
    return {name: (median(times[name]), median(memory[name])) for name in argvs}


def startup(
    tool: list[str], floors: dict[str, list[str]], env: dict[str, str], runs: int, smoke: bool
) -> list[dict[str, Any]]:
    """Every command, and every subcommand's help, side by side with its floor (a smoke
    run: the first few of each, to check the benchmark itself still works)."""
    commands, helps = (COMMANDS[:3], HELPS[:2]) if smoke else (COMMANDS, HELPS)
    rows = []
    for command, floor in [*((c, "hello-world") for c in commands), *((h, "help") for h in helps)]:
        argv = floors[floor] + (["hello", "--help"] if floor == "help" else [])
        got = alternate(
            {"floor": argv, "tool": [*tool, *command]}, {"floor": env, "tool": env}, runs, WARM_UP
        )
        rows.append({"command": " ".join(command), "floor": floor, "got": got})
    return rows


REGISTRY = {
    "": {"id", "abbr", "credential", "org", "roles", "accreditation", "exam", "price"}
    | {"recertification"},
    "exam": {"questions", "minutes"},
    "recertification": {"cycle_years"},
}
"""Fields a registry entry has: name, organization, roles, accreditation, exam length, price
and renewal cycle, one sourced value each (about 480 bytes of YAML)."""


def slim(value: object, where: str = "") -> object:
    """A shipped record cut down to a registry entry: the first value of each list."""
    if isinstance(value, dict):
        keep = REGISTRY.get(where)
        return {k: slim(v, k) for k, v in value.items() if keep is None or k in keep}
    if isinstance(value, list):
        return [slim(v, "*") for v in value[:1]]
    return value


def make(folder: Path, certs: int, kind: str, fmt: str) -> None:
    """A data directory with ``certs`` certifications built by repeating the shipped
    records under new ids: "detailed" keeps every field of them, "registry" keeps a
    registry entry's; and the same catalog's JSON form as ``folder/floor.json``."""
    import yaml

    from fitcareer.data.files import shipped_dir

    folder.mkdir(parents=True, exist_ok=True)
    text = (shipped_dir() / "certifications.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    originals = data["certifications"]
    made = []
    for i in range(certs):
        source = originals[i % len(originals)]
        record: dict[str, Any] = dict(source if kind == "detailed" else slim(source))  # type: ignore[arg-type]
        record["id"] = f"{record['org']}-synthetic-{i:05d}"
        record["abbr"] = f"{record['abbr']}-{i}"
        made.append(record)
    data["certifications"] = made
    as_json = json.dumps(data, indent=1, ensure_ascii=False)
    (folder / "floor.json").write_text(as_json, encoding="utf-8")
    if fmt == "json":
        (folder / "data").mkdir(exist_ok=True)
        (folder / "data" / "certifications.json").write_text(as_json, encoding="utf-8")
    else:
        (folder / "data").mkdir(exist_ok=True)
        dump(data, folder / "data" / "certifications.yaml", flow=fmt == "yaml-flow")


def held(path: Path) -> tuple[float, int]:
    """`json.loads` of a file in a fresh process: seconds, and KiB its result holds."""
    argv = [sys.executable, __file__, "--json-held", str(path)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def json_held(path: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with open(path, "rb") as f:
        data = json.loads(f.read())
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(seconds, after - before, len(data))


Size = tuple[str, int, str, str, int, bool]
"""Label, certifications, kind (detailed or registry), form (json or yaml), cold runs, and
whether to measure warm runs."""

FORMATS = ("table", "json", "csv")


def scaling(
    tool: list[str], env: dict[str, str], work: Path, sizes: list[Size], runs: int, floor: Path
) -> list[dict[str, Any]]:
    """Cold runs against the JSON floor, and warm runs against the shipped data."""
    rows = []
    for label, certs, kind, fmt, cold_runs, warm in sizes:
        folder = work / f"{kind}-{fmt}-{certs}"
        argv = [sys.executable, __file__, "--make", str(folder), str(certs), kind, fmt]
        subprocess.run(argv, check=True)
        data = folder / "data"
        loads_s, held_kib = held(folder / "floor.json")
        row: dict[str, Any] = {"label": label, "certs": certs, "kind": kind, "fmt": fmt}
        row |= {"mb": sum(p.stat().st_size for p in data.iterdir()) / 1e6}
        row |= {"loads_s": loads_s, "held_kib": held_kib}
        floor_argv = [sys.executable, str(floor), str(folder / "floor.json"), *QUERY]
        cold_argv = [*tool, "--data-dir", str(data), *QUERY]
        times: dict[str, list[float]] = {"floor": [], "cold": [], "written": []}
        memory: dict[str, list[float]] = {"floor": [], "cold": [], "written": []}
        for i in range(cold_runs):
            cold_env = {**env, "FITCAREER_CACHE_DIR": str(folder / f"cold-{i}")}
            for name, args, run_env in (("floor", floor_argv, env), ("cold", cold_argv, cold_env)):
                start = time.perf_counter()
                seconds, kib = run(args, run_env)
                times[name].append(seconds)
                memory[name].append(kib)
            settle(folder / f"cold-{i}")
            times["written"].append(time.perf_counter() - start)
            memory["written"].append(0)
            shutil.rmtree(folder / f"cold-{i}", ignore_errors=True)
        for name in times:
            row[f"{name}_s"], row[f"{name}_kib"] = median(times[name]), median(memory[name])
        if warm:
            row["warm"] = warm_runs(tool, env, folder, runs)
        rows.append(row)
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def warm_runs(
    tool: list[str], env: dict[str, str], folder: Path, runs: int
) -> dict[str, tuple[float, float]]:
    """Each output format on the catalog (cache hit) and on the shipped data, in turn."""
    warm_env = {**env, "FITCAREER_CACHE_DIR": str(folder / "warm")}
    data = [*tool, "--data-dir", str(folder / "data"), *QUERY]
    run(data, warm_env)
    settle(folder / "warm")
    first = run([*data, "--format", "json"], warm_env)
    settle(folder / "warm")
    argvs, envs = {}, {}
    for fmt in FORMATS:
        tail = [*QUERY, "--format", fmt]
        argvs[f"shipped {fmt}"], envs[f"shipped {fmt}"] = [*tool, *tail], env
        argvs[fmt] = [*tool, "--data-dir", str(folder / "data"), *tail]
        envs[fmt] = warm_env
    return {**alternate(argvs, envs, runs, 1), "first json": (first[0], float(first[1]))}


REFERENCES = (1_000, 2_000, 4_000, 8_000)
"""Unknown references `validate` is timed with: it must grow linearly."""


def make_refs(folder: Path, count: int) -> None:
    """The shipped data plus `count` more sources and a role with `count` facts citing
    source ids that do not exist (each close to a real one, the worst case for hints)."""
    import yaml

    from fitcareer.data.files import shipped_dir

    base = shipped_dir()
    shutil.copytree(base, folder, dirs_exist_ok=True)
    sources = yaml.safe_load((base / "sources.yaml").read_text(encoding="utf-8"))
    extra = {"kind": "article", "date": "undated"}
    sources["sources"] += [
        {"id": f"synthetic-source-{i:05d}", "title": f"Source {i}", **extra} for i in range(count)
    ]
    dump(sources, folder / "sources.yaml")
    roles = yaml.safe_load((base / "roles.yaml").read_text(encoding="utf-8"))
    cited = roles["roles"][0]["summary"]
    facts = [
        {"text": f"Fact {i}.", "source": f"missing-source-{i:05d}", "date": "undated"}
        for i in range(count)
    ]
    roles["roles"].append(
        {"id": "synthetic-refs", "name": "Synthetic refs", "summary": cited, "duties": facts}
    )
    dump(roles, folder / "roles.yaml")


def references(
    tool: list[str], env: dict[str, str], work: Path, counts: tuple[int, ...], runs: int
) -> list[dict[str, float]]:
    """Median time of `validate` on data with each count of unknown references."""
    out = []
    for count in counts:
        folder = work / f"refs-{count}"
        argv = [sys.executable, __file__, "--make-refs", str(folder), str(count)]
        subprocess.run(argv, check=True)
        times = [_failing([*tool, "validate", str(folder)], env) for _ in range(runs)]
        out.append({"references": count, "validate_s": median(times)})
        shutil.rmtree(folder, ignore_errors=True)
    return out


def _failing(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of a run that must report data problems (exit 1)."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 1:
        raise SystemExit(f"{' '.join(argv)}: expected exit 1, got {done.returncode}")
    return elapsed


def references_report(rows: list[dict[str, float]]) -> list[str]:
    lines = [
        "",
        "## Validation with unknown references",
        "",
        "`fitcareer validate DIR` on the shipped data plus N more sources and a role with N "
        "facts citing source ids that do not exist (N problems reported). Linear growth "
        "keeps the time per 1,000 references flat.",
        "",
        "| references | validate s | s per 1,000 references |",
        "|---|---|---|",
    ]
    for r in rows:
        per = r["validate_s"] / r["references"] * 1000
        lines.append(f"| {int(r['references']):,} | {r['validate_s']:.2f} | {per:.3f} |")
    return lines


OEWS_ROWS = 400_000
"""Rows of the synthetic all-data table the import is timed on (BLS's has about that many)."""


OEWS_COLUMNS = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]
"""The 32 columns of BLS's all-data table, in published order."""


def oews_rows(count: int) -> list[list[object]]:
    """An all-data table in the published layout: every 800th row is 39-9031, the rest
    other occupations, industries and areas (figures made up, numbers as numbers)."""
    rows: list[list[object]] = []
    for i in range(count):
        trainers = i % 800 == 0
        area = 99 if i % 80_000 == 0 else 1 + i // 800 % 56
        kind = 1 if area == 99 else 2
        code = "39-9031" if trainers else f"{11 + i % 40:02d}-{1000 + i % 9000:04d}"
        naics = "000000" if trainers or i % 3 else f"{713940 + i % 7}"
        wage = 15.0 + i % 50
        rows.append(
            [
                area,
                f"Area {area}",
                kind,
                "US" if area == 99 else f"S{area}",
                naics,
                "Cross-industry",
                "cross-industry",
                1235,
                code,
                f"Occupation {code}",
                "detailed",
                1000 + i % 5000,
                1.2,
                "",
                "",
                "",
                "",
                wage,
                wage * 2080,
                0.5,
                *(wage * f for f in (0.6, 0.8, 1.0, 1.2, 1.5)),
                *(wage * 2080 * f for f in (0.6, 0.8, 1.0, 1.2, 1.5)),
                "",
                "",
            ]
        )
    return rows


def make_oews(folder: Path, count: int) -> None:
    """Write the synthetic table as CSV, and as XLSX (inline strings, real numbers)."""
    import csv
    import zipfile
    from xml.sax.saxutils import escape

    rows = oews_rows(count)
    with (folder / "all_data_M_2024.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([OEWS_COLUMNS, *rows])
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(folder / "all_data_M_2024.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="All May 2024 data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            table: list[list[object]] = [list(OEWS_COLUMNS), *rows]
            for row in table:
                cells = "".join(
                    f"<c><v>{v!r}</v></c>"
                    if isinstance(v, (int, float))
                    else f'<c t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
                    if v != ""
                    else "<c/>"
                    for v in row
                )
                sheet.write(f"<row>{cells}</row>".encode())
            sheet.write(b"</sheetData></worksheet>")


def imports(
    tool: list[str], env: dict[str, str], work: Path, count: int, runs: int
) -> list[dict[str, object]]:
    """Time and peak memory of `wages import` of the synthetic table, CSV and XLSX."""
    folder = work / "oews"
    folder.mkdir()
    subprocess.run([sys.executable, __file__, "--make-oews", str(folder), str(count)], check=True)
    try:
        import python_calamine  # noqa: F401

        kinds = ["csv", "xlsx"]
    except ImportError:
        kinds = ["csv"]
    out: list[dict[str, object]] = []
    for kind in kinds:
        table = folder / f"all_data_M_2024.{kind}"
        times, peaks = [], []
        for _ in range(runs):
            target = work / f"wages-{kind}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            seconds, kib = run(
                [*tool, "--data-dir", str(target), "wages", "import", str(table)], env
            )
            times.append(seconds)
            peaks.append(kib)
        mb = table.stat().st_size / 1e6
        out.append({"kind": kind, "mb": mb, "s": median(times), "kib": max(peaks)})
    return out


def imports_report(rows: list[dict[str, object]], count: int) -> list[str]:
    if not rows:
        return []
    lines = [
        "",
        "## Importing an OEWS table (`wages import`)",
        "",
        f"A synthetic all-data table of {count:,} rows in BLS's published layout (32 columns, "
        "numbers as numbers, every 800th row 39-9031), imported into an empty data directory. "
        "XLSX needs python-calamine (the xlsx extra) and is left out without it. Median time, "
        "largest peak memory (maximum resident set size of the process).",
        "",
        "| file | MB | time s | peak MiB |",
        "|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['kind'].upper()} | {float(r['mb']):.0f} | {float(r['s']):.2f} | "  # type: ignore[attr-defined, arg-type]
            f"{float(r['kib']) / 1024:.0f} |"  # type: ignore[arg-type]
        )
    return lines


def dump(data: object, path: Path, flow: bool = False) -> None:
    """``data`` in the block style a program writes, or with its innermost lists and
    mappings in flow style (``flow``), as people often write them."""
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """Writes repeated records out in full: fitcareer refuses YAML aliases."""

        def ignore_aliases(self, data: object) -> bool:
            return True

    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(
            data,
            f,
            Dumper=Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=1000,
            default_flow_style=None if flow else False,
        )


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def mib(kib: float) -> str:
    return f"{kib / 1024:,.1f}"


def startup_report(rows: list[dict[str, Any]], verdicts: list[str]) -> list[str]:
    lines = [
        "",
        "## Every command on the shipped data (warm cache)",
        "",
        "Each command against the hello-world floor; each subcommand's `--help` against the "
        f"help floor. Target: time <= {STARTUP_TARGET:.1f}x the floor.",
        "",
        "| command | floor | floor s | fitcareer s | time ratio | floor MiB | fitcareer MiB | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        (floor_s, floor_kib), (tool_s, tool_kib) = r["got"]["floor"], r["got"]["tool"]
        ratio = tool_s / floor_s
        ok = verdict(ratio <= STARTUP_TARGET)
        verdicts.append(
            f"`fitcareer {r['command']}`: {ratio:.2f}x {r['floor']} floor (<= {STARTUP_TARGET:.1f}x): {ok}"
        )
        lines.append(
            f"| `fitcareer {r['command']}` | {r['floor']} | {floor_s:.3f} | {tool_s:.3f} | "
            f"{ratio:.2f}x | {mib(floor_kib)} | {mib(tool_kib)} | {ok} |"
        )
    return lines


def cold_report(rows: list[dict[str, Any]], verdicts: list[str]) -> list[str]:
    lines = [
        "",
        f"## Cold runs (`{' '.join(QUERY)}`, empty cache) against the JSON floor",
        "",
        "JSON floor: a process that `json.loads` the catalog's JSON form, keeps it, then runs "
        "the same command on the shipped data. Held: what `json.loads` of that file adds to "
        "a process's peak memory. Targets for the 10,000-certification catalogs: cold <= "
        f"{TARGETS['cold']:.0f}x the JSON floor (stretch {TARGETS['stretch']:.0f}x); peak memory "
        f"<= {MEMORY_TARGETS['cold']:.0f}x held. Cold s is the time to the answer (the "
        "command's process ends); the cache entry is written after it by a process of its "
        "own, and written s is the time until that is done too (the next process is "
        "started only then). Form yaml is the block style a program writes, which the fast "
        "reader reads; yaml-flow is the same catalog with its innermost lists and mappings "
        "written `{...}` and `[...]`, which it leaves to the strict loader (shown for "
        "comparison, not judged).",
        "",
        "| catalog | form | data MB | json.loads s | JSON floor s | cold s | written s | "
        "cold / floor | held MiB | cold MiB | cold MiB / held | targets |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r["cold_s"] / r["floor_s"]
        memory = r["cold_kib"] / r["held_kib"] if r["held_kib"] else float("nan")
        judged = "-"
        if r["certs"] == 10_000 and r["fmt"] != "yaml-flow":
            ok = ratio <= TARGETS["cold"] and memory <= MEMORY_TARGETS["cold"]
            judged = verdict(ok) + (" (stretch met)" if ratio <= TARGETS["stretch"] else "")
            verdicts.append(
                f"{r['label']} ({r['fmt']}), cold: {ratio:.2f}x the JSON floor (<= "
                f"{TARGETS['cold']:.0f}x, stretch {TARGETS['stretch']:.0f}x): "
                f"{verdict(ratio <= TARGETS['cold'])}; peak memory {memory:.2f}x held (<= "
                f"{MEMORY_TARGETS['cold']:.0f}x): {verdict(memory <= MEMORY_TARGETS['cold'])}"
            )
        lines.append(
            f"| {r['label']} | {r['fmt']} | {r['mb']:.1f} | {r['loads_s']:.2f} | "
            f"{r['floor_s']:.2f} | {r['cold_s']:.2f} | {r['written_s']:.2f} | {ratio:.2f}x | "
            f"{mib(r['held_kib'])} | "
            f"{mib(r['cold_kib'])} | {memory:.2f}x | {judged} |"
        )
    return lines


def warm_report(rows: list[dict[str, Any]], verdicts: list[str]) -> list[str]:
    lines = [
        "",
        f"## Warm runs (`{' '.join(QUERY)}`, cache hit) against the shipped data",
        "",
        "Each format on the catalog, in turn with the same command and format on the shipped "
        "data (shipped s). JSON and CSV write every matching entry. Targets: 10,000 detailed "
        f"entries, table <= {TARGETS['table']}x, JSON and CSV <= {TARGETS['data']:.0f}x; 50,000, "
        f"table <= {TARGETS['table_50k']:.0f}x; peak memory <= {MEMORY_TARGETS['warm']}x "
        "(the shipped run's + held).",
        "",
        "The first JSON or CSV list of 200 or more certifications after the catalog is cached "
        "also makes every certification's row and JSON entry and keeps them in the cache; "
        "later ones write them as they are. That first run is timed once, apart: "
        + "; ".join(f"{r['label']} {r['warm']['first json'][0]:.2f} s" for r in rows if "warm" in r)
        + ".",
        "",
        "| catalog | format | shipped s | warm s | warm / shipped | shipped MiB | warm MiB | "
        "warm MiB / (shipped + held) | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        for fmt in FORMATS if "warm" in r else ():
            (base_s, base_kib), (warm_s, warm_kib) = r["warm"][f"shipped {fmt}"], r["warm"][fmt]
            ratio, memory = warm_s / base_s, warm_kib / (base_kib + r["held_kib"])
            limit = warm_limit(r, fmt)
            judged = "-"
            if limit is not None:
                ok = ratio <= limit and memory <= MEMORY_TARGETS["warm"]
                judged = verdict(ok)
                verdicts.append(
                    f"{r['label']}, warm {fmt}: {ratio:.2f}x the shipped run (<= {limit}x): "
                    f"{verdict(ratio <= limit)}; peak memory {memory:.2f}x (<= "
                    f"{MEMORY_TARGETS['warm']}x): {verdict(memory <= MEMORY_TARGETS['warm'])}"
                )
            lines.append(
                f"| {r['label']} | {fmt} | {base_s:.3f} | {warm_s:.3f} | {ratio:.2f}x | "
                f"{mib(base_kib)} | {mib(warm_kib)} | {memory:.2f}x | {judged} |"
            )
    return lines


def warm_limit(row: dict[str, Any], fmt: str) -> float | None:
    if row["kind"] != "detailed":
        return None
    if row["certs"] == 10_000:
        return TARGETS["table"] if fmt == "table" else TARGETS["data"]
    if row["certs"] == 50_000 and fmt == "table":
        return TARGETS["table_50k"]
    return None


def growth(rows: list[dict[str, Any]]) -> list[str]:
    """What each further 1,000 certifications cost, from one size to the next: about the
    same at every step means linear growth; rising steps would mean worse."""
    chosen = [r for r in rows if r["kind"] == "detailed" and r["fmt"] == "json" and "warm" in r]
    if len(chosen) < 2:
        return []
    lines = [
        "",
        "## Growth (detailed entries, JSON form, each further 1,000 certifications)",
        "",
        "The cost of each further 1,000 certifications between one size and the next. About "
        "the same at every step means time and memory grow linearly.",
        "",
        "| from | to | cold s | warm table s | warm JSON s | cold MiB | warm MiB | held MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for a, b in itertools.pairwise(chosen):
        per: float = (b["certs"] - a["certs"]) / 1000

        def step(x: float, y: float, scale: float = 1.0) -> float:
            return float(y - x) / scale / per  # noqa: B023 (used at once)

        lines.append(
            f"| {a['certs']:,} | {b['certs']:,} | {step(a['cold_s'], b['cold_s']):.3f} | "
            f"{step(a['warm']['table'][0], b['warm']['table'][0]):.4f} | "
            f"{step(a['warm']['json'][0], b['warm']['json'][0]):.4f} | "
            f"{step(a['cold_kib'], b['cold_kib'], 1024):.1f} | "
            f"{step(a['warm']['table'][1], b['warm']['table'][1], 1024):.1f} | "
            f"{step(a['held_kib'], b['held_kib'], 1024):.1f} |"
        )
    return lines


def header(runs: int, smoke: bool, load: tuple[list[float], list[float]]) -> list[str]:
    before, after = (", ".join(f"{x:.2f}" for x in values) for values in load)
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- CPU: {cpu_name()} ({os.cpu_count()} cores)",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- Load average (1, 5, 15 min) at the start: {before}; at the end: {after}. The "
        "machine is shared, so absolute times vary from run to run; each ratio compares "
        "processes run in turn, under the same load.",
        f"- Runs: {runs} per command after {WARM_UP} warm-up runs (start-up), floor and "
        "fitcareer alternating; medians shown.",
    ]
    if smoke:
        lines.append("- Smoke run: tiny sizes, no thresholds.")
    return lines


def report(
    parts: dict[str, Any], runs: int, smoke: bool, load: tuple[list[float], list[float]]
) -> str:
    verdicts: list[str] = []
    lines = header(runs, smoke, load)
    lines += startup_report(parts["startup"], verdicts)
    lines += cold_report(parts["scale"], verdicts)
    lines += warm_report(parts["scale"], verdicts)
    lines += growth(parts["scale"])
    lines += references_report(parts["refs"])
    lines += imports_report(parts["oews"], parts["oews_count"])
    lines += ["", "## Every ratio against its target", ""]
    lines += [f"- {v}" for v in verdicts]
    return "\n".join(lines) + "\n"


def sizes(smoke: bool) -> list[Size]:
    if smoke:
        return [("20 detailed", 20, "detailed", "json", 1, True)]
    return [
        ("1,000 detailed", 1_000, "detailed", "json", 3, True),
        ("10,000 detailed", 10_000, "detailed", "json", 3, True),
        ("50,000 detailed", 50_000, "detailed", "json", 2, True),
        ("10,000 registry", 10_000, "registry", "json", 3, True),
        ("10,000 registry", 10_000, "registry", "yaml", 3, False),
        ("10,000 detailed", 10_000, "detailed", "yaml", 3, False),
        ("10,000 registry", 10_000, "registry", "yaml-flow", 1, False),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, two runs (CI)")
    parser.add_argument("--runs", type=int, default=None, help="runs per command (default 11)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument(
        "--make", nargs=4, metavar=("DIR", "CERTS", "KIND", "FORM"), help=argparse.SUPPRESS
    )
    parser.add_argument("--json-held", type=Path, metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--make-refs", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--make-oews", nargs=2, metavar=("DIR", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make(Path(args.make[0]), int(args.make[1]), args.make[2], args.make[3])
    elif args.make_refs:
        make_refs(Path(args.make_refs[0]), int(args.make_refs[1]))
    elif args.make_oews:
        make_oews(Path(args.make_oews[0]), int(args.make_oews[1]))
    elif args.json_held:
        json_held(args.json_held)
    else:
        measure(args.runs or (2 if args.smoke else 11), args.smoke, args.out)


def measure(runs: int, smoke: bool, out: Path) -> None:
    load_before = list(os.getloadavg())
    work = Path(tempfile.mkdtemp(prefix="fitcareer-bench-"))
    try:
        scripts = {}
        for name, text in (("floor", FLOOR), ("help", HELP_FLOOR), ("json", JSON_FLOOR)):
            scripts[name] = work / f"floor_{name}.py"
            scripts[name].write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("FITCAREER_")}
        env.update({"FITCAREER_CACHE_DIR": str(work / "cache"), "COLUMNS": "120"})
        tool = fitcareer_argv()
        floors = {"hello-world": [sys.executable, str(scripts["floor"])]}
        floors["help"] = [sys.executable, str(scripts["help"])]
        parts: dict[str, Any] = {"startup": startup(tool, floors, env, runs, smoke)}
        scale_runs = runs if smoke else max(runs // 2, 5)
        parts["scale"] = scaling(tool, env, work, sizes(smoke), scale_runs, scripts["json"])
        counts = (100, 200) if smoke else REFERENCES
        parts["refs"] = references(tool, env, work, counts, 1 if smoke else 3)
        parts["oews_count"] = 2_000 if smoke else OEWS_ROWS
        parts["oews"] = imports(tool, env, work, parts["oews_count"], 1 if smoke else 3)
        text = report(parts, runs, smoke, (load_before, list(os.getloadavg())))
        out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
