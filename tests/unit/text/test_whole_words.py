""":class:`l10n.text.terms.WholeWords` finds what the regular expression it stands for finds.

The expression is ``(?<!W)(?:B1|B2|...)(?!W)``, compiled by ``re`` as ``term_pattern`` compiled it
before (one pattern per phrase): *W* the word class of rule 1, each *Bi* a phrase's body. Both are
asked the same questions (``search`` with and without ``pos`` and ``endpos``, ``finditer``,
``findall``) on generated texts made of the phrases themselves, their parts, letters that join a
word (Latin with accents, Cyrillic, digits) and characters that do not (Han, kana, Hangul, ``_``,
spaces, apostrophes, punctuation, combining marks), with phrases of every language's opposites and
negations, and the matches (spans and texts) must be the same.
"""

from __future__ import annotations

import re

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.core import languages
from l10n.text.terms import _WORD_CHAR, _body, any_term_pattern, term_pattern

PHRASES = [
    "ketamine",
    "Crohn's disease",
    "Innerwell",
    "a",
    "no",
    "not",
    "before meals",
    "short-term",
    "term",
    "ケタミン",
    "エスケタミン",
    "성인",
    "成人",
    "über",
    "Ärzte",
    "mg",
    "i",
    "ss",
    "ß",
    "K",
    "a-a",
    "so-so",
]
for _code in languages.languages():
    for _sides in languages.table(_code, "opposites").values():
        PHRASES += [form for side in _sides for form in side][:4]
    PHRASES += list(languages.table(_code, "negations").get("words", []))[:4]
PHRASES = sorted(set(PHRASES))

PIECES = [*PHRASES, *(p[:2] for p in PHRASES), *(p[1:] for p in PHRASES)]
PIECES += [*"abzÉéß\u017fK\u212ak\u03bc1\u0663_ \u3000\n'\u2019-.,()漢かカ한\u0301\u200b\u0130\u0131", "  ", "\t", "x_y"]


def _expression(phrases: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    """How ``term_pattern`` and ``any_term_pattern`` compiled their phrases before."""
    bodies = [body for body in map(_body, phrases) if body]
    if not bodies:
        return re.compile(r"(?!)")
    either = "|".join(bodies)
    scoped = f"(?:{either})" if case_sensitive else f"(?i:{either})"
    return re.compile(rf"(?<!{_WORD_CHAR}){scoped}(?!{_WORD_CHAR})")


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
phrase_sets = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4).map(tuple)


@settings(max_examples=examples(600), deadline=None)
@given(phrases=phrase_sets, case_sensitive=st.booleans(), text=texts, pos=st.integers(0, 12), cut=st.integers(0, 12))
def test_the_same_matches_as_the_expression(
    phrases: tuple[str, ...], case_sensitive: bool, text: str, pos: int, cut: int
) -> None:
    expected = _expression(phrases, case_sensitive)
    found = any_term_pattern(phrases, case_sensitive)
    endpos = max(len(text) - cut, 0)
    assert _spans(found.finditer(text)) == _spans(expected.finditer(text))
    assert found.findall(text) == expected.findall(text)
    assert _spans([found.search(text, pos, endpos)] if found.search(text, pos, endpos) else []) == _spans(
        [expected.search(text, pos, endpos)] if expected.search(text, pos, endpos) else []
    )
    assert _spans(found.finditer(text, pos, endpos)) == _spans(expected.finditer(text, pos, endpos))
    one = phrases[0]
    assert _spans(term_pattern(one, case_sensitive).finditer(text)) == _spans(_expression((one,), case_sensitive).finditer(text))


def test_a_phrase_inside_a_longer_word_and_then_alone() -> None:
    """The engine passes a position whose boundaries fail by one character, not by the match."""
    text = "esketamine ketamine_ ketamines ketamine"
    assert [m.span() for m in term_pattern("ketamine", False).finditer(text)] == [(11, 19), (31, 39)]
    assert any_term_pattern(("short-term", "term"), False).findall("short-terms, long-term") == ["term"]
    assert any_term_pattern(("no", "not"), False).search("nota, not") is not None
    assert term_pattern("a-a", True).findall("xa-a-a") == ["a-a"]  # the second starts inside the first


def test_the_first_phrase_that_ends_a_word_wins_where_several_match() -> None:
    pattern = any_term_pattern(("improve", "improved"), False)
    assert pattern.findall("it improved") == ["improved"]
    assert any_term_pattern(("a b", "a"), True).findall("a bc a b") == ["a", "a b"]


def test_nothing_is_found_without_a_phrase() -> None:
    assert any_term_pattern(("", "  "), False).search("a  b") is None
    assert list(term_pattern("", False).finditer("anything")) == []
