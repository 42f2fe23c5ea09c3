"""The check cache: raw findings of every translation already checked, in ``.l10n/checks.sqlite``.

Rules:

1. A translation is checked again only when something the checks see changed. The key
   of an entry is a digest of the *salt* (what every key of the project shares, rule 1 of
   :mod:`l10n.checks.salt`), the locale, the :class:`~.registry.Scope` of its article
   (every field the checks receive), the source text, the translation, and what else the
   :class:`~.registry.Context` carries of the entry: its units' kinds and its whole
   translator comment (a draft's provenance is read by a check; waivers, approvals and
   ``l10n-ignore`` lines are in it too, so an entry whose comment changed is checked
   again, which costs one entry's checks).
2. What is stored is the raw list of ``(check, message)`` of every registered check,
   nothing silenced: ``l10n-ignore`` lines and waivers, and whatever else decides what
   a finding means for an entry, are applied by the caller after the cache
   (:func:`~.runner.honour`), exactly as without one.
3. The cache only costs speed: it is git-ignored, safe to delete (``rm -r .l10n``), and
   any problem with it (unwritable folder, a file that is not a database, another
   version's layout) makes the run check everything, as without a cache; a file that
   is not a database is replaced with a warning (:func:`l10n.core.store.replaced`).
   Only a file that is not a regular file or that a symlink leads outside the project
   (it or its ``-wal``, ``-shm`` files) is an error, as for every file under
   ``.l10n/``: the file is a :class:`l10n.core.store.Store`. Rows of another salt are
   dropped when a salt is first seen.
4. A catalog is remembered too: the entries of it that have findings or wait for
   review, with their raw findings, under a key of its path, size, modification and
   change time and its article source's (as git's index, the file is not read again
   while they are the same; a file edited in place with its size kept and its
   modification time restored has another change time; files changed in the last :data:`RACY` seconds are not
   remembered, as their time may not tell a later change). One record per catalog for
   ``l10n check``, and one of what a report and the review queue show of it
   (:func:`l10n.workflow.coverage.coverage`).
5. One connection per process: a worker forked by :mod:`l10n.core.parallel` opens its own.
   Lookups are single reads (or one query per catalog); new results are written in
   transactions of at least :data:`BATCH` results (callers offer a flush after each
   catalog), and what is left when the process ends, so a ``kill -9`` loses at most a
   batch. Concurrent processes wait for each other's transactions (SQLite's lock),
   never for long. A process that found the cache empty does not look anything up in
   it (a cold run: what it finds there, other processes of the same run wrote).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.checks.salt import digest, salt_of, stable
from l10n.core.errors import L10nError
from l10n.core.store import Store, layout_table

if TYPE_CHECKING:
    from l10n.checks.registry import Scope
    from l10n.core.config import Config
    from l10n.glossary.model import Glossary

SCHEMA = 4
"""The layout of the file; another one is replaced."""
BATCH = 5000
"""Results written per transaction, at least (rule 5): the keys are random, so every transaction
rewrites most of the table's pages, and fewer, larger ones write less."""
RACY = 2.0
"""Seconds: a file modified more recently than this may change again within its time's resolution."""

Raw = list[tuple[str, str]]
"""``(check name, message)`` of every finding, in registry order."""


