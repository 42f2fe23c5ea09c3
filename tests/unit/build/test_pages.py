"""HTML pages of posts: what readers and search engines see.

The fast tests read the pages as text; the browser tests build the shipped content (with
an Arabic locale partly drafted, ``data/site/ar-drafts.toml``) and open the Spanish post
and the Arabic preview in a real headless Chromium at 1280 and 390 px: no request, no
console error, no sideways scrolling, the title as a visible ``<h1>``, the language
switcher, right-to-left alignment, and the preview's banner (absent from published posts).
Screenshots go to the test's folder; with ``L10N_SCREENSHOTS=DIR`` they are also copied
there (``docs/post-es-*.png`` and ``docs/preview-ar-*.png`` are made that way).
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from browser import DESKTOP, PHONE, horizontal_overflow, launch, open_page
from conftest import DATA, Run, copy_shipped, publish_partial

from l10n.build import pages
from l10n.core.locales import normalize_locale

POST = "---\ntitle: Dosing guide\nlang: es\n---\n\nTake *0.5 mg/kg*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
BANNER_ES = "Traducción automática, no revisada por un profesional médico."
BANNER_AR = "ترجمة آلية، لم يراجعها أخصائي طبي."
BANNER_EN = "Machine translation, not reviewed by a medical professional."


def test_the_title_is_the_h1_when_the_body_has_none() -> None:
    html = pages.page(POST, "es", "dosing")
    assert "<title>Dosing guide</title>" in html
    assert "<article>\n<h1>Dosing guide</h1>\n<p>Take <em>0.5 mg/kg</em>.</p>" in html
    own = pages.page("---\ntitle: Dosing guide\n---\n\n# Dosing\n\nText.\n", "es", "dosing")
    assert own.count("<h1>") == 1 and "<h1>Dosing</h1>" in own


def test_a_published_page_has_no_banner_and_may_be_indexed() -> None:
    html = pages.page(POST, "es", "dosing")
    assert "noindex" not in html and 'class="banner"' not in html
    assert "<script" not in html and "<style>" in html and 'href="http' not in html


def test_a_preview_is_not_indexed_and_says_what_it_is() -> None:
    html = pages.page(POST, "es", "dosing", preview=True)
    assert '<meta name="robots" content="noindex">' in html
    assert f'<p class="banner" role="note" lang="es" dir="ltr" data-kind="machine">{BANNER_ES}</p>' in html
    arabic = pages.page(POST, "ar", "dosing", preview=True)
    assert arabic.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert f'lang="ar" dir="rtl" data-kind="machine">{BANNER_AR}</p>' in arabic


@pytest.mark.parametrize(
    ("locale", "source", "expected"),
    [("es", "en", "es"), ("pt_BR", "en", "pt"), ("ko", "en", "en"), ("ko", "es", "es"), ("ko", "fr_CA", "fr")],
)
def test_the_banner_falls_back_to_the_source_language(locale: str, source: str, expected: str) -> None:
    text, code = pages.ui_text("banner", locale, source)
    assert code == expected
    html = pages.page(POST, locale, "dosing", preview=True, source_locale=source)
    assert f'<p class="banner" role="note" lang="{expected}"' in html and text in html


def test_the_ui_strings() -> None:
    """Every table has English; every key is a locale; each text is in its language's script."""
    tables = tomllib.loads((Path(pages.__file__).parent.parent / "data" / "ui.toml").read_text("utf-8"))
    assert set(tables) == {"banner", "banner_unreviewed", "banner_source", "banner_reviewed", "updated", "languages"}
    for table in tables.values():
        assert "en" in table
        for code, text in table.items():
            assert normalize_locale(code) == code
            arabic = bool(re.search(r"[\u0600-\u06ff]", text))
            assert arabic == (code == "ar"), (code, text)
    assert tables["banner"]["en"] == BANNER_EN


def test_the_language_switcher_lists_the_alternates() -> None:
    links = [("en", "../en/dosing.html"), ("es", "../es/dosing.html"), ("ar", "../ar/dosing.html")]
    html = pages.page(POST, "es", "dosing", links)
    assert '<link rel="alternate" hreflang="ar" href="../ar/dosing.html">' in html
    assert '<nav aria-label="Idiomas" lang="es">' in html
    assert '<a href="../ar/dosing.html" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in html
    assert '<a href="../es/dosing.html" hreflang="es" lang="es" dir="ltr" aria-current="page">Español</a>' in html
    assert "<nav" not in pages.page(POST, "es", "dosing", links[1:2]), "no switcher for one language"


