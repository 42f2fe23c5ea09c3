"""Internal markers never reach a post: fixture cases (title, source, post) in markdown-it's format.

Each case is built with no translation: the post is its source less the markers, which go
with their lines where that keeps the block structure and become an empty comment where it
would not. The structure of every post is checked too: the source's less the removed markers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from l10n.document import splice, walker

FIXTURES = Path(__file__).parents[2] / "fixtures" / "markers.md"
CASES = read_fixture_file(FIXTURES)


@pytest.mark.parametrize(("line", "title", "source", "expected"), CASES, ids=[f"{c[0]}-{c[1][:40]}" for c in CASES])
def test_markers_are_taken_out_of_posts(line: int, title: str, source: str, expected: str) -> None:
    doc = walker.parse(source.encode(), "t.md")
    post, fallbacks = splice.render(doc, {}, None)
    assert post == expected
    assert fallbacks == []
    again = walker.parse(post.encode(), "t.md")
    assert again.markers == ()
    assert again.signature == doc.post_signature


def test_markers_still_work_in_the_source() -> None:
    source = FIXTURES.read_text("utf-8")
    assert "<!-- l10n:note" in source
    doc = walker.parse(b"<!-- l10n:note Keep it short. -->\n<!-- l10n:required -->\nWarning.\n", "t.md")
    assert doc.units[0].notes == ("Keep it short.",) and doc.units[0].required


def test_a_translated_post_has_no_marker() -> None:
    doc = walker.parse(b"Intro.\n\n<!-- l10n:required -->\nWarning.\n", "t.md")
    post, _ = splice.render(doc, {"Intro.": "Introducción.", "Warning.": "Advertencia."}, "es")
    assert post == "Introducción.\n\nAdvertencia.\n"
