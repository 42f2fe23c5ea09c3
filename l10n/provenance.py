"""The translator-comment lines ``l10n`` writes and reads: where a translation came from, who approved it.

Rules:

1. What ``l10n`` records on an entry is a line ``l10n-TAG: BODY`` of its translator
   comment (``# ``): translator comments survive ``l10n extract``, ``msgmerge``,
   ``msgcat`` and every PO editor; unknown ``#,`` flags do not. The translator's own
   lines are kept as they are, in their order; an ``l10n`` line is added last.
2. The lines:

   - ``l10n-draft: mt engine=ID date=STAMP``, with `` placeholders-damaged=N`` when
     protected spans did not come back intact, and `` placeholders-reordered=2,1`` when
     they came back in another order than the source's (the ids in the order the engine
     returned them, :func:`l10n.placeholders.reordered`): a machine draft;
   - ``l10n-draft: reuse from=ARTICLE date=STAMP``: the reviewed translation of the
     same text in another article;
   - ``l10n-reviewed: by=NAME date=STAMP (was: DRAFT)``: an approval, with the draft
     line it replaced (no ``(was: ...)`` when there was none);
   - ``l10n-ignore: NAME, NAME``: warning-level checks a translator silenced on this
     entry (names separated by commas or spaces).

3. Saving a draft replaces the entry's ``l10n-draft:`` lines; an approval replaces its
   ``l10n-draft:`` and ``l10n-reviewed:`` lines.
4. One timestamp format, UTC to the minute: ``STAMP`` is ``2025-01-31T09:05Z``
   (:func:`stamp`, :func:`parse_stamp`).

Only this module spells these lines; the catalog edits of :mod:`l10n.catalog` call it
to write them, the review queue and the checks call it to read them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = [
    "DRAFT",
    "IGNORE",
    "REVIEWED",
    "STAMP_FORMAT",
    "Draft",
    "draft_of",
    "drafted_at",
    "ignored",
    "machine_draft",
    "parse_stamp",
    "reordered",
    "reuse_draft",
    "stamp",
    "with_draft",
    "with_review",
]

DRAFT = "l10n-draft:"
REVIEWED = "l10n-reviewed:"
IGNORE = "l10n-ignore:"

STAMP_FORMAT = "%Y-%m-%dT%H:%MZ"
"""The one timestamp format of the ``date=`` fields (``time.strftime``, in UTC)."""

_DRAFT_RE = re.compile(r"^l10n-draft:\s*(\S+)(.*)$", re.M)
_DATE_RE = re.compile(r"\bdate=(\d{4}-\d\d-\d\dT\d\d:\d\dZ)")
_IGNORE_RE = re.compile(r"^\s*l10n-ignore:\s*(.+)$", re.M)
_REORDERED_RE = re.compile(r"(?<!\S)placeholders-reordered=(\d+(?:,\d+)*)(?!\S)")


@dataclass(frozen=True, slots=True)
class Draft:
    """The ``l10n-draft:`` line of a comment."""

    how: str
    """``mt`` or ``reuse``: its first word."""
    text: str
    """The line after ``l10n-draft:`` (``mt engine=deepl date=2025-01-31T09:05Z``)."""


# -- timestamps ------------------------------------------------------------------------


def stamp(when: float | None = None) -> str:
    """*when* (seconds since the epoch; now when None) as a ``date=`` timestamp."""
    return time.strftime(STAMP_FORMAT, time.gmtime(when))


def parse_stamp(text: str) -> float:
    """The seconds since the epoch of a ``date=`` timestamp (``ValueError`` when it is not one)."""
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC).timestamp()


# -- writing ---------------------------------------------------------------------------


def machine_draft(engine: str, date: str, damaged: int = 0, reordered: Sequence[int] = ()) -> str:
    """The draft line (after ``l10n-draft:``) of a machine translation by *engine*.

    *damaged* counts the placeholder problems; *reordered* is the order the placeholder ids
    came back in, when it moved protected spans (rule 2).
    """
    note = f" placeholders-damaged={damaged}" if damaged else ""
    if reordered:
        note += f" placeholders-reordered={','.join(map(str, reordered))}"
    return f"mt engine={engine} date={date}{note}"


def reuse_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of a translation reused from the article *origin*."""
    return f"reuse from={origin} date={date}"


def with_draft(comment: str, draft: str) -> str:
    """*comment* with its draft line replaced by ``l10n-draft: DRAFT`` (rule 3)."""
    lines = [line for line in comment.splitlines() if not line.startswith(DRAFT)]
    return "\n".join([*lines, f"{DRAFT} {draft}"])


def with_review(comment: str, reviewer: str, date: str) -> str:
    """*comment* with its draft and reviewed lines replaced by one ``l10n-reviewed:`` line (rule 3)."""
    was = draft_of(comment)
    lines = [line for line in comment.splitlines() if not line.startswith((DRAFT, REVIEWED))]
    origin = f" (was: {was.text})" if was else ""
    return "\n".join([*lines, f"{REVIEWED} by={reviewer} date={date}{origin}"])


# -- reading ---------------------------------------------------------------------------


def draft_of(comment: str) -> Draft | None:
    """The first draft line of *comment*, if any."""
    found = _DRAFT_RE.search(comment)
    return Draft(found[1], found[1] + found[2]) if found else None


def reordered(comment: str) -> tuple[int, ...]:
    """The ``placeholders-reordered=`` ids of *comment*'s draft line; empty when it has none.

    Only a draft counts: an approval keeps the draft's words after ``(was:``, but once
    approved the reordering has been read. The mark blocks publishing, so it is read even
    from a draft line that a tool wrapped (polib wraps comments at 78 columns, at spaces
    and after hyphens): the lines after the draft line are read as its continuation.
    """
    found = _DRAFT_RE.search(comment)
    if not found:
        return ()
    rest = comment[found.start() :].replace("-\n", "-").replace("\n", " ")  # undo the wrapping
    mark = _REORDERED_RE.search(rest)
    return tuple(int(n) for n in mark[1].split(",")) if mark else ()


def drafted_at(comment: str) -> float | None:
    """The time of the first ``date=`` of *comment* (its draft's, or its approval's), if any."""
    found = _DATE_RE.search(comment)
    return parse_stamp(found[1]) if found else None


def ignored(comment: str) -> set[str]:
    """Check names a translator comment silences (its ``l10n-ignore:`` lines)."""
    return {name.strip() for match in _IGNORE_RE.finditer(comment) for name in re.split(r"[,\s]+", match[1]) if name}
