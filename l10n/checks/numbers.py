"""Numbers keep their values and their units, read the way a reader of the target locale reads them.

Numbers inside protected spans (code, citations, URLs) are compared exactly elsewhere;
these are the quantities of the prose, as :mod:`l10n.text.quantities` reads them. Rules:

1. Quantities are compared as a multiset of (value, unit): two values swapped between
   their units (``0,5 mg/kg ... 40 min`` becoming ``40 mg/kg ... 0,5 min``) is an error,
   and moving a quantity within the sentence is not. ``1,000`` in Spanish reads as one
   and is reported; ``0.5``, invalid in Spanish notation, is read as one half.
2. Every quantity the source writes in digits is in the translation with the same value
   and unit, in digits or in words (``3 hours`` -> ``trois heures``, ``day 3`` -> ``el tercer
   día``); a range keeps both ends (``2–3`` is ``2 a 3``, and ``2 o 3``); a time is the same
   on a 12- and a 24-hour clock (``4:00 pm`` -> ``16:00``, ``16 h``).
3. A unit may not change (``mg`` -> ``µg``, ``mg/kg`` -> ``mg``, ``40 minutes`` -> ``40 horas``),
   and a dose's or a measurement's unit may not be dropped or added (``50%`` -> ``50``). A
   translation may leave out or add another unit when it keeps the number: ``64 bits`` ->
   ``64 位``, the year ``2015`` -> ``2015年`` (Japanese marks a year as a duration is marked).
4. A number the translation writes in digits must be in the source, in digits or in words
   (``two libraries`` -> ``2 つのライブラリ``, ``more than one`` -> ``2つ以上``), or repeat one
   of its numbers. Otherwise it is an error, except a small bare count (0 to 10, no unit,
   no dosing or frequency word after it: ``3 gotas``, ``3回`` are doses):
   languages make counts explicit (``another file`` -> ``ファイルの1つ``), so that one is the
   warning ``counts``, unless the source spells a count that the translation has nowhere
   (``two libraries`` -> ``3 つのライブラリ``): then the count changed, an error.
5. Digits of a numbering system that the target locale does not use (a Bengali four,
   U+09EA, that looks like an 8 in Spanish text) are the error ``digits``, unless the source has them.
6. A number word that the translation adds as a dose or a schedule (with a unit or a dosing
   or frequency word: ``cuatro cápsulas cada seis horas``, ``二回``) is an error when the
   source has that number nowhere (and misses no number: that is reported already); one
   (``una vez``, ``un día``: articles) and ranks are not.
7. Compatibility forms are read as what they stand for (``㎎``, full-width digits, ``½``,
   ``①``, ``10⁶``, ``fase III``: :func:`l10n.text.numerals.compatible`).
8. A time, a month and a year are the same however the locale's clock and calendar write
   them (:mod:`l10n.text.calendar`): ``3 pm`` is ``오후 3시``, ``午後3時``, ``3 giờ chiều``
   but not ``오전 3시``; ``March 5`` is ``3月5日`` but not ``4月5日``; ``2019`` is ``令和元年``,
   ``二〇一九年`` and ``dos mil diecinueve`` but not ``令和2年``; a month the translation
   writes where the source names none by a date (``in March`` -> ``3月``) is a count (rule 4). An ordinal written for a
   numbered item is its number (``Week 2`` -> ``la segunda semana``, ``둘째 주``); a source's
   number word that the translation writes in digits is counted once against the source's
   digits (``the second week, 2 tablets`` -> ``第3週、2錠`` changed the week).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.text.calendar import MONTH
from l10n.text.numerals import compatible
from l10n.text.pairing import same_quantity as _same
from l10n.text.pairing import units_agree as _units_agree
from l10n.text.quantities import Quantity, digit_zeros, dosing, foreign_digits, read, show

SMALL_COUNT = 10
"""The largest bare number a translation may add as a count, with a warning (rule 4)."""


@dataclass(slots=True)
class Comparison:
    """What differs between the quantities of a source and of its translation."""

    missing: list[Quantity] = field(default_factory=list)
    """Quantities the source writes in digits that the translation does not have."""
    changed: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    """(source, translation): the same value with another unit, or a dose's unit dropped."""
    added: list[Quantity] = field(default_factory=list)
    """Quantities in digits that the translation adds."""
    counts: list[Quantity] = field(default_factory=list)
    """Small bare counts in digits that the translation adds (rule 4)."""
    respelled: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    """(source word, translation digits): a count the source spells that the translation changed."""


