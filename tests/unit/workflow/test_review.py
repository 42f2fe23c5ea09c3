"""Review: approvals bound to the exact texts, four eyes, pseudo drafts, waivers and the audit trail.

Most tests work on a copy of the shipped content, whose Spanish catalog carries one valid
approval per entry. A "PO editor" is simulated as one: polib changes a text, then
``msgcat -w 76`` rewraps the file the way Poedit's line length does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import editors
import polib
import pytest
from conftest import ROOT, Run, gettext_tool

from l10n.catalog import provenance
from l10n.catalog.entries import read_translations
from l10n.catalog.people import same_person
from l10n.checks import CHECKS

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")
POST = Path("build/es/exploring-ketamine.md")
WHAT = "What is Ketamine?"
DISCLAIMER = "***Disclaimer:** This blog is intended"
ANA, BO = "Ana Roux <ana@clinic.example>", "Bo Li <bo@clinic.example>"

UNITS = sum(1 for e in read_translations(ROOT / "locales/es/LC_MESSAGES/exploring-ketamine.po", "es") if not e.obsolete)
"""The units of the shipped article: each has one Spanish entry."""


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped content (sources, catalogs, glossary, configuration); no reviewer identity.

    Its ``[tool.l10n.review]`` table is left out: these tests are of the rules signatures do not
    change (``signatures = "off"``: records count by their digest and names); the signed rules
    are tested in ``test_review_signatures.py``."""
    root = tmp_path / "blog"
    root.mkdir()
    for name in ("source", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    (root / "pyproject.toml").write_text(re.sub(r"\n\[tool\.l10n\.review\]\n[^\[]*", "\n", text), "utf-8")
    monkeypatch.chdir(root)
    _no_identity(monkeypatch, tmp_path)
    return root


def _no_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("L10N_REVIEWER", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))


def _review_settings(root: Path, text: str) -> None:
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[tool.l10n.review]\n{text}\n")


def _edit(path: Path, starts: str, change: Callable[[str], str], fuzzy: bool | None = None) -> str:
    """Change the msgstr of the entry whose msgid starts with *starts*, as a PO editor would; its msgid."""
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith(starts) and not e.obsolete)
    entry.msgstr = change(entry.msgstr)
    if fuzzy is not None:
        entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(path))
    _rewrap(path)
    return str(entry.msgid)


