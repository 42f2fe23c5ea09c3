"""The git-ignored state file that lets unchanged articles be skipped.

``.l10n/state.json`` maps each command and article to a fingerprint of its inputs
(content hashes of the source and of the settings that shape the output) and the
hashes of the files it last wrote. An article is skipped only when its inputs are
unchanged *and* every output still has the recorded content, so editing or deleting
an output by hand is noticed. Losing the file only costs speed.

As git's index does, a file whose size and modification time (in nanoseconds) are
the recorded ones is taken to have the recorded hash without being read again.
Paths may be given as strings: a run with nothing to do checks tens of thousands of
them, and building ``Path`` objects would cost more than the checks themselves.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fsutil import private_dir, write_atomic

if TYPE_CHECKING:
    from .config import Config

StrPath = str | os.PathLike[str]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def settings_fingerprint(config: Config, state: State, tables: Sequence[str] = (), *extra: object) -> str:
    """What, besides an article's own files, shapes a command's outputs.

    The version of ``l10n``, the settings that shape units (source locale, front-matter
    keys, verbatim sections), the glossary's content, the validated configuration
    *tables* the command reads, and *extra*. Commands fingerprint an article as this
    plus the digests of its own files.
    """
    from . import __version__

    glossary = state.source_digest(config.glossary) if config.glossary.exists() else "-"
    shaping = [sorted(config.table(name).items()) for name in tables]
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
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:
        return None


def _stat(path: StrPath) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
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

    def fresh(self, command: str, article: str, inputs: str, outputs: Sequence[StrPath]) -> bool:
        """True when *article* was last processed from the same inputs into files still intact."""
        record = self.data.get(command, {}).get(article)
        if not record or record.get("inputs") != inputs:
            return False
        files = record.get("outputs", {})
        return len(files) == len(outputs) and all(self._same(p, files.get(os.fspath(p))) for p in outputs)

    def recall(self, command: str, article: str, inputs: str) -> Any:
        """The *extra* recorded for *article* if its inputs are the same and every output it
        recorded is intact; None otherwise (the outputs need not be known in advance)."""
        record = self.data.get(command, {}).get(article)
        if not record or record.get("inputs") != inputs:
            return None
        if not all(self._same(Path(path), known) for path, known in record.get("outputs", {}).items()):
            return None
        return record.get("extra")

    def _same(self, path: StrPath, known: list[Any] | None) -> bool:
        if not known:
            return False
        size, mtime, hashed = known
        stat = _stat(path)
        if stat is None:
            return False
        return stat == (size, mtime) or (stat[0] == size and file_digest(path) == hashed)

    def source_digest(self, path: StrPath, data: bytes | None = None) -> str:
        """The content hash of a source file, from the stat cache when it is unchanged."""
        stat = _stat(path)
        key = os.fspath(path)
        cached = self.data.get("sources", {}).get(key)
        if cached and stat is not None and tuple(cached[:2]) == stat:
            return str(cached[2])
        if data is None:
            with open(path, "rb") as handle:
                data = handle.read()
        hashed = digest(data)
        if stat is not None:
            self.data.setdefault("sources", {})[key] = [*stat, hashed]
            self.dirty = True
        return hashed

    def record(self, command: str, article: str, inputs: str, outputs: dict[Path, bytes]) -> None:
        """Remember that *article* was processed from *inputs* into *outputs* (their contents)."""
        self.record_digests(command, article, inputs, {path: digest(data) for path, data in outputs.items()})

    def record_digests(self, command: str, article: str, inputs: str, outputs: dict[Path, str], extra: Any = None) -> None:
        """:meth:`record` with the outputs' :func:`digest` (what worker processes send back).

        *extra* (JSON data) is kept with the record and returned by :meth:`recall`.
        """
        entry: dict[str, Any] = {
            "inputs": inputs,
            "outputs": {str(p): [*(_stat(p) or (0, 0)), hashed] for p, hashed in outputs.items()},
        }
        if extra is not None:
            entry["extra"] = extra
        table = self.data.setdefault(command, {})
        if table.get(article) != entry:
            table[article] = entry
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            payload = json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode()
            write_atomic(private_dir(self.root) / "state.json", payload)
            self.dirty = False
