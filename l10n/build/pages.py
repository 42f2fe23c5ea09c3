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
   visible banner, "machine translation, not reviewed by a medical professional", in the
   page's language where ``data/ui.toml`` has it, else in the source language. Published
   pages never have either.
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

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


def page(
    text: str,
    locale: str,
    article: str,
    alternates: Sequence[tuple[str, str]] = (),
    *,
    preview: bool = False,
    source_locale: str = "en",
) -> str:
    """The HTML page of post *text* of *article* in *locale*.

    *alternates* are (locale, link relative to this page) of the same post in every locale
    where it is published. The title is the front matter's ``title``, else the first
    heading's text, else the article's file name.
    """
    meta, body = split_front_matter(text)
    md = _renderer()
    env: dict[str, Any] = {}
    tokens = [t for t in md.parse(body, env) if not is_marker(t)]
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = next((tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"), None)
        title = "".join(c.content for c in heading.children or () if c.type in ("text", "code_inline")) if heading else ""
    title = title.strip() or article.rsplit("/", 1)[-1]
    heading = "" if any(t.type == "heading_open" and t.tag == "h1" for t in tokens) else f"<h1>{html.escape(title)}</h1>\n"
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        *(['<meta name="robots" content="noindex">'] if preview else []),
        f"<title>{html.escape(title)}</title>",
        *(
            f'<link rel="alternate" hreflang="{html.escape(bcp47(code))}" href="{html.escape(href)}">'
            for code, href in sorted(alternates)
        ),
        f"<style>\n{STYLE}</style>",
    ]
    top = [_banner(locale, source_locale)] if preview else []
    if len(alternates) > 1:
        top.append(_switcher(locale, alternates))
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(bcp47(locale))}" dir="{text_direction(locale)}">\n<head>\n'
        + "".join(f"{line}\n" for line in head)
        + "</head>\n<body>\n"
        + "".join(f"{part}\n" for part in top)
        + f"<main>\n<article>\n{heading}{md.renderer.render(tokens, md.options, env)}</article>\n</main>\n</body>\n</html>\n"
    )


def _banner(locale: str, source_locale: str) -> str:
    words, code = ui_text("banner", locale, source_locale)
    tag = html.escape(bcp47(code))
    return f'<p class="banner" role="note" lang="{tag}" dir="{text_direction(code)}">{html.escape(words)}</p>'


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
