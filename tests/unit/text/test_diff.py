"""Word diffs (``l10n/text/diff.py``): exactly the changed words are marked, nothing lost.

The edits are of the kind a reviewer must not miss in an approved translation: a dropped
"no", a changed time word, a swapped adjective, an inverted qualifier, a hedge removed, a
changed dose; and an outdated source with one word added.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.text.diff import DELETED, INSERTED, SAME, diff, tokens

EDITS = [
    # (old, new, deleted pieces, inserted pieces)
    ("La ketamina no es segura sin supervisión.", "La ketamina es segura sin supervisión.", [" no"], []),
    ("Observe al paciente durante dos horas.", "Observe al paciente durante dos días.", ["horas"], ["días"]),
    ("Los efectos son leves y breves.", "Los efectos son graves y breves.", ["leves"], ["graves"]),
    (
        "Tómelo con comida, antes de las comidas.",
        "Tómelo sin comida, después de las comidas.",
        ["con", "antes"],
        ["sin", "después"],
    ),
    ("La ketamina puede ayudar a algunos pacientes.", "La ketamina ayuda a algunos pacientes.", ["puede ayudar"], ["ayuda"]),
    ("Administre 0,5 mg/kg.", "Administre 0,25 mg/kg.", ["0,5"], ["0,25"]),
    ("Consulte siempre a su médico.", "Consulte a su médico si lo desea.", [" siempre"], [" si lo desea"]),
    ("服用しないでください。", "服用してください。", ["ないで"], ["て"]),
    ("不安を感じたら二時間休んでください。", "不安を感じたら二日休んでください。", ["時間"], ["日"]),
    ("氯胺酮不安全。", "氯胺酮安全。", ["不"], []),
    # the outdated source: one word added
    ("Ketamine is safe at low doses.", "Ketamine is not safe at low doses.", [], [" not"]),
]


@pytest.mark.parametrize(("old", "new", "deleted", "inserted"), EDITS)
def test_exactly_the_changed_words_are_marked(old: str, new: str, deleted: list[str], inserted: list[str]) -> None:
    pieces = diff(old, new)
    assert [p.text for p in pieces if p.op == DELETED] == deleted
    assert [p.text for p in pieces if p.op == INSERTED] == inserted
    assert "".join(p.text for p in pieces if p.op != INSERTED) == old
    assert "".join(p.text for p in pieces if p.op != DELETED) == new
    for piece in pieces:
        if piece.op != INSERTED:
            assert old[piece.old : piece.old + len(piece.text)] == piece.text
        if piece.op != DELETED:
            assert new[piece.new : piece.new + len(piece.text)] == piece.text


def test_no_change_is_one_same_piece() -> None:
    assert [(p.op, p.text) for p in diff("Rest.", "Rest.")] == [(SAME, "Rest.")]


def test_tokens() -> None:
    assert tokens("Don't take 1,000 mg — 服用") == ["Don't", " ", "take", " ", "1,000", " ", "mg", " ", "—", " ", "服", "用"]


@given(st.text(), st.text())
def test_nothing_lost_or_invented(old: str, new: str) -> None:
    pieces = diff(old, new)
    assert "".join(p.text for p in pieces if p.op != INSERTED) == old
    assert "".join(p.text for p in pieces if p.op != DELETED) == new
