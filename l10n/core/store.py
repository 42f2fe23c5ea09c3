"""The one SQLite helper for the files of ``.l10n/``: the state, the check cache, the MT cache.

Rules:

1. A store's file is ``.l10n/<name>``, found through :func:`l10n.core.files.private_database`:
   it, its ``-wal``, ``-shm`` and ``-journal`` files and every folder on the way are
   refused (an error naming the path) when a symlink leads them out of the project or
   they are not regular files. The folder is created only when something is written.
2. Every store holds only what can be computed again (fingerprints, check results,
   machine translations already paid for). A file that is not an SQLite database, a
   damaged one or one of another layout (:class:`OtherLayout`) is deleted with its
   ``-wal``/``-shm``/``-journal`` files and started afresh: with a warning
   (:attr:`Store.warnings`, and :func:`replaced`, which the CLI prints at the end of
   a run, for a store whose caller does not report it), never a traceback;
   silently for another layout, which is what an upgrade leaves. Any other failure (a
   full disk, a lock held too long) leaves the file be and the store unused for the
   rest of the process: deleting it would free the space a run's real outputs need,
   and lose a good file.
3. WAL journal, and one ``BEGIN IMMEDIATE`` transaction per batch of writes
   (:meth:`Store.write`): readers never wait for a writer, and a run killed at any
   point leaves the batches it finished, each whole. ``synchronous`` is chosen by the
   store: ``OFF`` where a lost record only costs time, ``NORMAL`` for the MT cache,
   where it costs a request.
4. Opening waits while another process holds the file (:func:`patiently`): two workers
   of one run creating the same file at once must both get it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from l10n.core.files import private_database, private_dir

WAIT = 30.0
"""Seconds :func:`patiently` tries again while another process holds an SQLite file."""
_T = TypeVar("_T")
_REPLACED: list[str] = []
"""The warnings of every store replaced in this process (rule 2), for :func:`replaced`."""


class OtherLayout(sqlite3.DatabaseError):
    """An SQLite file of ``.l10n/`` in another layout of ``l10n``: replaced without a warning."""


def damaged(exc: BaseException) -> bool:
    """Whether *exc*, raised opening an SQLite file of ``.l10n/``, says the file must be replaced: it is
    not a database, a damaged one, or another layout's (rule 2)."""
    return isinstance(exc, OtherLayout) or _code(exc) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _code(exc: BaseException) -> int:
    """SQLite's primary result code of *exc* (0 when it has none)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def patiently(opening: Callable[[], _T]) -> _T:
    """*opening*'s result, tried again for up to :data:`WAIT` seconds while SQLite says the file is busy.

    Switching a new file to WAL does not wait through SQLite's busy timeout: two workers
    of one build creating the check cache at once had one of them fail at once (and its
    results lost, or, when that was taken for damage, the file deleted under the other).
    """
    deadline = time.monotonic() + WAIT
    while True:
        try:
            return opening()
        except sqlite3.OperationalError as exc:
            if _code(exc) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def replaced() -> list[str]:
    """The warnings of the stores replaced in this process since the last call (rule 2), once each."""
    found = list(dict.fromkeys(_REPLACED))
    _REPLACED.clear()
    return found


Setup = Callable[[sqlite3.Connection], Any]
"""Makes a fresh connection's tables, inside a transaction; raises :class:`OtherLayout` for a file of
another layout; returns what the store wants to know of the file (a cache: whether it is empty)."""


def connect(path: Path, setup: Setup, synchronous: str = "OFF") -> tuple[sqlite3.Connection, Any]:
    """A connection to *path* in WAL mode and autocommit, made ready by *setup* (rule 3)."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
        db.execute(f"PRAGMA synchronous = {synchronous}")
        with db:
            db.execute("BEGIN IMMEDIATE")  # one transaction: the connection is in autocommit mode
            found = setup(db)
    except sqlite3.Error:
        db.close()
        raise
    return db, found


def layout_table(db: sqlite3.Connection, name: str, value: str) -> dict[str, str]:
    """The ``meta`` table's rows, after checking that its *name* row is *value* (or absent, then set)."""
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    stored = {str(k): str(v) for k, v in db.execute("SELECT name, value FROM meta").fetchall()}
    if stored.get(name, value) != value:
        msg = "another layout"
        raise OtherLayout(msg)
    if name not in stored:
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))
        stored[name] = value
    return stored


class Store:
    """One SQLite file of ``.l10n/`` for this process, opened on first use (rules above)."""

    def __init__(
        self, root: Path, name: str, setup: Setup, synchronous: str = "OFF", noun: str = "cache", announce: bool = True
    ) -> None:
        self.root = root
        self.name = name
        self.path = private_database(root, name)  # refused before anything is read (rule 1)
        self.setup = setup
        self.synchronous = synchronous
        self.noun = noun
        """What the file is, for the warning: ``state``, ``check cache``..."""
        self.announce = announce
        """Whether a replacement's warning goes to :func:`replaced` too (not when the caller reports it)."""
        self.warnings: list[str] = []
        """Why the file was replaced, if it was (rule 2)."""
        self.db: sqlite3.Connection | None = None
        self.found: Any = None
        """What *setup* returned for the file opened."""
        self.broken = False
        """The store failed in this process and is not used any more (rule 2)."""

    def open(self, create: bool = True) -> sqlite3.Connection | None:
        """The connection; None when the store is broken, or (*create* false) when there is no file yet."""
        if self.db is not None or self.broken:
            return self.db
        if not create and not self.path.exists():
            return None
        if create:
            private_dir(self.root)  # made inside the project, never through a symlink leading out (rule 1)
            private_database(self.root, self.name)
        try:
            self.db, self.found = patiently(self._connect)
        except (OSError, sqlite3.Error) as exc:
            if not damaged(exc):  # a full disk, a lock held too long: not used this run, the file kept
                self.broken = True
                return None
            if not isinstance(exc, OtherLayout):
                warning = f".l10n/{self.name}: not a {self.noun} database ({exc}); started afresh (it is only a cache)"
                self.warnings.append(warning)
                if self.announce:
                    _REPLACED.append(warning)
            try:
                self.remove()
                self.db, self.found = patiently(self._connect)
            except (OSError, sqlite3.Error):
                self.broken = True
                self.db = None
        return self.db

    def _connect(self) -> tuple[sqlite3.Connection, Any]:
        return connect(self.path, self.setup, self.synchronous)

    def remove(self) -> None:
        """Delete the file and the files SQLite keeps beside it."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def read(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]] | None:
        """The rows of one query; None when there is no file, or the store fails (then it is not used again)."""
        db = self.open(create=False)
        if db is None:
            return None
        try:
            return [tuple(row) for row in db.execute(sql, args).fetchall()]
        except sqlite3.Error:
            self.broken = True
            return None

    def write(self, batches: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> bool:
        """Run each ``(sql, rows)`` of *batches* with ``executemany``, all in one transaction (rule 3);
        whether it was written (a failure leaves the store unused for the rest of the process)."""
        db = self.open()
        if db is None:
            return False
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")  # one transaction: the connection is in autocommit mode
                for sql, rows in batches:
                    db.executemany(sql, rows)
        except sqlite3.Error:
            self.broken = True
            return False
        return True

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None
