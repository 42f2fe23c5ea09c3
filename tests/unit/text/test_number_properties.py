"""Property tests of the number checks on the seed article and a dosing paragraph.

The seed article (``source/exploring-ketamine.md``) with its shipped Spanish, French and
German translations, plus a dosing paragraph (``0.5 mg/kg`` over ``40 minutes``, ``2–3``
times a week, ``50%``) translated into those languages and Arabic:

1. every unit passes the number checks as it ships;
2. a quantity of any unit changed in value, or in unit, is always an error of ``numbers``;
3. a translation that only moves a quantity within its sentence is never reported.

Every test is derandomized and keeps no example database, so a run is reproducible.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from babel.numbers import format_decimal
from conftest import examples
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from l10n import checks
from l10n.core.locales import unit_forms
from l10n.document import walker
from l10n.glossary.schema import load_glossary
from l10n.text import quantities
from l10n.text.spans import EXACT_KINDS, find_spans

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
DOSING_TEXTS = tomllib.loads((Path(__file__).parents[2] / "fixtures" / "numbers" / "dosing.toml").read_text("utf-8"))
DOSING = DOSING_TEXTS.pop("en")
DOSING_TRANSLATED: dict[str, str] = DOSING_TEXTS
STRICT_UNITS = ("mg", "g", "µg", "kg", "mL", "L", "UI", "mmHg", "%", "‰", "mg/kg", "mcg/kg")
OTHER_UNITS = ("duration-minute", "duration-hour", "duration-day", "duration-week")


def _pairs() -> list[tuple[str, str, str]]:
    """(source, translation, locale) for every translated unit of the seed and the dosing paragraph."""
    source = (ROOT / "source" / "exploring-ketamine.md").read_bytes()
    texts = [unit.text for unit in walker.parse(source, "exploring-ketamine.md").units]
    pairs = []
    for locale in ("es", "fr", "de"):
        catalog = polib.pofile(str(ROOT / "locales" / locale / "LC_MESSAGES" / "exploring-ketamine.po"))
        pairs += [(text, catalog.find(text).msgstr, locale) for text in texts if catalog.find(text)]
    pairs += [(DOSING, translation, locale) for locale, translation in DOSING_TRANSLATED.items()]
    return [pair for pair in pairs if pair[1]]


def number_errors(source: str, translation: str, locale: str) -> list[str]:
    ctx = checks.Context(source, translation, locale, GLOSSARY)
    return [f"[{c.name}] {m}" for c, m in checks.run(ctx) if c.name in ("numbers", "digits") and c.severity == checks.ERROR]


def _movable(translation: str, locale: str) -> list[quantities.Quantity]:
    """The quantities in digits of the prose (not inside a citation, URL or code span)."""
    exact = [s for s in find_spans(translation) if s.kind in EXACT_KINDS]
    return [
        q
        for q in quantities.read(translation, locale)
        if not q.spelled and not any(q.start < s.end and s.start < q.end for s in exact)
    ]


PAIRS = _pairs()
WITH_QUANTITIES = [pair for pair in PAIRS if _movable(pair[1], pair[2])]


def _settings(full: int) -> settings:
    return settings(
        max_examples=examples(full),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def test_the_seed_and_the_dosing_paragraph_pass_as_they_ship() -> None:
    assert len(WITH_QUANTITIES) >= 6  # the year of each catalog, the dosing paragraph in four languages
    for source, translation, locale in PAIRS:
        assert number_errors(source, translation, locale) == [], (locale, translation)


def _split(text: str) -> tuple[str, str]:
    """A quantity's number part and its unit part: ``("0,5", " mg/kg")``."""
    last = max(i for i, ch in enumerate(text) if ch.isdecimal())
    return text[: last + 1], text[last + 1 :]