@check("numbers", ERROR)
def numbers(ctx: Context) -> Iterator[str]:
    """Numbers (doses, years, counts) keep their values and units, in the target locale's notation."""
    result = _result(ctx)
    for quantity in result.missing:
        yield f"{_what(quantity)} is missing or changed"
    for source, translated in result.changed:
        if not translated.unit:
            yield f"{source.text!r} lost its unit in the translation: {translated.text!r}"
        elif not source.unit:
            yield f"{translated.text!r} has a unit that the source's {source.text!r} does not have"
        else:
            yield f"{source.text!r} has another unit in the translation: {translated.text!r}"
    for word, quantity in result.respelled:
        yield f"{word.text!r} is {quantity.text} in the translation"
    for quantity in result.added:
        if quantity.unit or quantity.is_range:
            yield f"{_kind(quantity)} {quantity.text!r} is not in the source"
        else:
            shown = show(quantity.low)
            reads = "" if shown == quantity.text else f" (reads as {shown} in {ctx.locale})"
            yield f"number {quantity.text}{reads} is not in the source"


@check("digits", ERROR, waivable=False)  # a look-alike digit is deceptive, like a look-alike letter
def digits(ctx: Context) -> Iterator[str]:
    """Digits are of the numbering systems the target locale uses (no look-alike digits of another script)."""
    allowed = digit_zeros(ctx.prose("source"))
    for digit in foreign_digits(ctx.prose("translation"), ctx.locale, allowed):
        yield f"digit {digit!r} ({unicodedata.name(digit, 'unknown')}) is not a digit that {ctx.locale} uses"


@check("counts", WARNING)
def counts(ctx: Context) -> Iterator[str]:
    """A small count in digits that the source has neither in digits nor in words."""
    for quantity in _result(ctx).counts:
        yield f"count {quantity.text} is not in the source, in digits or in words"


def _result(ctx: Context) -> Comparison:
    """The comparison of the quantities of *ctx*, their compatibility forms read plainly (``㎎``, ``½``)."""
    if "numbers" not in ctx._cache:  # numbers and counts read the same comparison
        source = compatible(ctx.prose("source"), ctx.source_locale)
        ctx._cache["numbers"] = _compare(source, compatible(ctx.prose("translation"), ctx.locale), ctx.locale, ctx.source_locale)
    return ctx._cache["numbers"]  # type: ignore[no-any-return]


def _kind(quantity: Quantity) -> str:
    return "time" if quantity.unit == "time" else "range" if quantity.is_range else "quantity"


def _what(quantity: Quantity) -> str:
    if quantity.unit or quantity.is_range:
        return f"{_kind(quantity)} {quantity.text!r}"
    return f"number {show(quantity.low)}"


@lru_cache(maxsize=256)
def _compare(source: str, translation: str, locale: str, source_locale: str) -> Comparison:
    """Match the quantities of a source and its translation (rules 1-4); computed once for both checks."""
    theirs = read(source, source_locale, source_locale)
    mine = read(translation, locale, source_locale)
    wanted = [q for q in theirs if not q.spelled]
    offered = [q for q in mine if not q.spelled]
    _pair(wanted, offered)
    _pair_ranges(wanted, offered)
    _pair_ranges(offered, wanted, source_first=False)
    result = Comparison()
    for quantity in list(wanted):
        other = next((t for t in offered if t.low == quantity.low and t.high == quantity.high), None)
        if other is not None:
            result.changed.append((quantity, other))
            wanted.remove(quantity)
            offered.remove(other)
    unexplained = [t for t in offered if not any(_same(known, t) for known in theirs)]
    spelled = [q for q in mine if q.spelled]
    if not unexplained:  # a word may stand for a number only when no digit of the translation is a changed one
        _pair(wanted, spelled)
    result.missing = wanted
    dated = any(q.unit == MONTH for q in theirs)
    for quantity in unexplained:  # "in March" -> "3月": a month where the source names none by a date is a count
        loose = _is_count(quantity) or (quantity.unit == MONTH and not dated)
        count = loose and not wanted and not dosing(translation, quantity, locale)
        (result.counts if count else result.added).append(quantity)
    values = {q.low for q in theirs} | {q.high for q in theirs}
    for quantity in spelled:  # "cuatro cápsulas cada seis horas" where the source has no number (rule 6)
        if not wanted and _said_as_dose(quantity, translation, locale) and quantity.low not in values:
            result.added.append(quantity)
    result.added.sort(key=lambda q: q.start)
    words = _unsaid(theirs, mine)
    while result.counts and words:  # "two libraries" -> "3 つのライブラリ": the count changed
        result.respelled.append((words.pop(0), result.counts.pop(0)))
    return result


