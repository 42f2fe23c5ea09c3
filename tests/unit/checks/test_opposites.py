"""Opposites (``opposites`` of ``l10n/checks/glossary.py``, ``[opposites]`` of the language files), in es, fr and de."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n import checks
from l10n.checks.glossary import opposites as check_opposites
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")


def opposites(source: str, translation: str, locale: str) -> list[str]:
    return list(check_opposites(checks.Context(source, translation, locale, GLOSSARY)))


@pytest.mark.parametrize(
    ("locale", "source", "translation", "expected"),
    [
        (
            "es",
            "Ketamine can improve symptoms within hours.",
            "La ketamina puede empeorar los síntomas en cuestión de horas.",
            ["the source says 'improve', the translation its opposite 'empeorar' (improve-worsen)"],
        ),
        (
            "es",
            "It is often administered in low doses via intravenous infusion.",
            "A menudo se administra en dosis altas por vía oral.",
            [
                "the source says 'low', the translation its opposite 'altas' (low-high)",
                "the source says 'intravenous', the translation its opposite 'oral' (oral-intravenous)",
            ],
        ),
        (
            "fr",
            "Take it before meals.",
            "Prenez-le après les repas.",
            [
                "the source says 'before', the translation its opposite 'après' (before-after)",
                "the source says 'before meals', the translation its opposite 'après les repas' (before-after-meals)",
            ],
        ),
        (
            "fr",
            "Ketamine often works within hours, making it an option for fast relief.",
            "La kétamine agit souvent en quelques heures, ce qui en fait une option pour un soulagement lent.",
            ["the source says 'fast', the translation its opposite 'lent' (rapid-slow)"],
        ),
        (
            "de",
            "Ketamine is not approved for children.",
            "Ketamin ist nicht für Erwachsene zugelassen.",
            ["the source says 'children', the translation its opposite 'Erwachsene' (adults-children)"],
        ),
        (
            "de",
            "Ketamine supports long-term mental health benefits.",
            "Ketamin unterstützt kurzfristige Vorteile für die psychische Gesundheit.",
            ["the source says 'long-term', the translation its opposite 'kurzfristige' (short-long-term)"],
        ),
    ],
)
def test_the_opposite_of_the_source_is_an_error(locale: str, source: str, translation: str, expected: list[str]) -> None:
    assert opposites(source, translation, locale) == expected


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        (
            "es",
            "It is often administered in low doses via intravenous infusion.",
            "Se administra en dosis bajas por vía intravenosa.",
        ),
        ("fr", "Take it before meals, not after.", "Prenez-le avant les repas, pas après."),  # both sides: not compared
        ("de", "Ketamine is generally safe for adults.", "Ketamin ist für Erwachsene im Allgemeinen sicher."),
        ("ja", "Ketamine can improve symptoms.", "ケタミンは症状を悪化させることがあります。"),  # no ja pairs: not compared
    ],
)
def test_a_faithful_translation_or_an_unlisted_language_is_no_finding(locale: str, source: str, translation: str) -> None:
    assert opposites(source, translation, locale) == []


@pytest.mark.parametrize("locale", ["es", "fr", "de"])
def test_the_shipped_translations_of_the_seed_article_say_what_it_says(locale: str) -> None:
    path = ROOT / "locales" / locale / "LC_MESSAGES" / "exploring-ketamine.po"
    if not path.exists():
        pytest.skip(f"no {locale} catalog shipped")
    entries = [e for e in polib.pofile(str(path)) if e.msgstr and not e.obsolete]
    if not entries:
        pytest.skip(f"the {locale} catalog has no translation yet")
    assert [(e.msgid, found) for e in entries if (found := opposites(e.msgid, e.msgstr, locale))] == []
