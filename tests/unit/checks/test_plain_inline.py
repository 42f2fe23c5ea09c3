"""A text with no character where a CommonMark inline construct starts or ends is one text token.

The checks read a text's inline tokens (links, markup, injection); ``registry._inline`` makes that
one token itself instead of running markdown-it on such a text. Every text of the shared book's
catalogs (sources and translations in es/ja/ko/zh), of the CommonMark examples and of the shipped
article, and generated texts, is parsed both ways: the tokens must be the same.
"""

from __future__ import annotations

import json

import polib
from conftest import ROOT, SHARED, SPEC, examples, shared_file
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import NO_SCOPE, registry
from l10n.text import links


def _parsed(text: str) -> list[dict[str, object]]:
    md = links.parser()
    tokens: list = []
    md.inline.parse(text, md, NO_SCOPE.env, tokens)
    return [token.as_dict() for token in tokens]


def _shortcut(text: str) -> list[dict[str, object]]:
    return [token.as_dict() for token in registry._inline(text, NO_SCOPE)]


def _texts() -> list[str]:
    texts = [str(example["markdown"]) for example in json.loads(shared_file(SPEC).read_text("utf-8"))]
    texts += [line for path in (ROOT / "source").rglob("*.md") for line in path.read_text("utf-8").split("\n\n")]
    for code in ("es", "ja", "ko", "zh"):
        catalog = polib.pofile(str(shared_file(SHARED / "data" / "rust-by-example" / "po" / f"{code}.po")))
        texts += [text for entry in catalog for text in (entry.msgid, entry.msgstr)]
    return sorted(set(texts))


def test_every_real_text_without_inline_syntax_is_one_text_token() -> None:
    plain = [text for text in _texts() if not registry._INLINE_SYNTAX.search(text)]
    assert len(plain) > 2000
    assert [text for text in plain if _shortcut(text) != _parsed(text)] == []


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t-:#+=>@{}^~$%'\"().,;?/|0é中한ﾟ\u00a0\u200b")), max_size=40))
def test_generated_plain_texts_are_one_text_token(text: str) -> None:
    assert _shortcut(text) == _parsed(text)


def test_a_text_with_inline_syntax_is_parsed() -> None:
    for text in ("a *b*", "[a](b)", "`c`", "a\nb", "a &amp; b", "<b>", "a\\*", "![i](x)"):
        assert registry._INLINE_SYNTAX.search(text)
        assert _shortcut(text) == _parsed(text)
        parsed = _parsed(text)
        assert len(parsed) > 1 or parsed[0]["type"] != "text" or parsed[0]["content"] != text  # not plain text
