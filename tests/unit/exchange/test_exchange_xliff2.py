"""``l10n export --format xliff2`` and its import: XLIFF 2.0 beside 1.2.

Every export is validated against ``data/exchange/xliff-2.0-subset.xsd`` (a transcription
of the official core schema: see that file) and read with Translate Toolkit's XLIFF 2.0
storage; the agency's side is played with lxml, as a CAT tool writes 2.0 targets.
"""

from __future__ import annotations

import copy
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import agency
import pytest
from conftest import DATA, FIXTURES, ROOT, Run
from lxml import etree
from translate.storage import xliff2 as ttk_xliff2

from l10n.catalog.entries import read_translations
from l10n.exchange.matching import unit_id

SCHEMA = etree.XMLSchema(etree.parse(str(DATA / "exchange" / "xliff-2.0-subset.xsd")))
X = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": X}
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")


@pytest.fixture
def site(project: Path, l10n: Callable[..., Run]) -> Path:
    shutil.copy(ROOT / "glossary.yaml", project / "glossary.yaml")
    assert l10n("extract").code == 0
    return project


def _export(l10n: Callable[..., Run], *args: str, out: str = "fr.xlf") -> etree._ElementTree:
    result = l10n("export", "--format", "xliff2", *args, "--out", out)
    assert result.code == 0, result.err
    tree = etree.parse(out)
    assert SCHEMA.validate(tree), SCHEMA.error_log
    return tree


def _french() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in read_translations(FR, str(FR)) if e.msgid}


def _translate(tree: etree._ElementTree, out: str, translations: dict[str, str], state: str = "translated") -> None:
    """Fill each segment's target, each placeholder of the source kept where its text is in the translation."""
    for unit in tree.iterfind(".//x:unit", NS):
        data = {d.get("id"): d.text for d in unit.iterfind("x:originalData/x:data", NS)}
        segment = unit.find("x:segment", NS)
        source = segment.find("x:source", NS)
        text = (source.text or "") + "".join(data[ph.get("dataRef")] + (ph.tail or "") for ph in source)
        translation = translations.get(text)
        if translation is None:
            continue
        old = segment.find("x:target", NS)
        if old is not None:
            segment.remove(old)
        target = etree.SubElement(segment, f"{{{X}}}target")
        rest, last = translation, None
        for ph in sorted(source, key=lambda p: translation.find(data[p.get("dataRef")])):
            before, _, rest = rest.partition(data[ph.get("dataRef")])
            if last is None:
                target.text = before
            else:
                last.tail = before
            last = etree.SubElement(target, f"{{{X}}}ph", dict(ph.attrib))
        if last is None:
            target.text = rest
        else:
            last.tail = rest
        segment.set("state", state)
        segment.attrib.pop("subState", None)
    assert SCHEMA.validate(tree), SCHEMA.error_log
    tree.write(out, xml_declaration=True, encoding="UTF-8")


def test_export_is_valid_and_read_by_translate_toolkit(site: Path, l10n: Callable[..., Run]) -> None:
    tree = _export(l10n, "--locale", "fr")
    root = tree.getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "fr")
    store = ttk_xliff2.Xliff2File.parsefile("fr.xlf")
    catalog = _french()
    assert [u.getid() for u in store.units] == [unit_id(t) for t in catalog]
    wanted = unit_id(next(t for t in catalog if "(Domino, 2010)" in t))
    domino = next(u for u in tree.iterfind(".//x:unit", NS) if u.get("id") == wanted)
    (ph,) = domino.iterfind("x:segment/x:source/x:ph", NS)
    assert (ph.get("id"), ph.get("dataRef"), ph.get("disp")) == ("1", "d1", "(Domino, 2010)")
    assert domino.findtext("x:originalData/x:data[@id='d1']", None, NS) == "(Domino, 2010)"
    assert domino.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert "source/exploring-ketamine.md:12" in [n.text for n in domino.iterfind("x:notes/x:note[@category='location']", NS)]
    assert domino.find("x:segment", NS).get("state") == "initial" and domino.find("x:segment/x:target", NS) is None
    domino.find("x:segment", NS).set("state", "needs-translation")  # a 1.2 value: the schema can fail
    assert not SCHEMA.validate(tree)


