"""What the checks no longer report on correct translations (issue 25, precision), in two languages or more."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")


def names(source: str, translation: str, locale: str, kinds: tuple[str, ...] = ()) -> list[str]:
    return [c.name for c, _ in checks.run(checks.Context(source, translation, locale, GLOSSARY, kinds=kinds))]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("tr", "Doz yavaş yavaş artırılmalıdır."),  # noqa: RUF001 (Turkish dotless i)
        ("tr", "Hastalar ara ara kontrol edilmelidir."),
        ("id", "Anak anak tidak boleh minum obat ini."),
    ],
)
def test_reduplication_is_not_a_doubled_word(locale: str, text: str) -> None:
    assert "doubled-word" not in names("The dose is raised slowly.", text, locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [("es", "La dosis se se aumenta despacio."), ("de", "Die Dosis wird wird langsam erhöht.")],
)
def test_a_doubled_word_is_still_reported_elsewhere(locale: str, text: str) -> None:
    assert "doubled-word" in names("The dose is raised slowly.", text, locale)


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ('`format!("{}", foo)` -> `"3735928559"`', ()),
        ("`HashMap`, `BTreeMap`, `VecDeque` and `BinaryHeap`", ()),
        ("Alice, Bob, Carol and Dave", ()),
        ("RUST_LOG, RUST_BACKTRACE, CARGO_HOME and PATH", ()),
    ],
)
@pytest.mark.parametrize("locale", ["ja", "es"])
def test_code_identifiers_and_names_left_as_they_are_are_no_finding(source: str, kinds: tuple[str, ...], locale: str) -> None:
    assert "unchanged" not in names(source, source, locale, kinds)


@pytest.mark.parametrize("locale", ["ja", "es"])
@pytest.mark.parametrize(
    ("source", "kinds"),
    [("Ketamine is safe for most adults.", ()), ("Getting Started With Ketamine Therapy", ("heading",))],
)
def test_prose_left_untranslated_is_still_reported(source: str, kinds: tuple[str, ...], locale: str) -> None:
    assert "unchanged" in names(source, source, locale, kinds)


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("ko", "자세한 내용은 https://example.org/ketamine에서 확인하세요."),
        ("ja", "詳しくはhttps://example.org/ketamineを参照してください。"),
        ("tr", "Ayrıntılar https://example.org/ketamine'den alınabilir."),  # noqa: RUF001 (Turkish dotless i)
        ("fi", "Lisätietoja on osoitteessa https://example.org/ketamine:ssa."),
    ],
)
def test_a_suffix_glued_to_a_url_is_not_part_of_it(locale: str, translation: str) -> None:
    source = "See https://example.org/ketamine for details."
    assert [m for c, m in checks.run(checks.Context(source, translation, locale, GLOSSARY)) if c.name == "protected-spans"] == []


@pytest.mark.parametrize(
    ("locale", "translation"), [("ko", "문의는 info@example.org에게 보내세요."), ("ja", "お問い合わせはinfo@example.orgまで。")]
)
def test_a_suffix_glued_to_an_address_is_not_part_of_it(locale: str, translation: str) -> None:
    source = "Write to info@example.org with questions."
    assert [m for c, m in checks.run(checks.Context(source, translation, locale, GLOSSARY)) if c.name == "protected-spans"] == []


def test_a_changed_url_is_still_an_error_with_a_suffix_glued() -> None:
    ctx = checks.Context("See https://example.org/ketamine.", "https://evil.example/ketamine에서 확인하세요.", "ko", GLOSSARY)
    assert any(c.name == "protected-spans" for c, _ in checks.run(ctx))


RTL_SOURCE = "Ketamine is given at 0.5 mg/kg via Innerwell. Use `ketamine --dose` here."


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        (
            "ar",
            'يُعطى الكيتامين بجرعة <bdi>0.5 mg/kg</bdi> عبر <span dir="ltr">Innerwell</span>.'
            ' استخدم <code dir="ltr">ketamine --dose</code> هنا.',
        ),
        (
            "fa",
            'کتامین با دوز <span dir="ltr">0.5 mg/kg</span> از طریق <bdi>Innerwell</bdi> داده می‌شود. از `ketamine --dose` استفاده کنید.',
        ),
        (
            "he",
            'קטמין ניתן במינון <bdi>0.5 mg/kg</bdi> דרך <span dir="auto">Innerwell</span>. השתמשו ב-<code dir="ltr">ketamine --dose</code> כאן.',
        ),
    ],
)
def test_direction_wrappers_around_source_text_are_allowed_in_rtl_locales(locale: str, translation: str) -> None:
    ctx = checks.Context(RTL_SOURCE, translation, locale, GLOSSARY)
    assert [(c.name, m) for c, m in checks.run(ctx) if c.severity == "error"] == []


@pytest.mark.parametrize(
    ("locale", "translation", "why"),
    [
        ("es", "Se administra a <bdi>0.5 mg/kg</bdi> vía Innerwell. Use `ketamine --dose` aquí.", "not a right-to-left locale"),
        ("ar", "يُعطى <bdi>5 mg/kg</bdi> عبر Innerwell. استخدم `ketamine --dose` هنا.", "the wrapped text is not the source's"),
        ("ar", 'يُعطى 0.5 mg/kg عبر <bdo dir="rtl">Innerwell</bdo>. استخدم `ketamine --dose` هنا.', "<bdo> reorders letters"),
        ("ar", 'يُعطى 0.5 mg/kg عبر <span dir="ltr" onclick="x()">Innerwell</span>. `ketamine --dose`', "another attribute"),
    ],
)
def test_other_markup_stays_an_error(locale: str, translation: str, why: str) -> None:
    ctx = checks.Context(RTL_SOURCE, translation, locale, GLOSSARY)
    assert [c.name for c, _ in checks.run(ctx) if c.severity == "error"], why


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("de", "Week 1: the introduction", "1. Woche: die Einleitung"),
        ("es", "Step 2) Measure the dose", "2) Paso: medir la dosis"),
        ("ja", "Chapter 3. Side effects", "3. 副作用"),
    ],
)
def test_a_heading_that_starts_with_an_ordinal_is_not_a_list(locale: str, source: str, translation: str) -> None:
    heading = checks.Context(source, translation, locale, GLOSSARY, kinds=("heading",))
    assert "injection" not in [c.name for c, _ in checks.run(heading)]
    paragraph = checks.Context(source, translation, locale, GLOSSARY, kinds=("paragraph",))
    assert "injection" in [c.name for c, _ in checks.run(paragraph)]
