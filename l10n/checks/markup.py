"""Inline formatting keeps its counts: emphasis, strong and line breaks (a warning).

Rules:

1. ``markdown`` is a warning: translators italicize loanwords (``os _traits_
   suportados``), Japanese and Chinese drop italics or write them as strong, and a
   hard line break moves with the sentence. None of this changes what the reader
   learns; a reviewer looks.
2. In a language whose script has no italics (``[markup] no_italics`` of its data file:
   Japanese, Chinese, Korean), emphasis may be dropped or written as strong: emphasis and
   strong are counted together, and only more of them than the source has, or fewer than
   its strong, is reported.
3. What carries meaning is compared by other checks, as errors: code spans by
   ``protected-spans``, links and images by ``links``, new markup by ``injection``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from l10n.checks.registry import WARNING, Context, check
from l10n.core import languages

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
    if languages.table(ctx.locale, "markup").get("no_italics"):  # rule 2
        emphasis = translated["emphasis"] + translated["strong"]
        if source["strong"] <= emphasis <= source["emphasis"] + source["strong"]:
            source, translated = (
                Counter({**source, "emphasis": 0, "strong": 0}),
                Counter({**translated, "emphasis": 0, "strong": 0}),
            )
    for kind in sorted(set(source) | set(translated)):
        if source[kind] != translated[kind]:
            yield f"{kind}: {translated[kind]} in the translation, {source[kind]} in the source"
