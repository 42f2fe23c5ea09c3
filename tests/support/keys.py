"""Throwaway SSH keys for tests of signed approvals: made with ``ssh-keygen`` in a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        pytest.skip("ssh-keygen (OpenSSH) is not installed")
    return found


def make_key(folder: Path, name: str, kind: str = "ed25519") -> Path:
    """A new key pair without a passphrase, ``folder/name`` and ``folder/name.pub``; the private key's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    done = subprocess.run([ssh_keygen(), "-q", "-t", kind, "-N", "", "-C", name, "-f", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return path


def enrol(reviewers: Path, principal: str, key: Path, options: str = 'namespaces="l10n-review"') -> None:
    """Add *key* (its ``.pub``) to the allowed-signers file *reviewers* under *principal*."""
    public = " ".join(Path(f"{key}.pub").read_text("utf-8").split()[:2])
    with reviewers.open("a", encoding="utf-8") as handle:
        handle.write(f'"{principal}" {options} {public}\n'.replace("  ", " "))
