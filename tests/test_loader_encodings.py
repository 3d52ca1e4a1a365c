"""A data file saved in another encoding is named as such, with what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHIPPED, invoke_main


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_json_file_saved_as_utf16_is_called_that(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    roles = json.dumps({"roles": []})
    text = ("\ufeff" + roles) if encoding == "utf-16-be" else roles
    (folder / "roles.json").write_bytes(text.encode(encoding))
    r = invoke_main("validate", str(folder))
    assert r.exit_code == 1
    assert r.stdout == f"{folder / 'roles.json'}: saved as UTF-16; save the file as UTF-8\n"


def test_a_yaml_file_saved_as_utf16_with_a_mark_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (SHIPPED / "roles.yaml").read_text(encoding="utf-8")
    (folder / "roles.yaml").write_bytes(text.encode("utf-16"))
    assert invoke_main("validate", str(folder)).exit_code == 0
