"""Signed approvals and waivers: what a reviewer's SSH key signs, and whether a record's signature holds.

Rules:

1. What is signed (:func:`payload`) names everything the record vouches for: the
   namespace (:data:`NAMESPACE`), the locale, the article, msgctxt, msgid and msgstr, the
   kind (``approval``, or ``waiver`` with its check and reason), the reviewer as recorded
   (``by=``) and the date: one JSON object with sorted keys, after a version line. A
   signature copied to another entry, article, locale, reviewer or date does not verify.
2. Who may sign is the project's reviewers file (``[review] reviewers``, default
   ``reviewers`` at the root), in OpenSSH's allowed-signers format
   (:mod:`l10n.core.signing`). A record's reviewer is the principal its key is enrolled
   under, not a free-text name: ``by=`` must match a principal of the line of its key.
3. A record's :class:`Seal` is one of :data:`STATUSES`: ``verified``; ``unsigned`` (no
   ``sig=``); ``bad signature`` (not an SSH signature of this record in this namespace);
   ``unknown key`` (its key is not in the reviewers file under ``by=``, or not for this
   namespace); ``expired`` (enrolled, but outside its ``valid-after``/``valid-before``
   now); ``unchecked`` (its texts changed since, so it is void anyway). The seal of a
   verified record carries its key's fingerprint: four eyes count distinct keys.
4. The signature itself is checked by :mod:`l10n.core.sshsig` (in Python, proven equal to
   ``ssh-keygen -Y verify`` on the same vectors) for the key types it knows, else by one
   ``ssh-keygen -Y verify`` call (security keys, or without ``cryptography``). A record
   verified once is remembered in
   ``.l10n/signatures.sqlite`` by the SHA-256 of the exact bytes the verdict covered (the
   namespace, the principal, the reviewers-file line of its key, the payload, the
   signature), so a warm run asks ``ssh-keygen`` nothing and a changed line asks again.
   Only successes are kept. The enrolment and expiry are read from the reviewers file
   on every run, never from the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog import provenance
from l10n.catalog.entries import Translation
from l10n.catalog.provenance import Approval, Waiver
from l10n.core import sshsig
from l10n.core.config import Config
from l10n.core.errors import SigningError
from l10n.core.files import private_database, private_dir, read_file
from l10n.core.signing import AllowedSigner, Signer, fingerprint, parse_allowed_signers, signed_key, verify_many

__all__ = [
    "BAD",
    "EXPIRED",
    "NAMESPACE",
    "STATUSES",
    "UNCHECKED",
    "UNKNOWN",
    "UNSIGNED",
    "VERIFIED",
    "Seal",
    "Verifier",
    "payload",
    "sign",
    "verifier_of",
]

NAMESPACE = "l10n-review"
"""The SSHSIG namespace of every record: a signature made for git or anything else never counts here."""
VERIFIED, UNSIGNED, BAD, UNKNOWN, EXPIRED, UNCHECKED = (
    "verified",
    "unsigned",
    "bad signature",
    "unknown key",
    "expired",
    "unchecked",
)
STATUSES = (VERIFIED, UNSIGNED, BAD, UNKNOWN, EXPIRED, UNCHECKED)
_VERSION = b"l10n-review-record-v1\n"

Record = Approval | Waiver


def payload(locale: str, article: str, msgid: str, msgstr: str, record: Record, msgctxt: str | None = None) -> bytes:
    """The bytes a reviewer signs for *record* on the entry *msgid*/*msgstr* of *article* in *locale* (rule 1)."""
    fields: dict[str, str | None] = {
        "namespace": NAMESPACE,
        "locale": locale,
        "article": article,
        "msgctxt": msgctxt,
        "msgid": msgid,
        "msgstr": msgstr,
        "kind": "approval" if isinstance(record, Approval) else "waiver",
        "check": record.check if isinstance(record, Waiver) else None,
        "reason": record.reason if isinstance(record, Waiver) else None,
        "reviewer": record.by,
        "date": record.date,
        "digest": provenance.digest(msgid, msgstr),
    }
    return _VERSION + json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(signer: Signer, locale: str, article: str, msgid: str, msgstr: str, record: Record) -> str:
    """*signer*'s one-line signature of *record* on the entry *msgid*/*msgstr* (rule 1)."""
    return signer.sign(payload(locale, article, msgid, msgstr, record), NAMESPACE)


@dataclass(frozen=True, slots=True)
class Seal:
    """What a record's signature proves (rule 3)."""

    status: str
    """One of :data:`STATUSES`."""
    key: str = ""
    """``SHA256:...`` of the key that signed it, when the signature names one."""

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED


