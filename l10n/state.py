"""The git-ignored state file that lets unchanged articles be skipped.

``.l10n/state.json`` maps each command and article to a fingerprint of its inputs
(content hashes of the source and of the settings that shape the output) and the
hashes of the files it last wrote. An article is skipped only when its inputs are
unchanged *and* every output still has the recorded content, so editing or deleting
an output by hand is noticed. Losing the file only costs speed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .fsutil import write_atomic

STATE_DIR = ".l10n"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


class State:
    """Recorded fingerprints for one project."""

    def __init__(self, root: Path) -> None:
        self.path = root / STATE_DIR / "state.json"
        try:
            self.data: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.data = {}
        if not isinstance(self.data, dict) or self.data.get("version") != 1:
            self.data = {"version": 1}
        self.dirty = False

    def fresh(self, command: str, article: str, inputs: str, outputs: list[Path]) -> bool:
        """True when *article* was last processed from the same inputs into files still intact."""
        record = self.data.get(command, {}).get(article)
        if not record or record.get("inputs") != inputs:
            return False
        files = record.get("outputs", {})
        return len(files) == len(outputs) and all(files.get(str(p)) == file_digest(p) for p in outputs)

    def record(self, command: str, article: str, inputs: str, outputs: dict[Path, bytes]) -> None:
        entry = {"inputs": inputs, "outputs": {str(p): digest(data) for p, data in outputs.items()}}
        table = self.data.setdefault(command, {})
        if table.get(article) != entry:
            table[article] = entry
            self.dirty = True

    def forget(self, command: str, article: str) -> None:
        if self.data.get(command, {}).pop(article, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            payload = json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode()
            write_atomic(self.path, payload)
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                write_atomic(gitignore, b"*\n")
            self.dirty = False
