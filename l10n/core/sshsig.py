"""Checking an OpenSSH signature (SSHSIG) in Python, for speed: proven equal to ``ssh-keygen -Y verify``.

Rules:

1. Only the cryptography is checked here: whether the SSHSIG blob is a signature of the
   data in the namespace by the public key it names (PROTOCOL.sshsig: the signed blob is
   ``"SSHSIG"``, the namespace, an empty reserved string, the hash algorithm and the hash
   of the data). Who may sign (the allowed-signers file, its names, namespaces and dates)
   is :mod:`l10n.catalog.signatures`' business, read from the file as ``ssh-keygen``
   reads it.
2. The key types are ``ssh-ed25519``, ``ecdsa-sha2-nistp256/384/521`` and ``ssh-rsa``
   (signatures ``rsa-sha2-256``/``rsa-sha2-512``; ``ssh-rsa`` SHA-1 signatures are refused,
   as OpenSSH refuses them), through ``cryptography``. For any other (security keys
   ``sk-...``, certificates), or without ``cryptography``, :func:`check` answers None and
   the caller asks ``ssh-keygen``.
3. ``tests/unit/core/test_sshsig.py`` signs vectors with ``ssh-keygen`` for every type
   above and checks that this module and ``ssh-keygen -Y verify`` give the same answer on
   each, forged and damaged ones included.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

__all__ = ["check"]

_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_CURVES = {"ecdsa-sha2-nistp256": "SECP256R1", "ecdsa-sha2-nistp384": "SECP384R1", "ecdsa-sha2-nistp521": "SECP521R1"}
_CURVE_HASH = {"ecdsa-sha2-nistp256": "SHA256", "ecdsa-sha2-nistp384": "SHA384", "ecdsa-sha2-nistp521": "SHA512"}


def _read(blob: bytes, offset: int) -> tuple[bytes, int]:
    if offset + 4 > len(blob):
        raise ValueError("truncated")
    size = int.from_bytes(blob[offset : offset + 4], "big")
    end = offset + 4 + size
    if end > len(blob):
        raise ValueError("truncated")
    return blob[offset + 4 : end], end


def _strings(blob: bytes, count: int, offset: int = 0, exact: bool = True) -> list[bytes]:
    out = []
    for _ in range(count):
        item, offset = _read(blob, offset)
        out.append(item)
    if exact and offset != len(blob):
        raise ValueError("trailing bytes")
    return out


def check(signature: str, namespace: str, data: bytes) -> bool | None:
    """Whether the one-line SSHSIG *signature* signs *data* in *namespace* with the key it names;
    None when this module cannot tell (rule 2)."""
    try:
        blob = base64.b64decode(signature, validate=True)
        if not blob.startswith(b"SSHSIG") or int.from_bytes(blob[6:10], "big") != 1:
            return False
        key, space, reserved, algorithm, signed = _strings(blob[10:], 5)
        kind = _strings(key, 1, exact=False)[0].decode("ascii")
        if space.decode("utf-8") != namespace or algorithm.decode("ascii") not in _HASHES:
            return False
        message = b"".join(
            len(part).to_bytes(4, "big") + part
            for part in (space, reserved, algorithm, _HASHES[algorithm.decode("ascii")](data).digest())
        )
        message = b"SSHSIG" + message
        sigtype, raw = _strings(signed, 2)
        return _verify(kind, key, sigtype.decode("ascii"), raw, message)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    except ImportError:
        return None


def _verify(kind: str, key: bytes, sigtype: str, raw: bytes, message: bytes) -> bool | None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

    try:
        if kind == "ssh-ed25519":
            _, point = _strings(key, 2)
            if sigtype != kind:
                return False
            ed25519.Ed25519PublicKey.from_public_bytes(point).verify(raw, message)
            return True
        if kind in _CURVES:
            _, curve, point = _strings(key, 3)
            if sigtype != kind or curve.decode("ascii") != kind.rsplit("-", 1)[1]:
                return False
            public = ec.EllipticCurvePublicKey.from_encoded_point(getattr(ec, _CURVES[kind])(), point)
            r, s = _strings(raw, 2)
            der = utils.encode_dss_signature(int.from_bytes(r, "big"), int.from_bytes(s, "big"))
            public.verify(der, message, ec.ECDSA(getattr(hashes, _CURVE_HASH[kind])()))
            return True
        if kind == "ssh-rsa":
            _, e, n = _strings(key, 3)
            chosen = {"rsa-sha2-256": hashes.SHA256(), "rsa-sha2-512": hashes.SHA512()}.get(sigtype)
            if chosen is None:
                return False
            if int.from_bytes(n, "big").bit_length() < 1024:  # OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE
                return False
            numbers = rsa.RSAPublicNumbers(int.from_bytes(e, "big"), int.from_bytes(n, "big"))
            numbers.public_key().verify(raw, message, padding.PKCS1v15(), chosen)
            return True
    except InvalidSignature:
        return False
    return None
