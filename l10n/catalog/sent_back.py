"""A reviewer's note to the translator: the ``l10n-sent-back:`` line of a translator comment.

Rules:

1. A reviewer who sends a translation back records ``l10n-sent-back: by=WHO date=STAMP
   note="TEXT"`` (``STAMP`` a timestamp of :mod:`l10n.catalog.stamps`), added last to the
   entry's translator comment (:func:`with_sent_back`); the note is put on one line (white
   space runs as one space) and quoted as a JSON string. A note that is empty, or would not
   read back as written, is a ``ValueError``.
2. A line that a tool wrapped is joined again when read (:func:`sent_back`), as the lines of
   :mod:`l10n.catalog.provenance` are.

Only this module spells these lines: :mod:`l10n.catalog.entries` calls it to write one, the
review queue to read them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from l10n.catalog.stamps import STAMP_PATTERN

__all__ = ["SENT_BACK", "SentBack", "sent_back", "with_sent_back"]

SENT_BACK = "l10n-sent-back:"
_SENT_BACK_RE = re.compile(
    rf'^l10n-sent-back:\s*by=(?P<by>.+?)\s+date=(?P<date>{STAMP_PATTERN})\s+note=(?P<note>"(?:[^"\\]|\\.)*")\s*$', re.M
)


@dataclass(frozen=True, slots=True)
class SentBack:
    """One ``l10n-sent-back: by=WHO date=STAMP note="TEXT"`` line: a reviewer sent the translation back."""

    by: str
    date: str
    note: str


def with_sent_back(comment: str, reviewer: str, date: str, note: str) -> str:
    """*comment* with a note to the translator (one line, quoted as a JSON string) added last."""
    note = " ".join(note.split())
    line = f"{SENT_BACK} by={reviewer} date={date} note={json.dumps(note, ensure_ascii=False)}"
    if not note or sent_back(line) != [SentBack(reviewer, date, note)]:
        msg = f"a note by {reviewer!r} cannot be recorded ('Name <email>' and a note)"
        raise ValueError(msg)
    return "\n".join([*comment.splitlines(), line]) if comment else line


def sent_back(comment: str) -> list[SentBack]:
    """Every ``l10n-sent-back:`` line of *comment*, in order (a wrapped line joined again)."""
    joined = "\n".join(_joined_sent_back(comment))
    return [SentBack(m["by"], m["date"], json.loads(m["note"])) for m in _SENT_BACK_RE.finditer(joined)]


def _joined_sent_back(comment: str) -> list[str]:
    out: list[str] = []
    for line in comment.splitlines():
        if out and out[-1].startswith(SENT_BACK) and not _SENT_BACK_RE.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out
