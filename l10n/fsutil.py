"""File-system helpers: atomic writes and paths confined to the project.

Rules:

1. Every file is written through :func:`write_atomic`: a temporary file in the same
   folder, then renamed over the target. A reader, or a process killed half way,
   sees the old file or the new one, never a truncated one. There is no fsync per
   file: the rename already gives atomicity against interrupts and ``kill -9``, and
   thousands of fsyncs would dominate a run; durability against power loss is left
   to the file system (ext4 and XFS flush data before a replacing rename).
2. A file whose content would not change is not written at all, so mtimes and
   editors' "file changed on disk" prompts only move when something happened.
3. Paths derived from configuration or user input are resolved and must stay inside
   the project root (no ``..``, absolute paths or symlinks pointing outside).
4. A catalog is changed by read-modify-write under :func:`locked`, so that concurrent
   ``extract`` and ``translate`` runs merge their changes instead of losing one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError


def write_atomic(path: Path, data: bytes) -> bool:
    """Write *data* to *path* atomically; return False (and touch nothing) if unchanged."""
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    return write_if_changed(path, data, old)


def write_if_changed(path: Path, data: bytes, old: bytes | None) -> bool:
    """:func:`write_atomic` for a caller that has just read *path*: *old* is its content (None: absent).

    Spares reading the file a second time; under the file's lock (:func:`locked`) what
    the caller read is still what is there.
    """
    if old == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _temporary(path: Path) -> tuple[int, str]:
    """A new file ``.NAME.PID_THREAD.tmp`` beside *path*, open for writing, mode 0644.

    The name is unique among live writers (one process, one thread, one file at a
    time), so no random name is drawn; ``O_EXCL`` refuses to open an existing file or
    follow a symlink. A file of that name can only be left by a killed process whose
    number this one now has: it is removed and the name taken again.
    """
    tmp = os.path.join(path.parent, f".{path.name}.{os.getpid()}_{threading.get_ident()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileExistsError:
        os.unlink(tmp)
        fd = os.open(tmp, flags, 0o644)
    os.fchmod(fd, 0o644)  # whatever the umask, as the files l10n replaces
    return fd, tmp


def inside(root: Path, path: Path, what: str) -> Path:
    """Return *path* resolved, or raise if it leaves *root* (after following symlinks)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        msg = f"{what} {path} is outside the project {root}"
        raise ConfigError(msg)
    return resolved


def private_dir(root: Path, *parts: str) -> Path:
    """A folder under the project's git-ignored ``.l10n`` (state, MT cache, locks), created if needed."""
    base = root / ".l10n"
    folder = base.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    if not (base / ".gitignore").exists():
        write_atomic(base / ".gitignore", b"# l10n's state, machine-translation cache and locks\n*\n")
    return folder


@contextmanager
def locked(root: Path, path: Path) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of *path* (blocking).

    Locks live under ``.l10n/locks`` so that no lock file appears among the catalogs;
    they are advisory (``flock``) and released when the holder exits or is killed.
    """
    import fcntl
    import hashlib

    folder = private_dir(root, "locks")
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=12).hexdigest()
    with open(folder / f"{name}.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