@_settings(200)
@given(st.sampled_from(WITH_QUANTITIES), st.data())
def test_a_changed_value_is_always_reported(pair: tuple[str, str, str], data: st.DataObject) -> None:
    source, translation, locale = pair
    quantity = data.draw(st.sampled_from(_movable(translation, locale)))
    number, unit = _split(quantity.text)
    old = {quantity.low, quantity.high}
    value = data.draw(
        st.decimals(min_value=0, max_value=100_000, places=data.draw(st.integers(0, 2))).filter(lambda v: v not in old)
    )
    shown = format_decimal(value, locale=locale)
    if quantity.is_range:  # change one end of the range
        low, joint, high = re.fullmatch(r"(\d\S*?)(\D+)(\d\S*)", number).groups()  # type: ignore[union-attr]
        number = shown + joint + high if data.draw(st.booleans()) else low + joint + shown
    else:
        number = shown
    changed = translation[: quantity.start] + number + unit + translation[quantity.end :]
    note(f"{quantity.text!r} -> {number + unit!r}")
    assert number_errors(source, changed, locale)


@_settings(200)
@given(st.sampled_from(WITH_QUANTITIES), st.data())
def test_a_changed_unit_is_always_reported(pair: tuple[str, str, str], data: st.DataObject) -> None:
    source, translation, locale = pair
    quantity = data.draw(st.sampled_from(_movable(translation, locale)))
    number, _ = _split(quantity.text)
    names = list(STRICT_UNITS)
    if quantity.unit:  # a unit may be left out or added only when it is no dose or measurement
        names += [form.strip() for unit in OTHER_UNITS for form in unit_forms(locale, unit)]
    name = data.draw(st.sampled_from(names))
    unit = quantities.read(f"5 {name}", locale)[0].unit
    assume(unit and unit != quantity.unit)
    changed = translation[: quantity.start] + number + "\u00a0" + name + translation[quantity.end :]
    note(f"{quantity.text!r} -> {number + ' ' + name!r}")
    assert number_errors(source, changed, locale)


@_settings(200)
@given(st.sampled_from(WITH_QUANTITIES), st.data())
def test_moving_a_quantity_within_the_sentence_is_not_reported(pair: tuple[str, str, str], data: st.DataObject) -> None:
    source, translation, locale = pair
    quantity = data.draw(st.sampled_from(_movable(translation, locale)))
    removed = translation[: quantity.start].rstrip(" ") + " " + translation[quantity.end :].lstrip(" ")
    removed = removed.strip()
    starts = [m.start() for m in re.finditer(r"(?<= )(?=[^\W\d_])", removed)]
    assume(starts)
    at = data.draw(st.sampled_from(starts))
    moved = removed[:at] + quantity.text + " " + removed[at:]

    def reading(text: str) -> Counter[tuple[object, ...]]:
        return Counter((q.low, q.high, q.unit) for q in _movable(text, locale))

    assume(reading(moved) == reading(translation))  # moved whole: not glued to a unit word or a range
    note(moved)
    assert number_errors(source, moved, locale) == []


@pytest.mark.parametrize(("locale", "translation"), sorted(DOSING_TRANSLATED.items()))
def test_two_values_swapped_between_their_units_are_reported(locale: str, translation: str) -> None:
    found = {q.unit: q for q in quantities.read(translation, locale) if q.unit}
    dose, time = found["mass-milligram/mass-kilogram"], found["duration-minute"]
    dose_number, dose_unit = _split(dose.text)
    time_number, time_unit = _split(time.text)
    swapped = (
        translation[: dose.start]
        + time_number
        + dose_unit
        + translation[dose.end : time.start]
        + dose_number
        + time_unit
        + translation[time.end :]
    )
    assert len(number_errors(DOSING, swapped, locale)) == 2, swapped
    assert sorted(q.low for q in quantities.read(swapped, locale) if q.unit) == sorted(
        q.low for q in quantities.read(translation, locale) if q.unit
    )
    assert Decimal("0.5") in {q.low for q in quantities.read(swapped, locale)}
