"""HTML pages of built posts (``l10n build --html``), fit for readers on a phone or a desktop.

Rules:

1. A page is ``<html lang="<BCP 47 tag>" dir="ltr|rtl">`` (the direction from CLDR), the
   front matter's ``title`` as its title, and the Markdown body rendered with
   markdown-it-py (CommonMark and GFM tables). The source's own HTML is kept: it is the
   author's. Translations cannot add any: the ``injection`` check keeps every
   translation with markup that is not in its source out of the post. Internal markers
   never reach a page (:mod:`l10n.document.markers`).
2. The title is shown as the page's ``<h1>`` when the body has none (a blog post's title
   is usually in its front matter only).
3. Each page links to the same post in every locale where it is published
   (``<link rel="alternate" hreflang>``, itself included, as search engines expect), with
   paths relative to the page so the build folder can be served anywhere; a language
   switcher shows the same links, each language named in itself.
4. One small built-in stylesheet: system fonts, a readable measure, tables and code that
   scroll sideways instead of widening the page, logical properties so that a right-to-left
   page is aligned to the right, and each paragraph's direction taken from its own text (a
   preview's untranslated paragraph in an Arabic page still reads left to right). No
   scripts, no other assets: a page loads nothing.
5. A preview (drafts in place) carries ``<meta name="robots" content="noindex">`` and a
   visible banner that says what the page is, from the states of the units it shows
   (:data:`PREVIEW_KINDS`): "machine translation, not reviewed by a medical professional"
   only when a machine draft is in it; a human translation not yet reviewed; passages
   still in the source language; or, when every unit is reviewed, only that it is a
   preview. Each in the page's language where ``data/ui.toml`` has it, else in the source
   language, else in English. Published pages never have a banner.
6. The units a page shows in the source language (untranslated, outdated, a draft left
   out) are marked: their block gets ``lang`` and ``dir`` of the source language and the
   class ``source-language``, so that screen readers read them right and a reader sees them.
7. Every page links to the source-language version of its post (its ``hreflang`` and the
   switcher), carries ``<meta name="description">`` from the front matter's
   ``description``, and a Content-Security-Policy (:func:`l10n.core.csp.post_policy`):
   the source's raw HTML stays, its scripts do not run unless ``[build] allow_scripts``.
8. A post kept from an earlier build after its source changed (:mod:`l10n.build.outdated`,
   which also sets ``source_updated`` in its front matter) shows a notice: the original was updated on
   that date, and this translation is of the version before.
"""

from __future__ import annotations

import html
import itertools
import tomllib
from collections.abc import Collection, Sequence
from functools import cache
from importlib import resources
from typing import Any

from l10n.core.csp import post_policy
from l10n.core.errors import SourceError
from l10n.core.locales import bcp47, language_names, text_direction
from l10n.document import frontmatter
from l10n.document.markers import is_marker

STYLE = """\
:root{color:#1c1c1e;background:#fff;font:112.5%/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",\
"Noto Sans Arabic","Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0}
header,main{box-sizing:border-box;max-width:42rem;margin-inline:auto;padding-inline:1.25rem}
main{padding-block:.5rem 3rem;overflow-wrap:break-word}
p,li,h1,h2,h3,h4,h5,h6,th,td,dd,dt{unicode-bidi:plaintext}
h1,h2,h3{line-height:1.25;margin-block:1.6em .5em}
h1{font-size:clamp(1.75rem,1.2rem + 2.5vw,2.5rem);margin-block-start:.8em}
a{color:#0b57d0}
img{max-width:100%;height:auto}
table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse;margin-block:1em}
th,td{border:1px solid #d0d0d5;padding:.35em .65em;text-align:start;vertical-align:top}
pre{overflow-x:auto;padding:.75em;background:#f4f4f6}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
blockquote{margin-inline:0;padding-inline-start:1em;border-inline-start:.25em solid #d0d0d5;color:#3a3a3c}
hr{border:0;border-block-start:1px solid #d0d0d5;margin-block:2em}
.source-language{border-inline-start:.2em dashed #c99a00;padding-inline-start:.6em}
.notice{margin:0;padding:.75rem 1.25rem;background:#e8f0fe;border-block-end:2px solid #0b57d0;text-align:center}
.banner{margin:0;padding:.75rem 1.25rem;background:#fff4ce;border-block-end:2px solid #c99a00;font-weight:600;\
text-align:center}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:.75rem 0;font-size:.9em}
nav [aria-current]{font-weight:600;color:inherit;text-decoration:none}
"""


