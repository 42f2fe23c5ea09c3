"""OpenSSH signatures (SSHSIG), as git signs commits with SSH keys: signing, verifying, allowed signers.

Rules:

1. A signature is made by ``ssh-keygen -Y sign -f KEY -n NAMESPACE`` over bytes given on
   its standard input, and checked by ``ssh-keygen -Y verify -f ALLOWED -I PRINCIPAL -n
   NAMESPACE -s SIG``: the reviewer's own key, through their agent when *KEY* is a public
   key and ``SSH_AUTH_SOCK`` is set, exactly as git does with ``user.signingKey``. No
   cryptography is written here; OpenSSH is the one implementation (a well-kept Python
   verifier would have to be proven equal on the same vectors, and one ``ssh-keygen``
   call per record is cached by the caller anyway).
2. A signature is kept as one line: the base64 of the SSHSIG blob, without the armour
   (:func:`armoured` puts it back). :func:`signed_key` reads the public key and the
   namespace out of a blob, so the key is known without asking ``ssh-keygen``; its
   :func:`fingerprint` is ``SHA256:...`` as ``ssh-keygen -l`` prints it.
3. The allowed-signers file is the format of ``ssh-keygen(1)`` (git's
   ``gpg.ssh.allowedSignersFile``): one key per line, ``principals [options] keytype
   base64 [comment]``, principals a comma-separated pattern list (quoted when it holds
   spaces: ``"Ana Ruiz <ana@example.org>"``), options ``namespaces="..."``,
   ``valid-after=``, ``valid-before=`` (``YYYYMMDD[HHMM[SS]][Z]``) and ``cert-authority``
   (read, but a certificate authority never vouches for a reviewer here). A line that is
   not that is a ``path:line`` error: a reviewers file that cannot be read is never
   half-trusted.
4. The signing key is ``--key``, else ``L10N_SIGNING_KEY``, else git's ``user.signingKey``
   when ``gpg.format`` is ``ssh`` (a path, ``~/`` expanded, or a ``key::ssh-... AAAA``
   literal that only an agent can sign with).
"""

from __future__ import annotations

import atexit
import base64
import binascii
import calendar
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from l10n.core.errors import SigningError
from l10n.core.identity import git_config

__all__ = [
    "AllowedSigner",
    "Signer",
    "armoured",
    "fingerprint",
    "parse_allowed_signers",
    "signed_key",
    "signer_from",
    "verify",
    "verify_many",
]

_MAGIC = b"SSHSIG"
_BEGIN, _END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
_TIMEOUT = 60


def _program() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        msg = "ssh-keygen (OpenSSH) is not installed: signatures cannot be made or checked"
        raise SigningError(msg)
    return found


# -- the signature blob ----------------------------------------------------------------


