"""Output layouts: where ``l10n build`` writes each post, for the static-site generator that serves it.

Rules:

1. A layout is a path template under the build folder. Its placeholders: ``{locale}``
   (the catalog's code, ``pt_BR``), ``{bcp47}`` (``pt-BR``), ``{lang}`` (the BCP 47 tag
   in lowercase, ``pt-br``: Hugo lowercases its language keys), ``{article}`` (the
   article's id, ``posts/dosing``), ``{dir}`` (``posts``; empty at the top, and the
   empty path segment is dropped), ``{name}`` (``dosing``) and ``{slug}`` (the post's
   slug, :mod:`l10n.document.slugs`: translated when ``slug`` is in ``front_matter_keys``, else
   the source's, else ``{name}``), ``{dated}`` (``{name}`` with the post's date in front,
   ``2024-05-01-dosing``, unless the name already starts with one: rule 5).
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
5. A blog generator's preset (``jekyll``, ``docusaurus``) needs each post's date, or the
   generator makes one up at build time (Docusaurus: the file's git date, an error
   outside a checkout; Jekyll: no post at all). It is the date at the start of the
   article's name (``2024-05-01-dosing``), else the ``date`` of its front matter (a YAML
   date, or a string starting ``YYYY-MM-DD``); an article with neither is an error of
   the build. ``{dated}`` puts it in the file name Jekyll requires
   (``_posts/2024-05-01-dosing.md``), so a source named without it keeps its name and
   its catalogs.
6. Docusaurus: every post's front matter gets ``mdx: {format: md}`` (unless the source
   sets ``mdx``), so it is compiled as CommonMark and not MDX, where an autolink such as
   ``<https://doi.org/...>`` or a ``{`` is a syntax error; and the translated posts keep
   the source's ``slug`` (its translation is not used), since Docusaurus's locale switcher
   and hreflang links assume one slug per post in every locale.
"""

from __future__ import annotations

import datetime
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from l10n.core.errors import ConfigError, SourceError
from l10n.core.locales import bcp47
from l10n.core.schema import table_key_line
from l10n.document import slugs
from l10n.document.model import Document

