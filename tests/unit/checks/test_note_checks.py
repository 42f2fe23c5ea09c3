"""Translator's notes checked like any text (``l10n/checks/notes.py``), from ``fixtures/notes_checks.md``.

A case's title is ``locale | what`` or ``locale | required | what``; the expected output
lists the findings of the notes checks only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import shown
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
CASES = read_fixture_file(ROOT / "tests" / "fixtures" / "notes_checks.md")
SHOWN = {"note-numbers", "note-figures", "note-terms", "note-negations", "required-note"}


def findings(source: str, translation: str, locale: str, required: bool = False) -> str:
    scope = checks.Scope(required=frozenset({source} if required else ()))
    ctx = checks.Context(source, translation, locale, GLOSSARY, scope=scope)
    return shown(ctx, SHOWN)


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_notes_fixture(line: int, title: str, given: str, expected: str) -> None:
    locale, *flags, _what = title.split(" | ")
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert findings(source, translation, locale, "required" in flags) == expected


def test_a_note_is_still_left_out_of_the_comparison() -> None:
    """The number check reads the translation without its notes: a note's number is this family's, once."""
    ctx = checks.Context("Take it as prescribed.", "Tómela según la receta (N. del T.: 4 cápsulas).", "es", GLOSSARY)
    names = [c.name for c, _ in checks.run(ctx)]
    assert "note-numbers" in names and "numbers" not in names