class CheckCache:
    """Raw findings by entry key, for one project and salt, in this process."""

    def __init__(self, path: Path, salt: str, root: Path | None = None) -> None:
        self.path = path
        self.salt = salt
        self.root = root
        """The project whose ``.l10n/`` holds *path*: its folder is made and checked there (rule 3)."""
        self.hits = 0
        self.misses = 0
        self._pid = os.getpid()  # what is pending belongs to this process (a forked worker drops it)
        self._empty = False
        """The file had no result for this salt when this process opened it (rule 5)."""
        self._file: tuple[int, int] | None = None
        self._store: Store | None = None
        self._pending: dict[bytes, str] = {}
        self._records: dict[tuple[str, str], tuple[bytes, str]] = {}
        self._fetched: dict[bytes, str] = {}
        self._batch: tuple[str, Scope, dict[tuple[str, str, str], bytes]] | None = None
        """What :meth:`prefetch` read: findings, or "" for a key not stored."""
        self._scopes: dict[int, tuple[Scope, str]] = {}
        self._prefixes: dict[tuple[str, int], tuple[Scope, Any]] = {}
        self._broken = False

    def key(self, locale: str, scope: Scope, source: str, translation: str, seen: str = "") -> bytes:
        """The key of *translation* of *source* in *locale* and *scope*; *seen* is what else the checks
        read of the entry (its kinds and comment, :func:`~.runner.seen`) (rule 1)."""
        batch = self._batch
        if batch is not None and batch[0] == locale and batch[1] is scope and (source, translation, seen) in batch[2]:
            return batch[2][(source, translation, seen)]
        prefix = self._prefixes.get((locale, id(scope)))
        if prefix is None or prefix[0] is not scope:
            if len(self._prefixes) > 256:
                self._prefixes.clear()
            hasher = hashlib.blake2b(digest_size=16)
            hasher.update(digest(self.salt, locale, self._scope_digest(scope)))
            prefix = self._prefixes[(locale, id(scope))] = (scope, hasher)
        hasher = prefix[1].copy()
        text = f"{len(source)}\0{source}\0{len(translation)}\0{translation}\0{seen}"
        hasher.update(text.encode("utf-8", "surrogatepass"))
        return hasher.digest()

    def catalog_key(self, locale: str, catalog: str, source: str, kind: str = "all") -> bytes | None:
        """The key of a catalog's record of *kind* (rule 4), or None when it must be read: unreadable, or changed just now."""
        import time

        found = []
        for path in (catalog, source):
            try:
                info = os.stat(path)
            except OSError:
                if path == catalog:
                    return None
                found.append(f"{path}:-")
                continue
            if info.st_mtime > time.time() - RACY:
                return None
            found.append(f"{path}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}")
        return digest(self.salt, "catalog", kind, locale, *found)

    def record(self, key: bytes) -> list[Any] | None:
        """The record stored under *key* by :meth:`keep`, or None."""
        db = self._connection(create=False)
        if db is None or self._empty:
            return None
        try:
            row = db.execute("SELECT entries FROM catalogs WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._fail()
            return None
        return None if row is None else list(json.loads(row[0]))

    def keep(self, key: bytes, catalog: str, entries: list[Any], kind: str = "all") -> None:
        """Remember *entries* (JSON data) as the record of *kind* of *catalog* under *key*, replacing its older one."""
        self._adopt()
        if not self._broken:
            self._records[(catalog, kind)] = (key, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))

    def _scope_digest(self, scope: Scope) -> str:
        known = self._scopes.get(id(scope))
        if known is None or known[0] is not scope:
            if len(self._scopes) > 256:  # one per article: keep the few being worked on
                self._scopes.clear()
            known = (scope, digest(stable(scope)).hex())
            self._scopes[id(scope)] = known
        return known[1]

    def prefetch(self, locale: str, scope: Scope, pairs: Iterable[tuple[str, str, str]]) -> None:
        """Read the findings of the (source, translation, seen) *pairs* of one catalog in a few queries,
        for the :meth:`key` and :meth:`get` calls that follow."""
        self._adopt()
        self._batch = None
        self._fetched.clear()
        keys = {pair: self.key(locale, scope, *pair) for pair in pairs}
        self._batch = (locale, scope, keys)
        wanted = [key for key in keys.values() if key not in self._pending]
        db = self._connection(create=False)
        if db is None or self._empty:  # nothing stored yet (a first run): every key is known to be absent
            self._fetched.update((key, "") for key in wanted)
            return
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                self._fetched.update(db.execute(f"SELECT key, findings FROM checks WHERE key IN ({marks})", chunk).fetchall())
        except sqlite3.Error:
            self._fail()
            return
        self._fetched.update((key, "") for key in wanted if key not in self._fetched)  # known to be absent

    def get(self, key: bytes) -> Raw | None:
        """The raw findings stored under *key*, or None."""
        self._adopt()
        pending = self._pending.get(key) or self._fetched.get(key)
        if pending == "":
            self.misses += 1
            return None
        if pending is not None:
            self.hits += 1
            return _decode(pending)
        db = self._connection(create=False)
        if db is None or self._empty:
            return None
        try:
            row = db.execute("SELECT findings FROM checks WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._fail()
            return None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return _decode(row[0])

    def put(self, key: bytes, raw: Sequence[tuple[str, str]]) -> None:
        """Remember *raw* under *key* (written at the next :meth:`flush`)."""
        self._adopt()
        if not self._broken:
            self._pending[key] = json.dumps(raw, ensure_ascii=False, separators=(",", ":")) if raw else "[]"

    def flush(self, force: bool = False) -> None:
        """Write what :meth:`put` and :meth:`keep` remembered, in one transaction, once there is a batch
        of it (rule 5) or with *force*."""
        self._adopt()
        if not self._pending and not self._records:
            return
        if not force and len(self._pending) + 8 * len(self._records) < BATCH:
            return
        store = self._opened()
        if store is not None:
            written = store.write(
                [
                    ("INSERT OR REPLACE INTO checks (key, findings) VALUES (?, ?)", self._pending.items()),
                    ("DELETE FROM catalogs WHERE path = ? AND kind = ?", self._records),
                    (
                        "INSERT OR REPLACE INTO catalogs (key, path, kind, entries) VALUES (?, ?, ?, ?)",
                        ((key, path, kind, entries) for (path, kind), (key, entries) in self._records.items()),
                    ),
                ]
            )
            if not written:
                self._fail()
        self._pending.clear()
        self._records.clear()
        self._fetched.clear()

    def revalidate(self) -> bool:
        """Open the file again if it was deleted or replaced since it was opened (``rm -r .l10n``); whether it was."""
        self._adopt()
        if self._file == _identity(self.path):
            return False
        self._pending.clear()  # meant for the file that is gone
        self._records.clear()
        self.close()
        self._broken = False
        return True

    def close(self) -> None:
        """Write what is pending and close the connection (this process's only)."""
        self.flush(force=True)
        if self._store is not None:
            self._store.close()
        self._store = None

    def open(self) -> None:
        """Open the file now if there is one, in this process: a damaged one is replaced (and warned of)
        here, before workers forked from this process would each find it damaged."""
        self._opened(create=False)

    def _connection(self, create: bool = True) -> sqlite3.Connection | None:
        """This process's connection; with *create* false, None rather than a new file (a cold run that finds nothing)."""
        store = self._opened(create)
        return None if store is None else store.db

    def _opened(self, create: bool = True) -> Store | None:
        """This process's store, open; None when it is broken, or (*create* false) when there is no file."""
        self._adopt()
        if self._broken:
            return None
        if self._store is None:
            if self.root is None:
                return None
            try:  # made inside the project, never through a symlink leading out (rule 3)
                self._store = Store(self.root, self.path.name, partial(_setup, salt=self.salt), noun="check cache")
            except L10nError:
                self._broken = True
                return None
        store = self._store
        if store.db is None:
            if not create and not self.path.exists():
                return None
            try:
                store.open(create)
            except L10nError:
                store.broken = True
            if store.db is None:
                self._broken = True
                self._file = _identity(self.path)
                return None
            self._empty = bool(store.found)
            self._file = _identity(self.path)
        return store

    def _adopt(self) -> None:
        """In a forked worker, start afresh: what is pending is the parent's, and so is the connection,
        which is kept open and unused (closing it could checkpoint and delete the WAL under the parent)."""
        if self._pid == os.getpid():
            return
        if self._store is not None and self._store.db is not None:
            _INHERITED.append(self._store.db)
            self._store.db = None
        self._pending.clear()
        self._records.clear()
        self._fetched.clear()
        self._batch = None
        self._pid = os.getpid()

    def _fail(self) -> None:
        """Stop using the cache for the rest of this process (rule 3)."""
        self._broken = True
        self._pending.clear()
        self._records.clear()


def _setup(db: sqlite3.Connection, salt: str) -> bool:
    """The cache file's tables, made ready for *salt*; whether it holds no result for it."""
    stored = layout_table(db, "schema", str(SCHEMA))
    db.execute("CREATE TABLE IF NOT EXISTS checks (key BLOB PRIMARY KEY, findings TEXT NOT NULL) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE IF NOT EXISTS catalogs (key BLOB PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT NULL,"
        " entries TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS catalogs_path ON catalogs (path, kind)")
    if stored.get("salt") != salt:  # results of another version or configuration: never read again
        db.execute("DELETE FROM checks")
        db.execute("DELETE FROM catalogs")
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('salt', ?)", (salt,))
    return db.execute("SELECT 1 FROM checks LIMIT 1").fetchone() is None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _decode(text: str) -> Raw:
    if text == "[]":
        return []
    return [(str(name), str(message)) for name, message in json.loads(text)]


_CACHES: dict[tuple[Path, str], CheckCache] = {}
_INHERITED: list[sqlite3.Connection] = []
"""Connections of a parent process, kept open and unused in its forked workers."""
_SALTS: dict[tuple[int, int], tuple[Config, Glossary, str]] = {}


def check_cache(config: Config, glossary: Glossary | None = None) -> CheckCache:
    """The check cache of *config*'s project for this process (one per project and salt)."""
    from l10n.core.files import private_database
    from l10n.glossary.schema import glossary_of

    glossary = glossary if glossary is not None else glossary_of(config)
    known = _SALTS.get((id(config), id(glossary)))
    if known is None or known[0] is not config or known[1] is not glossary:
        known = _SALTS[(id(config), id(glossary))] = (config, glossary, salt_of(config, glossary))
    salt = known[2]
    found = _CACHES.get((config.root, salt))
    if found is None:
        for other in list(_CACHES)[:-3]:  # a process works on one project; tests on many, one after the other
            _CACHES.pop(other).close()
        path = private_database(config.root, "checks.sqlite")  # refused before anything is read (rule 3)
        found = _CACHES[(config.root, salt)] = CheckCache(path, salt, config.root)
    elif found.revalidate():
        private_database(config.root, "checks.sqlite")  # what replaced it is refused as a new file would be
    _flush_at_exit()  # also in a worker forked after its parent made the cache
    return found


_HOOKED: set[int] = set()


def _flush_at_exit() -> None:
    """Write every cache's last results when this process ends: the main process (``atexit``), or a
    worker of :mod:`multiprocessing`, which ends through its finalizers instead (rule 5)."""
    if os.getpid() in _HOOKED:
        return
    _HOOKED.add(os.getpid())
    atexit.register(_flush_all)
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.parent_process() is not None:
        from multiprocessing.util import Finalize

        Finalize(None, _flush_all, exitpriority=10)


def _flush_all() -> None:
    for known in list(_CACHES.values()):
        with contextlib.suppress(Exception):  # at exit, a cache that cannot be written only costs time
            known.flush(force=True)
