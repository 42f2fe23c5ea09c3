"""The house rules of docs/architecture.md, checked so that they stay true.

The layers themselves (no upward import, no cycle) are import-linter's contracts in
``pyproject.toml``; this test runs them too, so a plain ``pytest`` holds the rule.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "l10n"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
LAYERS = ["cli", "render", "build", "workflow", "mt", "exchange", "checks", "catalog", "glossary", "text", "document", "core"]
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "l10n"


def _imports(path: Path) -> set[str]:
    """The absolute names *path* imports, at any depth (a deferred import is still an import)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert not node.level, f"{path.relative_to(ROOT)}: a relative import; write it absolute"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_layers_are_the_folders() -> None:
    """At the top of l10n/: the layers, the package's own files and the data folder, nothing else."""
    top = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert top == sorted([*LAYERS, "__init__.py", "__main__.py", "data", "py.typed"])
    contract = (ROOT / "pyproject.toml").read_text("utf-8")
    assert "\n".join(f'    "{layer}",' for layer in LAYERS) in contract, (
        "pyproject.toml's layers contract names the layers in order"
    )


def test_no_upward_import_and_no_cycle() -> None:
    """import-linter's contracts (pyproject.toml), as CI runs them."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if linter is None:
        pytest.skip("import-linter is not installed (pip install -e '.[lint]'); .ci/run runs it")
    done = subprocess.run([linter], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_no_upward_import_even_deferred() -> None:
    """The same rule without import-linter, so that the quick suite holds it on any machine."""
    for path in MODULES:
        layer = _name(path).split(".")[0]
        if layer not in LAYERS:
            continue
        mine = LAYERS.index(layer)
        for imported in _imports(path):
            theirs = imported.split(".")
            if theirs[0] == "l10n" and len(theirs) > 1 and theirs[1] in LAYERS:
                assert LAYERS.index(theirs[1]) >= mine, f"{_name(path)} imports {imported}, a higher layer"


def test_no_command_stands_on_another_commands_report() -> None:
    """build, status and review stand on the policy, not on each other."""
    forbidden = {
        "build/posts.py": {"l10n.workflow.status", "l10n.workflow.review", "l10n.workflow.queue"},
        "build/article.py": {"l10n.workflow.status", "l10n.workflow.review", "l10n.workflow.queue"},
        "workflow/status.py": {"l10n.workflow.review", "l10n.build"},
        "workflow/policy.py": {"l10n.workflow.status", "l10n.workflow.review", "l10n.build"},
        "workflow/assessment.py": {"l10n.workflow.status", "l10n.workflow.review", "l10n.build"},
    }
    for module, banned in forbidden.items():
        imported = _imports(PACKAGE / module)
        hit = {name for name in imported for ban in banned if name == ban or name.startswith(ban + ".")}
        assert not hit, f"{module} imports {sorted(hit)}"


def test_only_the_catalog_layer_touches_polib() -> None:
    for path in MODULES:
        if "polib" in _imports(path):
            assert _name(path).startswith("catalog"), f"{_name(path)} imports polib"


def test_modules_stay_small() -> None:
    for path in MODULES:
        lines = path.read_text("utf-8").count("\n")
        assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by noun"


def test_every_module_has_a_home_in_the_architecture_note() -> None:
    """Each module is named in docs/architecture.md, and every module named there exists."""
    note = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    named = set(re.findall(r"`([a-z_]+(?:/[a-z0-9_<>]+)*(?:\.py|/))`", note))
    files = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    packages = {f"{p.parent.relative_to(PACKAGE).as_posix()}/" for p in MODULES if p.parent != PACKAGE}
    for name in sorted(named):
        if "<" in name or name.startswith(("tests/", "docs/")):
            continue
        assert name in files or name in packages, f"docs/architecture.md names {name}, which does not exist"
    for file in sorted(files):
        if file.endswith("__init__.py"):
            continue
        folder = file.rsplit("/", 1)[0] + "/"
        assert file in named or (folder.count("/") > 1 and folder in named), f"l10n/{file} is not in docs/architecture.md"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_module_states_its_rules(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no module docstring"
