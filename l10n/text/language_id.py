"""Which language a sentence is written in: py3langid's model, decompressed once per machine.

py3langid (BSD) ships its model as a 4.5 MB LZMA file; loading it decompresses 68 MB and
copies the arrays, some 0.5 s of CPU and 110 MB in every process that meets one sentence to
identify. The library keeps no cache of its own, so this module keeps one.

Rules:

1. The identifier is py3langid's own ``LanguageIdentifier`` with normalized probabilities,
   restricted to the languages asked about for each call; only where its arrays come from
   differs. Its labels and probabilities are those of py3langid's loader, to the bit
   (``tests/unit/text/test_language_id.py`` compares them over the book's catalogs).
2. The cache folder is :func:`cache_dir`: ``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``
   (an absolute one), else ``~/.cache/l10n``. The model is kept there in a folder named for
   py3langid's version and the SHA-256 of its model file (:func:`model_folder`), so another
   version or another model never reads it: six ``.npy`` files, one per array.
3. A cached model is read with ``numpy.load(mmap_mode="r", allow_pickle=False)`` (nothing is
   unpickled; the pages are shared by every process of the machine) and validated before use:
   each array's dtype and rank, the shapes agreeing with each other, every index of the DFA in
   range. One that fails (damaged, truncated, foreign) is rebuilt from the package's model.
4. A model is written once: into a temporary folder beside its place, each file synced, then
   renamed into place. Of two processes racing, one rename wins; the other uses the winner's
   folder, or the arrays it decompressed itself. A temporary folder left by a writer that was
   killed is removed by the next writer once it is an hour old.
5. A cache that cannot be read or written (a read-only home, no home) is no error: the model is
   loaded from the package as py3langid loads it.
6. Only the model layout of py3langid 0.4 (``modelio.load_model``'s six arrays, ``tk_row``) is
   cached; another version is loaded as py3langid loads it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "identify", "model_folder"]

CACHED_VERSIONS = ("0.4.",)
"""The py3langid versions whose model layout is cached (rule 6)."""

STALE_SECONDS = 3600
"""How old a temporary folder of the cache must be for a writer to remove it (rule 4)."""

_FILES = ("ptc", "pc", "classes", "nextmove", "row", "output")
"""The arrays of a model, in the order of ``modelio.load_model``, each a ``<name>.npy``."""


def identify(text: str, among: Sequence[str]) -> tuple[str, float] | None:
    """The language of *text* among the languages *among* and its probability; None when the
    model does not know one of them."""
    identifier = _identifier()
    identifier.set_languages(None)  # the full model: restricting it is kept from one call to the next
    if any(lang not in identifier.nb_classes for lang in among):
        return None
    identifier.set_languages(list(among))
    label, probability = identifier.classify(text)
    return str(label), float(probability)


def cache_dir() -> Path | None:
    """The user's cache folder for l10n (rule 2); None when there is none (no home)."""
    chosen = os.environ.get("L10N_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "l10n"
    try:
        return Path.home() / ".cache" / "l10n"
    except RuntimeError:
        return None


def model_folder() -> Path | None:
    """Where py3langid's model is cached (rule 2); None when its version is not cached (rule 6)."""
    from py3langid import __version__
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    root = cache_dir()
    if root is None or not __version__.startswith(CACHED_VERSIONS):
        return None
    with open(MODEL_DIR / MODEL_FILE, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return root / f"py3langid-{__version__}-{digest[:32]}"


@cache
def _identifier() -> Any:
    """py3langid's identifier over the cached model (rule 1), loaded once a process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        folder = model_folder()
    except OSError:
        folder = None
    if folder is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    arrays = _read(folder) or _build(folder)
    ptc, pc, classes, nextmove, row, output = arrays
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _read(folder: Path) -> tuple[Any, ...] | None:
    """The model cached in *folder* as py3langid's loader gives it (rule 3); None if absent or invalid."""
    import numpy as np

    try:
        loaded = [np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _FILES]
    except (OSError, ValueError, EOFError):
        return None
    if not all(isinstance(array, np.memmap) for array in loaded):  # a zip file loads as an archive
        for array in loaded:
            getattr(array, "close", lambda: None)()
        return None
    if not _valid(*loaded):
        return None
    ptc, pc, classes, nextmove, row, output = loaded
    # As modelio.load_model returns them: the DFA's arrays indexed one item at a time as Python
    # ints (a memoryview, as its array.array), the classes a list of str.
    return np.asarray(ptc), np.asarray(pc), classes.tolist(), memoryview(nextmove), memoryview(row), memoryview(output)


def _valid(ptc: Any, pc: Any, classes: Any, nextmove: Any, row: Any, output: Any) -> bool:
    """Whether the arrays are a model py3langid can walk: dtypes, shapes, indexes in range."""
    import numpy as np

    unsigned = (np.dtype(np.uint16), np.dtype(np.uint32), np.dtype(np.uint64))
    shapes = (
        ptc.dtype == np.float16
        and ptc.ndim == 2
        and pc.dtype == np.float32
        and pc.shape == (ptc.shape[1],)
        and classes.dtype.kind == "U"
        and classes.shape == pc.shape
        and nextmove.dtype in unsigned
        and nextmove.ndim == 1
        and nextmove.size > 0
        and nextmove.size % 256 == 0
        and row.dtype in unsigned
        and row.ndim == 1
        and row.size > 0
        and output.dtype == np.int32
        and output.shape == row.shape
        and ptc.size > 0
    )
    if not shapes or not all(a.flags.c_contiguous for a in (ptc, pc, classes, nextmove, row, output)):
        return False
    states, rows, features = row.size, nextmove.size // 256, ptc.shape[0]
    return bool(
        _largest(nextmove) < states and int(row.max()) < rows and int(output.min()) >= -1 and int(output.max()) < features
    )


def _largest(array: Any) -> int:
    """The largest value of a mapped 1-D *array*, read a piece at a time through its own short-lived
    mappings: the 39 MB of the automaton are checked without staying in this process's memory."""
    import numpy as np

    step, largest = 1 << 21, 0
    for start in range(0, array.size, step):
        shape = (min(step, array.size - start),)
        piece = np.memmap(array.filename, array.dtype, "r", array.offset + start * array.itemsize, shape)
        largest = max(largest, int(piece.max()))
        del piece  # unmapped: its pages leave the process
    return largest


def _build(folder: Path) -> tuple[Any, ...]:
    """The package's model decompressed as py3langid does, written to *folder* (rule 4) and read
    back from there; the decompressed arrays themselves when the folder cannot be written (rule 5)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    model = load_model(MODEL_DIR / MODEL_FILE)
    try:
        _write(folder, _arrays(model))
    except OSError:
        return tuple(model)
    del model  # 110 MB: gone before the folder is mapped
    return _read(folder) or tuple(load_model(MODEL_DIR / MODEL_FILE))


def _arrays(model: tuple[Any, ...]) -> dict[str, Any]:
    """``modelio.load_model``'s six arrays as numpy arrays, by file name (their bytes unchanged)."""
    import numpy as np

    ptc, pc, classes, nextmove, row, output = model
    return {
        "ptc": ptc,
        "pc": pc,
        "classes": np.array(classes),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "output": np.array(output, dtype=np.int32),
    }


def _write(folder: Path, arrays: dict[str, Any]) -> None:
    """*arrays* as ``.npy`` files in a temporary folder renamed to *folder* (rule 4)."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name in _FILES:
            with open(tmp / f"{name}.npy", "xb") as f:
                np.save(f, arrays[name], allow_pickle=False)
                f.flush()
                os.fsync(f.fileno())
        if folder.exists() and _read(folder) is None:
            _discard(folder)  # damaged: moved aside, then removed
        try:
            os.rename(tmp, folder)
        except OSError:
            if not folder.is_dir():
                raise
            # Another process renamed its folder first (rule 4): its model is the same.
        else:
            _sync(folder.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _sweep(folder: Path) -> None:
    """The temporary folders of writers killed before their rename (rule 4), an hour old or more,
    removed: a write takes seconds."""
    stale = time.time() - STALE_SECONDS
    for leftover in folder.parent.glob(f".{folder.name}.*"):
        try:
            old = leftover.lstat().st_mtime < stale
        except OSError:
            continue
        if old:
            shutil.rmtree(leftover, ignore_errors=True)


def _discard(folder: Path) -> None:
    """*folder* renamed aside (a reader keeps its open files) and removed."""
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
    try:
        os.rename(folder, aside / "model")
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
