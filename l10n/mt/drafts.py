"""Machine drafts already in a locale's catalogs: which engine made them, and emptying them for another.

Rules:

1. A machine draft is a live ``fuzzy`` entry with a translation whose ``l10n-draft:`` line says
   ``mt`` (``engine=pseudo`` included). Reuse, translation-memory and agency drafts are not,
   nor is any reviewed or human translation: those are never emptied.
2. ``l10n translate`` drafts only empty units, so a unit holding another engine's draft (a
   pseudo draft made for a layout test, a free engine's before a paid one) keeps it. With
   ``--replace-drafts`` those drafts are emptied first, in the articles chosen, each catalog
   under its lock, and the engine drafts them; drafts of the same engine stay (its cache would
   give the same text back).
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.catalog import entries as catalog
from l10n.catalog import provenance
from l10n.catalog.entries import Translation
from l10n.core.config import Config

__all__ = ["discard_others", "other_engine"]


def other_engine(entry: Translation, engine: str) -> str | None:
    """The engine of *entry*'s machine draft when that is not *engine*; None for anything else (rule 1)."""
    if entry.obsolete or not entry.fuzzy or not entry.msgstr:
        return None
    draft = provenance.draft_of(entry.comment)
    if draft is None or draft.how != "mt":
        return None
    made_by = draft.engine or "unknown"
    return None if made_by == engine else made_by


def discard_others(config: Config, locale: str, articles: Sequence[str], engine: str) -> int:
    """Empty the machine drafts of engines other than *engine* in *locale*'s catalogs of *articles*; how many (rule 2)."""
    emptied = 0
    for article in articles:
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue  # translate names the missing catalog
        with catalog.edit(config.root, path, config.relative(path)) as po:
            for entry in list(po):
                if other_engine(entry, engine) is not None:
                    catalog.discard_draft(po, entry)
                    emptied += 1
    return emptied