def test_round_trip_through_an_agency(site: Path, l10n: Callable[..., Run]) -> None:
    french = agency.french()
    _translate(_export(l10n, "--locale", "fr"), "back.xlf", french)
    result = l10n("import", "back.xlf")
    assert result.code == 0, result.err
    assert _french() == {msgid: french[msgid] for msgid in _french()}
    again = _export(l10n, "--locale", "fr", out="again.xlf")
    assert {s.get("state") for s in again.iterfind(".//x:segment", NS)} == {"translated"}  # agency drafts
    result = l10n("import", "again.xlf")
    assert result.code == 0 and result.err.startswith("0 draft(s) imported for review, 25 unit(s) unchanged")


def test_states_follow_the_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]) -> None:
    """The status fixture's de (machine and reuse drafts, one untranslated) and es (all reviewed)."""
    shutil.copytree(FIXTURES / "status", tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    tree = _export(l10n, "--locale", "de", out="de.xlf")
    found = Counter(
        (s.get("state"), s.get("subState"), s.find("x:target", NS) is not None) for s in tree.iterfind(".//x:segment", NS)
    )
    assert found == {
        ("initial", "l10n:leveraged-mt", True): 6,
        ("initial", "l10n:leveraged-inherited", True): 1,
        ("initial", None, False): 1,
    }
    tree = _export(l10n, "--locale", "es", out="es.xlf")
    assert {s.get("state") for s in tree.iterfind(".//x:segment", NS)} == {"final"}


def test_a_unit_split_into_segments_comes_back_whole(site: Path, l10n: Callable[..., Run]) -> None:
    french = agency.french()
    _translate(_export(l10n, "--locale", "fr"), "back.xlf", french)
    tree = etree.parse("back.xlf")
    text = next(t for t in _french() if ". " in t and "`" not in t and "(" not in t and ". " in french[t])
    unit = next(u for u in tree.iterfind(".//x:unit", NS) if u.get("id") == unit_id(text))
    segment = unit.find("x:segment", NS)
    head, _, tail = text.partition(". ")
    fr_head, _, fr_tail = french[text].partition(". ")
    second = copy.deepcopy(segment)
    segment.find("x:source", NS).text, segment.find("x:target", NS).text = head + ".", fr_head + "."
    second.find("x:source", NS).text, second.find("x:target", NS).text = tail, fr_tail
    gap = etree.Element(f"{{{X}}}ignorable")
    etree.SubElement(gap, f"{{{X}}}source").text = " "
    segment.addnext(gap)
    gap.addnext(second)
    assert SCHEMA.validate(tree), SCHEMA.error_log
    tree.write("back.xlf", xml_declaration=True, encoding="UTF-8")
    result = l10n("import", "back.xlf")
    assert result.code == 0, result.err
    assert _french()[text] == french[text]


def test_a_paired_code_in_a_target_is_a_problem_of_its_unit(site: Path, l10n: Callable[..., Run]) -> None:
    french = agency.french()
    _translate(_export(l10n, "--locale", "fr"), "back.xlf", french)
    tree = etree.parse("back.xlf")
    unit = next(u for u in tree.iterfind(".//x:unit", NS) if u.find("x:segment/x:target/x:ph", NS) is not None)
    etree.SubElement(unit.find("x:segment/x:target", NS), f"{{{X}}}pc", id="9").text = "gras"
    tree.write("back.xlf", xml_declaration=True, encoding="UTF-8")
    result = l10n("import", "back.xlf")
    assert result.code == 1
    assert "unexpected <pc> at line" in result.err and "; not imported" in result.err


def test_a_2_0_file_without_a_target_language_is_refused(site: Path, l10n: Callable[..., Run]) -> None:
    _export(l10n, "--locale", "fr")
    Path("fr.xlf").write_text(Path("fr.xlf").read_text("utf-8").replace(' trgLang="fr"', ""), "utf-8")
    result = l10n("import", "fr.xlf")
    assert (result.code, result.err) == (
        2,
        "Error: fr.xlf:2: <xliff> has no trgLang: the file names no language to translate into\n",
    )
