"""The layering docs/layout.md describes holds in the imports: views speak in words and
never reach for a renderer or the command line, and no module borrows another's private
names."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "fitcareer"


def imports(path: Path) -> list[tuple[str, str]]:
    """Each (module, name) ``path`` imports from fitcareer; name '' for a whole module."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name.startswith("fitcareer")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fitcareer"):
            found += [(node.module or "", a.name) for a in node.names]
    return found


def test_views_import_neither_render_nor_the_command_line() -> None:
    wrong = [
        f"{path.name}: {module}"
        for path in sorted((SRC / "views").glob("*.py"))
        for module, name in imports(path)
        if module.startswith(("fitcareer.render", "fitcareer.cli"))
        or (module == "fitcareer" and name in ("render", "render_report", "cli"))
    ]
    assert wrong == []


def test_no_module_imports_a_private_name_of_another() -> None:
    wrong = [
        f"{path.relative_to(SRC)}: {module}.{name}"
        for path in sorted(SRC.rglob("*.py"))
        for module, name in imports(path)
        if name.startswith("_") and not name.startswith("__")
    ]
    assert wrong == []
