"""CSV for spreadsheets (docs/commands.md): figures as plain numbers in their own columns,
flags as words in their own, and the same sources block ending every command's CSV."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SOURCES_HEADER, csv_blocks, csv_sources, csv_table, ok

FLAGS = {
    "unknown",
    "differ",
    "unverified",
    "third-party",
    "stale",
    "assumed",
    "secondary",
    "withdrawn",
}
"""The flag words docs/commands.md lists."""

COMMANDS = [
    ("certs",),
    ("certs", "--years", "6", "--sort", "cost"),
    ("certs", "acsm-cpt"),
    ("certs", "nasm-cpt", "ace-cpt"),
    ("compare",),
    ("compare", "--area", "MN"),
    ("income",),
    ("income", "--area", "MN"),
    ("income", "--rate", "60", "--sessions-per-week", "20"),
    ("wages",),
    ("sources",),
    ("sources", "seed-000"),
    ("roles",),
    ("roles", "personal-trainer"),
    ("steps",),
    ("steps", "--cert", "nasm-cpt"),
    ("quiz", "--questions"),
]


def figure_columns(header: list[str]) -> list[int]:
    return [i for i, name in enumerate(header) if name.endswith((" low", " high"))]


def test_certs_figures_are_plain_numbers() -> None:
    header, *rows = csv_table(ok("certs", "--years", "6", "--format", "csv"))
    numeric = figure_columns(header)
    assert {header[i] for i in numeric} >= {"Price low", "Price high", "Cost, 6 yrs low"}
    assert rows
    for row in rows:
        for i in numeric:
            assert not re.search(r"[$^*?!,]", row[i]), (header[i], row[i])
            if row[i]:
                float(row[i])


def test_certs_flags_are_words_and_say_why_a_figure_is_missing() -> None:
    header, *rows = csv_table(ok("certs", "--years", "6", "--format", "csv"))
    flagged = [i for i, name in enumerate(header) if name.endswith(" flags")]
    assert "Price flags" in [header[i] for i in flagged]
    for row in rows:
        for i in flagged:
            assert set(row[i].split()) <= FLAGS, (header[i], row[i])
        price = dict(zip(header, row, strict=True))
        if not price["Price low"]:
            assert {"unknown", "withdrawn"} & set(price["Price flags"].split()), row[0]
        else:
            assert float(price["Price low"]) <= float(price["Price high"])


def test_a_range_and_its_flags_in_their_own_columns() -> None:
    header, *rows = csv_table(ok("certs", "--org", "acsm", "--format", "csv"))
    acsm = dict(zip(header, next(r for r in rows if r[0] == "acsm-cpt"), strict=True))
    # The table shows `$279-$410*^!`: sources differ, a third-party price, an old one.
    assert (acsm["Price low"], acsm["Price high"]) == ("279", "410")
    assert set(acsm["Price flags"].split()) == {"differ", "third-party", "stale"}
    assert acsm["CE h/yr flags"] == "assumed"


def test_refs_columns_name_sources_in_the_block() -> None:
    text = ok("certs", "--format", "csv")
    header, *rows = csv_table(text)
    sources = csv_sources(text)
    refs = [i for i, name in enumerate(header) if name.endswith(" refs")]
    assert "Price refs" in [header[i] for i in refs]
    cited = {n for row in rows for i in refs for n in row[i].split()}
    assert cited and cited == set(sources)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_csv_ends_with_the_same_sources_block(args: tuple[str, ...]) -> None:
    text = ok(*args, "--format", "csv")
    blocks = csv_blocks(text)
    assert len(blocks) >= 2 and blocks[0], "a table, then the sources"
    assert blocks[-1][0] == SOURCES_HEADER
    sources = csv_sources(text)
    assert list(sources) == [str(n) for n in range(1, len(sources) + 1)]
    assert all(title and date for title, _, date, _ in sources.values())
    table = "\n".join(",".join(row) for row in blocks[0])
    assert set(re.findall(r"\[(\d+)\]", table)) <= set(sources), "every [n] is in the block"


def test_compare_keeps_its_sources() -> None:
    text = ok("compare", "-o", "-", "--format", "csv")
    cited = set(re.findall(r"\[(\d+)\]", "\n".join(map(",".join, csv_table(text)))))
    sources = csv_sources(text)
    assert cited and cited == set(sources)
    assert any("Bureau of Labor Statistics" in publisher for _, publisher, _, _ in sources.values())


def test_area_pay_rows_are_plain_numbers() -> None:
    rows = csv_table(ok("income", "--area", "MN", "--format", "csv"))
    pay = [row for row in rows if row[0].endswith(("a year", "an hour")) or row[0] == "Employment"]
    assert len(pay) >= 12
    for row in pay:
        for value in row[1:]:
            assert not re.search(r"[$,]", value), row
            if value:
                float(value)


def test_text_cells_and_sources_that_start_like_a_formula_get_a_quote(data_copy: Path) -> None:
    path = data_copy / "certifications.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("abbr: NCCA", 'abbr: "=NCCA"', 1), encoding="utf-8")
    out = ok("--data-dir", str(data_copy), "certs", "--format", "csv")
    header, *rows = csv_table(out)
    column = header.index("Accredited")
    assert "'=NCCA" in [row[column] for row in rows]
    assert not any(cell.startswith("=") for row in csv_blocks(out)[0] for cell in row)


def test_a_lists_columns_do_not_depend_on_its_rows() -> None:
    every = csv_table(ok("certs", "--format", "csv"))[0]
    none = csv_table(ok("certs", "--org", "nasm", "--max-cost", "1", "--format", "csv"))
    known = csv_table(ok("certs", "--accredited", "NCCA", "--org", "nsca", "--format", "csv"))[0]
    assert none == [every], "no match: the header alone, the same columns"
    assert known == every
