"""The one whole-word term matcher, and its two users: the glossary and the protected spans.

They used to disagree: the glossary found ``Crohn’s`` for ``Crohn's`` but not
``_Innerwell_`` inside emphasis; the spans the other way round. Each case is checked on
the matcher, on both users, and through the checks a translation goes through.
"""

from __future__ import annotations

import pytest

from l10n import checks
from l10n.glossary.model import Glossary, Term
from l10n.text.placeholders import mask
from l10n.text.spans import Term as KeptTerm
from l10n.text.spans import find_spans
from l10n.text.terms import IGNORABLE, any_term_pattern, fold, folded_search, skeleton, term_pattern, visible

INNERWELL = Term("Innerwell", do_not_translate=True, case_sensitive=True)
KEPT = Glossary((INNERWELL, Term("Crohn's", do_not_translate=True, case_sensitive=True)), "inline")
CROHNS_DISEASE = Term("Crohn's disease", {"es": "enfermedad de Crohn"})


@pytest.mark.parametrize(
    ("phrase", "case_sensitive", "text", "found"),
    [
        ("Crohn's", False, "Crohn’s disease, Crohn's disease", ["Crohn’s", "Crohn's"]),
        ("Crohn’s", False, "Crohn's disease, Crohn’s disease", ["Crohn's", "Crohn’s"]),
        ("Innerwell", True, "_Innerwell_, __Innerwell__ and *Innerwell*", ["Innerwell"] * 3),
        ("Innerwell", True, "Innerwell_app is an app", ["Innerwell"]),
        ("Innerwell", True, "innerwell, INNERWELL, Innerwells, MyInnerwell, Innerwell2", []),
        ("ketamine", False, "esketamine, ketamine’s, KETAMINE, ketamine-assisted", ["ketamine", "KETAMINE", "ketamine"]),
        ("Mayo Clinic", True, "the Mayo\n  Clinic", ["Mayo\n  Clinic"]),
        ("depresión", False, "la depresión y la DEPRESIÓN", ["depresión", "DEPRESIÓN"]),
        ("Innerwell", True, "Innerwellは自宅で、Innerwell은 집에서", ["Innerwell", "Innerwell"]),
        ("ケタミン", False, "エスケタミンとケタミン", ["ケタミン", "ケタミン"]),
        ("", False, "an empty phrase matches nothing", []),
        ("   ", False, "nor does white space", []),
    ],
)
def test_term_pattern(phrase: str, case_sensitive: bool, text: str, found: list[str]) -> None:
    assert [m.group() for m in term_pattern(phrase, case_sensitive).finditer(text)] == found


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("Crohn's", "Living with Crohn’s.", "Crohn’s"),
        ("Crohn’s", "Living with Crohn's.", "Crohn's"),
        ("Innerwell", "Ask _Innerwell_ today.", "Innerwell"),
    ],
)
def test_the_glossary_and_the_spans_find_the_same_terms(term: str, text: str, found: str) -> None:
    glossary = Glossary((Term(term, do_not_translate=True, case_sensitive=True),))
    assert [text[start:end] for _term, start, end in glossary.find(text)] == [found]
    assert [(s.kind, s.text) for s in find_spans(text, [KeptTerm(term)])] == [("term", found)]
    assert found not in mask(text, find_spans(text, [KeptTerm(term)])).text, "a kept term is masked for engines"


def _failed(source: str, translation: str, glossary: Glossary, locale: str = "es") -> set[str]:
    return {check.name for check, _message in checks.run(checks.Context(source, translation, locale, glossary))}


@pytest.mark.parametrize(
    "translation",
    [
        "_Innerweil_ ofrece atención en casa.",  # changed
        "_Inner well_ ofrece atención en casa.",  # split
        "_innerwell_ ofrece atención en casa.",  # recased: the term is case-sensitive
        "Ofrecemos atención en casa.",  # dropped
    ],
)
def test_an_emphasized_brand_that_is_changed_or_dropped_fails_do_not_translate(translation: str) -> None:
    assert "do-not-translate" in _failed("_Innerwell_ offers care at home.", translation, KEPT)


def test_an_emphasized_brand_kept_passes_do_not_translate() -> None:
    assert "do-not-translate" not in _failed("_Innerwell_ offers care at home.", "_Innerwell_ ofrece atención en casa.", KEPT)


@pytest.mark.parametrize(
    ("source", "translation", "fails"),
    [
        ("Crohn’s is chronic.", "Crohn's es crónica.", False),
        ("Crohn's is chronic.", "Crohn’s es crónica.", False),
        ("Crohn’s is chronic.", "Crohn es crónica.", True),
        ("Crohn's is chronic.", "La colitis es crónica.", True),
    ],
)
def test_a_kept_term_matches_either_apostrophe_through_the_checks(source: str, translation: str, fails: bool) -> None:
    assert ("do-not-translate" in _failed(source, translation, KEPT)) is fails


