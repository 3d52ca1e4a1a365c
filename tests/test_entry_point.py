"""Large catalogs: long lists are capped in a table, never in data formats, and a run
defines only the command it needs."""

from __future__ import annotations

import csv
import gc
import io
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, invoke_main, repeated_catalog, run
from fitcareer import data as loading
from fitcareer import errors
from fitcareer.cli import registry
from fitcareer.cli.app import app
from fitcareer.cli.certs import LIST_LIMIT
from fitcareer.model import Catalog
from fitcareer.views.roles import CREDENTIALS_NAMED

COPIES = 6
"""Copies of each shipped certification added to the large catalog."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with every certification repeated under new ids."""
    return repeated_catalog(tmp_path_factory.mktemp("large"), COPIES)


def total(shipped: Catalog) -> int:
    return len(shipped.certifications) * (COPIES + 1)


def test_a_table_lists_the_first_ones_and_says_how_many_more(large: Path, shipped: Catalog) -> None:
    result = invoke_main("--data-dir", str(large), "certs", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["ID"])
    end = next(i for i, line in enumerate(lines) if "more not shown" in line)
    rows = [row for row in lines[header + 1 : end] if row[:1].strip() and row[0] != "─"]
    named = [row.split()[0] for row in rows]
    everything = invoke_main("--data-dir", str(large), "certs", "--format", "json")
    assert named == [c["id"] for c in json.loads(everything.stdout)][:LIST_LIMIT]
    assert named[:3] == ["nasm-cpt", "nasm-cnc", "ace-cpt"]
    assert f"Certifications (first {LIST_LIMIT} of {total(shipped):,})" in result.stdout
    assert f"{total(shipped) - LIST_LIMIT:,} more not shown" in result.stdout
    assert "--limit 0 lists all" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_data_formats_give_every_match(large: Path, shipped: Catalog, fmt: str) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert len(json.loads(result.stdout)) == total(shipped)
    else:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) == total(shipped) + 1
    assert "not shown" not in result.stdout + result.stderr


def test_limit_zero_lists_all_in_a_table(large: Path, shipped: Catalog) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "--limit", "0", "--format", "markdown")
    assert result.exit_code == 0
    assert f"## Certifications ({total(shipped)})" in result.stdout
    assert "not shown" not in result.stdout


def test_an_explicit_limit_applies_to_json_and_says_so_on_stderr(
    large: Path, shipped: Catalog
) -> None:
    result = invoke_main("--data-dir", str(large), "certs", "-n", "3", "--format", "json")
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)] == list(shipped.certifications)[:3]
    assert f"{total(shipped) - 3:,} more not shown (first 3 of {total(shipped):,})" in (
        result.stderr
    )
    assert "so does --format" not in result.stderr


def test_limit_keeps_the_sort_order(large: Path) -> None:
    everything = invoke_main(
        "--data-dir", str(large), "certs", "--sort", "cost", "--format", "json"
    )
    first = invoke_main(
        "--data-dir", str(large), "certs", "--sort", "cost", "--limit", "5", "--format", "json"
    )
    ids = [c["id"] for c in json.loads(everything.stdout)]
    assert [c["id"] for c in json.loads(first.stdout)] == ids[:5]


def test_a_limit_above_the_count_changes_nothing(shipped: Catalog) -> None:
    result = invoke_main("certs", "--limit", "1000")
    assert result.exit_code == 0
    assert f"Certifications ({len(shipped.certifications)})" in result.stdout
    assert "not shown" not in result.stdout


@pytest.mark.parametrize("typed", ["-1", "many", "2.5"])
def test_limit_must_be_a_whole_number_of_zero_or_more(typed: str) -> None:
    result = invoke_main("certs", "--limit", typed)
    assert result.exit_code == 2
    assert "--limit" in result.stderr
    assert result.stdout == ""


def test_compare_names_the_first_credentials_and_counts_the_rest(
    large: Path, shipped: Catalog
) -> None:
    result = invoke_main(
        "--data-dir", str(large), "compare", "personal-trainer", "--detail", "--format", "markdown"
    )
    assert result.exit_code == 0
    preparing = [c for c in shipped.certifications.values() if "personal-trainer" in c.roles]
    rest = len(preparing) * (COPIES + 1) - CREDENTIALS_NAMED
    assert f" and {rest:,} more (" in result.stdout
    shown = invoke_main("--data-dir", str(large), "compare", "personal-trainer", "--format", "json")
    credentials = json.loads(shown.stdout)["roles"][0]["credentials"]
    assert len(credentials) == len(preparing) * (COPIES + 1)


def test_compare_on_the_shipped_data_names_every_credential(shipped: Catalog) -> None:
    result = invoke_main("compare", "personal-trainer", "--detail", "--format", "markdown")
    assert result.exit_code == 0
    for cert in shipped.certifications.values():
        if "personal-trainer" in cert.roles:
            assert cert.abbr in result.stdout
    assert " more (" not in result.stdout


