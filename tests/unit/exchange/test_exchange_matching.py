"""``l10n import``: each unit an agency sends back finds its entry, whatever its tool did to the file.

The cases of :mod:`l10n.exchange.matching` and the file-level refusals of
:mod:`l10n.workflow.agency` (rule 2). The pretty-printed file is the real output of the npm
``xliff`` package 6.4.0 (``tests/data/exchange/npm-xliff/roundtrip.js`` run on this seed
article's French export; ``tests/integration/test_exchange_tools.py`` runs the package itself
when npm can install it); the ``po2xliff`` files are written by Translate Toolkit here.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import agency
import pytest
from conftest import DATA, ROOT, Run
from lxml import etree
from translate.convert import po2xliff

from l10n.catalog.entries import read_translations
from l10n.exchange.matching import normalized, respaced, unit_id
from l10n.exchange.segments import Ref

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")
NPM = DATA / "exchange" / "npm-xliff" / "fr-6.4.0.xlf"


@pytest.fixture
def site(project: Path, l10n: Callable[..., Run]) -> Path:
    shutil.copy(ROOT / "glossary.yaml", project / "glossary.yaml")
    assert l10n("extract").code == 0
    return project


def _back(l10n: Callable[..., Run], name: str = "back.xlf") -> Path:
    assert l10n("export", "--format", "xliff", "--locale", "fr", "--out", "fr.xlf").code == 0
    agency.translate(Path("fr.xlf"), Path(name), agency.french().get)
    return Path(name)


def _edit(path: Path, change: Callable[[etree._ElementTree], None]) -> None:
    tree = etree.parse(str(path))
    change(tree)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _unit(tree: etree._ElementTree, needle: str) -> etree._Element:
    return next(u for u in tree.iterfind(".//x:trans-unit", NS) if needle in "".join(u.find("x:source", NS).itertext()))


def _french() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in read_translations(FR, str(FR)) if e.msgid}


def _expected() -> dict[str, str]:
    """The agency's French for each entry of the catalog (the slug is not extracted here)."""
    french = agency.french()
    return {msgid: french[msgid] for msgid in _french()}


def test_a_renumbered_unit_is_matched_by_its_source_text(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)
    _edit(back, lambda tree: [u.set("id", f"tu{n}") for n, u in enumerate(tree.iterfind(".//x:trans-unit", NS), 1)])
    result = l10n("import", str(back))
    assert result.code == 0, result.err
    assert _french() == _expected()


def test_a_changed_source_refuses_that_unit_only_and_says_why(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)
    source = Path("source/exploring-ketamine.md")
    source.write_text(source.read_text("utf-8").replace("Nausea and vomiting", "Nausea and frequent vomiting"), "utf-8")
    assert l10n("extract").code == 0
    line = _unit(etree.parse(str(back)), "Nausea").sourceline
    result = l10n("import", str(back))
    assert result.code == 1
    errors = [e for e in result.err.splitlines() if e.startswith("Error: ")]
    assert errors == [
        f"Error: back.xlf:{line}: source/exploring-ketamine.md:38: source changed since export: its text is not in "
        f"{FR.as_posix()}; export again; not imported"
    ]
    french = _french()
    assert "Nausea and frequent vomiting" in french and french["Nausea and frequent vomiting"] == ""
    assert sum(1 for text in french.values() if text) == len(french) - 1


def test_an_edited_source_under_a_known_id_is_a_changed_source(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)
    _edit(back, lambda tree: setattr(_unit(tree, "Drowsiness").find("x:source", NS), "text", "Sleepiness"))
    result = l10n("import", str(back))
    assert "source/exploring-ketamine.md:39: source changed since export: its text is not in" in result.err
    assert result.code == 1


def test_an_unknown_id_with_an_unknown_source_says_so(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)

    def change(tree: etree._ElementTree) -> None:
        unit = _unit(tree, "Drowsiness")
        unit.set("id", "42")
        unit.find("x:source", NS).text = "Sleepiness"

    _edit(back, change)
    result = l10n("import", str(back))
    assert "unknown trans-unit id '42', and its source text is not in locales/fr/LC_MESSAGES/exploring-ketamine.po" in result.err
    assert result.code == 1


