"""The hooks of ``.pre-commit-hooks.yaml``, run by the real ``pre-commit`` in a content repository.

Rules of these tests:

1. The hook repository is a fresh git repository holding what pip needs to install ``l10n``
   (``pyproject.toml``, ``README.md``, ``l10n/``) and the hook manifest, copied from this
   checkout as it is on disk (committed or not), as ``pre-commit try-repo`` would.
2. ``pre-commit`` pip-installs it into one hook environment under a ``PRE_COMMIT_HOME`` shared by
   the whole module: the first test pays for the install (PyPI), the others reuse it.
3. Each case is a content repository of its own (git init in ``tmp_path``): the seed article,
   the shipped catalogs and glossary, an ``l10n.toml`` for es, fr and de, and a
   ``.pre-commit-config.yaml`` that pins the hook repository by commit. es is complete and
   reviewed, fr holds drafts only and de is empty, so coverage gates have something to find.
4. No ``PYTHONPATH``, ``GIT_*`` or ``PRE_COMMIT*`` variable leaks into the run: the hooks must
   work from the hook environment alone, and a test run from inside a git hook must not point
   git at another repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_shipped

pytestmark = pytest.mark.slow

SPANISH = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
ARTICLE = Path("source/exploring-ketamine.md")
GIT_IDENTITY = ["-c", "user.name=l10n tests", "-c", "user.email=tests@l10n.invalid", "-c", "commit.gpgsign=false"]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["SOURCE_DATE_EPOCH"] = "1763900000"
    return env


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=repo, capture_output=True, text=True, env=_env(repo))
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def _commit_all(repo: Path) -> str:
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed: it is in the test extra, .[test]")
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository with this checkout's l10n and hook manifest, and its commit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "l10n", repo / "l10n", ignore=shutil.ignore_patterns("__pycache__", ".*.tmp"))
    return repo, _commit_all(repo)


MakeRepo = Callable[..., Path]


@pytest.fixture
def content_repo(tmp_path: Path, hook_repo: tuple[Path, str]) -> MakeRepo:
    """Make a content repository; *status_args* are the l10n-status hook's args (None: the default)."""

    def make(status_args: list[str] | None = None, edit: Callable[[Path], None] | None = None) -> Path:
        repo = tmp_path / "content"
        repo.mkdir()
        copy_shipped(repo)  # the shipped content and its configuration (front_matter_keys with slug...)
        (repo / "notes.txt").write_text("Not an input of l10n.\n", "utf-8")
        hooks: list[dict[str, object]] = [{"id": "l10n-extract-check"}, {"id": "l10n-check"}, {"id": "l10n-status"}]
        if status_args is not None:
            hooks[2]["args"] = status_args
        config = {"repos": [{"repo": str(hook_repo[0]), "rev": hook_repo[1], "hooks": hooks}]}
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
        if edit is not None:
            edit(repo)
        _commit_all(repo)
        return repo

    return make


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=_env(home),
    )


def _result(output: str, hook_name_start: str) -> str:
    """The verdict pre-commit printed for the hook whose name starts with *hook_name_start*."""
    for line in output.splitlines():
        found = re.match(r"(.*?)\.{3,}(.*)$", line)
        if found and found[1].startswith(hook_name_start):
            return found[2]
    raise AssertionError(f"no line for {hook_name_start!r} in:\n{output}")


def _edit_source(repo: Path) -> None:
    path = repo / ARTICLE
    text = path.read_text("utf-8")
    assert "- Drowsiness\n" in text
    path.write_text(text.replace("- Drowsiness\n", "- Drowsiness and headache\n"), "utf-8")


def _msgid_line(part: str) -> int:
    """The line of the msgid of the shipped Spanish entry whose source holds *part* (where findings point)."""
    from l10n.catalog.entries import read_translations

    entry = next(e for e in read_translations(ROOT / SPANISH, str(SPANISH)) if part in e.msgid)
    return entry.line


