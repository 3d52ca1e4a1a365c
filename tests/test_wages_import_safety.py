"""`fitcareer wages import` held to the rules of the data files (issue 25): parallel imports
keep every release; hostile XLSX files (built here with zipfile, never shipped) are refused
in one line before python-calamine loads them; a CSV is read as the file says or refused at
its line; FIFOs and devices are refused at once; Ctrl-C stops an import with exit 130;
wages.yaml dates are real dates."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import interrupted, invoke_main, needs_calamine, run

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and signals are POSIX")

HEADER = "OCC_CODE,OCC_TITLE,AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,TOT_EMP,H_MEDIAN,A_MEDIAN"
TEXAS = "39-9031,Exercise Trainers,48,Texas,2,TX,20000,22.15,46070"
FITCAREER = [sys.executable, "-m", "fitcareer"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def table(folder: Path, *rows: str, name: str = "state_M2024_dl.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def raw_table(folder: Path, body: bytes, name: str = "state_M2024_dl.csv") -> Path:
    path = folder / name
    path.write_bytes(HEADER.encode() + b"\n" + body)
    return path


def wages_import(data_dir: Path, path: Path):  # type: ignore[no-untyped-def]
    return invoke_main("--data-dir", str(data_dir), "wages", "import", str(path))


def stored(data_dir: Path) -> str:
    target = data_dir / "wages.yaml"
    return target.read_text(encoding="utf-8") if target.exists() else ""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mydata"
    folder.mkdir()
    return folder


def refused(result, path: Path, data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The one line an import refused with, having written nothing."""
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"fitcareer: {path}:")
    assert not (data_dir / "wages.yaml").exists()
    return str(lines[0])


# --- parallel imports ------------------------------------------------------------------


AT_ONCE = """
import json, os, sys
from fitcareer.cli.main import main
runs = json.loads(sys.argv[1])
gate, opened = os.pipe()
children = []
sys.stdout.flush()
sys.stderr.flush()
for args, out, err in runs:
    pid = os.fork()
    if pid == 0:
        os.close(opened)
        os.read(gate, 1)  # every child waits here until the parent closes the pipe
        for fd, path in ((1, out), (2, err)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.argv = ["fitcareer", *args]
        main()  # exits the child with the command's status
    children.append(pid)
os.close(opened)
print(json.dumps([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]))
"""
"""Runs each command (arguments, stdout file, stderr file) in a process of its own, all
started at the same moment: forked from one interpreter that has imported fitcareer, and
released together, so every import reaches the wages file at once."""


def at_once(runs: list[tuple[list[str], str, str]]) -> list[int]:
    """Each run's exit status, the runs made at once (`AT_ONCE`; without fork, one
    `python -m fitcareer` each, started one after another)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if hasattr(os, "fork"):
        started = subprocess.run(
            [sys.executable, "-c", AT_ONCE, json.dumps(runs)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert started.returncode == 0, started.stderr
        codes: list[int] = json.loads(started.stdout)
        return codes
    procs = []
    for args, out, err in runs:
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            procs.append(
                subprocess.Popen([*FITCAREER, *args], stdout=stdout, stderr=stderr, env=env)
            )
    return [proc.wait(timeout=300) for proc in procs]


def test_twenty_imports_at_once_keep_all_twenty_releases(tmp_path: Path, data_dir: Path) -> None:
    years = range(2000, 2020)
    files = [table(tmp_path, TEXAS, name=f"state_M{year}_dl.csv") for year in years]
    runs = [
        (
            ["--data-dir", str(data_dir), "wages", "import", str(path)],
            str(tmp_path / f"{path.stem}.out"),
            str(tmp_path / f"{path.stem}.err"),
        )
        for path in files
    ]
    for (_, out, err), code in zip(runs, at_once(runs), strict=True):
        assert code == 0, Path(err).read_text(encoding="utf-8")
        assert "Imported May 20" in Path(out).read_text(encoding="utf-8")
    listed = invoke_main("--data-dir", str(data_dir), "wages", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    imported = [t for t in json.loads(listed.stdout)["tables"] if t["file"] is not None]
    assert sorted(t["release"] for t in imported) == [f"May {year}" for year in years]
    assert not list(data_dir.glob("*.tmp"))


# --- hostile XLSX ----------------------------------------------------------------------


def workbook(
    path: Path,
    sheet: str,
    strings: str | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A minimal XLSX: one sheet (its XML given), and shared strings if given."""
    links = f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        links += f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{RELS}">{links}</Relationships>'
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
    path.write_bytes(buffer.getvalue())
    return path