@pytest.mark.parametrize(
    ("source", "translation", "fails"),
    [
        ("Crohn’s disease is chronic.", "La enfermedad de Crohn es crónica.", False),
        ("Crohn’s disease is chronic.", "La colitis es crónica.", True),
        ("Crohn's disease is chronic.", "La colitis es crónica.", True),
    ],
)
def test_a_required_term_is_found_with_either_apostrophe_through_the_checks(source: str, translation: str, fails: bool) -> None:
    assert ("required-term" in _failed(source, translation, Glossary((CROHNS_DISEASE,)))) is fails


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("0,\u200b5 mg", "0,5 mg"),
        ("Inner\u00adwell", "Innerwell"),
        ("keta\u2060mina\ufeff", "ketamina"),
        ("\u202e5,0\u202c", "5,0"),
        ("de\u0301pression", "dépression"),
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645"),  # Persian ZWNJ
        ("plain ASCII stays as it is", "plain ASCII stays as it is"),
    ],
)
def test_visible_removes_what_renders_as_nothing(text: str, seen: str) -> None:
    assert visible(text) == seen


def test_ignorable_is_unicodes_default_ignorable_property() -> None:
    # Spot checks against DerivedCoreProperties.txt: in, and just outside, its ranges.
    assert {"\u00ad", "\u034f", "\u061c", "\u180e", "\u200b", "\u200d", "\u2064", "\u2069", "\ufe0f", "\ufeff"} <= IGNORABLE
    assert not {" ", "\u00a0", "\u200a", "\u2010", "\u2070", "-", "a"} & IGNORABLE


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("\u0406nnerwell", "Innerwell", True),  # Cyrillic I
        ("qu\u0435tamina", "quetamina", True),  # Cyrillic e
        ("ketamina", "k\u0435t\u0430m\u0456n\u0430", True),  # three Cyrillic letters
        ("\u039a\u0395\u03a4\u0391\u039c\u0399\u039d\u0391", "KETAMINA", True),  # all Greek capitals
        ("\uff4b\uff45\uff54\uff41\uff4d\uff49\uff4e\uff41", "ketamina", True),  # full width
        ("Ketamina", "ketamina", True),  # a capital at the start of a sentence
        ("la KETAMLNA", "ketamina", False),  # an L is no I, whatever l looks like
        ("\u039cG", "mg", True),
        ("ketamina", "ketamine", False),
        ("\u03bcg", "mg", False),
        ("depresi\u00f3n", "depresion", False),  # an accent is not a look-alike
    ],
)
def test_fold(one: str, other: str, same: bool) -> None:
    assert folded_search(other, fold(one), case_sensitive=False) is same


def test_skeleton_keeps_case() -> None:
    assert skeleton("\u0406nnerwell") == skeleton("Innerwell") != skeleton("innerwell")
    assert folded_search("Innerwell", fold("\u0406nnerwell"), case_sensitive=True)
    assert not folded_search("Innerwell", fold("\u0456nnerwell"), case_sensitive=True)


def test_the_word_class_is_the_same_whether_case_is_ignored_or_not() -> None:
    """term_pattern ignores case in the phrase only: its word class, compiled case-sensitively, must
    match exactly the code points the case-insensitive class matches (and a pattern ignoring case
    must still find what one compiled with re.IGNORECASE finds)."""
    import re
    import sys

    from l10n.text.terms import _WORD_CHAR

    sensitive, insensitive = re.compile(_WORD_CHAR), re.compile(_WORD_CHAR, re.IGNORECASE)
    differ = [c for c in range(sys.maxunicode + 1) if (sensitive.match(chr(c)) is None) != (insensitive.match(chr(c)) is None)]
    assert differ == []
    text = "STRASSE, Straße, \u017ftraßeX, K\u212aLVIN, kelvin"  # long s and the Kelvin sign fold to s and k
    for phrase in ("\u017ftraße", "kelvin", "Straße"):
        old = re.compile(rf"(?<!{_WORD_CHAR}){re.escape(phrase)}(?!{_WORD_CHAR})", re.IGNORECASE)
        assert [m.span() for m in term_pattern(phrase, False).finditer(text)] == [m.span() for m in old.finditer(text)]


def test_any_term_pattern_matches_exactly_when_one_of_its_phrases_does() -> None:
    """The opposites check looks for a pair's words in one search: it must find a text exactly when one
    of the words' own patterns does, for every language's pairs (case, apostrophes, spaces, CJK)."""
    from l10n.core import languages

    texts = [
        "It improves sleep before meals.",
        "WORSENED after eating, in children",
        "short-term, long-termism, non-oral",
        "成人に経口で投与する。症状が悪化した",
        "efficace ma non inefficace",
        "improve_ment _improve_",
        "Take it with  food",
        "It is not unsafe; nothing, never, no. No es seguro, nunca. 安全ではない。안전하지 않다",
        "",
    ]
    for code in languages.languages():
        negations = tuple(languages.table(code, "negations").get("words", []))  # the negations' prefilter too
        for sides in [*languages.table(code, "opposites").values(), [negations]]:
            forms = tuple(form for side in sides for form in side)
            for text in texts:
                either = any_term_pattern(forms, False).search(text) is not None
                assert either == any(term_pattern(form, False).search(text) for form in forms), (code, forms, text)
    assert any_term_pattern(("  ",), True).search("a  b") is None