def _break_citation(repo: Path) -> None:
    path = repo / SPANISH
    text = path.read_text("utf-8")
    assert text.count("seres humanos (Domino, 2010)") == 1
    path.write_text(text.replace("seres humanos (Domino, 2010)", "seres humanos (Domino, 2011)"), "utf-8")


def test_all_hooks_pass_on_good_content(content_repo: MakeRepo, pre_commit_home: Path) -> None:
    repo = content_repo(status_args=["100", "--locale", "es"])
    done = pre_commit(repo, pre_commit_home, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("l10n catalogs up to date", "l10n translation checks", "l10n reviewed coverage"):
        assert _result(done.stdout, name) == "Passed", done.stdout


@pytest.mark.parametrize(
    ("hook", "edit", "expected"),
    [
        pytest.param(
            "l10n-extract-check",
            _edit_source,
            [
                "stale: locales/templates/exploring-ketamine.pot",
                "stale: locales/es/LC_MESSAGES/exploring-ketamine.po",
                "stale: locales/fr/LC_MESSAGES/exploring-ketamine.po",
                "stale: locales/de/LC_MESSAGES/exploring-ketamine.po",
                "4 file(s) out of date: run `l10n extract`",
            ],
            id="stale-catalogs",
        ),
        pytest.param(
            "l10n-check",
            _break_citation,
            [
                f"{SPANISH}:{_msgid_line('(Domino, 2010)')}: error [protected-spans] citation '(Domino, 2010)' is missing",
                "2 error(s), 0 warning(s)",
            ],
            id="error-finding",
        ),
    ],
)
def test_hook_fails_on_bad_content(
    content_repo: MakeRepo, pre_commit_home: Path, hook: str, edit: Callable[[Path], None], expected: list[str]
) -> None:
    repo = content_repo(status_args=["100", "--locale", "es"])
    assert pre_commit(repo, pre_commit_home, hook, "--all-files").returncode == 0
    edit(repo)
    _git(repo, "commit", "-q", "-am", "bad edit")
    done = pre_commit(repo, pre_commit_home, hook, "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "- exit code: 1" in done.stdout
    for line in expected:
        assert line in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        pytest.param(["100", "--locale", "es"], 0, "es      Spanish - español      100.0%", id="es-complete"),
        pytest.param(["0"], 0, None, id="threshold-0"),
        pytest.param(["100"], 1, "Error: below 100% reviewed: fr (0%), de (0%)", id="under-100"),
        pytest.param(None, 1, "Error: below 100% reviewed: fr (0%), de (0%)", id="default-100"),
        pytest.param(["100", "--locale", "fr"], 1, "Error: below 100% reviewed: fr (0%)", id="fr-drafts"),
    ],
)
def test_status_hook_threshold_from_args(
    content_repo: MakeRepo, pre_commit_home: Path, args: list[str] | None, code: int, expected: str | None
) -> None:
    repo = content_repo(status_args=args)
    done = pre_commit(repo, pre_commit_home, "l10n-status", "--all-files", "--verbose")
    assert done.returncode == code, done.stdout + done.stderr
    assert _result(done.stdout, "l10n reviewed coverage") == ("Passed" if code == 0 else "Failed")
    assert "Coverage by locale" in done.stdout  # the table, not JSON
    if expected is not None:
        assert expected in done.stdout, done.stdout


def test_hooks_skip_commits_that_touch_no_input(content_repo: MakeRepo, pre_commit_home: Path) -> None:
    """The files pattern: a stale project passes a commit of notes.txt, fails one of the article."""
    repo = content_repo(edit=_edit_source)
    skipped = pre_commit(repo, pre_commit_home, "l10n-extract-check", "--files", "notes.txt")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert _result(skipped.stdout, "l10n catalogs up to date") == "(no files to check)Skipped"
    for name in ("glossary.yaml", "l10n.toml", str(ARTICLE), str(SPANISH), "locales/templates/exploring-ketamine.pot"):
        done = pre_commit(repo, pre_commit_home, "l10n-extract-check", "--files", name)
        assert done.returncode == 1, f"{name}: {done.stdout}"
