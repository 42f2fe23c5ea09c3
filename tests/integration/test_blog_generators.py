"""The blog presets served by real generators: a default Docusaurus 3 site, and Jekyll with jekyll-polyglot.

``l10n build`` writes the shipped content (dated, as these presets require) into a small site;
the generator builds it; the Spanish post must be at the generator's localized URL in a page
whose ``lang`` is Spanish, the language switcher's links must resolve to built pages both ways,
and the held-back French post must not be there.

Docusaurus comes from npm: the packages of ``data/sites/docusaurus/package.json`` are installed
once into a cache outside the repository (``$L10N_TEST_CACHE``, default ``~/.cache/l10n-tests``;
about 2 minutes and 300 MB the first time) and reused; the build uses Docusaurus Faster (about
15 to 30 seconds on 2 cores). Without npm, or when npm cannot install, the test skips, saying
why. Jekyll with jekyll-polyglot 1.8 or later (``page_id`` pairing came in 1.7,
``page.permalink_lang`` in 1.8) must be on the machine already (RubyGems is not one of the
registries this project's machines reach; Debian's ruby-jekyll-polyglot is 1.5.1, which ignores
``page_id``): otherwise that test skips, saying which version it found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA, Run, copy_shipped

pytestmark = pytest.mark.slow

SITE = DATA / "sites"
DATE = "date: 2024-05-01\n"
CACHE = Path(os.environ.get("L10N_TEST_CACHE") or Path.home() / ".cache" / "l10n-tests")


class _Page(HTMLParser):
    """What a built page says: its ``lang``, its title, and its links with their ``lang``/``hreflang``."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.links: list[dict[str, str]] = []
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag in ("a", "link") and "href" in found:
            self.links.append(found)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _page(path: Path) -> _Page:
    assert path.is_file(), f"{path} was not built"
    return _Page(path.read_text("utf-8"))


def _posts(root: Path, layout: str, l10n: Callable[..., Run]) -> Path:
    """The shipped content, dated, built with *layout* into ``root/build`` (the working directory is *root*)."""
    copy_shipped(root, f'layout = "{layout}"')
    source = root / "source" / "exploring-ketamine.md"
    source.write_text(source.read_text("utf-8").replace("telehealth]\n", f"telehealth]\n{DATE}", 1), "utf-8")
    done = l10n("build")
    assert done.code == 0, done.err
    return root / "build"


# ---------------------------------------------------------------- Docusaurus


def _docusaurus() -> Path:
    """The cached node_modules of the test site, installed on first use; skips when npm cannot."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the Docusaurus site cannot be built (apt-get install npm)")
    spec = (SITE / "docusaurus" / "package.json").read_bytes()
    folder = CACHE / f"docusaurus-{json.loads(spec)['dependencies']['@docusaurus/core']}"
    binary = folder / "node_modules" / ".bin" / "docusaurus"
    if binary.exists() and (folder / "package.json").read_bytes() == spec:
        return folder / "node_modules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_bytes(spec)
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0 or not binary.exists():
        (folder / "package.json").unlink(missing_ok=True)  # try again next time
        pytest.skip(f"npm could not install Docusaurus: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return folder / "node_modules"


def test_docusaurus_builds_the_posts_with_a_working_locale_switcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    modules = _docusaurus()
    monkeypatch.chdir(tmp_path)
    posts = _posts(tmp_path, "docusaurus", l10n)
    site = tmp_path / "site"
    shutil.copytree(SITE / "docusaurus", site)
    shutil.copytree(posts / "blog", site / "blog")
    shutil.copytree(posts / "i18n", site / "i18n")
    assert not (site / "i18n" / "fr").exists(), "the French post is held back"
    (site / "node_modules").symlink_to(modules, target_is_directory=True)
    done = subprocess.run(
        [str(modules / ".bin" / "docusaurus"), "build", "--no-minify"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "DOCUSAURUS_TELEMETRY_DISABLED": "1", "CI": "true"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = site / "build"
    # the blog at the root: a post's URL is its slug, the same in every locale (one slug per post)
    spanish, english = _page(out / "es" / "exploring-ketamine" / "index.html"), _page(out / "exploring-ketamine" / "index.html")
    assert spanish.lang == "es" and english.lang == "en"
    assert spanish.title.startswith("La ketamina: un gran avance")
    assert english.title.startswith("Exploring Ketamine")
    for page, other, lang in ((spanish, english, "en"), (english, spanish, "es")):
        switch = [link["href"] for link in page.links if "dropdown__link" in link.get("class", "") and link.get("lang") == lang]
        assert switch, f"no locale switcher link to {lang}"
        for href in switch:  # each resolves to the other language's built page
            assert _page(out / href.strip("/") / "index.html").lang == other.lang
        alternates = [link["href"] for link in page.links if link.get("hreflang") == lang]
        assert alternates and all(
            _page(out / re.sub(r"^https://blog\.example\.org/?", "", href).strip("/") / "index.html").lang == lang
            for href in alternates
        )
    text = (out / "es" / "exploring-ketamine" / "index.html").read_text("utf-8")
    assert "https://doi.org/" in text, "the References' autolinks are links (CommonMark, not MDX)"
    assert not (out / "fr").exists()


# ---------------------------------------------------------------- Jekyll with jekyll-polyglot

JEKYLL_CONFIG = """\
title: Blog
url: https://blog.example.org
plugins: [jekyll-polyglot]
languages: ["en", "es"]
default_lang: "en"
exclude_from_localization: ["assets"]
parallel_localization: false
permalink: /:title/
defaults:
  - scope: {path: "", type: posts}
    values: {layout: post}
