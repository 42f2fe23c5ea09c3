"""Untranslated text: a sentence of a translation left in the source's language.

A translator who skips a sentence and leaves the English one in place publishes a mixed
page; in the disclaimer, a reader of the target language may not read the one sentence
that matters. The ``unchanged`` check sees only a translation identical to its source;
these checks look at each sentence.

Rules:

1. The translation's prose (code, URLs, citations and do-not-translate terms blanked,
   translator's notes left out) is split into sentences (:mod:`l10n.text.sentences`).
   Proper names are left out too: the words written with a capital letter except the
   first of the sentence, and the words in capitals (acronyms).
2. A sentence is a candidate when it keeps at least :data:`MIN_WORDS` words and most of
   them (:data:`SHARED`) are words of the source: a translated sentence shares only names
   and loanwords with it.
3. A candidate is identified as one of the two languages, source or target, by
   :mod:`l10n.text.language_id` (py3langid's model, loaded only when a candidate is met); a
   sentence it places in the source's language with probability
   :data:`CONFIDENCE` or more is untranslated. A language the model does not know is not
   judged.
4. ``untranslated`` is a warning; in a required unit it is the error
   ``required-untranslated``. A translation identical to its source is ``unchanged``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.core.languages import language
from l10n.text import language_id, sentences

MIN_WORDS = 4
"""The fewest words (names left out) a sentence needs to be judged."""

SHARED = 0.6
"""The share of a sentence's words that must be words of the source for it to be a candidate."""

CONFIDENCE = 0.9
"""The probability of the source's language above which a candidate is untranslated."""

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


@check("untranslated", WARNING)
def untranslated(ctx: Context) -> Iterator[str]:
    """No sentence of the translation is left in the source's language."""
    if not ctx.required:
        yield from _found(ctx)


@check("required-untranslated", ERROR)
def required_untranslated(ctx: Context) -> Iterator[str]:
    """No sentence of a required unit (the disclaimer) is left in the source's language."""
    if ctx.required:
        yield from _found(ctx)


def _found(ctx: Context) -> Iterator[str]:
    if ctx.translation == ctx.source:
        return
    source, target = language(ctx.source_locale), language(ctx.locale)
    if source == target:
        return
    known = {w.casefold() for w in _WORD.findall(ctx.prose("source"))}
    for sentence in sentences.split(ctx.prose("translation")):
        words = _words(sentence)
        if len(words) < MIN_WORDS or sum(w.casefold() in known for w in words) < len(words) * SHARED:
            continue
        found = language_id.identify(" ".join(words), (source, target))
        if found is not None and found[0] == source and found[1] >= CONFIDENCE:
            shown = sentence if len(sentence) <= 80 else sentence[:77] + "..."
            yield f"a sentence is left in {source}: {shown!r}"


def _words(sentence: str) -> list[str]:
    """The words of *sentence* without its proper names and acronyms (rule 1)."""
    found = _WORD.findall(sentence)
    return [w for i, w in enumerate(found) if not w.isupper() and (i == 0 or not w[:1].isupper())]
