"""The clock and the calendar of a locale: times of day, months of a date, years of an era.

:mod:`l10n.text.quantities` reads these first, so that the digits inside them are not read
again as counts. What differs by language is data: ``[quantities] times`` and the
``[clock]`` and ``[calendar]`` tables of ``l10n/data/languages/<language>.toml``
(:mod:`l10n.core.languages`). Rules:

1. A time of day is minutes after midnight: ``4:00 pm``, ``16:00``, ``16h00`` and ``16 Uhr``
   are 960. A day-period word (CLDR's ``AM``/``PM``, ``오전``/``오후``, ``午前``/``午後``,
   ``上午``/``下午``, and ``[clock] am`` and ``pm``: ``sáng``/``chiều``)
   before or after the hour makes a 12-hour time a 24-hour one: ``오후 3시``, ``午後3時``,
   ``3 giờ chiều`` and ``chiều 3 giờ`` are 15:00, ``오전 3시`` is 3:00, ``12 am`` is 0:00.
2. An hour word (``[quantities] times``: ``時``, ``시``, ``点``, ``Uhr``) marks a time; one
   that is also a duration (``[clock] hours``: ``giờ``, ``6 giờ`` is six hours or six
   o'clock) marks one only with a day period or minutes. Minutes follow it with a minute
   word (``[clock] minutes``: ``3時30分``), or a half word is 30 minutes (``[clock] half``:
   ``3時半``, ``3시 반``). Alone, an hour word that a letter follows (``3点需要``: three
   points) is not read as a time. A time without a day
   period may be either half of the day (``3時`` is 3:00 or 15:00).
3. A month written as a number before a month word (``[calendar] months``: ``3月``,
   ``3월``), 1 to 12, is that month (unit ``date-month``): ``4月`` for March is another
   month. A month named in words (CLDR's names: ``March``, ``marzo``, ``三月``) within a few
   characters of a digit (``March 5``, ``5 de marzo``) stands for its number in digits.
   An ISO date (``2024-03-05``) is its year, its month and its day, so that
   ``2024年3月5日`` and ``5 de marzo de 2024`` are the same date.
4. A year of an era (``[calendar] eras``: ``令和`` from 2019, ``平成`` from 1989, ``民國``
   from 1912) is the year of the common era, with its year word (``[calendar] years``:
   ``年``) and its number in digits, in number words or as ``[calendar] first_year``
   (``元``, 1): ``令和元年`` and ``平成31年`` are 2019, ``令和2年`` is 2020.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from l10n.core import languages, locales
from l10n.text.number_words import _han, _key, _mine, _no_space, _words, boundary

_SP = "[ \u00a0\u202f]?"
_NEVER = "(?!)"
_LETTER_RE = re.compile(r"[^\W_]")
_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")

MONTH = "date-month"
"""The unit of a month of a date (rule 3)."""


class Reading(NamedTuple):
    """A time, month or year of a text, which :mod:`l10n.text.quantities` makes a quantity."""

    start: int
    end: int
    low: Decimal
    high: Decimal
    """A time's other half of the day, when it has no day period (``low`` otherwise)."""
    unit: str
    spelled: bool


def _calendar(code: str) -> dict[str, Any]:
    return languages.table(code, "calendar")


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Whole words of *words*, longest first, any space inside them optional; never matches when empty."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = "".join(_SP if ch in " \u00a0\u202f" else re.escape(ch) for ch in word)
        before = r"(?<![^\W\d_])" if word[0].isalpha() and not _no_space(word[0]) else ""
        parts.append(before + escaped + boundary(word))
    return "|".join(parts) or _NEVER


def _flat(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch not in " \u00a0\u202f\u2009")


@cache
def _periods(code: str) -> dict[str, bool]:
    """Each day-period word of *code*, as :func:`_flat` writes it -> whether it is after noon."""
    am, pm = locales.day_periods(code)
    clock = languages.table(code, "clock")
    found = {_flat(word): False for word in (*am, *clock.get("am", []))}
    found.update({_flat(word): True for word in (*pm, *clock.get("pm", []))})
    return found


@cache
def _durations(code: str) -> frozenset[str]:
    """The hour words of *code* that are also a duration (``[clock] hours``: Vietnamese ``giờ``)."""
    return frozenset(_flat(word) for word in languages.table(code, "clock").get("hours", []))


@cache
def _clock_re(code: str) -> re.Pattern[str]:
    am, pm = locales.day_periods(code)
    clock = languages.table(code, "clock")
    period = _alternation([*am, *pm, *clock.get("am", []), *clock.get("pm", [])])
    hours = _alternation([*_mine(code, "times", []), *clock.get("hours", [])])
    minutes = _alternation(clock.get("minutes", []))
    half = _alternation(clock.get("half", []))
    return re.compile(
        rf"(?<![\d.,:])(?:(?P<pre>{period}){_SP})?(?P<h>\d{{1,2}})"
        rf"(?:(?:[:\uff1a]|(?<=\d)\s?h\s?)(?P<m>\d{{2}})(?::\d{{2}})?(?:{_SP}(?:{hours}))?"
        rf"|{_SP}(?P<word>{hours})(?:{_SP}(?:(?P<wm>\d{{1,2}}){_SP}(?:{minutes})|(?P<half>{half})))?)?"
        rf"(?:{_SP}(?P<post>{period}))?(?![\d.,]\d)",
        re.IGNORECASE,
    )


