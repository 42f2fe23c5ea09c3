"""The git-ignored state that lets unchanged articles be skipped: ``.l10n/state.sqlite``.

It maps each command and article to a fingerprint of its inputs (content hashes of
the source and of the settings that shape the output) and the hashes of the files it
last wrote. An article is skipped only when its inputs are unchanged *and* every
output still has the recorded content, so editing or deleting an output by hand is
noticed. Losing the file only costs speed, so a file that is not a state database is
started afresh with a warning (:attr:`State.warnings`); one that is not a regular
file, or that a symlink leads outside the project (its ``-wal`` and ``-shm`` files
too), is an error. The file is a :class:`l10n.core.store.Store`.

Rules:

1. As git's index does, a file whose size, modification time and change time (in
   nanoseconds) are the recorded ones is taken to have the recorded hash without being
   read again. The change time cannot be set back: a file edited in place with its size
   kept and its modification time restored (``touch -r``) is read again.
2. Records are read one at a time and written in batches (:data:`BATCH`), so a run's
   memory does not grow with the site; a batch is one SQLite transaction, so a run
   killed at any point leaves the records of the batches it finished, each whole.
3. Runs at once each write their own records; for one article the last one wins, and a
   lost or outdated record only makes the next run redo that article's work. A file
   that is not a state database is replaced by an empty one (with a warning; silently
   when it is another layout's), and a record of the wrong shape is no record.
4. Paths may be given as strings: a run with nothing to do checks tens of thousands of
   them, and building ``Path`` objects would cost more than the checks themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.core.errors import L10nError
from l10n.core.files import read_file
from l10n.core.store import Store, layout_table

if TYPE_CHECKING:
    from l10n.core.config import Config

StrPath = str | os.PathLike[str]

LAYOUT = 4
"""The layout of the state file; a file of another layout is replaced."""
BATCH = 500
"""Records and source hashes written per transaction."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def settings_fingerprint(config: Config, state: State, tables: Sequence[str] = (), *extra: object) -> str:
    """What, besides an article's own files, shapes a command's outputs.

    The version of ``l10n``, the settings that shape units (source locale, front-matter
    keys, verbatim sections), the glossary's content, the validated configuration
    *tables* the command reads, and *extra*. Commands fingerprint an article as this
    plus the digests of its own files.
    """
    from l10n import __version__

    glossary = state.source_digest(config.glossary) if config.glossary.exists() else "-"
    shaping = [sorted(config.tables[name].items()) for name in tables]
    return "|".join(
        str(part)
        for part in (
            __version__,
            config.source_locale,
            config.front_matter_keys,
            config.verbatim_sections,
            glossary,
            *shaping,
            *extra,
        )
    )


def file_digest(path: StrPath) -> str | None:
    try:
        return digest(read_file(path))
    except L10nError:
        return None


def _stamp(value: Any) -> bool:
    """Whether *value* is a recorded ``[size, mtime, ctime, hash]``."""
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value[:3])
        and isinstance(value[3], str)
    )


