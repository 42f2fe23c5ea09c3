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


@pytest.mark.parametrize("size", [0, 5, (3 << 20) + 7])
def test_a_staged_file_is_written_whole_its_folders_made_on_demand(tmp_path: Path, size: int) -> None:
    from l10n.core.files import write_if_changed

    data = os.urandom(size) or b"x"
    for path in (tmp_path / "here.po", tmp_path / "new" / "deeper" / "there.po"):
        assert write_if_changed(path, data, None)
        assert path.read_bytes() == data
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_a_staged_file_under_a_file_is_one_error(tmp_path: Path) -> None:
    from l10n.core.files import write_if_changed

    (tmp_path / "plain").write_bytes(b"")
    with pytest.raises(L10nError) as raised:
        write_if_changed(tmp_path / "plain" / "x.po", b"data", None, "plain/x.po")
    assert (str(raised.value), sorted(p.name for p in tmp_path.iterdir())) == (
        "plain/x.po: cannot write: Not a directory",
        ["plain"],
    )
