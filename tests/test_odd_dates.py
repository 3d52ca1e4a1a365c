"""A date that is not a real date (month 13, day 0, 30 February) never crashes a view and
is never shown as a real date: it is shown as written. Validation refuses such dates in
the data files; the views hold on their own, for a catalog built any other way."""

from __future__ import annotations

import copy
import re

import pytest

from conftest import invoke_main
from fitcareer import data as loading
from fitcareer.model import Catalog
from fitcareer.views.words import when

ODD = ["2023-13-01", "2023-00-05", "2023-02-30", "2023-04-31", "2023-12-00", "2023-13", "2023-00"]


@pytest.mark.parametrize("date", ODD)
def test_a_date_that_is_not_real_is_shown_as_written(date: str) -> None:
    assert when(date) == date


@pytest.mark.parametrize(
    ("date", "shown"),
    [("2024-02-29", "29 Feb 2024"), ("2023-09-13", "13 Sep 2023"), ("2022-05", "May 2022")],
)
def test_a_real_date_is_shown_in_words(date: str, shown: str) -> None:
    assert when(date) == shown


def with_effective(shipped: Catalog, date: str) -> Catalog:
    """The shipped catalog with ACE CPT's dated recertification note taking effect on
    ``date``."""
    catalog = copy.deepcopy(shipped)
    notes = catalog.certifications["ace-cpt"].recertification.notes
    dated = [n for n in notes if n.effective]
    assert dated
    for note in dated:
        note.effective = date
    return catalog


@pytest.mark.parametrize("date", ["2023-13-01", "2023-00-05", "2023-02-30"])
@pytest.mark.parametrize(
    "command", [("certs", "ace-cpt", "--detail"), ("steps", "--cert", "ace-cpt", "--detail")]
)
@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "html"])
def test_a_view_never_fails_on_an_odd_effective_date(
    shipped: Catalog,
    monkeypatch: pytest.MonkeyPatch,
    date: str,
    command: tuple[str, ...],
    fmt: str,
) -> None:
    catalog = with_effective(shipped, date)
    monkeypatch.setattr(loading, "load", lambda *args, **kwargs: catalog)
    result = invoke_main(*command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    for month in ("Dec 2023", "Feb 2023", "Jan 2024"):
        assert f"takes effect {month}" not in result.stdout
    if command[0] == "certs" and fmt != "json":
        shown = re.sub(r"<[^>]+>", "", result.stdout)  # a page keeps a date on one line
        assert f"takes effect {date}" in shown
