"""Atomic writes (:func:`l10n.fsutil.write_atomic`): the temporary file beside the target.

Rules tested:

1. The temporary file is named ``.NAME.PID_THREAD.tmp`` (what a killed run can leave,
   and what ``tests/test_faults.py`` and every reader ignore) and is gone after the write.
2. It is opened with ``O_EXCL``: a symlink planted at its name is not followed (the file
   it points to is untouched), and a leftover of a killed process that had this
   process's number is replaced.
3. The written file has mode 0644 whatever the umask, as before.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from pathlib import Path

import pytest

from l10n.fsutil import write_atomic

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