@cache
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


@cache
def _ui() -> dict[str, dict[str, str]]:
    text = resources.files("l10n").joinpath("data/ui.toml").read_text("utf-8")
    return tomllib.loads(text)


def ui_text(key: str, locale: str, fallback: str = "en") -> tuple[str, str]:
    """l10n's own words *key* in *locale*, else in *fallback*, else in English; and the locale they are in."""
    table = _ui()[key]
    for code in (locale, locale.split("_")[0], fallback, fallback.split("_")[0], "en"):
        if code in table:
            return table[code], code
    raise KeyError(key)  # every table has `en` (tested)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter of a built post (a mapping, possibly empty) and its Markdown body."""
    text = text.removeprefix("\ufeff")
    lines = frontmatter.split_lines(text)
    try:
        found = frontmatter.find(text, lines, "")
    except SourceError:
        found = None  # a page never fails a build: front matter that does not parse is shown as body text
    if found is None:
        return {}, text
    return found.data, text[lines[found.close][2] :]


PREVIEW_KINDS = ("machine", "human", "source")
"""What a preview may hold besides reviewed units (rule 5): machine drafts, human translations
not yet reviewed, and units in the source language."""
_BANNERS = {"machine": "banner", "human": "banner_unreviewed", "source": "banner_source"}


def page(
    text: str,
    locale: str,
    article: str,
    alternates: Sequence[tuple[str, str]] = (),
    *,
    preview: bool | Sequence[str] = False,
    source_locale: str = "en",
    untranslated: Collection[str] = (),
    allow_scripts: bool = False,
    updated: str | None = None,
) -> str:
    """The HTML page of post *text* of *article* in *locale*.

    *alternates* are (locale, link relative to this page) of the same post in every locale
    where it is published. The title is the front matter's ``title``, else the first
    heading's text, else the article's file name. *preview* is False for a published post,
    else the :data:`PREVIEW_KINDS` the preview holds (True: a machine translation).
    *untranslated* are the unit texts shown in the source language (rule 6). *updated* is the
    date of the source's change when this is a kept earlier version (rule 8).
    """
    meta, body = split_front_matter(text)
    md = _renderer()
    env: dict[str, Any] = {}
    tokens = [t for t in md.parse(body, env) if not is_marker(t)]
    if untranslated and locale != source_locale:
        _mark(tokens, {_words(text) for text in untranslated}, source_locale)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = next((tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"), None)
        title = "".join(c.content for c in heading.children or () if c.type in ("text", "code_inline")) if heading else ""
    title = title.strip() or article.rsplit("/", 1)[-1]
    heading = ""
    if not any(t.type == "heading_open" and t.tag == "h1" for t in tokens):
        english = untranslated and locale != source_locale and _words(title) in {_words(t) for t in untranslated}
        heading = f"<h1{_source_attributes(source_locale) if english else ''}>{html.escape(title)}</h1>\n"
    description = meta.get("description")
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(post_policy(allow_scripts))}">',
        *(['<meta name="robots" content="noindex">'] if preview is not False else []),
        f"<title>{html.escape(title)}</title>",
        *(
            [f'<meta name="description" content="{html.escape(description.strip())}">']
            if isinstance(description, str) and description.strip()
            else []
        ),
        *(
            f'<link rel="alternate" hreflang="{html.escape(bcp47(code))}" href="{html.escape(href)}">'
            for code, href in sorted(alternates)
        ),
        f"<style>\n{STYLE}</style>",
    ]
    kinds = ("machine",) if preview is True else () if preview is False else tuple(preview)
    top = [_banner(kind, locale, source_locale) for kind in kinds] if preview is not False else []
    if preview is not False and not kinds:
        top.append(_banner("reviewed", locale, source_locale))
    if updated is not None and preview is False:  # told by the build, never read from an author's front matter
        top.append(_notice(updated, locale, source_locale, dict(alternates).get(source_locale)))
    if len(alternates) > 1:
        top.append(_switcher(locale, alternates))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(bcp47(locale))}" dir="{text_direction(locale)}">\n<head>\n'
        + "".join(f"{line}\n" for line in head)
        + "</head>\n<body>\n"
        + "".join(f"{part}\n" for part in top)
        + f"<main>\n<article>\n{heading}{md.renderer.render(tokens, md.options, env)}</article>\n</main>\n</body>\n</html>\n"
    )


