"""Inline formatting keeps its counts: emphasis, strong and line breaks (a warning).

Rules:

1. ``markdown`` is a warning: translators italicize loanwords (``os _traits_
   suportados``), Japanese and Chinese drop italics or write them as strong, and a
   hard line break moves with the sentence. None of this changes what the reader
   learns; a reviewer looks.
2. What carries meaning is compared by other checks, as errors: code spans by
   ``protected-spans``, links and images by ``links``, new markup by ``injection``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from l10n.checks.registry import WARNING, Context, check

_MARKUP = {
    "em_open": "emphasis",
    "strong_open": "strong",
    "hardbreak": "line break",
}


@check("markdown", WARNING)
def markdown_structure(ctx: Context) -> Iterator[str]:
    """Emphasis, strong and line breaks keep their counts."""
    source = Counter(_MARKUP[t.type] for t in ctx.inline("source") if t.type in _MARKUP)
    translated = Counter(_MARKUP[t.type] for t in ctx.inline("translation") if t.type in _MARKUP)
    for kind in sorted(set(source) | set(translated)):
        if source[kind] != translated[kind]:
            yield f"{kind}: {translated[kind]} in the translation, {source[kind]} in the source"
