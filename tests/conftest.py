"""Shared fixtures: the ``../shared`` data, temporary projects, and a CLI runner."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPEC = SHARED / "data" / "commonmark-spec-0.31.2.json"
SEED = ROOT / "source" / "exploring-ketamine.md"
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


QUICK_RUN = False
"""Whether this run leaves the slow tests out (``-m "not slow"``); set before the test modules load."""


def pytest_configure(config: pytest.Config) -> None:
    """The quick run also runs each command in one process (``L10N_JOBS=1``, unless set) where a
    test does not ask for workers (``-j 2``): with two or more articles, every worker of every
    command compiles the checks' term patterns anew (some 4 s of CPU on two cores), where one
    process compiles them once. The whole suite keeps the default, one worker per CPU, as users
    run it; tests/unit/core/test_parallel.py holds the workers to the bytes of one process."""
    global QUICK_RUN
    QUICK_RUN = "not slow" in " ".join(str(config.getoption("markexpr") or "").split())
    if QUICK_RUN:
        os.environ.setdefault("L10N_JOBS", "1")


def examples(full: int) -> int:
    """Hypothesis examples for a property: *full* in the whole suite (CI's README command), a
    quarter (25 at least) in the quick run, which keeps each property's power to fail, not its reach."""
    return max(min(full, 25), full // 4) if QUICK_RUN else full


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive a browser are slow: the quick run (``-m "not slow"``) leaves them to CI."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


def shared_file(path: Path) -> Path:
    """*path* under ../shared; skip when the folder is missing, except under CI where that fails."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{path} is missing (../shared is not beside this checkout)")
    return path


def spec_examples() -> list[dict[str, object]]:
    if not SPEC.exists():
        return []
    return json.loads(SPEC.read_text("utf-8"))


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """l10n's cache folder (py3langid's model) for the session and every process it starts: never ~/.cache."""
    os.environ["L10N_CACHE_DIR"] = str(tmp_path_factory.mktemp("l10n-cache"))


@pytest.fixture
def spec() -> list[dict[str, object]]:
    return json.loads(shared_file(SPEC).read_text("utf-8"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the seed article and locales es, fr; the working directory is its root."""
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / "exploring-ketamine.md")
    (tmp_path / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es", "fr"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    return tmp_path


MARKER_LINE = re.compile(
    r"(?:^|(?<=\n)|(?<=\r))(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])[ \t]+)*"
    r"<!--(?:\s*l10n:(?:skip-start|skip-end|skip|note|required)\b[^\r\n]*?)?\s*-->[ \t]*(?:\r\n|\r|\n|$)"
)
"""A line holding an internal marker (``<!-- l10n:note ... -->``...), or the empty comment ``<!-- -->``
a post has in place of a marker that could not go with its line, after any container prefix."""


def without_markers(text: str) -> str:
    """*text* less its marker lines: the one exception to "a post is its source, byte for byte, but
    for the translations": internal markers never reach a post. The same rule, applied to a
    source and to its identity build, must leave the same text."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return bom + MARKER_LINE.sub("", text.removeprefix(bom))


def copy_shipped(root: Path, build: str = "") -> Path:
    """A copy of the repository's content in *root*: sources, catalogs, glossary and configuration.

    *build* is added to the configuration as its ``[build]`` table (TOML lines).
    """
    for name in ("source", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    table = (ROOT / "pyproject.toml").read_text("utf-8").split("[tool.l10n]", 1)[1].split("\n[", 1)[0]
    (root / "l10n.toml").write_text(table + (f"\n[build]\n{build}\n" if build else ""), "utf-8")
    return root


def publish_partial(root: Path) -> None:
    """Let ``l10n build`` publish partly reviewed posts, for tests of splicing.

    Sets ``min_reviewed = 0``, lets a translation without ``fuzzy`` count as reviewed
    without a recorded approval (``require_approval = false``), and turns the
    ``<!-- l10n:required -->`` markers of the project's sources into a directive without
    effect, so that no unit text or line moves.
    """
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[build]\nmin_reviewed = 0\n[review]\nrequire_approval = false\n")
    for source in (root / "source").rglob("*.md"):
        text = source.read_bytes()
        source.write_bytes(text.replace(b"<!-- l10n:required -->\n", b"<!-- l10n:skip-end -->\n"))


@dataclass(frozen=True)
class Run:
    """The outcome of one CLI run."""

    code: int
    out: str
    err: str


@pytest.fixture
def l10n(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run the CLI in-process through the console script's entry point and error boundary."""
    from l10n.cli import main

    def run(*args: str) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["l10n", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (GNU gettext) is not installed; .ci/run installs it")
        pytest.skip(f"{name} (GNU gettext) is not installed")
    return path


def assert_gettext_canonical(path: Path) -> None:
    """*path* passes ``msgfmt --check`` (PO files) and is unchanged by ``msgcat``."""
    if path.suffix == ".po":
        done = subprocess.run([gettext_tool("msgfmt"), "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"msgfmt --check {path}: {done.stderr}"
    done = subprocess.run([gettext_tool("msgcat"), str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == path.read_bytes(), f"msgcat rewrites {path}"
