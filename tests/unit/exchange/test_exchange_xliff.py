"""``l10n export --format xliff`` and ``l10n import``: XLIFF 1.2 to an agency and back.

The agency is Translate Toolkit (``tests/agency.py``); every exported file is validated
against ``data/exchange/xliff-1.2-subset.xsd`` (the official schema is not available
offline: see that file) and read back with Translate Toolkit's XLIFF storage.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import agency
import pytest
from conftest import DATA, FIXTURES, ROOT, SEED, Run
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from translate.storage import xliff as ttk_xliff

from l10n.catalog.entries import read_translations
from l10n.document import splice, walker
from l10n.exchange import segments
from l10n.workflow.agency import unit_id

FIXTURE = FIXTURES / "status"

SCHEMA = etree.XMLSchema(etree.parse(str(DATA / "exchange" / "xliff-1.2-subset.xsd")))
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")
UNITS = len({u.text for u in walker.read(SEED, "source/exploring-ketamine.md", ("title", "description"), ("References",)).units})
"""The seed article's units in the test project (its default configuration extracts no slug)."""


@pytest.fixture
def site(project: Path) -> Path:
    """The seed article with es and fr, and the shipped glossary."""
    shutil.copy(ROOT / "glossary.yaml", project / "glossary.yaml")
    return project


