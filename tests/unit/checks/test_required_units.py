"""Required units held to more, and text hidden or struck out in any unit (issue 25).

A required unit (the disclaimer: ``<!-- l10n:required -->`` or a ``[build] required``
pattern) turns a dropped sentence and a word turned into code into errors; struck-out
text and Unicode tag characters are errors in every unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
DISCLAIMER = "This article is for information only. It is not medical advice. Talk to your doctor."


def found(source: str, translation: str, locale: str, required: bool) -> list[tuple[str, str, str]]:
    scope = checks.Scope(required=frozenset({source} if required else ()))
    ctx = checks.Context(source, translation, locale, GLOSSARY, scope=scope)
    return [(c.severity, c.name, m) for c, m in checks.run(ctx)]


def names(source: str, translation: str, locale: str, required: bool) -> set[str]:
    return {name for _, name, _ in found(source, translation, locale, required)}


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("es", "Este artículo es solo informativo. No es un consejo médico."),
        ("de", "Dieser Artikel dient nur der Information. Er ist keine medizinische Beratung."),
        ("ja", "この記事は情報提供のみを目的としています。医学的助言ではありません。"),
    ],
)
def test_a_dropped_sentence_of_the_disclaimer_is_an_error(locale: str, translation: str) -> None:
    assert ("error", "required-sentences", "the required unit has 2 sentences where the source has 3") in found(
        DISCLAIMER, translation, locale, required=True
    )
    ordinary = names(DISCLAIMER, translation, locale, required=False)
    assert "required-sentences" not in ordinary


def test_a_faithful_disclaimer_has_no_error() -> None:
    translation = "Este artículo es solo informativo. No es un consejo médico. Hable con su médico."
    assert [f for f in found(DISCLAIMER, translation, "es", required=True) if f[0] == "error"] == []


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("es", "Ketamine is not a substitute for therapy.", "La ketamina `no` sustituye a la terapia."),
        ("fr", "Ketamine is not a substitute for therapy.", "La kétamine ne `remplace` pas la thérapie."),
        ("de", "Stop the dose and call a doctor.", "Beenden Sie die Dosis und `call` einen Arzt."),
    ],
)
def test_prose_turned_into_code_is_an_error_in_a_required_unit(locale: str, source: str, translation: str) -> None:
    required = [(s, n) for s, n, _ in found(source, translation, locale, required=True) if "code" in n]
    assert required == [("error", "required-code-spans")]
    ordinary = [(s, n) for s, n, _ in found(source, translation, locale, required=False) if "code" in n]
    assert ordinary == [("warning", "code-spans")]


@pytest.mark.parametrize(
    ("locale", "source", "translation", "message"),
    [
        (
            "es",
            "Ketamine is not safe with alcohol.",
            "La ketamina ~~no~~ es segura con alcohol.",
            "strikethrough ~~no~~ is not in the source: site generators show it struck out",
        ),
        (
            "de",
            "Do not drive after a dose.",
            "Fahren Sie ~~nicht~~ nach einer Dosis.",
            "strikethrough ~~nicht~~ is not in the source: site generators show it struck out",
        ),
        (
            "es",
            "Ketamine is not safe with alcohol.",
            "La ketamina n\u0336o\u0336 es segura con alcohol.",
            "U+0336 COMBINING LONG STROKE OVERLAY strikes text out: 'n\u0336o\u0336'",
        ),
        (
            "fr",
            "Do not exceed the dose.",
            "Ne dépassez p\u0338a\u0338s\u0338 la dose.",
            "U+0338 COMBINING LONG SOLIDUS OVERLAY strikes text out: 'p\u0338a\u0338s\u0338'",
        ),
    ],
)
def test_struck_out_text_is_an_error_in_every_unit(locale: str, source: str, translation: str, message: str) -> None:
    for required in (False, True):
        assert ("error", "struck-out", message) in found(source, translation, locale, required)


def test_a_strikethrough_the_source_has_is_kept() -> None:
    source = "The old dose ~~10 mg~~ is now 5 mg."
    assert "struck-out" not in names(source, "La dosis antigua ~~10 mg~~ es ahora 5 mg.", "es", False)


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("es", "La ketamina es segura.\U000e0049\U000e0047\U000e004e\U000e004f\U000e0052\U000e0045"),
        ("ja", "ケタミンは安全です\U000e0049\U000e0047\U000e004e\U000e004f\U000e0052\U000e0045。"),
    ],
)
def test_tag_characters_are_an_error(locale: str, translation: str) -> None:
    assert ("error", "tag-characters", "6 Unicode tag characters hide text a reader cannot see: 'IGNORE'") in found(
        "Ketamine is safe.", translation, locale, False
    )
    assert "invisible-characters" not in names("Ketamine is safe.", translation, locale, False)


def test_an_emoji_flag_keeps_its_tags() -> None:
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert not {"tag-characters", "invisible-characters"} & names(f"Scotland {flag}.", f"Escocia {flag}.", "es", False)
    assert not {"tag-characters", "invisible-characters"} & names("Scotland.", f"Escocia {flag}.", "es", False)
