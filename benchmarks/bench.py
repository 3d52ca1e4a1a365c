"""Time what fitcareer's users feel beside floors run in turn with it; write RESULTS.md.

Every command of the registry (warm, with `-o FILE`, cold) and every help page on the
shipped data, Tab completion, a 3,000-certification catalog cold and warm, and `wages
import` of a 400,000-row OEWS table. How and why: README.md in this folder.

    python benchmarks/bench.py                       # full run, writes benchmarks/RESULTS.md
    python benchmarks/bench.py --smoke --out FILE    # tiny sizes, one run each, no targets
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = """\
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

def names(incomplete: str) -> list[str]:
    return [n for n in ("world", "there") if n.startswith(incomplete)]

@app.command()
def main(name: str = typer.Argument("world", autocompletion=names)) -> None:
    table = Table("greeting", "name")
    table.add_row("hello", name)
    Console().print(table)

app(prog_name="hello")
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

ARGS = {
    "roles": ["personal-trainer"],
    "certs": ["--accredited", "NCCA"],
    "quiz": ["--answers", "{answers}"],
    "paths": ["fitness-instructor"],
    "interests": ["--scores", "R=30,I=8,A=5,S=36,E=12,C=6"],
    "report": ["personal-trainer"],
    "schema": ["roles"],
}
"""A typical argument set for each command of the registry (none when not listed)."""
OUTPUT = {"report": "out.html", "schema": "out.json", "cache": ""}
"""The file `-o` writes: out.csv when not listed, none for a command without -o."""
COMPLETIONS = ("", "roles ", "compare p", "certs --org ", "income --cert ", "sources ")
"""What follows `fitcareer ` when Tab is pressed: the last word is the one completed."""
QUERY = ["certs", "--accredited", "NCCA"]
"""The command run on the large catalog."""
TARGETS = {"warm": 1.0, "output": 1.0, "cold": 2.0, "tab": 1.0}
CATALOG = {"cold_s": 1.0, "warm": 1.3}
CERTS, OEWS_ROWS = 3_000, 400_000
FRESH = "<fresh>"
"""An environment value replaced by a new empty directory for each run."""

Run = tuple[list[str], dict[str, str]]
Stats = dict[str, float]
Got = dict[str, Stats]
Ratios = Sequence[tuple[str, str, float | None]]


