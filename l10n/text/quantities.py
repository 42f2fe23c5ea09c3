"""Quantities: the numbers of a text with their units, read the way a reader of its locale reads them.

Rules:

1. Digits count in the numbering systems of the locale (:func:`l10n.core.locales.numbering_systems`):
   Latin digits everywhere, plus the locale's own decimal systems (Arabic-Indic digits
   U+0660-U+0669 with the Arabic decimal and thousands separators U+066B and U+066C in
   ``ar``), plus full-width digits where the script is written with full-width forms
   (``2つ`` written full-width in Japanese). :func:`foreign_digits` lists the others: a
   Bengali four (U+09EA) inside Spanish text looks like an 8 and is never read as a number.
2. A number is read in the locale's notation, else in the source's (``0.5`` in Spanish
   text is one half, ``1,000`` there is one); what neither reads (a version ``2.27.1``,
   an impossible date ``2024-13-45``) is kept as written and compared as text.
3. A unit after a number is read by its CLDR name or symbol in the locale
   (``babel.units``: ``minutos``, ``min``, ``Minuten``, ``分``) or by the medical symbols of
   ``data/quantities.toml`` (``mg``, ``µg``/``mcg``, ``mL``, ``IU``/``UI``, ``mmHg``, ``%``,
   ``‰``), and divided by another with ``/`` or the locale's word (``mg/kg``, ``mg por kg``).
   A unit is a canonical id (``mass-milligram``), so ``mcg`` and ``µg`` are the same unit.
4. A range keeps both ends: ``2–3``, ``2-3``, ``2~3`` (also full-width), ``2 to 3``, ``2 a 3``, ``2 à 3`` and
   ``2 bis 3`` are one range.
5. Times of day, the months of dates and the years of an era are read first, as
   :mod:`l10n.text.calendar` reads them: ``4:00 pm``, ``16:00``, ``午後3時`` and
   ``3 giờ chiều`` are a time (minutes after midnight), ``3月`` a month, ``令和元年`` 2019.
6. A count followed by a dosing or frequency word of the locale (``[quantities] dosing`` and
   ``frequency`` of the language files: ``3 gotas``, ``tres veces``, ``3回``) is a dose or a
   schedule, not a bare count (:func:`dosing`).
7. Compatibility forms are read as what they stand for (:func:`l10n.text.numerals.compatible`): ``㎎``,
   full-width and mathematical digits, circled numbers, vulgar fractions (``½``),
   ``10⁶``; a Roman numeral after a word (``fase III``) is a spelled number.
8. Times, dates, months of a date and numbers in digits all need a digit (``\\d``, any
   decimal digit, as :data:`_DIGIT_RE` finds it): a text without one is read only for the
   years of an era, Roman numerals and number words. Same readings, most texts read faster.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from itertools import groupby
from typing import Any

from l10n.core import languages, locales
from l10n.text.calendar import era_years, months, times
from l10n.text.number_words import _mine, _spelled, boundary
from l10n.text.numerals import roman

_SPACE = " \u00a0\u202f\u2009"
_SEPARATORS = ".,'’\u066b\u066c"  # and the Arabic decimal and thousands separators
_NUMBER_RE = re.compile(rf"\d+(?:(?:[{_SEPARATORS}]|[\u00a0\u202f\u2009](?=\d))\d+)*")
_SPACED_NUMBER_RE = re.compile(rf"\d+(?:(?:[{_SEPARATORS}\u00a0\u202f\u2009]|[ ](?=\d{{3}}(?!\d)))\d+)*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
_DIGIT_RE = re.compile(r"\d")
"""Any digit: a text without one has no time, date, month of a date or number in digits (rule 8)."""
_DASHES = "-\u2010\u2011\u2012\u2013\u2014~\uff5e\u301c"
_NO_SPACE_SCRIPTS = frozenset({"Jpan", "Hans", "Hant", "Hani", "Thai", "Laoo", "Khmr", "Mymr"})
_FULLWIDTH_SCRIPTS = frozenset({"Jpan", "Hans", "Hant", "Hani", "Kore"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of a text, with its unit: ``0.5 mg/kg``, ``2–3``, ``4:00 pm``, ``three hours``."""

    low: Decimal | str
    """The value, or a range's lower end; a time's minutes after midnight; the text itself when unreadable."""
    high: Decimal | str
    """A range's upper end (``low`` otherwise); for a time without AM/PM, its other half of the day."""
    unit: str
    """A canonical unit id (``mass-milligram/mass-kilogram``), ``time`` for a time of day, or empty."""
    text: str
    """As written."""
    start: int
    end: int
    spelled: bool = False
    """Written in words: stands for a number the other text may write in digits."""
    ordinal: bool = False
    """An ordinal word (``third``, ``tercer``): a rank, not a count."""

    @property
    def is_range(self) -> bool:
        return self.unit != "time" and self.low != self.high

    @property
    def strict(self) -> bool:
        """A dose or a measurement: its unit may not be dropped or added (``strict_categories``)."""
        return any(part.split("-", 1)[0] in _data()["strict_categories"] for part in self.unit.split("/") if part)


