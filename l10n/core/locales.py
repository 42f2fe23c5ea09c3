"""Locale codes, names, plural rules and number notation, from CLDR through Babel.

The ``Plural-Forms`` header written into catalogs is the exception: it comes from one fixed
table (``data/plural_forms.toml``, GNU gettext's), so that it never changes with Babel's CLDR.

This is the only module that touches Babel's types. Codes are normalized the way
gettext names catalog folders (``es``, ``pt_BR``, ``zh_Hant``); ``pt-BR`` and
``PT_br`` are accepted as spellings of ``pt_BR``.

Numbers are read as CLDR says a reader of the locale writes them: its decimal and group
symbols (``1.000,5`` in Spanish), in Latin digits and in the numbering systems CLDR lists
for it (Arabic-Indic digits with their own separators in ``ar``); units by the names and symbols CLDR gives them
in the locale (``babel.units``: ``40 minutos``, ``40 min``, ``40 Minuten``, ``40 分``).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from l10n.core.errors import LocaleError


@cache
def _known() -> tuple[str, ...]:
    from babel import localedata

    return tuple(sorted(localedata.locale_identifiers()))


@cache
def normalize_locale(code: str) -> str:
    """Return the canonical form of *code*, or raise :class:`LocaleError` with suggestions."""
    from babel import Locale, UnknownLocaleError

    cleaned = code.strip().replace("-", "_")
    try:
        locale = Locale.parse(cleaned)
    except (ValueError, TypeError, UnknownLocaleError):
        locale = None
    if locale is None or str(locale) not in _known():
        hint = _suggest(cleaned)
        msg = f"unknown locale {code!r}{hint}"
        raise LocaleError(msg) from None
    return str(locale)


def _suggest(cleaned: str) -> str:
    """Closest valid codes, by spelling of the code or by the language's English name."""
    from babel import Locale

    lowered = {known.lower(): known for known in _known()}
    close = [lowered[c] for c in difflib.get_close_matches(cleaned.lower(), list(lowered), n=3, cutoff=0.6)]
    names = {name.lower(): code for code, name in Locale("en").languages.items() if code in lowered}
    close = [names[n] for n in difflib.get_close_matches(cleaned.lower(), list(names), n=2, cutoff=0.8)] + close
    close = list(dict.fromkeys(close))[:3]
    return f" (did you mean {', '.join(close)}?)" if close else ""


def bcp47(code: str) -> str:
    """The BCP 47 language tag of a locale code: ``pt_BR`` is ``pt-BR``."""
    return code.replace("_", "-")


@cache
def _plural_table() -> dict[str, Any]:
    """``data/plural_forms.toml``: GNU gettext's table, the locales it does not name, the default."""
    return tomllib.loads(resources.files("l10n").joinpath("data", "plural_forms.toml").read_text("utf-8"))


@cache
def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value ``l10n`` writes for *code*, from one fixed table.

    GNU gettext's table (what ``msginit`` writes) first, then the locales it does not name
    (``data/plural_forms.toml``), each looked up by the code (``pt_BR``) and then by its
    language (``pt``). It never depends on the installed Babel: Babel 2.19 derives its own
    table from CLDR, which gives Spanish, French and Italian a third form for exact millions.
    A catalog's own header is compared with :func:`plural_category` too (:mod:`l10n.catalog.merge`).
    """
    table = _plural_table()
    language = code.split("_", 1)[0]
    for part in ("gettext", "others"):
        for key in (code, language):
            if key in table[part]:
                return str(table[part][key])
    return str(table["default"])


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories in the order gettext numbers their forms (GNU gettext's manual,
Translate Toolkit and Weblate all number Arabic's six forms so)."""


@cache
def plural_category(code: str) -> Callable[[int], str]:
    """CLDR's plural category of a whole number in *code*: ``one``, ``few``, ``many``..."""
    from babel import Locale

    rule = Locale.parse(code).plural_form
    return lambda n: str(rule(n))


@cache
def language_names(code: str) -> tuple[str, str]:
    """The locale's name in English and in itself: ``("Spanish", "español")``."""
    from babel import Locale

    locale = Locale.parse(code)
    return locale.get_display_name("en") or code, locale.get_display_name(locale) or code


def display_name(code: str) -> str:
    """``Spanish - español``: the locale's name in English and in itself."""
    english, native = language_names(code)
    return english if english == native else f"{english} - {native}"


