"""Bad input: one line naming the file and line, exit code 2, no traceback, nothing written.

Each case is a data file under ``data/bad/``; ``messages.txt`` holds the exact line
``l10n extract`` must print for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Run

BAD = DATA / "bad"
PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
EXPECTED = dict(
    line.split(": ", 1) for line in (BAD / "messages.txt").read_text("utf-8").splitlines() if line and not line.startswith("#")
)


def _install(name: str, project: Path) -> Path:
    """Put the bad file where it belongs in *project*; return its path."""
    target = {".po": project / PO, ".md": project / "source" / "exploring-ketamine.md", ".toml": project / "l10n.toml"}
    path = target[Path(name).suffix]
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(BAD / name, path)
    return path


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every project file (the git-ignored state folder .l10n holds only caches and locks)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".l10n" not in p.relative_to(root).parts}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(name: str, project: Path, l10n: Callable[..., Run]) -> None:
    _install(name, project)
    before = _snapshot(project)
    result = l10n("extract")
    assert result.code == 2
    assert result.err.splitlines() == [EXPECTED[name]]
    assert "Traceback" not in result.err
    assert _snapshot(project) == before, "nothing may be written from a bad input"


def test_missing_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]) -> None:
    monkeypatch.chdir(tmp_path)
    result = l10n("build")
    assert result.code == 2
    assert result.err.startswith("Error: no l10n configuration found in ")
    assert len(result.err.splitlines()) == 1


def test_unknown_locale_on_the_command_line(project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("build", "--locale", "spanish")
    assert result.code == 2
    assert result.err == "Error: unknown locale 'spanish' (did you mean es, sah, pis?)\n"
    result = l10n("init", "esp")
    assert result.err == "Error: unknown locale 'esp' (did you mean es, es_PY, es_PR?)\n"
    result = l10n("build", "--locale", "de")
    assert result.err == "Error: locale 'de' is not configured in l10n.toml (run `l10n init de`)\n"


def test_bad_flag_is_a_usage_error(project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("build", "--nope")
    assert result.code == 2
    assert result.err == "Error: No such option '--nope'. (see 'l10n build --help')\n"


def test_console_script_prints_no_traceback(project: Path) -> None:
    _install("syntax.po", project)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "l10n", "extract"], capture_output=True, text=True, cwd=project, env=env)
    assert done.returncode == 2
    assert done.stderr == EXPECTED["syntax.po"] + "\n"


@pytest.mark.parametrize("command", ["extract", "build", "init", "check", "translate", "review"])
def test_help(command: str, l10n: Callable[..., Run]) -> None:
    result = l10n(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"Usage: l10n {command} ")
