"""The catalog model, a project's catalogs, and every edit to a catalog entry.

Rules:

1. The rest of the code sees a catalog entry as a :class:`Translation`, a frozen
   value; polib objects stay in the catalog layer (this module, :mod:`l10n.catalog.merge` and
   :mod:`l10n.catalog.po`).
2. A catalog is changed only by a read-modify-write under its lock (:func:`edit`): it
   is read once, changed through this module's functions, and written once,
   atomically, if an edit changed it; an error on the way leaves the file as it was.
   Two processes editing one catalog (``translate`` saving drafts while ``extract``
   merges, two reviewers) are serialized, so neither loses the other's change.
3. The edits: :func:`save_draft` fills an untranslated entry with a ``fuzzy`` draft and
   its ``l10n-draft:`` line; :func:`offer` replaces a machine draft (or fills an empty
   entry) with a reuse draft; :func:`approve` records one approval of the entry's
   exact texts: no ``fuzzy``, no previous msgid, an ``l10n-reviewed:`` line in place of
   its draft's; :func:`waive` records a waiver of one check on its exact texts (the
   lines are spelt by :mod:`l10n.catalog.provenance`).
4. :func:`sign` updates ``PO-Revision-Date`` and ``Last-Translator`` as PO editors do
   when they save: ``translate`` and ``approve`` call it on the catalogs they changed.
5. A catalog under ``locales_dir`` of a locale that is not configured is never read,
   but never silently ignored either: :func:`unconfigured` says how to adopt it.
6. :func:`replace_draft` gives a live entry a ``fuzzy`` draft whatever it had (an
   agency's translation of the current text: no previous msgid is kept);
   :func:`save_suggestions` records translation-memory suggestions beside an entry,
   leaving its translation and flags alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.catalog import provenance, sent_back, stamps
from l10n.catalog.merge import kinds_of
from l10n.catalog.po import decode, dumps, entry_fields, flags_of, parse_po
from l10n.core.config import Config
from l10n.core.errors import CatalogError, L10nError
from l10n.core.files import read_file, write_if_changed
from l10n.core.locales import normalize_locale
from l10n.core.locks import locked

__all__ = [
    "Catalog",
    "Translation",
    "approve",
    "as_translation",
    "catalog_entries",
    "discard_draft",
    "edit",
    "offer",
    "read_translations",
    "replace_draft",
    "save_draft",
    "save_suggestions",
    "send_back",
    "sign",
    "translations",
    "unconfigured",
    "waive",
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
    kinds: tuple[str, ...] = ()
    """The kinds of the units the entry translates (``heading``, ``paragraph``...), from its ``#.`` comment."""
    notes: str = ""
    """The extracted comments (``#.``): the hints ``l10n extract`` wrote for the translator."""


def as_translation(entry: polib.POEntry) -> Translation:
    """The :class:`Translation` view of an entry read by :func:`l10n.catalog.po.read_po`."""
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
        kinds_of(entry.comment.split("\n")),
        entry.comment or "",
    )


def read_translations(path: Path, display: str, strict: bool = True) -> list[Translation]:
    """The entries of the PO file *path* as :class:`Translation` values (see :func:`translations`)."""
    return translations(read_file(path, display, CatalogError), display, strict)


def translations(data: bytes, display: str, strict: bool = True) -> list[Translation]:
    """The entries of the PO file *data* as :class:`Translation` values, without building polib objects.

    Entries with a context are left out (``l10n`` writes none). *strict* (a catalog of
    the project): what a catalog of Markdown units cannot hold is an error
    (:func:`l10n.catalog.po.entry_fields`), plural entries among them.
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
                    kinds_of(fields.get("comment", ())),
                    "\n".join(fields.get("comment", ())),
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

    def _same(self, entry: Translation) -> polib.POEntry:
        """The polib entry of *entry*, which must still hold the texts *entry* was read with."""
        found = self._entry(entry)
        if found.msgstr != entry.msgstr:
            msg = "the translation changed since it was read; nothing recorded"
            raise CatalogError(msg, self.display, entry.line)
        return found

    def _untranslated(self, msgid: str) -> polib.POEntry | None:
        """The live entry of *msgid* (without a context), if it has no translation."""
        found = self._live_entry(msgid)
        return found if found is not None and not found.msgstr else None

    def _live_entry(self, msgid: str) -> polib.POEntry | None:
        """The live entry of *msgid* (without a context), if any."""
        if self._live is None:
            self._live = {e.msgid: e for e in self._po if not e.obsolete and e.msgctxt is None}
        return self._live.get(msgid)


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

    *draft* is an ``l10n-draft:`` line's text (:func:`l10n.catalog.provenance.machine_draft`,
    :func:`~l10n.catalog.provenance.reuse_draft`). False, and nothing changed, when *catalog* has
    no such entry or it has a translation (its unit changed or someone translated it
    meanwhile).
    """
    entry = catalog._untranslated(msgid)
    if entry is None:
        return False
    _draft(catalog, entry, text, draft)
    return True