class Bench:
    """Runs processes in turn with their floors and writes what it finds as Markdown."""

    def __init__(self, smoke: bool, runs: int, work: Path) -> None:
        self.smoke, self.runs, self.work = smoke, runs, work
        self.warm_up = 0 if smoke else 1
        self.lines: list[str] = []
        self.verdicts: list[str] = []
        self.floors = {}
        for name, text in (("hello", FLOOR), ("help", HELP_FLOOR)):
            (work / f"{name}.py").write_text(text, encoding="utf-8")
            self.floors[name] = [sys.executable, str(work / f"{name}.py")]
        skip = ("FITCAREER_", "_FITCAREER_", "_HELLO_", "COMP_", "XDG_DATA_HOME")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
        self.env |= {"FITCAREER_CACHE_DIR": str(work / "cache"), "COLUMNS": "120"}
        self.env |= {"XDG_DATA_HOME": str(work / "data-home")}
        self.cold = {**self.env, "FITCAREER_CACHE_DIR": FRESH}
        script = Path(sys.executable).parent / "fitcareer"
        self.tool = [str(script)] if script.exists() else [sys.executable, "-m", "fitcareer"]

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
        """Wall time in seconds and peak memory in MiB of one process, which must succeed."""
        fresh = tempfile.mkdtemp(dir=self.work, prefix="fresh-") if FRESH in env.values() else ""
        env = {k: fresh if v == FRESH else v for k, v in env.items()}
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
        if fresh:
            shutil.rmtree(fresh, ignore_errors=True)
        if code := os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(argv)} failed ({code}): {err.strip()}")
        return elapsed, usage.ru_maxrss / 1024

    def alternate(self, cases: dict[str, Run], warm_up: int = 0, runs: int = 0) -> Got:
        """Median and minimum time, largest peak memory of each case, all run in turn."""
        times: dict[str, list[float]] = {name: [] for name in cases}
        peaks: dict[str, list[float]] = {name: [] for name in cases}
        for i in range(warm_up + (runs or self.runs)):
            for name, (argv, env) in cases.items():
                seconds, peak = self.run(argv, env)
                if i >= warm_up:
                    times[name].append(seconds)
                    peaks[name].append(peak)
        return {
            name: {"median": statistics.median(t), "min": min(t), "mib": max(peaks[name])}
            for name, t in times.items()
        }

    def judge(self, value: float, limit: float | None, what: str) -> str:
        """` met` or ` **missed**`, noted among the verdicts (nothing without a target)."""
        if self.smoke or limit is None:
            return ""
        ok = "met" if value <= limit else "**missed**"
        self.verdicts.append("" if ok == "met" else f"- {what}: {value:.2f} (target <= {limit})")
        return " " + ok

    def table(self, title: str, text: str, columns: str) -> None:
        self.lines += ["", f"## {title}", "", text, "", f"| {columns} |"]
        self.lines.append("|" + "---|" * (columns.count("|") + 1))

    def compare(
        self, label: str, cases: dict[str, Run], ratios: Ratios, *extra: str, runs: int = 0
    ) -> Got:
        """Run the cases in turn, add their row: each one's median seconds, the ratios of
        medians (of minimums in brackets) or seconds (no base) asked for with their
        verdicts, `extra`, and each one's peak MiB."""
        got = self.alternate(cases, self.warm_up, runs)
        cells = [" / ".join(f"{got[name]['median']:.3f}" for name in got)]
        for name, base, limit in ratios:
            if name not in got:
                cells.append("-")
            elif not base:  # seconds, not a ratio
                value = got[name]["median"]
                cells.append(f"{value:.3f}{self.judge(value, limit, f'{label} {name} s')}")
            else:
                value, least = (got[name][k] / got[base][k] for k in ("median", "min"))
                judged = self.judge(value, limit, f"{label} {name}")
                cells.append(f"{value:.2f}x ({least:.2f}x){judged}")
        mib = " / ".join(f"{got[name]['mib']:.0f}" for name in got)
        self.lines.append(f"| {' | '.join([label, *cells, *extra, mib])} |")
        return got

    def commands(self) -> dict[str, list[str]]:
        """Each command of the registry (read in a child) with its arguments."""
        code = "from fitcareer.cli.registry import COMMANDS; print(*COMMANDS)"
        names = output([sys.executable, "-c", code], self.env).split()
        questions = json.loads(output([*self.tool, "quiz", "--questions", "-f", "json"], self.env))
        answers = self.work / "answers.json"
        answers.write_text(json.dumps({q["id"]: q["choices"][0]["key"] for q in questions}))
        return {n: [n, *(a.format(answers=answers) for a in ARGS.get(n, []))] for n in names}

    def startup(self) -> None:
        """Every command warm, with -o and cold; every help page warm and cold."""
        self.table(
            "Every command and help page on the shipped data",
            "Floors: hello-world for commands and `fitcareer --help`; for a command's help page "
            "a two-command Typer app's `hello --help`. Targets: warm (help pages too) and "
            f"with `-o FILE` <= {TARGETS['warm']}x the floor; cold (a fresh, empty cache each "
            f"run) <= {TARGETS['cold']}x.",
            "command | s: floor / warm / -o FILE / cold | warm | -o FILE | cold | MiB (as s)",
        )
        found = self.commands()
        for argv in [*found.values(), ["--help"], *([name, "--help"] for name in found)]:
            floor = self.floors["hello"]  # as for `fitcareer --help` since the first benchmark
            if argv[-1] == "--help" and len(argv) > 1:
                floor = [*self.floors["help"], "hello", "--help"]
            cases = {"floor": (floor, self.env), "warm": ([*self.tool, *argv], self.env)}
            if argv[-1] != "--help" and (out := OUTPUT.get(argv[0], "out.csv")):
                cases["output"] = ([*self.tool, *argv, "-o", str(self.work / out)], self.env)
            cases["cold"] = ([*self.tool, *argv], self.cold)
            label = "`fitcareer " + " ".join(argv).replace(str(self.work) + os.sep, "") + "`"
            self.compare(
                label, cases, [(n, "floor", TARGETS[n]) for n in ("warm", "output", "cold")]
            )

    def completion(self) -> None:
        """Tab completion (warm) against the hello-world app's, and how much it offers."""
        self.table(
            "Tab completion (warm), against the hello-world app's",
            "Driven as bash does: `COMP_WORDS`, `COMP_CWORD`, "
            "`_FITCAREER_COMPLETE=complete_bash`; the floor is `hello <TAB>`, its argument. "
            f"Offered: how many candidates. Target <= {TARGETS['tab']}x.",
            "words | s: floor / fitcareer | ratio | offered | MiB (as s)",
        )

        def bash(var: str, line: str) -> dict[str, str]:
            cword = str(line.count(" "))
            return {**self.env, var: "complete_bash", "COMP_WORDS": line, "COMP_CWORD": cword}

        floor = (self.floors["hello"], bash("_HELLO_COMPLETE", "hello "))
        for words in COMPLETIONS:
            tab = (self.tool, bash("_FITCAREER_COMPLETE", f"fitcareer {words}"))
            offered = str(len(output(*tab).split()))
            label = f"`fitcareer {words}<TAB>`"
            self.compare(
                label, {"floor": floor, "tab": tab}, [("tab", "floor", TARGETS["tab"])], offered
            )

    def catalog(self, certs: int) -> None:
        """The large catalog cold (against the floor) and warm (against the shipped data)."""
        self.table(
            f"A {certs:,}-certification catalog (`{' '.join(QUERY)}`)",
            "The shipped certifications repeated under new ids, the only file of a data "
            f"directory. Targets: JSON cold (empty cache) under {CATALOG['cold_s']} s; warm <= "
            f"{CATALOG['warm']}x the same command on the shipped data. At most 5 runs of each.",
            "form | s: hello-world / cold / shipped / warm | cold / floor | warm / shipped "
            "| cold s | MiB (as s)",
        )
        folder = self.work / "catalog"
        subprocess.run([sys.executable, __file__, "--make", str(folder), str(certs)], check=True)
        for form in ("yaml", "json"):  # the issue sets the cold target for JSON only
            argv = [*self.tool, "--data-dir", str(folder / form), *QUERY]
            cases = {"floor": (self.floors["hello"], self.env), "cold": (argv, self.cold)}
            cases |= {"shipped": ([*self.tool, *QUERY], self.env), "warm": (argv, self.env)}
            self.run(argv, self.env)  # fills its cache
            seconds = ("cold", "", CATALOG["cold_s"] if form == "json" else None)
            ratios: Ratios = [
                ("cold", "floor", None),
                ("warm", "shipped", CATALOG["warm"]),
                seconds,
            ]
            # At most 5 runs: a cold run of the YAML form can take seconds.
            self.compare(f"`certifications.{form}`", cases, ratios, runs=min(self.runs, 5))

    def wages_import(self, rows: int, runs: int) -> None:
        """`wages import` of a CSV all-data table into an empty user data directory."""
        table = self.work / "all_data_M_2024.csv"
        with table.open("w", newline="", encoding="utf-8") as f:
            f.write(OEWS_HEADER + "\r\n")
            csv.writer(f).writerows(oews_rows(rows))
        argv = [*self.tool, "wages", "import", str(table)]
        cases = {"import": (argv, {**self.env, "XDG_DATA_HOME": FRESH})}
        got = self.alternate(cases, runs=runs)["import"]
        self.table(
            "`wages import` of an OEWS all-data table (CSV)",
            f"{rows:,} rows, {table.stat().st_size / 1e6:.1f} MB, BLS's 32 published columns, "
            f"imported into an empty user data directory (XDG_DATA_HOME), runs: {runs}. No target.",
            "median s | min s | peak MiB",
        )
        self.lines.append(f"| {got['median']:.2f} | {got['min']:.2f} | {got['mib']:.0f} |")

    def text(self, load: list[str]) -> str:
        info = Path("/proc/cpuinfo")
        text = info.read_text() if info.exists() else ""
        cpus = [ln for ln in text.splitlines() if ln.startswith("model name")]
        cpu = cpus[0].split(":", 1)[1].strip() if cpus else platform.processor()
        git = ["git", "-C", str(ROOT)]
        commit = output([*git, "rev-parse", "--short", "HEAD"], dict(os.environ)).strip()
        dirty = output([*git, "status", "--porcelain"], dict(os.environ))
        names = ("fitcareer", "typer", "rich", "pydantic", "PyYAML", "python-calamine")
        installed = {d.metadata["Name"]: d.version for d in metadata.distributions()}
        lines = [
            "# Benchmark results" + (" (smoke run: tiny sizes, no targets)" if self.smoke else ""),
            "",
            f"- Date: {datetime.date.today().isoformat()}; commit {commit}"
            + (" with uncommitted changes" if dirty else ""),
            f"- Machine: {cpu} ({os.cpu_count()} cores), {platform.platform()}",
            f"- Python {platform.python_version()}; "
            + ", ".join(f"{n} {installed.get(n, 'not installed')}" for n in names),
            f"- Load average (1, 5, 15 min) at the start: {load[0]}; at the end: {load[1]}. The "
            "machine is shared: absolute times vary; ratios compare processes run in turn.",
            f"- Runs of each: {self.runs}, floor and fitcareer in turn, after {self.warm_up} "
            "unmeasured. Ratios are of medians, of minimums in brackets; MiB is the largest "
            "peak memory. How and why: [README.md](README.md).",
        ]
        missed = [v for v in self.verdicts if v]
        if not self.smoke:
            met = f"{len(self.verdicts) - len(missed)} of {len(self.verdicts)} targets met"
            lines += ["", f"**{met}.** Missed:" if missed else f"**{met}.**", "", *missed]
        return "\n".join([*lines, *self.lines]) + "\n"


