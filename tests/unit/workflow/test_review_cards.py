"""What a reviewer's card holds beyond the texts: the order of the queue, what changed since the
approval (recovered from git by the approval's digest), the source's diff, comments, provenance
in words, and sending a unit back (``l10n review send-back``).

Projects: ``fixtures/review`` (Spanish and Arabic units in every waiting state), and the same in
a git repository whose history holds the approved text (``review_project.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, assert_gettext_canonical
from review_project import ARTICLE, ES, FIXTURE, document, item, make_project

from l10n.catalog import provenance, sent_back
from l10n.catalog.entries import read_translations
from l10n.workflow.review_page import SEND_BACK_NOTE, draft_words


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "site")
    monkeypatch.chdir(root)
    monkeypatch.setenv("L10N_REVIEWER", "Bo Li <bo@clinic.example>")
    return root


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("L10N_REVIEWER", "Bo Li <bo@clinic.example>")
    return root


def changed(pieces: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(p["op"], p["text"]) for p in pieces if p["op"] != "same"]


def test_most_urgent_first(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n)
    order = [(i["locale"], i["source"].rsplit(":", 1)[1], i["state"], i["urgency"]) for i in data["items"]]
    assert order == [
        ("es", "14", "awaiting another approval", "required"),
        ("es", "7", "edited after approval", "edited after approval"),
        ("es", "9", "machine draft", "failing a check"),
        ("ar", "9", "pseudo draft", "failing a check"),
        ("ar", "11", "outdated", "failing a check"),  # its do-not-translate error comes first
        ("es", "11", "awaiting approval", "awaiting approval"),
        ("ar", "2", "machine draft", "draft"),
        ("ar", "7", "machine draft", "draft"),
    ]
    table = l10n("review")
    assert [line.split("\t")[2] for line in table.out.splitlines() if "\t" in line][:3] == [
        "awaiting another approval",
        "edited after approval",
        "machine draft",
    ]


def test_the_diff_since_the_approval_marks_the_added_no(site: Path, l10n: Callable[..., Run]) -> None:
    edited = item(document(l10n), "es", 7)
    approved = edited["approved"]
    assert approved["text"].replace("\n", "") == (
        "En las dosis utilizadas en clínicas, la ketamina suele ser segura (Krystal et al., 2013)."
    )
    assert len(approved["revision"]) >= 7 and approved["date"]
    assert changed(edited["diff"]) == [("inserted", " no")]
    # the negation inside the inserted words is highlighted on the current text
    inserted = next(p for p in edited["diff"] if p["op"] == "inserted")
    negation = next(m for m in edited["marks"]["msgstr"] if m["kind"] == "negation")
    assert inserted["new"] <= negation["start"] < negation["end"] <= inserted["new"] + len(inserted["text"])
    assert [m["kind"] for m in approved["marks"]] == ["hedge", "citation"]  # the approved text hedged as the source


def test_a_project_in_a_folder_of_its_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    root = make_project(tmp_path / "blog" / "translations", repo=tmp_path / "blog")
    monkeypatch.chdir(root)
    monkeypatch.setenv("L10N_REVIEWER", "Bo Li <bo@clinic.example>")
    assert changed(item(document(l10n), "es", 7)["diff"]) == [("inserted", " no")]


def test_the_approved_text_that_cannot_be_recovered_is_said(plain: Path, l10n: Callable[..., Run]) -> None:
    edited = item(document(l10n), "es", 7)  # not a git repository
    assert edited["approved"]["text"] is None and "cannot be recovered" in edited["approved"]["why"]
    assert edited["diff"] is None
    html = l10n("review", "--format", "html").out
    assert "the approved text cannot be recovered" in html


def test_an_approval_given_here_is_recorded_for_the_diff(plain: Path, l10n: Callable[..., Run]) -> None:
    # not in git: the text approved here, then edited before any commit, comes from the record
    assert l10n("review", "approve", "--locale", "es", "--entry", f"{ARTICLE}:11").code == 0
    path = plain / ES
    path.write_text(path.read_text("utf-8").replace('el bloqueo NMDA no "\n"dura.', 'el bloqueo NMDA "\n"dura.'), "utf-8")
    edited = item(document(l10n), "es", 11)
    assert edited["state"] == "edited after approval"
    assert changed(edited["diff"]) == [("deleted", "no ")]
    assert edited["approved"]["revision"] == "" and edited["approved"]["date"]
    (plain / ".l10n" / "approved.sqlite").unlink()
    assert item(document(l10n), "es", 11)["approved"]["text"] is None  # without the record: said so


def test_a_digest_found_only_in_history_proves_the_text(site: Path, l10n: Callable[..., Run]) -> None:
    # an approval of a text that never was committed is not matched to another version
    path = site / ES
    text = path.read_text("utf-8")
    entry = next(t for t in read_translations(path, str(ES)) if t.references == (f"{ARTICLE}:7",))
    old = provenance.approvals(entry.comment)[0].digest
    path.write_text(text.replace(old, "0123456789abcdef"), "utf-8")
    assert item(document(l10n), "es", 7)["approved"]["text"] is None


def test_the_outdated_source_diff_marks_the_added_words(site: Path, l10n: Callable[..., Run]) -> None:
    outdated = item(document(l10n), "ar", 11)
    assert outdated["previous"] == "Common side effects are nausea and dizziness."
    assert changed(outdated["source_diff"]) == [("inserted", "; NMDA blockade does not last")]
    assert [m["text"] for m in outdated["previous_marks"]] == []
    html = l10n("review", "--format", "html").out
    assert "<ins" in html and "What changed in the English since it was translated" in html


def test_comments_and_provenance_in_words(site: Path, l10n: Callable[..., Run]) -> None:
    data = document(l10n)
    draft = item(data, "es", 9)
    assert draft["draft_words"] == "Machine translation by libre on 2026-11-20 10:00 UTC"
    assert "keep the value: 0.5 mg/kg" in draft["notes"]
    disclaimer = item(data, "es", 14)
    assert [(a["by"], a["verified"]) for a in disclaimer["approvals"]] == [("Ana Roux <ana@clinic.example>", None)]
    assert data["identity"] == "Bo Li <bo@clinic.example>"
    assert draft["send_back"] == (f'l10n review send-back --locale es --entry {ARTICLE}:9 --note "{SEND_BACK_NOTE}"')
    assert draft_words("reuse from=other-article date=2026-01-02T03:04Z") == (
        "Copied from the approved translation of the same text in the article other-article on 2026-01-02 03:04 UTC"
    )
    assert draft_words("agency from=in/es.xlf date=2026-01-02T03:04Z").startswith("Translated by an agency")


def test_a_translator_comment_is_on_the_card(site: Path, l10n: Callable[..., Run]) -> None:
    path = site / ES
    path.write_text(
        path.read_text("utf-8").replace(
            "# l10n-draft: mt engine=libre", "# Check the dose with the pharmacist\n# l10n-draft: mt engine=libre"
        ),
        "utf-8",
    )
    assert item(document(l10n), "es", 9)["comment"] == "Check the dose with the pharmacist"


def test_send_back_writes_the_note_and_keeps_the_unit_unapproved(site: Path, l10n: Callable[..., Run]) -> None:
    note = 'Say "generally safe": the "no" reverses the meaning.'
    result = l10n("review", "send-back", "--locale", "es", "--entry", f"{ARTICLE}:11", "--note", note)
    assert result.code == 0, result.err
    assert result.out.startswith("sent back: locales/es/LC_MESSAGES/ketamine-safety.po:")
    entry = next(t for t in read_translations(site / ES, str(ES)) if t.references == (f"{ARTICLE}:11",))
    assert entry.fuzzy and sent_back.sent_back(entry.comment)[0].note == note
    assert_gettext_canonical(site / ES)
    row = item(document(l10n), "es", 11)
    assert row["state"] == "sent back" and row["urgency"] == "sent back to the translator"
    assert [b["note"] for b in row["sent_back"]] == [note] and row["comment"] == ""
    approve = l10n("review", "approve", "--locale", "es", "--entry", f"{ARTICLE}:11")
    assert approve.code == 0  # a reviewer may still approve it: sending back is a note, not a lock


@pytest.mark.parametrize(
    ("entry", "note", "message"),
    [
        (f"{ARTICLE}:11", "   ", f"Error: {ARTICLE}:11: sending back needs a note for the translator (--note)"),
        (f"{ARTICLE}:99", "Fix it", f"Error: {ARTICLE}:99: no translated entry there"),
    ],
)
def test_send_back_refusals(site: Path, l10n: Callable[..., Run], entry: str, note: str, message: str) -> None:
    before = (site / ES).read_bytes()
    result = l10n("review", "send-back", "--locale", "es", "--entry", entry, "--note", note)
    assert (result.code, result.err.strip()) == (1, message)
    assert (site / ES).read_bytes() == before


@pytest.mark.parametrize("command", ["serve", "send-back"])
def test_help(command: str, l10n: Callable[..., Run]) -> None:
    result = l10n("review", command, "--help")
    assert result.code == 0 and result.out.startswith(f"Usage: l10n review {command} ")


def test_serve_refuses_a_port_in_use_in_one_line(site: Path, l10n: Callable[..., Run]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = l10n("review", "serve", "--port", str(port))
    assert result.code == 2
    assert result.err.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ") and result.err.count("\n") == 1
