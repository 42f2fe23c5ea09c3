"""The reviewer's page as a document (``l10n review --format json``) and as HTML, without a browser.

The fixture project ``fixtures/review`` has what no check can judge: a Spanish translation
edited after its approval to say "no suele ser segura" for "is generally safe", the required
disclaimer approved once with its negation dropped, a machine draft with a changed dose, and
Arabic drafts (right to left; one pseudo-localized, one outdated). The commands the page gives
are run for real; back-translation goes through the LibreTranslate-compatible server on
127.0.0.1 (``libre_server.py``).
"""

from __future__ import annotations

import copy
import json
import shlex
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import Run
from libre_server import Server, start_server
from review_project import ARTICLE, document, item
from settings import translate_toml

from l10n.render import review_html
from l10n.workflow.review_page import WAIVE_REASON

FIXTURES = Path(__file__).parents[2] / "fixtures"
PWN = "window.__pwned = 1"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "review", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("L10N_REVIEWER", "Bo Li <bo@clinic.example>")
    return root


def marks(row: dict[str, Any], side: str) -> list[tuple[str, str, bool]]:
    return [(m["kind"], m["text"], m["alone"]) for m in row["marks"][side]]


def run(l10n: Callable[..., Run], command: str) -> Run:
    words = shlex.split(command)
    assert words[0] == "l10n"
    return l10n(*words[1:])


# -- the document ----------------------------------------------------------------------------


def test_the_document_is_the_queue_with_what_a_reviewer_needs(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n)
    table = [line.split("\t") for line in l10n("review").out.splitlines() if "\t" in line]
    assert [(i["locale"], i["state"], i["source"]) for i in data["items"]] == [(t[1], t[2], t[7]) for t in table]
    assert data["schema"] == 1 and data["source_locale"] == "en" and data["back_translation"] is None
    assert data["counts"] == [
        {"locale": "ar", "article": "ketamine-safety", "waiting": 4},
        {"locale": "es", "article": "ketamine-safety", "waiting": 4},
    ]
    assert [(lang["locale"], lang["lang"], lang["dir"]) for lang in data["languages"]] == [
        ("en", "en", "ltr"),
        ("es", "es", "ltr"),
        ("ar", "ar", "rtl"),
    ]
    flipped = item(data, "es", 7)
    assert flipped["state"] == "edited after approval" and flipped["void"][0]["by"] == "Ana Roux <ana@clinic.example>"
    assert flipped["entry"] == f"{ARTICLE}:7"
    assert flipped["approve"] == f"l10n review approve --locale es --entry {ARTICLE}:7"
    assert flipped["blocked"] == "" and flipped["back"] is None
    pseudo = item(data, "ar", 9)
    assert pseudo["state"] == "pseudo draft" and pseudo["approve"] is None and "never be approved" in pseudo["blocked"]
    dose = item(data, "es", 9)
    assert dose["state"] == "machine draft" and dose["blocked"].startswith("approving is refused")
    assert [(f["check"], f["waive"]) for f in dose["findings"]] == [
        ("numbers", f'l10n review waive --locale es --entry {ARTICLE}:9 --check numbers --reason "{WAIVE_REASON}"')
    ] * len(dose["findings"])


def test_highlights_show_what_no_check_can_judge(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n, "--locale", "es")
    flipped = item(data, "es", 7)
    assert marks(flipped, "msgid") == [("hedge", "generally", False), ("citation", "(Krystal et al., 2013)", False)]
    assert marks(flipped, "msgstr") == [
        ("negation", "no", True),
        ("hedge", "suele", False),
        ("citation", "(Krystal et al., 2013)", False),
    ]
    dose = item(data, "es", 9)
    assert marks(dose, "msgid") == [("number", "0.5 mg/kg", True), ("number", "40 minutes", False)]
    assert marks(dose, "msgstr") == [("number", "5 mg/kg", True), ("number", "40 minutos", False)]
    disclaimer = item(data, "es", 14)
    assert disclaimer["state"] == "awaiting another approval" and disclaimer["required"]
    assert marks(disclaimer, "msgid") == [("negation", "not", True)] and marks(disclaimer, "msgstr") == []
    kept = item(data, "es", 11)
    assert marks(kept, "msgid") == [("negation", "not", False)] and marks(kept, "msgstr") == [("negation", "no", False)]
    for row in data["items"]:
        for side in ("msgid", "msgstr"):
            for mark in row["marks"][side]:
                assert row[side][mark["start"] : mark["end"]] == mark["text"]


