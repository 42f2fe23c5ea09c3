"""The one guarded place where commands touch the file system: reads, atomic writes, confinement.

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
4. Every file a command reads goes through :func:`read_file`: it is opened without
   blocking and must be a regular file, so a FIFO, a socket, a device, a folder, a
   symlink loop or a dangling symlink where a file is expected is a one-line error
   naming the path, never a hang or a traceback.
5. A failed write (a full disk, a folder in the way, no permission) is a one-line
   error naming the path (``no space left on device``); the temporary file is removed
   and the target keeps its old content.
6. ``.l10n/`` (state, cache, locks) stays inside the project: that folder, its
   sub-folders and files that symlinks lead outside are refused before anything is
   read or written there (:func:`private_dir`, :func:`private_file`).
7. A temporary file's name is deterministic (:func:`_temporary`): ``.NAME.PID_THREAD.tmp``,
   or ``.NAME.TOKENPID_THREAD.tmp`` for a staged file of a run, opened with ``O_EXCL``;
   no random name is drawn (``tempfile.mkstemp`` cost a fifth of ``extract``).
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
import threading
from pathlib import Path
from typing import Literal, overload

from l10n.core.errors import ConfigError, L10nError

StrPath = str | os.PathLike[str]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def shown(path: StrPath) -> str:
    """*path* for a message: relative to the working directory when under it, on one line."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
        text = relative if not relative.startswith("..") else text
    except ValueError:
        pass
    return printable(text)


