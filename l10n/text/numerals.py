"""Numerals beyond decimal digits: the compatibility forms of numbers and units, and Roman numerals.

A dose can be written with characters that stand for digits or units without being them;
:mod:`l10n.text.quantities` reads quantities from the plain forms this module writes.

Rules:

1. Compatibility characters are written as what they stand for, one by one, and only in
   the blocks where that keeps the meaning: squared units (``㎎`` is ``mg``), full-width
   and half-width forms, mathematical alphanumerics, circled and parenthesized numbers,
   letterlike symbols (``℃``). A full NFKC would also fold what carries meaning elsewhere.
2. A vulgar fraction is its value in the locale's notation (``½`` is ``0,5`` in Spanish,
   ``1½`` is ``1,5``); ``10`` followed by superscript digits is a power of ten (``10⁶``);
   other superscripts (``m²``, a footnote's ``¹``) are left out rather than read as digits.
3. A Roman numeral of two letters or more (I, V and X: 2 to 39) right after a word
   (``fase III``, ``Typ II``) is a number; alone (``IV`` for intravenous) it is not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from l10n.core import locales

__all__ = ["compatible", "roman"]

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RE = re.compile(rf"(?P<ten>(?<![\d.,])10)?(?P<power>[{_SUPERSCRIPTS}]+)")
_FRACTION_RE = re.compile(r"(?:(?P<whole>\d+)[ \u00a0]?)?(?P<fraction>[\u00bc-\u00be\u2150-\u215e])")
_COMPATIBLE_RANGES = (
    (0x2100, 0x214F),  # letterlike symbols: degrees Celsius and Fahrenheit, the script liter
    (0x2460, 0x24FF),  # circled and parenthesized numbers: ①, ⑵, ⒈
    (0x2776, 0x2793),  # dingbat circled numbers: ❶, ➀
    (0x3251, 0x325F),  # circled numbers 21 to 35
    (0x32B1, 0x32BF),  # circled numbers 36 to 50
    (0x3380, 0x33FF),  # squared units: ㎎, ㎖, ㎏, ㎝
    (0xFF01, 0xFFEF),  # full-width and half-width forms
    (0x1D400, 0x1D7FF),  # mathematical alphanumeric symbols: bold, italic, double-struck digits and letters
    (0x1F100, 0x1F10C),  # digits with a full stop or a comma: 🄂
)


def compatible(text: str, code: str) -> str:
    """*text* with the compatibility forms of numbers and units written plainly, as they are read (rules 1, 2).

    ``㎎`` is ``mg``, full-width and mathematical digits are digits, ``①`` is ``1``,
    ``½`` is one half in *code*'s notation (``1½`` is one and a half), ``10⁶`` is a million;
    other superscripts (``m²``, a footnote's ``¹``) are left out rather than read as digits.
    Roman numerals (``Ⅲ``) become letters (``III``), read as numbers in context
    (:func:`roman`). Nothing else changes: NFKC would also fold what carries meaning.
    """
    if text.isascii():
        return text
    decimal = locales.number_symbols(code)[0]

    def fraction(match: re.Match[str]) -> str:
        value = Decimal(str(unicodedata.numeric(match.group("fraction")))).quantize(Decimal("0.001")).normalize()
        value += Decimal(match.group("whole") or 0)
        return format(value, "f").replace(".", decimal)

    def power(match: re.Match[str]) -> str:
        if match.group("ten") is None:
            return ""
        return str(10 ** int(unicodedata.normalize("NFKC", match.group("power"))))

    text = _SUPERSCRIPT_RE.sub(power, _FRACTION_RE.sub(fraction, text))
    return "".join(
        unicodedata.normalize("NFKC", ch) if any(low <= ord(ch) <= high for low, high in _COMPATIBLE_RANGES) else ch
        for ch in text
    )


_ROMAN_RE = re.compile(r"(?<=[^\W\d_] )(?=[IVX]{2})(X{0,3})(IX|IV|V?I{0,3})(?![^\W_])")
"""A Roman numeral of two letters or more after a word (``phase III``, ``Typ II``): a number in context."""


def roman(text: str) -> Iterator[tuple[int, int, Decimal]]:
    """(start, end, value) of each Roman numeral of two letters or more after a word (rule 3)."""
    for match in _ROMAN_RE.finditer(text):
        tens, units = match.group(1), match.group(2)
        value = 10 * len(tens) + {"IX": 9, "IV": 4}.get(units, (5 if units.startswith("V") else 0) + units.count("I"))
        if value:
            yield match.start(), match.end(), Decimal(value)
