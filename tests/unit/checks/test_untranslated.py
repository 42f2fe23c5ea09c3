"""Sentences left in the source's language (``l10n/checks/untranslated.py``), with the real model of py3langid."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
SOURCE = "Ketamine is given in a clinic. Do not drive for 24 hours after a dose. Talk to your doctor about your other medicines."


def found(source: str, translation: str, locale: str, required: bool = False) -> list[tuple[str, str, str]]:
    scope = checks.Scope(required=frozenset({source} if required else ()))
    ctx = checks.Context(source, translation, locale, GLOSSARY, scope=scope)
    return [(c.severity, c.name, m) for c, m in checks.run(ctx) if "untranslated" in c.name]


LEFT = "Do not drive for 24 hours after a dose."
MIXED = {
    "es": f"La ketamina se administra en una clínica. {LEFT} Hable con su médico sobre sus otros medicamentos.",
    "de": f"Ketamin wird in einer Klinik verabreicht. {LEFT} Sprechen Sie mit Ihrem Arzt über Ihre anderen Medikamente.",
    "ja": f"ケタミンはクリニックで投与されます。{LEFT} 他の薬については医師に相談してください。",
    "zh": f"氯胺酮在诊所给药。{LEFT} 请向医生咨询您正在服用的其他药物。",
}


@pytest.mark.parametrize("locale", sorted(MIXED))
def test_a_sentence_left_in_english_is_a_warning(locale: str) -> None:
    assert found(SOURCE, MIXED[locale], locale) == [("warning", "untranslated", f"a sentence is left in en: {LEFT!r}")]


@pytest.mark.parametrize("locale", ["es", "ja"])
def test_in_a_required_unit_it_is_an_error(locale: str) -> None:
    assert found(SOURCE, MIXED[locale], locale, required=True) == [
        ("error", "required-untranslated", f"a sentence is left in en: {LEFT!r}")
    ]


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("es", "La FDA aprobó Spravato de Janssen en 2019, tras el estudio TRANSFORM-2 de Innerwell."),
        ("de", "Die FDA hat Spravato 2019 zugelassen; siehe `ketamine --dose` und https://example.org/ketamine."),
        ("ja", "FDAは2019年にSpravatoを承認しました。"),
    ],
)
def test_names_code_and_kept_terms_are_not_untranslated(locale: str, translation: str) -> None:
    source = "The FDA approved Spravato by Janssen in 2019, after the TRANSFORM-2 study of Innerwell."
    assert found(source, translation, locale) == []


def test_a_copy_of_the_source_is_unchanged_s_finding() -> None:
    assert found(SOURCE, SOURCE, "es") == []


def test_a_language_the_model_does_not_know_is_not_judged() -> None:
    okina = "\u02bb"  # the Hawaiian glottal stop
    assert found(SOURCE, f"Ho{okina}ohana {okina}ia ka ketamine ma ke ke{okina}ena. {LEFT}", "haw") == []