@cache
def text_direction(code: str) -> str:
    """``rtl`` or ``ltr``."""
    from babel import Locale

    return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"


_SPACES = "\u00a0\u202f\u2009 "


def read_number(token: str, locale: str, fallback: str = "en") -> Decimal | None:
    """The value of a number as a reader of *locale* reads it (``1.000,5`` in Spanish).

    A form that is invalid in *locale* but valid in *fallback* (``0.5`` in Spanish) is
    read the *fallback* way; None when neither reads it.
    """
    from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

    for code in (locale, fallback):
        text = token
        group = get_group_symbol(code)
        if group in _SPACES:
            text = "".join(group if ch in _SPACES else ch for ch in text)
        try:
            return parse_decimal(text, code, strict=True)
        except (NumberFormatError, ValueError):
            continue
    return None


@cache
def numbering_systems(code: str) -> tuple[str, ...]:
    """The CLDR numbering systems a reader of *code* meets: Latin, then the locale's default and others.

    ``("latn", "arab")`` for ``ar``, ``("latn", "hanidec", "hans", "hansfin")`` for ``zh``.
    """
    from babel import Locale

    locale = Locale.parse(code)
    systems = ["latn", locale.default_numbering_system, *locale.other_numbering_systems.values()]
    return tuple(dict.fromkeys(systems))


@cache
def number_symbols(code: str, system: str = "latn") -> tuple[str, str]:
    """The decimal and group symbols of *code* in numbering *system*: U+066B and U+066C for ``ar``, ``arab``."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_decimal_symbol(code, numbering_system=system), get_group_symbol(code, numbering_system=system)
    except Exception:  # Babel raises its own error for a system the locale has no symbols for
        return get_decimal_symbol(code), get_group_symbol(code)


@cache
def script(code: str) -> str:
    """The script CLDR says *code* is usually written in: ``Latn``, ``Arab``, ``Jpan``, ``Hans``, ``Kore``."""
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(code)
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = str(likely).split("_")
    return parts[1] if len(parts) > 2 else "Latn"


@cache
def unit_forms(code: str, unit: str) -> tuple[str, ...]:
    """What follows a number of *unit* in *code*, as CLDR writes it: ``(" minutos", " minuto", " min")``.

    Long and short forms, one for each plural category of the locale; forms where the
    number does not come first (``摂氏 5 度``) or that are missing in the locale are left out.
    """
    from babel import Locale
    from babel.numbers import format_decimal
    from babel.units import UnknownUnitError, format_unit

    locale = Locale.parse(code)
    forms: list[str] = []
    for value in _plural_samples(code):
        shown = format_decimal(value, locale=locale, numbering_system="latn")
        for length in ("long", "short"):
            try:
                text = format_unit(value, unit, length, locale=locale, numbering_system="latn")
            except (UnknownUnitError, KeyError, ValueError):
                continue
            if text.startswith(shown) and unit not in text:
                forms.append(text[len(shown) :])
    return tuple(dict.fromkeys(form for form in forms if form.strip()))


@cache
def _plural_samples(code: str) -> tuple[Decimal, ...]:
    """One number of each plural category of *code*: ``1`` and ``5`` in English, six numbers in Arabic."""
    from babel import Locale

    rule = Locale.parse(code).plural_form
    samples: dict[str, Decimal] = {}
    for value in (*range(0, 120), Decimal("1.5")):
        samples.setdefault(rule(value), Decimal(value))
    return tuple(samples.values())


@cache
def day_periods(code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words that mark a time before and after noon in *code* (``AM``, ``a. m.``, ``午後``)."""
    from babel import Locale

    periods = Locale.parse(code).day_periods.get("format", {})
    am: list[str] = []
    pm: list[str] = []
    for width in ("abbreviated", "wide"):
        names = periods.get(width, {})
        am.extend([names["am"]] if names.get("am") else [])
        pm.extend([names["pm"]] if names.get("pm") else [])
    return tuple(dict.fromkeys(am)), tuple(dict.fromkeys(pm))


@cache
def month_names(code: str) -> tuple[tuple[int, str], ...]:
    """The months' names of *code* (wide, in a date and standing alone), with their numbers: ``(3, "marzo")``."""
    from babel.dates import get_month_names

    found = {
        (number, name) for context in ("format", "stand-alone") for number, name in get_month_names("wide", context, code).items()
    }
    return tuple(sorted(found))