def test_the_npm_xliff_writer_re_indents_and_is_matched_with_white_space_normalized(site: Path, l10n: Callable[..., Run]) -> None:
    """Its targets are its sources (re-indented the same way): each must come back as its entry's text exactly."""
    data = NPM.read_text("utf-8")
    assert re.search(r" \n +<ph id=\"1\" ctype=\"x-citation\">", data), "the fixture is no longer re-indented"
    shutil.copy(NPM, "npm.xlf")
    result = l10n("import", "npm.xlf")
    respaced_lines = [line for line in result.err.splitlines() if "source differs only in whitespace" in line]
    assert len(respaced_lines) == 5
    assert all(re.match(r"Warning: npm\.xlf:\d+: id=\w+: source differs only in whitespace: matched", w) for w in respaced_lines)
    assert " 0 not imported;" in result.err
    french = _french()
    assert french and all(text == msgid for msgid, text in french.items())  # identity, byte for byte


def test_respaced_keeps_spaces_within_a_line_and_the_entry_s_line_breaks() -> None:
    target = ("\n      Le  texte \n      ", Ref("1", "`x`"), "\n   suite.\n    ")
    assert respaced(target, "Text `x` more.") == ("Le  texte ", target[1], " suite.")
    assert respaced(("\n  a\n    b\n",), "one\ntwo") == ("a\nb",)
    assert respaced((" a ",), "  indented  ") == ("  ", "a", "  ")
    assert normalized(" a \n\t b ") == "a b"


def _po2xliff(catalog: Path, out: Path) -> None:
    with catalog.open("rb") as source, out.open("wb") as target:
        assert po2xliff.convertpo(source, target, None)


def test_a_po2xliff_file_of_a_catalog_of_the_project_is_accepted(site: Path, l10n: Callable[..., Run]) -> None:
    _po2xliff(FR, Path("po.xlf"))
    data = Path("po.xlf").read_text("utf-8")
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.1"' in data and "x-gettext-domain-header" in data
    assert f'original="{FR.as_posix()}"' in data
    agency.translate(Path("po.xlf"), Path("back.xlf"), agency.french().get)
    result = l10n("import", "back.xlf")
    assert result.code == 0, result.err
    assert _french() == _expected()


def test_a_po2xliff_file_of_another_catalog_says_what_it_is(site: Path, l10n: Callable[..., Run]) -> None:
    shutil.copy(FR, "ketamine.po")
    _po2xliff(Path("ketamine.po"), Path("po.xlf"))
    result = l10n("import", "po.xlf")
    assert result.code == 2
    assert result.err.startswith("Error: po.xlf:3: original 'ketamine.po' is a PO file, not an article of this project:")
    assert "export with `l10n export --format xliff` and translate that file" in result.err


def test_a_target_language_other_than_the_catalog_s_is_refused(site: Path, l10n: Callable[..., Run]) -> None:
    _po2xliff(FR, Path("po.xlf"))
    Path("po.xlf").write_text(Path("po.xlf").read_text("utf-8").replace('target-language="fr"', 'target-language="es"'), "utf-8")
    catalog = FR.read_bytes()
    result = l10n("import", "po.xlf")
    assert (result.code, result.err) == (
        2,
        f"Error: po.xlf:3: target-language 'es' differs from the catalog it would fill ({FR.as_posix()}, locale fr)\n",
    )
    assert FR.read_bytes() == catalog


def test_duplicate_ids_are_refused_naming_both_lines(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)
    lines: list[int] = []

    def change(tree: etree._ElementTree) -> None:
        first, second = list(tree.iterfind(".//x:trans-unit", NS))[:2]
        second.set("id", first.get("id"))
        lines.extend([first.sourceline, second.sourceline])

    _edit(back, change)
    catalog = FR.read_bytes()
    result = l10n("import", str(back))
    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == f"Error: back.xlf:{lines[1]}: duplicate trans-unit id {unit_id('Exploring Ketamine: A Breakthrough for Mental Health Treatment')!r} (lines {lines[0]} and {lines[1]})\n"
    )
    assert FR.read_bytes() == catalog


def test_two_files_for_one_article_are_refused_naming_both_lines(site: Path, l10n: Callable[..., Run]) -> None:
    back = _back(l10n)
    text = back.read_text("utf-8")
    head, rest = text.split("<file ", 1)
    block = "<file " + rest.rsplit("</file>", 1)[0] + "</file>"
    back.write_text(head + block + "\n  " + block + rest.rsplit("</file>", 1)[1], "utf-8")
    first, second = (f.sourceline for f in etree.parse(str(back)).iterfind("x:file", NS))
    result = l10n("import", str(back))
    assert (result.code, result.err) == (
        2,
        f"Error: back.xlf:{second}: two <file>s for 'exploring-ketamine' in fr (lines {first} and {second}): "
        "one <file> per article and locale\n",
    )