def _unsaid(theirs: list[Quantity], mine: list[Quantity]) -> list[Quantity]:
    """The number words of the source whose value the translation does not have, counted as a multiset."""
    values = Counter(q.low for q in mine)
    values.subtract(q.low for q in theirs if not q.spelled)  # "the second week, 2 tablets": the 2 is the tablets'
    readings: dict[tuple[int, int], list[Quantity]] = {}
    for quantity in theirs:
        if quantity.spelled and not quantity.text.isdecimal():  # not "more than 3" read as 4 too
            readings.setdefault((quantity.start, quantity.end), []).append(quantity)
    unsaid = []
    for group in readings.values():
        said = next((q.low for q in group if values[q.low] > 0), None)
        if said is None:
            unsaid.append(group[0])
        else:
            values[said] -= 1
    return unsaid


def _pair(wanted: list[Quantity], offered: list[Quantity]) -> None:
    """Remove from both lists each quantity of *wanted* matched by one of *offered*: exact first, then alike."""
    for exact in (True, False):
        for quantity in list(wanted):
            match = next((o for o in offered if (_key(o) == _key(quantity) if exact else _same(quantity, o))), None)
            if match is not None:
                wanted.remove(quantity)
                offered.remove(match)


def _pair_ranges(ranges: list[Quantity], ends: list[Quantity], source_first: bool = True) -> None:
    """A range of one side that the other writes as its two ends (``2–3`` and ``2 o 3``)."""

    def agree(whole: Quantity, end: Quantity) -> bool:
        return _units_agree(whole, end) if source_first else _units_agree(end, whole)

    for quantity in [q for q in ranges if q.is_range]:
        high = next((e for e in ends if not e.is_range and e.low == quantity.high and agree(quantity, e)), None)
        low = next(  # "1 o 2 mg": the unit after the upper end is the lower end's too
            (
                e
                for e in ends
                if not e.is_range and e.low == quantity.low and (agree(quantity, e) or not e.unit) and e is not high
            ),
            None,
        )
        if low is not None and high is not None:
            ranges.remove(quantity)
            ends.remove(low)
            ends.remove(high)


def _said_as_dose(quantity: Quantity, text: str, locale: str) -> bool:
    """A number word that makes a dose or a schedule: with a unit or a dosing word, not an article (one) nor a rank.

    A Han numeral needs a dosing or frequency word (``三回``): with a unit it is too often a
    word of its own (Japanese ``十分`` "enough", Chinese ``十分`` "very").
    """
    if quantity.ordinal or quantity.low == 1:
        return False
    han = unicodedata.name(quantity.text[:1] or " ", "").startswith("CJK")
    return dosing(text, quantity, locale) or (bool(quantity.unit) and not han)


def _key(quantity: Quantity) -> tuple[Decimal | str, Decimal | str, str]:
    return quantity.low, quantity.high, quantity.unit


def _is_count(quantity: Quantity) -> bool:
    value = quantity.low
    return (
        quantity.text.isdecimal()  # "1,000" reading as one in Spanish is no count
        and not quantity.unit
        and isinstance(value, Decimal)
        and value == value.to_integral_value()
        and 0 <= value <= SMALL_COUNT
    )
