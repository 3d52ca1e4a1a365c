"""Measure fitcareer's start-up and scaling against a floor, and write RESULTS.md.

The floor is a hello-world Typer app printing a one-row Rich table, run by the same
interpreter: what any Typer + Rich tool costs before doing its own work. Floor and
fitcareer run in turn (A B A B ...) so that machine noise hits both alike.

    python benchmarks/bench.py            # full run, writes benchmarks/RESULTS.md
    python benchmarks/bench.py --smoke    # tiny sizes, two runs, no thresholds (CI)

Peak memory is each process's own maximum resident set size. On Linux a child starts
with its parent's maximum, so this script keeps itself small: it builds the synthetic
catalogs and times the C loader in child processes of its own.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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

COMMANDS = (
    ("compare",),
    ("certs", "--accredited", "NCCA"),
    ("roles", "personal-trainer"),
    ("--help",),
)

TARGETS = {"time": 1.15, "memory": 1.2, "warm": 1.5, "cold": 1.25}
WARM_UP = 2
"""Unmeasured runs of each before measuring (the first run of fitcareer fills the cache)."""
TARGET_CERTS = 10_000
"""The catalog size the warm and cold targets are set for."""


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


def fitcareer_argv() -> list[str]:
    script = Path(sys.executable).parent / "fitcareer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fitcareer"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def side_by_side(
    floor: list[str], tool: list[str], env: dict[str, str], runs: int
) -> dict[str, float]:
    """Median time and peak memory of floor and tool, run alternately after a warm-up."""
    for _ in range(WARM_UP):
        run(floor, env)
        run(tool, env)
    times: dict[str, list[float]] = {"floor": [], "tool": []}
    memory: dict[str, list[float]] = {"floor": [], "tool": []}
    for _ in range(runs):
        for name, argv in (("floor", floor), ("tool", tool)):
            seconds, kib = run(argv, env)
            times[name].append(seconds)
            memory[name].append(kib)
    return {
        "floor_s": median(times["floor"]),
        "tool_s": median(times["tool"]),
        "floor_kib": median(memory["floor"]),
        "tool_kib": median(memory["tool"]),
    }


REGISTRY = {
    "": {"id", "abbr", "credential", "org", "roles", "accreditation", "exam", "price"}
    | {"recertification"},
    "exam": {"questions", "minutes"},
    "recertification": {"cycle_years"},
}
"""Fields a registry entry has: name, organization, roles, accreditation, exam length, price
and renewal cycle, one sourced value each. About 480 bytes of YAML a certification, so
10,000 make about 4.8 MB (the catalog the targets are set for: about 4.5 MB)."""

FULL_DROP = frozenset({"note", "notes", "specialties", "pass_rate", "other", "about"})
"""Left out of a "full" synthetic certification, which keeps the first value of every other
field: about 950 bytes, twice a registry entry. Measured too, with no target."""


def slim(value: object, kind: str, where: str = "") -> object:
    """A shipped record cut down to a synthetic one: the first value of each list."""
    if isinstance(value, dict):
        keep = REGISTRY.get(where) if kind == "registry" else None
        return {
            k: slim(v, kind, k)
            for k, v in value.items()
            if k not in FULL_DROP and (keep is None or k in keep)
        }
    if isinstance(value, list):
        return [slim(v, kind, "*") for v in value[:1]]
    return value


def synthetic(folder: Path, certs: int, roles: int, kind: str) -> Path:
    """A data directory with `certs` certifications and `roles` extra roles, built by
    repeating the shipped records under new ids (in a child process: see the top)."""
    argv = [sys.executable, __file__, "--make", str(folder), str(certs), str(roles), kind]
    subprocess.run(argv, check=True)
    return folder


def make(folder: Path, certs: int, roles: int, kind: str) -> None:
    import yaml

    from fitcareer.data.files import shipped_dir

    base = shipped_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cert_data = yaml.safe_load((base / "certifications.yaml").read_text(encoding="utf-8"))
    originals = cert_data["certifications"]
    if certs:
        made = []
        for i in range(certs):
            record = dict(slim(originals[i % len(originals)], kind))  # type: ignore[call-overload]
            record["roles"] = originals[i % len(originals)]["roles"]
            record["id"] = f"{record['org']}-synthetic-{i:05d}"
            record["abbr"] = f"{record['abbr']}-{i}"
            made.append(record)
        cert_data["certifications"] = made
        dump(cert_data, folder / "certifications.yaml")
    if roles:
        role_data = yaml.safe_load((base / "roles.yaml").read_text(encoding="utf-8"))
        shipped_roles = role_data["roles"]
        extra = []
        for i in range(roles):
            record = dict(shipped_roles[i % len(shipped_roles)])
            record["id"] = f"synthetic-role-{i:04d}"
            record["name"] = f"Synthetic role {i}"
            record["aliases"] = []
            extra.append(record)
        role_data["roles"] = shipped_roles + extra
        dump(role_data, folder / "roles.yaml")


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


def dump(data: object, path: Path) -> None:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """Writes repeated records out in full: fitcareer refuses YAML aliases."""

        def ignore_aliases(self, data: object) -> bool:
            return True

    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000)


def c_loader_seconds(path: Path, collector: bool = True) -> float:
    """What parsing the file with PyYAML's C loader alone costs (in a child process)."""
    argv = [sys.executable, __file__, "--c-parse", str(path)]
    if not collector:
        argv.append("--no-gc")
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return float(out)


