"""The human review queue (``l10n review``) and approvals (``l10n review approve``).

Rules:

1. Reviewed means: a non-empty translation without the ``fuzzy`` flag. Removing
   ``fuzzy`` in Poedit, Lokalize or Weblate is an approval like any other.
2. Waiting for review: every fuzzy entry with a translation, classified as
   ``outdated`` (it has a previous msgid: its source changed), ``machine draft`` or
   ``reuse draft`` (an ``l10n-draft:`` provenance comment), or ``fuzzy`` (flagged by
   hand, no provenance).
3. ``approve`` removes the flag and the previous msgid, and replaces the draft's
   provenance by ``l10n-reviewed: by=NAME date=... (was: PROVENANCE)``. It refuses an
   entry with an error-level finding. Each catalog is changed under its lock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from . import catalog, provenance
from .catalog import Translation, catalog_entries
from .checks import ERROR, Check
from .config import Config
from .errors import L10nError
from .qa import entry_findings, glossary_of


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
    return "fuzzy"


def _age(entry: Translation, now: float) -> float | None:
    stamp = provenance.drafted_at(entry.comment)
    if stamp is None:
        return None
    return round(max(0.0, now - stamp) / 86400, 1)


def queue(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> Iterator[Item]:
    """Every entry waiting for review, by article and locale, in catalog order."""
    glossary = glossary_of(config)
    now = time.time()
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if state_of(entry) is not None:
            found = entry_findings(entry, locale, glossary, config.source_locale)
            yield item_of(locale, article, display, entry, found, now)


def item_of(locale: str, article: str, display: str, entry: Translation, found: Sequence[tuple[Check, str]],
            now: float) -> Item:
    """The queue item of a waiting *entry* of catalog *display*, with its check findings."""
    errors = {c.name for c, _ in found if c.severity == ERROR}
    names = sorted({c.name for c, _ in found}, key=lambda name: (name not in errors, name))
    return Item(locale, article, display, entry.line, entry.references[0] if entry.references else "",
                state_of(entry) or "", len(entry.msgid.split()), _age(entry, now), tuple(names), entry.msgid)


def reviewer_name(given: str | None) -> str:
    """Who approves: ``--reviewer``, else L10N_REVIEWER, GIT_AUTHOR_NAME, USER."""
    for name in (given, os.environ.get("L10N_REVIEWER"), os.environ.get("GIT_AUTHOR_NAME"),
                 os.environ.get("USER"), os.environ.get("LOGNAME")):
        if name and name.strip():
            return " ".join(name.split())
    raise L10nError("who is approving? pass --reviewer NAME or set L10N_REVIEWER")


@dataclass(slots=True)
class ApproveReport:
    approved: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def approve(config: Config, locale: str, articles: Sequence[str], entries: Sequence[str], reviewer: str) -> ApproveReport:
    """Approve the waiting entries of *articles* (all when empty) or those named in *entries*.

    An entry is named by a source reference (``source/x.md:39``) or a catalog
    position (``locales/es/LC_MESSAGES/x.po:120``).
    """
    glossary = glossary_of(config)
    report = ApproveReport()
    stamp = provenance.stamp()
    wanted = set(entries)
    matched: set[str] = set()
    for article in articles or config.articles():
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue
        display = config.relative(path)
        with catalog.edit(config.root, path, display) as po:
            for info in po:
                if state_of(info) is None:
                    continue
                names = {f"{display}:{info.line}", *info.references}
                if wanted and not names & wanted:
                    continue
                matched |= names & wanted
                errors = [m for c, m in entry_findings(info, locale, glossary, config.source_locale) if c.severity == ERROR]
                where = f"{display}:{info.line}"
                if errors:
                    report.refused.append(f"{where}: {errors[0]}")
                    continue
                catalog.approve(po, info, reviewer, stamp)
                report.approved.append(where)
    for missing in sorted(wanted - matched):
        report.refused.append(f"{missing}: no entry waiting for review there")
    return report
