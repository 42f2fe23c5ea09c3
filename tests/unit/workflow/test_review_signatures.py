"""Signed approvals, through the CLI on a copy of the shipped project with ``signatures = "required"``.

The copy's ``reviewers`` file enrols the demo's release key, which signed the Spanish
catalog's approvals; each test makes throwaway keys with ``ssh-keygen`` and enrols those it
needs. What a hostile contributor with write access to ``locales/`` would try is tried here:
hand-written approval lines, a signature copied from another entry, one key under two
names, a key nobody enrolled, an expired one, line separators smuggled into comments
through TMX, XLIFF, file names and reasons, the reorder mark deleted, a waiver and an
approval by one key.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import editors
import polib
import pytest
from conftest import ROOT, Run, copy_shipped
from keys import enrol, make_key
from lxml import etree

from l10n.catalog import provenance, signatures
from l10n.catalog.provenance import LINE_BREAKS, Approval
from l10n.core.signing import Signer

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
DE = Path("locales/de/LC_MESSAGES/exploring-ketamine.po")
POST = Path("build/es/exploring-ketamine.md")
WHAT = "What is Ketamine?"
DISCLAIMER = "***Disclaimer:** This blog is intended"
HISTORY = "Ketamine is a powerful medication"
ANA, BO = "Ana Roux <ana@clinic.example>", "Bo Li <bo@clinic.example>"
SEED = "Seed 7ddb9876 maintainers <maintainers@users.noreply.r-seed-7ddb9876.example>"
DATE = "2026-12-01T10:00Z"
MALLORY = "l10n-reviewed: by=Mallory <m@evil.example> date=2026-12-01T10:00Z digest="


@pytest.fixture
def signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped project requiring signatures, its reviewers file with it; no identity, no key."""
    root = copy_shipped(tmp_path / "blog")
    shutil.copy(ROOT / "reviewers", root / "reviewers")
    with (root / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[review]\nsignatures = "required"\n')
    monkeypatch.chdir(root)
    for name in ("L10N_REVIEWER", "L10N_SIGNING_KEY", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "SSH_AUTH_SOCK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    return root


@pytest.fixture
def keys(signed: Path, tmp_path: Path) -> dict[str, Path]:
    """Ana's and Bo's keys, enrolled under their names."""
    found = {}
    for name, principal in (("ana", ANA), ("bo", BO)):
        found[name] = make_key(tmp_path / "keys", name)
        enrol(signed / "reviewers", principal, found[name])
    return found


# -- helpers -----------------------------------------------------------------------------------


def _entry(starts: str, path: Path = ES) -> polib.POEntry:
    return next(e for e in polib.pofile(str(path)) if e.msgid.startswith(starts) and not e.obsolete)


def _edit(starts: str, change: Callable[[polib.POEntry], None], path: Path = ES) -> polib.POEntry:
    """Change the entry whose msgid starts with *starts* as a hostile hand (polib) would; the entry after."""
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith(starts) and not e.obsolete)
    change(entry)
    po.save(str(path))
    return entry


def _retranslate(starts: str, text: Callable[[str], str]) -> str:
    """A new msgstr for the entry: its approvals are void; the entry's source reference."""

    def change(entry: polib.POEntry) -> None:
        entry.msgstr = text(entry.msgstr)

    entry = _edit(starts, change)
    return f"source/exploring-ketamine.md:{entry.occurrences[0][1]}"


def _add_line(starts: str, line: str) -> None:
    def change(entry: polib.POEntry) -> None:
        entry.tcomment = f"{entry.tcomment}\n{line}" if entry.tcomment else line
        entry.flags = [f for f in entry.flags if f != "fuzzy"]

    _edit(starts, change)


def _signed_line(key: Path, starts: str, by: str, date: str = DATE) -> str:
    """An approval line of the entry's current texts signed with *key* under the name *by* (bypassing the CLI)."""
    entry = _entry(starts)
    current = provenance.digest(entry.msgid, entry.msgstr)
    record = Approval(by, date, current)
    sig = signatures.sign(Signer(key), "es", "exploring-ketamine", entry.msgid, entry.msgstr, record)
    return provenance.approval_line(by, date, current, "", sig)


def _log(l10n: Callable[..., Run], starts: str = "") -> list[dict]:
    result = l10n("review", "log", "--format", "json")
    assert result.code == 0, result.err
    return [r for r in json.loads(result.out) if r["msgid"].startswith(starts)]


def _row(l10n: Callable[..., Run]) -> dict:
    result = l10n("status", "--format", "json", "--locale", "es")
    assert result.code == 0, result.err
    return next(r for r in json.loads(result.out)["articles"] if r["locale"] == "es")


def _item(l10n: Callable[..., Run], starts: str) -> dict:
    result = l10n("review", "--locale", "es", "--format", "json")
    assert result.code == 0, result.err
    return next(i for i in json.loads(result.out)["items"] if i["msgid"].startswith(starts))


def _approve(l10n: Callable[..., Run], ref: str, key: Path, *args: str) -> Run:
    return l10n("review", "approve", "--locale", "es", "--entry", ref, "--key", str(key), *args)


def _built(l10n: Callable[..., Run]) -> bool:
    result = l10n("build", "--locale", "es")
    assert result.code == 0, result.err
    return POST.exists()


def _injected_lines(path: Path) -> list[str]:
    """Comment lines of *path* that some reader (Python's ``splitlines``, the strictest) takes for an injected approval.

    Each comment line of the file is split as the strictest reader splits it; a break inside a
    quoted msgstr is text a reader keeps in the string, not a comment line."""
    found = []
    for physical in path.read_text("utf-8").split("\n"):
        if physical.startswith("#"):
            found += [p for p in physical.splitlines() if re.match(r"[#.:|~ ]*l10n-reviewed:\s*by=Mallory", p)]
    return found


# -- the shipped content ----------------------------------------------------------------------


def test_the_shipped_approvals_are_verified_and_published(signed: Path, l10n: Callable[..., Run]) -> None:
    records = _log(l10n)
    assert records and {(r["signature"], r["by"], r["valid"]) for r in records} == {("verified", SEED, True)}
    assert len({r["key"] for r in records}) == 1 and records[0]["key"].startswith("SHA256:")
    assert _row(l10n)["publishable"] is True and _built(l10n)
    table = l10n("review", "log")
    assert table.err == f"{len(records)} record(s), 0 void, 0 not verified\n"
    assert all("\tvalid\tverified\t" in line for line in table.out.splitlines())


def test_without_the_reviewers_file_nothing_counts(signed: Path, l10n: Callable[..., Run]) -> None:
    (signed / "reviewers").unlink()
    assert {r["signature"] for r in _log(l10n)} == {"unknown key"}
    assert _row(l10n)["units"]["reviewed"] == 0 and not _built(l10n)


# -- forged records ---------------------------------------------------------------------------


def test_hand_written_approval_lines_count_for_nothing_and_are_listed_as_unsigned(signed: Path, l10n: Callable[..., Run]) -> None:
    _retranslate(WHAT, lambda s: s.replace("¿Qué es", "¿Qué es exactamente"))
    entry = _entry(WHAT)
    current = provenance.digest(entry.msgid, entry.msgstr)
    for who in ("Dr Invented <inv@clinic.example>", "Dr Other <other@clinic.example>"):
        _add_line(WHAT, f"l10n-reviewed: by={who} date={DATE} digest={current}")
    records = [r for r in _log(l10n, WHAT) if r["valid"]]
    assert [(r["by"].split()[1], r["signature"]) for r in records] == [("Invented", "unsigned"), ("Other", "unsigned")]
    item = _item(l10n, WHAT)
    assert (item["state"], item["approvers"], item["needed"]) == ("edited after approval", 0, 1)
    assert [u["signature"] for u in item["unverified"]] == ["unsigned", "unsigned"]
    row = _row(l10n)
    assert row["units"]["unapproved"] == 1 and row["publishable"] is False
    assert not _built(l10n)


def test_a_signature_copied_from_another_entry_fails(signed: Path, l10n: Callable[..., Run]) -> None:
    theirs = provenance.approvals(_entry(WHAT).tcomment)[0]
    # an edit no check sees (a dropped "no" would now fail the required-negations check first)
    _retranslate(DISCLAIMER, lambda s: s.replace("no debe sustituir", "no debe reemplazar"))
    entry = _entry(DISCLAIMER)
    current = provenance.digest(entry.msgid, entry.msgstr)
    _add_line(DISCLAIMER, provenance.approval_line(theirs.by, theirs.date, current, "", theirs.sig))
    (record,) = [r for r in _log(l10n, DISCLAIMER) if r["valid"]]
    assert (record["by"], record["signature"]) == (SEED, "bad signature")
    row = _row(l10n)
    assert row["units"]["unapproved"] == 1 and row["publishable"] is False


def test_one_key_under_two_names_counts_once(
    signed: Path, l10n: Callable[..., Run], keys: dict[str, Path], tmp_path: Path
) -> None:
    with (signed / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("min_approvals = 2\n")
    alias = "Dr A. Alias <alias@clinic.example>"
    enrol(signed / "reviewers", alias, keys["ana"])
    ref = _retranslate(WHAT, lambda s: s.replace("¿Qué es", "¿Qué es exactamente"))
    first = _approve(l10n, ref, keys["ana"], "--reviewer", ANA)
    assert first.code == 0 and "needs another reviewer" in first.out, first.err
    again = _approve(l10n, ref, keys["ana"], "--reviewer", alias)
    assert again.code == 1 and "already approved with the key SHA256:" in again.err
    _add_line(WHAT, _signed_line(keys["ana"], WHAT, alias))  # the same key under its other name, past the CLI
    records = [r for r in _log(l10n, WHAT) if r["valid"]]
    assert {(r["by"], r["signature"]) for r in records} == {(ANA, "verified"), (alias, "verified")}
    assert len({r["key"] for r in records}) == 1
    item = _item(l10n, WHAT)
    assert (item["state"], item["approvers"], item["needed"]) == ("awaiting another approval", 1, 2)
    assert _approve(l10n, ref, keys["bo"]).code == 0
    queue = json.loads(l10n("review", "--locale", "es", "--format", "json").out)["items"]
    assert WHAT not in {i["msgid"] for i in queue}, "two keys: reviewed"


def test_the_reviewer_is_the_keys_principal(signed: Path, l10n: Callable[..., Run], keys: dict[str, Path]) -> None:
    ref = _retranslate(WHAT, lambda s: s + " ")
    claimed = _approve(l10n, ref, keys["ana"], "--reviewer", BO)
    assert claimed.code == 2 and f"'{BO}' is not who the key SHA256:" in claimed.err and ANA in claimed.err
    unsigned = l10n("review", "approve", "--locale", "es", "--entry", ref, "--reviewer", ANA)
    assert unsigned.code == 2 and "this project requires signed approvals" in unsigned.err
    done = _approve(l10n, ref, keys["ana"])
    assert done.code == 0, done.err
    assert [(r["by"], r["signature"]) for r in _log(l10n, WHAT) if r["valid"]] == [(ANA, "verified")]
    assert polib.pofile(str(ES)).metadata["Last-Translator"] == ANA


def test_a_key_not_in_the_reviewers_file_counts_for_nothing(signed: Path, l10n: Callable[..., Run], tmp_path: Path) -> None:
    stranger = make_key(tmp_path / "keys", "stranger")
    ref = _retranslate(WHAT, lambda s: s + " ")
    refused = _approve(l10n, ref, stranger)
    assert refused.code == 2 and "is not enrolled in reviewers" in refused.err
    _add_line(WHAT, _signed_line(stranger, WHAT, SEED))  # signed, under an enrolled reviewer's name
    assert [r["signature"] for r in _log(l10n, WHAT) if r["valid"]] == ["unknown key"]
    assert _row(l10n)["publishable"] is False


def test_an_expired_key_counts_for_nothing(signed: Path, l10n: Callable[..., Run], tmp_path: Path) -> None:
    old = make_key(tmp_path / "keys", "old")
    enrol(signed / "reviewers", ANA, old, 'namespaces="l10n-review",valid-before="20200101"')
    ref = _retranslate(WHAT, lambda s: s + " ")
    assert _approve(l10n, ref, old).code == 2
    _add_line(WHAT, _signed_line(old, WHAT, ANA))
    assert [r["signature"] for r in _log(l10n, WHAT) if r["valid"]] == ["expired"]
    assert _row(l10n)["publishable"] is False


def test_an_edited_signed_record_counts_for_nothing(signed: Path, l10n: Callable[..., Run], keys: dict[str, Path]) -> None:
    ref = _retranslate(WHAT, lambda s: s + " ")
    assert _approve(l10n, ref, keys["ana"]).code == 0
    signed_text = ES.read_text("utf-8")
    (date,) = [a.date for a in provenance.approvals(_entry(WHAT).tcomment)]
    ES.write_text(signed_text.replace(f"by={ANA} date={date}", f"by={ANA} date=2020-01-01T00:00Z"), "utf-8")
    assert [(r["by"], r["signature"]) for r in _log(l10n, WHAT) if r["valid"]] == [(ANA, "bad signature")]
    ES.write_text(signed_text.replace(f"by={ANA}", f"by={BO}"), "utf-8")  # Bo's name on Ana's signature
    assert [(r["by"], r["signature"]) for r in _log(l10n, WHAT) if r["valid"]] == [(BO, "unknown key")]
    assert _row(l10n)["publishable"] is False


# -- waivers ----------------------------------------------------------------------------------


def test_a_waiver_and_an_approval_by_one_key_do_not_publish_a_second_key_does(
    signed: Path, l10n: Callable[..., Run], keys: dict[str, Path]
) -> None:
    ref = _retranslate(WHAT, lambda s: s.replace("la ketamina", "esta sustancia"))
    assert l10n("check").code == 1, "a required-term error"
    entry = _entry(WHAT)
    current = provenance.digest(entry.msgid, entry.msgstr)
    _add_line(WHAT, f'l10n-waived: required-term by={BO} date={DATE} digest={current} reason="hand-written"')
    assert l10n("check").code == 1, "an unsigned waiver waives nothing"
    assert _approve(l10n, ref, keys["ana"]).code == 1, "nor lets an approval through"
    waived = l10n("review", "waive", "--locale", "es", "--entry", ref, "--check", "required-term", "--key", str(keys["ana"]),
                  "--reason", "a pronoun names the drug here")  # fmt: skip
    assert waived.code == 0, waived.err
    assert l10n("check").code == 0
    mine = _approve(l10n, ref, keys["ana"])
    assert mine.code == 0 and "needs another reviewer" in mine.out and "its waiver's author and someone else" in mine.out
    assert _row(l10n)["publishable"] is False and not _built(l10n)
    item = _item(l10n, WHAT)
    assert (item["approvers"], item["needed"]) == (1, 2)
    second = _approve(l10n, ref, keys["bo"])
    assert second.code == 0 and "needs another reviewer" not in second.out
    assert _row(l10n)["publishable"] is True and _built(l10n)
    kinds = {(r["kind"], r["by"], r["signature"]) for r in _log(l10n, WHAT) if r["valid"]}
    assert kinds == {("waiver", ANA, "verified"), ("approval", ANA, "verified"), ("approval", BO, "verified")}


# -- marks that raise findings ----------------------------------------------------------------


def test_deleting_the_reorder_mark_leaves_the_error(signed: Path, l10n: Callable[..., Run]) -> None:
    def machine_draft(entry: polib.POEntry) -> None:  # an engine swapped a year and a citation
        entry.msgstr = entry.msgstr.replace("1970", "§").replace("(Domino, 2010)", "1970").replace("§", "(Domino, 2010)")
        entry.tcomment = f"l10n-draft: mt engine=deepl date={DATE} placeholders-reordered=2,1"
        entry.flags = ["fuzzy"]

    def unmarked(entry: polib.POEntry) -> None:  # a hostile hand deletes the mark
        entry.tcomment = entry.tcomment.replace(" placeholders-reordered=2,1", "")

    _edit(HISTORY, machine_draft)
    assert "placeholders-reordered" in _item(l10n, HISTORY)["checks"]
    _edit(HISTORY, unmarked)
    assert "placeholders-reordered" not in _entry(HISTORY).tcomment
    assert _entry(HISTORY).msgstr.index("(Domino, 2010)") < _entry(HISTORY).msgstr.index("1970")
    item = _item(l10n, HISTORY)
    assert item["checks"][0] == "placeholders-reordered", "recomputed from the texts"
    found = json.loads(l10n("check", "--format", "json").out)
    assert any(f["check"] == "placeholders-reordered" and f["severity"] == "error" for f in found)


# -- nothing written into a comment starts a line ---------------------------------------------


def _char_id(ch: str) -> str:
    return f"U+{ord(ch):04X}"


@pytest.mark.parametrize("ch", LINE_BREAKS, ids=_char_id)
def test_a_line_break_in_a_reason_writes_no_line(signed: Path, l10n: Callable[..., Run], keys: dict[str, Path], ch: str) -> None:
    ref = _retranslate(WHAT, lambda s: s.replace("la ketamina", "esta sustancia"))
    reason = f"fine{ch}{MALLORY}{'0' * 64}"
    done = l10n("review", "waive", "--locale", "es", "--entry", ref, "--check", "required-term", "--key", str(keys["ana"]),
                "--reason", reason)  # fmt: skip
    assert done.code == 0, done.err
    assert _injected_lines(ES) == []
    (waiver,) = [r for r in _log(l10n, WHAT) if r["kind"] == "waiver"]
    assert waiver["signature"] == "verified" and MALLORY in waiver["reason"]


def _tmx(source: str, target: str, exact: str, exact_target: str) -> str:
    def seg(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;")

    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>{seg(s)}</seg></tuv><tuv xml:lang="de"><seg>{seg(t)}</seg></tuv></tu>'
        for s, t in ((source, target), (exact, exact_target))
    )
    header = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{header}<body>{units}</body></tmx>\n'


_XML_TEXT = {"\r", "\x85", "\u2028", "\u2029"}
"""The line breaks XML 1.0 lets a text hold (the others cannot even be written as references)."""


@pytest.mark.parametrize("ch", LINE_BREAKS, ids=_char_id)
def test_a_line_break_in_a_translation_memory_writes_no_line(signed: Path, l10n: Callable[..., Run], ch: str) -> None:
    entries = [e for e in polib.pofile(str(DE)) if not e.obsolete]
    near = max(entries, key=lambda e: len(e.msgid.split())).msgid
    inside = ch if ch in _XML_TEXT else " "
    folder = signed / "memory"
    folder.mkdir()
    name = f"agency{ch}{MALLORY}x.tmx"
    target = f"Übersetzung{inside}{MALLORY}{'0' * 64}"
    (folder / name).write_text(
        _tmx(near.rsplit(" ", 1)[0] + " indeed.", target, WHAT, f"Was ist Ketamin?{inside}{MALLORY}"), "utf-8"
    )
    done = l10n("translate", "--locale", "de", "--engine", "pseudo")
    assert done.code == 0, done.err
    text = DE.read_text("utf-8")
    assert _injected_lines(DE) == []
    assert "l10n-suggestion:" in text and f"tm from=memory/agency\\u{ord(ch):04x}" in text, "the memory was used"
    assert [r for r in _log(l10n) if r["locale"] == "de"] == []


@pytest.mark.parametrize("ch", LINE_BREAKS.replace("\r", ""), ids=_char_id)  # CR ends a Markdown line
def test_a_line_break_in_an_authors_note_writes_no_line(signed: Path, l10n: Callable[..., Run], ch: str) -> None:
    source = Path("source/exploring-ketamine.md")
    note = f"<!-- l10n:note keep it short{ch}{MALLORY}{'0' * 64} -->\nOne more paragraph.\n"
    source.write_text(source.read_text("utf-8") + "\n" + note, "utf-8")
    assert l10n("extract").code == 0
    assert _injected_lines(DE) == [] and _injected_lines(Path("locales/templates/exploring-ketamine.pot")) == []
    assert f"keep it short\\u{ord(ch):04x}" in DE.read_text("utf-8")


@pytest.mark.parametrize("ch", LINE_BREAKS, ids=_char_id)
def test_a_line_break_in_an_agency_file_writes_no_line(signed: Path, l10n: Callable[..., Run], ch: str) -> None:
    assert l10n("export", "--format", "xliff", "--locale", "de", "-o", "work.xlf").code == 0
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    tree = etree.parse("work.xlf")
    inside = ch if ch in _XML_TEXT else " "
    for unit in tree.iterfind(".//x:trans-unit", ns):
        source, target = unit.find("x:source", ns), unit.find("x:target", ns)
        target.text = f"{source.text or ''}{inside}{MALLORY}"
        target.extend(copy.deepcopy(child) for child in source)
        target.set("state", "translated")
    name = f"agency{ch}{MALLORY.replace(' ', chr(9))}.xlf"  # tabs: the import writes a file name's spaces as _
    tree.write(name, xml_declaration=True, encoding="UTF-8")
    done = l10n("import", name)
    assert "imported: " in done.out, done.err
    assert _injected_lines(DE) == []
    assert f"agency from=agency\\u{ord(ch):04x}" in DE.read_text("utf-8")
    assert [r for r in _log(l10n) if r["locale"] == "de"] == []


# -- signed records survive the tools that rewrite catalogs ----------------------------------


def _extract(path: Path) -> None:
    from l10n.workflow.extract import extract
    from l10n.workflow.project import load as load_config

    extract(load_config())


@pytest.mark.parametrize(
    "tool",
    [
        editors.msgmerge,
        editors.msgcat,
        lambda p: editors.msgcat(p, "-w", "60"),
        editors.translate_toolkit,
        _extract,
        editors.polib_save,
        editors.babel,
    ],
    ids=[
        "msgmerge --previous",
        "msgcat",
        "msgcat -w 60 (Poedit's rewrap)",
        "translate-toolkit",
        "l10n extract",
        "polib",
        "babel",
    ],
)
def test_signed_records_survive(
    signed: Path, l10n: Callable[..., Run], keys: dict[str, Path], tool: Callable[[Path], None]
) -> None:
    ref = _retranslate(WHAT, lambda s: s.replace("la ketamina", "esta sustancia"))
    waive = ("review", "waive", "--locale", "es", "--entry", ref, "--check", "required-term", "--reason", "a pronoun")
    assert l10n(*waive, "--key", str(keys["ana"])).code == 0
    assert _approve(l10n, ref, keys["ana"]).code == 0 and _approve(l10n, ref, keys["bo"]).code == 0
    before = _log(l10n)
    assert {r["signature"] for r in before} == {"verified"}
    tool(ES)
    after = _log(l10n)
    assert [(r["kind"], r["by"], r["digest"], r["signature"]) for r in after] == [
        (r["kind"], r["by"], r["digest"], "verified") for r in before
    ]
    assert _row(l10n)["publishable"] is True


def test_warn_counts_unsigned_records_and_says_so(signed: Path, l10n: Callable[..., Run]) -> None:
    text = (signed / "l10n.toml").read_text("utf-8")
    (signed / "l10n.toml").write_text(text.replace('signatures = "required"', 'signatures = "warn"'), "utf-8")
    ref = _retranslate(WHAT, lambda s: s + " ")
    done = l10n("review", "approve", "--locale", "es", "--entry", ref, "--reviewer", ANA)
    assert done.code == 0 and "Warning: approvals recorded unsigned or unverifiable: no signing key" in done.err
    assert [(r["by"], r["signature"]) for r in _log(l10n, WHAT) if r["valid"]] == [(ANA, "unsigned")]
    assert _row(l10n)["publishable"] is True, "warn: records count by their digest, as without signatures"


def test_a_bad_reviewers_file_is_a_one_line_error(signed: Path, l10n: Callable[..., Run]) -> None:
    with (signed / "reviewers").open("a", encoding="utf-8") as handle:
        handle.write('"Eve <eve@x>" ssh-ed25519 not-base64\n')
    lines = (signed / "reviewers").read_text("utf-8").count("\n")
    result = l10n("review", "log")
    assert result.code == 2 and result.err.startswith(f"Error: reviewers:{lines}: not an allowed-signers line")
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_the_reviewers_page_says_which_approvals_a_signature_proves(
    signed: Path, keys: dict[str, Path], l10n: Callable[..., Run]
) -> None:
    """A verified approval is marked verified on the card; a hand-written one is shown, counting for nothing."""
    with (signed / "l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("min_approvals = 2\n")  # every Spanish unit now waits for a second approver
    _retranslate(WHAT, lambda s: s.replace("¿Qué es", "¿Qué es exactamente"))
    entry = _entry(WHAT)
    _add_line(
        WHAT,
        f"l10n-reviewed: by=Dr Invented <inv@clinic.example> date={DATE} digest={provenance.digest(entry.msgid, entry.msgstr)}",
    )
    result = l10n("review", "--format", "json", "--locale", "es")
    assert result.code == 0, result.err
    cards = json.loads(result.out)["items"]
    waiting = [c for c in cards if c["msgid"].startswith(HISTORY)]
    assert waiting and [(a["by"], a["verified"]) for a in waiting[0]["approvals"]] == [(SEED, True)]
    (edited,) = [c for c in cards if c["msgid"].startswith(WHAT)]
    assert [(a["by"], a["verified"], a["signature"]) for a in edited["approvals"]] == [
        ("Dr Invented <inv@clinic.example>", False, "unsigned")
    ]
    page = l10n("review", "--format", "html", "--locale", "es")
    assert "(signature verified)" in page.out and "(unsigned: counts for nothing)" in page.out