def _rewrap(path: Path) -> None:
    done = subprocess.run([gettext_tool("msgcat"), "-w", "76", "-o", str(path), str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _status(l10n: Callable[..., Run], *args: str) -> dict:
    result = l10n("status", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _row(data: dict, locale: str = "es") -> dict:
    return next(r for r in data["articles"] if r["locale"] == locale)


def _approve(l10n: Callable[..., Run], *args: str, reviewer: str = ANA, locale: str = "es") -> Run:
    return l10n("review", "approve", "--locale", locale, *args, "--reviewer", reviewer)


def _source_ref(msgid: str, path: Path = ES) -> str:
    entry = next(e for e in polib.pofile(str(path)) if e.msgid == msgid)
    return f"source/exploring-ketamine.md:{entry.occurrences[0][1]}"


# -- approvals bound to the text -------------------------------------------------------------


def test_an_editor_edit_voids_the_approval_and_holds_the_post_back(shipped: Path, l10n: Callable[..., Run]) -> None:
    assert _row(_status(l10n))["units"]["reviewed"] == UNITS
    # The edit keeps the negation: dropping it would be the error required-negations (issue 25).
    msgid = _edit(ES, DISCLAIMER, lambda s: s.replace("no debe sustituir", "no puede sustituir"))
    data = _status(l10n)
    row = _row(data)
    assert (row["units"]["reviewed"], row["units"]["unapproved"], row["publishable"]) == (UNITS - 1, 1, False)
    assert (
        'required unit source/exploring-ketamine.md:63 "The medical disclaimer is legally required: translate it completely'
        ' and keep its meaning exact." is not reviewed (0 of 1 approvals)'
    ) in row["reasons"]
    item = next(q for q in data["queue"] if q["locale"] == "es")
    assert (item["msgid"], item["state"]) == (msgid, "edited after approval")
    assert "puede sustituir" in item["msgstr"] and item["void"][0]["by"].startswith("Seed 7ddb9876 maintainers")
    built = l10n("build", "--locale", "es")
    assert built.code == 0 and "held: build/es/exploring-ketamine.md: " in built.err and not POST.exists()
    approved = _approve(l10n, "--entry", "source/exploring-ketamine.md:63")
    assert approved.code == 0, approved.err
    assert l10n("build", "--locale", "es").out.startswith("wrote: build/es/exploring-ketamine.md")
    assert "puede sustituir" in POST.read_text("utf-8")
    log = {(r["by"], r["valid"]) for r in json.loads(l10n("review", "log", "--format", "json").out) if r["msgid"] == msgid}
    assert log == {(ANA, True)}, "the void approval gave way to the new one"


def test_unfuzzy_in_an_editor_is_not_an_approval(shipped: Path, l10n: Callable[..., Run]) -> None:
    _edit(FR, "Drowsiness", lambda _: "Somnolence", fuzzy=False)
    item = next(q for q in _status(l10n)["queue"] if q["locale"] == "fr" and q["msgid"] == "Drowsiness")
    assert (item["state"], item["approvers"], item["needed"]) == ("awaiting approval", 0, 1)


def test_the_same_person_approving_twice_counts_once(shipped: Path, l10n: Callable[..., Run]) -> None:
    _review_settings(shipped, "min_approvals = 2")
    assert _row(_status(l10n))["units"]["unapproved"] == UNITS, "one approval each is no longer enough"
    _edit(ES, WHAT, lambda s: s.replace("es la", "es exactamente la"))
    ref = _source_ref(WHAT)
    assert _approve(l10n, "--entry", ref).code == 0
    for same in (ANA, "ana  ROUX", "Dr A. <ANA@clinic.example>"):
        again = _approve(l10n, "--entry", ref, reviewer=same)
        assert again.code == 1 and "already approved by Ana Roux" in again.err, same
    item = next(q for q in _status(l10n, "--locale", "es")["queue"] if q["msgid"] == WHAT)
    assert (item["state"], item["approvers"], item["needed"]) == ("awaiting another approval", 1, 2)
    second = _approve(l10n, "--entry", ref, reviewer=BO)
    assert second.code == 0 and second.out == f"approved: {ES}:{second.out.split(':')[2]}"
    assert WHAT not in {q["msgid"] for q in _status(l10n, "--locale", "es")["queue"]}


def test_required_units_can_ask_for_more_approvals(shipped: Path, l10n: Callable[..., Run]) -> None:
    _review_settings(shipped, "min_approvals_required_units = 2")
    data = _status(l10n)
    assert data["policy"]["min_approvals_required_units"] == 2
    assert _row(data)["units"]["unapproved"] == 1 and data["queue"][0]["required"] is True
    result = _approve(l10n, "--entry", "source/exploring-ketamine.md:63", reviewer=BO)
    assert result.code == 0 and "needs another reviewer" not in result.out
    assert _row(_status(l10n))["publishable"] is True


def test_pseudo_drafts_can_never_be_approved_or_published(shipped: Path, l10n: Callable[..., Run]) -> None:
    shutil.rmtree("locales/fr")
    assert l10n("extract").code == 0
    assert l10n("translate", "--locale", "fr", "--engine", "pseudo").code == 0
    result = l10n("review", "approve", "--locale", "fr", "--all", "--yes", "--reviewer", ANA)
    assert result.code == 1 and result.out == ""
    refusals = result.err.splitlines()
    assert len(refusals) == UNITS
    assert all("a pseudo-localized draft (engine pseudo) can never be approved" in line for line in refusals)
    text = FR.read_text("utf-8")
    FR.write_text(text.replace("#, fuzzy\n", ""), "utf-8")  # unfuzzied by hand
    row = _row(_status(l10n), "fr")
    assert row["units"]["draft"] == UNITS and row["units"]["reviewed"] == 0
    assert _approve(l10n, "--all", "--yes", locale="fr").code == 1
    _review_settings(shipped, "require_approval = false")  # gettext's convention: without fuzzy is done...
    source = Path("source/exploring-ketamine.md")
    source.write_text(source.read_text("utf-8").replace("<!-- l10n:required -->", "<!-- l10n:note x -->"), "utf-8")
    with Path("pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("[tool.l10n.build]\nmin_reviewed = 0\n")
    assert l10n("build", "--locale", "fr").code == 0
    assert "⟦" not in Path("build/fr/exploring-ketamine.md").read_text("utf-8"), "...but pseudo text is never published"


# -- waivers ------------------------------------------------------------------------------


def _fail_required_term(starts: str = WHAT) -> str:
    """Make the entry miss the required rendering 'ketamina' (a required-term error); its msgid."""
    return _edit(ES, starts, lambda s: s.replace("la ketamina", "esta sustancia").replace("ketamina", "esta sustancia"))


def _waive(l10n: Callable[..., Run], ref: str, check: str, reason: str = "a pronoun names the drug here") -> Run:
    return l10n("review", "waive", "--locale", "es", "--entry", ref, "--check", check, "--reason", reason, "--reviewer", ANA)


def _findings(l10n: Callable[..., Run]) -> list[tuple[str, str, str]]:
    return [(f["msgid"], f["check"], f["severity"]) for f in json.loads(l10n("check", "--format", "json").out)]


def test_a_waiver_silences_exactly_one_check_on_one_entry(shipped: Path, l10n: Callable[..., Run]) -> None:
    what = _fail_required_term()
    what = _edit(ES, WHAT, lambda s: s.replace("sustancia", "quetamina"))  # a forbidden rendering too
    other = _fail_required_term("Ketamine, once primarily used")
    waived = _waive(l10n, _source_ref(what), "required-term")
    assert waived.code == 0, waived.err
    assert waived.out.startswith(f"waived: {ES}:") and "[required-term]" in waived.out
    assert sorted(_findings(l10n)) == [
        (other, "required-term", "error"),
        (what, "forbidden-term", "error"),
        (what, "required-term", "waived"),
    ]
    assert l10n("check").code == 1


def test_a_waived_unit_is_published_and_reported(shipped: Path, l10n: Callable[..., Run]) -> None:
    what = _fail_required_term()
    ref = _source_ref(what)
    assert _approve(l10n, "--entry", ref).code == 1, "an error finding refuses the approval"
    assert _waive(l10n, ref, "required-term").code == 0
    assert _approve(l10n, "--entry", ref).code == 0
    assert _row(_status(l10n))["publishable"] is False, "the waiver's author alone: a waived error needs someone else"
    second = _approve(l10n, "--entry", ref, reviewer=BO)
    assert second.code == 0 and "needs another reviewer" not in second.out
    check = l10n("check")
    assert check.code == 0, check.out
    assert "waived [required-term] required term" in check.out
    assert f"(waived by {ANA} on " in check.out and check.out.endswith(": a pronoun names the drug here)\n")
    assert check.err == "0 error(s), 0 warning(s), 1 waived\n"
    data = _status(l10n)
    row = _row(data)
    assert (row["units"]["reviewed"], row["errors"], row["waived"], row["publishable"]) == (
        UNITS,
        0,
        {"units": 1, "words": 3},
        True,
    )
    (waiver,) = data["waivers"]
    assert (waiver["check"], waiver["by"], waiver["reason"], waiver["msgid"]) == (
        "required-term",
        ANA,
        "a pronoun names the drug here",
        what,
    )
    assert data["locales"][0]["waived"] == {"units": 1, "words": 3}
    assert "Waivers\n  es/exploring-ketamine: " in l10n("status", "--format", "table").out
    assert "**1** waiver(s):" in l10n("status", "--format", "markdown").out
    page = l10n("status", "--format", "html").out
    assert 'data-figure="waiver/0/reason">a pronoun names the drug here<' in page
    assert 'data-figure="article/es/exploring-ketamine/waived">1<' in page
    assert l10n("build", "--locale", "es").code == 0
    assert "¿Qué es esta sustancia?" in POST.read_text("utf-8")


def test_a_waiver_is_void_after_an_edit_of_either_text(shipped: Path, l10n: Callable[..., Run]) -> None:
    what = _fail_required_term()
    assert _waive(l10n, _source_ref(what), "required-term").code == 0
    _edit(ES, WHAT, lambda s: s.replace("esta sustancia", "este fármaco"))
    assert (what, "required-term", "error") in _findings(l10n)
    records = json.loads(l10n("review", "log", "--format", "json").out)
    assert [r["valid"] for r in records if r["kind"] == "waiver"] == [False]
    assert _waive(l10n, _source_ref(what), "required-term").code == 0
    assert (what, "required-term", "waived") in _findings(l10n)
    source = Path("source/exploring-ketamine.md")
    source.write_text(source.read_text("utf-8").replace("## What is Ketamine?", "## What is ketamine?"), "utf-8")
    assert l10n("extract").code == 0
    entry = next(e for e in polib.pofile(str(ES)) if e.msgid == "What is ketamine?")
    assert entry.previous_msgid == WHAT and "l10n-waived: required-term" in entry.tcomment
    (record,) = [
        r for r in json.loads(l10n("review", "log", "--format", "json").out) if r["kind"] == "waiver" and not r["obsolete"]
    ]
    assert record["valid"] is False, "the msgid changed"


@pytest.mark.parametrize(
    ("change", "check", "why"),
    [
        (lambda s: s.replace("ketamina", "<b>ketamina</b>"), "injection", "the injection check can never be waived"),
        (lambda s: s.replace(" (Domino, 2010)", ""), "protected-spans", "these findings of protected-spans can never be waived"),
    ],
    ids=["injection", "citation"],
)
def test_unwaivable_findings_are_refused(
    shipped: Path, l10n: Callable[..., Run], change: Callable[[str], str], check: str, why: str
) -> None:
    msgid = _edit(ES, "Ketamine is a powerful medication" if check != "injection" else WHAT, change)
    before = ES.read_bytes()
    result = _waive(l10n, _source_ref(msgid), check, "the reviewer likes it")
    assert result.code == 1 and why in result.err and len(result.err.splitlines()) == 1
    assert ES.read_bytes() == before


def test_a_waiver_needs_a_finding_and_a_known_check(shipped: Path, l10n: Callable[..., Run]) -> None:
    ref = _source_ref(WHAT)
    nothing = _waive(l10n, ref, "required-term")
    assert nothing.code == 1 and "the required-term check finds nothing to waive on this entry" in nothing.err
    unknown = _waive(l10n, ref, "spelling")
    assert unknown.code == 2 and "no check named 'spelling'" in unknown.err


def test_injection_and_deceptive_checks_are_never_waivable() -> None:
    guarded = [c for c in CHECKS if c.function.__module__.rsplit(".", 1)[-1] in ("injection", "deceptive")]
    assert guarded and all(c.waivable is False for c in guarded)
    spans = next(c for c in CHECKS if c.name == "protected-spans")
    assert spans.can_waive("code '`x`' is missing")
    assert not any(spans.can_waive(f"{kind} 'x' is missing") for kind in ("citation", "doi", "url", "link-target", "html"))


# -- survival through the tools translators use -------------------------------------------


def _extract(path: Path) -> None:
    from l10n.workflow.extract import extract
    from l10n.workflow.project import load as load_config

    extract(load_config())


@pytest.mark.parametrize(
    "tool",
    [editors.msgmerge, _rewrap, editors.translate_toolkit, _extract, editors.polib_save, editors.babel],
    ids=["msgmerge --previous", "msgcat -w 76", "translate-toolkit", "l10n extract", "polib", "babel"],
)
def test_approvals_and_waivers_survive(shipped: Path, l10n: Callable[..., Run], tool: Callable[[Path], None]) -> None:
    what = _fail_required_term()
    assert _waive(l10n, _source_ref(what), "required-term").code == 0
    assert _approve(l10n, "--entry", _source_ref(what)).code == 0
    assert _approve(l10n, "--entry", _source_ref(what), reviewer=BO).code == 0
    before = json.loads(l10n("review", "log", "--format", "json").out)
    tool(ES)
    after = json.loads(l10n("review", "log", "--format", "json").out)
    assert [(r["kind"], r["by"], r["digest"], r["valid"]) for r in after] == [
        (r["kind"], r["by"], r["digest"], True) for r in before
    ]
    row = _row(_status(l10n))
    assert (row["units"]["reviewed"], row["waived"]["units"], row["publishable"]) == (UNITS, 1, True)


# -- who, and what approving does besides --------------------------------------------------


def test_the_reviewer_is_never_the_login_name_alone(
    shipped: Path, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(ES, WHAT, lambda s: s + " ")
    monkeypatch.setenv("USER", "alice")
    monkeypatch.setenv("LOGNAME", "alice")
    result = l10n("review", "approve", "--locale", "es", "--article", "exploring-ketamine")
    assert result.code == 2 and "who is reviewing?" in result.err
    config = Path(os.environ["HOME"]) / "gitconfig"
    config.write_text("[user]\n\tname = Ana Roux\n\temail = ana@clinic.example\n", "utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert l10n("review", "approve", "--locale", "es", "--article", "exploring-ketamine").code == 0
    monkeypatch.setenv("L10N_REVIEWER", BO)
    _edit(ES, WHAT, lambda s: s.strip())
    assert l10n("review", "approve", "--locale", "es", "--article", "exploring-ketamine").code == 0
    assert [r["by"] for r in json.loads(l10n("review", "log", "--format", "json").out) if r["msgid"] == WHAT] == [BO]
    po = polib.pofile(str(ES))
    assert po.metadata["Last-Translator"] == BO and po.metadata["PO-Revision-Date"].endswith("+0000")


def test_approving_offers_the_translation_to_the_same_text_elsewhere(
    tmp_path: Path, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _no_identity(monkeypatch, tmp_path)
    (tmp_path / "l10n.toml").write_text('locales = ["fr"]\n', "utf-8")
    (tmp_path / "source").mkdir()
    note = "<!-- l10n:required -->\nThis article does not replace medical advice.\n"
    for name in ("a", "b", "c"):
        (tmp_path / "source" / f"{name}.md").write_text(f"# Post {name}\n\n{note}", "utf-8")
    assert l10n("extract").code == 0
    assert l10n("translate", "--locale", "fr", "--engine", "pseudo", "--article", "a", "--article", "b").code == 0
    a, b, c = (Path(f"locales/fr/LC_MESSAGES/{n}.po") for n in "abc")
    disclaimer = "This article does not replace medical advice."
    _edit(a, disclaimer, lambda _: "Cet article ne remplace pas un avis médical.")
    expected = [f"offered as a reuse draft: {path}:{_line(path, disclaimer)}" for path in (b, c)]
    result = l10n("review", "approve", "--locale", "fr", "--entry", f"{a}:{_line(a, disclaimer)}", "--reviewer", ANA)
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == expected, "c had no draft: it gets one; b's machine draft is replaced"
    for path in (b, c):
        entry = next(e for e in polib.pofile(str(path)) if e.msgid == disclaimer)
        assert entry.msgstr == "Cet article ne remplace pas un avis médical." and entry.flags == ["fuzzy"]
        assert "l10n-draft: reuse from=a date=" in entry.tcomment
    title = next(e for e in polib.pofile(str(b)) if e.msgid == "Post b")
    assert title.msgstr.startswith("⟦"), "other texts keep their drafts"
    queue = json.loads(l10n("review", "--locale", "fr", "--format", "json").out)["items"]
    assert {(i["article"], i["state"]) for i in queue if i["msgid"] == disclaimer} == {("b", "reuse draft"), ("c", "reuse draft")}


def _line(path: Path, msgid: str) -> int:
    return next(t.line for t in read_translations(path, str(path)) if t.msgid == msgid)


def test_translate_and_approve_sign_the_catalog(shipped: Path, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree("locales/fr")
    l10n("extract")
    monkeypatch.setenv("L10N_REVIEWER", BO)
    assert l10n("translate", "--locale", "fr", "--engine", "pseudo").code == 0
    header = polib.pofile(str(FR)).metadata
    assert header["Last-Translator"] == BO and header["PO-Revision-Date"][:4].isdigit()


def test_require_approval_false_keeps_gettext_convention(shipped: Path, l10n: Callable[..., Run]) -> None:
    _edit(ES, DISCLAIMER, lambda s: s.replace("no debe sustituir", "no sustituye"))
    _review_settings(shipped, "require_approval = false")
    row = _row(_status(l10n))
    assert (row["units"]["reviewed"], row["units"]["unapproved"], row["publishable"]) == (UNITS, 0, True)


# -- the audit trail -------------------------------------------------------------------------


def test_the_log_lists_every_approval_and_waiver(shipped: Path, l10n: Callable[..., Run]) -> None:
    what = _fail_required_term()
    assert _waive(l10n, _source_ref(what), "required-term").code == 0
    table = l10n("review", "log", "--locale", "es", "--article", "exploring-ketamine")
    assert table.code == 0 and table.err.startswith(f"{UNITS + 1} record(s), 1 void, ")
    lines = table.out.splitlines()
    assert len(lines) == UNITS + 1 and sum("\tvoid\t" in line for line in lines) == 1
    assert any(
        f"\t{ANA}\twaiver [required-term]\tvalid\tunsigned\t{ES}:" in line and line.endswith("a pronoun names the drug here")
        for line in lines
    )
    records = json.loads(l10n("review", "log", "--format", "json").out)
    assert {r["kind"] for r in records} == {"approval", "waiver"} and len(records) == UNITS + 1
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    assert json.loads(l10n("review", "log", "--locale", "fr", "--format", "json").out) == []


@pytest.mark.parametrize("command", [("review", "waive"), ("review", "log"), ("review", "approve")])
def test_help(l10n: Callable[..., Run], command: tuple[str, ...]) -> None:
    result = l10n(*command, "--help")
    assert result.code == 0 and "--locale" in result.out


# -- the provenance lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Ana Roux <ana@x.org>", "ana   roux", True),
        ("Ana Roux <ana@x.org>", "A. Roux <ANA@x.org>", True),
        ("Ana Roux", "Bo Li", False),
        ("Ana Roux <shared@x.org>", "Bo Li <bo@x.org>", False),
    ],
)
def test_approvals_by_one_person_count_once(one: str, other: str, same: bool) -> None:
    assert same_person(one, other) is same


def test_the_lines_read_back() -> None:
    digest = provenance.digest("Drowsiness", "Somnolencia")
    assert digest == provenance.digest("Drowsiness", "Somnolencia") != provenance.digest("Drowsiness", "Somnolencia ")
    comment = provenance.with_draft("a translator's note", provenance.machine_draft("libre", "2026-01-02T03:04Z"))
    comment = provenance.with_approval(comment, ANA, "2026-01-03T00:00Z", digest)
    comment = provenance.with_approval(comment, BO, "2026-01-04T00:00Z", digest)
    comment = provenance.with_waiver(comment, "numbers", ANA, "2026-01-05T00:00Z", digest, "tres  horas\nis 3 hours")
    assert comment.splitlines() == [
        "a translator's note",
        f"l10n-reviewed: by={ANA} date=2026-01-03T00:00Z digest={digest} (was: mt engine=libre date=2026-01-02T03:04Z)",
        f"l10n-reviewed: by={BO} date=2026-01-04T00:00Z digest={digest}",
        f'l10n-waived: numbers by={ANA} date=2026-01-05T00:00Z digest={digest} reason="tres horas is 3 hours"',
    ]
    assert [a.valid(digest) for a in provenance.approvals(comment)] == [True, True]
    assert provenance.waivers(comment)[0].reason == "tres horas is 3 hours"
    other = provenance.digest("Drowsiness", "Somnolence")
    assert provenance.with_approval(comment, BO, "2026-01-06T00:00Z", other).count("l10n-reviewed:") == 1, "void ones give way"
    old = "l10n-reviewed: by=Dr. Roux date=2025-01-31T09:05Z (was: mt engine=libre date=2025-01-30T09:05Z)"
    assert provenance.approvals(old)[0].valid(digest) is False, "a line without a digest approves nothing"


# -- the shipped content -------------------------------------------------------------------


@pytest.mark.slow  # a clone of the repository and a cold build in a new process
def test_a_fresh_clone_builds_the_spanish_post(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    done = subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"not a git checkout: {done.stderr.strip()}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    built = subprocess.run([sys.executable, "-m", "l10n", "build"], cwd=clone, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    assert "wrote: build/es/exploring-ketamine.md" in built.stdout
    assert "held: build/fr/exploring-ketamine.md" in built.stderr and "held: build/de/exploring-ketamine.md" in built.stderr
    records = json.loads(
        subprocess.run(
            [sys.executable, "-m", "l10n", "review", "log", "--format", "json"],
            cwd=clone,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
    )
    assert len(records) == UNITS and all(r["valid"] and r["signature"] == "verified" for r in records)
    assert {r["by"] for r in records} == {"Seed 7ddb9876 maintainers <maintainers@users.noreply.r-seed-7ddb9876.example>"}
