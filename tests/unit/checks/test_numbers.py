"""The number checks (``numbers``, ``digits``, ``counts``), per locale, from ``fixtures/numbers/<locale>.md``.

A case's input is an English source text, a line ``=>``, and its translation into the
locale the file is named for; the expected output is one line per finding of the number
checks, ``severity [check] message``. The cases hold every example of issues 11 and 12
(doses with units, swapped values, ranges, times, number words, digits of other scripts)
and the faithful translations of the rust-by-example book that the check once reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import shown
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "numbers").glob("*.md"))
CASES = [(path.stem, *case) for path in FIXTURES for case in read_fixture_file(path)]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
NUMBER_CHECKS = ("numbers", "digits", "counts")


def number_findings(source: str, translation: str, locale: str) -> str:
    ctx = checks.Context(source, translation, locale, GLOSSARY)
    return shown(ctx, NUMBER_CHECKS)


def test_every_locale_of_the_issue_has_fixtures() -> None:
    assert {path.stem for path in FIXTURES} >= {"es", "fr", "de", "ar", "ja"}


@pytest.mark.parametrize(("locale", "line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_number_fixture(locale: str, line: int, title: str, given: str, expected: str) -> None:
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert number_findings(source, translation, locale) == expected