def times(text: str, code: str) -> Iterator[Reading]:
    """The times of day of *text* (rules 1, 2), in minutes after midnight (unit ``time``)."""
    periods = _periods(code)
    for match in _clock_re(code).finditer(text):
        marker = match.group("post") or match.group("pre") or ""
        minute_text = match.group("m") or match.group("wm")
        if not (minute_text or match.group("word") or match.group("post")):
            continue  # a bare number, or a day period before one without an hour word
        alone = match.group("word") and not (marker or minute_text or match.group("half"))
        if alone and (_LETTER_RE.match(text, match.end()) or _flat(match.group("word")) in _durations(code)):
            continue  # "3点需要": three points; "6 giờ": six hours as often as six o'clock
        hour = int(unicodedata.normalize("NFKC", match.group("h")))
        minute = 30 if match.group("half") else int(unicodedata.normalize("NFKC", minute_text or "0"))
        if hour > 24 or minute > 59:
            continue
        after = periods.get(_flat(marker)) if marker else None
        if after is True and hour < 12:
            hour += 12
        elif after is False and hour == 12:
            hour = 0
        value = Decimal(hour * 60 + minute)
        other = value + 720 if after is None and value < 720 else value
        yield Reading(match.start(), match.end(), value, other, "time", False)


@cache
def _month_re(code: str) -> re.Pattern[str]:
    words = _alternation(_calendar(code).get("months", []))
    return re.compile(rf"(?<![\d.,])(?P<n>\d{{1,2}}){_SP}(?:{words})")


@cache
def _month_names_re(code: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """CLDR's month names of *code* without digits, as written and capitalized -> their numbers."""
    names: dict[str, int] = {}
    for number, name in locales.month_names(code):
        if not any(ch.isdigit() for ch in name):
            names.setdefault(name, number)
            names.setdefault(name[:1].upper() + name[1:], number)
    return re.compile(_alternation(list(names))), names


def months(text: str, code: str) -> Iterator[Reading]:
    """The months of the dates of *text* (rule 3): a number with a month word, a name in words by a digit.

    An ISO date is read here whole: its year, its month and its day.
    """
    for match in _ISO_RE.finditer(text):
        year, month, day = (Decimal(int(group)) for group in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield Reading(match.start(1), match.end(1), year, year, "", False)
            yield Reading(match.start(2), match.end(2), month, month, MONTH, False)
            yield Reading(match.start(3), match.end(3), day, day, "", False)
    for match in _month_re(code).finditer(text):
        number = int(unicodedata.normalize("NFKC", match.group("n")))
        if 1 <= number <= 12:
            yield Reading(match.start(), match.end(), Decimal(number), Decimal(number), MONTH, False)
    pattern, names = _month_names_re(code)
    for match in pattern.finditer(text):
        near = text[max(0, match.start() - 6) : match.start()] + text[match.end() : match.end() + 6]
        if any(ch.isdecimal() for ch in near):
            month = Decimal(names[match.group()])
            yield Reading(match.start(), match.end(), month, month, MONTH, True)


@cache
def _era_re(code: str) -> re.Pattern[str] | None:
    calendar = _calendar(code)
    eras: dict[str, int] = calendar.get("eras", {})
    if not eras:
        return None
    han, _ = _han(code)
    spelled = f"|{han.pattern}" if han else ""
    first = _alternation(calendar.get("first_year", []))
    years = _alternation(calendar.get("years", []))
    return re.compile(rf"(?P<era>{_alternation(list(eras))}){_SP}(?P<n>\d{{1,3}}|{first}{spelled}){_SP}(?:{years})")


def era_years(text: str, code: str) -> Iterator[Reading]:
    """The years of an era of *text*, as years of the common era (rule 4)."""
    pattern = _era_re(code)
    if pattern is None:
        return
    calendar = _calendar(code)
    eras: dict[str, int] = calendar["eras"]
    first: list[str] = calendar.get("first_year", [])
    for match in pattern.finditer(text):
        written = match.group("n")
        if written in first:
            number = 1
        elif written.isdecimal():
            number = int(unicodedata.normalize("NFKC", written))
        else:
            found = _words(code).get(_key(written))
            if found is None or found[1]:
                continue
            number = int(found[0])
        year = Decimal(eras[match.group("era")] + number - 1)
        yield Reading(match.start(), match.end(), year, year, "duration-year", False)
