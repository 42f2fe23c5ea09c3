"""Allowed-signers files as ``ssh-keygen(1)`` reads them, and signing through ssh-agent and git's configuration."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from keys import make_key, ssh_keygen

from l10n.core.errors import SigningError
from l10n.core.signing import Signer, parse_allowed_signers, signed_key, signer_from, verify

KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIIkrJWR5BNknLbqk5EjyLhZZoOGGcC87BWftbESei8uc"


def test_lines_with_options_quotes_and_comments() -> None:
    text = (
        "# reviewers\n\n"
        f'"Ana Roux <ana@x.org>" namespaces="l10n-review,git",valid-before="20271231Z" ssh-ed25519 {KEY} laptop\n'
        f"bo@x.org,*@clinic.example ssh-ed25519 {KEY}\n"
        f'ca@x.org cert-authority,valid-after="202601010000" ssh-ed25519 {KEY}\n'
    )
    ana, bo, ca = parse_allowed_signers(text.encode(), "reviewers")
    assert (ana.names, ana.namespaces, ana.line) == (("Ana Roux <ana@x.org>",), ("l10n-review", "git"), 3)
    assert ana.valid_at(1.8e9) and not ana.valid_at(1.9e9) and ana.serves("l10n-review") and not ana.serves("file")
    assert bo.allows("bo@x.org") and bo.allows("eve@clinic.example") and not bo.allows("eve@x.org") and bo.serves("any")
    assert ca.authority and ca.valid_after is not None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"ana ssh-ed25519 {KEY[:-4]}", "truncated"),
        (f"ana ssh-ed25519 {KEY}AAAA", "not a whole ssh-ed25519 key"),
        ("ana ssh-ed25519", "expected: principals [options] keytype base64-key"),
        (f'"ana ssh-ed25519 {KEY}', "unclosed quote"),
        (f"ana ecdsa-sha2-nistp256 {KEY}", "the key is not of type ecdsa-sha2-nistp256"),
        (f"ana restrict ssh-ed25519 {KEY}", "unknown option 'restrict'"),
        (f'ana valid-before="tomorrow" ssh-ed25519 {KEY}', "bad time 'tomorrow'"),
    ],
)
def test_a_bad_line_is_an_error_at_its_line(line: str, message: str) -> None:
    with pytest.raises(SigningError) as caught:
        parse_allowed_signers(f"# first\n{line}\n".encode(), "reviewers")
    assert str(caught.value).startswith("reviewers:2: not an allowed-signers line") and message in str(caught.value)


def test_signing_through_the_agent_with_gits_signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = make_key(tmp_path / "keys", "ana")
    started = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.skip("ssh-agent cannot start here")
    found = dict(part.split("=", 1) for part in started.stdout.replace(";", "\n").split() if "=" in part)
    pid = int(found["SSH_AGENT_PID"])
    try:
        monkeypatch.setenv("SSH_AUTH_SOCK", found["SSH_AUTH_SOCK"])
        subprocess.run(["ssh-add", "-q", str(key)], check=True, capture_output=True)
        key.unlink()  # only the agent holds the private half now
        config = tmp_path / "gitconfig"
        config.write_text(f"[gpg]\n\tformat = ssh\n[user]\n\tsigningkey = {key}.pub\n", "utf-8")
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
        monkeypatch.delenv("L10N_SIGNING_KEY", raising=False)
        signer = signer_from(None, tmp_path)
        assert signer == Signer(Path(f"{key}.pub"))
        signature = signer.sign(b"payload", "l10n-review")
        allowed = tmp_path / "allowed"
        allowed.write_text("ana " + " ".join(Path(f"{key}.pub").read_text().split()[:2]) + "\n")
        assert verify(allowed, "ana", "l10n-review", b"payload", signature)
        assert not verify(allowed, "ana", "l10n-review", b"payload!", signature)
        assert signed_key(signature) == (*signer.public_key(), "l10n-review")
        literal = signer_from("key::" + Path(f"{key}.pub").read_text().strip(), tmp_path)
        assert literal is not None and verify(allowed, "ana", "l10n-review", b"x", literal.sign(b"x", "l10n-review"))
    finally:
        os.kill(pid, signal.SIGTERM)


def test_no_key_and_a_missing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ssh_keygen()
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("L10N_SIGNING_KEY", raising=False)
    assert signer_from(None, tmp_path) is None
    with pytest.raises(SigningError, match="no such file"):
        signer_from(str(tmp_path / "nothing"), tmp_path)
