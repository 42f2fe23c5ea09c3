"""The house rules of docs/ARCHITECTURE.md, checked so that they stay true."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "l10n"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "l10n"


def _imports(path: Path) -> set[str]:
    """The project modules and third-party top-level packages *path* imports, at any depth."""
    found: set[str] = set()
    package = _name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                module = ".".join([*base, node.module] if node.module else base)
                found.add(module or "l10n")
                found.update(f"{module}.{alias.name}".strip(".") for alias in node.names)
            elif node.module:
                found.add(node.module)
    return found


def test_no_command_stands_on_another_commands_report() -> None:
    """build, status and review stand on the policy, not on each other."""
    forbidden = {"build": {"status", "review", "queue"}, "status": {"review", "build"}, "policy": {"status", "review", "build"}}
    for module, banned in forbidden.items():
        imported = {name.split(".")[0] for name in _imports(PACKAGE / f"{module}.py")}
        assert not imported & banned, f"{module}.py imports {sorted(imported & banned)}"


def test_only_the_catalog_layer_touches_polib() -> None:
    allowed = {"po.reader", "po.writer", "po", "catalog", "merge"}
    for path in MODULES:
        if "polib" in _imports(path):
            assert _name(path) in allowed, f"{_name(path)} imports polib"


def test_modules_stay_small() -> None:
    for path in MODULES:
        lines = path.read_text("utf-8").count("\n")
        assert lines <= 500, f"{path.relative_to(ROOT)} has {lines} lines: split it by noun"


def test_every_module_has_a_home_in_the_architecture_note() -> None:
    """Each module is named in docs/ARCHITECTURE.md, and every module named there exists."""
    note = (ROOT / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    named = set(re.findall(r"`([a-z_]+(?:/[a-z_<>]+)?(?:\.py|/))`", note))
    files = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    packages = {f"{p.parent.relative_to(PACKAGE).as_posix()}/" for p in MODULES if p.parent != PACKAGE}
    for name in sorted(named):
        if "<" in name:
            continue
        assert name in files or name in packages, f"docs/ARCHITECTURE.md names {name}, which does not exist"
    for file in sorted(files):
        folder = file.rsplit("/", 1)[0] + "/" if "/" in file else None
        if file.endswith("__init__.py") or file in ("__init__.py",):
            continue
        assert file in named or (folder is not None and folder in named), f"l10n/{file} is not in docs/ARCHITECTURE.md"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_module_states_its_rules(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no module docstring"