def _valid(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert SCHEMA.validate(tree), SCHEMA.error_log
    assert all(u.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for u in tree.iterfind(".//x:trans-unit", NS))
    return tree


def _export(l10n: Callable[..., Run], *args: str, out: str = "fr.xlf") -> Path:
    result = l10n("export", "--format", "xliff", *args, "--out", out)
    assert result.code == 0, result.err
    _valid(Path(out))
    return Path(out)


def _units(path: Path) -> dict[str, etree._Element]:
    return {u.get("id"): u for u in etree.parse(str(path)).iterfind(".//x:trans-unit", NS)}


# -- the acceptance round trip ---------------------------------------------------------------


def test_round_trip_through_an_agency_publishes_the_french_post(site: Path, l10n: Callable[..., Run]) -> None:
    """Export, translate with Translate Toolkit (targets only), import, approve, build: published,
    and byte-identical to the source outside the translated text."""
    assert l10n("extract").code == 0
    exported = _export(l10n, "--locale", "fr")
    french = agency.french()
    assert agency.translate(exported, Path("back.xlf"), french.get) == UNITS
    before, after = ttk_xliff.xlifffile.parsefile("fr.xlf"), ttk_xliff.xlifffile.parsefile("back.xlf")
    assert [(u.getid(), u.source) for u in before.units] == [(u.getid(), u.source) for u in after.units]

    result = l10n("import", "back.xlf")
    assert result.code == 0, result.err
    assert result.out == f"imported: {FR.as_posix()}: {UNITS} draft(s)\n"
    assert f"{UNITS} draft(s) imported for review, 0 unit(s) unchanged, 0 not imported; 0 error(s), 0 warning(s)" in result.err
    entries = [e for e in read_translations(FR, str(FR)) if e.msgid]
    assert all(e.fuzzy and e.msgstr == french[e.msgid] for e in entries)
    assert all(e.comment.startswith("l10n-draft: agency from=back.xlf date=") for e in entries)
    assert Counter(line.split("\t")[2] for line in l10n("review", "--locale", "fr").out.splitlines() if "\t" in line) == {
        "agency draft": UNITS
    }
    assert l10n("build", "--locale", "fr", "--strict").code == 1  # drafts are never published

    approved = l10n("review", "approve", "--locale", "fr", "--all", "--yes", "--reviewer", "Dr Roux")
    assert approved.code == 0, approved.err
    built = l10n("build", "--locale", "fr", "--strict")
    assert built.code == 0, built.err
    post = Path("build/fr/exploring-ketamine.md").read_text("utf-8")
    doc = walker.parse(SEED.read_bytes(), "source/exploring-ketamine.md")
    texts = list(dict.fromkeys(u.text for u in doc.units))
    skeleton, fallbacks = splice.render(doc, {text: f"QQ{i}QQ" for i, text in enumerate(texts)}, "fr")
    assert fallbacks == []
    pattern = "(.*?)".join(re.escape(part) for part in re.split(r"QQ\d+QQ", skeleton))
    match = re.fullmatch(pattern, post, re.S)
    assert match is not None, "the post differs from the source outside the translated units"
    order = [int(n) for n in re.findall(r"QQ(\d+)QQ", skeleton)]
    assert [match.group(i + 1) for i in range(len(order))] == [french[texts[n]] for n in order]


# -- export ----------------------------------------------------------------------------------


def test_protected_spans_are_placeholders_and_notes_carry_the_hints(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    exported = _export(l10n, "--locale", "fr")
    store = ttk_xliff.xlifffile.parsefile(str(exported))
    catalog = {e.msgid: e for e in read_translations(FR, str(FR)) if e.msgid}
    assert [u.source for u in store.units] == list(catalog)  # Translate Toolkit reads each source back exactly
    unit = next(u for u in store.units if "(Domino, 2010)" in u.source)
    element = _units(exported)[unit_id(unit.source)]
    (ph,) = element.iterfind("x:source/x:ph", NS)
    assert (ph.get("id"), ph.get("ctype"), ph.text) == ("1", "x-citation", "(Domino, 2010)")
    notes = unit.getnotes().splitlines()
    assert (
        "glossary: ketamine -> fr: kétamine (Generic drug name, not a brand; no capital in running text (German capitalizes it as a noun).)"
        in notes
    )
    assert (
        "glossary: FDA: do not translate (U.S. Food and Drug Administration; keep the acronym, with the locale's article, as in la FDA, die FDA.)"
        in notes
    )
    assert "keep the value: 1970" in notes
    assert not any(n.startswith("keep exactly") for n in notes)  # those are the placeholders
    assert unit.getlocations() == ["source/exploring-ketamine.md:12"]
    assert element.find("x:target", NS).get("state") == "needs-translation"


# (locale): Counter of (state, state-qualifier, approved) over both articles, counted from the
# fixture's EXPECTED states in test_status.py and its provenance lines
STATES = {
    "es": {("signed-off", None, "yes"): 8},
    "fr": {("signed-off", None, "yes"): 5, ("needs-review-translation", None, None): 2, ("needs-translation", None, None): 1},
    "de": {
        ("needs-review-translation", "leveraged-mt", None): 6,
        ("needs-review-translation", "leveraged-inherited", None): 1,
        ("needs-translation", None, None): 1,
    },
    "it": {("signed-off", None, "yes"): 6, ("needs-review-translation", "fuzzy-match", None): 2},
    "pt_BR": {("needs-translation", None, None): 8},
}


@pytest.mark.parametrize("locale", STATES)
def test_states_follow_the_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run], locale: str) -> None:
    shutil.copytree(FIXTURE, tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    exported = _export(l10n, "--locale", locale, out="out.xlf")
    found = Counter(
        (t.get("state"), t.get("state-qualifier"), u.get("approved"))
        for u in _units(exported).values()
        for t in u.iterfind("x:target", NS)
    )
    assert found == STATES[locale]
    notes = [n.text for n in etree.parse(str(exported)).iterfind(".//x:note", NS)]
    if locale == "fr":
        assert any(n.startswith("check: error [numbers]") for n in notes)  # why the failing unit waits
    if locale == "it":
        assert sum(n.startswith("the source changed; this translation is of: ") for n in notes) == 2
    pending = _export(l10n, "--locale", locale, "--pending", out="pending.xlf")
    assert len(_units(pending)) == sum(n for key, n in STATES[locale].items() if key[0] != "signed-off")


def test_an_agency_draft_exports_as_translated(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    agency.translate(_export(l10n, "--locale", "fr"), Path("back.xlf"), agency.french().get)
    assert l10n("import", "back.xlf").code == 0
    again = _export(l10n, "--locale", "fr", out="again.xlf")
    targets = [u.find("x:target", NS) for u in _units(again).values()]
    assert {t.get("state") for t in targets} == {"translated"}
    domino = _units(again)[next(unit_id(t) for t in agency.french() if "(Domino, 2010)" in t)]
    assert [(ph.get("id"), ph.text) for ph in domino.iterfind("x:target/x:ph", NS)] == [("1", "(Domino, 2010)")]
    result = l10n("import", "again.xlf")  # the same file back changes nothing
    assert result.code == 0 and f"0 draft(s) imported for review, {UNITS} unit(s) unchanged" in result.err


@pytest.mark.parametrize(
    "args, message",
    [
        (("--locale", "fr", "--locale", "es"), "an XLIFF file is for one locale: name it with --locale"),
        ((), "an XLIFF file is for one locale: name it with --locale"),
        (("--locale", "it"), "locale 'it' is not configured in l10n.toml (run `l10n init it`)"),
    ],
)
def test_export_usage(site: Path, l10n: Callable[..., Run], args: tuple[str, ...], message: str) -> None:
    assert l10n("extract").code == 0
    result = l10n("export", "--format", "xliff", *args, "--out", "x.xlf")
    assert result.code == 2 and message in result.err
    assert not Path("x.xlf").exists()


def test_export_needs_the_catalogs(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("export", "--format", "xliff", "--locale", "fr", "--out", "x.xlf")
    assert result.code == 2
    assert result.err == f"Error: {FR.as_posix()}: no catalog for 'exploring-ketamine' in fr: run `l10n extract` first\n"


# -- import ----------------------------------------------------------------------------------


def _edit(path: Path, change: Callable[[dict[str, etree._Element]], None]) -> None:
    """Change the file as a careless tool would, through lxml."""
    tree = etree.parse(str(path))
    change({u.get("id"): u for u in tree.iterfind(".//x:trans-unit", NS)})
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _target(unit: etree._Element) -> etree._Element:
    return unit.find("x:target", NS)


def test_damaged_placeholders_are_problems_of_their_unit_only(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    agency.translate(_export(l10n, "--locale", "fr"), Path("back.xlf"), agency.french().get)
    ids = {text: unit_id(text) for text in agency.french()}
    domino = next(i for t, i in ids.items() if "(Domino, 2010)" in t)
    krystal = next(i for t, i in ids.items() if "(Krystal et al., 2013)" in t)
    zarate = next(i for t, i in ids.items() if "(Zarate et al., 2006)" in t)
    murrough = next(i for t, i in ids.items() if "(Murrough et al., 2013)" in t)

    def damage(units: dict[str, etree._Element]) -> None:
        ph = _target(units[domino]).find("x:ph", NS)
        ph.getparent().remove(ph)  # dropped: the tail goes with it, as a careless edit would
        ph = _target(units[krystal]).find("x:ph", NS)
        ph.addnext(etree.fromstring(etree.tostring(ph, with_tail=False)))  # doubled
        _target(units[zarate]).find("x:ph", NS).set("id", "7")  # renumbered
        etree.SubElement(_target(units[murrough]), f"{{{NS['x']}}}g", id="1")  # an element no placeholder of ours is

    _edit(Path("back.xlf"), damage)
    before = {e.msgid: e for e in read_translations(FR, str(FR))}
    result = l10n("import", "back.xlf")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 4
    assert any("missing placeholder id='1' for '(Domino, 2010)'; not imported" in e for e in errors)
    assert any("placeholder id='1' for '(Krystal et al., 2013)' appears 2 times; not imported" in e for e in errors)
    assert any(
        "unknown placeholder id='7'" in e and "missing placeholder id='1' for '(Zarate et al., 2006)'" in e for e in errors
    )
    assert any("unexpected <g>" in e for e in errors)
    assert all(re.match(r"Error: back\.xlf:\d+: source/exploring-ketamine\.md:\d+: ", e) for e in errors)
    after = {e.msgid: e for e in read_translations(FR, str(FR))}
    damaged = {t for t, i in ids.items() if i in (domino, krystal, zarate, murrough)}
    assert all((after[t].msgstr, after[t].comment) == (before[t].msgstr, before[t].comment) == ("", "") for t in damaged)
    assert sum(1 for t, e in after.items() if t and t not in damaged and e.fuzzy and e.msgstr) == UNITS - 4
    assert result.out.startswith(f"imported: {FR.as_posix()}: {UNITS - 4} draft(s)\n")


def test_import_never_approves_and_leaves_reviewed_entries_alone(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    french = agency.french()
    agency.translate(_export(l10n, "--locale", "fr"), Path("first.xlf"), french.get)
    assert l10n("import", "first.xlf").code == 0
    assert l10n("review", "approve", "--locale", "fr", "--entry", "source/exploring-ketamine.md:10", "--reviewer", "R").code == 0
    exported = _export(l10n, "--locale", "fr", out="second.xlf")
    heading = unit_id("What is Ketamine?")
    assert _units(exported)[heading].get("approved") == "yes"

    def agency_signs_off(text: str) -> str | None:
        return "Qu’est donc la kétamine ?" if text == "What is Ketamine?" else french.get(text, "") + " "

    agency.translate(exported, Path("second-back.xlf"), agency_signs_off, state="signed-off")
    _edit(Path("second-back.xlf"), lambda units: [u.set("approved", "yes") for u in units.values()])
    result = l10n("import", "second-back.xlf")
    assert result.code == 1
    assert "What is Ketamine?" not in result.err
    assert "its entry is reviewed: a change to a signed-off translation is made in the catalog and reviewed there" in result.err
    entries = {e.msgid: e for e in read_translations(FR, str(FR))}
    assert not entries["What is Ketamine?"].fuzzy and entries["What is Ketamine?"].msgstr == french["What is Ketamine?"]
    assert all(e.fuzzy for t, e in entries.items() if t and t != "What is Ketamine?")  # approved="yes" is no approval


def test_an_untouched_machine_draft_stays_a_machine_draft_unless_the_agency_marks_it_done(
    site: Path, l10n: Callable[..., Run]
) -> None:
    assert l10n("extract").code == 0
    assert l10n("translate", "--locale", "fr", "--engine", "pseudo").code == 0  # pseudo-localized machine drafts
    drafts = {e.msgid: e.msgstr for e in read_translations(FR, str(FR)) if e.msgid}
    exported = _export(l10n, "--locale", "fr")
    agency.translate(exported, Path("same.xlf"), drafts.get, state="needs-review-translation")
    result = l10n("import", "same.xlf")
    assert result.code == 0 and f"0 draft(s) imported for review, {UNITS} unit(s) unchanged" in result.err
    agency.translate(exported, Path("done.xlf"), drafts.get, state="final")
    assert l10n("import", "done.xlf").code == 1  # pseudo text fails the glossary checks, reported as l10n check does
    kinds = Counter(e.comment.split()[1] for e in read_translations(FR, str(FR)) if e.msgid)
    assert kinds == {"agency": UNITS}


def test_findings_are_reported_like_l10n_check(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    french = agency.french()
    wrong = {**french, "What is Ketamine?": "Qu’est-ce que la quétamine ?"}
    agency.translate(_export(l10n, "--locale", "fr"), Path("back.xlf"), wrong.get)
    result = l10n("import", "back.xlf")
    assert result.code == 1
    findings = [line for line in result.out.splitlines() if not line.startswith("imported: ")]
    assert findings and all(
        re.match(rf"{re.escape(FR.as_posix())}:\d+: (error|warning) \[[\w-]+\] \(fuzzy\) ", f) for f in findings
    )
    assert sorted(findings) == sorted(line for line in l10n("check", "--locale", "fr").out.splitlines())


def test_what_cat_tools_write_back_is_read(site: Path, l10n: Callable[..., Run]) -> None:
    """Units in groups, segmentation <mrk>s and <x/> placeholders, as memoQ or Trados write them."""
    assert l10n("extract").code == 0
    french = agency.french()
    agency.translate(_export(l10n, "--locale", "fr"), Path("back.xlf"), french.get)
    text = next(t for t in french if "(Domino, 2010)" in t)

    def rewrite(units: dict[str, etree._Element]) -> None:
        unit = units[unit_id(text)]
        body = unit.getparent()
        group = etree.SubElement(body, f"{{{NS['x']}}}group", id="g1")
        group.append(unit)
        target = _target(unit)
        ph = target.find("x:ph", NS)
        head, tail = target.text, ph.tail
        for child in list(target):
            target.remove(child)
        target.text = None
        first = etree.SubElement(target, f"{{{NS['x']}}}mrk", mtype="seg", mid="1")
        first.text = head
        etree.SubElement(first, f"{{{NS['x']}}}x", id="1")
        first.tail = None
        second = etree.SubElement(target, f"{{{NS['x']}}}mrk", mtype="seg", mid="2")
        second.text = tail

    _edit(Path("back.xlf"), rewrite)
    assert l10n("import", "back.xlf").code == 0
    assert {e.msgid: e.msgstr for e in read_translations(FR, str(FR))}[text] == french[text]


@pytest.mark.parametrize("case", sorted((DATA / "exchange" / "bad").glob("*.xlf")), ids=lambda p: p.stem)
def test_bad_files_are_one_line_errors(site: Path, l10n: Callable[..., Run], case: Path) -> None:
    """Each file's first line is a comment with the start of the expected message (after ``Error: FILE``)."""
    assert l10n("extract").code == 0
    catalog = FR.read_bytes()
    shutil.copy(case, "in.xlf")
    expected = re.search(r"<!-- error: (.*) -->", case.read_text("utf-8"))
    result = l10n("import", "in.xlf")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"Error: in.xlf{expected.group(1)}") and result.err.count("\n") == 1, result.err
    assert FR.read_bytes() == catalog


# -- segments --------------------------------------------------------------------------------


@given(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
    | st.sampled_from([u.text for u in walker.parse(SEED.read_bytes(), "s.md").units])
)
def test_segments_join_back_to_the_text(text: str) -> None:
    pieces = segments.segment(text)
    assert segments.joined(pieces) == text
    source = [p if isinstance(p, str) else segments.Ref(str(p.id), p.text) for p in pieces]
    assert segments.restore(list(reversed(source)), source) == ("".join(reversed([segments.joined([p]) for p in pieces])), [])


def test_entities_are_never_expanded(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    agency.translate(_export(l10n, "--locale", "fr"), Path("back.xlf"), agency.french().get)
    Path("secret.txt").write_text("SECRET", "utf-8")
    data = Path("back.xlf").read_text("utf-8")
    data = data.replace("?>\n", '?>\n<!DOCTYPE xliff [<!ENTITY ext SYSTEM "secret.txt">]>\n', 1)
    data = data.replace("Somnolence</target>", "Somnolence &ext;</target>", 1)
    Path("back.xlf").write_text(data, "utf-8")
    result = l10n("import", "back.xlf")
    assert result.code == 1
    assert "source/exploring-ketamine.md:39: entity reference &ext; at line" in result.err
    assert "SECRET" not in FR.read_text("utf-8")
    assert {e.msgid: e.msgstr for e in read_translations(FR, str(FR))}["Drowsiness"] == ""


@pytest.mark.parametrize("command", ["export", "import"])
def test_help(command: str, l10n: Callable[..., Run]) -> None:
    result = l10n(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"Usage: l10n {command} ")


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"), max_size=60).filter(
    lambda t: segments.xml_problem(t) is None
)


@given(_XML_TEXT | st.just(' a\r\nb\rc <x id="1"/> &amp; (Smith, 2010) '), _XML_TEXT)
def test_any_text_survives_the_file(source: str, target: str) -> None:
    """What XML 1.0 can hold comes back exactly: carriage returns, white space at the ends, markup-like text."""
    from l10n.exchange import tmx, xliff

    pieces = segments.segment(source)
    unit = xliff.Unit("u", tuple(pieces), tuple(segments.aligned(target, pieces)), "translated")
    (file,) = xliff.loads(xliff.dumps([xliff.File("s.md", "en", "fr", (unit,))]), "x.xlf")
    (back,) = file.units
    assert segments.joined(back.source) == source
    text, problems = segments.restore(back.target, back.source)
    assert text == target or all(p.startswith("missing placeholder") for p in problems)  # a span the target lacks
    _, (tu,) = tmx.loads(tmx.dumps([tmx.Unit((tmx.Variant("en", tuple(pieces)), tmx.Variant("fr", (target,))))], "en"), "x.tmx")
    assert [v.text for v in tu.variants] == [source, target]


def test_a_translation_as_exported_is_unchanged_even_without_its_placeholders(site: Path, l10n: Callable[..., Run]) -> None:
    """A catalog translation that lacks a span (a translator's choice, or damage the checks report) comes back
    untouched as it went out; only when the agency confirms it is it judged, and refused."""
    from l10n.catalog import entries as catalog
    from l10n.catalog import provenance

    assert l10n("extract").code == 0
    text = next(t for t in agency.french() if "(Domino, 2010)" in t)
    with catalog.edit(site, site / FR, str(FR)) as po:
        assert catalog.save_draft(
            po, text, "Approuvée en 1970, sans citation.", provenance.machine_draft("x", "2025-01-01T00:00Z")
        )
    exported = _export(l10n, "--locale", "fr")
    assert _units(exported)[unit_id(text)].find("x:target/x:ph", NS) is None
    result = l10n("import", str(exported))
    assert result.code == 0 and f"0 draft(s) imported for review, {UNITS} unit(s) unchanged, 0 not imported" in result.err
    _edit(exported, lambda units: units[unit_id(text)].find("x:target", NS).set("state", "final"))
    result = l10n("import", str(exported))
    assert result.code == 1 and "missing placeholder id='1' for '(Domino, 2010)'; not imported" in result.err