def test_glossary_terms_with_their_renderings(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n)
    terms = item(data, "es", 11)["terms"]
    assert [(t["term"], t["rendering"], t["keep"], t["problem"]) for t in terms] == [
        ("side effects", "efectos secundarios", False, ""),
        ("NMDA", "NMDA", True, ""),
    ]
    assert terms[0]["variants"] == ["efectos adversos"] and terms[1]["note"] == "Keep the acronym."
    assert [(t["term"], t["rendering"], t["forbidden"]) for t in item(data, "es", 7)["terms"]] == [
        ("ketamine", "ketamina", ["quetamina"])
    ]
    outdated = item(data, "ar", 11)
    assert outdated["previous"] == "Common side effects are nausea and dizziness."
    assert [t["term"] for t in outdated["terms"] if t["problem"]] == ["NMDA"]


def test_the_approve_command_approves_that_entry(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n, "--locale", "es")
    edited = run(l10n, item(data, "es", 11)["approve"])
    assert edited.code == 0 and edited.out == "approved: locales/es/LC_MESSAGES/ketamine-safety.po:49\n"
    second = run(l10n, item(data, "es", 14)["approve"])
    assert second.code == 0, second.err
    refused = run(l10n, item(data, "es", 9)["approve"])
    assert refused.code == 1 and "error [numbers]" in refused.err, "as the page says: blocked by an error"
    left = document(l10n, "--locale", "es")
    # the disclaimer (14) carries a waived error: its waiver's author and one more approver than
    # an unwaived unit, so Bo's approval leaves it waiting, first as a required unit
    assert [i["source"] for i in left["items"]] == [f"{ARTICLE}:14", f"{ARTICLE}:7", f"{ARTICLE}:9"]
    assert left["items"][0]["state"] == "awaiting another approval"
    log = json.loads(l10n("review", "log", "--format", "json").out)
    assert {(r["by"], r["source"]) for r in log if r["valid"] and r["by"].startswith("Bo Li")} == {
        ("Bo Li <bo@clinic.example>", f"{ARTICLE}:11"),
        ("Bo Li <bo@clinic.example>", f"{ARTICLE}:14"),
    }


def test_the_waive_command_waives_that_finding(site: Path, l10n: Callable[..., Run]) -> None:
    dose = item(document(l10n, "--locale", "es"), "es", 9)
    command = dose["findings"][0]["waive"].replace(WAIVE_REASON, "the clinic's protocol changed to 5 mg/kg")
    result = run(l10n, command)
    assert result.code == 0 and result.out.startswith("waived: locales/es/LC_MESSAGES/ketamine-safety.po:")
    after = item(document(l10n, "--locale", "es"), "es", 9)
    assert after["findings"] == [] and after["blocked"] == ""
    assert {w["reason"] for w in after["waived"]} == {"the clinic's protocol changed to 5 mg/kg"}


def test_what_can_never_be_waived_has_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    shutil.copytree(FIXTURES / "status", tmp_path / "status")
    monkeypatch.chdir(tmp_path / "status")
    data = document(l10n, "--locale", "de", "--article", "aftercare")
    html = next(i for i in data["items"] if i["checks"])
    assert {f["check"] for f in html["findings"]} == {"injection", "protected-spans"}
    assert [f["waive"] for f in html["findings"]] == [None] * len(html["findings"])
    assert html["approve"] and html["blocked"]


def test_an_entry_shared_by_two_units_is_named_by_its_catalog_position(project: Path, l10n: Callable[..., Run]) -> None:
    import polib

    (project / "source" / "table.md").write_text("| Nausea | Dizziness |\n| --- | --- |\n| Rare | Common |\n", "utf-8")
    assert l10n("extract").code == 0
    path = project / "locales" / "es" / "LC_MESSAGES" / "table.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = f"es: {entry.msgid}"
    po.save()
    data = document(l10n, "--locale", "es", "--article", "table")
    first, second = data["items"][:2]
    assert first["source"] == second["source"] == "source/table.md:1"
    assert first["entry"] == f"locales/es/LC_MESSAGES/table.po:{first['line']}"
    assert run(l10n, first["approve"] + " --reviewer 'Ana Roux'").code == 0
    waiting = [i["msgid"] for i in document(l10n, "--locale", "es", "--article", "table")["items"]]
    assert first["msgid"] not in waiting and second["msgid"] in waiting


# -- back-translation ----------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[Server]:
    with start_server() as running:
        yield running


def _engine(root: Path, server: Server, **settings: object) -> None:
    table = {"engine": "libre", "url": server.url, "timeout": 2, "rate_limit": 200.0, **settings}
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write(translate_toml(table))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()}


