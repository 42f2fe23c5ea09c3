"""Data per language: one TOML file per language, ``l10n/data/languages/<language>.toml``.

What the text rules and the checks know of a language beyond what CLDR (through Babel) and
num2words give is data, in one file per language; what every language shares (the medical
units, CLDR's unit ids, the numbering systems) is in ``l10n/data/quantities.toml``. Adding a
language is adding one file: ``tests/unit/core/test_languages.py`` validates every file
against :data:`SCHEMA`.

Rules:

1. A file is named by its language subtag (``pt.toml``); a locale reads the file of its
   language (``pt_BR`` and ``pt-PT`` read ``pt.toml``). A language without a file has no
   data: nothing is guessed (no negation words, no length ratio, no notes markers).
2. Every table and key is optional; a file holds only the tables of :data:`SCHEMA`, each
   key of the kind the schema names (:func:`problems` lists what is wrong, and
   :func:`data` refuses a file with a problem).
3. The tables, and where their figures come from:

   ``name``
       The language's English name.
   ``[negations]``
       ``words`` (whole words, case ignored), ``beginnings`` (French ``n'``), ``endings``
       (English ``n't``), ``parts`` (found anywhere: Chinese, Japanese, Korean) and
       ``except`` (the words a part does not negate in: ``非常``, ``少ない``). Measured
       against the rust-by-example book's catalogs and Debian's message catalogs
       (``tests/unit/text/test_negations.py``): where English says "not" the translation
       shows one in at least 85% of entries. ``doubles`` are the words that, after another
       negation of the same sentence, repeat it rather than add one (Spanish ``no ...
       nunca``, French ``ne ... pas``): the negation check counts them once. ``implied``
       words, and words with one of the ``implied_prefixes`` or ``implied_suffixes``
       (English ``unless``, ``otherwise``, ``unsafe``, ``field-less``), say "not" without
       a negation word: a translation may write a negation for each (``安全でない``,
       ``sin signo``). Measured on the book (``benchmarks/false_alarms.py``).
   ``[hedges]``
       ``words``, ``parts`` and ``except`` as for negations: the words that say how sure a
       statement is (``may``, ``generally``, ``suggests``), which the reviewer's page marks
       and compares sentence by sentence (:mod:`l10n.text.hedges`). Checked on sample
       sentences, not yet measured against real translations.
   ``[notes]``
       ``markers`` of a translator's note (``N. del T.``, ``訳注``): all languages' markers
       are tried on every translation (:mod:`l10n.text.notes`).
   ``[punctuation]``
       ``loose_full_stop``: the language ends with a full stop the sentence English ends
       with a colon, and ends list items as it pleases (measured on the book: 136 ja
       translations end with ``。`` where the source has a colon).
   ``[markup]``
       ``no_italics``: the script has no italics (Han, kana, Hangul): its writers drop
       emphasis or write it as strong (:mod:`l10n.checks.markup`).
   ``[omissions]``
       ``length``: the usual length of a translation into the language, as a ratio of the
       source's, by source language (median over the book's catalogs and Debian's);
       ``doubled``: words a correct sentence repeats (French ``nous nous``);
       ``reduplicates``: the language repeats words on purpose (Turkish ``yavaş yavaş``
       "slowly", Indonesian ``pelan pelan``): no doubled word is reported in it.
   ``[quantities]``
       ``per`` (``mg por kg``), ``ranges`` (``2 a 3``), ``times`` (the hour words of a
       time of day: ``16 Uhr``, ``3時``, ``3 giờ``),
       ``spelled_as`` (the language whose num2words speller writes its number words),
       ``dosing`` and ``frequency`` (the words that make a small count beside them a dose
       or a schedule: ``3 gotas``, ``tres veces por semana``); the tables
       ``comparatives`` (``"more than" = 1``), ``words`` and ``ordinals`` (number words
       num2words lacks) and ``ordinal_endings`` (``o = ["a", "os", "as"]``).
   ``[clock]``
       ``am`` and ``pm``: day-period words besides CLDR's, before or after the hour
       (``sáng``, ``chiều``, ``a.m.``); ``hours``: hour words that are also a duration
       (``giờ``), a time only with a day period or minutes; ``minutes`` (``分``, ``분``) and ``half``
       (``半``, ``반``): the words after the minutes of a time (:mod:`l10n.text.calendar`).
   ``[calendar]``
       ``months`` (``3月``, ``3월``) and ``years`` (``年``): the words after the number of a
       month and of a year of an era; ``eras``: the first year of each era in the common
       era (``令和 = 2019``), ``first_year`` its first year's word (``元``); ``year_digits``:
       the ten digits, zero first, of a year written digit by digit (``二〇一九``).
   ``[opposites]``
       Words that flip a medical meaning: each key names a pair that every language
       writes in its own words (``improve-worsen``), its value the forms of each side
       (``[["mejora", "mejorar"], ["empeora", "empeorar"]]``). A translation that says the
       other side of what its source says is an error (``opposites`` of
       :mod:`l10n.checks.glossary`).
   ``[loanwords]``
       ``readings``: each character of the language's own script, or each jamo a Hangul
       syllable decomposes into, with its reading in Latin letters (Hepburn romaji, the
       Revised Romanization), so that トレイト and 트레이트 read as ``trait``
       (:mod:`l10n.text.loanwords`).
   ``[code_spans]``
       ``implicit_repeats``: the language leaves a name implicit once its sentence has named
       it (Chinese, Japanese, Korean); ``no_plural``: its nouns have no plural, so ``traits``
       written ``trait`` is the same word. Measured on the book: every code span named fewer
       times than in the source in ja, ko and zh (11) was such a name (:mod:`l10n.checks.protected`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from l10n.core.errors import L10nError

__all__ = ["SCHEMA", "data", "languages", "problems", "shared", "table"]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table_of(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, dict) and all(test(item) for item in value.values())


def _pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_strings(side) and side for side in value)


SCHEMA: dict[str, dict[str, Callable[[Any], bool]]] = {
    "negations": {
        "words": _strings,
        "beginnings": _strings,
        "endings": _strings,
        "parts": _strings,
        "except": _strings,
        "doubles": _strings,
        "implied": _strings,
        "implied_prefixes": _strings,
        "implied_suffixes": _strings,
    },
    "hedges": {"words": _strings, "parts": _strings, "except": _strings},
    "notes": {"markers": _strings},
    "punctuation": {"loose_full_stop": lambda value: isinstance(value, bool)},
    "markup": {"no_italics": lambda value: isinstance(value, bool)},
    "omissions": {"length": _table_of(_number), "doubled": _strings, "reduplicates": lambda value: isinstance(value, bool)},
    "quantities": {
        "per": _strings,
        "ranges": _strings,
        "times": _strings,
        "spelled_as": lambda value: isinstance(value, str) and value.isalpha(),
        "dosing": _strings,
        "frequency": _strings,
        "comparatives": _table_of(lambda value: isinstance(value, int) and not isinstance(value, bool)),
        "words": _table_of(_number),
        "ordinals": _table_of(_number),
        "ordinal_endings": _table_of(_strings),
    },
    "clock": {"am": _strings, "pm": _strings, "hours": _strings, "minutes": _strings, "half": _strings},
    "calendar": {
        "months": _strings,
        "years": _strings,
        "eras": _table_of(lambda value: isinstance(value, int) and not isinstance(value, bool)),
        "first_year": _strings,
        "year_digits": lambda value: isinstance(value, str) and len(set(value)) == len(value) == 10,
    },
    "opposites": {"*": _pair},
    "loanwords": {"readings": _table_of(lambda value: isinstance(value, str))},
    "code_spans": {"implicit_repeats": lambda value: isinstance(value, bool), "no_plural": lambda value: isinstance(value, bool)},
}
"""Each table a file may hold, with its keys and a test of each key's value (rule 2); ``*`` is any key."""

