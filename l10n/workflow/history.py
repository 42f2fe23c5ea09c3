"""What an approval approved: the earlier text of an entry, recovered from the catalog's git history.

An approval records the digest of the exact msgid and msgstr it approved
(:func:`l10n.catalog.provenance.digest`), not the texts. When the translation is edited after
approval, the reviewer's page shows what changed since; the approved text is found again where it
can be proven:

Rules:

1. The catalog's committed versions are read newest first (``git log`` of its path, then
   ``git show REV:PATH``), at most :data:`DEPTH` of them; an entry of a version whose msgid and
   msgstr hash to the approval's digest is the approved text: the digest proves it, so neither
   the entry's position nor its references need to match.
2. When the project is not in a git repository, git is missing, the catalog was never
   committed with the approved text (approved and edited before a commit), or the version is
   older than :data:`DEPTH` commits, nothing is found: the page says the approved text cannot be
   recovered. Nothing is guessed.
3. git runs with a list of arguments (no shell), in the project's root, with the catalog's path
   after ``--``; its output is read as untrusted catalog text, leniently (a version that does
   not parse is skipped).
4. A record is kept too: every approval ``l10n`` gives (``l10n review approve``, the served
   page's Approve) stores its texts by their digest in the git-ignored ``.l10n/approved.sqlite``
   (:func:`remember`), so a text approved and edited before any commit is still found on the
   machine where it was approved. The record is looked up first; the digest proves a stored
   text as it proves a committed one. A record that cannot be read or written only costs the
   diff (the card then says the text cannot be recovered): an approval never fails for it.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog import provenance
from l10n.catalog.entries import translations
from l10n.core.errors import L10nError
from l10n.core.files import private_database

RECORD = "approved.sqlite"
"""The record of approved texts under ``.l10n/`` (rule 4)."""

DEPTH = 200
"""How many committed versions of a catalog are read back at most (rule 1)."""


@dataclass(frozen=True, slots=True)
class Approved:
    """The texts an approval approved, and the commit that holds them."""

    msgid: str
    msgstr: str
    revision: str
    """The abbreviated commit."""
    date: str
    """The commit's date (ISO 8601)."""


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def approved_texts(root: Path, catalog: str, digests: Iterable[str]) -> dict[str, Approved]:
    """The approved texts of *digests* found in the history of *catalog* (a path relative to *root*) (rules 1-3)."""
    wanted = {d for d in digests if d}
    found: dict[str, Approved] = {} if not wanted else _recorded(root, wanted)
    if wanted <= found.keys():
        return found
    log = _git(root, "log", f"-n{DEPTH}", "--format=%h %cI", "--", catalog)
    if not log:
        return found
    for line in log.decode("utf-8", "replace").splitlines():
        revision, _, date = line.partition(" ")
        data = _git(root, "show", f"{revision}:./{catalog}")  # ./: relative to the project, which may be a sub-folder
        if data is None:
            continue
        try:
            entries = translations(data, catalog, strict=False)
        except (L10nError, ValueError):
            continue
        for entry in entries:
            key = provenance.digest(entry.msgid, entry.msgstr)
            if key in wanted and key not in found:
                found[key] = Approved(entry.msgid, entry.msgstr, revision, date)
        if wanted <= found.keys():
            break
    return found


def _database(root: Path, create: bool) -> sqlite3.Connection | None:
    try:
        path = private_database(root, RECORD)
        if not create and not path.exists():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("CREATE TABLE IF NOT EXISTS approved (digest TEXT PRIMARY KEY, msgid TEXT, msgstr TEXT, date TEXT)")
    except (L10nError, OSError, sqlite3.Error):
        return None
    return db


def remember(root: Path, texts: Sequence[tuple[str, str, str]]) -> None:
    """Keep the (msgid, msgstr, date) of approvals just given, by their digest (rule 4)."""
    if not texts:
        return
    db = _database(root, create=True)
    if db is None:
        return
    try:
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO approved (digest, msgid, msgstr, date) VALUES (?, ?, ?, ?)",
                ((provenance.digest(msgid, msgstr), msgid, msgstr, date) for msgid, msgstr, date in texts),
            )
    except sqlite3.Error:
        pass
    finally:
        db.close()


def _recorded(root: Path, wanted: set[str]) -> dict[str, Approved]:
    db = _database(root, create=False)
    if db is None:
        return {}
    found = {}
    try:
        for digest, msgid, msgstr, date in db.execute(
            f"SELECT digest, msgid, msgstr, date FROM approved WHERE digest IN ({','.join('?' * len(wanted))})",
            sorted(wanted),
        ):
            if provenance.digest(str(msgid), str(msgstr)) == digest:  # the digest proves the text (rule 4)
                found[str(digest)] = Approved(str(msgid), str(msgstr), "", str(date))
    except sqlite3.Error:
        return {}
    finally:
        db.close()
    return found
