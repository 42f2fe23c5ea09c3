"""The git-ignored state file that lets unchanged articles be skipped.

``.l10n/state.json`` maps each command and article to a fingerprint of its inputs
(content hashes of the source and of the settings that shape the output) and the
hashes of the files it last wrote. An article is skipped only when its inputs are
unchanged *and* every output still has the recorded content, so editing or deleting
an output by hand is noticed. Losing the file only costs speed, so a file that is not
JSON of the expected shape is started afresh with a warning (:attr:`State.warnings`);
one that is not a regular file, or that a symlink leads outside the project, is an
error (:func:`l10n.fsutil.private_file`).

As git's index does, a file whose size and modification time (in nanoseconds) are
the recorded ones is taken to have the recorded hash without being read again.
Paths may be given as strings: a run with nothing to do checks tens of thousands of
them, and building ``Path`` objects would cost more than the checks themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import L10nError
from .fsutil import private_file, read_file, write_atomic

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
        return digest(read_file(path))
    except L10nError:
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
        self.path = private_file(root, "state.json", create=False)
        self.warnings: list[str] = []
        """Why the recorded state was dropped, if it was (a file of the wrong shape)."""
        data = read_file(self.path, ".l10n/state.json", missing_ok=True)
        self.data: dict[str, Any] = {"version": VERSION}
        if data is not None:
            try:
                loaded = json.loads(data)
            except (ValueError, RecursionError):
                loaded = None
            problem = _shape(loaded)
            if problem is None:
                self.data = loaded
            elif not (isinstance(loaded, dict) and loaded.get("version") != VERSION):  # another version: no warning
                self.warnings.append(f".l10n/state.json: {problem}; started afresh (it is only a cache)")
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
            data = read_file(path)
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

    def save(self, quiet: bool = False) -> None:
        """Write the state if it changed; *quiet* (while another error is raised): a failure is ignored."""
        if quiet:
            with contextlib.suppress(L10nError):
                self.save()
            return
        if self.dirty:
            payload = json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode()
            write_atomic(private_file(self.root, "state.json"), payload, ".l10n/state.json")
            self.dirty = False


VERSION = 2
"""The state file's format."""


def _shape(data: Any) -> str | None:
    """Why *data* is not a state file of :data:`VERSION`, or None when it is one."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("version") != VERSION:
        return f"version {data.get('version')!r}, not {VERSION}"

    def stamp(value: Any) -> bool:
        return (
            isinstance(value, list)
            and len(value) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value[:2])
            and isinstance(value[2], str)
        )

    for name, table in data.items():
        if name == "version":
            continue
        if not isinstance(table, dict):
            return f"{name!r} is not an object"
        for key, record in table.items():
            if name == "sources":
                if not stamp(record):
                    return f"sources[{key!r}] is not [size, mtime, hash]"
                continue
            if not (
                isinstance(record, dict)
                and isinstance(record.get("inputs"), str)
                and isinstance(record.get("outputs"), dict)
                and all(isinstance(p, str) and stamp(v) for p, v in record["outputs"].items())
            ):
                return f"{name}[{key!r}] is not a record of inputs and outputs"
    return None
