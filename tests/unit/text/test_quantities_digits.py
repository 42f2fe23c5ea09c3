"""Rule 8 of :mod:`l10n.text.quantities`: a text without a digit has no time, date, month of a date
or number in digits, so those readers are skipped for it.

Every text without a digit of the shipped article, of the CommonMark examples and of the shared
book's catalogs (its English sources, and each translation in its own language) is given to every
reader the rule skips, in every language l10n has a file for (the book's translations in their
own language and in English): none finds anything. The last test shows that the same readers do
find a time, a date, a month and a number once a digit is there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import polib
import pytest
from conftest import ROOT, SHARED, SPEC, shared_file

from l10n.text import calendar, quantities

LANGUAGES = sorted(p.stem for p in (ROOT / "l10n" / "data" / "languages").glob("*.toml"))


def _found(text: str, code: str) -> list[str]:
    """What the readers of rule 8 find in *text*, read in *code*."""
    found = [f"time {r.start}" for r in calendar.times(text, code)]
    found += [f"month {r.start}" for r in calendar.months(text, code)]
    for pattern in (quantities._DATE_RE, quantities._NUMBER_RE, quantities._SPACED_NUMBER_RE):
        found += [f"{pattern.pattern[:12]} {m.group()!r}" for m in pattern.finditer(text)]
    return found


def _without_digits(texts: Iterable[str]) -> list[str]:
    return sorted({t for t in texts if t and quantities._DIGIT_RE.search(t) is None})


def _misread(texts: list[str], codes: Iterable[str]) -> list[str]:
    return [f"{code} {text[:60]!r}: {found}" for code in codes for text in texts if (found := _found(text, code))]


def test_the_article_and_the_commonmark_examples_have_nothing_to_read_without_a_digit() -> None:
    texts = [path.read_text("utf-8") for path in sorted((ROOT / "source").rglob("*.md"))]
    texts += [str(example["markdown"]) for example in json.loads(shared_file(SPEC).read_text("utf-8"))]
    lines = _without_digits(line for text in texts for line in text.splitlines())
    assert len(lines) > 500
    assert _misread(lines, LANGUAGES) == []


@pytest.mark.slow
@pytest.mark.parametrize("code", ["es", "ja", "ko", "zh"])
def test_the_book_has_nothing_to_read_without_a_digit(code: str) -> None:
    catalog = polib.pofile(str(shared_file(SHARED / "data" / "rust-by-example" / "po" / f"{code}.po")))
    sources = _without_digits(entry.msgid for entry in catalog)
    translations = _without_digits(entry.msgstr for entry in catalog)
    assert len(sources) > 500 and len(translations) > 300
    assert _misread(sources, [code, "en"]) == []
    assert _misread(translations, [code, "en"]) == []


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Take it at 3 pm.", "en", "time"),
        ("午後3時に服用", "ja", "time"),
        ("3月に", "ja", "month"),
        ("on 2024-03-05", "en", "month"),
        ("2 tabletas", "es", "\\d"),
    ],
)
def test_with_a_digit_the_same_readers_find_it(text: str, code: str, kind: str) -> None:
    assert quantities._DIGIT_RE.search(text)
    assert any(found.startswith(kind) for found in _found(text, code)), _found(text, code)


def test_a_text_without_a_digit_reads_the_same_quantities_as_before() -> None:
    """Era years, Roman numerals and number words need no digit: rule 8 still reads them."""
    assert [q.low for q in quantities.read("令和元年に", "ja")] == [2019]
    assert [str(q.low) for q in quantities.read("fase III, tres veces", "es")] == ["3", "3"]
    assert not re.search(r"\d", "fase III, tres veces")


def test_the_languages_are_found() -> None:
    assert {"en", "es", "ja", "ko", "zh"} <= set(LANGUAGES)
    assert Path(ROOT / "l10n" / "data" / "languages" / "en.toml").is_file()
