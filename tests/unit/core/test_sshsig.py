"""The Python SSHSIG check gives ``ssh-keygen -Y verify``'s answer on the same vectors (every key type it knows).

Each vector is signed by ``ssh-keygen -Y sign`` with a throwaway key, then checked both ways:
valid, other data, other namespace, a damaged signature, another key's blob in its place,
and a SHA-256 signature.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from keys import make_key, ssh_keygen

from l10n.core import sshsig
from l10n.core.signing import Signer, armoured

NAMESPACE = "l10n-review"
DATA = b'l10n-review-record-v1\n{"msgid":"Drowsiness","msgstr":"Somnolencia"}'
KINDS = [("ed25519", ()), ("ecdsa", ("-b", "256")), ("ecdsa", ("-b", "384")), ("ecdsa", ("-b", "521")), ("rsa", ("-b", "2048"))]


def _key(folder: Path, kind: str, bits: tuple[str, ...], name: str) -> Path:
    if not bits:
        return make_key(folder, name, kind)
    path = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([ssh_keygen(), "-q", "-t", kind, *bits, "-N", "", "-f", str(path)], check=True, capture_output=True)
    return path


def _sign(key: Path, data: bytes, *options: str) -> str:
    if not options:
        return Signer(key).sign(data, NAMESPACE)
    done = subprocess.run(
        [ssh_keygen(), "-Y", "sign", "-q", "-f", str(key), "-n", NAMESPACE, *options], input=data, capture_output=True, check=True
    )
    return "".join(line for line in done.stdout.decode().splitlines() if not line.startswith("-----"))


def _openssh(folder: Path, key: Path, signature: str, namespace: str, data: bytes) -> bool:
    allowed = folder / "allowed"
    allowed.write_text("signer " + " ".join(Path(f"{key}.pub").read_text().split()[:2]) + "\n")
    sig = folder / "sig"
    sig.write_text(armoured(signature))
    args = [ssh_keygen(), "-Y", "verify", "-f", str(allowed), "-I", "signer", "-n", namespace, "-s", str(sig)]
    return subprocess.run(args, input=data, capture_output=True).returncode == 0


def _swap_key(signature: str, other: Path) -> str:
    """*signature* with the public key of *other* in place of its own."""
    blob = base64.b64decode(signature)
    size = int.from_bytes(blob[10:14], "big")
    key = base64.b64decode(Path(f"{other}.pub").read_text().split()[1])
    return base64.b64encode(blob[:10] + len(key).to_bytes(4, "big") + key + blob[14 + size :]).decode()


def _damaged(signature: str) -> str:
    blob = bytearray(base64.b64decode(signature))
    blob[-5] ^= 0x01
    return base64.b64encode(bytes(blob)).decode()


@pytest.mark.parametrize(("kind", "bits"), KINDS, ids=[f"{k}{''.join(b)}" for k, b in KINDS])
def test_the_python_check_answers_as_ssh_keygen(tmp_path: Path, kind: str, bits: tuple[str, ...]) -> None:
    key = _key(tmp_path / "keys", kind, bits, "one")
    other = _key(tmp_path / "keys", kind, bits, "two")
    good = _sign(key, DATA)
    vectors = [
        ("valid", key, good, NAMESPACE, DATA, True),
        ("other data", key, good, NAMESPACE, DATA + b" ", False),
        ("other namespace", key, good, "git", DATA, False),
        ("damaged", key, _damaged(good), NAMESPACE, DATA, False),
        ("another key's blob", other, _swap_key(good, other), NAMESPACE, DATA, False),
        ("sha256", key, _sign(key, DATA, "-O", "hashalg=sha256"), NAMESPACE, DATA, True),
    ]
    for name, signer, signature, namespace, data, expected in vectors:
        answers = (sshsig.check(signature, namespace, data), _openssh(tmp_path, signer, signature, namespace, data))
        assert answers == (expected, expected), name


def test_a_key_type_it_does_not_know_is_left_to_ssh_keygen(tmp_path: Path) -> None:
    key = make_key(tmp_path / "keys", "one")
    blob = base64.b64decode(_sign(key, DATA))
    size = int.from_bytes(blob[10:14], "big")
    kind = b"sk-ssh-ed25519@openssh.com"
    public = blob[14 : 14 + size]
    inner = len(kind).to_bytes(4, "big") + kind + public[4 + int.from_bytes(public[:4], "big") :]
    forged = blob[:10] + len(inner).to_bytes(4, "big") + inner + blob[14 + size :]
    assert sshsig.check(base64.b64encode(forged).decode(), NAMESPACE, DATA) is None
    assert sshsig.check("not base64!", NAMESPACE, DATA) is False