HEAD_ROW = "".join(
    f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
    for col, name in zip("ABC", ("OCC_CODE", "AREA", "A_MEDIAN"), strict=True)
)


def sheet(body: str, dimension: str | None = None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData><row r="1">{HEAD_ROW}</row>{body}</sheetData></worksheet>'


FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


@needs_calamine
@pytest.mark.parametrize(
    "xml",
    [sheet(FAR, "A1:XFD1048576"), sheet(FAR, "A1:C2"), sheet(FAR)],
    ids=["declared", "understated", "undeclared"],
)
def test_a_sheet_with_one_far_away_cell_is_refused(
    tmp_path: Path, data_dir: Path, xml: str
) -> None:
    path = workbook(tmp_path / "state_M2024_dl.xlsx", xml)
    assert path.stat().st_size < 4096
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert "1,048,576 rows by 16,384 columns" in line


@needs_calamine
def test_a_zip_bomb_is_refused(tmp_path: Path, data_dir: Path) -> None:
    rows = "<row>" + "<c><v>1</v></c>" * 32 + "</row>"
    path = workbook(tmp_path / "state_M2024_dl.xlsx", sheet(rows * 100_000))
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert "zip bomb" in line


@needs_calamine
def test_a_huge_shared_string_is_refused(tmp_path: Path, data_dir: Path) -> None:
    body = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    # stored, not packed: the size of the string, not the packing ratio, is what is refused
    strings = f'<sst xmlns="{MAIN}"><si><t>{"x" * 1_000_000}</t></si></sst>'
    path = workbook(tmp_path / "state_M2024_dl.xlsx", sheet(body), strings, zipfile.ZIP_STORED)
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert "shared string" in line


@needs_calamine
def test_an_xls_or_ods_file_is_refused_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    xls = tmp_path / "state_M2024_dl.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "XLSX" in refused(wages_import(data_dir, xls), xls, data_dir)
    ods = tmp_path / "state_M2024_dl.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert "XLSX" in refused(wages_import(data_dir, ods), ods, data_dir)


@needs_calamine
def test_a_plausible_workbook_still_imports(tmp_path: Path, data_dir: Path) -> None:
    values = ["39-9031", "48", 46070]
    cells = "".join(
        f'<c r="{col}2"><v>{v}</v></c>'
        if isinstance(v, int)
        else f'<c r="{col}2" t="inlineStr"><is><t>{v}</t></is></c>'
        for col, v in zip("ABC", values, strict=True)
    )
    path = workbook(tmp_path / "state_M2024_dl.xlsx", sheet(f'<row r="2">{cells}</row>', "A1:C2"))
    result = wages_import(data_dir, path)
    assert result.exit_code == 0, result.stderr
    assert "A_MEDIAN" not in stored(data_dir)
    assert "median: 46070" in stored(data_dir)


# --- CSV read as it is written, or refused at its line ----------------------------------


def test_a_row_over_64_kib_is_refused_at_its_line(tmp_path: Path, data_dir: Path) -> None:
    long = TEXAS.replace("Exercise Trainers", "x" * 70_000)
    path = table(tmp_path, long)
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:2:")


def test_an_unterminated_quote_is_refused_at_its_line(tmp_path: Path, data_dir: Path) -> None:
    later = TEXAS.replace("48,Texas", "06,California").replace("TX", "CA")
    path = table(tmp_path, '39-9031,"Exercise Trainers,48,Texas,2,TX,20000,22.15,46070', later)
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:2:")
    assert "quote" in line


def test_windows_1252_smart_quotes_are_read_as_written(tmp_path: Path, data_dir: Path) -> None:
    row = TEXAS.replace("Exercise Trainers", "“Exercise” Trainers – Fitness")
    path = raw_table(tmp_path, row.encode("cp1252") + b"\n")
    result = wages_import(data_dir, path)
    assert result.exit_code == 0, result.stderr
    assert "“Exercise” Trainers – Fitness" in stored(data_dir)


def test_latin_1_only_is_read_as_written(tmp_path: Path, data_dir: Path) -> None:
    path = raw_table(tmp_path, TEXAS.replace("Texas", "Téxas").encode("latin-1") + b"\n")
    assert wages_import(data_dir, path).exit_code == 0
    assert "Téxas" in stored(data_dir)


def test_utf_8_with_one_late_latin_1_byte_is_refused_at_that_line(
    tmp_path: Path, data_dir: Path
) -> None:
    first = TEXAS.replace("Texas", "Téxas").encode("utf-8")
    later = TEXAS.replace("48,Texas", "35,Nuevo México").encode("latin-1")
    path = raw_table(
        tmp_path, first + b"\n" + b"\n".join([b"# filler"] * 5) + b"\n" + later + b"\n"
    )
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:8:")
    assert "UTF-8" in line
    assert "TÃ©xas" not in stored(data_dir)


def test_a_byte_neither_utf_8_nor_windows_1252_is_refused(tmp_path: Path, data_dir: Path) -> None:
    path = raw_table(
        tmp_path, TEXAS.replace("Texas", "Te?xas").encode().replace(b"?", b"\x81") + b"\n"
    )
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:2:")
    assert "Windows-1252" in line


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\x1b"])
def test_a_control_character_in_a_name_is_refused_at_its_cell(
    tmp_path: Path, data_dir: Path, char: str
) -> None:
    path = table(tmp_path, TEXAS.replace("Texas", f"Tex{char}as"))
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:2:4: AREA_TITLE:")
    assert f"U+{ord(char):04X}" in line


def test_a_wage_the_model_refuses_is_located_in_the_input(tmp_path: Path, data_dir: Path) -> None:
    path = table(tmp_path, TEXAS.replace("46070", "2000000"))
    line = refused(wages_import(data_dir, path), path, data_dir)
    assert line.startswith(f"fitcareer: {path}:2: A_MEDIAN:")
    assert "wages.yaml" not in line


# --- FIFOs and devices -------------------------------------------------------------------


@posix_only
def test_a_device_or_a_fifo_without_a_writer_is_refused_at_once(
    tmp_path: Path, data_dir: Path
) -> None:
    fifo = tmp_path / "state_M2024_dl.csv"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        result = run("--data-dir", str(data_dir), "wages", "import", str(path), timeout=60)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(f"fitcareer: {path}:")
        assert len(result.stderr.splitlines()) == 1
    assert not (data_dir / "wages.yaml").exists()


# --- Ctrl-C ------------------------------------------------------------------------------


def _opened(pid: int, path: Path) -> bool:
    folder = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(folder / fd) == str(path) for fd in os.listdir(folder))
    except OSError:
        return False


