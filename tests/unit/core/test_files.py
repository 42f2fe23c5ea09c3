"""core/files.py's guarded read: every byte of a regular file, whatever its size says; nothing else opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.core.errors import L10nError
from l10n.core.files import read_file


@pytest.mark.parametrize("size", [0, 1, 4096, (1 << 20) + 3, (3 << 20) + 1])
def test_a_regular_file_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.po"
    data = os.urandom(size)
    path.write_bytes(data)
    assert read_file(path) == data


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_file_longer_than_its_size_is_read_to_its_end() -> None:
    """/proc files say they are empty: the read goes on until the end of the file, not its stated size."""
    text = read_file("/proc/self/status").decode()
    assert os.stat("/proc/self/status").st_size == 0
    assert text.startswith("Name:") and f"\nPid:\t{os.getpid()}\n" in text


def test_a_missing_file_and_a_fifo(tmp_path: Path) -> None:
    assert read_file(tmp_path / "none.po", missing_ok=True) is None
    os.mkfifo(tmp_path / "pipe.po")
    with pytest.raises(L10nError, match="not a regular file"):
        read_file(tmp_path / "pipe.po", "pipe.po")