_NONE = Seal(UNSIGNED)


class Verifier:
    """The seals of a project's records, against its reviewers file, through the cache (rules 2-4)."""

    def __init__(self, root: Path, reviewers: Path, display: str, mode: str, native: bool = True) -> None:
        self.root = root
        self.path = reviewers
        self.display = display
        self.mode = mode
        """``required``, ``warn`` or ``off`` (``[review] signatures``)."""
        data = read_file(reviewers, display, SigningError, missing_ok=True)
        self.signers: list[AllowedSigner] = parse_allowed_signers(data, display) if data is not None else []
        self.now = time.time()
        self.native = native
        """Whether :mod:`l10n.core.sshsig` checks the key types it knows (else ``ssh-keygen`` checks all)."""
        self.calls = 0
        """``ssh-keygen`` verifications run by this verifier."""
        self._memo: dict[tuple[str, str, str, str, Record], Seal] = {}
        self._known: set[bytes] | None = None
        self._db: tuple[int, sqlite3.Connection] | None = None
        valid = [s.text for s in self.signers if s.valid_at(self.now)]
        self.state = hashlib.sha256("\n".join([mode, *valid]).encode()).hexdigest()[:16]
        """What every seal depends on besides its record: the mode and the lines valid now."""

    # -- signing -----------------------------------------------------------------------

    def principals(self, signer: Signer) -> list[str]:
        """The principals *signer*'s key is enrolled under, valid now and for :data:`NAMESPACE`: the literal
        ones that can be recorded (a pattern or a name with a line break cannot)."""
        kind, key = signer.public_key()
        return [
            name
            for s in self.signers
            if s.key == key and s.kind == kind and not s.authority and s.serves(NAMESPACE) and s.valid_at(self.now)
            for name in s.names
            if "*" not in name and "?" not in name and not name.startswith("!") and _recordable(name)
        ]

    # -- verifying ---------------------------------------------------------------------

    def seal(self, locale: str, article: str, entry: Translation, record: Record) -> Seal:
        """The seal of *record* on *entry* of *article* in *locale* (rule 3)."""
        memo = (locale, article, entry.msgid, entry.msgstr, record)
        found = self._memo.get(memo)
        if found is None:
            self.prepare(locale, article, [entry])
            found = self._memo[memo]
        return found

    def prepare(self, locale: str, article: str, entries: Iterable[Translation]) -> None:
        """Seal every record of *entries* at once: the calls ``ssh-keygen`` needs run in parallel (rule 4)."""
        self.prepare_all((locale, article, entry) for entry in entries)

    def prepare_all(self, entries: Iterable[tuple[str, str, Translation]]) -> None:
        """:meth:`prepare` for (locale, article, entry) of several catalogs, in one batch."""
        pending: list[tuple[tuple[str, str, str, str, Record], bytes, bytes, Seal]] = []
        fresh: list[bytes] = []
        for locale, article, entry in entries:
            if provenance.REVIEWED not in entry.comment and provenance.WAIVED not in entry.comment:
                continue
            current = provenance.digest(entry.msgid, entry.msgstr)
            records: list[Record] = [*provenance.approvals(entry.comment), *provenance.waivers(entry.comment)]
            for record in records:
                memo = (locale, article, entry.msgid, entry.msgstr, record)
                if memo in self._memo:
                    continue
                seal, line = self._enrolment(record)
                if line is None:
                    self._memo[memo] = seal
                elif not record.valid(current):
                    self._memo[memo] = Seal(UNCHECKED, seal.key)
                else:
                    data = payload(locale, article, entry.msgid, entry.msgstr, record)
                    key = _cache_key(record.by, line, data, record.sig)
                    answer = True if key in self._cache() else self._native(record.sig, data)
                    if answer is None:
                        pending.append((memo, data, key, seal))
                    else:
                        self._memo[memo] = seal if answer else Seal(BAD, seal.key)
                        if answer and key not in self._cache():
                            fresh.append(key)
        self._remember(fresh)
        if not pending:
            return
        self.calls += len(pending)
        jobs = [(memo[4].by, NAMESPACE, data, memo[4].sig) for memo, data, _, _ in pending]
        results = verify_many(self.path, jobs)
        good = []
        for (memo, _, cached, seal), ok in zip(pending, results, strict=True):
            self._memo[memo] = seal if ok else Seal(BAD, seal.key)
            if ok:
                good.append(cached)
        self._remember(good)

    def _native(self, signature: str, data: bytes) -> bool | None:
        return sshsig.check(signature, NAMESPACE, data) if self.native else None

    def _enrolment(self, record: Record) -> tuple[Seal, str | None]:
        """The seal of *record* as far as the reviewers file tells, and its key's line when a signature must be checked."""
        if not record.sig:
            return _NONE, None
        found = signed_key(record.sig)
        if found is None or found[2] != NAMESPACE:
            return Seal(BAD), None
        kind, key, _ = found
        mark = fingerprint(key)
        lines = [s for s in self.signers if s.key == key and s.kind == kind and not s.authority]
        named = [s for s in lines if s.allows(record.by) and s.serves(NAMESPACE)]
        if not named:
            return Seal(UNKNOWN, mark), None
        current = [s for s in named if s.valid_at(self.now)]
        if not current:
            return Seal(EXPIRED, mark), None
        return Seal(VERIFIED, mark), current[0].text

    # -- the cache ---------------------------------------------------------------------

    def _database(self) -> sqlite3.Connection:
        """The cache, opened once per process (WAL, no fsync: a lost write only costs verifying again)."""
        if self._db is None or self._db[0] != os.getpid():
            private_dir(self.root)
            db = sqlite3.connect(private_database(self.root, "signatures.sqlite"), timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS verified (key BLOB PRIMARY KEY) WITHOUT ROWID")
            self._db = (os.getpid(), db)
        return self._db[1]

    def _cache(self) -> set[bytes]:
        if self._known is None:
            self._known = set()
            with contextlib.suppress(sqlite3.Error):  # a damaged cache only costs verifying again
                self._known = {row[0] for row in self._database().execute("SELECT key FROM verified")}
        return self._known

    def _remember(self, keys: list[bytes]) -> None:
        if not keys:
            return
        self._cache().update(keys)
        try:
            db = self._database()
            db.execute("BEGIN")  # one transaction for the batch (the connection is in autocommit mode)
            try:
                db.executemany("INSERT OR IGNORE INTO verified (key) VALUES (?)", ((k,) for k in keys))
                db.execute("COMMIT")
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass


def _recordable(name: str) -> bool:
    """Whether *name* can be a record's ``by=``: no line break, no control character (it would never read back)."""
    return provenance.one_line(name) == name and not any(ord(ch) < 32 or ord(ch) == 127 for ch in name)


def _cache_key(principal: str, line: str, data: bytes, signature: str) -> bytes:
    """The SHA-256 of every byte a verification depended on (rule 4), each part length-prefixed."""
    hasher = hashlib.sha256()
    for part in (NAMESPACE.encode(), principal.encode(), line.encode(), data, signature.encode()):
        hasher.update(len(part).to_bytes(8, "big") + part)
    return hasher.digest()


_VERIFIERS: dict[tuple[str, str, str], tuple[tuple[int, int, int, int], Verifier]] = {}


def verifier_of(config: Config) -> Verifier:
    """The verifier of *config*'s project (one per process while its reviewers file is unchanged, for a minute at most)."""
    review = config.settings.review
    path = config.confined(config.root / review.reviewers)
    memo = (str(config.root), str(path), review.signatures)
    minute = int(time.time() // 60)  # a long-running process (the review page) sees an enrolment expire
    try:
        info = path.stat()
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino, minute)
    except OSError:
        stamp = (-1, -1, -1, minute)
    found = _VERIFIERS.get(memo)
    if found is None or found[0] != stamp:
        found = _VERIFIERS[memo] = (stamp, Verifier(config.root, path, config.relative(path), review.signatures))
    return found[1]
