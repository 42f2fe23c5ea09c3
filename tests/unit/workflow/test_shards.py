"""Sharding a site across a CI matrix: shards by article set and by locale, merged, equal one full run."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from l10n.core.config import Shard

FIXTURE = Path(__file__).parents[2] / "fixtures" / "status"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _checkout(tmp_path: Path, name: str) -> Path:
    """A fresh clone of the fixture site: shards share nothing but the repository."""
    root = tmp_path / name
    shutil.copytree(FIXTURE, root)
    return root


def _run(l10n: Callable[..., Run], root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Run:
    monkeypatch.chdir(root)
    result = l10n(*args)
    assert result.code == 0, result.err
    return result


def test_shards_hold_every_article_once() -> None:
    articles = [f"topic-{i}/post-{j}" for i in range(20) for j in range(25)]
    shards = [Shard(k, 4) for k in range(1, 5)]
    owners = [[s.index for s in shards if s.holds(a)] for a in articles]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(o == [k] for o in owners) for k in range(1, 5)]
    assert min(sizes) > 80, sizes  # 500 articles: roughly even
    assert [s.holds("topic-3/post-7") for s in shards] == [Shard(k, 4).holds("topic-3/post-7") for k in range(1, 5)]


@pytest.mark.parametrize("spec", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_bad_shard_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run], spec: str) -> None:
    monkeypatch.chdir(_checkout(tmp_path, "site"))
    result = l10n("build", "--shard", spec)
    assert result.code == 2
    assert result.err == f"Error: shard {spec!r}: expected K/N with 1 <= K <= N, as 2/4\n"


def test_build_shards_merged_equal_one_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    full = _checkout(tmp_path, "full")
    _run(l10n, full, monkeypatch, "build", "--html", "--include-drafts")
    shards = []
    # a matrix of 2 article shards x 2 locale groups, each on its own fresh checkout
    for k in (1, 2):
        for group in (("es", "fr"), ("de", "it", "pt_BR")):
            root = _checkout(tmp_path, f"shard-{k}-{group[0]}")
            args = [arg for code in group for arg in ("--locale", code)]
            _run(l10n, root, monkeypatch, "build", "--html", "--include-drafts", "--shard", f"{k}/2", *args)
            shards.append(root / "build")
    assert _tree(shards[0]) != _tree(full / "build")
    merged = _checkout(tmp_path, "deploy")
    _run(l10n, merged, monkeypatch, "merge", *map(str, shards))
    assert _tree(merged / "build") == _tree(full / "build")


def test_overlapping_shards_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]) -> None:
    one = _checkout(tmp_path, "one")
    _run(l10n, one, monkeypatch, "build")
    two = _checkout(tmp_path, "two")
    (two / "locales/es/LC_MESSAGES/aftercare.po").write_text(
        (two / "locales/es/LC_MESSAGES/aftercare.po").read_text("utf-8").replace("Descanse", "Repose"), "utf-8"
    )
    _run(l10n, two, monkeypatch, "review", "approve", "--locale", "es", "--article", "aftercare", "--reviewer", "Test Reviewer")
    _run(l10n, two, monkeypatch, "build")
    deploy = _checkout(tmp_path, "deploy")
    monkeypatch.chdir(deploy)
    result = l10n("merge", str(one / "build"), str(two / "build"))
    assert result.code == 2
    assert result.err == f"Error: {two / 'build/es/aftercare.md'}: differs from {one / 'build/es/aftercare.md'}: shards overlap\n"
    assert not (deploy / "build").exists(), "nothing is written from conflicting shards"


def test_a_locale_build_keeps_the_other_locales_in_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    root = _checkout(tmp_path, "site")
    _run(l10n, root, monkeypatch, "build")
    before = (root / "build/manifest.json").read_bytes()
    _run(l10n, root, monkeypatch, "build", "--locale", "es", "--shard", "1/2")
    assert (root / "build/manifest.json").read_bytes() == before


def test_extract_shards_merged_equal_one_full_extract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763900000")
    sources = {
        f"topic-{i}/post-{j}.md": f"# Post {i}.{j}\n\nRest for {j + 1} hours after session {i}.\n"
        for i in range(3)
        for j in range(4)
    }

    def site(name: str) -> Path:
        root = _checkout(tmp_path, name)
        for path, text in sources.items():
            (root / "source" / path).parent.mkdir(parents=True, exist_ok=True)
            (root / "source" / path).write_text(text, "utf-8")
        return root

    full = site("full")
    _run(l10n, full, monkeypatch, "extract")
    merged = site("merged")
    before = _tree(merged / "locales")
    changed_by: dict[str, int] = {}
    for k in (1, 2, 3):
        shard = site(f"shard-{k}")
        result = _run(l10n, shard, monkeypatch, "extract", "--shard", f"{k}/3")
        assert result.out, "every shard has work"
        for name, data in _tree(shard / "locales").items():
            if before.get(name) != data:  # what this shard wrote: its own articles' catalogs only
                assert changed_by.setdefault(name, k) == k, f"{name} written by shards {changed_by[name]} and {k}"
                (merged / "locales" / name).parent.mkdir(parents=True, exist_ok=True)
                (merged / "locales" / name).write_bytes(data)
    assert _tree(merged / "locales") == _tree(full / "locales")
    _run(l10n, merged, monkeypatch, "extract", "--check")