@cache
def _data() -> dict[str, Any]:
    """What every language shares: ``l10n/data/quantities.toml``."""
    return languages.shared("quantities")


# --- Digits (rule 1) -----------------------------------------------------------------


@cache
def zeros(code: str) -> frozenset[str]:
    """The zero digits of the decimal numbering systems a reader of *code* uses."""
    table: dict[str, str] = _data()["numbering_systems"]
    found = {table[system] for system in locales.numbering_systems(code) if system in table}
    if locales.script(code) in _FULLWIDTH_SCRIPTS:
        found.add(table["fullwide"])
    return frozenset(found | {"0"})


def _zero(digit: str) -> str:
    return chr(ord(digit) - unicodedata.decimal(digit))


def foreign_digits(text: str, code: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Each digit of *text*, once, that is in no numbering system of *code* nor in *allowed* zeros."""
    mine = zeros(code) | allowed
    return list(dict.fromkeys(ch for ch in _DIGIT_RE.findall(text) if _zero(ch) not in mine))


def digit_zeros(text: str) -> frozenset[str]:
    """The zero digits of the numbering systems whose digits *text* uses."""
    return frozenset(map(_zero, set(_DIGIT_RE.findall(text))))


@lru_cache(maxsize=1 << 14)  # Babel's strict parse is slow, and the same few numbers come back
def _number(token: str, code: str, fallback: str) -> Decimal | str | None:
    """The value of a digit token (rule 2); None when it has digits foreign to *code*."""
    digits = {_zero(ch) for ch in token if ch.isdecimal()}
    if not digits <= zeros(code):
        return None
    table: dict[str, str] = _data()["numbering_systems"]
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in token)
    for system in locales.numbering_systems(code):
        if system != "latn" and table.get(system) in digits:
            decimal, group = locales.number_symbols(code, system)
            latin_decimal, latin_group = locales.number_symbols(code)
            text = text.replace(group, "\0").replace(decimal, latin_decimal).replace("\0", latin_group)
    text = unicodedata.normalize("NFKC", text)
    value = locales.read_number(text, code, fallback)
    return value if value is not None else text


# --- Units (rule 3) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Units:
    names: dict[str, str]
    """Casefolded name -> unit id; names that mean two units are left out."""
    exact: frozenset[str]
    """Names of one or two characters: read only in this exact case (``L``, ``g``, ``h``)."""
    first: re.Pattern[str]
    """A unit right after a number: ``40 min``, ``40-minute``, ``0,5\u202fmg``."""
    alternation: str
    """Every name of :attr:`names` as a pattern, for :func:`_then` (compiled once a unit is met)."""


@cache
def _units(code: str) -> _Units:
    ids: dict[str, set[str]] = {}
    exact: set[str] = set()
    for unit in _data()["cldr_units"]:
        for form in locales.unit_forms(code, unit):
            ids.setdefault(form.strip(_SPACE).casefold(), set()).add(unit)
            exact.add(form.strip(_SPACE))
    for unit, symbols in _data()["medical"].items():
        for symbol in symbols:
            ids.setdefault(symbol.casefold(), set()).add(unit)
            exact.add(symbol)
    names = {name: next(iter(units)) for name, units in ids.items() if len(units) == 1 and name}
    one = _alternation(sorted(names, key=len, reverse=True))
    return _Units(
        names,
        frozenset(name for name in exact if len(name) <= 2),
        re.compile(rf"(?:[ \u00a0\u202f\u2009]|-)?(?P<unit>{one})", re.IGNORECASE),
        one,
    )


def _alternation(names: list[str]) -> str:
    """*names* as one alternation, tried in their order, each followed by its :func:`boundary`.

    A run of names with the same boundary shares one lookahead: ``(?:mg|ml)(?!x)`` backtracks
    through ``mg`` and ``ml`` in order exactly as ``mg(?!x)|ml(?!x)`` does, and compiles one
    character class instead of one per name (18 ms -> 2 ms a locale).
    """
    runs = groupby(names, key=boundary)
    return "|".join(f"(?:{'|'.join(map(re.escape, run))}){after}" for after, run in runs)


@cache  # compiling the names with IGNORECASE is most of a locale's set-up: only once a unit is met
def _then(code: str) -> re.Pattern[str]:
    """A unit dividing the previous one: ``/kg``, `` por kg``."""
    per = "|".join(re.escape(word) for word in _mine(code, "per", []))
    divide = r"[ \u00a0\u202f\u2009]?/[ \u00a0\u202f\u2009]?" + (rf"|[ \u00a0\u202f\u2009]+(?:{per})[ ]+" if per else "")
    return re.compile(rf"(?:{divide})(?P<unit>{_units(code).alternation})", re.IGNORECASE)


def _unit_at(text: str, pos: int, code: str) -> tuple[str, int]:
    """The unit id written at *pos* and the offset after it; ``("", pos)`` when there is none."""
    units = _units(code)
    parts: list[str] = []
    end = pos
    pattern = units.first
    while match := pattern.match(text, end):
        written = match.group("unit")
        if len(written) <= 2 and written not in units.exact:
            break  # "G" or "H" alone: a letter, not the unit g or h
        parts.append(units.names[written.casefold()])
        end = match.end()
        pattern = _then(code)
    return "/".join(parts), end


# --- Reading a text (rules 2-5) ------------------------------------------------------


def read(text: str, code: str, fallback: str = "en") -> list[Quantity]:
    """The quantities of *text* in locale *code* (rules 2-5), in text order; *fallback* is the source's locale.

    Number words are read as :mod:`l10n.text.number_words` reads them.
    """
    return list(_read(text, code, fallback))


@lru_cache(maxsize=1 << 12)  # a source text is read again for every locale it is checked in
def _read(text: str, code: str, fallback: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    digits = _DIGIT_RE.search(text) is not None  # rule 8: most texts have none
    for reader in (times, era_years, months) if digits else (era_years,):  # rule 5: read first, their digits are not counts
        for got in reader(text, code):
            if all(got.end <= a or got.start >= b for a, b in taken):
                found.append(Quantity(got.low, got.high, got.unit, text[got.start : got.end], got.start, got.end, got.spelled))
                taken.append((got.start, got.end))

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    spaced = locales.number_symbols(code)[1] in _SPACE and not any(ch in _SPACE for ch in locales.number_symbols(code)[0])
    for match in _DATE_RE.finditer(text) if digits else ():
        if free(match.start(), match.end()):
            found.append(Quantity(match.group(), match.group(), "", match.group(), match.start(), match.end()))
            taken.append(match.span())
    number_re = _SPACED_NUMBER_RE if spaced else _NUMBER_RE
    tokens = [m for m in number_re.finditer(text) if free(m.start(), m.end())] if digits else []
    ranges = _range_re(code)
    index = 0
    while index < len(tokens):
        first = tokens[index]
        index += 1
        low = _number(first.group().rstrip(_SPACE), code, fallback)
        if low is None:
            continue
        start, end, high = first.start(), first.end(), low
        joined = ranges.match(text, end)
        glued = start > 0 and ((text[start - 1].isalpha() and text[start - 1].isascii()) or text[start - 1] in "-.")
        if joined and not glued and index < len(tokens) and tokens[index].start() == joined.end():
            value = _number(tokens[index].group(), code, fallback)
            if isinstance(low, Decimal) and isinstance(value, Decimal) and value > low:
                high, end = value, tokens[index].end()
                index += 1
        unit, end = _unit_at(text, end, code)
        found.append(Quantity(low, high, unit, text[start:end], start, end))
        taken.append((start, end))
    for start, end, value in roman(text):  # "fase III" is phase 3, a number the other text may write in digits
        if free(start, end):
            found.append(Quantity(value, value, "", text[start:end], start, end, True))
            taken.append((start, end))
    for start, end, value, ordinal in _spelled(text, code):
        if free(start, end):  # "trois heures" has a unit, "el tercer día" does not
            unit, end = ("", end) if ordinal else _unit_at(text, end, code)
            found.append(Quantity(value, value, unit, text[start:end], start, end, True, ordinal))
    return tuple(sorted(found + list(_comparatives(text, found, code)), key=lambda q: q.start))


def _comparatives(text: str, found: list[Quantity], code: str) -> Iterator[Quantity]:
    """For ``more than one``, a spelled 2 as well (the ``comparatives`` of the data file)."""
    phrases: dict[str, int] = _mine(code, "comparatives", {})
    for quantity in found:
        before = text[: quantity.start].rstrip(_SPACE).casefold()
        for phrase, offset in phrases.items():
            if before.endswith(phrase) and isinstance(quantity.low, Decimal) and not quantity.is_range:
                value = quantity.low + offset
                yield Quantity(value, value, quantity.unit, quantity.text, quantity.start, quantity.end, spelled=True)


@cache
def _range_re(code: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in sorted(_mine(code, "ranges", []), key=len, reverse=True)]
    joined = rf"|[ \u00a0\u202f]+(?:{'|'.join(words)})[ \u00a0\u202f]+" if words else ""
    return re.compile(rf"[ \u00a0\u202f\u2009]?[{re.escape(_DASHES)}][ \u00a0\u202f\u2009]?{joined}")


@cache
def _dosing_re(code: str) -> re.Pattern[str] | None:
    words = [*_mine(code, "dosing", []), *_mine(code, "frequency", [])]
    if not words:
        return None
    alternation = _alternation(sorted(set(words), key=len, reverse=True))
    return re.compile(rf"[ \u00a0\u202f\u2009]?(?:{alternation})", re.IGNORECASE)


def dosing(text: str, quantity: Quantity, code: str) -> bool:
    """Whether a dosing or frequency word of *code* follows *quantity* in *text* (rule 6: ``3 gotas``, ``3回``)."""
    pattern = _dosing_re(code)
    return pattern is not None and pattern.match(text, quantity.end) is not None


def show(value: Decimal | str) -> str:
    """A value as the messages print it: ``0.5``, ``1000``, ``2.27.1``."""
    if isinstance(value, str):
        return value
    try:
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    except InvalidOperation:
        return str(value)
