"""Previews that tell the truth, and that go away: ``l10n build --include-drafts`` and a build without it.

The seed article's Spanish catalog holds machine drafts (``l10n-draft: mt``), human translations
not yet approved and untranslated units; each preview says which of them it shows, and a
build without ``--include-drafts`` leaves no preview in the build folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import Run

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
PREVIEW = Path("build/_preview/es/exploring-ketamine.md")
PAGE = Path("build/_preview/es/exploring-ketamine.html")
MACHINE = "Traducción automática, no revisada por un profesional médico."
"""In the page's language: data/ui.toml has it in Spanish."""
HUMAN = "Translation not yet reviewed by a medical professional."
SOURCE = "Some passages are not translated yet and are shown in English."
REVIEWED = "Preview: every passage is reviewed; this page is not published yet."


def _catalog(machine: int, human: int) -> list[str]:
    """Draft the first *machine* paragraphs by machine and the next *human* by hand (unapproved); return their msgids."""
    po = polib.pofile(str(ES))
    chosen = [e for e in po if e.msgid[:1].isupper() and len(e.msgid.split()) > 8][: machine + human]
    for number, entry in enumerate(chosen):
        entry.msgstr = "ES " + entry.msgid
        if number < machine:
            entry.flags = ["fuzzy"]
            entry.tcomment = "l10n-draft: mt engine=deepl date=2026-11-20T10:00Z"
    po.save(str(ES))
    return [e.msgid for e in chosen]


def _banners(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<p class="banner" role="note" lang="[a-z]+" dir="ltr" data-kind="(\w+)">([^<]*)</p>', page)


def _marked(page: str) -> int:
    return page.count('class="source-language"')


@pytest.fixture
def drafted(project: Path, l10n: Callable[..., Run]) -> Path:
    assert l10n("extract").code == 0
    return project


def test_machine_drafts_human_drafts_and_english_each_say_so(drafted: Path, l10n: Callable[..., Run]) -> None:
    _catalog(machine=2, human=2)
    result = l10n("build", "--include-drafts", "--html", "--locale", "es")
    assert result.code == 0, result.err
    assert "machine_translated: true\n" in PREVIEW.read_text("utf-8")
    page = PAGE.read_text("utf-8")
    assert _banners(page) == [("machine", MACHINE), ("human", HUMAN), ("source", SOURCE)]
    assert '<meta name="robots" content="noindex">' in page
    units = sum(1 for e in polib.pofile(str(ES)) if not e.msgstr)
    assert 0 < _marked(page) <= units, "the untranslated blocks are marked as English"
    assert '<link rel="alternate" hreflang="en" href="../../en/exploring-ketamine.html">' in page


def test_human_translations_are_not_called_machine_translation(drafted: Path, l10n: Callable[..., Run]) -> None:
    _catalog(machine=0, human=3)
    assert l10n("build", "--include-drafts", "--html", "--locale", "es").code == 0
    assert "machine_translated: false\n" in PREVIEW.read_text("utf-8")
    page = PAGE.read_text("utf-8")
    assert _banners(page) == [("human", HUMAN), ("source", SOURCE)]
    assert MACHINE not in page


def test_a_fully_reviewed_preview_has_no_machine_translation_banner(drafted: Path, l10n: Callable[..., Run]) -> None:
    po = polib.pofile(str(ES))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(ES))
    assert l10n("review", "approve", "--locale", "es", "--all", "--yes", "--reviewer", "Ana <ana@example.org>").code == 0
    assert l10n("build", "--include-drafts", "--html", "--locale", "es").code == 0
    assert "machine_translated: false\nreviewed: 100\n" in PREVIEW.read_text("utf-8")
    page = PAGE.read_text("utf-8")
    assert _banners(page) == [("reviewed", REVIEWED)]
    assert MACHINE not in page and _marked(page) == 0


def test_a_build_without_drafts_removes_every_preview(drafted: Path, l10n: Callable[..., Run]) -> None:
    _catalog(machine=2, human=0)
    assert l10n("build", "--include-drafts", "--html").code == 0
    previews = sorted(p.relative_to("build").as_posix() for p in Path("build/_preview").rglob("*") if p.is_file())
    assert previews == [
        "_preview/es/exploring-ketamine.html",
        "_preview/es/exploring-ketamine.md",
        "_preview/fr/exploring-ketamine.html",
        "_preview/fr/exploring-ketamine.md",
    ]
    stray = Path("build/_preview/de/old-article.md")  # a preview no manifest lists any more
    stray.parent.mkdir(parents=True)
    stray.write_text("---\nmachine_translated: true\n---\nUnreviewed.\n", "utf-8")
    result = l10n("build", "--locale", "es")  # even a build of one locale: the French previews go too
    assert result.code == 0, result.err
    assert not Path("build/_preview").exists()
    for path in [*previews, "_preview/de/old-article.md"]:
        assert f"removed: build/{path}" in result.out
        assert f"removed build/{path}: a preview, and this build is without --include-drafts" in result.err
    assert result.err.splitlines()[-1].endswith("; 5 preview file(s) of an earlier --include-drafts build removed")
    manifest = json.loads(Path("build/manifest.json").read_text("utf-8"))
    assert all(post["preview"] is None for post in manifest["posts"])
