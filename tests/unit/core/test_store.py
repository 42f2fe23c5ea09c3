"""The one SQLite helper of ``.l10n/`` (l10n.core.store) and the stores on it: state, check cache, MT cache."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from l10n.core import store
from l10n.core.errors import ConfigError
from l10n.core.state import State
from l10n.core.store import Store, layout_table
from l10n.mt.cache import Cache


def _setup(db: sqlite3.Connection) -> bool:
    layout_table(db, "layout", "1")
    db.execute("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT)")
    return db.execute("SELECT 1 FROM t LIMIT 1").fetchone() is None


def test_a_store_writes_in_one_transaction_and_reads_back(tmp_path: Path) -> None:
    kept = Store(tmp_path, "t.sqlite", _setup)
    assert kept.read("SELECT v FROM t") is None, "no file yet: nothing read, nothing created"
    assert not (tmp_path / ".l10n").exists()
    assert kept.write([("INSERT INTO t VALUES (?, ?)", [("a", "1"), ("b", "2")])])
    assert kept.read("SELECT v FROM t ORDER BY k") == [("1",), ("2",)]
    assert (tmp_path / ".l10n" / ".gitignore").is_file()
    kept.close()
    again = Store(tmp_path, "t.sqlite", _setup)
    assert again.open() is not None
    assert again.found is False, "what setup says of the file: it holds rows"


@pytest.mark.parametrize("content", [b"not a database\n" * 100, b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_damaged_file_is_replaced_with_a_warning(tmp_path: Path, content: bytes) -> None:
    (tmp_path / ".l10n").mkdir()
    (tmp_path / ".l10n" / "t.sqlite").write_bytes(content)
    store.replaced()
    kept = Store(tmp_path, "t.sqlite", _setup)
    assert kept.write([("INSERT INTO t VALUES (?, ?)", [("a", "1")])])
    assert kept.read("SELECT v FROM t") == [("1",)]
    assert len(kept.warnings) == 1
    assert kept.warnings[0].startswith(".l10n/t.sqlite: not a cache database (")
    assert kept.warnings[0].endswith("); started afresh (it is only a cache)")
    assert store.replaced() == kept.warnings
    assert store.replaced() == [], "said once"


def test_a_file_of_another_layout_is_replaced_silently(tmp_path: Path) -> None:
    Store(tmp_path, "t.sqlite", _setup).write([("INSERT INTO t VALUES (?, ?)", [("a", "1")])])

    def newer(db: sqlite3.Connection) -> None:
        layout_table(db, "layout", "2")
        db.execute("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT)")

    kept = Store(tmp_path, "t.sqlite", newer)
    assert kept.read("SELECT v FROM t") == []
    assert kept.warnings == []


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / ".l10n").mkdir(parents=True)
    outside.mkdir()
    (root / ".l10n" / "mt-cache.sqlite").symlink_to(outside / "mt-cache.sqlite")
    with pytest.raises(ConfigError, match="leads outside the project") as caught:
        Cache(root)
    assert caught.value.path == ".l10n/mt-cache.sqlite"
    assert not (outside / "mt-cache.sqlite").exists()


def test_the_mt_cache_replaces_a_damaged_file_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / ".l10n").mkdir()
    (tmp_path / ".l10n" / "mt-cache.sqlite").write_bytes(b"garbage" * 300)
    cache = Cache(tmp_path)
    assert cache.warnings and "mt-cache.sqlite: not a machine-translation cache database" in cache.warnings[0]
    cache.put(("pseudo", "en", "es"), [("Hello", "Hola")])
    assert cache.get(("pseudo", "en", "es"), "Hello") == "Hola"
    cache.close()
    again = Cache(tmp_path)
    assert again.get(("pseudo", "en", "es"), "Hello") == "Hola"
    assert again.warnings == []
    again.close()


def _edit_in_place(path: Path, data: bytes) -> None:
    """Rewrite *path* with *data* (same size), its modification time restored: only the change time moves."""
    info = path.stat()
    assert len(data) == info.st_size
    path.write_bytes(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    if path.stat().st_ctime_ns == info.st_ctime_ns:  # a coarse clock: wait for it to move
        pytest.skip("the file system's change time did not move")


def test_the_state_reads_again_a_file_edited_with_its_size_and_time_kept(tmp_path: Path) -> None:
    source, output = tmp_path / "a.md", tmp_path / "out.md"
    source.write_bytes(b"one")
    output.write_bytes(b"post")
    state = State(tmp_path)
    first = state.source_digest(source)
    state.record("build", "a", "inputs", {output: b"post"})
    state.save()

    state = State(tmp_path)
    assert state.fresh("build", "a", "inputs", [output])
    _edit_in_place(source, b"two")
    assert state.source_digest(source) != first, "the source is read again"
    _edit_in_place(output, b"edit")
    assert not state.fresh("build", "a", "inputs", [output]), "the output is hashed again, and differs"


def test_a_damaged_state_file_is_a_warning_of_the_state(tmp_path: Path) -> None:
    (tmp_path / ".l10n").mkdir()
    (tmp_path / ".l10n" / "state.sqlite").write_bytes(b"garbage" * 300)
    store.replaced()
    state = State(tmp_path)
    assert len(state.warnings) == 1 and state.warnings[0].startswith(".l10n/state.sqlite: not a state database")
    assert store.replaced() == [], "the commands that open the state report its warnings themselves"
