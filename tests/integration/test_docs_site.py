"""The documentation site builds with ``mkdocs build --strict``: every page in the navigation, no
broken link or anchor, BENCHMARKS.md shown through the hook. MkDocs is in the test extra."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = _build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    checks = (site / "reference" / "checks" / "index.html").read_text("utf-8")
    assert "protected-spans" in checks
    first = next(line for line in (ROOT / "BENCHMARKS.md").read_text("utf-8").splitlines() if line.startswith("## "))
    benchmarks = (site / "benchmarks" / "index.html").read_text("utf-8")
    assert "include: BENCHMARKS.md" not in benchmarks
    assert first.removeprefix("## ").split(":")[0] in benchmarks
    assert (site / "post-es-1280.png").is_file()
    for page in site.rglob("*.html"):  # the pages load nothing from elsewhere (no CDN: highlightjs is off)
        html = page.read_text("utf-8")
        assert not re.search(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(?:https?:)?//', html), page


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copy(ROOT / "BENCHMARKS.md", copy / "BENCHMARKS.md")
    tutorial = copy / "docs" / "tutorial.md"
    tutorial.write_text(tutorial.read_text("utf-8") + "\nSee [the missing page](how-to/missing.md).\n", "utf-8")
    done = _build(copy / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "how-to/missing.md" in done.stderr
