"""``l10n extract -j N``: the same bytes as ``-j 1``, the same one-line errors, and a no-op rerun.

The project is the benchmark corpus generator's (``benchmarks/generate_corpus.py``),
20 articles in nested folders, so workers get several chunks each.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Run

from l10n.core import parallel
from l10n.core.errors import L10nError, LocaleError, SourceError

sys.path.insert(0, str(ROOT / "benchmarks"))
_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # keep benchmarks/ free of __pycache__
from generate_corpus import generate  # noqa: E402

sys.dont_write_bytecode = _bytecode

ARTICLES = 20


def _project(root: Path) -> Path:
    generate(root, ARTICLES, seed=7, locales=("es", "fr"))
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".l10n" not in p.relative_to(root).parts
    }


def _articles(root: Path) -> list[Path]:
    return sorted((root / "source").rglob("*.md"))


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Make a generated project named *name* under tmp_path and enter it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    monkeypatch.delenv("L10N_JOBS", raising=False)

    def make(name: str) -> Path:
        root = _project(tmp_path / name)
        monkeypatch.chdir(root)
        return root

    return make


def test_jobs_2_writes_the_bytes_of_jobs_1(corpus: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    serial = corpus("serial")
    one = l10n("extract", "-j", "1")
    assert one.code == 0, one.err
    pooled = corpus("pooled")
    two = l10n("extract", "-j", "2")
    assert two.code == 0, two.err
    assert two.out == one.out
    # a template and 2 catalogs each, in article order, then a line of counts for each catalog
    assert len(two.out.splitlines()) == ARTICLES * 3 + ARTICLES * 2
    assert _snapshot(pooled) == _snapshot(serial)
    assert (two.err, one.err) == ("", "")


def test_noop_rerun_skips_every_article(
    corpus: Callable[[str], Path], l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10n.workflow.extract import extract
    from l10n.workflow.project import load as load_config

    root = corpus("noop")
    assert l10n("extract", "-j", "2").code == 0
    before = _snapshot(root)
    mtimes = {p: p.stat().st_mtime_ns for p in root.rglob("*.po*")}

    def refuse(*args: object) -> None:
        raise AssertionError(f"a fresh article was sent to a worker: {args}")

    monkeypatch.setattr("l10n.workflow.extract._extract_one", refuse)
    report = extract(load_config(), jobs=2)
    assert (report.articles, report.skipped, report.changed) == (ARTICLES, ARTICLES, [])
    assert l10n("extract", "-j", "2").out == ""
    assert _snapshot(root) == before
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*.po*")} == mtimes


def test_only_stale_articles_are_redone(corpus: Callable[[str], Path], l10n: Callable[..., Run]) -> None:
    root = corpus("stale")
    assert l10n("extract", "-j", "2").code == 0
    first, last = _articles(root)[0], _articles(root)[-1]
    for path in (first, last):
        path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    result = l10n("extract", "-j", "2")
    assert result.code == 0, result.err
    changed = [line.removeprefix("updated: ") for line in result.out.splitlines() if line.startswith("updated: ")]
    assert [Path(p).stem for p in changed] == [first.stem] * 3 + [last.stem] * 3


def test_an_error_in_a_worker_is_one_line_and_exit_2(corpus: Callable[[str], Path]) -> None:
    root = corpus("bad")
    bad = _articles(root)[ARTICLES // 2]
    bad.write_bytes((DATA / "bad" / "bad-front-matter.md").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "l10n", "extract", "-j", "2"], capture_output=True, text=True, cwd=root, env=env)
    assert done.returncode == 2
    where = bad.relative_to(root).as_posix()
    assert done.stderr == (
        f"Error: {where}:2: front matter is not valid YAML: while scanning a quoted scalar, found unexpected end of stream\n"
    )
    assert not (root / "locales" / "templates" / bad.relative_to(root / "source")).with_suffix(".pot").exists()


def test_jobs_must_be_positive(corpus: Callable[[str], Path], l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    corpus("flags")
    result = l10n("extract", "-j", "0")
    assert result.code == 2
    assert "Invalid value for '--jobs' / '-j'" in result.err
    monkeypatch.setenv("L10N_JOBS", "x")
    assert l10n("extract").code == 2


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_imap_keeps_order_and_raises_where_jobs_1_would(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from l10n.core.locales import normalize_locale

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context(method))
    codes = ["es", "pt-BR", "fr", "de", "zh-Hant", "it"] * 5
    assert list(parallel.imap(normalize_locale, codes, jobs=2, chunksize=2)) == [normalize_locale(c) for c in codes]
    results = parallel.imap(normalize_locale, [*codes[:7], "xx-YY", "es"], jobs=2, chunksize=3)
    assert [next(results) for _ in range(7)] == [normalize_locale(c) for c in codes[:7]]
    with pytest.raises(LocaleError) as raised:
        next(results)
    assert str(raised.value) == str(_error_of(normalize_locale, "xx-YY"))


_SEEN: list[int] = []
"""What the process running :func:`_where` has processed so far: a module-level cache."""


def _where(item: int) -> tuple[int, int, bool]:
    warm = bool(_SEEN)
    _SEEN.append(item)
    return item, os.getpid(), warm


def test_the_first_item_runs_in_the_caller_and_workers_inherit_what_it_filled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule 6: forked workers start with the caches the first item filled; a rest that fits one chunk stays here."""
    import multiprocessing

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    _SEEN.clear()
    results = list(parallel.imap(_where, range(12), jobs=2, chunksize=2))
    assert [item for item, _, _ in results] == list(range(12))
    assert results[0][1:] == (os.getpid(), False)
    assert all(pid != os.getpid() and warm for _, pid, warm in results[1:])
    _SEEN.clear()
    assert list(parallel.imap(_where, range(3), jobs=2, chunksize=2)) == [
        (0, os.getpid(), False),
        (1, os.getpid(), True),
        (2, os.getpid(), True),
    ]


def test_jobs_1_runs_in_process() -> None:
    def unpicklable(x: int) -> int:  # a local function cannot be sent to a worker
        return x * 2

    assert list(parallel.imap(unpicklable, range(5), jobs=1)) == [0, 2, 4, 6, 8]
    assert list(parallel.imap(unpicklable, [21], jobs=4)) == [42]  # one item: no pool
    with pytest.raises(ValueError, match="at least 1"):
        parallel.imap(unpicklable, [1], jobs=0)


@pytest.mark.parametrize("error", [L10nError("bad", "x.md", 3), SourceError("bad", "source/a.md", 2), LocaleError("bad")])
def test_errors_pickle_with_their_path_and_line(error: L10nError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.line, copy.exit_code) == (
        type(error),
        str(error),
        error.path,
        error.line,
        error.exit_code,
    )


def _error_of(fn: Callable[[str], object], arg: str) -> Exception:
    try:
        fn(arg)
    except Exception as exc:
        return exc
    raise AssertionError("no error")