PLACEHOLDERS = ("locale", "bcp47", "lang", "article", "dir", "name", "slug", "dated")
_DATED_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-|$)")
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?![\d-])")


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
    needs_date: bool = False
    """A blog generator's: every post must have a date (rule 5)."""
    source_slug: bool = False
    """The translated posts keep the source's ``slug`` (rule 6)."""
    extra: tuple[tuple[str, str], ...] = ()
    """Front-matter fields (key, YAML value) added to every post unless the source sets them (rule 6)."""
    date: str = ""
    """The post's date, ``YYYY-MM-DD``, once :meth:`for_post` bound the layout to one article."""

    @property
    def uses_slug(self) -> bool:
        return "{slug}" in self.posts or "{slug}" in (self.source or "")

    @property
    def needs_meta(self) -> bool:
        """Whether building a post needs the source's front matter."""
        return self.uses_slug or self.link_key is not None or self.needs_date or bool(self.extra)

    def for_post(self, article: str, meta: Mapping[str, Any], display: str) -> Layout:
        """This layout with *article*'s date (rule 5); :class:`SourceError` when it needs one and there is none."""
        date = date_of(article, meta)
        if self.needs_date and not date:
            msg = (
                f"the {self.name} layout needs the post's date: name the article YYYY-MM-DD-name "
                "or give it a `date` in its front matter"
            )
            raise SourceError(msg, display)
        return replace(self, date=date)

    def post(self, locale: str, article: str, slug: str) -> str:
        """The path of *article*'s post in *locale*, relative to the build folder."""
        return fill(self.posts, locale, article, slug, self.date)

    def source_post(self, locale: str, article: str, slug: str) -> str | None:
        """The path of the source-language post, or None when this layout does not write it."""
        return None if self.source is None else fill(self.source, locale, article, slug, self.date)

    def fields(self, article: str, meta: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        """The front-matter fields (key, YAML value) this layout adds to *article*'s posts (rules 3 and 6)."""
        found = tuple((key, value) for key, value in self.extra if key not in meta)
        if self.link_key is None or self.link_key in meta:
            return found
        return ((self.link_key, json.dumps(article, ensure_ascii=False)), *found)

    def translations(self, doc: Document, translations: Mapping[str, str]) -> dict[str, str]:
        """The *translations* a post of *doc* is built with: without the slug's when the source's is kept (rule 6)."""
        unit = slugs.unit(doc) if self.source_slug else None
        return {text: t for text, t in translations.items() if unit is None or text != unit.text}


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
    # polyglot before 1.7 ignores page_id and pairs the wrong pages; 1.7 added page.permalink_lang
    # (the permalink of each language's version), which a language switcher links by. A post's
    # file name must start with its date (jekyllrb.com/docs/posts): {dated} (rule 5).
    "jekyll": Layout("jekyll", "_posts/{lang}/{dir}/{dated}.md", "_posts/{lang}/{dir}/{dated}.md", "page_id", needs_date=True),
    # MkDocs with mkdocs-static-i18n, docs_structure: suffix: "the default version will use any
    # .md documentation file first"; a language's version uses .<language>.md. Its locales are
    # `en`, `en-US` or `en_US` (config.py: RE_LOCALE), so the BCP 47 tag keeps its case.
    "mkdocs": Layout("mkdocs", "docs/{dir}/{name}.{bcp47}.md", "docs/{dir}/{name}.md"),
    # Docusaurus: a locale's blog posts mirror blog/ under i18n/<locale>/docusaurus-plugin-
    # content-blog/ (docusaurus.io, "Translate your site"); locales are BCP 47 tags (pt-BR);
    # a post's `slug` front matter sets its URL (facebook/docusaurus#3284), the same in every
    # locale for its locale switcher; `mdx: {format: md}` selects CommonMark (docusaurus.io,
    # "MDX vs. CommonMark"); a blog post's date is its file name's or front matter's (rules 5, 6).
    "docusaurus": Layout(
        "docusaurus",
        "i18n/{bcp47}/docusaurus-plugin-content-blog/{dir}/{name}.md",
        "blog/{dir}/{name}.md",
        needs_date=True,
        source_slug=True,
        extra=(("mdx", "{format: md}"),),
    ),
}
"""The named layouts. Each comment says what of the generator's documentation it rests on."""


def date_of(article: str, meta: Mapping[str, Any]) -> str:
    """The post's date, ``YYYY-MM-DD``: the start of the article's name, else its front matter's ``date``; "" without one."""
    found = _DATED_RE.match(article.rpartition("/")[2])
    if found:
        return found.group(1)
    value = meta.get("date")
    if isinstance(value, datetime.date):  # a datetime is a date too
        return value.isoformat()[:10]
    found = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    return found.group(1) if found else ""


def fill(template: str, locale: str, article: str, slug: str, date: str = "") -> str:
    """*template* filled in for one post (rule 1)."""
    folder, _, name = article.rpartition("/")
    dated = name if _DATED_RE.match(name) or not date else f"{date}-{name}"
    tag = bcp47(locale)
    path = template.format(
        locale=locale, bcp47=tag, lang=tag.lower(), article=article, dir=folder, name=name, slug=slug, dated=dated
    )
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
    if not {"article", "name", "slug", "dated"} & set(fields):
        raise ConfigError(f"layout {value!r} must name the article: {{article}}, {{name}}, {{dated}} or {{slug}}")
    return Layout("custom", value)


def check_setting(tables: dict[str, dict[str, Any]], data: dict[str, Any], text: str, display: str, warnings: list[str]) -> None:
    """``[build] layout`` checked against the presets and templates (a :data:`l10n.core.schema.TableCheck`)."""
    try:
        parse(tables["build"]["layout"])
    except ConfigError as exc:
        raise ConfigError(f"build.layout: {exc.message}", display, table_key_line(text, "build", "layout")) from None
