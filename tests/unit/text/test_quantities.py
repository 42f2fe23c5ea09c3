"""Reading quantities in a locale, from ``fixtures/quantities/<locale>.md``, and the data file behind it.

A case's input is a text in the locale the file is named for; the expected output is one
line per quantity :func:`l10n.text.quantities.read` finds, in text order: ``text = value unit``
(a range ``low..high``, a time in minutes after midnight, ``-`` for no unit), with
``(words)`` for a number written in words and ``(ordinal)`` for an ordinal.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from l10n.text import numerals, quantities
from l10n.text.quantities import Quantity, read, show

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "quantities").glob("*.md"))
CASES = [(path.stem, *case) for path in FIXTURES for case in read_fixture_file(path)]
LOCALES = ("en", "es", "fr", "de", "ar", "ja", "ko", "zh")


def describe(quantity: Quantity) -> str:
    if quantity.unit == "time":
        value = show(quantity.low) + (f" or {show(quantity.high)}" if quantity.high != quantity.low else "")
    elif quantity.is_range:
        value = f"{show(quantity.low)}..{show(quantity.high)}"
    else:
        value = show(quantity.low)
    flags = (" (words)" if quantity.spelled else "") + (" (ordinal)" if quantity.ordinal else "")
    return f"{quantity.text} = {value} {quantity.unit or '-'}{flags}"


@pytest.mark.parametrize(("locale", "line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_quantities_fixture(locale: str, line: int, title: str, given: str, expected: str) -> None:
    assert "".join(describe(q) + "\n" for q in read(given.rstrip("\n"), locale)) == expected


@pytest.mark.parametrize("locale", LOCALES)
def test_every_medical_symbol_is_read_in_every_locale(locale: str) -> None:
    for unit, symbols in quantities._data()["medical"].items():
        for symbol in symbols:
            found = read(f"5 {symbol}", locale)
            assert [(q.low, q.unit) for q in found] == [(Decimal(5), unit)], (symbol, found)


@pytest.mark.parametrize(
    ("locale", "text", "unit"),
    [
        ("es", "40 minutos", "duration-minute"),
        ("es", "40 min", "duration-minute"),
        ("de", "40 Minuten", "duration-minute"),
        ("fr", "40 minutes", "duration-minute"),
        ("ja", "40分", "duration-minute"),
        ("ar", "٤٠ دقيقة", "duration-minute"),
        ("ko", "40분", "duration-minute"),
        ("zh", "40分钟", "duration-minute"),
        ("de", "3 Tage", "duration-day"),
        ("fr", "3 jours", "duration-day"),
        ("es", "2 semanas", "duration-week"),
        ("de", "2 Milligramm", "mass-milligram"),
    ],
)
def test_cldr_unit_names_are_read_in_the_target_language(locale: str, text: str, unit: str) -> None:
    assert [q.unit for q in read(text, locale)] == [unit]


def test_every_cldr_unit_of_the_data_file_has_names_in_the_issue_locales() -> None:
    from l10n.core.locales import unit_forms

    for unit in quantities._data()["cldr_units"]:
        assert unit_forms("en", unit), unit
        for locale in ("es", "fr", "de"):
            assert unit_forms(locale, unit) or unit.startswith(("volume-teaspoon", "volume-tablespoon")), (locale, unit)


@pytest.mark.parametrize(
    ("locale", "zeros"),
    [
        ("es", {"0"}),
        ("en", {"0"}),
        ("ar", {"0", "\u0660"}),
        ("fa", {"0", "\u06f0"}),
        ("ja", {"0", "\uff10"}),
        ("hi", {"0", "\u0966"}),
    ],
)
def test_numbering_systems_come_from_cldr(locale: str, zeros: set[str]) -> None:
    assert quantities.zeros(locale) == zeros


def test_foreign_digits_are_listed_once_and_the_source_may_allow_them() -> None:
    text = "Tome \u09ea comprimidos, \u09ea veces"
    assert quantities.foreign_digits(text, "es") == ["\u09ea"]
    assert quantities.foreign_digits(text, "es", quantities.digit_zeros("the digit \u09ea")) == []
    assert quantities.foreign_digits("\u0664\u0660 mg", "ar") == []


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("0,5 ㎎/㎏", "es", "0,5 mg/kg"),
        ("Tome ½ comprimido o 1½", "es", "Tome 0,5 comprimido o 1,5"),
        ("Take ¾ tablet", "en", "Take 0.75 tablet"),
        ("\uff11日\uff12回、\uff15㎖", "ja", "1日2回、5ml"),
        ("手順① と ⑫", "ja", "手順1 と 12"),
        ("\U0001d7d3 \U0001d426\U0001d420", "en", "5 mg"),  # mathematical bold
        ("10⁶ células por m² (estudio¹)", "es", "1000000 células por m (estudio)"),
        ("40 ℃", "de", "40 °C"),
        ("La ketamina es segura.", "es", "La ketamina es segura."),  # nothing else changes
        ("ﾃｽﾄ…", "ja", "テスト…"),
    ],
)
def test_compatibility_forms_are_read_plainly(text: str, locale: str, expected: str) -> None:
    assert numerals.compatible(text, locale) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ensayo de fase III", [3]), ("Typ II und Stufe IV", [2, 4]), ("IV ketamine", []), ("the XIII century", [13]), ("MIX", [])],
)
def test_roman_numerals_after_a_word_are_spelled_numbers(text: str, expected: list[int]) -> None:
    found = [q for q in quantities.read(text, "es") if q.spelled]
    assert [int(q.low) for q in found] == expected