def offer(catalog: Catalog, msgid: str, text: str, draft: str) -> bool:
    """Make *text* the ``fuzzy`` reuse draft of *msgid* if its entry is empty or holds a machine draft.

    *draft* is an :func:`l10n.catalog.provenance.reuse_draft` line. An outdated entry, a hand
    translation or a draft already equal to *text* is left alone (False).
    """
    entry = catalog._live_entry(msgid)
    if entry is None or entry.msgstr == text or entry.previous_msgid is not None:
        return False
    if entry.msgstr:
        origin = provenance.draft_of(entry.tcomment or "")
        if "fuzzy" not in entry.flags or origin is None or origin.how != "mt":
            return False  # a human translation or a reuse draft stays
    _draft(catalog, entry, text, draft)
    return True


def replace_draft(catalog: Catalog, msgid: str, text: str, draft: str) -> bool:
    """Give the live entry *msgid* the ``fuzzy`` translation *text* with the provenance *draft* (rule 4).

    Whatever the entry had is replaced, its previous msgid too: *text* translates the
    current source. The caller decides which entries may be replaced (a reviewed one is
    not, see :mod:`l10n.workflow.agency`). False, and nothing changed, when there is no
    such entry.
    """
    entry = catalog._live_entry(msgid)
    if entry is None:
        return False
    entry.previous_msgid = None
    _draft(catalog, entry, text, draft)
    return True


def _draft(catalog: Catalog, entry: polib.POEntry, text: str, draft: str) -> None:
    """Make *text* the ``fuzzy`` translation of *entry*, with the ``l10n-draft:`` line *draft*."""
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.tcomment = provenance.with_draft(entry.tcomment or "", draft)
    catalog.changed = True


def discard_draft(catalog: Catalog, entry: Translation) -> None:
    """Empty the drafted *entry* so that it is drafted again: its translation, ``fuzzy``, previous
    msgid and draft line go; its other comments stay. The caller decides which drafts may go
    (:mod:`l10n.mt.drafts`: another engine's machine drafts)."""
    found = catalog._same(entry)
    found.msgstr = ""
    found.flags = [f for f in found.flags if f != "fuzzy"]
    found.previous_msgid = None
    found.previous_msgctxt = None
    found.tcomment = provenance.without_draft(found.tcomment or "")
    catalog.changed = True


def save_suggestions(catalog: Catalog, msgid: str, suggestions: list[str]) -> bool:
    """Record *suggestions* (:func:`l10n.catalog.provenance.suggestion` texts) on the live entry *msgid* (rule 4).

    False, and nothing changed, when there is no such entry.
    """
    entry = catalog._live_entry(msgid)
    if entry is None:
        return False
    comment = provenance.with_suggestions(entry.tcomment or "", suggestions)
    if comment != entry.tcomment:
        entry.tcomment = comment
        catalog.changed = True
    return True


def approve(catalog: Catalog, entry: Translation, reviewer: str, date: str, sig: str = "") -> Translation:
    """Record *reviewer*'s approval of *entry*'s exact texts on *date* (a :func:`l10n.catalog.stamps.stamp`).

    *sig* is the reviewer's signature of the record (:mod:`l10n.catalog.signatures`), if signed.
    Returns the entry as it now is.
    The entry loses ``fuzzy`` and its previous msgid; its draft line and void approvals
    give way to the new approval, other reviewers' valid ones stay.
    """
    found = catalog._same(entry)
    found.flags = [f for f in found.flags if f != "fuzzy"]
    found.previous_msgid = None
    found.previous_msgctxt = None
    current = provenance.digest(found.msgid, found.msgstr)
    found.tcomment = provenance.with_approval(found.tcomment or "", reviewer, date, current, sig)
    catalog.changed = True
    return as_translation(found)