@posix_only
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the file open")
def test_ctrl_c_during_an_import_says_interrupted_and_exits_130(
    tmp_path: Path, data_dir: Path
) -> None:
    other = "11-1011,Chief Executives,48,Texas,2,TX,20000,100.00,208000\n"
    path = table(tmp_path, TEXAS)
    with path.open("a", encoding="utf-8") as f:
        f.write(other * 2_000_000)
    code, out, err = interrupted(
        ["--data-dir", str(data_dir), "wages", "import", str(path)],
        lambda pid: _opened(pid, path),
    )
    assert code == 130, err.decode()
    assert err.decode().strip() == "fitcareer: interrupted"
    assert out == b""
    assert not (data_dir / "wages.yaml").exists()


# --- wages.yaml dates ----------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2024-13", "2024-00", "2024-02-30"])
def test_a_wages_date_the_calendar_lacks_is_refused_by_validate(
    tmp_path: Path, data_dir: Path, date: str
) -> None:
    assert wages_import(data_dir, table(tmp_path, TEXAS)).exit_code == 0
    target = data_dir / "wages.yaml"
    text = target.read_text(encoding="utf-8")
    assert "date: 2024-05\n" in text
    target.write_text(text.replace("date: 2024-05\n", f"date: '{date}'\n"), encoding="utf-8")
    line = next(n for n, t in enumerate(target.read_text().splitlines(), 1) if date in t)
    result = invoke_main("--data-dir", str(data_dir), "validate")
    assert result.exit_code == 1
    assert f"{target}:{line}:" in result.stdout
    assert f"no such date '{date}'" in result.stdout
    assert "1 problem" in result.stderr
