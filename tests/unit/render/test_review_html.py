"""``l10n review --format html``, the reviewer's page, in a real headless Chromium.

Three projects are paged by the real command: the review fixture (Spanish and Arabic, with
back-translations from the LibreTranslate-compatible server on 127.0.0.1, scripted to answer
as an engine would), the status fixture (every queue state, findings that can never be
waived), and the review fixture with a unit built to break out of the markup. Every figure the
page shows must be the JSON's (``l10n review --format json``), every highlight the JSON's, each
text in its own language and direction; the page must load nothing, run no script and need no
sideways scrolling at 390 px. Screenshots go to the test's folder; with ``L10N_SCREENSHOTS=DIR``
they are also copied there (``docs/review.png`` in the README is made that way).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from browser import DESKTOP, PHONE, horizontal_overflow, launch, open_page, read_figures
from conftest import Run
from libre_server import Server, start_server
from settings import translate_toml

FIXTURES = Path(__file__).parents[2] / "fixtures"
PWN = "window.__pwned = 1"
HOSTILE_SOURCE = f'Take <script>{PWN}</script> with "><img src=x onerror="{PWN}"> 0.5 mg/kg & water.'
HOSTILE_TRANSLATION = f'Tome </p></article><img src=x onerror="{PWN}"> 5 mg/kg <b onclick="{PWN}">no</b> &amp; agua.'

BACK = {
    "En las dosis utilizadas en clínicas, la ketamina no suele ser segura {}.": (
        "At the doses used in clinics, ketamine is not usually safe {}."
    ),
    "Los pacientes reciben {} durante {} minutos y se observan durante dos horas.": (
        "Patients receive {} for {} minutes and are observed for two hours."
    ),
    "Los efectos adversos frecuentes son náuseas y mareos; el bloqueo {} no dura.": (
        "Frequent adverse effects are nausea and dizziness; the {} blockade does not last."
    ),
    "Este artículo sustituye el consejo médico.": "This article replaces medical advice.",
}
"""What the scripted engine answers for the Spanish translations, placeholders kept in order."""
_PLACEHOLDER = re.compile(r'<x id="\d+"></x>')


def scripted(text: str, source: str, target: str) -> str:
    key = _PLACEHOLDER.sub("{}", text)
    if source == "es" and key in BACK:
        return BACK[key].format(*_PLACEHOLDER.findall(text))
    return f"[{target}] {text}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with start_server(translator=scripted) as running:
        yield running


def expected_figures(data: dict[str, Any]) -> dict[str, str]:
    """The figures the page of *data* must show (the DOM contract in ``l10n/review_html.py``)."""
    figures: dict[str, str] = {}
    for i, row in enumerate(data["items"]):
        key = f"item/{i}"
        for name in ("locale", "article", "state", "source", "msgid", "msgstr", "entry"):
            figures[f"{key}/{name}"] = row[name]
        figures[f"{key}/position"] = f"{row['path']}:{row['line']}"
        for name in ("previous", "draft", "blocked", "approve"):
            if row[name]:
                figures[f"{key}/{name}"] = row[name]
        figures[f"{key}/approvers"] = f"{row['approvers']:,}"
        figures[f"{key}/needed"] = f"{row['needed']:,}"
        for name in ("approvals", "void"):
            for n, approval in enumerate(row[name]):
                figures[f"{key}/{name.rstrip('s')}/{n}"] = approval["by"]
        last = {finding["check"]: n for n, finding in enumerate(row["findings"])}
        for n, finding in enumerate(row["findings"]):
            figures[f"{key}/finding/{n}"] = finding["message"]
            figures[f"{key}/check/{n}"] = finding["check"]
            figures[f"{key}/severity/{n}"] = finding["severity"]
            if finding["waive"] and last[finding["check"]] == n:  # once per check: one waiver covers them all
                figures[f"{key}/waive/{n}"] = finding["waive"]
        for n, waived in enumerate(row["waived"]):
            figures[f"{key}/waived/{n}"] = waived["message"]
        for n, term in enumerate(row["terms"]):
            figures[f"{key}/term/{n}"] = term["term"]
            figures[f"{key}/rendering/{n}"] = term["rendering"]
        if row["back"] is not None:
            if row["back"]["text"]:
                figures[f"{key}/back"] = row["back"]["text"]
            else:
                figures[f"{key}/back_error"] = row["back"]["error"]
        for name in ("comment", "notes", "send_back"):
            if row[name]:
                figures[f"{key}/{name}"] = row[name]
        for n, back in enumerate(row["sent_back"]):
            figures[f"{key}/sent_back/{n}"] = back["note"]
        if row["approved"] is not None and row["approved"]["text"] is None:
            figures[f"{key}/approved_missing"] = row["approved"]["why"]
        for name in ("diff", "source_diff"):
            for n, piece in enumerate(row[name] or []):
                if piece["op"] != "same":
                    figures[f"{key}/{name}/{piece['op']}/{n}"] = piece["text"]
    if data["identity"]:
        figures["identity"] = data["identity"]
    for count in data["counts"]:
        figures[f"count/{count['locale']}/{count['article']}"] = f"{count['waiting']:,}"
    return figures


MARKS = """(keys) => Object.fromEntries(keys.map(key => {
    const el = document.querySelector(`[data-figure="${key}"]`);
    const marks = [...el.querySelectorAll('mark')].map(m => [m.dataset.kind, m.textContent, m.hasAttribute('data-alone')]);
    const lang = el.closest('[lang]');
    return [key, {marks, lang: lang.lang, dir: getComputedStyle(el).direction}];
}))"""


def expected_texts(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each text of the page: its highlights, its language and its direction."""
    languages = {lang["locale"]: lang for lang in data["languages"]}
    source = languages[data["source_locale"]]
    found = {}
    for i, row in enumerate(data["items"]):
        target = languages[row["locale"]]
        texts = [("msgid", row["marks"]["msgid"], source), ("msgstr", row["marks"]["msgstr"], target)]
        if row["back"] and row["back"]["text"]:
            texts.append(("back", row["back"]["marks"], source))
        for name, marks, lang in texts:
            found[f"item/{i}/{name}"] = {
                "marks": [[m["kind"], m["text"], m["alone"]] for m in marks],
                "lang": lang["lang"],
                "dir": lang["dir"],
            }
    return found


