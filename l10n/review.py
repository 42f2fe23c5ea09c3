"""Approvals (``l10n review approve``): a named reviewer makes a waiting translation publishable.

Rules:

1. What waits for review is defined by :mod:`l10n.queue`.
2. ``approve`` removes the flag and the previous msgid, and replaces the draft's
   provenance by ``l10n-reviewed: by=NAME date=... (was: PROVENANCE)``. It refuses an
   entry with an error-level finding. Each catalog is changed under its lock.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import catalog, provenance
from .checks import ERROR, check_cache, entry_findings, scope_of
from .config import Config
from .errors import L10nError
from .glossary import glossary_of
from .queue import state_of


def reviewer_name(given: str | None) -> str:
    """Who approves: ``--reviewer``, else L10N_REVIEWER, GIT_AUTHOR_NAME, USER."""
    for name in (
        given,
        os.environ.get("L10N_REVIEWER"),
        os.environ.get("GIT_AUTHOR_NAME"),
        os.environ.get("USER"),
        os.environ.get("LOGNAME"),
    ):
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
    cache = check_cache(config, glossary)
    report = ApproveReport()
    stamp = provenance.stamp()
    wanted = set(entries)
    matched: set[str] = set()
    for article in articles or config.articles():
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue
        display = config.relative(path)
        scope = scope_of(config, article)
        with catalog.edit(config.root, path, display) as po:
            for info in po:
                if state_of(info) is None:
                    continue
                names = {f"{display}:{info.line}", *info.references}
                if wanted and not names & wanted:
                    continue
                matched |= names & wanted
                errors = [
                    m
                    for c, m in entry_findings(info, locale, glossary, config.source_locale, scope, cache)
                    if c.severity == ERROR
                ]
                where = f"{display}:{info.line}"
                if errors:
                    report.refused.append(f"{where}: {errors[0]}")
                    continue
                catalog.approve(po, info, reviewer, stamp)
                report.approved.append(where)
        cache.flush()
    for missing in sorted(wanted - matched):
        report.refused.append(f"{missing}: no entry waiting for review there")
    return report
