"""Locale codes, names and plural rules, from CLDR through Babel.

This is the only module that touches Babel's types. Codes are normalized the way
gettext names catalog folders (``es``, ``pt_BR``, ``zh_Hant``); ``pt-BR`` and
``PT_br`` are accepted as spellings of ``pt_BR``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from .errors import LocaleError


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
def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value ``l10n`` writes for *code*: Babel's table (``babel.messages.plurals``).

    For most locales it picks the forms of CLDR's plural categories; for a few it numbers
    them otherwise (Arabic: Babel's form 4 is CLDR's ``other``, 5 its ``many``), so a
    catalog's own header is compared with :func:`plural_category` too (:mod:`l10n.merge`).
    """
    from babel.messages.plurals import get_plural

    return get_plural(code).plural_forms


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
