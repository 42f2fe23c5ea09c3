"""Inline Markdown keeps its kinds and counts: emphasis, strong, code, links, images, line breaks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .registry import ERROR, Context, check

_MARKUP = {
    "em_open": "emphasis",
    "strong_open": "strong",
    "code_inline": "inline code",
    "link_open": "link",
    "image": "image",
    "hardbreak": "line break",
}


@check("markdown", ERROR)
def markdown_structure(ctx: Context) -> Iterator[str]:
    """Inline Markdown keeps the same kinds and counts: emphasis, strong, code, links, images."""
    source = Counter(_MARKUP[t.type] for t in ctx.inline("source") if t.type in _MARKUP)
    translated = Counter(_MARKUP[t.type] for t in ctx.inline("translation") if t.type in _MARKUP)
    for kind in sorted(set(source) | set(translated)):
        if source[kind] != translated[kind]:
            yield f"{kind}: {translated[kind]} in the translation, {source[kind]} in the source"