def test_back_translation_is_cached_and_never_stored_in_a_catalog(site: Path, server: Server, l10n: Callable[..., Run]) -> None:
    _engine(site, server)
    before = _files(site)
    result = l10n("review", "--format", "json", "--back-translate")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["back_translation"] == {"engine": "libre"}
    for row in data["items"]:
        if row["locale"] == "es":  # the server's "translation" is "[target] text", placeholders kept
            assert row["back"]["text"] == f"[en] {row['msgstr']}" and row["back"]["error"] == ""
        elif row["state"] == "pseudo draft":  # accented English: nothing to bring back
            assert row["back"] is None
        else:  # the server lists no Arabic: the page says so, and the rest is back-translated
            assert row["back"] == {"text": "", "error": "libre does not translate ar", "marks": []}
    assert "Warning: 3 translation(s) not back-translated: libre does not translate ar" in result.err
    sent = [r for r in server.requests if r.path == "/translate"]
    assert {(r.fields["source"], r.fields["target"]) for r in sent} == {("es", "en")}
    assert sum(r.texts for r in sent) == 4
    flipped = item(data, "es", 7)["back"]["marks"]
    assert [(m["kind"], m["text"], m["alone"]) for m in flipped] == [
        ("negation", "no", True),
        ("citation", "(Krystal et al., 2013)", False),
    ]

    again = l10n("review", "--format", "json", "--back-translate")
    assert json.loads(again.out) == data
    assert [r for r in server.requests if r.path == "/translate"] == sent, "a second page sends nothing"
    assert _files(site) == before, "no catalog changed"
    with sqlite3.connect(site / ".l10n" / "mt-cache.sqlite") as db:
        pairs = set(db.execute("SELECT engine, source, target FROM mt"))
    assert pairs == {("libre", "es", "en")}

    page = l10n("review", "--format", "html", "--back-translate", "--output", "review.html")
    assert page.code == 0
    text = "".join(_Markup((site / "review.html").read_text("utf-8")).text)
    assert "Back-translation is an aid, not an approval." in text


def test_an_engine_that_fails_does_not_stop_the_page(site: Path, server: Server, l10n: Callable[..., Run]) -> None:
    _engine(site, server, max_attempts=2)
    server.set_faults(error=True, status=503)
    result = l10n("review", "--format", "html", "--locale", "es", "--back-translate", "--output", "review.html")
    assert result.code == 0 and "Warning: 4 translation(s) not back-translated" in result.err
    text = "".join(_Markup((site / "review.html").read_text("utf-8")).text)
    assert text.count("Not available: ") == 4


def test_back_translation_needs_a_machine_translation_engine(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("review", "--format", "html", "--back-translate")
    assert result.code == 2 and "back-translation needs a machine-translation engine" in result.err
    assert not (site / ".l10n" / "mt-cache.sqlite").exists()


def test_back_translate_and_output_go_with_json_or_html(site: Path, l10n: Callable[..., Run]) -> None:
    for flag in (("--back-translate",), ("--output", "x.txt")):
        result = l10n("review", *flag)
        assert result.code == 2 and "go with --format json or html" in result.err


def test_help(l10n: Callable[..., Run]) -> None:
    result = l10n("review", "--help")
    assert result.code == 0 and "--back-translate" in result.out and "html" in result.out


# -- the HTML, read as a browser's tokenizer reads it ----------------------------------------


class _Markup(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.text.append(data)


HOSTILE = [f'<script>{PWN}</script> and "><img src=x onerror="{PWN}">', f"</p></article><b onclick='{PWN}'>x</b>"]


def hostile(data: dict[str, Any]) -> dict[str, Any]:
    """*data* with user text built to break out of the markup."""
    data = copy.deepcopy(data)
    data["project"] = HOSTILE[0]
    first = data["items"][0]
    first["article"], first["msgstr"], first["draft"] = HOSTILE[1], HOSTILE[0] + first["msgstr"], HOSTILE[1]
    first["findings"].append({"check": HOSTILE[1], "severity": "error", "message": HOSTILE[0], "waive": HOSTILE[1]})
    first["terms"].append({"term": HOSTILE[0], "rendering": HOSTILE[1], "keep": False, "variants": [], "forbidden": []})
    return data


def test_the_page_is_self_contained_and_user_text_stays_text(site: Path, l10n: Callable[..., Run]) -> None:
    data = hostile(document(l10n))
    page = review_html.render(data)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"')
    for external in ("http:", "https:", "//", "<link", "<script", "@import", "url("):
        assert external not in page
    markup = _Markup(page)
    assert not {tag for tag, _ in markup.tags} & {"script", "img", "b", "iframe", "object", "embed", "form", "link", "base"}
    for tag, attrs in markup.tags:
        assert not {"src", "srcset", "action", "formaction", "poster", "background"} & set(attrs), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), attrs
    text = "".join(markup.text)
    for bad in HOSTILE:
        assert bad in text


def test_same_data_same_bytes_and_other_schemas_refused(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n)
    assert review_html.render(data) == review_html.render(copy.deepcopy(data))
    with pytest.raises(ValueError, match="schema 2"):
        review_html.render({**data, "schema": 2})
    empty = review_html.render({**data, "items": [], "counts": []})
    assert "Nothing waits for review." in "".join(_Markup(empty).text)
