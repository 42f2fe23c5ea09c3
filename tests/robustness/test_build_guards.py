"""``l10n build`` never writes where it must not: over a source article, a catalog, ``.git`` or the package.

A symlink planted in the build folder, or an ``--out`` inside (or holding) the sources or the
catalogs, is a one-line error; ``source/`` and ``locales/`` are byte-identical afterwards (their
trees are hashed before and after, symlinks and all).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

import l10n as package


def _tree(folder: Path) -> str:
    """A digest of every name, file content and symlink target under *folder*."""
    digest = hashlib.sha256()
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(here, name)
            digest.update(str(path.relative_to(folder)).encode())
            if path.is_symlink():
                digest.update(b"->" + os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def published(project: Path, l10n: Callable[..., Run]) -> Path:
    """The seed project, extracted, with a policy that publishes every post (untranslated units in English)."""
    assert l10n("extract").code == 0
    with (project / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[build]\nmin_reviewed = 0\n[review]\nrequire_approval = false\n")
    text = Path("source/exploring-ketamine.md").read_text("utf-8").replace("<!-- l10n:required -->\n", "")
    Path("source/exploring-ketamine.md").write_text(text, "utf-8")
    assert l10n("extract").code == 0
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    return project


def _hashes(root: Path) -> tuple[str, str, str]:
    return _tree(root / "source"), _tree(root / "locales"), _tree(root / ".git")


@pytest.mark.parametrize(
    ("link", "target", "where"),
    [
        ("build/es", "../source", "the source folder source/"),
        ("build/es", "../locales/es/LC_MESSAGES", "the catalogs' folder locales/"),
        ("build/es", "../.git", "the git repository (.git) .git/"),
        ("build/es/exploring-ketamine.md", "../../source/exploring-ketamine.md", "the source folder source/"),
        ("build/fr", "../locales", "the catalogs' folder locales/"),
    ],
)
def test_a_symlink_in_the_build_folder_into_a_protected_place_is_refused(
    published: Path, l10n: Callable[..., Run], link: str, target: str, where: str
) -> None:
    Path(link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    before = _hashes(published)
    result = l10n("build")
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    assert result.err.startswith("Error: build/"), result.err
    assert f"leads, through a symlink, into {where}; l10n never writes there" in result.err
    assert _hashes(published) == before
    assert not Path("build/manifest.json").exists(), "nothing is written from a refused build"


def test_a_folder_replaced_by_a_symlink_after_a_build_is_refused_by_the_next_in_the_same_process(
    published: Path, l10n: Callable[..., Run]
) -> None:
    """Each run resolves a folder once (``outputs._real``): what an earlier run of the same process
    resolved is never taken for the folder now there."""
    assert l10n("build").code == 0
    for post in Path("build/es").iterdir():
        post.unlink()
    Path("build/es").rmdir()
    os.symlink("../source", "build/es")
    Path("source/exploring-ketamine.md").write_text(Path("source/exploring-ketamine.md").read_text("utf-8") + "\nMore.\n")
    before = _hashes(published)
    result = l10n("build")
    assert result.code == 2, result.out
    assert "leads, through a symlink, into the source folder source/; l10n never writes there" in result.err
    assert _hashes(published) == before


def test_a_symlink_into_the_package_is_refused_even_outside_the_project(
    published: Path, l10n: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """An ``--out`` outside the project is not confined to it, but a symlink there still may not lead into l10n's code
    (nor remove a file there: a post held back dooms its old path)."""
    site = tmp_path_factory.mktemp("site")
    code = Path(package.__file__).parent
    os.symlink(code, site / "es")
    listing = sorted(p.name for p in code.iterdir())
    for minimum in ("0", "100"):
        Path("l10n.toml").write_text(
            Path("l10n.toml").read_text("utf-8").replace("min_reviewed = 0", f"min_reviewed = {minimum}")
        )
        result = l10n("build", "--out", str(site))
        assert result.code == 2 and "leads, through a symlink, into the l10n package" in result.err, result.err
        assert sorted(p.name for p in code.iterdir()) == listing


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("source", "--out is inside the source folder source/"),
        ("source/posts", "--out is inside the source folder source/"),
        ("locales", "--out is inside the catalogs' folder locales/"),
        ("locales/es/LC_MESSAGES", "--out is inside the catalogs' folder locales/"),
        (".git", "--out is inside the git repository (.git) .git/"),
        (".", "--out holds the source folder source/"),
    ],
)
def test_out_is_held_to_the_rule_of_build_dir(published: Path, l10n: Callable[..., Run], out: str, message: str) -> None:
    before = _hashes(published)
    result = l10n("build", "--out", out)
    assert result.code == 2, result.out
    assert result.err.startswith("Error: ") and message in result.err and "Traceback" not in result.err
    assert result.err.count("\n") == 1, "one line"
    assert _hashes(published) == before


def test_out_through_a_symlink_into_the_sources_is_refused(published: Path, l10n: Callable[..., Run]) -> None:
    os.symlink("source", "public")
    before = _hashes(published)
    result = l10n("build", "--out", "public")
    assert result.code == 2 and "--out is inside the source folder source/" in result.err
    assert _hashes(published) == before


def test_out_elsewhere_still_builds(published: Path, l10n: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("site")
    result = l10n("build", "--out", str(elsewhere / "public"))
    assert result.code == 0, result.err
    assert (elsewhere / "public/es/exploring-ketamine.md").is_file()
