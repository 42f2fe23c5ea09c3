"""English words spelled out in kana and Hangul (l10n/text/loanwords.py), read from the book's translations."""

from __future__ import annotations

import pytest

from l10n.text.loanwords import consonants, renderings


@pytest.mark.parametrize(
    ("word", "expected"),
    [("trait", "trt"), ("panic", "pnk"), ("newtype", "ntp"), ("channels", "jnrs"), ("box", "pks"), ("impl", "npr")],
)
def test_consonants(word: str, expected: str) -> None:
    assert consonants(word) == expected


@pytest.mark.parametrize(
    ("word", "text", "locale", "expected"),
    [
        ("trait", "`Contains`トレイトは", "ja", 1),
        ("traits", "トレイト境界とトレイトが", "ja", 2),  # the singular, and a katakana run's beginning
        ("panic", "`unwrap()`がパニックします", "ja", 1),  # パ is not decomposed: its reading is "pa"
        ("newtype", "ニュータイプイディオムは", "ja", 1),
        ("channels", "非同期のチャネルを提供", "ja", 1),
        ("trait", "트레이트는 트레이트를", "ko", 2),  # particles attached
        ("box", "박스에", "ko", 1),
        ("trait", "trait 可以为任何数据类型实现。Traits", "zh", 2),  # plain, case ignored
        ("struct", "構造体も同様に", "ja", 0),  # a native word is not a loanword
        ("enum", "나머지", "ko", 0),  # two consonants (n-m) are too few to tell a loanword
        ("trait", "トレイト", "fi", 0),  # no readings for the language
        ("trait", "traitement", "fr", 0),  # whole words only
    ],
)
def test_renderings(word: str, text: str, locale: str, expected: int) -> None:
    assert renderings(word, text, locale) == expected
