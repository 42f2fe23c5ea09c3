"""Whole-word term matching: the one rule for finding a term or a rendering in a text.

The glossary (finding terms, checking renderings, forbidden renderings) and the
protected spans (do-not-translate terms) both match through :func:`term_pattern`, so
what one finds the other finds too.

Rules:

1. A phrase matches only as whole words: not preceded or followed by a Unicode letter
   or digit (``ketamine's`` contains ``ketamine``, ``esketamine`` does not). ``_`` is
   punctuation here, not a word character: it is Markdown emphasis, so ``_Innerwell_``
   contains ``Innerwell``, and so does ``Innerwell_app``.
2. Any run of white space in the phrase matches any run of white space.
3. The apostrophes ``'`` and U+2019 match each other (``Crohn’s`` and ``Crohn's``).
4. Case is ignored unless the phrase is case-sensitive.
5. Phrases are compared in Unicode NFC; callers normalize the text with :func:`nfc`
   where it may be decomposed. A phrase that is empty or only white space matches
   nothing.

This module is the home of every later normalisation of matching (folding confusable
characters, ignoring invisible ones such as soft hyphens and zero-width spaces): a rule
added here holds for the glossary and the protected spans at once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["nfc", "term_pattern"]

_APOSTROPHES = "'\u2019"  # typewriter and typographic: either matches either
_NEVER = re.compile(r"(?!)")


def nfc(text: str) -> str:
    """*text* in Unicode NFC, the form terms are compared in (rule 5)."""
    return unicodedata.normalize("NFC", text)


@cache
def term_pattern(phrase: str, case_sensitive: bool) -> re.Pattern[str]:
    """A pattern that finds *phrase* as whole words (rules 1-5)."""
    body = []
    for piece in re.split(rf"(\s+|[{_APOSTROPHES}])", nfc(phrase).strip()):
        if not piece:
            continue
        if piece.isspace():
            body.append(r"\s+")
        elif piece in _APOSTROPHES:
            body.append(f"[{_APOSTROPHES}]")
        else:
            body.append(re.escape(piece))
    if not body:
        return _NEVER
    # [^\W_] is a letter or digit: \w without the underscore (rule 1).
    return re.compile(rf"(?<![^\W_])(?:{''.join(body)})(?![^\W_])", 0 if case_sensitive else re.IGNORECASE)
