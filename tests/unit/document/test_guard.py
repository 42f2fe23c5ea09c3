"""The structural guard's fast path never disagrees with a full parse."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.document import splice, walker

SOURCE = """\
---
title: Ketamine
---

# Dosing *guide*

Setext heading
==============

A paragraph
over two lines.

- item one
- item two

> quoted text

| Drug | Dose |
|------|------|
| ketamine | 0.5 mg/kg |

![alt text](img.png)
"""
DOC = walker.parse(SOURCE.encode(), "guard.md")
# Characters that matter to Markdown's block structure, and ordinary text.
TEXT = st.text(alphabet=st.sampled_from(list("#>-+*=_`~|[]()!:<>\\.)1 9\t\nabcXYZ¿áß\"'")), min_size=1, max_size=12)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(DOC.units) - 1), translation=TEXT)
def test_inert_translations_keep_the_structure(index: int, translation: str) -> None:
    _keeps_structure(index, translation)


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(DOC.units) - 1), translation=TEXT)
def test_inert_translations_keep_the_structure_quick(index: int, translation: str) -> None:
    """The same property on fewer examples, for the everyday run (CI runs the 3,000 too)."""
    _keeps_structure(index, translation)


def _keeps_structure(index: int, translation: str) -> None:
    unit = DOC.units[index]
    replacement = splice.format_translation(unit, translation)
    if splice.inert(unit, replacement):
        text, fallbacks = splice.render(DOC, {unit.text: translation}, None)
        assert fallbacks == []
        assert splice._same_structure(DOC, text), (unit.kind, translation)


def test_guard_still_catches_block_injection() -> None:
    """A new block after a newline falls back; single-line units fold the newline away."""
    for unit in DOC.units:
        text, fallbacks = splice.render(DOC, {unit.text: "x\n\n# injected"}, None)
        assert splice._same_structure(DOC, text)
        if unit.prefix is not None:
            assert [f.unit for f in fallbacks] == [unit], unit.kind
        else:
            assert fallbacks == [] and "# injected" not in text.splitlines(), unit.kind
