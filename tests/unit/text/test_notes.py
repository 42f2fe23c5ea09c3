"""Translator's notes: found in each language's conventions, kept out of the comparisons, never a hiding place."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n import checks
from l10n.glossary.schema import load_glossary
from l10n.text.notes import split_notes

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")


@pytest.mark.parametrize(
    ("text", "kept", "notes"),
    [
        # The real book's Japanese notes (rust-by-example, fn/closures/capture and std_misc/asm).
        ("バーティカルパイプ（訳注：縦線記号`||`）の前に", "バーティカルパイプの前に", ["（訳注：縦線記号`||`）"]),
        ('"クロバー"（訳注：上書き）と呼びます。', '"クロバー"と呼びます。', ["（訳注：上書き）"]),
        ("訳注：これは補足です。次の文です。", "次の文です。", ["訳注：これは補足です。"]),
        ("中文（译注：补充说明）。", "中文。", ["（译注：补充说明）"]),
        ("모듈(역주: 보충 설명)입니다.", "모듈입니다.", ["(역주: 보충 설명)"]),
        (
            "la FDA (N. del T.: la agencia del medicamento de EE. UU.) aprobó",
            "la FDA aprobó",
            ["(N. del T.: la agencia del medicamento de EE. UU.)"],
        ),
        ("la FDA (la agencia del medicamento, N. del T.) aprobó", "la FDA aprobó", ["(la agencia del medicamento, N. del T.)"]),
        ("la FDA (N.d.T. : agence américaine) a approuvé", "la FDA a approuvé", ["(N.d.T. : agence américaine)"]),
        ("la FDA [NdT : agence américaine] a approuvé", "la FDA a approuvé", ["[NdT : agence américaine]"]),
        ("die FDA (US-Behörde – Anm. d. Übers.) hat", "die FDA hat", ["(US-Behörde – Anm. d. Übers.)"]),
        ("die FDA (Anm. d. Ü.: US-Behörde) hat", "die FDA hat", ["(Anm. d. Ü.: US-Behörde)"]),
        ("توصي (ملاحظة المترجم: وكالة الغذاء والدواء) بذلك", "توصي بذلك", ["(ملاحظة المترجم: وكالة الغذاء والدواء)"]),
        # Not notes: no marker, a marker inside a word, a link, raw HTML, a URL, a line break.
        ("a (b) c (nota) d", "a (b) c (nota) d", []),
        ("la [NdT](https://example.org) aquí", "la [NdT](https://example.org) aquí", []),
        ("la FDA (N. del T.: ver <a href=x>) aprobó", "la FDA (N. del T.: ver <a href=x>) aprobó", []),
        ("la FDA (N. del T.: ver https://evil.example) aprobó", "la FDA (N. del T.: ver https://evil.example) aprobó", []),
        ("la FDA (N. del T.: una\nlínea) aprobó", "la FDA (N. del T.: una\nlínea) aprobó", []),
    ],
)
def test_split_notes(text: str, kept: str, notes: list[str]) -> None:
    assert split_notes(text) == (kept, tuple(notes))


def _errors(source: str, translation: str, locale: str) -> list[str]:
    ctx = checks.Context(source, translation, locale, GLOSSARY)
    return [f"[{c.name}] {m}" for c, m in checks.run(ctx) if c.severity == checks.ERROR]


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        # The real book: std_misc/file/... the note adds a code span the source does not have.
        (
            "ja",
            "By using `move` before the vertical pipes we force the closure to take ownership of captured variables.",
            "バーティカルパイプ（訳注：縦線記号`||`）の前に`move`を使用することで、キャプチャする変数の所有権を取ることをクロージャに強制します。",
        ),
        (
            "es",
            "The FDA approved it in 1970.",
            "La FDA (N. del T.: la agencia del medicamento de EE. UU., creada en 1906) la aprobó en 1970.",
        ),
        (
            "fr",
            "The FDA approved it in 1970.",
            "La FDA (N.d.T. : l'agence américaine du médicament, *Food and Drug Administration*) l'a approuvée en 1970.",
        ),
        (
            "de",
            "The FDA approved it in 1970.",
            "Die FDA (US-Arzneimittelbehörde, gegründet 1906 – Anm. d. Übers.) ließ es 1970 zu.",
        ),
        (
            "ar",
            "The FDA approved it in 1970.",
            "وافقت عليه FDA (ملاحظة المترجم: إدارة الغذاء والدواء، أنشئت عام 1906) في عام 1970.",
        ),
    ],
)
def test_a_translators_note_raises_no_error(locale: str, source: str, translation: str) -> None:
    assert _errors(source, translation, locale) == []


def test_a_note_cannot_hide_a_link_or_a_changed_number() -> None:
    link = _errors("The FDA approved it.", "La FDA (N. del T.: ver [aquí](https://evil.example)) la aprobó.", "es")
    assert any(message.startswith("[injection]") for message in link)
    dose = _errors("Take 0.5 mg/kg.", "Tome 5 mg/kg (N. del T.: 0,5 mg/kg).", "es")
    assert any(message.startswith("[numbers]") for message in dose)