DATA = resources.files("l10n").joinpath("data")
"""The folder of the data files: the shared ones, and ``languages/`` with one file per language."""


def language(code: str) -> str:
    """The language subtag of a locale code: ``pt`` for ``pt_BR`` and ``pt-PT``."""
    return code.replace("-", "_").split("_", 1)[0].lower()


@cache
def languages() -> tuple[str, ...]:
    """The languages with a data file, sorted."""
    folder = DATA.joinpath("languages")
    return tuple(sorted(item.name.removesuffix(".toml") for item in folder.iterdir() if item.name.endswith(".toml")))


def problems(parsed: dict[str, Any]) -> list[str]:
    """What is wrong in a language file's parsed contents, by :data:`SCHEMA` (rule 2)."""
    found = []
    for key, value in parsed.items():
        if key == "name":
            if not isinstance(value, str) or not value:
                found.append("name: not a text")
            continue
        keys = SCHEMA.get(key)
        if keys is None or not isinstance(value, dict):
            found.append(f"{key}: not a table of the schema")
            continue
        for name, item in value.items():
            test = keys.get(name, keys.get("*"))
            if test is None:
                found.append(f"{key}.{name}: not a key of the table")
            elif not test(item):
                found.append(f"{key}.{name}: not of the expected kind")
    return found


@cache
def data(code: str) -> dict[str, Any]:
    """Everything the data file of *code*'s language holds (empty when there is none: rule 1)."""
    lang = language(code)
    if lang not in languages():
        return {}
    parsed = tomllib.loads(DATA.joinpath("languages", f"{lang}.toml").read_text("utf-8"))
    wrong = problems(parsed)
    if wrong:
        msg = f"l10n/data/languages/{lang}.toml: {wrong[0]}"
        raise L10nError(msg)
    return parsed


def table(code: str, name: str) -> dict[str, Any]:
    """The table *name* of *code*'s language (empty when it has none)."""
    found: dict[str, Any] = data(code).get(name, {})
    return found


def every(name: str, key: str) -> dict[str, Any]:
    """The value of ``[name] key`` of each language that has one, by language."""
    return {lang: table(lang, name)[key] for lang in languages() if key in table(lang, name)}


@cache
def shared(name: str) -> dict[str, Any]:
    """The shared data file ``l10n/data/<name>.toml`` (what every language reads alike)."""
    return tomllib.loads(DATA.joinpath(f"{name}.toml").read_text("utf-8"))
