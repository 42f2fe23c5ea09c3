"""Sentences: where a text's sentences end, in the scripts that end them differently.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by white space and a word that does
not start in lower case (``e.g. this`` does not end one, nor ``Dr.``, ``et al.`` or an
initial), and at the full-width ``。！？``, the Arabic ``؟`` and the Devanagari ``।``
wherever they are. A piece with no letter or digit is no sentence. The omission checks count
sentences, the negation check compares them one by one.
"""

from __future__ import annotations

import re

from l10n.text.terms import visible

__all__ = ["split"]

# An initial, or a common abbreviation: a full stop after one ends no sentence.
_ABBREVIATION = re.compile(
    r"(?:\b\w\.|\b(?:al|approx|ca|cf|dr|etc|e\.g|fig|i\.e|mr|mrs|ms|no|nr|p|pp|prof|sr|sra|st|vol|vs|z\.b))\Z", re.I
)
_LATIN_END = re.compile(r"[.!?…]+[\"'”’»)\]*_]*(?=\s+(\S))")
_WIDE_END = re.compile(r"[。！？؟।]+[」』）)\]\"”’*_]*")


def split(text: str) -> list[str]:
    """The sentences of *text* (as :func:`~l10n.text.terms.visible` reads it), each with its final mark."""
    text = visible(text)
    found: list[str] = []
    pos = 0
    for wide in [*_WIDE_END.finditer(text), None]:
        piece_end = wide.end() if wide else len(text)
        piece = text[pos:piece_end]
        start = 0
        for match in _LATIN_END.finditer(piece):
            before = piece[start : match.start()]
            if match.group(1).islower() or _ABBREVIATION.search(before) or not _has_word(before):
                continue
            found.append(piece[start : match.end()].strip())
            start = match.end()
        if _has_word(piece[start:]):
            found.append(piece[start:].strip())
        elif found and piece[start:].strip():
            found[-1] += " " + piece[start:].strip()
        pos = piece_end
    return found


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)
