"""docs/layout.md says what each part of fitcareer may import: the code does no more, and
no module borrows another's private names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "fitcareer"
LAYOUT = ROOT / "docs" / "layout.md"


def allowed() -> dict[str, set[str]]:
    """Each module pattern in the table (`data/cache.py`, `views/`) -> what it may import."""
    rules: dict[str, set[str]] = {}
    for line in LAYOUT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        may = set(re.findall(r"`([\w.*]+)`", cells[2]))
        if cells[2].startswith("everything"):
            may = {"*"}
        for where in re.findall(r"`([\w/.]+)`", cells[0]):
            rules[where] = may
    return rules


def imports(path: Path) -> set[str]:
    """The fitcareer modules a file imports, named as the table names them."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fitcareer"):
            names = [node.module]
            if node.module in (
                "fitcareer",
                "fitcareer.data",
                "fitcareer.views",
                "fitcareer.queries",
            ):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("fitcareer")]
        found |= {n.removeprefix("fitcareer.") for n in names if n != "fitcareer.__version__"}
    return found


def rule_for(relative: str, rules: dict[str, set[str]]) -> set[str]:
    if relative in rules:
        return rules[relative]
    folder = relative.split("/")[0] + "/"
    assert folder in rules, f"docs/layout.md has no row for {relative}"
    return rules[folder]


def permitted(name: str, may: set[str], own: str) -> bool:
    if "*" in may or name == own:
        return True
    return any(name == m or (m.endswith("*") and name.startswith(m[:-1])) for m in may)


def test_every_module_imports_only_what_docs_layout_allows() -> None:
    rules = allowed()
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not described(relative):
            continue
        may = rule_for(relative, rules)
        own = relative.removesuffix(".py").replace("/", ".")
        wrong += [f"{relative} imports {n}" for n in imports(path) if not permitted(n, may, own)]
    assert not wrong, "docs/layout.md does not allow:\n" + "\n".join(wrong)


def test_the_layout_names_every_module() -> None:
    rules = allowed()
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if described(relative):
            rule_for(relative, rules)


def described(relative: str) -> bool:
    """Every module but the package markers (`data/__init__.py` holds code, so counts)."""
    marker = relative.rsplit("/", 1)[-1] in ("__init__.py", "__main__.py")
    return not marker or relative == "data/__init__.py"


def test_no_module_imports_a_private_name_of_another() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fitcareer"):
                wrong += [
                    f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert wrong == []
