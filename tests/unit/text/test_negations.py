"""Negation words (``l10n/text/negations.py``, ``[negations]`` of ``l10n/data/languages/*.toml``), measured against real text.

Each language of the data file is tried on sentences of its own, then on real human
translations of English: the rust-by-example book's catalogs (es, ja, ko, zh) and Debian's
message catalogs (/usr/share/locale). Where the English says "not" (by the English list), the
translation must show a negation word; where it does not, the translation must rarely show one.
"""

from __future__ import annotations

import glob

import polib
import pytest
from conftest import SHARED, shared_file

from l10n.text import negations
from l10n.text.spans import EXACT_KINDS, find_spans

CASES = [
    (
        "en",
        "Ketamine is not addictive, doesn't cause dependence and can’t be taken without advice.",
        ["not", "doesn't", "can’t", "without"],
    ),
    ("en", "Nothing suggests it; never drive, and take none: no.", ["Nothing", "never", "none", "no"]),
    ("en", "Notably, a nonsense knot is known and noted.", []),
    ("en", "non-addictive", ["non"]),
    ("es", "La ketamina no suele ser segura sin supervisión y nunca debe mezclarse.", ["no", "sin", "nunca"]),
    ("es", "Notable: la nota nocturna es segura.", []),
    (
        "fr",
        "La kétamine n’est pas addictive et ne doit jamais être prise sans avis médical.",
        ["n’est", "pas", "ne", "jamais", "sans"],
    ),
    ("fr", "La kétamine est une substance nerveuse, notamment anesthésique.", []),
    ("de", "Ketamin ist nicht sicher und keine Lösung ohne Arzt.", ["nicht", "keine", "ohne"]),
    ("de", "Nichtraucher sind keineswegs Kleinkinder.", []),
    ("it", "La ketamina non è sicura senza controllo medico.", ["non", "senza"]),
    ("pt_BR", "A cetamina não é segura sem supervisão.", ["não", "sem"]),
    ("pt", "Nunca tome a cetamina sem receita.", ["Nunca", "sem"]),
    ("ar", "الكيتامين ليس آمنا ولا يجب تناوله بدون استشارة طبية.", ["ليس", "ولا", "بدون"]),
    ("ar", "الكيتامين آمن عادة.", []),
    ("ru", "Кетамин не безопасен без врача.", ["не", "без"]),
    ("ja", "ケタミンは一般的に安全ではありません。", ["ません"]),
    ("ja", "少ない量でも必ず医師に相談しなければなりません。", []),
    ("ja", "未成年は服用しないでください。", ["未", "ない"]),
    ("ko", "케타민은 일반적으로 안전하지 않습니다.", ["않"]),
    ("ko", "부작용이 없으면 계속 복용할 수 있습니다.", ["없"]),
    ("zh", "氯胺酮通常不安全，未成年人勿用。", ["不安全", "未", "勿"]),  # 不安全 "not safe": one negation
    ("zh", "氯胺酮非常有效，不同剂量不可或缺。", []),
    ("ko", "잘못된 용량", []),
    ("zh_Hant", "氯胺酮通常不安全。", ["不安全"]),
    # ordinary (medical) words written with a negation character are none
    ("ja", "不安や不眠、ビタミン不足、不整脈が見られることがあります。", []),
    ("ja", "不安があっても服用をやめないでください。", ["ない"]),
    ("ja", "この薬は不安全ではありません。", ["不安全", "ません"]),
    ("zh", "焦虑不安、失眠和维生素不足是常见的不良反应。", []),
    ("zh", "不仅有效，而且没有副作用。", ["没"]),
    ("fi", "Ketamiini ei ole turvallinen.", []),  # not listed: nothing is guessed
]


@pytest.mark.parametrize(("locale", "text", "expected"), CASES)
def test_negation_words(locale: str, text: str, expected: list[str]) -> None:
    found = negations.find(text, locale)
    assert [n.text for n in found] == expected
    assert all(text[n.start : n.end] == n.text for n in found)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("fr", "Ne l’arrêtez pas.", 1),  # ne ... pas is one negation
        ("fr", "N’arrêtez jamais et ne doublez pas la dose.", 2),
        ("fr", "Sans avis.", 1),
        ("en", "Do not stop and never double it.", 2),
        ("ja", "不安でも、やめないでください。", 1),
    ],
)
def test_negations_are_counted(locale: str, text: str, expected: int) -> None:
    assert negations.count(negations.find(text, locale), locale) == expected


def test_matches_do_not_overlap() -> None:
    found = negations.find("没有不", "zh")
    assert [(n.start, n.end) for n in found] == [(0, 1), (2, 3)]


def _prose(text: str) -> str:
    """*text* with code, URLs and citations blanked, as the reviewer's page reads it."""
    out = list(text)
    for span in find_spans(text):
        if span.kind in EXACT_KINDS:
            out[span.start : span.end] = " " * (span.end - span.start)
    return "".join(out)


RECALL = 0.85
"""Of the translations of English texts with a negation, the share that must show one."""
EXTRA = 0.15
"""Of the translations of English texts without one, the share that may show one (English ``unsafe``,
``invalid`` become ``不安全``, ``non valido``: those are negations in the translation)."""


def _measure(pairs: list[tuple[str, str]], locale: str) -> tuple[float, float]:
    said = [(_prose(s), _prose(t)) for s, t in pairs if s.strip() != t.strip()]  # left untranslated: no evidence
    negated = [t for s, t in said if negations.find(s, "en")]
    plain = [t for s, t in said if not negations.find(s, "en")]
    assert len(negated) >= 20 and len(plain) >= 100, f"too few {locale} texts to measure"
    recall = sum(bool(negations.find(t, locale)) for t in negated) / len(negated)
    extra = sum(bool(negations.find(t, locale)) for t in plain) / len(plain)
    return recall, extra


BOOK = ["es", "ja", "ko", "zh"]
DEBIAN = ["fr", "de", "it", "pt", "pt_BR", "ar", "ru", "es", "ja", "ko", "zh_CN", "id"]


def test_every_language_listed_is_measured() -> None:
    measured = {code.split("_")[0] for code in [*BOOK, *DEBIAN]} | {"en"}
    assert set(negations.languages()) == measured


@pytest.mark.parametrize("locale", BOOK)
def test_against_the_real_book(locale: str) -> None:
    catalog = polib.pofile(str(shared_file(SHARED / "data" / "rust-by-example" / "po" / f"{locale}.po")))
    pairs = [(e.msgid, e.msgstr) for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete]
    recall, extra = _measure(pairs, locale)
    assert recall >= RECALL and extra <= EXTRA, (locale, round(recall, 3), round(extra, 3))


@pytest.mark.slow  # reads some 400,000 messages
@pytest.mark.parametrize("locale", DEBIAN)
def test_against_debians_catalogs(locale: str) -> None:
    files = sorted(glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo"))
    if not files:
        pytest.skip(f"no {locale} message catalogs on this system")
    pairs = [(e.msgid, e.msgstr) for f in files for e in polib.mofile(f) if e.msgstr and not e.msgid_plural]
    recall, extra = _measure(pairs, locale)
    assert recall >= RECALL and extra <= EXTRA, (locale, round(recall, 3), round(extra, 3))
