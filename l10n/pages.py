"""Minimal HTML pages of built posts (``l10n build --html``).

Rules:

1. A page is ``<html lang="<BCP 47 tag>" dir="ltr|rtl">`` (the direction from CLDR),
   the front matter's ``title`` as its title, and the Markdown body rendered with
   markdown-it-py (CommonMark and GFM tables). The source's own HTML is kept: it is the
   author's. Translations cannot add any: the ``injection`` check keeps every
   translation with markup that is not in its source out of the post.
2. Each page links to the same post in every locale where it is published
   (``<link rel="alternate" hreflang>``, itself included, as search engines expect),
   with paths relative to the page so the build folder can be served anywhere.
3. No scripts, styles or other assets: the site's templates are the site's business.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from typing import Any

from . import frontmatter
from .errors import SourceError
from .locales import bcp47, text_direction


@cache
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


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


def page(text: str, locale: str, article: str, published: Sequence[str]) -> str:
    """The HTML page of post *text* of *article* in *locale*; *published*: locales with this post.

    The title is the front matter's ``title``, else the first heading's text, else the
    article's file name.
    """
    meta, body = split_front_matter(text)
    md = _renderer()
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = next((tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"), None)
        title = "".join(c.content for c in heading.children or () if c.type in ("text", "code_inline")) if heading else ""
    title = title.strip() or article.rsplit("/", 1)[-1]
    up = "../" * (article.count("/") + 1)
    links = "".join(
        f'<link rel="alternate" hreflang="{html.escape(bcp47(code))}" '
        f'href="{html.escape(up + code + "/" + article + ".html")}">\n'
        for code in sorted(published)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(bcp47(locale))}" dir="{text_direction(locale)}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n{links}</head>\n<body>\n<article>\n"
        f"{md.renderer.render(tokens, md.options, env)}</article>\n</body>\n</html>\n"
    )