def output(argv: list[str], env: dict[str, str]) -> str:
    return subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout


def make_catalog(folder: Path, certs: int) -> None:
    """`certs` certifications made by repeating the shipped ones under new ids, as
    folder/yaml/certifications.yaml and folder/json/certifications.json."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "certifications.yaml").read_text(encoding="utf-8"))
    originals, data["certifications"] = data["certifications"], []
    for i in range(certs):
        record = dict(originals[i % len(originals)])
        record["id"] = f"{record['org']}-synthetic-{i:05d}"
        record["abbr"] = f"{record['abbr']}-{i}"
        data["certifications"].append(record)
    text = json.dumps(data, indent=1, ensure_ascii=False)
    for form in ("yaml", "json"):
        (folder / form).mkdir(parents=True)
    (folder / "json" / "certifications.json").write_text(text, encoding="utf-8")
    with open(folder / "yaml" / "certifications.yaml", "w", encoding="utf-8") as f:
        # From the JSON text, so that no record shares a part with another (fitcareer refuses
        # the aliases a dumper writes for shared parts); innermost lists and mappings in flow
        # style, one a line, as the shipped file has them.
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        data = json.loads(text)
        yaml.dump(data, f, dumper, default_flow_style=None, width=1 << 20, sort_keys=False)


OEWS_HEADER = (
    "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,"
    "OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,"
    "MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,"
    "A_PCT90,ANNUAL,HOURLY"
)
"""The 32 columns of BLS's all-data table, in published order."""
SPREAD = (0.6, 0.8, 1.0, 1.2, 1.5)