def test_a_large_catalog_gives_the_same_answer_cold_and_warm(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FITCAREER_CACHE_DIR", str(tmp_path / "cache"))
    args = ("--data-dir", str(large), "certs", "--accredited", "NCCA", "--format", "json")
    cold = invoke_main(*args)
    assert list((tmp_path / "cache").glob("catalog-*.pickle"))
    warm = invoke_main(*args)
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stdout == warm.stdout


def test_loading_leaves_the_garbage_collector_on(shipped: Catalog, data_copy: Path) -> None:
    loading.load()
    assert gc.isenabled()
    (data_copy / "roles.yaml").write_text("roles: [", encoding="utf-8")
    with pytest.raises(errors.DataError):
        loading.load(data_copy)
    assert gc.isenabled()
    with pytest.raises(errors.DataError):
        loading.check(data_copy)
    assert gc.isenabled()


def test_records_compare_and_pickle_by_their_values(shipped: Catalog) -> None:
    cert = shipped.certifications["nasm-cpt"]
    again = pickle.loads(pickle.dumps(cert))
    assert again == cert
    assert again is not cert
    assert again != shipped.certifications["ace-cpt"]
    assert repr(cert).startswith("Certification(id='nasm-cpt', abbr=")
    with pytest.raises(TypeError):
        hash(cert)


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["compare"], "compare"),
        (["--data-dir", "certs", "roles"], "roles"),
        (["--data-dir=somewhere", "certs"], "certs"),
        (["--max-age", "1", "sources", "bls"], "sources"),
        (["--version"], None),
        (["-h"], None),
        ([], None),
        (["--", "quiz"], "quiz"),
        (["--data-dir"], None),
    ],
)
def test_command_name(argv: list[str], name: str | None) -> None:
    assert registry.command_name(argv) == name


global_options = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(sorted(registry.GLOBAL_VALUED)), st.text(min_size=0, max_size=12)
        ),
        st.tuples(st.sampled_from(["--version", "-h", "--help", "--data-dir=x"])),
    ),
    max_size=4,
)


@given(
    before=global_options,
    name=st.sampled_from(sorted(registry.COMMANDS)),
    after=st.lists(st.text(max_size=12), max_size=4),
)
def test_command_name_finds_the_command_after_any_global_options(
    before: list[tuple[str, ...]], name: str, after: list[str]
) -> None:
    argv = [word for option in before for word in option] + [name, *after]
    assert registry.command_name(argv) == name


def test_every_command_is_found_in_the_module_that_defines_it() -> None:
    defined = {
        (info.name or info.callback.__name__): info.callback.__module__  # type: ignore[union-attr]
        for info in app.registered_commands
    }
    assert defined == {name: f"fitcareer.cli.{m}" for name, m in registry.COMMANDS.items()}


def test_the_root_options_that_take_a_value_are_known() -> None:
    import typer.main

    group = typer.main.get_command(app)
    valued = {
        opt
        for param in group.params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for opt in param.opts
    }
    assert valued == set(registry.GLOBAL_VALUED)


ALONE = [
    ["--max-age", "1", "sources", "--format", "json"],
    ["--data-dir", str(SHIPPED), "compare", "--format", "json"],
    ["roles", "--format", "json"],
    ["certs", "--format", "json"],
    ["steps", "--format", "json"],
    ["quiz", "--questions", "--format", "json"],
    ["income", "--format", "json"],
    ["wages", "--format", "json"],
    ["report", "--format", "markdown"],
    ["validate"],
    ["schema", "roles"],
    ["cache"],
]
"""An ordinary run of every command, some after the options before the command."""


def test_every_command_is_run_on_its_own() -> None:
    assert sorted(registry.command_name(args) or "" for args in ALONE) == sorted(registry.COMMANDS)


@pytest.mark.parametrize("args", ALONE, ids=" ".join)
def test_each_command_runs_on_its_own(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout or "data is valid" in result.stderr


def test_help_and_a_mistyped_command_still_know_every_command() -> None:
    listed = run("--help").stdout
    for name in registry.COMMANDS:
        assert name in listed
    wrong = run("compar")
    assert wrong.returncode == 2
    assert "compare" in wrong.stderr


def test_the_installed_entry_point_flushes_everything_and_keeps_the_exit_code(
    large: Path,
) -> None:
    big = run("--data-dir", str(large), "certs", "--format", "json")
    assert big.returncode == 0
    assert len(json.loads(big.stdout)) > 100
    wrong = run("compare", "personal-trainr")
    assert wrong.returncode == 2
    assert "did you mean 'personal-trainer'?" in wrong.stderr