def waive(catalog: Catalog, entry: Translation, check: str, reviewer: str, date: str, reason: str, sig: str = "") -> None:
    """Record *reviewer*'s waiver of the check *check* on *entry*'s exact texts, for *reason*, signed *sig*."""
    found = catalog._same(entry)
    current = provenance.digest(found.msgid, found.msgstr)
    found.tcomment = provenance.with_waiver(found.tcomment or "", check, reviewer, date, current, reason, sig)
    catalog.changed = True


def send_back(catalog: Catalog, entry: Translation, reviewer: str, date: str, note: str) -> None:
    """Record *reviewer*'s *note* to the translator on *entry* and mark it ``fuzzy`` (needs work).

    The translation is kept as it is, for the translator to correct; approvals of it stay
    in the comment (valid ones still name its exact texts) but a fuzzy entry is never reviewed.
    """
    found = catalog._same(entry)
    if "fuzzy" not in found.flags:
        found.flags.insert(0, "fuzzy")
    found.tcomment = sent_back.with_sent_back(found.tcomment or "", reviewer, date, note)
    catalog.changed = True


def sign(catalog: Catalog, translator: str | None, date: str) -> None:
    """Set the header's ``PO-Revision-Date`` to *date* (a stamp) and, when given, ``Last-Translator``."""
    header = catalog._po.metadata
    header["PO-Revision-Date"] = time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(stamps.parse_stamp(date)))
    if translator:
        header["Last-Translator"] = translator
    catalog.changed = True


def unconfigured(config: Config) -> list[str]:
    """A warning for each folder of ``locales_dir`` holding catalogs of a locale that is not configured.

    Such a catalog (a translator ran ``msginit``, Weblate's "start new translation" added
    ``locales/pt_BR/LC_MESSAGES/x.po``) is neither updated nor built; the warning names
    the ``l10n init`` command that adopts it, or says why it cannot be: a folder spelt
    otherwise than ``l10n`` spells the locale (``pt-BR``), an unknown code, the source
    locale. Only the top of ``locales_dir`` is listed, and the folders of configured
    locales are not entered; symlinks are not followed.
    """
    try:
        folders = sorted((e.name, e.path) for e in os.scandir(config.locales_dir) if e.is_dir(follow_symlinks=False))
    except OSError:
        return []
    warnings = []
    for name, path in folders:
        if name in config.locales or name == "templates" or name.startswith("."):
            continue
        catalogs = _catalogs_under(os.path.join(path, "LC_MESSAGES"))
        if not catalogs:
            continue
        first = config.relative(Path(catalogs[0]))
        where = f"{first} (and {len(catalogs) - 1} more)" if len(catalogs) > 1 else first
        it = "them" if len(catalogs) > 1 else "it"
        try:
            code = normalize_locale(name)
        except L10nError:
            warnings.append(f"{where}: catalog of {name!r}, which is not a locale l10n knows; {it} is ignored")
            continue
        folder = config.relative(config.locales_dir / code)
        if code == config.source_locale:
            warnings.append(f"{where}: catalog of the source locale {code}; {it} is ignored")
        elif code != name:
            todo = "" if code in config.locales else f" and run `l10n init {code}`"
            warnings.append(
                f"{where}: catalog of {code} in a folder spelt {name!r}, which l10n does not read: rename it {folder}{todo}"
            )
        else:
            warnings.append(
                f"{where}: catalog of {code}, which is not configured: `l10n init {code}` adopts {it} (or delete {it})"
            )
    return warnings


def _catalogs_under(folder: str) -> list[str]:
    """The ``.po`` files under *folder*, sorted (none when it is missing or a symlink)."""
    if os.path.islink(folder):
        return []
    found = [os.path.join(here, name) for here, _, names in os.walk(folder) for name in names if name.endswith(".po")]
    return sorted(found)
