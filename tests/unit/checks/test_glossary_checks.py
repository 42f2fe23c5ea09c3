"""The glossary checks of issue 25 (``l10n/checks/glossary.py``): opposites, terms counted, kept terms in look-alike letters."""

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


THREE = "Ketamine is an anesthetic. Ketamine acts within hours. Ketamine is studied for depression."


@pytest.mark.parametrize(
    ("locale", "translation", "expected"),
    [
        (
            "es",
            "La ketamina es un anestésico. La ketamina actúa en horas. La esketamina se estudia para la depresión.",
            ['required term "ketamina" appears 2 times, the source names "ketamine" 3 times; \'esketamina\' stands in its place'],
        ),
        (
            "fr",
            "La kétamine est un anesthésique. La kétamine agit en quelques heures. La kétamone est étudiée contre la dépression.",
            ['required term "kétamine" appears 2 times, the source names "ketamine" 3 times; \'kétamone\' stands in its place'],
        ),
        ("es", "La ketamina es un anestésico. Actúa en horas. Se estudia para la depresión.", []),  # pronouns: no finding
        ("fr", "La kétamine est un anesthésique. Elle agit en quelques heures. On l'étudie contre la dépression.", []),
    ],
)
def test_a_required_term_is_counted(locale: str, translation: str, expected: list[str]) -> None:
    ctx = checks.Context(THREE, translation, locale, GLOSSARY)
    assert [m for c, m in checks.run(ctx) if c.name == "term-count"] == expected


@pytest.mark.parametrize(
    ("locale", "translation", "written"),
    [
        ("ja", "\uff26\uff24\uff21\u304c\u627f\u8a8d\u3057\u307e\u3057\u305f\u3002", "\uff26\uff24\uff21"),  # full-width
        ("es", "La \U0001d405\U0001d403\U0001d400 lo aprobó.", "\U0001d405\U0001d403\U0001d400"),  # mathematical bold
        ("de", "Die \U0001d53d\U0001d53b\U0001d538 hat es zugelassen.", "\U0001d53d\U0001d53b\U0001d538"),  # double-struck
    ],
)
def test_a_kept_term_in_compatibility_letters_is_an_error(locale: str, translation: str, written: str) -> None:
    ctx = checks.Context("The FDA approved it.", translation, locale, GLOSSARY)
    assert [(c.severity, c.name, m) for c, m in checks.run(ctx) if c.name == "term-letters"] == [
        ("error", "term-letters", f'term "FDA" is written {written!r}, in compatibility letters: write it as is')
    ]


@pytest.mark.parametrize(("locale", "translation"), [("ja", "FDAが承認しました。"), ("es", "La FDA lo aprobó.")])
def test_a_kept_term_as_is_is_no_finding(locale: str, translation: str) -> None:
    ctx = checks.Context("The FDA approved it.", translation, locale, GLOSSARY)
    assert [c.name for c, _ in checks.run(ctx) if c.name == "term-letters"] == []
