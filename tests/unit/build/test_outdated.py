"""A source edit and a reviewed post: ``[build] outdated = "hold" | "previous" | "fallback"``, said out loud.

The Spanish post is reviewed in full (an identity translation, approved), built, and then one
word of the English source changes (``low doses`` -> ``small doses`` on line 20) and
``l10n extract`` marks that unit's translation outdated.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import Run

from l10n.build.outdated import source_date, with_notice

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
POST = Path("build/es/exploring-ketamine.md")
PAGE = Path("build/es/exploring-ketamine.html")
SOURCE = Path("source/exploring-ketamine.md")
HELD = (
    "held: build/es/exploring-ketamine.md: 1 outdated unit: source/exploring-ketamine.md:20; "
    "90.3% of words reviewed, below the minimum of 100%"
)
DATE = "2025-11-23"
"""SOURCE_DATE_EPOCH of the ``project`` fixture."""


def _mode(mode: str) -> None:
    Path("l10n.toml").write_text(f'source_locale = "en"\nlocales = ["es"]\n[build]\nhtml = true\noutdated = "{mode}"\n', "utf-8")


@pytest.fixture
def reviewed(project: Path, l10n: Callable[..., Run]) -> Path:
    """The seed article reviewed in Spanish (identity translation, every unit approved) and built."""
    _mode("hold")
    assert l10n("extract").code == 0
    po = polib.pofile(str(ES))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(ES))
    assert l10n("review", "approve", "--locale", "es", "--all", "--yes", "--reviewer", "Ana <ana@example.org>").code == 0
    built = l10n("build")
    assert built.code == 0 and "wrote: build/es/exploring-ketamine.md" in built.out, built.err
    assert built.err.splitlines()[-1] == "build: 1 published, 0 held back; 4 file(s) written, 0 removed, 0 unchanged"
    return project


def _edit_source(l10n: Callable[..., Run], line: int = 20, old: str = "low doses", new: str = "small doses") -> None:
    lines = SOURCE.read_text("utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    SOURCE.write_text("\n".join(lines), "utf-8")
    assert l10n("extract").code == 0
    assert sum(1 for e in polib.pofile(str(ES)) if e.fuzzy and e.previous_msgid) == 1, "one outdated unit"


def _manifest() -> dict[tuple[str, str], dict[str, object]]:
    posts = json.loads(Path("build/manifest.json").read_text("utf-8"))["posts"]
    return {(p["article"], p["locale"]): p for p in posts}


def test_hold_takes_the_post_offline_and_says_why(reviewed: Path, l10n: Callable[..., Run]) -> None:
    _edit_source(l10n)
    result = l10n("build")
    assert result.code == 0
    assert "removed: build/es/exploring-ketamine.md" in result.out and not POST.exists() and not PAGE.exists()
    assert HELD in result.err.splitlines()
    assert result.err.splitlines()[-1] == "build: 0 published, 1 held back; 2 file(s) written, 2 removed, 0 unchanged"
    assert _manifest()[("exploring-ketamine", "es")]["state"] == "held back"
    again = l10n("build")
    assert HELD in again.err.splitlines(), "a build that skips the article says it again"
    strict = l10n("build", "--strict")
    assert strict.code == 1 and HELD in strict.err.splitlines()


def test_previous_keeps_the_published_version_with_a_notice(reviewed: Path, l10n: Callable[..., Run]) -> None:
    published = POST.read_text("utf-8")
    digest = _manifest()[("exploring-ketamine", "es")]["source_digest"]
    _mode("previous")
    _edit_source(l10n)
    result = l10n("build")
    assert result.code == 0, result.err
    assert "removed:" not in result.out
    lines = result.err.splitlines()
    assert HELD in lines
    assert "kept previous version: build/es/exploring-ketamine.md: source updated on 2025-11-23" in lines
    assert (
        lines[-1]
        == "build: 0 published, 1 kept at their previous version, 0 held back; 4 file(s) written, 0 removed, 0 unchanged"
    )
    kept = POST.read_text("utf-8")
    assert kept == published.replace("lang: es\n---\n", f'lang: es\nsource_updated: "{DATE}"\n---\n', 1)
    assert "low doses" in kept and "small doses" not in kept, "the version published before the edit"
    page = PAGE.read_text("utf-8")
    notice = f"The English original was updated on {DATE}; this translation is of the version before."
    assert f'<p class="notice" role="note" lang="en" dir="ltr">{notice} <a href="../en/exploring-ketamine.html"' in page
    entry = _manifest()[("exploring-ketamine", "es")]
    assert (entry["state"], entry["output"], entry["source_updated"]) == ("previous", "es/exploring-ketamine.md", DATE)
    assert entry["source_digest"] == digest, "the digest of the source the kept version was built from"
    again = l10n("build")
    assert again.out == "" and again.err.splitlines()[-1].endswith(
        "0 file(s) written, 0 removed, 0 unchanged; 1 article(s) as the last build left them"
    )
    strict = l10n("build", "--strict")
    assert strict.code == 1 and POST.read_text("utf-8") == kept, "--strict fails the build; the version online stays"
    # reviewed again: published afresh, without the notice
    po = polib.pofile(str(ES))
    entry_po = next(e for e in po if e.fuzzy)
    entry_po.msgstr, entry_po.flags, entry_po.previous_msgid = entry_po.msgid, [], None
    po.save(str(ES))
    assert l10n("review", "approve", "--locale", "es", "--all", "--yes", "--reviewer", "Ana <ana@example.org>").code == 0
    fresh = l10n("build")
    assert fresh.code == 0 and "small doses" in POST.read_text("utf-8") and "source_updated" not in POST.read_text("utf-8")
    assert 'class="notice"' not in PAGE.read_text("utf-8")
    assert _manifest()[("exploring-ketamine", "es")]["state"] == "published"


def test_previous_does_not_keep_a_post_held_back_for_another_reason(reviewed: Path, l10n: Callable[..., Run]) -> None:
    """A reviewer's approval voided (the translation edited) is no source change: the post goes offline."""
    _mode("previous")
    po = polib.pofile(str(ES))
    entry = next(e for e in po if "low doses" in e.msgid)
    entry.msgstr = entry.msgstr.replace("low doses", "dosis bajas")
    po.save(str(ES))
    result = l10n("build")
    assert "removed: build/es/exploring-ketamine.md" in result.out and not POST.exists()
    assert "kept previous version" not in result.err
    assert any(line.startswith("held: build/es/exploring-ketamine.md: 1 unapproved unit:") for line in result.err.splitlines())


