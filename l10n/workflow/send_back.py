"""Sending a translation back to its translator (``l10n review send-back``, and the served page's button).

Rules:

1. A reviewer who finds a translation wrong writes a note to the translator; the note is
   written into the entry as an ``l10n-sent-back: by=WHO date=STAMP note="TEXT"`` line of its
   translator comment (:mod:`l10n.catalog.sent_back`), which every PO editor shows beside the
   entry, and the entry is marked ``fuzzy``: it stays unapproved (a fuzzy entry is never
   reviewed, whatever approvals it holds) and the translator's editor lists it as needing work.
2. The translation itself is kept, for the translator to correct. The review queue shows the
   entry as ``sent back`` until the translator clears ``fuzzy``.
3. Refused, with nothing written: an empty note, an entry that is not there or has no
   translation. The note is one line (white space runs become one space).
4. The entry is named as for ``approve`` and ``waive``: its source reference
   (``source/x.md:39``) or its catalog position; the catalog is changed under its lock and its
   ``PO-Revision-Date`` updated (``Last-Translator`` stays: a note is not a translation).
"""

from __future__ import annotations

from l10n.catalog import entries as catalog
from l10n.catalog import stamps
from l10n.core.config import Config
from l10n.core.errors import L10nError


class SendBackRefused(L10nError):
    """A note that cannot be recorded: empty, or no translated entry there."""

    exit_code = 1


def send_back(config: Config, locale: str, entry: str, note: str, reviewer: str) -> str:
    """Record *reviewer*'s *note* on the entry named *entry* and mark it fuzzy (rules 1-4); its ``catalog:line``."""
    if not " ".join(note.split()):
        raise SendBackRefused(f"{entry}: sending back needs a note for the translator (--note)")
    source = config.relative(config.source_dir) + "/"
    for article in config.articles():
        path = config.confined(config.catalog_path(locale, article))
        display = config.relative(path)
        if not entry.startswith((f"{source}{article}.md:", f"{display}:")) or not path.exists():
            continue
        with catalog.edit(config.root, path, display) as po:
            for info in po:
                where = f"{display}:{info.line}"
                if info.obsolete or not info.msgstr or entry not in (where, *info.references):
                    continue
                date = stamps.stamp()
                catalog.send_back(po, info, reviewer, date, note)
                catalog.sign(po, None, date)
                return where
    raise SendBackRefused(f"{entry}: no translated entry there")