def _review(root: Path, server: Server) -> list[str]:
    shutil.copytree(FIXTURES / "review", root)
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write(translate_toml({"engine": "libre", "url": server.url, "timeout": 2, "rate_limit": 200.0}))
    return ["--back-translate"]


def _status(root: Path, server: Server) -> list[str]:
    shutil.copytree(FIXTURES / "status", root)
    return []


def _hostile(root: Path, server: Server) -> list[str]:
    shutil.copytree(FIXTURES / "review", root)
    source = root / "source" / "ketamine-safety.md"
    source.write_text(source.read_text("utf-8") + f"\n{HOSTILE_SOURCE}\n", "utf-8")
    return []


def _fill_hostile(root: Path) -> None:
    for locale in ("es", "ar"):
        path = root / "locales" / locale / "LC_MESSAGES" / "ketamine-safety.po"
        po = polib.pofile(str(path))
        entry = po.find(HOSTILE_SOURCE)
        entry.msgstr = HOSTILE_TRANSLATION
        entry.flags.append("fuzzy")  # a draft: not fuzzy, its errors would make it failing, not waiting
        po.save()


PROJECTS: dict[str, Callable[[Path, Server], list[str]]] = {"review": _review, "status": _status, "hostile": _hostile}


@pytest.mark.parametrize("name", list(PROJECTS))
def test_page_in_chromium(
    name: str, browser: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    root = tmp_path / "site"
    flags = PROJECTS[name](root, server)
    monkeypatch.chdir(root)
    if name == "hostile":
        assert l10n("extract").code == 0
        _fill_hostile(root)
    result = l10n("review", "--format", "json", *flags)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    page = l10n("review", "--format", "html", "--output", "reports/review.html", *flags)
    assert page.code == 0, page.err
    path = root / "reports" / "review.html"
    figures = expected_figures(data)
    texts = expected_texts(data)
    assert len(figures) > 60 and len(texts) >= 16
    if name == "review":
        assert sum(key.endswith("/back") for key in figures) == 4 and "negation" in str(texts)
    if name == "hostile":
        assert HOSTILE_SOURCE in figures.values() and HOSTILE_TRANSLATION in figures.values()

    shots = []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with open_page(path, viewport, browser) as (opened, _, _):
            assert read_figures(opened) == figures
            assert opened.evaluate(MARKS, list(texts)) == texts
            assert horizontal_overflow(opened) == 0
            assert opened.evaluate("() => typeof window.__pwned") == "undefined"
            assert opened.evaluate("() => document.querySelectorAll('script, img, iframe, object, embed, b').length") == 0
            shot = tmp_path / f"review-{name}-{label}.png"
            opened.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
            if label == "phone":
                opened.emulate_media(media="print")
                assert read_figures(opened) == figures
    assert all(s.stat().st_size > 10_000 for s in shots)
    _keep(shots)


def test_screenshot_for_the_readme(
    browser: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    """The Spanish page with back-translations, as the README shows it (docs/review.png)."""
    root = tmp_path / "blog"
    flags = _review(root, server)
    monkeypatch.chdir(root)
    monkeypatch.setenv("L10N_REVIEWER", "Ana Roux <ana@clinic.example>")  # whose name the page says the commands record
    assert l10n("review", "--format", "html", "--locale", "es", "--output", "review.html", *flags).code == 0
    with open_page(root / "review.html", (1100, 900), browser) as (opened, _, _):
        assert horizontal_overflow(opened) == 0
        shot = tmp_path / "review.png"
        opened.screenshot(path=str(shot), full_page=True)
    _keep([shot])


def _keep(shots: list[Path]) -> None:
    target = os.environ.get("L10N_SCREENSHOTS")
    if target:
        for shot in shots:
            shutil.copy(shot, Path(target) / shot.name)