def c_parse(path: Path, collector: bool) -> float:
    import gc

    import yaml

    raw = path.read_bytes()
    if not collector:
        gc.disable()
    start = time.perf_counter()
    yaml.load(raw, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def scaling(
    tool: list[str],
    env: dict[str, str],
    work: Path,
    sizes: list[tuple[str, int, int, str]],
    runs: int,
    cold_runs: int,
) -> list[dict[str, object]]:
    rows = []
    for label, certs, roles, kind in sizes:
        folder = synthetic(work / label, certs, roles, kind)
        size_mb = sum(p.stat().st_size for p in folder.glob("*.yaml")) / 1e6
        parse = c_loader_seconds(folder / "certifications.yaml") if certs else None
        parse_no_gc = (
            c_loader_seconds(folder / "certifications.yaml", collector=False) if certs else None
        )
        for command in (("certs", "--accredited", "NCCA"), ("compare",)):
            argv = [*tool, "--data-dir", str(folder), *command]
            cold_t, cold_m = [], []
            for i in range(cold_runs):
                cold_env = {
                    **env,
                    "FITCAREER_CACHE_DIR": str(work / f"cold-{label}-{command[0]}-{i}"),
                }
                seconds, kib = run(argv, cold_env)
                cold_t.append(seconds)
                cold_m.append(kib)
            warm_env = {**env, "FITCAREER_CACHE_DIR": str(work / f"warm-{label}")}
            shipped_argv = [*tool, *command]
            run(argv, warm_env)
            run(shipped_argv, env)
            warm, shipped = [], []
            for _ in range(runs):
                shipped.append(run(shipped_argv, env)[0])
                warm.append(run(argv, warm_env))
            rows.append(
                {
                    "label": label,
                    "kind": kind,
                    "certs": certs,
                    "roles": roles,
                    "command": " ".join(command),
                    "mb": size_mb,
                    "cold_s": median(cold_t),
                    "cold_kib": median(cold_m),
                    "warm_s": median([w[0] for w in warm]),
                    "warm_kib": median([w[1] for w in warm]),
                    "shipped_s": median(shipped),
                    "c_loader_s": parse,
                    "c_loader_no_gc_s": parse_no_gc,
                }
            )
    return rows


def growth(scale: list[dict[str, object]]) -> list[str]:
    """What each further 1,000 certifications cost, from one size to the next: about the
    same at every step means linear growth; rising steps would mean worse."""
    rows = [
        r
        for r in scale
        if r["certs"] and r["kind"] == "registry" and r["command"] == "certs --accredited NCCA"
    ]
    if len(rows) < 2:
        return []
    lines = [
        "",
        "## Growth (`certs --accredited NCCA`, each further 1,000 certifications)",
        "",
        "The cost of each further 1,000 certifications between one size and the next. About "
        "the same at every step means time and memory grow linearly.",
        "",
        "| from | to | cold s | warm s | cold MiB | warm MiB | C parse s |",
        "|---|---|---|---|---|---|---|",
    ]

    def step(key: str, a: dict[str, object], b: dict[str, object], scale: float = 1.0) -> float:
        thousands = (float(b["certs"]) - float(a["certs"])) / 1000  # type: ignore[arg-type]
        return (float(b[key]) - float(a[key])) / scale / thousands  # type: ignore[arg-type]

    for a, b in itertools.pairwise(rows):
        lines.append(
            f"| {a['label']} | {b['label']} | {step('cold_s', a, b):.2f} | "
            f"{step('warm_s', a, b):.3f} | {step('cold_kib', a, b, 1024):.1f} | "
            f"{step('warm_kib', a, b, 1024):.1f} | {step('c_loader_s', a, b):.2f} |"
        )
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
            for row in [OEWS_COLUMNS, *rows]:
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


def report(
    startup: dict[tuple[str, ...], dict[str, float]],
    scale: list[dict[str, object]],
    runs: int,
    smoke: bool,
    refs: list[dict[str, float]] | None = None,
    oews: list[dict[str, object]] | None = None,
    oews_count: int = OEWS_ROWS,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- CPU: {cpu_name()} ({os.cpu_count()} cores)",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- Runs: {runs} per command after {WARM_UP} warm-up runs, floor and fitcareer alternating; medians shown.",
        "- Floor: a hello-world Typer app printing a one-row Rich table, same interpreter and venv.",
    ]
    if smoke:
        lines.append("- Smoke run: tiny sizes, no thresholds.")
    lines += [
        "",
        "## Start-up on the shipped data (warm cache)",
        "",
        "| command | floor s | fitcareer s | time ratio | floor MiB | fitcareer MiB | memory ratio | targets (<= 1.15x time, <= 1.2x memory) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for command, r in startup.items():
        t_ratio = r["tool_s"] / r["floor_s"]
        m_ratio = r["tool_kib"] / r["floor_kib"]
        ok = t_ratio <= TARGETS["time"] and m_ratio <= TARGETS["memory"]
        lines.append(
            f"| `fitcareer {' '.join(command)}` | {r['floor_s']:.3f} | {r['tool_s']:.3f} | {t_ratio:.2f}x | "
            f"{r['floor_kib'] / 1024:.1f} | {r['tool_kib'] / 1024:.1f} | {m_ratio:.2f}x | {verdict(ok)} |"
        )
    lines += [
        "",
        "## Scaling with catalog size (`--data-dir`)",
        "",
        "Cold: empty cache (parse and validate). Warm: repeated run (cache hit), alternating "
        "with the same command on the shipped data (shipped s). "
        "C parse: `yaml.load(text, Loader=yaml.CSafeLoader)` of the certifications file alone, "
        "in a fresh process. Targets, for 10,000 certifications: warm <= 1.5x the same command "
        "on the shipped data; cold <= 1.25x (C parse + shipped-data run). Synthetic "
        "certifications are registry entries (name, organization, roles, accreditation, exam "
        "length, price and renewal cycle, one sourced value each: about 480 bytes, so 10,000 "
        "make about 4.8 MB). The *full* catalog keeps the first value of nearly every field "
        "(about 950 bytes each, twice as large) and is shown with no target; so are the "
        "smaller catalogs, which show how time grows (see Growth below).",
        "",
        "| catalog | data MB | command | C parse s | cold s | warm s | shipped s | warm / shipped | "
        "cold / (C parse + shipped) | cold MiB | warm MiB | targets |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in scale:
        base = float(r["shipped_s"])  # type: ignore[arg-type]
        warm_ratio = float(r["warm_s"]) / base if base else float("nan")  # type: ignore[arg-type]
        parse = r["c_loader_s"]
        cold_ratio = (
            float(r["cold_s"]) / (float(parse) + base)  # type: ignore[arg-type]
            if parse is not None and base
            else None
        )
        judged = "-"
        if r["certs"] == TARGET_CERTS and r["kind"] == "registry" and cold_ratio is not None:
            judged = verdict(warm_ratio <= TARGETS["warm"] and cold_ratio <= TARGETS["cold"])
        lines.append(
            f"| {r['label']} | {float(r['mb']):.2f} | `{r['command']}` | "  # type: ignore[arg-type]
            f"{'-' if parse is None else f'{float(parse):.2f}'} | {float(r['cold_s']):.3f} | "  # type: ignore[arg-type]
            f"{float(r['warm_s']):.3f} | {base:.3f} | {warm_ratio:.2f}x | "  # type: ignore[arg-type]
            f"{'-' if cold_ratio is None else f'{cold_ratio:.2f}x'} | {float(r['cold_kib']) / 1024:.1f} | "  # type: ignore[arg-type]
            f"{float(r['warm_kib']) / 1024:.1f} | {judged} |"  # type: ignore[arg-type]
        )
    lines += growth(scale)
    lines += references_report(refs or [])
    lines += imports_report(oews or [], oews_count)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, two runs (CI)")
    parser.add_argument("--runs", type=int, default=None, help="runs per command (default 21)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument(
        "--make", nargs=4, metavar=("DIR", "CERTS", "ROLES", "KIND"), help=argparse.SUPPRESS
    )
    parser.add_argument("--c-parse", type=Path, metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--make-refs", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--no-gc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make-oews", nargs=2, metavar=("DIR", "ROWS"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--oews-only", action="store_true", help="only the OEWS import (writes no RESULTS.md)"
    )
    args = parser.parse_args()
    if args.make:
        make(Path(args.make[0]), int(args.make[1]), int(args.make[2]), args.make[3])
        return
    if args.make_oews:
        make_oews(Path(args.make_oews[0]), int(args.make_oews[1]))
        return
    if args.make_refs:
        make_refs(Path(args.make_refs[0]), int(args.make_refs[1]))
        return
    if args.c_parse:
        print(c_parse(args.c_parse, collector=not args.no_gc))
        return
    runs = args.runs or (2 if args.smoke else 21)
    work = Path(tempfile.mkdtemp(prefix="fitcareer-bench-"))
    try:
        floor_script = work / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("FITCAREER_")}
        env.update({"FITCAREER_CACHE_DIR": str(work / "cache"), "COLUMNS": "120"})
        tool = fitcareer_argv()
        oews_count = 2_000 if args.smoke else OEWS_ROWS
        if args.oews_only:
            found = imports(tool, env, work, oews_count, 1 if args.smoke else 3)
            print("\n".join(imports_report(found, oews_count)))
            return
        startup = {
            command: side_by_side([sys.executable, str(floor_script)], [*tool, *command], env, runs)
            for command in COMMANDS
        }
        if args.smoke:
            sizes = [("20 certs", 20, 0, "registry"), ("10 roles", 0, 10, "registry")]
            cold_runs = 1
        else:
            sizes = [
                ("100 certs", 100, 0, "registry"),
                ("1,000 certs", 1_000, 0, "registry"),
                ("10,000 certs", 10_000, 0, "registry"),
                ("10,000 full certs", 10_000, 0, "full"),
                ("100 roles", 0, 100, "registry"),
                ("1,000 roles", 0, 1_000, "registry"),
            ]
            cold_runs = 3
        scale = scaling(tool, env, work, sizes, runs, cold_runs)
        counts = (100, 200) if args.smoke else REFERENCES
        refs = references(tool, env, work, counts, cold_runs)
        found = imports(tool, env, work, oews_count, 1 if args.smoke else 3)
        text = report(startup, scale, runs, args.smoke, refs, found, oews_count)
        args.out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
