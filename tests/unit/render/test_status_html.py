"""``l10n status --format html`` of real projects, in a real headless Chromium.

The shipped content (the repository's own sources, catalogs and glossary) and the
fixture project with a locale in every state are reported by the real command; the page
must show every figure of ``--format json``, load nothing, raise no error and fit a
phone. Screenshots go to the test's folder; with ``L10N_SCREENSHOTS=DIR`` they are also
copied there (``docs/status.png`` in the README is made that way).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import DESKTOP, PHONE, expected_figures, horizontal_overflow, launch, open_page, read_figures
from conftest import ROOT, Run

FIXTURE = Path(__file__).parents[2] / "fixtures" / "status"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


def _shipped(root: Path) -> None:
    for name in ("source", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    table = (ROOT / "pyproject.toml").read_text("utf-8").split("[tool.l10n]", 1)[1].split("\n[", 1)[0]
    (root / "l10n.toml").write_text(table, "utf-8")


@pytest.mark.parametrize("name", ["shipped", "fixture"])
def test_report_in_chromium(
    name: str, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    root = tmp_path / "site"
    if name == "shipped":
        root.mkdir()
        _shipped(root)
    else:
        shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    data = json.loads(l10n("status", "--format", "json").out)
    result = l10n("status", "--format", "html", "--output", "reports/status.html")
    assert result.code == 0, result.err
    page_path = root / "reports" / "status.html"
    expected = expected_figures(data)
    assert len(expected) > 40

    shots = []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with open_page(page_path, viewport, browser) as (page, _, _):
            assert read_figures(page) == expected
            assert horizontal_overflow(page) == 0
            for row in data["locales"]:
                native = page.locator(f'[lang="{row["lang"]}"][dir="{row["dir"]}"]', has_text=row["native_name"])
                assert native.count() >= 1, row["locale"]
            for i, item in enumerate(data["queue"]):
                href = page.locator(f'a[data-figure="queue/{i}/position"]').get_attribute("href", timeout=2000)
                assert href == f"../{item['path']}", "relative to the report's folder"
            shot = tmp_path / f"status-{name}-{label}.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
    assert all(s.stat().st_size > 10_000 for s in shots)
    target = os.environ.get("L10N_SCREENSHOTS")
    if target:
        for shot in shots:
            shutil.copy(shot, Path(target) / shot.name)
