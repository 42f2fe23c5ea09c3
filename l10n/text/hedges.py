"""Hedge words: where a text says how sure it is ("may", "generally", "suggests"), in its own language.

"Ketamine may help" is not "ketamine helps": a translation that drops a hedge, or adds one,
changes what a reader is told, and no rule-based check can judge it. The reviewer's page
highlights the hedges of a source and of its translation as it highlights negations
(:mod:`l10n.text.highlights`), so that a reader sees where one side hedges and the other does not.

Rules:

1. The words are data, the ``[hedges]`` table of each language's file
   (:mod:`l10n.core.languages`), with the keys of the negations and matched the same way
   (:func:`l10n.text.negations.lexicon`): a locale reads its language's file; a language
   without one has no hedges (nothing is guessed).
"""

from __future__ import annotations

from functools import cache

from l10n.core import languages as language_data
from l10n.text.negations import Lexicon, Negation, lexicon


def languages() -> tuple[str, ...]:
    """The languages with hedge words."""
    return tuple(lang for lang in language_data.languages() if language_data.table(lang, "hedges"))


@cache
def _lexicon(code: str) -> Lexicon:
    return lexicon(language_data.table(code, "hedges"))


def find(text: str, code: str) -> list[Negation]:
    """The hedge words of *text*, written in the language of locale *code* (a :class:`Negation` is any match)."""
    return _lexicon(code).find(text)
