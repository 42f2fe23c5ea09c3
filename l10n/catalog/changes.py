"""What updating a catalog from its template changed, in the words ``l10n extract`` reports.

Rules:

1. Entries are compared by key (context and text) between the catalog as it was and as it
   is written. A live entry whose key was live before is *unchanged* (its translation and
   state are kept as they were); a live entry new to the catalog is *outdated* when it is
   ``fuzzy`` (it took the translation of a text that changed, :mod:`l10n.catalog.merge`)
   and *new* otherwise; an entry obsolete now that was live before is *obsolete*.
2. A catalog that would be rewritten although every entry and header field reads the same
   (what a PO editor's line wrapping or a hand edit of the spacing does) differs *only in
   formatting*: ``l10n extract`` rewrites it into gettext's canonical form, and loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polib

from l10n.catalog.po import decode, parse_po

__all__ = ["Changes", "changes"]


@dataclass(frozen=True, slots=True)
class Changes:
    """The entries of one catalog after an update, counted against the catalog before it."""

    new: int
    """Live entries new to the catalog with no translation taken over: to translate."""
    outdated: int
    """Live entries new to the catalog that took the translation of a changed text (``fuzzy``)."""
    obsolete: int
    """Entries that were live and are now obsolete (``#~``): their text left the source."""
    unchanged: int
    """Live entries whose text was already in the catalog."""
    formatting_only: bool
    """True when the old and new catalogs read the same and differ only in how they are written."""

    def summary(self) -> str:
        """``2 new, 1 outdated (fuzzy), 0 obsolete, 40 unchanged`` (or the formatting note)."""
        if self.formatting_only:
            return "differs only in formatting (a PO editor's line wrapping?): `l10n extract` rewrites it, nothing is lost"
        return f"{self.new} new, {self.outdated} outdated (fuzzy), {self.obsolete} obsolete, {self.unchanged} unchanged"


def changes(old: bytes | None, new: bytes, display: str) -> Changes:
    """What writing *new* over *old* (None: there is no catalog yet) changes in the catalog *display*."""
    after = parse_po(decode(new, display), display)
    before = parse_po(decode(old, display), display) if old is not None else None
    was_live = {_key(e) for e in before if not e.obsolete} if before is not None else set()
    new_count = outdated = obsolete = unchanged = 0
    for entry in after:
        key = _key(entry)
        if entry.obsolete:
            obsolete += 1 if key in was_live else 0
        elif key in was_live:
            unchanged += 1
        elif "fuzzy" in entry.flags:
            outdated += 1
        else:
            new_count += 1
    same = before is not None and _content(before) == _content(after)
    return Changes(new_count, outdated, obsolete, unchanged, same)


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _content(po: polib.POFile) -> tuple[Any, ...]:
    """Everything a catalog says, without how it is laid out on lines."""
    entries = tuple(
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted(e.msgstr_plural.items())),
            tuple(e.flags),
            e.comment,
            e.tcomment,
            tuple(e.occurrences),
            e.previous_msgctxt,
            e.previous_msgid,
            e.previous_msgid_plural,
            e.obsolete,
        )
        for e in po
    )
    return po.header, tuple(po.metadata.items()), po.metadata_is_fuzzy, entries
