"""Every date in every data file is one the calendar has, or `validate` says where it is
not; commands refuse such data in the same words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import invoke_main, shipped_parsed_once


@pytest.mark.parametrize("field", ["date", "effective"])
@pytest.mark.parametrize("date", ["2023-13-01", "2023-00-05", "2023-02-30"])
def test_an_impossible_date_is_refused_at_its_line(data_copy: Path, field: str, date: str) -> None:
    path = data_copy / "certifications.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    pattern = re.compile(rf'({field}: )("[^"]*"|undated)')
    at = next(i for i, line in enumerate(lines) if "effective:" in line)
    lines[at] = pattern.sub(lambda m: f'{m.group(1)}"{date}"', lines[at], count=1)
    path.write_text("".join(lines), encoding="utf-8")
    with shipped_parsed_once():  # the copies of the other files are parsed once
        checked = invoke_main("validate", str(data_copy))
        shown = invoke_main("--data-dir", str(data_copy), "certs", "ace-cpt", "--detail")
    assert checked.exit_code == 1
    (problem,) = checked.stdout.splitlines()
    assert problem.startswith(f"{path}:{at + 1}:")
    assert problem.endswith(f".{field}: no such date '{date}'")
    assert shown.exit_code == 1 and shown.stdout == ""
    assert f"no such date '{date}'" in shown.stderr and "internal error" not in shown.stderr
