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
   ``extract`` and ``translate`` runs merge their changes instead of losing one. The lock
   is the file's own (a new file's: a lock file), taken again if the file was replaced.
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

    A file that exists is locked itself (``flock`` on it, advisory, released when the
    holder exits or is killed): no lock file to create, which would cost as much as the
    catalog. Writers replace the file (rule 1), so a waiter that gets the lock of a file
    replaced meanwhile takes the new file's lock instead. A file that does not exist
    yet is locked through a lock file under ``.l10n/locks`` (none appears among the
    catalogs); once it exists, its creator has written it, and the file's own lock is
    taken instead.
    """
    import fcntl

    while True:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - held across the yield, closed below
        except FileNotFoundError:
            with _lock_file(root, path):
                if not os.path.exists(path):
                    yield
                    return
            continue  # created while we waited for its creator: lock the file itself
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if _same_file(handle.fileno(), path):
                try:
                    yield
                finally:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
                return
        finally:
            handle.close()


def _same_file(fd: int, path: Path) -> bool:
    """Whether *path* still names the file open as *fd* (it was not replaced or removed)."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


@contextmanager
def _lock_file(root: Path, path: Path) -> Iterator[None]:
    """The lock of a file that does not exist yet: a lock file under ``.l10n/locks``."""
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