def printable(name: str) -> str:
    """*name* with control characters and undecodable bytes escaped (``\\n``, ``\\xff``), so a message stays one line."""
    if name.isprintable():
        return name
    out = []
    for ch in name:
        if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif not ch.isprintable() and ch != " ":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    return next((what for test, what in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a regular file")


def _not_a_file(kind: str) -> str:
    return "is a folder, not a file" if kind == "a folder" else f"not a regular file but {kind}"


@overload
def read_file(
    path: StrPath, display: str | None = None, error: type[L10nError] = ..., *, missing_ok: Literal[False] = ...
) -> bytes: ...
@overload
def read_file(path: StrPath, display: str | None = None, error: type[L10nError] = ..., *, missing_ok: bool) -> bytes | None: ...
def read_file(
    path: StrPath, display: str | None = None, error: type[L10nError] = L10nError, *, missing_ok: bool = False
) -> bytes | None:
    """The bytes of the regular file *path* (named *display* in errors), or None if it is missing and *missing_ok*.

    Opened without blocking, so a FIFO never hangs a run; anything but a regular file
    (after following symlinks) is an *error* naming the path and what it is.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(path):
            msg = f"dangling symlink (to {printable(os.readlink(path))})"
            raise error(msg, _named(path, display)) from None
        if missing_ok:
            return None
        raise error("cannot read: No such file or directory", _named(path, display)) from None
    except OSError as exc:
        raise error(_reason(exc, "cannot read"), _named(path, display)) from None
    info = os.fstat(fd)
    kind = _kind(info.st_mode)
    if kind is not None:
        os.close(fd)
        raise error(_not_a_file(kind), _named(path, display))
    try:  # to the end, in one read as a rule (a file object costs as much as the read: thousands of catalogs a run)
        chunks: list[bytes] = []
        while chunk := os.read(fd, info.st_size + 1 if not chunks else 1 << 20):
            chunks.append(chunk)
    except OSError as exc:
        raise error(_reason(exc, "cannot read"), _named(path, display)) from None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _named(path: StrPath, display: str | None) -> str:
    """How an error names *path*: *display*, else :func:`shown` (computed only for an error: it asks for the
    working folder, once per file of a run otherwise)."""
    return display if display is not None else shown(path)


def _reason(exc: OSError, verb: str) -> str:
    """One line for an OSError: ``no space left on device``, ``symlink loop``, or ``cannot read: ...``."""
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno == errno.ELOOP:
        return "symlink loop (or too many symlinks)"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"{verb}: {exc.strerror or exc}"


def write_atomic(path: Path, data: bytes, display: str | None = None) -> bool:
    """Write *data* to *path* atomically; return False (and touch nothing) if unchanged."""
    return write_if_changed(path, data, read_file(path, display, missing_ok=True), display)


def write_if_changed(path: Path, data: bytes, old: bytes | None, display: str | None = None) -> bool:
    """:func:`write_atomic` for a caller that has just read *path*: *old* is its content (None: absent).

    Spares reading the file a second time; under the file's lock (:func:`l10n.core.locks.locked`) what
    the caller read is still what is there. A failure is an :class:`L10nError` naming
    *display* (rule 5).
    """
    if old == data:
        return False
    tmp = stage(path, data, display)
    commit(tmp, path, display)
    return True


def stage(path: Path, data: bytes, display: str | None = None, token: str = "") -> str:
    """Write *data* to a new temporary file beside *path*; return its name (see :func:`commit`, :func:`discard`).

    A target that exists and is not a regular file (a folder, a FIFO) is refused here,
    before anything is renamed over it. *token* marks the temporary name, so that a run
    can find its own staged files again (:func:`discard_staged`).
    """
    try:
        kind = _kind(os.stat(path).st_mode)
    except FileNotFoundError:
        kind = None
    except OSError as exc:
        raise L10nError(_reason(exc, "cannot write"), _named(path, display)) from None
    if kind is not None:
        raise L10nError(_not_a_file(kind), _named(path, display))
    tmp = None
    try:
        try:
            fd, tmp = _temporary(path, token)
        except FileNotFoundError:  # its folder is made on demand: a mkdir and a stat for every file cost more
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temporary(path, token)
        try:  # without a file object, which costs as much as the write of a small file
            rest = memoryview(data)
            while rest:
                rest = rest[os.write(fd, rest) :]
        finally:
            os.close(fd)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise L10nError(_reason(exc, "cannot write"), _named(path, display)) from None
        raise
    return tmp


def commit(tmp: str, path: Path, display: str | None = None) -> None:
    """Rename the temporary file *tmp* (from :func:`stage`) over *path*; on failure remove it."""
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise L10nError(_reason(exc, "cannot write"), display if display is not None else shown(path)) from None
        raise


def discard(tmp: str) -> None:
    """Remove a temporary file of :func:`stage` that will not be committed."""
    Path(tmp).unlink(missing_ok=True)


def discard_staged(folder: Path, token: str, recursive: bool = False) -> None:
    """Remove the temporary files of :func:`stage` marked with *token* in *folder* (and, *recursive*, below it).

    The token is a run's random mark, so this finds the files of workers whose results
    the run dropped, whatever name their target has (a translated slug).
    """
    if not token:
        return  # without a mark, the files of another run would match
    mark = f".{token}"
    for here, _, names in os.walk(folder):  # symlinked folders are not followed
        for name in names:
            if name.startswith(".") and name.endswith(".tmp") and mark in name:
                Path(here, name).unlink(missing_ok=True)
        if not recursive:
            break


def remove(path: Path, display: str | None = None) -> None:
    """Delete the file *path*; a failure is an error naming *display*."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise L10nError(_reason(exc, "cannot remove"), display if display is not None else shown(path)) from None


def _temporary(path: Path, token: str = "") -> tuple[int, str]:
    """A new file ``.NAME.PID_THREAD.tmp`` beside *path* (``.NAME.TOKENPID_THREAD.tmp`` with a run's
    *token*), open for writing, mode 0644 (rule 7).

    The name is unique among live writers (one process, one thread, one file at a
    time), so no random name is drawn; ``O_EXCL`` refuses to open an existing file or
    follow a symlink. Without a token, a file of that name can only be left by a killed
    process whose number this one now has: it is removed and the name taken again. With
    one, it is this run's own staged file, not committed yet (a name cut to 150
    characters, shared by two targets): a numbered name is taken instead.
    """
    stem = os.path.join(path.parent, f".{path.name[:150]}.{token}{os.getpid()}_{threading.get_ident()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    tmp = f"{stem}.tmp"
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileExistsError:
        if not token:
            os.unlink(tmp)
            fd = os.open(tmp, flags, 0o644)
        else:
            for number in itertools.count(1):
                tmp = f"{stem}_{number}.tmp"
                try:
                    fd = os.open(tmp, flags, 0o644)
                    break
                except FileExistsError:
                    continue
    os.fchmod(fd, 0o644)  # whatever the umask, as the files l10n replaces
    return fd, tmp


def inside(root: Path, path: Path, what: str) -> Path:
    """Return *path* resolved, or raise if it leaves *root* (after following symlinks)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        msg = f"{what} {path} is outside the project {root}"
        raise ConfigError(msg)
    return resolved


def _private(root: Path, path: Path, folder: bool) -> None:
    """Refuse *path* under ``.l10n`` if a symlink leads it outside *root*, or it is not what it should be."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else shown(path)
    if not (real == real_root or real.startswith(real_root + os.sep)):
        msg = f"leads outside the project, to {printable(real)}, through a symlink; refused"
        raise ConfigError(msg, where)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ConfigError(_reason(exc, "cannot read"), where) from None
    if folder and not stat.S_ISDIR(mode):
        raise ConfigError("is not a folder (l10n keeps its state there)", where)
    if not folder and not stat.S_ISREG(mode):
        raise ConfigError(_not_a_file(_kind(mode) or "not a regular file"), where)


def private_dir(root: Path, *parts: str) -> Path:
    """A folder under the project's git-ignored ``.l10n`` (state, MT cache, locks), created if needed.

    Every folder on the way is checked (rule 6) before anything is created.
    """
    base = root / ".l10n"
    folder = base
    for part in ("", *parts):
        folder = folder / part if part else folder
        _private(root, folder, folder=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(_reason(exc, "cannot create"), folder.relative_to(root).as_posix()) from None
    if not os.path.lexists(base / ".gitignore"):
        write_atomic(base / ".gitignore", b"# l10n's state, machine-translation cache and locks\n*\n", ".l10n/.gitignore")
    return folder


def private_file(root: Path, *parts: str, create: bool = True) -> Path:
    """The file ``.l10n/<parts>``, refused (rule 6) if it or a folder on the way leads outside or is not a file.

    With *create*, its folder is created; without, nothing is created (for reading).
    """
    base = root / ".l10n"
    folder = base.joinpath(*parts[:-1])
    if create:
        private_dir(root, *parts[:-1])
    else:
        for depth in range(len(parts)):
            _private(root, base.joinpath(*parts[:depth]), folder=True)
    path = folder / parts[-1]
    _private(root, path, folder=False)
    return path


def private_database(root: Path, name: str) -> Path:
    """The SQLite file ``.l10n/<name>``, refused (rule 6) as :func:`private_file` refuses a file, and so are
    the ``-wal``, ``-shm`` and ``-journal`` files SQLite opens beside it; nothing is created."""
    path = private_file(root, name, create=False)
    for suffix in ("-wal", "-shm", "-journal"):
        private_file(root, name + suffix, create=False)
    return path
