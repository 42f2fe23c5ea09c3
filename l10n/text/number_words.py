"""Number words: the numbers a text spells out (``three``, ``trois``, ``tercer``, ``二``), for :mod:`l10n.text.quantities`.

Rules:

1. Number words (``three``, ``trois``, ``tercer``, ``二``) are read through ``num2words``
   (cardinals and ordinals, with the agreement forms and extra words of the data file) as
   *spelled* quantities: they stand for a number that the other text writes in digits,
   and are never reported themselves.
2. A year in words is a number: ``dos mil diecinueve``, ``twenty nineteen`` (num2words'
   cardinals and years, 1900 to 2100) and, in a language with ``[calendar] year_digits``,
   a year written digit by digit (``二〇一九``).
3. A number phrase is read longest first; words written without spaces (Han, kana) are found
   anywhere in a text, the others only as whole words joined by spaces or hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import Any

from l10n.core import languages

_YEARS = range(1900, 2101)
"""The years read in words (rule 2)."""


def _mine(code: str, key: str, default: Any) -> Any:
    """``[quantities] key`` of *code*'s language file (:mod:`l10n.core.languages`)."""
    return languages.table(code, "quantities").get(key, default)


def language(code: str) -> str:
    """The language subtag of a locale code: ``pt`` for ``pt_BR``."""
    return code.replace("-", "_").split("_", 1)[0].lower()


@cache
def _words(code: str) -> dict[str, tuple[Decimal, bool]]:
    """Number words of *code* (by :func:`_key`) -> (value, is an ordinal)."""
    from num2words import CONVERTER_CLASSES, num2words

    lang = language(code)
    speller = _mine(code, "spelled_as", lang)
    values: dict[str, tuple[Decimal, bool]] = {}
    endings: dict[str, list[str]] = _mine(code, "ordinal_endings", {})
    if speller in CONVERTER_CLASSES:
        cardinals = [*range(0, 101), *range(200, 1001, 100), *_YEARS, 10_000, 1_000_000]
        kinds = (("cardinal", cardinals), ("year", _YEARS), ("ordinal", range(1, 101)))
        for kind, numbers in kinds:
            ordinal = kind == "ordinal"
            for number in numbers:
                try:
                    word = str(num2words(number, lang=speller, to=kind)).casefold()
                except Exception:  # a converter without a form raises anything, KeyError to NotImplementedError
                    continue
                if kind == "year" and _no_space(word):
                    continue  # Japanese writes the year of an era (令和元年): l10n.text.calendar reads those
                forms = [word]
                if ordinal:
                    forms += [word[: -len(end)] + new for end, news in endings.items() if word.endswith(end) for new in news]
                for form in forms:
                    if len(form) > 1 or _no_space(form):  # one Hangul syllable (이, 일) is more often a particle
                        values.setdefault(_key(form), (Decimal(number), ordinal))
    digits = languages.table(code, "calendar").get("year_digits", "")
    for year in _YEARS if digits else ():
        values.setdefault(_key("".join(digits[int(d)] for d in str(year))), (Decimal(year), False))
    for table, ordinal in (("words", False), ("ordinals", True)):
        for word, value in _mine(code, table, {}).items():
            values[_key(word)] = (Decimal(str(value)), ordinal)
    return values


_WORD_RE = re.compile(r"[^\W\d_]+")
_JOINER_RE = re.compile(r"[\s\-]+")


@cache
def _han(code: str) -> tuple[re.Pattern[str] | None, int]:
    """Runs of the characters of *code*'s number words written without spaces, and the longest word."""
    words = [word for word in _words(code) if _no_space(word)]
    if not words:
        return None, 0
    return re.compile("[" + re.escape("".join(sorted(set("".join(words))))) + "]+"), max(map(len, words))


@cache
def _longest(code: str) -> int:
    """How many words the longest number phrase of *code* has."""
    return max((key.count(" ") + 1 for key in _words(code)), default=0)


@cache
def _first_words(code: str) -> frozenset[str]:
    """The first word of every number phrase of *code*, as :func:`_key` writes it: no phrase starts elsewhere."""
    return frozenset(key.split(" ", 1)[0] for key in _words(code))


def _spelled(text: str, code: str) -> Iterator[tuple[int, int, Decimal, bool]]:
    """(start, end, value, is an ordinal) of each number word of *text*: the longest phrase first."""
    values = _words(code)
    longest = _longest(code)
    first = _first_words(code)
    said = not first.isdisjoint(map(str.casefold, _WORD_RE.findall(text)))  # most texts have no number word
    words = list(_WORD_RE.finditer(text)) if said else []
    index = 0
    while index < len(words):
        if words[index].group().casefold() not in first:
            index += 1
            continue
        for size in range(min(longest, len(words) - index), 0, -1):
            run = words[index : index + size]
            if all(_JOINER_RE.fullmatch(text, a.end(), b.start()) for a, b in pairwise(run)):
                found = values.get(_key(text[run[0].start() : run[-1].end()]))
                if found is not None and not _no_space(run[0].group()):
                    yield run[0].start(), run[-1].end(), *found
                    index += size
                    break
        else:
            index += 1
    pattern, width = _han(code)
    for match in pattern.finditer(text) if pattern else ():
        at = match.start()
        while at < match.end():
            size = next((n for n in range(min(width, match.end() - at), 0, -1) if _key(text[at : at + n]) in values), 0)
            if size:
                yield at, at + size, *values[_key(text[at : at + size])]
            at += size or 1


def _key(word: str) -> str:
    """A number word as looked up: casefolded, hyphens and runs of spaces as one space."""
    return " ".join(word.casefold().replace("-", " ").split())


def boundary(word: str) -> str:
    """What may not follow *word*: a letter of its script, when that script separates words.

    ``5 mg`` is not ``5 mgx``, but ``1kgです`` is a kilogram; Korean and Japanese attach
    particles and words to a unit (``3시간을``, ``3時間で``).
    """
    last = word[-1]
    if not last.isalpha() or _no_space(last) or unicodedata.name(last, "").startswith("HANGUL"):
        return ""
    if last.isascii() or unicodedata.name(last, "").startswith("LATIN"):
        return r"(?![0-9A-Za-z\u00c0-\u024f])"
    return r"(?![^\W_])"


def _no_space(word: str) -> bool:
    """Written in a script without spaces between words (Han, kana): found anywhere in a text."""
    return all(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC NUMBER")) for ch in word)
