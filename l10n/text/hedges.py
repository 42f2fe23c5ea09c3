"""Hedge words: where a text says how sure it is ("may", "generally", "suggests"), in its own language.

"Ketamine may help" is not "ketamine helps": a translation that drops a hedge, or adds one,
changes what a reader is told, and no rule-based check can judge it. The reviewer's page
highlights the hedges of a source and of its translation as it highlights negations
(:mod:`l10n.text.highlights`), so that a reader sees where one side hedges and the other does not.

Rules:

1. The words are data, ``data/hedges.toml``, one table per language with the keys of
   ``data/negations.toml``, matched the same way (:func:`l10n.text.negations.lexicon`): a
   locale is looked up by its code, then by its language; a language that is not listed has
   no hedges (nothing is guessed).
2. The file is read once, by this module alone (:data:`DATA`): when the data files are
   folded into one file per language, only :func:`_data` changes.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from l10n.text.negations import Lexicon, Negation, lexicon, table_of

DATA = Path(__file__).resolve().parent.parent / "data" / "hedges.toml"


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def languages() -> tuple[str, ...]:
    """The languages with hedge words, as listed in the data file."""
    return tuple(_data())


@cache
def _lexicon(code: str) -> Lexicon:
    return lexicon(table_of(_data(), code))


def find(text: str, code: str) -> list[Negation]:
    """The hedge words of *text*, written in the language of locale *code* (a :class:`Negation` is any match)."""
    return _lexicon(code).find(text)
