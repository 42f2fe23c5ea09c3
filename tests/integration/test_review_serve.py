"""``l10n review serve`` in the real Chromium: the reviewer acts from the page, and nothing else can.

The review fixture is put in a git repository where its Spanish paragraph was approved as
"generally safe" and then edited to say "not usually safe" (a "no" added): the page must show
that card's diff from the approved text. The server runs in this process on 127.0.0.1 (as the
command runs it, through :func:`l10n.render.review_app.prepare`), with the reviewer Ana Roux,
who already approved the required disclaimer. From the page: Approve a translation (the catalog
then holds Ana's approval of its exact texts), Approve the disclaimer again (refused with the
command's own words), Waive the numbers check with a reason, Send a unit back with a note (it
stays unapproved). Requests without the session, from another origin, or without the CSRF token
change nothing. Screenshots go to the test's folder; with ``L10N_SCREENSHOTS=DIR`` they are also
copied there (``docs/review-serve-*.png`` are made that way).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import DESKTOP, PHONE, horizontal_overflow, launch
from review_project import ARTICLE, EDITED, ES, make_project

from l10n.catalog import provenance, sent_back
from l10n.catalog.entries import read_translations

pytestmark = pytest.mark.slow

ANA = "Ana Roux <ana@clinic.example>"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from l10n.render.review_app import prepare
    from l10n.workflow.project import load

    root = make_project(tmp_path / "site")
    monkeypatch.chdir(root)
    server = prepare(load(root), ANA, ("es", "ar"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.server.started
    try:
        yield server
    finally:
        server.stop()
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


def _entry(root: Path, line: int) -> Any:
    return next(t for t in read_translations(root / ES, str(ES)) if t.references == (f"{ARTICLE}:{line}",))


def _card(page: Any, entry: str, locale: str = "es") -> Any:
    """The Spanish card of *entry* (the Arabic catalog has units on the same lines)."""
    return page.locator(f'article.unit:has(input[name=entry][value="{entry}"]):has(input[name=locale][value="{locale}"])')


def _press(page: Any, button: Any) -> None:
    """Press *button* and wait for the page that answers (the form posts, then the page is shown again)."""
    with page.expect_navigation():
        button.click()
    assert page.title().startswith("Review"), page.content()


def _flash(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".flash").all_text_contents()]


def _shots(tmp_path: Path, *shots: Path) -> None:
    target = os.environ.get("L10N_SCREENSHOTS")
    if target:
        for shot in shots:
            shutil.copy(shot, Path(target) / shot.name)


def test_the_reviewer_acts_from_the_page(served: Any, browser: Any, tmp_path: Path) -> None:
    root = Path.cwd()
    requests: list[str] = []
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    context.on(
        "request", lambda r: None if r.url.startswith(f"http://127.0.0.1:{served.session.port}/") else requests.append(r.url)
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(served.url)
    assert page.url == f"http://127.0.0.1:{served.session.port}/"  # the token is gone from the address
    assert page.locator('[data-figure="identity"]').text_content() == ANA
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0

    # the edited card: the diff from the approved text marks exactly the added "no"
    edited = _card(page, f"{ARTICLE}:7")
    assert edited.locator("del").all_text_contents() == []
    assert edited.locator("ins").all_text_contents() == [" no"]
    assert edited.locator("ins mark[data-kind=negation]").all_text_contents() == ["no"]
    shot = tmp_path / "review-serve-diff-card.png"
    edited.screenshot(path=str(shot))

    # Approve: the catalog then holds Ana's approval of the exact texts
    before = _entry(root, 11)
    assert not provenance.approvals(before.comment)
    _press(page, _card(page, f"{ARTICLE}:11").get_by_role("button", name="Approve"))
    assert any(line.startswith("approved: locales/es/LC_MESSAGES/ketamine-safety.po:") for line in _flash(page)), _flash(page)
    after = _entry(root, 11)
    (approval,) = provenance.approvals(after.comment)
    assert approval.by == ANA and approval.valid(provenance.digest(after.msgid, after.msgstr)) and not after.fuzzy

    # a second approval by the same person: refused on the page with the command's words
    catalog = (root / ES).read_bytes()
    _press(page, _card(page, f"{ARTICLE}:14").get_by_role("button", name="Approve"))
    refused = [line for line in _flash(page) if line.startswith("Error:")]
    cli = subprocess.run(
        ["l10n", "review", "approve", "--locale", "es", "--entry", f"{ARTICLE}:14", "--reviewer", ANA],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{Path(os.sys.executable).parent}:{os.environ['PATH']}"},
    )
    assert cli.returncode == 1 and refused == [cli.stderr.strip()] and "already approved by Ana Roux" in refused[0]
    assert (root / ES).read_bytes() == catalog

    # Waive one check with a reason
    card = _card(page, f"{ARTICLE}:9")
    card.locator("summary", has_text="Waive a check").click()
    card.locator("select[name=check]").select_option("numbers")
    card.locator("input[name=reason]").fill("The dose is checked against the protocol by the pharmacist.")
    _press(page, card.get_by_role("button", name="Waive"))
    assert any(line.startswith("waived: locales/es/LC_MESSAGES/ketamine-safety.po:") for line in _flash(page)), _flash(page)
    (waiver,) = provenance.waivers(_entry(root, 9).comment)
    assert (waiver.check, waiver.by, waiver.reason) == (
        "numbers",
        ANA,
        "The dose is checked against the protocol by the pharmacist.",
    )

    # Send back: the note is written into the entry, which stays unapproved
    card = _card(page, f"{ARTICLE}:7")
    card.locator("summary", has_text="Send back").click()
    card.locator("textarea[name=note]").fill('The "no" reverses the meaning: the source says it is generally safe.')
    _press(page, card.get_by_role("button", name="Send back"))
    assert any(line.startswith("sent back: locales/es/LC_MESSAGES/ketamine-safety.po:") for line in _flash(page)), _flash(page)
    sent = _entry(root, 7)
    (note,) = sent_back.sent_back(sent.comment)
    assert note.by == ANA and note.note == 'The "no" reverses the meaning: the source says it is generally safe.'
    assert sent.fuzzy and EDITED in sent.msgstr.replace("\n", "")
    assert not any(a.valid(provenance.digest(sent.msgid, sent.msgstr)) for a in provenance.approvals(sent.comment))
    assert _card(page, f"{ARTICLE}:7").locator('[data-figure$="/state"]').text_content() == "sent back"

    assert requests == [] and errors == []
    shots = [shot]
    for label, (width, height) in (("desktop", DESKTOP), ("390", PHONE)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"http://127.0.0.1:{served.session.port}/?locale=es")
        assert horizontal_overflow(page) == 0
        path = tmp_path / f"review-serve-{label}.png"
        page.screenshot(path=str(path), full_page=label == "desktop")
        shots.append(path)
    context.close()
    _shots(tmp_path, *shots)


def test_requests_that_did_not_come_from_the_page_change_nothing(served: Any, browser: Any) -> None:
    root = Path.cwd()
    base = f"http://127.0.0.1:{served.session.port}"
    catalogs = {p: p.read_bytes() for p in root.glob("locales/*/LC_MESSAGES/*.po")}
    form = {"locale": "es", "entry": f"{ARTICLE}:11", "csrf": served.session.csrf}

    stranger = browser.new_context()  # no session: no cookie
    assert stranger.request.get(f"{base}/").status == 403
    assert stranger.request.post(f"{base}/approve", form=form, headers={"Origin": base}).status == 403
    stranger.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url)
    assert page.locator('[data-figure="identity"]').text_content() == ANA
    assert browser.new_context().new_page().goto(served.url).status == 403  # the token works once
    other = context.request.post(f"{base}/approve", form=form, headers={"Origin": "http://127.0.0.1:1"})
    assert other.status == 403
    missing = context.request.post(
        f"{base}/approve", form={k: v for k, v in form.items() if k != "csrf"}, headers={"Origin": base}
    )
    assert missing.status == 403
    wrong = context.request.post(f"{base}/approve", form={**form, "csrf": "x"}, headers={"Origin": base})
    assert wrong.status == 403
    no_origin = context.request.post(f"{base}/approve", form=form)
    assert no_origin.status == 403
    rebound = context.request.get(f"{base}/", headers={"Host": "attacker.example"})
    assert rebound.status == 400
    assert {p: p.read_bytes() for p in root.glob("locales/*/LC_MESSAGES/*.po")} == catalogs

    # the same request from the page's origin, with the token, does change the catalog: the test can fail
    done = context.request.post(f"{base}/approve", form=form, headers={"Origin": base}, max_redirects=0)
    assert done.status == 303
    assert provenance.approvals(_entry(root, 11).comment)[0].by == ANA
    context.close()


def test_the_server_listens_on_127_0_0_1_only(served: Any) -> None:
    host, port = served.sock.getsockname()
    assert host == "127.0.0.1" and port == served.session.port


def test_a_broken_catalog_gives_the_one_line_error(served: Any, browser: Any) -> None:
    root = Path.cwd()
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url)
    broken = root / "locales" / "ar" / "LC_MESSAGES" / "ketamine-safety.po"
    broken.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    answer = page.goto(f"http://127.0.0.1:{served.session.port}/")
    assert answer.status == 500
    text = page.locator("main p").text_content()
    assert text.startswith("Error: locales/ar/LC_MESSAGES/ketamine-safety.po:") and "Traceback" not in page.content()
    context.close()
