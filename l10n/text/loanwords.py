"""Loanwords: an English word that a translation writes in its own script (``trait`` as トレイト, 트레이트).

Translators of a technical text write a language keyword or a common term as the native word:
in Japanese and Korean that word is often the English one spelled out in kana or Hangul. The
code-span checks ask :func:`renderings` how often a translation writes a word that way, so
that a keyword whose backticks are gone is not taken for a dropped identifier.

Rules:

1. A word is compared by its consonants, read the way loanwords are spelled: ``ph`` ``f``
   ``v`` ``b`` ``p`` are one sound, as are ``g`` ``k`` ``q`` ``ck`` (``c`` before a, o, u),
   ``d`` ``t``, ``s`` ``z`` ``sh`` (``c`` before e, i, y), ``ch`` ``j`` (``g`` before
   e, i, y), ``l`` ``r``, and ``m`` ``n``; ``x`` is ``ks``; vowels, ``y`` and ``w`` are not
   consonants; a consonant repeated is one. ``trait`` reads ``trt``, and so does トレイト
   (``toreito``).
2. A language's own script is read with the ``[loanwords] readings`` of its data file
   (katakana in Hepburn romaji; Hangul decomposed into its jamo, Unicode NFD, in the Revised
   Romanization); a language without readings has no loanwords. A run of characters that all
   have a reading is a word of that script; it renders an English word when the run, or a
   beginning of it (Korean attaches its particles: 트레이트는), reads the same consonants,
   and those are at least :data:`MIN_CONSONANTS` (two consonants, such as ``enum``'s n-m,
   match too many native words).
3. :func:`renderings` counts the places a text writes a word: its runs that render it, and
   the word itself as a whole word in Latin letters (case ignored; Chinese keeps ``trait``),
   each in the singular or the plural (``traits``, ``trait``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from l10n.core import languages

__all__ = ["MIN_CONSONANTS", "consonants", "renderings"]

MIN_CONSONANTS = 3
"""The fewest consonants a word written in another script is recognised by (rule 2)."""

_DIGRAPHS = (("tch", "j"), ("ch", "j"), ("sh", "s"), ("ph", "p"), ("ck", "k"), ("x", "ks"))
_SOFT_RE = re.compile(r"([cg])(?=[eiy])")
_HANGUL_RE = re.compile("[\uac00-\ud7a3]+")
_SOUNDS = str.maketrans("bfvgqcdzlmj", "pppkkktsrnj")


def consonants(word: str) -> str:
    """The consonants of a word in Latin letters, one letter per sound (rule 1)."""
    text = word.lower()
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    text = _SOFT_RE.sub(lambda m: "s" if m.group(1) == "c" else "j", text)
    text = re.sub(r"[^b-df-hj-np-tv-xz]", "", text.translate(_SOUNDS)).replace("w", "")
    return re.sub(r"(.)\1+", r"\1", text)


@cache
def _readings(locale: str) -> dict[str, str]:
    found: dict[str, str] = languages.table(locale, "loanwords").get("readings", {})
    return found


def _forms(word: str) -> set[str]:
    """The word in the singular and the plural (rule 3)."""
    lower = word.lower()
    forms = {lower, lower + "s"}
    for end in ("es", "s"):
        if lower.endswith(end) and len(lower) > len(end) + 1:
            forms.add(lower[: -len(end)])
    return forms


def _renders(run: str, table: dict[str, str], wanted: set[str]) -> bool:
    """Whether the run, or a beginning of it, reads one of the *wanted* consonant strings."""
    reading = ""
    for char in run:
        reading += table[char]
        if consonants(reading) in wanted:
            return True
    return False


def renderings(word: str, text: str, locale: str) -> int:
    """How many times *text* writes *word*: in Latin letters, or spelled out in the script of *locale*."""
    forms = _forms(word)
    plain = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    count = len(re.findall(rf"(?<![^\W_])(?:{plain})(?![^\W_])", text, flags=re.IGNORECASE))
    table = _readings(locale)
    wanted = {c for c in map(consonants, forms) if len(c) >= MIN_CONSONANTS}
    if not table or not wanted:
        return count
    letters = "".join(re.escape(char) for char in sorted(table))
    jamo = _HANGUL_RE.sub(lambda m: unicodedata.normalize("NFD", m.group()), text)
    for run in re.findall(f"[{letters}]+", jamo):
        count += _renders(run, table, wanted)
    return count
