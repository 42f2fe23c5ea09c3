"""py3langid's model cached once per machine (``l10n/text/language_id.py``): the same labels and
probabilities as py3langid's own loader, read back by a new process, rebuilt when damaged, no
error when the folder cannot be written, two first loads at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polib
import pytest
from conftest import SHARED, shared_file

from l10n.text import language_id

BOOK = SHARED / "data" / "rust-by-example" / "po"
SENTENCE = "Do not drive for hours after a dose of this medicine."
LOCALES = ("es", "ja", "ko", "zh")

# A new process that identifies one sentence and says whether it decompressed the package's
# model (py3langid's own modelio.load_model, counted, still called) and which file its DFA maps.
PROBE = """
import json, sys
import py3langid.modelio as modelio
calls = []
load_model = modelio.load_model
modelio.load_model = lambda path: calls.append(str(path)) or load_model(path)
from l10n.text import language_id
found = language_id.identify(sys.argv[1], ("en", "es"))
mapped = getattr(language_id._identifier().tk_nextmove, "obj", None)
mapped = str(mapped.filename) if mapped is not None else None
print(json.dumps({"found": found, "decompressed": len(calls), "mapped": mapped}))
"""


def probe(cache: Path, sentence: str = SENTENCE) -> subprocess.Popen[str]:
    env = {**os.environ, "L10N_CACHE_DIR": str(cache)}
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, sentence], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def answer(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, "")
    result: dict[str, Any] = json.loads(out)
    return result


def files(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of *folder* with its inode and modification time: unchanged if not written again."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, for this process and its children."""
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "cache"))
    language_id._identifier.cache_clear()
    yield tmp_path / "cache"
    language_id._identifier.cache_clear()  # the next test loads from the session's folder again


@pytest.fixture(scope="module")
def library() -> Any:
    """py3langid's identifier as py3langid loads it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def book_texts(locale: str) -> list[str]:
    catalog = polib.pofile(str(shared_file(BOOK / f"{locale}.po")))
    return [text for entry in catalog if entry.msgstr for text in (entry.msgid, entry.msgstr)]


@pytest.mark.parametrize("locale", LOCALES)
def test_labels_and_probabilities_are_py3langid_s_to_the_bit(locale: str, library: Any) -> None:
    """Every msgid and msgstr of the book's catalog, among English and the locale as the check asks
    (restricted once to the pair, then through identify() for a share), and the whole model's ranking."""
    texts = book_texts(locale)
    ours = language_id._identifier()
    assert Path(ours.tk_nextmove.obj.filename).parent == language_id.model_folder()  # the cached model
    pair = ["en", locale]
    library.set_languages(pair)
    ours.set_languages(pair)
    expected = [library.classify(text) for text in texts]
    assert [ours.classify(text) for text in texts] == expected
    assert len(texts) > 800 and {label for label, _ in expected} == {"en", locale}
    assert [language_id.identify(text, ("en", locale)) for text in texts[::10]] == expected[::10]
    library.set_languages(None)
    ours.set_languages(None)
    for text in texts[::50]:
        assert ours.rank(text) == library.rank(text)


def test_a_language_the_model_does_not_know_is_none() -> None:
    assert language_id.identify(SENTENCE, ("en", "haw")) is None
    assert language_id.identify(SENTENCE, ("en", "es")) == ("en", pytest.approx(1.0, abs=0.01))


def test_the_first_load_writes_the_cache_and_a_new_process_reads_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = answer(probe(cache))
    (folder,) = cache.iterdir()
    assert folder.name.startswith("py3langid-0.4.")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.npy" for name in language_id._FILES)
    before = files(folder)
    second = answer(probe(cache))
    assert first["decompressed"] == 1 and second["decompressed"] == 0
    assert first["found"] == second["found"] and first["found"][0] == "en"
    assert first["mapped"] == second["mapped"] == str(folder / "nextmove.npy")
    assert files(folder) == before  # read, not written again