def _stat(path: StrPath) -> tuple[int, int, int] | None:
    """Size, modification and change time of *path* (rule 1)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


def stamped(path: str) -> list[Any]:
    """Size, modification and change time of *path*, then its content hash: what :meth:`State.source_digest`
    keeps, for a worker process to send back (size -1 when the file changed or went while read)."""
    before = _stat(path)
    hashed = digest(read_file(path))
    if before is None or _stat(path) != before:
        return [-1, 0, 0, hashed]
    return [*before, hashed]


class State:
    """Recorded fingerprints for one project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = Store(root, "state.sqlite", _setup, noun="state", announce=False)
        self.path = self.store.path
        self.warnings: list[str] = self.store.warnings
        """Why the recorded state was dropped, if it was (a file that is not a state database)."""
        self.dirty = False
        self._records: dict[tuple[str, str], tuple[str, str, str | None]] = {}
        self._sources: dict[str, tuple[int, int, int, str]] = {}
        if self.path.exists():
            self.store.open(create=False)  # a damaged file is a warning from the start of the run

    def _query(self, sql: str, args: tuple[str, ...]) -> tuple[Any, ...] | None:
        rows = self.store.read(sql, args)
        return rows[0] if rows else None

    def _record(self, command: str, article: str) -> tuple[str, dict[str, Any], Any] | None:
        row = self._records.get((command, article)) or self._query(
            "SELECT inputs, outputs, extra FROM records WHERE command = ? AND article = ?", (command, article)
        )
        if row is None:
            return None
        try:
            inputs, files, extra = row[0], json.loads(row[1]), None if row[2] is None else json.loads(row[2])
        except (ValueError, TypeError, RecursionError):
            return None
        if not (isinstance(inputs, str) and isinstance(files, dict) and all(map(_stamp, files.values()))):
            return None  # not written by this layout: redo the work, as without a record
        return inputs, files, extra

    def fresh(self, command: str, article: str, inputs: str, outputs: Sequence[StrPath]) -> bool:
        """True when *article* was last processed from the same inputs into files still intact."""
        record = self._record(command, article)
        if not record or record[0] != inputs:
            return False
        files = record[1]
        return len(files) == len(outputs) and all(self._same(p, files.get(os.fspath(p))) for p in outputs)

    def recall(self, command: str, article: str, inputs: str) -> Any:
        """The *extra* recorded for *article* if its inputs are the same and every output it
        recorded is intact; None otherwise (the outputs need not be known in advance)."""
        record = self._record(command, article)
        if not record or record[0] != inputs:
            return None
        if not all(self._same(path, known) for path, known in record[1].items()):
            return None
        return record[2]

    def _same(self, path: StrPath, known: list[Any] | None) -> bool:
        if not known:
            return False
        size, mtime, ctime, hashed = known
        stat = _stat(path)
        if stat is None:
            return False
        return stat == (size, mtime, ctime) or (stat[0] == size and file_digest(path) == hashed)

    def knows(self, command: str, article: str) -> bool:
        """Whether a record of *command* for *article* is kept (readable or not): without one, it is to do."""
        return (command, article) in self._records or self._query(
            "SELECT 1 FROM records WHERE command = ? AND article = ?", (command, article)
        ) is not None

    def known_source(self, path: str, stamp: list[Any]) -> None:
        """Keep *stamp* (:func:`stamped`, taken by a worker) as the stat cache of the source file *path* (rule 1)."""
        if stamp[0] >= 0:
            self._sources[path] = (stamp[0], stamp[1], stamp[2], stamp[3])
            self._dirtied()

    def source_digest(self, path: StrPath, data: bytes | None = None) -> str:
        """The content hash of a source file, from the stat cache when it is unchanged (rule 1)."""
        stat = _stat(path)
        key = os.fspath(path)
        cached = self._sources.get(key) or self._query("SELECT size, mtime, ctime, digest FROM sources WHERE path = ?", (key,))
        if cached and stat is not None and (cached[0], cached[1], cached[2]) == stat:
            return str(cached[3])
        if data is None:
            data = read_file(path)
        hashed = digest(data)
        if stat is not None:
            self._sources[key] = (*stat, hashed)
            self._dirtied()
        return hashed

    def record(self, command: str, article: str, inputs: str, outputs: dict[Path, bytes]) -> None:
        """Remember that *article* was processed from *inputs* into *outputs* (their contents)."""
        self.record_digests(command, article, inputs, {path: digest(data) for path, data in outputs.items()})

    def record_digests(self, command: str, article: str, inputs: str, outputs: dict[Path, str], extra: Any = None) -> None:
        """:meth:`record` with the outputs' :func:`digest` (what worker processes send back).

        *extra* (JSON data) is kept with the record and returned by :meth:`recall`.
        """
        files = {str(p): [*(_stat(p) or (0, 0, 0)), hashed] for p, hashed in outputs.items()}
        row = (
            inputs,
            json.dumps(files, sort_keys=True, separators=(",", ":")),
            None if extra is None else json.dumps(extra, sort_keys=True, separators=(",", ":")),
        )
        known = self._record(command, article)
        if known is not None and (known[0], known[1], known[2]) == (inputs, files, extra):
            return
        self._records[(command, article)] = row
        self._dirtied()

    def _dirtied(self) -> None:
        self.dirty = True
        if len(self._records) + len(self._sources) >= BATCH:
            self.save()  # rule 2: memory stays flat however many articles a run has

    def save(self, quiet: bool = False) -> None:
        """Write the pending records and source hashes, in one transaction; *quiet* (while another
        error is raised): a failure is ignored."""
        if quiet:
            with contextlib.suppress(L10nError):
                self.save()
            return
        if not self.dirty:
            return
        self.store.write(  # rule 3: a state that cannot be written only costs time
            [
                (
                    "INSERT OR REPLACE INTO records (command, article, inputs, outputs, extra) VALUES (?, ?, ?, ?, ?)",
                    ((command, article, *row) for (command, article), row in self._records.items()),
                ),
                (
                    "INSERT OR REPLACE INTO sources (path, size, mtime, ctime, digest) VALUES (?, ?, ?, ?, ?)",
                    ((path, *known) for path, known in self._sources.items()),
                ),
            ]
        )
        self._records.clear()
        self._sources.clear()
        self.dirty = False


def _setup(db: sqlite3.Connection) -> None:
    """The state file's tables (a file of another :data:`LAYOUT` is replaced)."""
    layout_table(db, "layout", str(LAYOUT))
    db.execute(
        "CREATE TABLE IF NOT EXISTS records (command TEXT, article TEXT, inputs TEXT NOT NULL, outputs TEXT NOT NULL,"
        " extra TEXT, PRIMARY KEY (command, article)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
        " ctime INTEGER NOT NULL, digest TEXT NOT NULL) WITHOUT ROWID"
    )
