"""The shipped content served by real static-site generators, from the layout presets.

``l10n build`` writes the shipped content into a small site; the generator builds it; the
Spanish post must be at the generator's own localized URL (with the translated slug where
the generator reads one), in a page whose ``lang`` is Spanish, and linked as a translation
of the English post; the held-back French post must not be there. Hugo comes from Debian
(``hugo``), MkDocs with mkdocs-static-i18n from PyPI (the test extra); ``.ci/run`` installs
both. Without them the tests skip, except under CI, where that fails.
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
from conftest import Run, copy_shipped

SLUG_ES = "explorando-la-ketamina"

HUGO_TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><title>{{ .Title }}</title>
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}</head>
<body>{{ .Content }}</body>
</html>
"""


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"{what} is missing")


def _hugo() -> str:
    found = shutil.which("hugo")
    if found is None:
        _missing("hugo (Debian package hugo)")
    return str(found)


def _site(root: Path, layout: str, l10n: Callable[..., Run]) -> Path:
    copy_shipped(root, f'layout = "{layout}"')
    result = l10n("build", "--out", "site")
    assert result.code == 0, result.err
    assert re.search(r"(?m)^held: site/\S*\bfr\b\S*\.md: ", result.err), result.err
    return root / "site"


def _hugo_config(by_folder: bool) -> str:
    lines = ['baseURL = "https://blog.example/"', 'defaultContentLanguage = "en"']
    lines.append('disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]')
    for weight, lang in enumerate(("en", "es", "fr", "de"), 1):
        lines += [f"[languages.{lang}]", f"weight = {weight}"]
        if by_folder:
            lines.append(f'contentDir = "content/{lang}"')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("layout", ["hugo", "hugo-folders"])
def test_hugo_serves_the_spanish_post_at_its_localized_url(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    hugo = _hugo()
    monkeypatch.chdir(tmp_path)
    site = _site(tmp_path, layout, l10n)
    (site / "hugo.toml").write_text(_hugo_config(layout == "hugo-folders"), "utf-8")
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_TEMPLATE, "utf-8")
    done = subprocess.run([hugo, "--source", str(site), "--quiet"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # Hugo puts a language other than the default under /<lang>/, and a post's `slug` in its URL
    spanish = (site / "public" / "es" / SLUG_ES / "index.html").read_text("utf-8")
    english = (site / "public" / "exploring-ketamine" / "index.html").read_text("utf-8")
    assert '<html lang="es">' in spanish and "<title>La ketamina: un gran avance" in spanish
    assert '<html lang="en">' in english
    assert f'<link rel="alternate" hreflang="es" href="/es/{SLUG_ES}/">' in english, "linked as translations"
    assert '<link rel="alternate" hreflang="en" href="/exploring-ketamine/">' in spanish
    assert '<h2 id="referencias">Referencias</h2>' in spanish
    assert "l10n:" not in spanish and "l10n:" not in english
    assert not list((site / "public").glob("fr/**/index.html")), "the French post is held back"


def test_mkdocs_serves_the_spanish_post_at_its_localized_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    try:
        import mkdocs  # noqa: F401
        import mkdocs_static_i18n  # noqa: F401
    except ImportError:
        _missing("mkdocs and mkdocs-static-i18n (pip install -e '.[test]')")
    monkeypatch.chdir(tmp_path)
    site = _site(tmp_path, "mkdocs", l10n)
    (site / "mkdocs.yml").write_text(
        "site_name: Blog\ndocs_dir: docs\nsite_dir: public\ntheme:\n  name: mkdocs\nplugins:\n  - i18n:\n"
        "      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, default: true, name: English, build: true}\n"
        "        - {locale: es, name: Español, build: true}\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # mkdocs-static-i18n builds each language under /<locale>/, a page's URL from its file name
    spanish = (site / "public" / "es" / "exploring-ketamine" / "index.html").read_text("utf-8")
    english = (site / "public" / "exploring-ketamine" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="es"[ >]', spanish) and re.search(r'<html lang="en"[ >]', english)
    assert "<title>La ketamina: un gran avance" in spanish
    assert 'id="referencias">Referencias' in spanish
    assert "l10n:" not in spanish and "l10n:" not in english