def armoured(signature: str) -> str:
    """The one-line base64 *signature* as ``ssh-keygen`` writes it (rule 2)."""
    lines = [signature[i : i + 70] for i in range(0, len(signature), 70)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


def _unarmoured(text: str) -> str:
    return "".join(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("-----"))


def _strings(blob: bytes, offset: int, count: int) -> tuple[list[bytes], int]:
    out = []
    for _ in range(count):
        if offset + 4 > len(blob):
            raise ValueError("truncated")
        size = int.from_bytes(blob[offset : offset + 4], "big")
        offset += 4
        if offset + size > len(blob):
            raise ValueError("truncated")
        out.append(blob[offset : offset + size])
        offset += size
    return out, offset


def signed_key(signature: str) -> tuple[str, str, str] | None:
    """(key type, base64 public key, namespace) of a one-line SSHSIG *signature*; None when it is not one."""
    try:
        blob = base64.b64decode(signature, validate=True)
        if not blob.startswith(_MAGIC) or len(blob) < 10:
            return None
        (key, namespace), _ = _strings(blob, 10, 2)
        (kind,), _ = _strings(key, 0, 1)
        return kind.decode("ascii"), base64.b64encode(key).decode("ascii"), namespace.decode("utf-8")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def fingerprint(key: str) -> str:
    """``SHA256:...`` of the base64 public key *key*, as ``ssh-keygen -l`` prints it."""
    digest = hashlib.sha256(base64.b64decode(key)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


# -- allowed signers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AllowedSigner:
    """One line of an allowed-signers file (rule 3)."""

    principals: str
    """The comma-separated pattern list (``Ana Ruiz <ana@example.org>``)."""
    kind: str
    key: str
    """The base64 public key."""
    line: int
    text: str
    """The line as written: what a verification that trusted it depended on."""
    namespaces: tuple[str, ...] = ()
    """Empty: every namespace."""
    valid_after: float | None = None
    valid_before: float | None = None
    authority: bool = False
    names: tuple[str, ...] = field(default=())
    """The principals, one each, as written."""

    def allows(self, principal: str) -> bool:
        """Whether *principal* matches the pattern list (``*``, ``?``, ``!`` as ``ssh_config(5)`` has them)."""
        hit = False
        for pattern in self.names:
            negated = pattern.startswith("!")
            if fnmatchcase(principal, pattern[1:] if negated else pattern):
                if negated:
                    return False
                hit = True
        return hit

    def serves(self, namespace: str) -> bool:
        return not self.namespaces or any(fnmatchcase(namespace, n) for n in self.namespaces)

    def valid_at(self, when: float) -> bool:
        after, before = self.valid_after, self.valid_before
        return (after is None or when >= after) and (before is None or when < before)


def _tokens(line: str) -> list[str]:
    """*line* split on spaces outside double quotes, quotes kept."""
    out, current, quoted = [], "", False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch in " \t" and not quoted:
            if current:
                out.append(current)
            current = ""
            continue
        current += ch
    if quoted:
        raise ValueError("unclosed quote")
    if current:
        out.append(current)
    return out


def _options(text: str) -> dict[str, str]:
    out, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            continue
        if ch == "," and not quoted:
            out.append(current)
            current = ""
            continue
        current += ch
    out.append(current)
    found = {}
    for item in out:
        name, _, value = item.partition("=")
        found[name.strip().lower()] = value
    return found


def _when(text: str) -> float:
    utc = text.endswith(("Z", "z"))
    digits = text[:-1] if utc else text
    if not digits.isdigit() or len(digits) not in (8, 12, 14):
        raise ValueError(f"bad time {text!r} (YYYYMMDD[HHMM[SS]][Z])")
    parts = time.strptime(digits.ljust(14, "0"), "%Y%m%d%H%M%S")
    return float(calendar.timegm(parts) if utc else time.mktime(parts))


_KEY_TYPES = ("ssh-", "ecdsa-", "sk-", "rsa-")
_FIELDS = {
    "ssh-ed25519": 2,
    "ssh-rsa": 3,
    "ecdsa-sha2-nistp256": 3,
    "ecdsa-sha2-nistp384": 3,
    "ecdsa-sha2-nistp521": 3,
    "sk-ssh-ed25519@openssh.com": 3,
    "sk-ecdsa-sha2-nistp256@openssh.com": 4,
}
"""The strings of each key type's wire form (RFC 4253, 5656, 8709; OpenSSH's PROTOCOL.u2f)."""


def _check_key(kind: str, blob: bytes) -> None:
    """Refuse a key blob that is not of type *kind*, or not whole (a truncated or padded key)."""
    (found,), _ = _strings(blob, 0, 1)
    if found.decode("ascii") != kind:
        raise ValueError(f"the key is not of type {kind}")
    count = _FIELDS.get(kind)
    if count is not None:
        parts, end = _strings(blob, 0, count)
        if end != len(blob) or (kind == "ssh-ed25519" and len(parts[1]) != 32):
            raise ValueError(f"not a whole {kind} key")


def parse_allowed_signers(data: bytes, display: str) -> list[AllowedSigner]:
    """The lines of the allowed-signers file *data* (rule 3); a ``path:line`` error for one that is not one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SigningError("not valid UTF-8", display) from None
    signers = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            tokens = _tokens(line)
            options: dict[str, str] = {}
            if len(tokens) >= 3 and not tokens[1].startswith(_KEY_TYPES):
                options = _options(tokens[1])
                tokens = [tokens[0], *tokens[2:]]
            if len(tokens) < 3 or not tokens[1].startswith(_KEY_TYPES):
                raise ValueError("expected: principals [options] keytype base64-key [comment]")
            _check_key(tokens[1], base64.b64decode(tokens[2], validate=True))
            unknown = set(options) - {"namespaces", "valid-after", "valid-before", "cert-authority"}
            if unknown:
                raise ValueError(f"unknown option {sorted(unknown)[0]!r}")
            principals = tokens[0].strip('"')
            signers.append(
                AllowedSigner(
                    principals,
                    tokens[1],
                    tokens[2],
                    number,
                    line,
                    tuple(n.strip() for n in options["namespaces"].split(",")) if "namespaces" in options else (),
                    _when(options["valid-after"]) if "valid-after" in options else None,
                    _when(options["valid-before"]) if "valid-before" in options else None,
                    "cert-authority" in options,
                    tuple(p.strip() for p in principals.split(",") if p.strip()),
                )
            )
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise SigningError(f"not an allowed-signers line: {exc}", display, number) from None
    return signers


# -- signing ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    """A reviewer's signing key: a private key file, or a public key whose private half the agent holds."""

    key: Path
    """What ``ssh-keygen -Y sign -f`` is given."""
    public: str = ""
    """``keytype base64`` when known without reading *key* (a ``key::`` literal of git)."""

    def public_key(self) -> tuple[str, str]:
        """(key type, base64) of the key: its ``.pub`` beside it, the file itself when public, else ``ssh-keygen -y``."""
        text = self.public
        if not text:
            for candidate in (self.key, Path(f"{self.key}.pub")):
                try:
                    head = candidate.read_text("utf-8", errors="replace").strip()
                except OSError:
                    continue
                if head.startswith(_KEY_TYPES):
                    text = head
                    break
        if not text:
            done = _run([_program(), "-y", "-f", str(self.key)], b"")
            text = done.stdout.decode("utf-8", "replace").strip()
            if done.returncode != 0 or not text.startswith(_KEY_TYPES):
                raise SigningError(f"cannot read the public key of {self.key}: {_said(done)}")
        kind, key = text.split()[:2]
        return kind, key

    def sign(self, data: bytes, namespace: str) -> str:
        """The one-line SSHSIG signature of *data* in *namespace* (rule 1)."""
        done = _run([_program(), "-Y", "sign", "-q", "-f", str(self.key), "-n", namespace], data)
        signature = _unarmoured(done.stdout.decode("ascii", "replace"))
        if done.returncode != 0 or signed_key(signature) is None:
            raise SigningError(f"ssh-keygen could not sign with {self.key}: {_said(done)}")
        return signature


def _run(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SigningError(f"{args[0]} failed: {exc}") from None


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {done.returncode}"


def signer_from(given: str | None, root: str | os.PathLike[str] | None = None) -> Signer | None:
    """The signing key (rule 4): *given* (``--key``), ``L10N_SIGNING_KEY``, git's ``user.signingKey``; None if none."""
    chosen = given or os.environ.get("L10N_SIGNING_KEY")
    if not chosen and git_config("gpg.format", root) == "ssh":
        chosen = git_config("user.signingkey", root)
    if not chosen:
        return None
    if chosen.startswith("key::"):
        public = chosen[5:].strip()
        folder = tempfile.mkdtemp(prefix="l10n-key-")
        atexit.register(shutil.rmtree, folder, True)  # ssh-keygen reads it by name; gone when the process ends
        path = Path(folder) / "key.pub"
        path.write_text(public + "\n", "utf-8")
        return Signer(path, public)
    path = Path(os.path.expanduser(chosen))
    if not path.is_file():
        raise SigningError(f"signing key {chosen}: no such file")
    return Signer(path)


# -- verifying -------------------------------------------------------------------------


def verify(allowed: Path, principal: str, namespace: str, data: bytes, signature: str) -> bool:
    """Whether ``ssh-keygen -Y verify`` accepts *signature* of *data* by *principal* of the file *allowed*."""
    return verify_many(allowed, [(principal, namespace, data, signature)])[0]


def verify_many(allowed: Path, jobs: Sequence[tuple[str, str, bytes, str]], workers: int = 0) -> list[bool]:
    """:func:`verify` for each (principal, namespace, data, signature) of *jobs*, on a few threads."""
    if not jobs:
        return []
    program = _program()
    with tempfile.TemporaryDirectory(prefix="l10n-verify-") as folder:

        def one(item: tuple[int, tuple[str, str, bytes, str]]) -> bool:
            index, (principal, namespace, data, signature) = item
            sig = Path(folder) / f"{index}.sig"
            sig.write_text(armoured(signature), "ascii")
            args = [program, "-Y", "verify", "-f", str(allowed), "-I", principal, "-n", namespace, "-s", str(sig)]
            return _run(args, data).returncode == 0

        count = workers or min(32, 2 * (os.cpu_count() or 1))
        if len(jobs) == 1:
            return [one((0, jobs[0]))]
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(one, enumerate(jobs)))
