"""Rule 12 of :mod:`l10n.checks.registry`: a translation identical to its source skips the checks
that cannot find anything on it, and finds exactly what every check finds.

Every unit of the shipped article, of the shared book and of the CommonMark examples (each
example's units and its whole text) is kept as its own translation in several locales (a
right-to-left one among them) and checked twice: with every check, and with the shortcut.
The findings must be the same, in the same order. The last test shows the comparison fails
when a check that does find something on a kept text (``unchanged``, ``numbers``) is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, SPEC, shared_file

from l10n import checks
from l10n.checks import registry
from l10n.checks.registry import Context, Scope
from l10n.document.walker import parse
from l10n.glossary.model import Glossary
from l10n.glossary.schema import load_glossary

LOCALES = ("es", "de", "ja", "zh", "ko", "ar", "ru")
BOOK_LOCALES = ("es", "ja")
Text = tuple[str, tuple[str, ...], Scope]
"""A source text, its units' kinds and the scope of its article."""


def _texts(data: bytes, path: str) -> Iterator[Text]:
    doc = parse(data, path)
    scope = checks.Scope(doc.references, (), frozenset(u.text for u in doc.units if u.required))
    for unit in doc.units:
        yield unit.text, (unit.kind,), scope


def _articles(paths: list[Path]) -> list[Text]:
    return [text for path in sorted(paths) for text in _texts(path.read_bytes(), str(path))]


def _spec() -> list[Text]:
    examples = json.loads(shared_file(SPEC).read_text("utf-8"))
    found: list[Text] = []
    for example in examples:
        markdown = str(example["markdown"])
        found.append((markdown, (), checks.NO_SCOPE))
        found.extend(_texts(markdown.encode("utf-8"), f"example {example['example']}"))
    return found


def _differences(texts: list[Text], locales: tuple[str, ...], glossary: Glossary) -> list[str]:
    """Where the checks with the shortcut find something else than every check, on kept translations."""
    differ = []
    for locale in locales:
        for text, kinds, scope in texts:
            every = registry.run(Context(text, text, locale, glossary, "en", scope, kinds), every=True)
            short = registry.run(Context(text, text, locale, glossary, "en", scope, kinds))
            if short != every:
                differ.append(f"{locale} {text[:60]!r}: {[(c.name, m) for c, m in every]} -> {[(c.name, m) for c, m in short]}")
    return differ


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary.yaml", "glossary.yaml")


def test_every_silent_check_is_registered() -> None:
    assert {item.name for item in checks.CHECKS} >= registry.SILENT_WHEN_KEPT


def test_the_shipped_article_kept_finds_the_same(glossary: Glossary) -> None:
    texts = _articles(list((ROOT / "source").rglob("*.md")))
    assert len(texts) > 20
    assert _differences(texts, LOCALES, glossary) == []


def test_the_commonmark_examples_kept_find_the_same(glossary: Glossary) -> None:
    assert _differences(_spec(), LOCALES, glossary) == []


@pytest.mark.slow
def test_the_shared_book_kept_finds_the_same(glossary: Glossary) -> None:
    book = shared_file(SHARED / "data" / "rust-by-example" / "src")
    texts = _articles(list(book.rglob("*.md")))
    assert len(texts) > 1000
    assert _differences(texts, BOOK_LOCALES, glossary) == []


def test_the_comparison_fails_when_a_check_that_finds_something_is_skipped(
    glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _articles(list((ROOT / "source").rglob("*.md")))
    monkeypatch.setattr(registry, "SILENT_WHEN_KEPT", registry.SILENT_WHEN_KEPT | {"unchanged", "numbers"})
    differ = _differences(texts, ("es",), glossary)
    assert any("'unchanged'" in line for line in differ)
