"""Each check with passing and failing cases, from ``fixtures/checks.md``.

A case's input is a source text, a line ``=>``, and its Spanish translation; the
expected output is one line per finding, ``severity [check] message``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import shown
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "checks.md")
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")


def findings(source: str, translation: str, locale: str = "es") -> str:
    ctx = checks.Context(source, translation, locale, GLOSSARY)
    return shown(ctx)


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_check_fixture(line: int, title: str, given: str, expected: str) -> None:
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert findings(source, translation) == expected


def test_registry_is_explicit_and_titled() -> None:
    names = [c.name for c in checks.CHECKS]
    assert names == [
        "protected-spans",
        "required-code-spans",
        "placeholders-reordered",
        "required-term",
        "forbidden-term",
        "do-not-translate",
        "term-count",
        "term-letters",
        "opposites",
        "numbers",
        "digits",
        "required-negations",
        "note-numbers",
        "note-terms",
        "required-note",
        "links",
        "injection",
        "bidi-controls",
        "hidden-characters",
        "tag-characters",
        "struck-out",
        "mixed-script",
        "single-line",
        "required-sentences",
        "required-untranslated",
        "code-spans",
        "counts",
        "negations",
        "note-figures",
        "note-negations",
        "markdown",
        "link-order",
        "link-language",
        "invisible-characters",
        "sentences",
        "length",
        "doubled-word",
        "untranslated",
        "whitespace",
        "punctuation",
        "unchanged",
    ]
    assert all(c.title and not c.title.endswith("\n") for c in checks.CHECKS)
    assert {c.severity for c in checks.CHECKS} == {checks.ERROR, checks.WARNING}


def test_a_translator_comment_silences_one_warning_but_never_an_error() -> None:
    ctx = checks.Context("Call us today to book your first session.", "Call us today to book your first session.", "es", GLOSSARY)
    assert [c.name for c, _ in checks.run(ctx)] == ["unchanged"]
    assert checks.run(ctx, checks.ignored("l10n-ignore: unchanged")) == []
    bad = checks.Context("Seen in 2013.", "Visto en 2012.", "es", GLOSSARY)
    assert [c.name for c, _ in checks.run(bad, checks.ignored("l10n-ignore: numbers"))] == ["numbers", "numbers"]