def test_markers_never_reach_a_page() -> None:
    html = pages.page("Intro.\n\n<!-- l10n:note Keep it. -->\n<!-- l10n:required -->\nWarning.\n", "es", "x")
    assert "l10n" not in html.replace('lang="es"', "") and "<p>Warning.</p>" in html


# --- in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]) -> Path:
    """The shipped content plus a partly drafted Arabic, built with pages and previews."""
    root = copy_shipped(tmp_path, 'layout = "hugo-folders"\nhtml = true')
    config = (root / "l10n.toml").read_text("utf-8").replace('locales = ["es", "fr", "de"]', 'locales = ["es", "fr", "de", "ar"]')
    (root / "l10n.toml").write_text(config, "utf-8")
    monkeypatch.chdir(root)
    assert l10n("extract").code == 0
    drafts = tomllib.loads((DATA / "site" / "ar-drafts.toml").read_text("utf-8"))
    po = polib.pofile("locales/ar/LC_MESSAGES/exploring-ketamine.po")
    for entry in po:
        if entry.msgid in drafts:
            entry.msgstr, entry.flags = drafts[entry.msgid], ["fuzzy"]
            entry.tcomment = "l10n-draft: mt engine=libre date=2026-11-20T10:00Z"  # machine drafts: the banner says so
    po.save()
    result = l10n("build", "--include-drafts")
    assert result.code == 0, result.err
    return root / "build"


def _visible(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate("el => el.checkVisibility({visibilityProperty: true})"))


def test_the_spanish_post_and_the_arabic_preview_in_chromium(site: Path, browser: Any, tmp_path: Path) -> None:
    spanish, arabic = site / "content/es/exploring-ketamine.html", site / "_preview/content/ar/exploring-ketamine.html"
    assert not (site / "content/ar").exists(), "a preview never goes where posts are published"
    shots = []
    for width, viewport in ((1280, DESKTOP), (390, PHONE)):
        with open_page(spanish, viewport, browser) as (page, _, _):  # asserts no request and no console error
            assert page.locator("html").get_attribute("lang") == "es"
            assert page.locator(".banner").count() == 0 and page.locator('meta[name="robots"]').count() == 0
            assert page.locator("h1").inner_text() == "La ketamina: un gran avance en el tratamiento de la salud mental"
            assert _visible(page, "h1") and _visible(page, "nav")
            english = page.locator('nav a[hreflang="en"]')
            assert english.inner_text() == "English"
            assert (spanish.parent / str(english.get_attribute("href"))).resolve().is_file(), (
                "the switcher's link leads somewhere"
            )
            assert page.locator('nav a[aria-current="page"]').inner_text() == "Español"
            assert page.locator("h2", has_text="Referencias").count() == 1
            assert "l10n:" not in page.content()
            assert horizontal_overflow(page) == 0
            page.screenshot(path=str(tmp_path / f"post-es-{width}.png"))
            shots.append(tmp_path / f"post-es-{width}.png")
        with open_page(arabic, viewport, browser) as (page, _, _):
            assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
            banner = page.locator('.banner[data-kind="machine"]')
            assert banner.inner_text() == BANNER_AR and _visible(page, ".banner")
            assert banner.get_attribute("lang") == "ar"
            heading = page.locator("h1")
            assert heading.inner_text() == "استكشاف الكيتامين: إنجاز كبير في علاج الصحة النفسية"
            assert heading.evaluate("el => getComputedStyle(el).direction") == "rtl"
            # right-aligned: the heading's text ends at the right edge of the article
            right = page.evaluate(
                """() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));
                           const rects = [...r.getClientRects()];
                           return [Math.max(...rects.map(x => x.right)),
                                   document.querySelector('article').getBoundingClientRect().right]; }"""
            )
            assert abs(right[0] - right[1]) < 2, right
            assert horizontal_overflow(page) == 0
            page.screenshot(path=str(tmp_path / f"preview-ar-{width}.png"))
            shots.append(tmp_path / f"preview-ar-{width}.png")
    assert all(shot.stat().st_size > 10_000 for shot in shots)
    target = os.environ.get("L10N_SCREENSHOTS")
    if target:
        for shot in shots:
            shutil.copy(shot, Path(target) / shot.name)


# --- the pages of a build: source link, description, policy ------------------------------


