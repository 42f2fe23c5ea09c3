"""The git-ignored state file that lets unchanged articles be skipped.

``.l10n/state.json`` maps each command and article to a fingerprint of its inputs
(content hashes of the source and of the settings that shape the output) and the
hashes of the files it last wrote. An article is skipped only when its inputs are
unchanged *and* every output still has the recorded content, so editing or deleting
an output by hand is noticed. Losing the file only costs speed.

As git's index does, a file whose size and modification time (in nanoseconds) are
the recorded ones is taken to have the recorded hash without being read again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .fsutil import private_dir, write_atomic


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class State:
    """Recorded fingerprints for one project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / ".l10n" / "state.json"
        try:
            self.data: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.data = {}
        if not isinstance(self.data, dict) or self.data.get("version") != 2:
            self.data = {"version": 2}
        self.dirty = False

    def fresh(self, command: str, article: str, inputs: str, outputs: list[Path]) -> bool:
        """True when *article* was last processed from the same inputs into files still intact."""
        record = self.data.get(command, {}).get(article)
        if not record or record.get("inputs") != inputs:
            return False
        files = record.get("outputs", {})
        return len(files) == len(outputs) and all(self._same(p, files.get(str(p))) for p in outputs)

    def _same(self, path: Path, known: list[Any] | None) -> bool:
        if not known:
            return False
        size, mtime, hashed = known
        stat = _stat(path)
        if stat is None:
            return False
        return stat == (size, mtime) or (stat[0] == size and file_digest(path) == hashed)

    def source_digest(self, path: Path, data: bytes | None = None) -> str:
        """The content hash of a source file, from the stat cache when it is unchanged."""
        stat = _stat(path)
        cached = self.data.get("sources", {}).get(str(path))
        if cached and stat is not None and tuple(cached[:2]) == stat:
            return str(cached[2])
        hashed = digest(path.read_bytes() if data is None else data)
        if stat is not None:
            self.data.setdefault("sources", {})[str(path)] = [*stat, hashed]
            self.dirty = True
        return hashed

    def record(self, command: str, article: str, inputs: str, outputs: dict[Path, bytes]) -> None:
        entry = {"inputs": inputs, "outputs": {str(p): [*(_stat(p) or (0, 0)), digest(d)] for p, d in outputs.items()}}
        table = self.data.setdefault(command, {})
        if table.get(article) != entry:
            table[article] = entry
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            payload = json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode()
            write_atomic(private_dir(self.root) / "state.json", payload)
            self.dirty = False
