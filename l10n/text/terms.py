"""Whole-word term matching, and the normalisation every comparison of texts goes through.

The glossary (finding terms, checking renderings, forbidden renderings) and the
protected spans (do-not-translate terms) both match through :func:`term_pattern`, so
what one finds the other finds too. The glossary and the number checks compare texts
after :func:`visible`; forbidden renderings and look-alikes are found on :func:`fold`.

Rules:

1. A phrase matches only as whole words: not preceded or followed by a Unicode letter
   or digit (``ketamine's`` contains ``ketamine``, ``esketamine`` does not). ``_`` is
   punctuation here, not a word character: it is Markdown emphasis, so ``_Innerwell_``
   contains ``Innerwell``, and so does ``Innerwell_app``. Han, kana and Hangul do not
   join a word either: Chinese and Japanese have no spaces and Korean attaches its
   particles, so ``Innerwellは`` and ``Innerwell은`` contain ``Innerwell``, and a
   rendering in those scripts matches inside a longer run of them.
2. Any run of white space in the phrase matches any run of white space.
3. The apostrophes ``'`` and U+2019 match each other (``Crohn’s`` and ``Crohn's``).
4. Case is ignored unless the phrase is case-sensitive.
5. Phrases are compared in Unicode NFC; callers normalize the text with :func:`nfc`
   where it may be decomposed. A phrase that is empty or only white space matches
   nothing.
6. :func:`visible` is the text as a reader sees it: the characters Unicode calls
   *default ignorable* (:data:`IGNORABLE`: zero-width space and joiners, soft hyphen,
   word joiner, bidirectional marks and controls, variation selectors, BOM...) are
   removed, then the text is put in NFC. ``0,\u200b5`` is ``0,5`` and
   ``Inner\u00adwell`` is ``Innerwell`` to every comparison; reporting such characters
   is the work of the ``deceptive`` checks.
7. :func:`fold` is the confusable-folded form of a text (the skeleton of Unicode
   TR39, after :func:`visible` and NFKC, put back in NFC): two texts that a reader
   cannot tell apart fold alike (``Innerwell`` spelt with a Cyrillic I, U+0406, and
   ``Innerwell``; ``ketamina`` in full-width letters and ``ketamina``). Case is not
   folded (a Latin ``I`` looks like an ``l``, a Greek mu like no ``m``): a phrase that
   ignores case is looked for in its usual casings (``KETAMINA`` in Greek capitals is
   ``ketamina``). The confusables and
   the scripts come from Unicode's own data files as the maintained
   ``confusable_homoglyphs`` package ships them (no hand table here). That data
   lists each confusable pair both ways; the prototype of a pair is the character
   that others map to, and a pair of two characters that only map to each other
   folds to the lower code point (the choice is arbitrary but fixed, so folding
   stays an equivalence).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache

__all__ = [
    "BIDI_CONTROLS",
    "BIDI_MARKS",
    "IGNORABLE",
    "WholeWords",
    "any_term_pattern",
    "fold",
    "folded_search",
    "ignorable",
    "nfc",
    "script",
    "skeleton",
    "term_pattern",
    "visible",
]

_APOSTROPHES = "'\u2019"  # typewriter and typographic: either matches either
# Hangul Jamo, CJK iteration marks and kana, Hangul compatibility Jamo to CJK ideographs, Hangul
# syllables, compatibility ideographs, half-width kana and Hangul, and the supplementary ideographs.
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u3400-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uffdc\U00020000-\U0003134f"
)
_WORD_CHAR = rf"[^\W_{_CJK}]"
"""A letter or digit that joins a word: ``\\w`` without the underscore, nor Han, kana and Hangul (rule 1)."""
_WORD_CHAR_RE = re.compile(_WORD_CHAR)
"""The word class compiled once, case-sensitively: it is the same either way (every code point,
``tests/unit/text/test_terms.py``)."""

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder what a reader sees (``0,5`` shown as ``5,0``)."""

BIDI_MARKS = frozenset("\u200e\u200f\u061c")
"""Left-to-right, right-to-left and Arabic letter marks: what right-to-left text needs around numbers and Latin."""

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): characters
# that render as nothing. Unassigned code points of the ranges are included, as Unicode does.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
IGNORABLE = frozenset(chr(c) for low, high in _IGNORABLE_RANGES for c in range(low, high + 1))
"""Characters removed by :func:`visible` (rule 6)."""

_IGNORABLE_RE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _IGNORABLE_RANGES) + "]")


def nfc(text: str) -> str:
    """*text* in Unicode NFC, the form terms are compared in (rule 5)."""
    return unicodedata.normalize("NFC", text)


def ignorable(char: str) -> bool:
    """Whether *char* is default ignorable: it renders as nothing (rule 6)."""
    return char in IGNORABLE


def visible(text: str) -> str:
    """*text* without its default-ignorable characters, in NFC: what every comparison reads (rule 6).

    The glossary matching and the number checks call it before they compare a source
    with its translation, so a zero-width space or a soft hyphen cannot hide a term or
    a number from them.
    """
    if text.isascii():
        return text
    return nfc(_IGNORABLE_RE.sub("", text))


@cache
def term_pattern(phrase: str, case_sensitive: bool) -> WholeWords:
    """A pattern that finds *phrase* as whole words (rules 1-5)."""
    body = _body(phrase)
    return WholeWords((body,) if body else (), case_sensitive)