def test_built_pages_link_to_the_source_and_carry_description_and_policy(project: Path, l10n: Callable[..., Run]) -> None:
    publish_partial(project)
    assert l10n("extract").code == 0
    result = l10n("build", "--html", "--locale", "es")
    assert result.code == 0, result.err
    spanish = Path("build/es/exploring-ketamine.html").read_text("utf-8")
    assert '<meta name="description" content="How ketamine went from anesthetic to rapid-acting treatment' in spanish
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', spanish)
    assert policy is not None and "script-src &#x27;none&#x27;" in policy[1] and "default-src &#x27;none&#x27;" in policy[1]
    assert '<link rel="alternate" hreflang="en" href="../en/exploring-ketamine.html">' in spanish
    assert '<a href="../en/exploring-ketamine.html" hreflang="en" lang="en" dir="ltr">English</a>' in spanish
    english = Path("build/en/exploring-ketamine.html").read_text("utf-8")
    assert '<html lang="en" dir="ltr">' in english and 'hreflang="es" href="../es/exploring-ketamine.html"' in english
    assert 'class="source-language"' not in english
    assert not Path("build/en/exploring-ketamine.md").exists(), "the default layout writes no source-language post"
    assert "wrote: build/en/exploring-ketamine.html" in result.out


SCRIPTED = '# Dosing\n\n<div id="x">static</div>\n\n<script>document.getElementById("x").textContent = "ran";</script>\n'


def _scripted(root: Path, l10n: Callable[..., Run], allow: bool) -> Path:
    (root / "l10n.toml").write_text(
        f'locales = ["es"]\n[build]\nhtml = true\nmin_reviewed = 0\nallow_scripts = {str(allow).lower()}\n', "utf-8"
    )
    (root / "source").mkdir(exist_ok=True)
    (root / "source" / "dosing.md").write_text(SCRIPTED, "utf-8")
    assert l10n("extract").code == 0
    assert l10n("build").code == 0
    return root / "build" / "es" / "dosing.html"


def test_the_source_script_stays_in_the_page_and_the_policy_says_whether_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    blocked = _scripted(tmp_path, l10n, allow=False).read_text("utf-8")
    assert '<script>document.getElementById("x")' in blocked, "the author's raw HTML stays"
    assert "script-src &#x27;none&#x27;" in blocked
    allowed = _scripted(tmp_path, l10n, allow=True).read_text("utf-8")
    assert "script-src &#x27;self&#x27; &#x27;unsafe-inline&#x27; https:" in allowed


def test_chromium_runs_no_script_of_a_built_page_unless_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run], browser: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_page(_scripted(tmp_path, l10n, allow=False), DESKTOP, browser, clean=False) as (page, errors, requests):
        assert page.locator("#x").inner_text() == "static"
        assert any("Content Security Policy" in error for error in errors), errors
        assert requests == []
    with open_page(_scripted(tmp_path, l10n, allow=True), DESKTOP, browser) as (page, _, _):
        assert page.locator("#x").inner_text() == "ran"


def test_units_in_the_source_language_are_marked() -> None:
    text = "---\ntitle: Dosis\n---\n\n- Uno\n- Two words\n\nPara\none.\n\n| a | Cell here |\n|---|---|\n| 1 | 2 |\n"
    html = pages.page(text, "es", "x", untranslated={"Two words", "Para one.", "Cell here"})
    assert '<li>Uno</li>\n<li lang="en" dir="ltr" class="source-language">Two words</li>' in html, "a tight list: its item"
    assert '<p lang="en" dir="ltr" class="source-language">Para\none.</p>' in html
    assert '<th lang="en" dir="ltr" class="source-language">Cell here</th>' in html
    assert "<h1>Dosis</h1>" in html and html.count("source-language") == 3 + 1, "three blocks, and the stylesheet"
    assert "source-language" not in pages.page(text, "en", "x", untranslated={"Two words"}).split("</style>")[1]


def test_the_notice_of_a_kept_version_comes_from_the_build_not_from_the_front_matter() -> None:
    text = '---\ntitle: T\nsource_updated: "2020-01-01"\n---\n\nText.\n'
    assert 'class="notice"' not in pages.page(text, "es", "a")
    links = [("en", "../en/a.html"), ("es", "../es/a.html")]
    kept = pages.page(text, "es", "a", links, updated="2025-11-23")
    assert (
        '<p class="notice" role="note" lang="en" dir="ltr">The English original was updated on 2025-11-23; '
        'this translation is of the version before. <a href="../en/a.html" hreflang="en" lang="en">English</a></p>'
    ) in kept
    assert 'class="notice"' not in pages.page(text, "es", "a", preview=("human",), updated="2025-11-23")
