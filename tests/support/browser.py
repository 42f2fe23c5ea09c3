"""Open an HTML file in a real headless Chromium (Debian's ``chromium``) through Playwright.

Rules:

1. The browser is the system's ``/usr/bin/chromium``; Playwright never downloads one.
   Without Chromium (or Playwright) the tests skip with the reason, except under CI (``CI``
   set), where that fails: ``.ci/run`` installs it.
2. The page must load nothing: every request other than the ``file://`` page itself is
   aborted and recorded, and so is every console error and uncaught page error.
   :func:`open_page` asserts on leaving its block that both lists are empty.
3. One browser per test module: :func:`launch` gives it to a module-scoped fixture, and
   :func:`open_page` opens each page in a fresh context (viewport, no shared state).

The report's figures are read back by :func:`read_figures` and computed independently from
the JSON by :func:`expected_figures` (the DOM contract in ``l10n/report_html.py``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = (1280, 900)
PHONE = (390, 844)


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it (Debian's chromium, and playwright from the test extras)")
    pytest.skip(f"{what} is missing (apt-get install chromium; pip install -e '.[test]')")


def chromium() -> Path:
    """Debian's Chromium; skip without it, fail under CI."""
    if not (CHROMIUM.exists() and shutil.which(str(CHROMIUM))):
        _missing(f"{CHROMIUM} (Debian package chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the playwright package")
    return CHROMIUM


@contextmanager
def launch() -> Iterator[Browser]:
    """A headless Chromium for the length of the block."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Opened(NamedTuple):
    """A loaded page with what it tried that a self-contained page must not."""

    page: Page
    errors: list[str]
    """Console messages of type error and uncaught page errors."""
    requests: list[str]
    """URLs of every request other than the page itself (all aborted)."""


@contextmanager
def open_page(
    path: Path, viewport: tuple[int, int] = DESKTOP, browser: Browser | None = None, *, clean: bool = True
) -> Iterator[Opened]:
    """*path* loaded in Chromium at *viewport*; with *clean*, assert no error and no request at the end.

    Without *browser*, one is launched for this page alone.
    """
    if browser is None:
        with launch() as own, open_page(path, viewport, own, clean=clean) as opened:
            yield opened
        return
    url = path.resolve().as_uri()
    errors: list[str] = []
    requests: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    try:
        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
        page.goto(url, wait_until="load")
        yield Opened(page, errors, requests)
        if clean:
            assert requests == [], f"{path.name} made network requests: {requests}"
            assert errors == [], f"{path.name} raised errors: {errors}"
    finally:
        context.close()


def read_figures(page: Page) -> dict[str, str]:
    """``{data-figure key: textContent}`` of the page; each key once, each element visible."""
    found: list[list[Any]] = page.evaluate(
        """() => [...document.querySelectorAll('[data-figure]')].map(el =>
               [el.dataset.figure, el.textContent, el.checkVisibility({visibilityProperty: true})])"""
    )
    keys = [key for key, _, _ in found]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"figures shown twice: {duplicates}"
    hidden = [key for key, _, visible in found if not visible]
    assert not hidden, f"figures not visible: {hidden}"
    return {key: text for key, text, _ in found}


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than its viewport (0 when it fits)."""
    return int(
        page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")
    )


def expected_figures(data: dict[str, Any]) -> dict[str, str]:
    """The figures the HTML report of *data* must show, by ``data-figure`` key."""

    def num(value: int) -> str:
        return f"{value:,}"

    def pct(value: float) -> str:
        return f"{value:.1f}"

    keys = [*data["states"], "total"]
    figures: dict[str, str] = {}
    for loc in data["locales"]:
        base = f"locale/{loc['locale']}"
        for state in keys:
            figures[f"{base}/units/{state}"] = num(loc["units"][state])
            figures[f"{base}/words/{state}"] = num(loc["words"][state])
        figures[f"{base}/errors"] = num(loc["errors"])
        figures[f"{base}/waived"] = num(loc["waived"]["units"])
        figures[f"{base}/reviewed_percent"] = pct(loc["reviewed_percent"])
        figures[f"{base}/articles"] = num(loc["articles"])
        figures[f"{base}/publishable"] = num(loc["publishable"])
    for row in data["articles"]:
        base = f"article/{row['locale']}/{row['article']}"
        for state in keys:
            figures[f"{base}/units/{state}"] = num(row["units"][state])
            figures[f"{base}/words/{state}"] = num(row["words"][state])
        figures[f"{base}/errors"] = num(row["errors"])
        figures[f"{base}/waived"] = num(row["waived"]["units"])
        figures[f"{base}/reviewed_percent"] = pct(row["reviewed_percent"])
        figures[f"{base}/publishable"] = "yes" if row["publishable"] else "no"
        for n, reason in enumerate(row["reasons"]):
            figures[f"{base}/reason/{n}"] = reason
    for i, item in enumerate(data["queue"]):
        base = f"queue/{i}"
        figures[f"{base}/locale"] = item["locale"]
        figures[f"{base}/state"] = item["state"]
        figures[f"{base}/words"] = num(item["words"])
        figures[f"{base}/age_days"] = "" if item["age_days"] is None else pct(item["age_days"])
        figures[f"{base}/checks"] = ", ".join(item["checks"])
        figures[f"{base}/source"] = item["source"]
        figures[f"{base}/position"] = f"{item['path']}:{item['line']}"
        figures[f"{base}/msgid"] = item["msgid"]
        figures[f"{base}/msgstr"] = item["msgstr"]
    for j, item in enumerate(data["waivers"]):
        base = f"waiver/{j}"
        for name in ("check", "by", "date", "reason"):
            figures[f"{base}/{name}"] = item[name]
        figures[f"{base}/position"] = f"{item['path']}:{item['line']}"
    return figures
