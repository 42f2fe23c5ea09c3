"""The review queue: every translation that waits for a human reviewer.

Rules:

1. Reviewed means: a non-empty translation without the ``fuzzy`` flag. Removing
   ``fuzzy`` in Poedit, Lokalize or Weblate is an approval like any other.
2. Waiting for review: every fuzzy entry with a translation, classified as
   ``outdated`` (it has a previous msgid: its source changed), ``machine draft`` or
   ``reuse draft`` (an ``l10n-draft:`` provenance comment), or ``flagged`` (neither:
   flagged by hand, or made fuzzy by a ``msgmerge`` without ``--previous``), the
   states of :func:`l10n.policy.fuzzy_state` with the drafts told apart.
3. An item carries the names of the checks its translation fails (errors first) and
   its age, from the date of its provenance.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from . import provenance
from .catalog import Translation
from .checks import ERROR, Check, checked_entries
from .config import Config


@dataclass(frozen=True, slots=True)
class Item:
    """One entry waiting for a reviewer."""

    locale: str
    article: str
    path: str
    line: int
    source: str
    """The first source reference (``source/x.md:12``)."""
    state: str
    words: int
    age_days: float | None
    checks: tuple[str, ...]
    """Names of the checks the draft fails (errors first)."""
    msgid: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def state_of(entry: Translation) -> str | None:
    """The review state of an entry, or None when it is reviewed or untranslated (rule 2)."""
    if not entry.msgstr or not entry.fuzzy or entry.obsolete:
        return None
    if entry.previous is not None:
        return "outdated"
    draft = provenance.draft_of(entry.comment)
    if draft:
        return "reuse draft" if draft.how == "reuse" else "machine draft"
    return "flagged"


def _age(entry: Translation, now: float) -> float | None:
    stamp = provenance.drafted_at(entry.comment)
    if stamp is None:
        return None
    return round(max(0.0, now - stamp) / 86400, 1)


def queue(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> Iterator[Item]:
    """Every entry waiting for review, by article and locale, in catalog order."""
    now = time.time()
    for article, locale, display, entry, found in checked_entries(config, locales, articles, fuzzy_only=True):
        if state_of(entry) is not None:
            yield item_of(locale, article, display, entry, found, now)


def item_of(locale: str, article: str, display: str, entry: Translation, found: Sequence[tuple[Check, str]], now: float) -> Item:
    """The queue item of a waiting *entry* of catalog *display*, with its check findings."""
    errors = {c.name for c, _ in found if c.severity == ERROR}
    names = sorted({c.name for c, _ in found}, key=lambda name: (name not in errors, name))
    return Item(
        locale,
        article,
        display,
        entry.line,
        entry.references[0] if entry.references else "",
        state_of(entry) or "",
        len(entry.msgid.split()),
        _age(entry, now),
        tuple(names),
        entry.msgid,
    )
