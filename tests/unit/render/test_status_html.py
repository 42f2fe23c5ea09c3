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


def test_articles_fit_a_desktop_and_each_locale_says_its_next_step(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    """At 1280 px no article table scrolls sideways, and it leads with what decides publishing (issue 22)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    data = json.loads(l10n("status", "--format", "json").out)
    assert l10n("status", "--format", "html", "--output", "status.html").code == 0
    with open_page(root / "status.html", DESKTOP, browser) as (page, _, _):
        sideways = page.evaluate(
            "() => [...document.querySelectorAll('#articles .table-wrap')].map(w => w.scrollWidth - w.clientWidth)"
        )
        assert sideways and max(sideways) <= 0, f"an article table scrolls sideways by {max(sideways)} px"
        headers = page.evaluate("() => [...document.querySelector('#articles thead tr').children].map(c => c.textContent.trim())")
        assert headers[:3] == ["Locale", "% reviewed", "Publishable"]
        # a required unit is named by what it is (its note, else its first words), not only by its line
        named = 'required unit source/dosing.md:13 "This article does not replace medical advice." is not reviewed'
        assert named in page.locator("#articles").inner_text()
        for row in data["locales"]:
            code, units = row["locale"], row["units"]
            steps = page.locator(f'[data-next-step="{code}"]').inner_text()
            untranslated = int(units.get("untranslated", 0))
            if untranslated:
                assert (
                    f"{untranslated} unit{'s' if untranslated != 1 else ''} untranslated: l10n translate --locale {code} "
                    f"or l10n export --format xliff --pending --locale {code} --out {code}.xlf"
                ) in steps
            waiting = int(units.get("draft", 0)) + int(units.get("unapproved", 0))
            if waiting:
                assert f"waiting for a reviewer: l10n review --locale {code}" in steps
            if int(units.get("total", 0)) == int(units.get("reviewed", 0)):
                assert steps == "Nothing to do: every unit is reviewed."