def _words(text: str) -> str:
    """*text* with its white space collapsed: a unit's text and a block's inline content compare so."""
    return " ".join(text.split())


_MARKED = {"paragraph_open", "heading_open", "th_open", "td_open"}


def _mark(tokens: list[Any], texts: set[str], source_locale: str) -> None:
    """Give the blocks whose text is one of *texts* the source language and the class ``source-language`` (rule 6).

    A tight list's paragraphs are not rendered as elements: their list item is marked instead.
    """
    tag, direction = bcp47(source_locale), text_direction(source_locale)
    for at, (opening, inline) in enumerate(itertools.pairwise(tokens)):
        if opening.type in _MARKED and inline.type == "inline" and inline.content.strip() and _words(inline.content) in texts:
            if opening.hidden and at > 0 and tokens[at - 1].type == "list_item_open":
                opening = tokens[at - 1]
            opening.attrSet("lang", tag)
            opening.attrSet("dir", direction)
            opening.attrSet("class", "source-language")


def _source_attributes(source_locale: str) -> str:
    return f' lang="{html.escape(bcp47(source_locale))}" dir="{text_direction(source_locale)}" class="source-language"'


def _banner(kind: str, locale: str, source_locale: str) -> str:
    words, code = ui_text(_BANNERS.get(kind, "banner_reviewed"), locale, source_locale)
    words = words.format(language=_language(source_locale, code))
    tag = html.escape(bcp47(code))
    return f'<p class="banner" role="note" lang="{tag}" dir="{text_direction(code)}" data-kind="{kind}">{html.escape(words)}</p>'


def _notice(date: str, locale: str, source_locale: str, original: str | None) -> str:
    words, code = ui_text("updated", locale, source_locale)
    language = _language(source_locale, code)
    text = html.escape(words.format(language=language, date=date))
    if original is not None:
        tag, name = html.escape(bcp47(source_locale)), html.escape(language_names(source_locale)[1])
        text += f' <a href="{html.escape(original)}" hreflang="{tag}" lang="{tag}">{name}</a>'
    tag = html.escape(bcp47(code))
    return f'<p class="notice" role="note" lang="{tag}" dir="{text_direction(code)}">{text}</p>'


def _language(source_locale: str, code: str) -> str:
    """The source language's name, for l10n's words in *code*: in English for English words, else in itself."""
    english, native = language_names(source_locale)
    return english if code.split("_")[0] == "en" else native


def _switcher(locale: str, alternates: Sequence[tuple[str, str]]) -> str:
    label, code = ui_text("languages", locale)
    items = []
    for other, href in sorted(alternates):
        tag = html.escape(bcp47(other))
        native = language_names(other)[1]
        name = html.escape(native[:1].upper() + native[1:])  # a name in a list starts with a capital: "Español"
        current = ' aria-current="page"' if other == locale else ""
        attributes = f'href="{html.escape(href)}" hreflang="{tag}" lang="{tag}" dir="{text_direction(other)}"{current}'
        items.append(f"<li><a {attributes}>{name}</a></li>")
    nav = f'<nav aria-label="{html.escape(label)}" lang="{html.escape(bcp47(code))}">'
    return f"<header>\n{nav}\n<ul>{''.join(items)}</ul>\n</nav>\n</header>"