@cache
def any_term_pattern(phrases: tuple[str, ...], case_sensitive: bool) -> WholeWords:
    """A pattern that finds any of *phrases* as whole words: it matches a text exactly when
    :func:`term_pattern` of one of them does (one search for many phrases)."""
    return WholeWords(tuple(body for body in map(_body, phrases) if body), case_sensitive)


class WholeWords:
    """What ``re.compile(rf"(?<!{W})(?:B1|B2|...)(?!{W})")`` finds, *W* the word class of rule 1 and
    *Bi* the phrases' bodies (rules 2-4), with the same matches, in the same order, for the
    ``search``, ``finditer`` and ``findall`` that l10n calls (``pos`` and ``endpos`` included).

    Written by hand because compiling the word class (Han, kana and Hangul ranges) takes ``re``
    3 to 4 ms, twice per phrase: 0.13 s in every worker of a build for the opposites alone,
    more with a glossary. Here it is compiled once (:data:`_WORD_CHAR_RE`) and the boundaries
    are tested where a body matches: the leftmost position where one does, then each body in
    its order there, as the regular expression backtracks (a body has one end where it
    matches: its runs of white space are followed by a letter). A position whose boundaries
    fail is passed by one character, as the engine does; the next search starts where a
    match ends. ``tests/unit/text/test_whole_words.py`` compares both on generated texts.
    """

    __slots__ = ("_bodies", "_either")

    def __init__(self, bodies: tuple[str, ...], case_sensitive: bool) -> None:
        flags = 0 if case_sensitive else re.IGNORECASE
        self._either = re.compile("|".join(bodies), flags) if bodies else None
        self._bodies = tuple(re.compile(body, flags) for body in bodies) if len(bodies) > 1 else ()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first whole-word match in ``text[pos:endpos]`` (a word before *pos* counts, as in ``re``)."""
        either = self._either
        if either is None:
            return None
        end = min(endpos, len(text))
        while (found := either.search(text, pos, end)) is not None:
            at = found.start()
            if at == 0 or _WORD_CHAR_RE.match(text, at - 1) is None:
                for match in (found,) if not self._bodies else (b.match(text, at, end) for b in self._bodies):
                    if match is not None and (match.end() == end or _WORD_CHAR_RE.match(text, match.end()) is None):
                        return match
            pos = at + 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """Every whole-word match, left to right, none overlapping."""
        while (match := self.search(text, pos, endpos)) is not None:
            yield match
            pos = match.end()

    def findall(self, text: str) -> list[str]:
        """The text of every whole-word match."""
        return [match.group() for match in self.finditer(text)]


def _body(phrase: str) -> str:
    """The pattern of *phrase* itself, without its word boundaries (rules 2, 3); empty for a blank phrase."""
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
    return "".join(body)


def skeleton(text: str) -> str:
    """The TR39 skeleton of *text*, in NFC: ignorables removed, each character mapped to its prototype."""
    table = _prototypes()
    decomposed = unicodedata.normalize("NFD", _IGNORABLE_RE.sub("", text))
    return nfc("".join(table.get(char, char) for char in decomposed))


def fold(text: str) -> str:
    """The confusable-folded form of *text* (rule 7), in the case a reader sees."""
    return skeleton(unicodedata.normalize("NFKC", visible(text)))


def folded_search(phrase: str, folded: str, case_sensitive: bool) -> bool:
    """Whether *phrase* is found, as whole words, in a text whose :func:`fold` is *folded* (rule 7).

    Case and look-alikes cross (a Latin ``I`` looks like an ``l``, its ``i`` does not; a
    Greek capital mu is an ``M``, its small mu no ``m``), so case is not folded: a phrase that
    ignores case is looked for as written, in lower case, in upper case and capitalized.
    """
    return any(pattern.search(folded) for pattern in _fold_patterns(phrase, case_sensitive))


@cache
def _fold_patterns(phrase: str, case_sensitive: bool) -> tuple[WholeWords, ...]:
    casings = (phrase,) if case_sensitive else (phrase, phrase.lower(), phrase.upper(), phrase.capitalize(), phrase.title())
    return tuple(term_pattern(form, True) for form in dict.fromkeys(fold(casing) for casing in casings))


@cache  # a binary search of the library's table, asked for every letter of every non-ASCII word
def script(char: str) -> str:
    """The Unicode script of *char* in upper case (``LATIN``, ``CYRILLIC``, ``COMMON``...), from Scripts.txt."""
    from confusable_homoglyphs import categories

    return str(categories.alias(char))


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character mapped to its prototype (rule 7), built once from the library's data."""
    from confusable_homoglyphs.confusables import confusables_data

    def clean(text: str) -> str:
        # The data file wraps right-to-left characters in left-to-right marks, for display.
        return text.strip("\u200e\u200f") if len(text) > 1 else text

    partners: dict[str, set[str]] = {}
    for char, entries in confusables_data.items():
        partners.setdefault(clean(char), set()).update(clean(entry["c"]) for entry in entries)
    table: dict[str, str] = {}
    for char, others in partners.items():
        if len(char) != 1 or len(others) != 1:
            continue  # a prototype: several characters map to it (a source maps to one)
        (other,) = others
        if len(other) > 1 or len(partners.get(other, ())) > 1:
            table[char] = other
        elif other < char:
            table[char] = other  # two characters confusable only with each other: the lower one stands for both
    # A prototype of several characters is spelt with the chosen prototypes too, so that a text
    # holding the prototype itself folds to the same string as its look-alikes.
    for char, target in table.items():
        if len(target) > 1:
            table[char] = "".join(table.get(c, c) for c in target)
    return table