def oews_rows(count: int) -> Iterator[list[object]]:
    """An all-data table's rows: every 800th is 39-9031 (cross-industry, all ownerships),
    the rest other occupations, industries and areas; figures made up, numbers as numbers."""
    for i in range(count):
        area = 99 if i % 80_000 == 0 else 1 + i // 800 % 56
        code = "39-9031" if i % 800 == 0 else f"{11 + i % 40:02d}-{1000 + i % 9000:04d}"
        naics = "000000" if i % 800 == 0 or i % 3 else f"{713940 + i % 7}"
        wage = 15.0 + i % 50
        where = [area, f"Area {area}", 1 if area == 99 else 2, "US" if area == 99 else f"S{area}"]
        industry = [naics, "Cross-industry", "cross-industry", 1235]
        job = [code, f"Occupation {code}", "detailed", 1000 + i % 5000, 1.2, "", "", "", ""]
        pay = [wage, wage * 2080, 0.5, *(wage * f for f in SPREAD)]
        yield [*where, *industry, *job, *pay, *(wage * 2080 * f for f in SPREAD), "", ""]


def compiled(env: dict[str, str]) -> None:
    """fitcareer's modules compiled to bytecode, as installing a wheel leaves them: an
    editable install run with PYTHONDONTWRITEBYTECODE would otherwise compile every module
    it imports on every run, which no installed fitcareer does."""
    code = "import fitcareer, os; print(os.path.dirname(fitcareer.__file__))"
    package = output([sys.executable, "-c", code], env).strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)


def measure(smoke: bool, runs: int, out: Path) -> None:
    load = [", ".join(f"{x:.2f}" for x in os.getloadavg())]
    work = Path(tempfile.mkdtemp(prefix="fitcareer-bench-"))
    try:
        bench = Bench(smoke, runs, work)
        compiled(bench.env)
        bench.run([*bench.tool, *QUERY], bench.env)  # fills the cache of the shipped data
        bench.startup()
        bench.completion()
        bench.catalog(30 if smoke else CERTS)
        bench.wages_import(2_000 if smoke else OEWS_ROWS, 1 if smoke else 3)
        load.append(", ".join(f"{x:.2f}" for x in os.getloadavg()))
        text = bench.text(load)
        out.write_text(text, encoding="utf-8")
        print(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run each (CI)")
    parser.add_argument("--runs", type=int, help="runs of each (default 11; smoke 1)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument("--make", nargs=2, metavar=("DIR", "CERTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_catalog(Path(args.make[0]), int(args.make[1]))
    else:
        measure(args.smoke, args.runs or (1 if args.smoke else 11), args.out)


if __name__ == "__main__":
    main()