def damage_truncated(folder: Path) -> None:
    data = (folder / "ptc.npy").read_bytes()
    (folder / "ptc.npy").write_bytes(data[: len(data) // 2])


def damage_garbage(folder: Path) -> None:
    (folder / "nextmove.npy").write_bytes(b"not a numpy file at all")


def damage_empty(folder: Path) -> None:
    (folder / "classes.npy").write_bytes(b"")


def damage_dtype(folder: Path) -> None:
    np.save(folder / "ptc.npy", np.load(folder / "ptc.npy").astype(np.float32))


def damage_shape(folder: Path) -> None:
    np.save(folder / "pc.npy", np.load(folder / "pc.npy")[:-1])


def damage_order(folder: Path) -> None:
    np.save(folder / "ptc.npy", np.asfortranarray(np.load(folder / "ptc.npy")))


def damage_index(folder: Path) -> None:
    output = np.load(folder / "output.npy")
    output[-1] = np.load(folder / "ptc.npy", mmap_mode="r").shape[0]  # a feature past the table
    np.save(folder / "output.npy", output)


def damage_state(folder: Path) -> None:
    nextmove = np.load(folder / "nextmove.npy")
    nextmove[0] = np.load(folder / "row.npy", mmap_mode="r").size  # a state past the automaton
    np.save(folder / "nextmove.npy", nextmove)


def damage_pickle(folder: Path) -> None:
    np.save(folder / "classes.npy", np.array([object()] * 3, dtype=object), allow_pickle=True)


def damage_zip(folder: Path) -> None:
    np.savez(folder / "pc.npz", pc=np.load(folder / "pc.npy"))  # an archive numpy.load opens too
    (folder / "pc.npz").replace(folder / "pc.npy")


def damage_missing(folder: Path) -> None:
    (folder / "row.npy").unlink()


def damage_not_a_folder(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_bytes(b"a file where the model's folder goes")


DAMAGES = [
    damage_truncated,
    damage_garbage,
    damage_empty,
    damage_dtype,
    damage_shape,
    damage_order,
    damage_index,
    damage_state,
    damage_pickle,
    damage_zip,
    damage_missing,
    damage_not_a_folder,
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder with the model written by a new process, to copy."""
    cache = tmp_path_factory.mktemp("built")
    answer(probe(cache))
    return cache


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda d: d.__name__.removeprefix("damage_"))
def test_a_damaged_cache_is_rebuilt(damage: Any, built: Path, cache: Path, library: Any) -> None:
    (original,) = built.iterdir()
    folder = cache / original.name
    shutil.copytree(original, folder)
    damage(folder)
    assert language_id._read(folder) is None  # never trusted
    library.set_languages(["en", "es"])
    assert language_id.identify(SENTENCE, ("en", "es")) == library.classify(SENTENCE)
    assert language_id._read(folder) is not None
    assert Path(language_id._identifier().tk_nextmove.obj.filename) == folder / "nextmove.npy"
    assert sorted(p.name for p in cache.iterdir()) == [folder.name]  # no temporary folder left


@pytest.mark.parametrize("where", ["under a file", "in /proc", "a home that is a file"])
def test_a_folder_that_cannot_be_written_is_no_error(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], library: Any
) -> None:
    (tmp_path / "file").write_text("")
    if where == "a home that is a file":
        monkeypatch.delenv("L10N_CACHE_DIR")
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path / "file"))
    else:
        monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "file" / "l10n" if where == "under a file" else "/proc/l10n"))
    language_id._identifier.cache_clear()
    try:
        library.set_languages(["en", "es"])
        assert language_id.identify(SENTENCE, ("en", "es")) == library.classify(SENTENCE)
        assert type(language_id._identifier().tk_nextmove).__name__ == "array"  # py3langid's own arrays
    finally:
        language_id._identifier.cache_clear()
    assert capfd.readouterr() == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_two_first_loads_at_once_both_succeed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    racing = [probe(cache), probe(cache)]
    answers = [answer(process) for process in racing]
    (folder,) = cache.iterdir()
    assert answers[0]["found"] == answers[1]["found"] and answers[0]["found"][0] == "en"
    assert language_id._read(folder) is not None
    before = files(folder)
    assert answer(probe(cache)) == {**answers[0], "decompressed": 0, "mapped": str(folder / "nextmove.npy")}
    assert files(folder) == before


def test_a_process_that_loses_the_rename_reads_the_winner_s(built: Path, cache: Path) -> None:
    (original,) = built.iterdir()
    folder = cache / original.name
    language_id._build(folder)
    before = files(folder)
    arrays = language_id._build(folder)  # as a process that decompressed while another wrote
    assert Path(arrays[3].obj.filename) == folder / "nextmove.npy"
    assert files(folder) == before
    assert sorted(p.name for p in cache.iterdir()) == [folder.name]


def test_a_killed_writer_s_temporary_folder_is_removed_by_the_next_once_stale(built: Path, cache: Path) -> None:
    (original,) = built.iterdir()
    cache.mkdir()
    stale, fresh = cache / f".{original.name}.killed", cache / f".{original.name}.writing"
    for leftover in (stale, fresh):
        shutil.copytree(original, leftover)
    hour_ago = time.time() - language_id.STALE_SECONDS - 60
    os.utime(stale, (hour_ago, hour_ago))
    language_id.identify(SENTENCE, ("en", "es"))
    assert sorted(p.name for p in cache.iterdir()) == sorted([original.name, fresh.name])


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("L10N_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert language_id.cache_dir() == tmp_path / ".cache" / "l10n"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert language_id.cache_dir() == tmp_path / ".cache" / "l10n"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert language_id.cache_dir() == tmp_path / "xdg" / "l10n"
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "mine"))
    assert language_id.cache_dir() == tmp_path / "mine"


def test_another_version_of_py3langid_is_not_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    monkeypatch.setattr(py3langid, "__version__", "0.5.0")
    assert language_id.model_folder() is None
