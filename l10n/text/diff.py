"""Word diffs: what changed between two versions of a text, word by word.

The reviewer's page shows an approved translation that was edited since as a diff from the
approved text to the current one, and an outdated unit's source as a diff from the English it was
translated from to the English now, so that a changed "hours", a dropped "no" or a swapped
adjective is seen without re-reading the paragraph.

Rules:

1. The texts are cut into tokens: a number with its separators (``0.5``, ``1,000``), a word of
   letters and digits (apostrophes inside it kept: ``don't``), one character of a script
   written without spaces (Chinese, Japanese kana and kanji: a word there has no edges a
   machine can find without a dictionary, so each character is compared), a run of white
   space, one other character (punctuation).
2. The tokens are compared with the standard library's :class:`difflib.SequenceMatcher`
   (no "junk" heuristics: a medical text repeats words on purpose), and the result is a list of
   pieces, each ``same``, ``deleted`` (only in the old text) or ``inserted`` (only in the new
   one), with its offsets in the text it comes from: a renderer can lay the highlights of either
   text over it.
3. Whitespace alone never makes a change: a piece of only white space between two changes is
   folded into them, so ``with food`` becoming ``without drink`` is one deletion and one
   insertion, not four.
4. Joining the ``same`` and ``deleted`` pieces gives the old text back, the ``same`` and
   ``inserted`` ones the new text: nothing is lost or invented.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher

SAME, DELETED, INSERTED = "same", "deleted", "inserted"

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"
"""Hiragana, katakana, CJK ideographs (and 々 〆 ー): compared one character at a time."""
_TOKEN = re.compile(
    rf"\d+(?:[.,]\d+)*"  # a number with its separators
    rf"|[{_CJK}]"  # one character of a script without spaces
    rf"|(?:(?![{_CJK}])[^\W_])+(?:['\u2019](?:(?![{_CJK}])[^\W_])+)*"  # a word
    r"|\s+"
    r"|.",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Piece:
    """One stretch of a diff."""

    op: str
    """``same``, ``deleted`` or ``inserted``."""
    text: str
    old: int
    """Offset of the piece in the old text (where a deletion was, for an insertion)."""
    new: int
    """Offset of the piece in the new text (where an insertion is, for a deletion)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def tokens(text: str) -> list[str]:
    """*text* cut into tokens (rule 1); joined, they give *text* back."""
    return _TOKEN.findall(text)


def diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn *old* into *new* (rules 2-4)."""
    a, b = tokens(old), tokens(new)
    ops: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append((SAME, "".join(a[i1:i2]), "".join(b[j1:j2])))
        else:
            ops.append(("change", "".join(a[i1:i2]), "".join(b[j1:j2])))
    ops = _fold_blanks(ops)
    pieces: list[Piece] = []
    at_old = at_new = 0
    for op, before, after in ops:
        if op == SAME:
            pieces.append(Piece(SAME, before, at_old, at_new))
        else:
            if before:
                pieces.append(Piece(DELETED, before, at_old, at_new))
            if after:
                pieces.append(Piece(INSERTED, after, at_old + len(before), at_new))
        at_old += len(before)
        at_new += len(after)
    return pieces


def _fold_blanks(ops: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fold a same piece of only white space between two changes into them (rule 3)."""
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(ops):
        op, before, after = ops[i]
        if (
            op == SAME
            and not before.strip()
            and out
            and out[-1][0] == "change"
            and i + 1 < len(ops)
            and ops[i + 1][0] == "change"
        ):
            _, next_before, next_after = ops[i + 1]
            _, last_before, last_after = out.pop()
            out.append(("change", last_before + before + next_before, last_after + after + next_after))
            i += 2
            continue
        out.append((op, before, after))
        i += 1
    return out


def changed(pieces: list[Piece]) -> bool:
    """Whether *pieces* hold any change."""
    return any(p.op != SAME for p in pieces)
