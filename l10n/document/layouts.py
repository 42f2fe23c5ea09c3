"""Output layouts: where ``l10n build`` writes each post, for the static-site generator that serves it.

Rules:

1. A layout is a path template under the build folder. Its placeholders: ``{locale}``
   (the catalog's code, ``pt_BR``), ``{bcp47}`` (``pt-BR``), ``{lang}`` (the BCP 47 tag
   in lowercase, ``pt-br``: Hugo lowercases its language keys), ``{article}`` (the
   article's id, ``posts/dosing``), ``{dir}`` (``posts``; empty at the top, and the
   empty path segment is dropped), ``{name}`` (``dosing``) and ``{slug}`` (the post's
   slug, :mod:`l10n.document.slugs`: translated when ``slug`` is in ``front_matter_keys``, else
   the source's, else ``{name}``).
2. ``[build] layout`` names a preset (:data:`PRESETS`) or is a template of its own. A
   template is relative, stays in the build folder, ends in ``.md``, and names the
   locale (``{locale}``, ``{bcp47}`` or ``{lang}``) and the article (``{article}``,
   ``{name}`` or ``{slug}``). Two posts that a layout would give one path (two articles
   with one slug) are an error of the build.
3. A generator's preset also writes the source-language post (the site needs it too),
   and every post of an article gets the front-matter key the generator links
   translations by, valued with the article's id, unless the source sets it: that key
   must be the same in every language, the source's included. The default layout and
   templates of one's own write the translations only.
4. HTML pages (``--html``) are written beside their post, ``.md`` replaced by ``.html``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from l10n.core.errors import ConfigError
from l10n.core.locales import bcp47
from l10n.core.schema import table_key_line

PLACEHOLDERS = ("locale", "bcp47", "lang", "article", "dir", "name", "slug")


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the posts of one layout go."""

    name: str
    """The preset's name, or ``custom``."""
    posts: str
    """The template of a translated post."""
    source: str | None = None
    """The template of the source-language post; None when the layout does not write it."""
    link_key: str | None = None
    """The front-matter key the generator links the translations of a post by."""

    @property
    def uses_slug(self) -> bool:
        return "{slug}" in self.posts or "{slug}" in (self.source or "")

    def post(self, locale: str, article: str, slug: str) -> str:
        """The path of *article*'s post in *locale*, relative to the build folder."""
        return fill(self.posts, locale, article, slug)

    def source_post(self, locale: str, article: str, slug: str) -> str | None:
        """The path of the source-language post, or None when this layout does not write it."""
        return None if self.source is None else fill(self.source, locale, article, slug)

    def fields(self, article: str, meta: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        """The front-matter fields (key, YAML value) this layout adds to *article*'s posts (rule 3)."""
        if self.link_key is None or self.link_key in meta:
            return ()
        return ((self.link_key, json.dumps(article, ensure_ascii=False)),)


PRESETS: dict[str, Layout] = {
    "default": Layout("default", "{locale}/{article}.md"),
    # Hugo, translation by file name: "about.en.md and about.fr.md ... having the same path
    # and base file name, the content pieces are linked together as translated pages"; and
    # by content directory, one contentDir per language (gohugo.io/content-management/
    # multilingual/). translationKey links pages whatever their paths; Hugo's language keys
    # are the lowercased keys of its configuration (gohugo.io/methods/site/language: Lang).
    "hugo": Layout("hugo", "content/{dir}/{name}.{lang}.md", "content/{dir}/{name}.{lang}.md", "translationKey"),
    "hugo-folders": Layout("hugo-folders", "content/{lang}/{dir}/{name}.md", "content/{lang}/{dir}/{name}.md", "translationKey"),
    # Jekyll with jekyll-polyglot: every post has `lang` in its front matter; posts may sit in
    # a folder per language under _posts (its lang_from_path example: _posts/zh_Hans_HK/...);
    # page_id links translations whose permalinks differ, as a translated slug makes them
    # (untra/polyglot README, "Using different permalinks per language"). Jekyll's post file
    # names carry their date: name the articles so (2024-05-01-exploring-ketamine.md).
    "jekyll": Layout("jekyll", "_posts/{lang}/{dir}/{name}.md", "_posts/{lang}/{dir}/{name}.md", "page_id"),
    # MkDocs with mkdocs-static-i18n, docs_structure: suffix: "the default version will use any
    # .md documentation file first"; a language's version uses .<language>.md. Its locales are
    # `en`, `en-US` or `en_US` (config.py: RE_LOCALE), so the BCP 47 tag keeps its case.
    "mkdocs": Layout("mkdocs", "docs/{dir}/{name}.{bcp47}.md", "docs/{dir}/{name}.md"),
    # Docusaurus: a locale's blog posts mirror blog/ under i18n/<locale>/docusaurus-plugin-
    # content-blog/ (docusaurus.io, "Translate your site"); locales are BCP 47 tags (pt-BR);
    # a post's `slug` front matter sets its URL (facebook/docusaurus#3284).
    "docusaurus": Layout("docusaurus", "i18n/{bcp47}/docusaurus-plugin-content-blog/{dir}/{name}.md", "blog/{dir}/{name}.md"),
}
"""The named layouts. Each comment says what of the generator's documentation it rests on."""


def fill(template: str, locale: str, article: str, slug: str) -> str:
    """*template* filled in for one post (rule 1)."""
    folder, _, name = article.rpartition("/")
    tag = bcp47(locale)
    path = template.format(locale=locale, bcp47=tag, lang=tag.lower(), article=article, dir=folder, name=name, slug=slug)
    return "/".join(part for part in path.split("/") if part)


@cache
def parse(value: str) -> Layout:
    """The layout *value* names or spells; :class:`ConfigError` saying what is wrong otherwise."""
    if value in PRESETS:
        return PRESETS[value]
    if "{" not in value:
        raise ConfigError(f"unknown layout {value!r} (presets: {', '.join(PRESETS)}; or a path template with {{locale}}...)")
    try:
        fields = [field for _, field, spec, conversion in string.Formatter().parse(value) if field is not None]
    except ValueError as exc:
        raise ConfigError(f"layout {value!r} is not a template: {exc}") from None
    unknown = sorted({field for field in fields if field not in PLACEHOLDERS})
    if unknown:
        raise ConfigError(f"layout {value!r}: unknown placeholder {{{unknown[0]}}} (known: {', '.join(PLACEHOLDERS)})")
    parts = value.replace("\\", "/").split("/")
    if value.startswith("/") or ":" in parts[0] or ".." in parts or parts[0] == "_preview":
        raise ConfigError(f"layout {value!r} must be a path inside the build folder (not in _preview)")
    if not value.endswith(".md"):
        raise ConfigError(f"layout {value!r} must end in .md")
    if not {"locale", "bcp47", "lang"} & set(fields):
        raise ConfigError(f"layout {value!r} must name the locale: {{locale}}, {{bcp47}} or {{lang}}")
    if not {"article", "name", "slug"} & set(fields):
        raise ConfigError(f"layout {value!r} must name the article: {{article}}, {{name}} or {{slug}}")
    return Layout("custom", value)


def check_setting(tables: dict[str, dict[str, Any]], data: dict[str, Any], text: str, display: str, warnings: list[str]) -> None:
    """``[build] layout`` checked against the presets and templates (a :data:`l10n.core.schema.TableCheck`)."""
    try:
        parse(tables["build"]["layout"])
    except ConfigError as exc:
        raise ConfigError(f"build.layout: {exc.message}", display, table_key_line(text, "build", "layout")) from None
