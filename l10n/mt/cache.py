"""The machine-translation cache: answers already paid for, in ``.l10n/mt-cache.sqlite``.

Rules:

1. A translation is keyed by the engine, the languages (source and target codes) and the
   exact masked text it was asked for (protected spans as placeholders, so texts that differ
   only in them share an answer); a text split into sentence pieces is cached piece by piece
   (rule 7 of :mod:`l10n.mt.translate`). Drafts and back-translations share it.
2. The file is a :class:`l10n.core.store.Store`: refused when a symlink leads it out of the
   project, replaced with a warning when it is not a database. One connection, shared by
   the worker threads under a lock; in WAL mode with ``synchronous=NORMAL`` a committed
   answer survives a ``kill -9`` (only a power cut can lose the last ones, and losing an
   answer only costs a request). A cache that fails while the run goes on is not used for
   the rest of it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from l10n.catalog import stamps
from l10n.core.store import Store


class Cache:
    """Machine translations already paid for, keyed by engine, languages and masked text.

    A text split into sentence pieces is cached piece by piece (rule 1). The file is a
    :class:`l10n.core.store.Store` (``.l10n/mt-cache.sqlite``): refused when a symlink
    leads it out of the project, replaced with a warning (:attr:`warnings`) when it is
    not a database. One connection, shared by the worker threads under a lock; in WAL
    mode with ``synchronous=NORMAL`` a committed answer survives a ``kill -9`` (only a
    power cut can lose the last ones, and losing an answer only costs a request). A
    cache that fails while the run goes on is not used for the rest of it.
    """

    def __init__(self, root: Path) -> None:
        self.store = Store(root, "mt-cache.sqlite", _setup, synchronous="NORMAL", noun="machine-translation cache")
        self.warnings = self.store.warnings
        self.lock = threading.Lock()
        with self.lock:
            self.store.open()

    def get(self, key: tuple[str, str, str], text: str) -> str | None:
        with self.lock:
            rows = self.store.read("SELECT translation FROM mt WHERE engine=? AND source=? AND target=? AND text=?", (*key, text))
        return str(rows[0][0]) if rows else None

    def put(self, key: tuple[str, str, str], pairs: Iterable[tuple[str, str]]) -> None:
        """Cache each (text, translation) of *pairs*, in one transaction."""
        rows = [(*key, text, translation, stamps.stamp()) for text, translation in pairs]
        with self.lock:
            self.store.write([("INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?, ?, ?)", rows)])

    def close(self) -> None:
        with self.lock:
            self.store.close()


def _setup(db: sqlite3.Connection) -> None:
    """The MT cache's table."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS mt (engine TEXT, source TEXT, target TEXT, text TEXT, "
        "translation TEXT, created TEXT, PRIMARY KEY (engine, source, target, text))"
    )
