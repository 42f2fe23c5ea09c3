"""What becomes a unit: fixture cases in markdown-it's format (title, input, expected)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from l10n.document import walker

FIXTURES = Path(__file__).parents[2] / "fixtures" / "units.md"


def describe(source: str) -> str:
    doc = walker.parse(source.encode(), "t.md")
    lines = []
    for unit in doc.units:
        notes = "".join(f" [note: {n}]" for n in unit.notes)
        lines.append(f"{unit.line} {unit.kind}: {unit.text.replace(chr(10), '⏎')}{notes}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("line", "title", "source", "expected"),
    read_fixture_file(FIXTURES),
    ids=[f"{c[0]}-{c[1]}" for c in read_fixture_file(FIXTURES)],
)
def test_units(line: int, title: str, source: str, expected: str) -> None:
    assert describe(source) == expected


def test_every_unit_span_holds_its_text_or_a_wrapped_form() -> None:
    source = (Path(__file__).parents[2].parent / "source" / "exploring-ketamine.md").read_text("utf-8")
    doc = walker.parse(source.encode(), "s.md")
    for unit in doc.units:
        if unit.key is None:
            assert source[unit.start : unit.end] == unit.text