def test_fallback_publishes_with_the_outdated_unit_in_english(reviewed: Path, l10n: Callable[..., Run]) -> None:
    _mode("fallback")
    _edit_source(l10n)
    result = l10n("build")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert (
        "published with outdated units in the source language: build/es/exploring-ketamine.md: "
        "1 outdated unit: source/exploring-ketamine.md:20"
    ) in lines
    assert lines[-1].startswith("build: 1 published (1 with outdated units in the source language), 0 held back;")
    post = POST.read_text("utf-8")
    assert "small doses" in post and "low doses" not in post, "the current English text, not the outdated translation"
    page = PAGE.read_text("utf-8")
    assert '<p lang="en" dir="ltr" class="source-language">Recent studies have shown' in page
    assert page.count('class="source-language"') == 1, "only the outdated unit is marked"
    assert l10n("build", "--strict").code == 1
    status = json.loads(l10n("status", "--format", "json").out)
    row = next(r for r in status["articles"] if r["locale"] == "es")
    assert (row["publishable"], row["reasons"], status["policy"]["outdated"]) == (True, [], "fallback"), "status agrees"


def test_fallback_still_holds_a_post_whose_required_unit_is_outdated(reviewed: Path, l10n: Callable[..., Run]) -> None:
    _mode("fallback")
    text = SOURCE.read_text("utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "should not replace" in row or "not a substitute" in row)
    old = "professional" if "professional" in text.split("\n")[line - 1] else "medical"
    _edit_source(l10n, line, old, old.upper())
    result = l10n("build")
    assert not POST.exists()
    held = next(row for row in result.err.splitlines() if row.startswith("held: build/es/exploring-ketamine.md: "))
    assert f"1 outdated unit: source/exploring-ketamine.md:{line}" in held and "required unit" in held


def test_the_notice_date_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH, else the last commit of a file committed unchanged, else its modification time (UTC)."""
    source = tmp_path / "a.md"
    source.write_text("Text.\n", "utf-8")
    os.utime(source, (1700000000, 1700000000))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    assert source_date(tmp_path, source) == "2025-11-23"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date(tmp_path, source) == "2023-11-14", "not in a repository: its mtime"
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2024-03-05T10:00:00Z",
        "GIT_AUTHOR_DATE": "2024-03-05T10:00:00Z",
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    for args in (["init", "-q"], ["add", "a.md"], ["commit", "-q", "-m", "a"]):
        subprocess.run([git, "-C", str(tmp_path), *args], check=True, env=env, capture_output=True)
    assert source_date(tmp_path, source) == "2024-03-05", "committed unchanged: its last commit"
    source.write_text("Text, edited.\n", "utf-8")
    os.utime(source, (1710000000, 1710000000))
    assert source_date(tmp_path, source) == "2024-03-09", "edited since: its mtime"


def test_the_notice_replaces_an_earlier_one_and_needs_block_front_matter() -> None:
    post = '---\ntitle: "T"\nlang: es\nsource_updated: "2024-01-01"\n---\nBody.\n'
    assert with_notice(post, DATE) == f'---\ntitle: "T"\nlang: es\nsource_updated: "{DATE}"\n---\nBody.\n'
    assert (
        with_notice("\ufeff---\r\nlang: es\r\n---\r\nBody.\r\n", DATE)
        == f'\ufeff---\r\nlang: es\r\nsource_updated: "{DATE}"\r\n---\r\nBody.\r\n'
    )
    assert with_notice("Body without front matter.\n", DATE) is None
    assert with_notice("---\n{lang: es,\n title: T}\n---\nBody.\n", DATE) is None


def test_an_unknown_mode_is_an_error_naming_the_line(project: Path, l10n: Callable[..., Run]) -> None:
    Path("l10n.toml").write_text('locales = ["es"]\n[build]\noutdated = "keep"\n', "utf-8")
    result = l10n("build")
    assert result.code == 2
    assert result.err == "Error: l10n.toml:3: build.outdated: expected one of 'hold', 'previous', 'fallback', got 'keep'\n"
    assert not Path("build").exists()
