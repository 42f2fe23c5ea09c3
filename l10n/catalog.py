"""The catalog model, a project's catalogs, and every edit to a catalog entry.

Rules:

1. The rest of the code sees a catalog entry as a :class:`Translation`, a frozen
   value; polib objects stay in the catalog layer (this module, :mod:`l10n.merge` and
   :mod:`l10n.po`).
2. A catalog is changed only by a read-modify-write under its lock (:func:`edit`): it
   is read once, changed through this module's functions, and written once,
   atomically, if an edit changed it; an error on the way leaves the file as it was.
   Two processes editing one catalog (``translate`` saving drafts while ``extract``
   merges, two reviewers) are serialized, so neither loses the other's change.
3. The edits: :func:`save_draft` fills an untranslated entry with a ``fuzzy`` draft and
   its ``l10n-draft:`` line; :func:`approve` makes a waiting entry reviewed: no
   ``fuzzy``, no previous msgid, an ``l10n-reviewed:`` line in place of its draft's
   (the lines are spelt by :mod:`l10n.provenance`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib

from . import provenance
from .config import Config
from .errors import CatalogError
from .fsutil import locked, read_file, write_if_changed
from .po import decode, dumps, entry_fields, flags_of, parse_po

__all__ = [
    "Catalog",
    "Translation",
    "approve",
    "as_translation",
    "catalog_entries",
    "edit",
    "read_translations",
    "save_draft",
    "translations",
]


@dataclass(frozen=True, slots=True)
class Translation:
    """The state of one catalog entry, as the rest of the code sees it."""

    msgid: str
    msgstr: str
    fuzzy: bool
    obsolete: bool
    previous: str | None
    line: int
    """1-based line of the entry in its PO file."""
    flags: tuple[str, ...] = ()
    comment: str = ""
    """The translator's comment."""
    references: tuple[str, ...] = ()
    """``path:line`` of each occurrence in the sources."""


def as_translation(entry: polib.POEntry) -> Translation:
    """The :class:`Translation` view of an entry read by :func:`l10n.po.read_po`."""
    return Translation(
        entry.msgid,
        entry.msgstr,
        "fuzzy" in entry.flags,
        entry.obsolete,
        entry.previous_msgid,
        entry.linenum,
        tuple(entry.flags),
        entry.tcomment or "",
        tuple(f"{path}:{line}" if line else path for path, line in entry.occurrences),
    )


def read_translations(path: Path, display: str, strict: bool = True) -> list[Translation]:
    """The entries of the PO file *path* as :class:`Translation` values (see :func:`translations`)."""
    return translations(read_file(path, display, CatalogError), display, strict)


def translations(data: bytes, display: str, strict: bool = True) -> list[Translation]:
    """The entries of the PO file *data* as :class:`Translation` values, without building polib objects.

    Entries with a context are left out (``l10n`` writes none). *strict* (a catalog of
    the project): what a catalog of Markdown units cannot hold is an error
    (:func:`l10n.po.entry_fields`), plural entries among them.
    """
    out = []
    for fields in entry_fields(decode(data, display), display, strict):
        if fields["msgid"] and "msgctxt" not in fields and "msgid_plural" not in fields:
            flags = tuple(flags_of(fields))
            out.append(
                Translation(
                    fields["msgid"],
                    fields.get("msgstr", ""),
                    "fuzzy" in flags,
                    bool(fields.get("obsolete")),
                    fields.get("previous_msgid"),
                    fields["_line"],
                    flags,
                    "\n".join(fields.get("tcomment", ())),
                    tuple(ref for line in fields.get("occurrences", ()) for ref in line.split()),
                )
            )
    return out


def catalog_entries(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()
) -> Iterator[tuple[str, str, str, Translation]]:
    """(article, locale, catalog path, entry) for every entry of the selected catalogs that exist."""
    for article in articles or config.articles():
        for locale in locales or config.locales:
            path = config.confined(config.catalog_path(locale, article))
            if path.exists():
                display = config.relative(path)
                for entry in read_translations(path, display):
                    yield article, locale, display, entry


class Catalog:
    """A catalog open for editing (see :func:`edit`); iterating gives its entries, in file order."""

    __slots__ = ("_by_line", "_live", "_po", "changed", "display")

    def __init__(self, po: polib.POFile, display: str) -> None:
        self._po = po
        self.display = display
        """The catalog's project-relative path."""
        self.changed = False
        """Whether an edit changed it (it is written back only then)."""
        self._live: dict[str, polib.POEntry] | None = None
        self._by_line: dict[int, polib.POEntry] | None = None

    def __iter__(self) -> Iterator[Translation]:
        return (as_translation(entry) for entry in self._po)

    def _entry(self, entry: Translation) -> polib.POEntry:
        """The polib entry *entry* was read from (entries are told apart by their line)."""
        if self._by_line is None:
            self._by_line = {e.linenum: e for e in self._po}
        found = self._by_line.get(entry.line)
        if found is None or found.msgid != entry.msgid:
            msg = f"no entry for msgid {entry.msgid[:40]!r} at this line"
            raise CatalogError(msg, self.display, entry.line)
        return found

    def _untranslated(self, msgid: str) -> polib.POEntry | None:
        """The live entry of *msgid* (without a context), if it has no translation."""
        if self._live is None:
            self._live = {e.msgid: e for e in self._po if not e.obsolete and e.msgctxt is None}
        found = self._live.get(msgid)
        return found if found is not None and not found.msgstr else None


@contextmanager
def edit(root: Path, path: Path, display: str) -> Iterator[Catalog]:
    """The catalog *path* (of the project *root*) for a read-modify-write under its lock (rule 2)."""
    with locked(root, path):
        data = read_file(path, display, CatalogError)
        catalog = Catalog(parse_po(decode(data, display), display, strict=True), display)
        yield catalog
        if catalog.changed:
            write_if_changed(path, dumps(catalog._po).encode(), data, display)


def save_draft(catalog: Catalog, msgid: str, text: str, draft: str) -> bool:
    """Give the untranslated entry *msgid* the ``fuzzy`` translation *text*, with the provenance *draft*.

    *draft* is an ``l10n-draft:`` line's text (:func:`l10n.provenance.machine_draft`,
    :func:`~l10n.provenance.reuse_draft`). False, and nothing changed, when *catalog* has
    no such entry or it has a translation (its unit changed or someone translated it
    meanwhile).
    """
    entry = catalog._untranslated(msgid)
    if entry is None:
        return False
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.tcomment = provenance.with_draft(entry.tcomment, draft)
    catalog.changed = True
    return True


def approve(catalog: Catalog, entry: Translation, reviewer: str, date: str) -> None:
    """Make *entry* of *catalog* reviewed by *reviewer* on *date* (a :func:`l10n.provenance.stamp`)."""
    found = catalog._entry(entry)
    found.flags = [f for f in found.flags if f != "fuzzy"]
    found.previous_msgid = None
    found.tcomment = provenance.with_review(found.tcomment or "", reviewer, date)
    catalog.changed = True
