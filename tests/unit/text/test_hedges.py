"""Hedge words (``l10n/text/hedges.py``, the ``[hedges]`` tables of ``l10n/data/languages/``): each language's table finds its words."""

from __future__ import annotations

import pytest

from l10n.text import hedges

CASES = [
    ("en", "Ketamine may help and is generally safe; studies suggest it.", ["may", "generally", "suggest"]),
    ("en", "Mayo Clinic: Maybe not.", []),  # whole words only
    ("es", "La ketamina puede ayudar y suele ser segura.", ["puede", "suele"]),
    ("es", "A menudo se tolera bien.", ["A menudo"]),
    ("fr", "La kétamine peut aider et semble généralement sûre.", ["peut", "semble", "généralement"]),
    ("de", "Ketamin kann helfen und ist im Allgemeinen sicher.", ["kann", "im Allgemeinen"]),
    ("it", "La ketamina può aiutare.", ["può"]),
    ("pt_BR", "A cetamina pode ajudar e geralmente é segura.", ["pode", "geralmente"]),
    ("ru", "Кетамин может помочь.", ["может"]),
    ("ar", "قد يساعد الكيتامين.", ["قد"]),
    ("ja", "ケタミンは効果があるかもしれません。", ["かもしれ"]),
    ("zh", "氯胺酮可能有帮助，但不可能立即见效。", ["可能"]),  # 不可能 "impossible" is no hedge
    ("ko", "케타민은 도움이 될 수 있습니다.", ["수 있"]),
    ("fi", "Ketamiini voi auttaa.", []),  # not listed: nothing is guessed
]


@pytest.mark.parametrize(("locale", "text", "expected"), CASES)
def test_hedge_words(locale: str, text: str, expected: list[str]) -> None:
    found = hedges.find(text, locale)
    assert [h.text for h in found] == expected
    assert all(text[h.start : h.end] == h.text for h in found)


def test_every_table_has_only_known_keys_and_is_tested() -> None:
    from l10n.core import languages

    tables = [languages.table(code, "hedges") for code in hedges.languages()]
    assert all(set(table) <= {"words", "parts", "except"} for table in tables)
    assert set(hedges.languages()) == {code.split("_")[0] for code, _, _ in CASES} - {"fi"}