"""

JEKYLL_LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ site.active_lang }}">
<head><title>{{ page.title }}</title>
{% for lang in site.languages %}{% assign target = page.permalink_lang[lang] | default: page.url %}<link rel="alternate" hreflang="{{ lang }}" {% static_href %}href="{% if lang != site.default_lang %}/{{ lang }}{% endif %}{{ target }}"{% endstatic_href %}>
{% endfor %}</head>
<body>
<nav>{% for lang in site.languages %}{% assign target = page.permalink_lang[lang] | default: page.url %}<a class="switch" lang="{{ lang }}" {% static_href %}href="{% if lang != site.default_lang %}/{{ lang }}{% endif %}{{ target }}"{% endstatic_href %}>{{ lang }}</a>
{% endfor %}</nav>
{{ content }}
</body>
</html>
"""


def _polyglot() -> str:
    """The jekyll binary, when jekyll-polyglot 1.8 or later is installed; skips otherwise, saying what was found."""
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.skip("jekyll is not installed (Debian: apt-get install jekyll); jekyll-polyglot >= 1.8 is needed too")
    # the gem's own version: Jekyll::Polyglot::VERSION has said 1.3.3 in every release since
    probe = 'begin; puts Gem::Specification.find_by_name("jekyll-polyglot").version; rescue Gem::MissingSpecError; end'
    found = subprocess.run(["ruby", "-e", probe], capture_output=True, text=True, timeout=60, check=False).stdout.strip()
    if not found:
        pytest.skip("jekyll-polyglot is not installed: it comes from RubyGems (gem install jekyll-polyglot), not reachable here")
    if tuple(int(part) for part in re.findall(r"\d+", found)[:2]) < (1, 8):
        pytest.skip(
            f"jekyll-polyglot {found} is installed; 1.8 or later is needed "
            "(before 1.7 it ignores page_id; page.permalink_lang came in 1.8)"
        )
    return jekyll


def test_jekyll_polyglot_builds_the_posts_with_a_working_language_switcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    jekyll = _polyglot()
    monkeypatch.chdir(tmp_path)
    posts = _posts(tmp_path, "jekyll", l10n)
    site = tmp_path / "site"
    shutil.copytree(posts / "_posts", site / "_posts")
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.md")) == [
        "_posts/en/2024-05-01-exploring-ketamine.md",
        "_posts/es/2024-05-01-exploring-ketamine.md",
    ]
    (site / "_config.yml").write_text(JEKYLL_CONFIG, "utf-8")
    (site / "_layouts").mkdir()
    (site / "_layouts" / "post.html").write_text(JEKYLL_LAYOUT, "utf-8")
    (site / "_layouts" / "default.html").write_text(JEKYLL_LAYOUT, "utf-8")
    done = subprocess.run(
        [jekyll, "build", "--source", str(site), "--destination", str(site / "_site")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = site / "_site"
    english = _page(out / "exploring-ketamine" / "index.html")
    spanish = _page(out / "es" / "explorando-la-ketamina" / "index.html")  # Jekyll's :title is the post's slug
    assert english.lang == "en" and spanish.lang == "es"
    assert spanish.title.startswith("La ketamina: un gran avance")
    assert english.title.startswith("Exploring Ketamine"), "the Spanish post must not also be the English one"
    for page, lang in ((english, "es"), (spanish, "en")):
        switch = [link["href"] for link in page.links if link.get("class") == "switch" and link.get("lang") == lang]
        alternates = [link["href"] for link in page.links if link.get("hreflang") == lang]
        assert switch and alternates
        for href in switch + alternates:  # each resolves to the other language's built page
            assert _page(out / href.strip("/") / "index.html").lang == lang, href
