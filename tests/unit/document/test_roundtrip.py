"""Fidelity: identity and pseudo translations round-trip through the walker.

Every one of the 655 CommonMark spec examples is its own article: an identity
translation must rebuild it byte for byte (none holds an internal ``<!-- l10n:... -->``
marker, the one thing a post leaves out), and a pseudo translation (text changed,
markup and link targets kept) must render to the same HTML element tree.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SEED, SPEC, shared_file, spec_examples, without_markers
from markdown_it import MarkdownIt
from pseudo import element_tree, pseudo

from l10n.document import model, splice
from l10n.document import walker as markdown

_EXAMPLES = spec_examples() or [{"example": 0, "markdown": None}]
_RENDER = MarkdownIt("commonmark").render


def _example(example: dict[str, Any]) -> bytes:
    if example["markdown"] is None:
        shared_file(SPEC)
    return str(example["markdown"]).encode("utf-8")


def _identity(doc: model.Document) -> str:
    text, fallbacks = splice.render(doc, {u.text: u.text for u in doc.units}, None)
    assert fallbacks == []
    return text


@pytest.mark.parametrize("example", _EXAMPLES, ids=lambda e: f"spec-{e['example']}")
def test_identity_spec(example: dict[str, Any]) -> None:
    source = _example(example)
    doc = markdown.parse(source, "spec.md")
    assert _identity(doc).encode("utf-8") == source


@pytest.mark.parametrize("example", _EXAMPLES, ids=lambda e: f"spec-{e['example']}")
def test_pseudo_spec(example: dict[str, Any]) -> None:
    source = _example(example).decode("utf-8")
    doc = markdown.parse(source.encode("utf-8"), "spec.md")
    translated, fallbacks = splice.render(doc, {u.text: pseudo(u.text) for u in doc.units}, None)
    assert fallbacks == []
    assert element_tree(_RENDER(translated)) == element_tree(_RENDER(source))


def test_spec_examples_are_all_there(spec: list[dict[str, Any]]) -> None:
    assert len(spec) == 655


def test_pseudo_changes_most_units(spec: list[dict[str, Any]]) -> None:
    """The pseudo round trip would prove nothing if the pseudo translator changed nothing."""
    units = [u for e in spec for u in markdown.parse(str(e["markdown"]).encode(), "spec.md").units]
    changed = [u for u in units if pseudo(u.text) != u.text]
    assert len(units) > 600
    assert len(changed) / len(units) > 0.6


def test_identity_seed_with_lang() -> None:
    """Byte for byte but for the lang line and the internal markers, which never reach a post."""
    source = SEED.read_bytes()
    doc = markdown.parse(source, "source/exploring-ketamine.md")
    text, _ = splice.render(doc, {u.text: u.text for u in doc.units}, "es")
    lines = text.encode().splitlines(keepends=True)
    assert b"lang: es\n" in lines
    lines.remove(b"lang: es\n")
    assert "<!-- l10n:" in source.decode() and "<!--" not in text
    assert b"".join(lines) == without_markers(source.decode()).encode()


def test_pseudo_seed_renders_same_tree() -> None:
    source = SEED.read_text("utf-8")
    doc = markdown.parse(source.encode(), "source/exploring-ketamine.md")
    text, fallbacks = splice.render(doc, {u.text: pseudo(u.text) for u in doc.units}, "es")
    assert fallbacks == []
    body = lambda t: t.split("\n---\n", 1)[1]  # noqa: E731 - after the front matter
    assert element_tree(_RENDER(body(text))) == element_tree(_RENDER(body(source)))
    assert text != source
