"""Atomic writes (:func:`l10n.core.files.write_atomic`): the temporary file beside the target.

Rules tested:

1. The temporary file is named ``.NAME.PID_THREAD.tmp`` (what a killed run can leave,
   and what ``tests/robustness/test_faults.py`` and every reader ignore) and is gone after the write.
2. It is opened with ``O_EXCL``: a symlink planted at its name is not followed (the file
   it points to is untouched), and a leftover of a killed process that had this
   process's number is replaced.
3. The written file has mode 0644 whatever the umask, as before.
4. A read-modify-write under :func:`l10n.core.locks.locked` loses no update, though every
   write replaces the file; only a file that does not exist yet needs a lock file, unless a
   lock every creator takes is held (the article's source, for ``extract``).
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.core.files import write_atomic
from l10n.core.locks import locked

TMP_RE = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp")


def _temporary_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}_{threading.get_ident()}.tmp"


def test_the_temporary_file_is_beside_the_target_and_gone(tmp_path: Path) -> None:
    target = tmp_path / "locales" / "es" / "post.po"
    assert write_atomic(target, b"one\n")
    assert target.read_bytes() == b"one\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["post.po"]
    assert TMP_RE.fullmatch(_temporary_name(target).name)
    assert not write_atomic(target, b"one\n"), "unchanged content is not written"


@pytest.mark.parametrize("leftover", ["file", "symlink", "dangling symlink"])
def test_a_leftover_at_the_temporary_name_is_replaced_not_followed(tmp_path: Path, leftover: str) -> None:
    target = tmp_path / "post.md"
    target.write_bytes(b"old\n")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"must stay\n")
    tmp = _temporary_name(target)
    if leftover == "file":
        tmp.write_bytes(b"half written by a killed run")
    elif leftover == "symlink":
        tmp.symlink_to(outside)
    else:
        tmp.symlink_to(tmp_path / "nowhere")
    assert write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert not target.is_symlink()
    assert outside.read_bytes() == b"must stay\n"
    assert not (tmp_path / "nowhere").exists()
    assert not tmp.exists() and not tmp.is_symlink()


def test_mode_is_0644_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "a.po", b"x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.po").stat().st_mode) == 0o644


def test_threads_writing_files_of_one_folder(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for round_ in range(20):
                write_atomic(tmp_path / f"f{k % 3}.po", f"{k} {round_}\n".encode())
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f0.po", "f1.po", "f2.po"]
    for path in tmp_path.iterdir():
        assert re.fullmatch(rb"\d \d+\n", path.read_bytes())


# --- locks: the file's own, taken again when it was replaced (l10n.core.locks.locked) ---


@pytest.mark.parametrize("exists", [True, False], ids=["existing file", "new file"])
def test_a_read_modify_write_under_the_lock_loses_no_update(tmp_path: Path, exists: bool) -> None:
    """Threads (each with its own open file, as processes) add one line each under the lock; none is lost.

    Every writer replaces the file (a new inode), so waiters must notice that the file they
    locked is not the one the path names any more; the first writer of a new file locks it
    through a lock file.
    """
    target = tmp_path / "locales" / "es" / "post.po"
    target.parent.mkdir(parents=True)
    if exists:
        target.write_bytes(b"")

    def add(k: int, round_: int) -> None:
        with locked(tmp_path, target):
            _append(target, f"{k}.{round_}")

    _in_four_threads(add)
    lines = target.read_bytes().decode().split()
    assert sorted(lines) == sorted(f"{k}.{r}" for k in range(4) for r in range(10))
    locks = tmp_path / ".l10n" / "locks"
    assert (locks.is_dir() and any(locks.iterdir())) == (not exists), "a lock file only for a file that did not exist"


def test_new_files_created_under_a_held_lock_lose_no_update_and_make_no_lock_file(tmp_path: Path) -> None:
    """Rule 2 of l10n.core.locks, as ``extract`` uses it: the article's source locked first stands for
    the lock of its catalogs not written yet. Threads (each with its own open file) create and extend
    two new files under it; no update is lost and ``.l10n/locks`` stays empty."""
    source = tmp_path / "source" / "post.md"
    source.parent.mkdir()
    source.write_bytes(b"# Post\n")
    targets = [tmp_path / "locales" / locale / "post.po" for locale in ("es", "ja")]
    for target in targets:
        target.parent.mkdir(parents=True)

    def add(k: int, round_: int) -> None:
        with locked(tmp_path, source), locked(tmp_path, targets[0], True), locked(tmp_path, targets[1], True):
            for target in targets:
                _append(target, f"{k}.{round_}")

    _in_four_threads(add)
    for target in targets:
        assert sorted(target.read_bytes().decode().split()) == sorted(f"{k}.{r}" for k in range(4) for r in range(10))
    assert not (tmp_path / ".l10n" / "locks").exists(), "no lock file: the source's lock serves"


def test_two_first_extracts_at_once_write_what_one_writes_and_no_lock_file(project: Path) -> None:
    """Two ``extract`` processes started together on a project without catalogs: the catalogs are
    those one run writes (no run overwrote the other's half-merged work), and ``.l10n/locks`` holds
    no lock file per new catalog (the articles' sources stand for them)."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    for k in range(6):
        shutil.copy(project / "source" / "exploring-ketamine.md", project / "source" / f"post-{k}.md")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "l10n", "extract", "-j", "2"], cwd=project, env=env) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    together = {p.relative_to(project): p.read_bytes() for p in sorted((project / "locales").rglob("*.po*"))}
    assert len(together) == 7 * 3
    assert not (project / ".l10n" / "locks").exists() or not any((project / ".l10n" / "locks").iterdir())
    shutil.rmtree(project / "locales")
    shutil.rmtree(project / ".l10n")
    assert subprocess.run([sys.executable, "-m", "l10n", "extract"], cwd=project, env=env).returncode == 0
    assert {p.relative_to(project): p.read_bytes() for p in sorted((project / "locales").rglob("*.po*"))} == together


def _append(target: Path, line: str) -> None:
    """Read, wait (a slow merge: others pile up on the lock) and write back with one line more."""
    old = target.read_bytes() if target.exists() else b""
    time.sleep(0.001)
    write_atomic(target, old + f"{line}\n".encode())


def _in_four_threads(add: Callable[[int, int], None]) -> None:
    """Four threads, each calling ``add(thread, round)`` ten times; any exception fails the test."""
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            for round_ in range(10):
                add(k, round_)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
