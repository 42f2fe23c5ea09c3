"""The translator-comment lines ``l10n`` writes and reads: where a translation came from, who approved it.

Rules:

1. What ``l10n`` records on an entry is a line ``l10n-TAG: BODY`` of its translator
   comment (``# ``): translator comments survive ``l10n extract``, ``msgmerge``,
   ``msgcat`` and every PO editor; unknown ``#,`` flags do not. The translator's own
   lines are kept as they are, in their order; an ``l10n`` line is added last.
2. The lines:

   - ``l10n-draft: mt engine=ID date=STAMP``, with `` placeholders-damaged=N`` when
     protected spans did not come back intact: a machine draft;
   - ``l10n-draft: reuse from=ARTICLE date=STAMP``: the reviewed translation of the
     same text in another article;
   - ``l10n-draft: tm from=FILE date=STAMP``: an exact match in the translation memory
     file FILE (:mod:`l10n.exchange.memory`);
   - ``l10n-draft: agency from=FILE date=STAMP``: a human translation imported from the
     XLIFF file FILE (:mod:`l10n.exchange.agency`); a draft like the others, never an
     approval;
   - ``l10n-suggestion: NN% from=FILE: SOURCE => TARGET``: a fuzzy match of the
     translation memory, shown to the translator and never used as a translation (one
     line each, newlines shown as ``⏎``). Suggestions are translator comments, not
     ``#.`` lines: those come from the template, shared by every locale and rewritten
     by each ``l10n extract`` or ``msgmerge``;
   - ``l10n-reviewed: by=NAME date=STAMP (was: DRAFT)``: an approval, with the draft
     line it replaced (no ``(was: ...)`` when there was none);
   - ``l10n-ignore: NAME, NAME``: warning-level checks a translator silenced on this
     entry (names separated by commas or spaces).

3. Saving a draft replaces the entry's ``l10n-draft:`` lines; an approval replaces its
   ``l10n-draft:`` and ``l10n-reviewed:`` lines; saving suggestions replaces the
   ``l10n-suggestion:`` lines.
4. One timestamp format, UTC to the minute: ``STAMP`` is ``2025-01-31T09:05Z``
   (:func:`stamp`, :func:`parse_stamp`).

Only this module spells these lines; the catalog edits of :mod:`l10n.catalog` call it
to write them, the review queue and the checks call it to read them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = [
    "DRAFT",
    "IGNORE",
    "REVIEWED",
    "STAMP_FORMAT",
    "SUGGESTION",
    "Draft",
    "agency_draft",
    "draft_of",
    "drafted_at",
    "ignored",
    "machine_draft",
    "parse_stamp",
    "reuse_draft",
    "stamp",
    "suggestion",
    "suggestions_of",
    "tm_draft",
    "with_draft",
    "with_review",
    "with_suggestions",
]

DRAFT = "l10n-draft:"
REVIEWED = "l10n-reviewed:"
IGNORE = "l10n-ignore:"
SUGGESTION = "l10n-suggestion:"

STAMP_FORMAT = "%Y-%m-%dT%H:%MZ"
"""The one timestamp format of the ``date=`` fields (``time.strftime``, in UTC)."""

_DRAFT_RE = re.compile(r"^l10n-draft:\s*(\S+)(.*)$", re.M)
_DATE_RE = re.compile(r"\bdate=(\d{4}-\d\d-\d\dT\d\d:\d\dZ)")
_IGNORE_RE = re.compile(r"^\s*l10n-ignore:\s*(.+)$", re.M)


@dataclass(frozen=True, slots=True)
class Draft:
    """The ``l10n-draft:`` line of a comment."""

    how: str
    """``mt``, ``reuse``, ``tm`` or ``agency``: its first word."""
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


def machine_draft(engine: str, date: str, damaged: int = 0) -> str:
    """The draft line (after ``l10n-draft:``) of a machine translation by *engine*."""
    note = f" placeholders-damaged={damaged}" if damaged else ""
    return f"mt engine={engine} date={date}{note}"


def reuse_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of a translation reused from the article *origin*."""
    return f"reuse from={origin} date={date}"


def tm_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of an exact match in the translation memory file *origin*."""
    return f"tm from={origin} date={date}"


def agency_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of a translation imported from the exchange file *origin*."""
    return f"agency from={origin} date={date}"


def suggestion(score: int, origin: str, source: str, target: str) -> str:
    """A suggestion line's text (after ``l10n-suggestion:``): a *score* percent match from *origin*."""
    return f"{score}% from={origin}: {source} => {target}".replace("\n", "⏎")


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


def with_suggestions(comment: str, suggestions: list[str]) -> str:
    """*comment* with its suggestion lines replaced by one ``l10n-suggestion:`` line per suggestion (rule 3)."""
    lines = [line for line in comment.splitlines() if not line.startswith(SUGGESTION)]
    return "\n".join([*lines, *(f"{SUGGESTION} {text}" for text in suggestions)])


# -- reading ---------------------------------------------------------------------------


def draft_of(comment: str) -> Draft | None:
    """The first draft line of *comment*, if any."""
    found = _DRAFT_RE.search(comment)
    return Draft(found[1], found[1] + found[2]) if found else None


def drafted_at(comment: str) -> float | None:
    """The time of the first ``date=`` of *comment* (its draft's, or its approval's), if any."""
    found = _DATE_RE.search(comment)
    return parse_stamp(found[1]) if found else None


def ignored(comment: str) -> set[str]:
    """Check names a translator comment silences (its ``l10n-ignore:`` lines)."""
    return {name.strip() for match in _IGNORE_RE.finditer(comment) for name in re.split(r"[,\s]+", match[1]) if name}


def suggestions_of(comment: str) -> list[str]:
    """The text of each ``l10n-suggestion:`` line of *comment*, in order."""
    return [line[len(SUGGESTION) :].strip() for line in comment.splitlines() if line.startswith(SUGGESTION)]
