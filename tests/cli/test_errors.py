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
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".l10n" not in p.relative_to(root).parts
    }


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


@pytest.mark.parametrize("command", ["extract", "build", "init", "check", "translate", "review", "status", "merge"])
def test_help(command: str, l10n: Callable[..., Run]) -> None:
    result = l10n(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"Usage: l10n {command} ")


def test_a_bad_catalog_of_the_second_locale_writes_nothing(project: Path, l10n: Callable[..., Run]) -> None:
    """Every catalog of an article is read before any is written: es must not be created when fr is bad."""
    bad = project / "locales/fr/LC_MESSAGES/exploring-ketamine.po"
    bad.parent.mkdir(parents=True)
    shutil.copy(BAD / "syntax.po", bad)
    before = _snapshot(project)
    result = l10n("extract")
    assert (result.code, result.err) == (2, EXPECTED["syntax.po"].replace("/es/", "/fr/") + "\n")
    assert _snapshot(project) == before


# Paths that symlinks lead outside the project: refused before anything is read or written there.
# Each case: (the link, relative to the project; what it points at, in the outside folder).
ESCAPES = {
    "catalog": ("locales/es/LC_MESSAGES/exploring-ketamine.po", "outside.po"),
    "catalog folder": ("locales/es", "es"),
    "template": ("locales/templates/exploring-ketamine.pot", "outside.pot"),
    "article": ("source/linked.md", "outside.md"),
    "folder in source": ("source/linked", "posts"),
    "source folder": ("source", "posts"),
    "locales folder": ("locales", "locales"),
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_symlink_leading_outside_is_refused(
    case: str, project: Path, tmp_path_factory: pytest.TempPathFactory, l10n: Callable[..., Run]
) -> None:
    link, target_name = ESCAPES[case]
    outside = tmp_path_factory.mktemp("outside")
    target = outside / target_name
    if target.suffix:  # a file, unreadable as what it pretends to be: reading it would be another error
        target.write_bytes(b"\xff\xfe not a catalog \x00")
    else:
        (target / "LC_MESSAGES").mkdir(parents=True)
        (target / "exploring-ketamine.md").write_bytes(b"\xff not UTF-8")
    if case == "source folder":
        shutil.rmtree(project / "source")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(target)
    before, outside_before = _snapshot(project), _snapshot(outside)
    result = l10n("extract")
    assert result.code == 2
    if case == "source folder" or case == "locales folder":
        key = "source_dir" if case == "source folder" else "locales_dir"
        expected = f"Error: l10n.toml: {key}: {link!r} leads outside the project, to {target}, through a symlink; refused\n"
    else:
        shown = target / "LC_MESSAGES" / "exploring-ketamine.po" if case == "catalog folder" else target
        where = "locales/es/LC_MESSAGES/exploring-ketamine.po" if case == "catalog folder" else link
        expected = f"Error: {where}: leads outside the project, to {shown}, through a symlink; refused\n"
    assert result.err == expected
    assert _snapshot(project) == before
    assert _snapshot(outside) == outside_before, "nothing may be written outside the project"


def test_symlink_inside_the_project_is_followed(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "drafts").mkdir()
    (project / "source" / "exploring-ketamine.md").rename(project / "drafts" / "ketamine.md")
    (project / "source" / "exploring-ketamine.md").symlink_to(project / "drafts" / "ketamine.md")
    result = l10n("extract")
    assert result.code == 0, result.err
    assert (project / PO).exists()


@pytest.mark.parametrize("code", ["../../etc", "/etc", "es/../../x", "..", "es/LC_MESSAGES"])
def test_a_locale_that_is_a_path_is_refused(code: str, project: Path, l10n: Callable[..., Run]) -> None:
    for args in (("build", "--locale", code), ("check", "--locale", code), ("init", code)):
        before = _snapshot(project)
        result = l10n(*args)
        assert result.code == 2
        assert result.err.startswith(f"Error: unknown locale {code!r}"), result.err
        assert len(result.err.splitlines()) == 1
        assert _snapshot(project) == before


def test_unknown_configuration_key_is_a_warning(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\nsource_dirs = "posts"\n', "utf-8")
    result = l10n("extract")
    assert result.code == 0
    assert result.err == "Warning: l10n.toml:3: unknown configuration key 'source_dirs' (ignored; did you mean 'source_dir'?)\n"
    (project / "l10n.toml").write_text('locales = ["es"]\n\n[colours]\nred = 1\n', "utf-8")
    assert l10n("extract").err == "Warning: l10n.toml:3: unknown configuration key 'colours' (ignored)\n"
    assert (project / PO).exists()


def test_configuration_elsewhere_is_fine(
    project: Path, tmp_path_factory: pytest.TempPathFactory, l10n: Callable[..., Run]
) -> None:
    """``--config`` may name a file anywhere: its folder is the project, and only that folder is touched."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.copytree(project / "source", elsewhere / "source")
    (elsewhere / "l10n.toml").write_text('locales = ["es"]\n', "utf-8")
    before = _snapshot(project)
    result = l10n("--config", str(elsewhere / "l10n.toml"), "extract")
    assert result.code == 0, result.err
    assert (elsewhere / PO).exists()
    assert _snapshot(project) == before


@pytest.mark.parametrize(
    "command",
    [("build",), ("check",), ("review",), ("status",), ("translate", "--locale", "es", "--engine", "pseudo", "--dry-run")],
)
def test_symlinked_catalog_outside_is_refused_by_every_command(
    command: tuple[str, ...], project: Path, tmp_path_factory: pytest.TempPathFactory, l10n: Callable[..., Run]
) -> None:
    l10n("extract")
    outside = tmp_path_factory.mktemp("outside") / "stolen.po"
    outside.write_bytes((project / PO).read_bytes())
    (project / PO).unlink()
    (project / PO).symlink_to(outside)
    before = outside.read_bytes()
    result = l10n(*command)
    assert result.code == 2, result.err
    assert result.err == f"Error: {PO.as_posix()}: leads outside the project, to {outside}, through a symlink; refused\n"
    assert outside.read_bytes() == before


def test_symlinked_build_folder_outside_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory, l10n: Callable[..., Run]
) -> None:
    from conftest import publish_partial

    publish_partial(project)
    l10n("extract")
    outside = tmp_path_factory.mktemp("outside")
    (project / "build").mkdir()
    (project / "build" / "es").symlink_to(outside)
    result = l10n("build", "--locale", "es")
    assert result.code == 2
    assert result.err.startswith("Error: build/es/exploring-ketamine.md: leads outside the project, to ")
    assert list(outside.iterdir()) == []
