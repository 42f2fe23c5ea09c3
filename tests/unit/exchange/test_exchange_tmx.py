"""TMX 1.4b: reviewed translations out (``export --format tmx``), memories in (``import --format tmx``),
and the translation memory that ``l10n translate`` reuses.

Exported files are validated against ``data/exchange/tmx-1.4b-subset.dtd`` (the official
``tmx14.dtd`` is not available offline: see that file) and read with Translate Toolkit's
TMX storage; the memories from elsewhere are written with it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import agency
import pytest
from conftest import DATA, FIXTURES, Run, assert_gettext_canonical, gettext_tool
from lxml import etree
from test_exchange_xliff import UNITS
from translate.storage import tmx as ttk_tmx

from l10n.catalog import provenance, stamps
from l10n.catalog.entries import read_translations
from l10n.exchange import tmx
from l10n.mt.memory import Memory, language_matches

FIXTURE = FIXTURES / "status"

DTD = etree.DTD(str(DATA / "exchange" / "tmx-1.4b-subset.dtd"))
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")


def _valid(path: Path) -> None:
    assert DTD.validate(etree.parse(str(path))), DTD.error_log.filter_from_errors()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The status fixture: es all reviewed, fr and it partly, de drafts only, pt_BR empty."""
    shutil.copytree(FIXTURE, tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path / "site"


def _reviewed(locale: str) -> dict[str, str]:
    """Source text -> translation without ``fuzzy`` in *locale* (reviewed, or failing a check)."""
    found: dict[str, str] = {}
    for po in sorted(Path(f"locales/{locale}/LC_MESSAGES").glob("*.po")):
        for entry in read_translations(po, str(po)):
            if entry.msgid and entry.msgstr and not entry.fuzzy and not entry.obsolete:
                found.setdefault(entry.msgid, entry.msgstr)
    return found


def test_export_holds_the_reviewed_translations_only(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("export", "--format", "tmx", "--out", "all.tmx")
    assert result.code == 0, result.err
    _valid(Path("all.tmx"))
    srclang, units = tmx.loads(Path("all.tmx").read_bytes(), "all.tmx")
    assert srclang == "en"
    langs = Counter(v.lang for u in units for v in u.variants)
    assert langs == {
        "en": len(units),
        "es": 8,
        "fr": 5,
        "it": 6,
    }  # test_status.py's reviewed units (fr's failing and unapproved ones left out)
    assert result.out == f"wrote: all.tmx ({len(units)} translation unit(s))\n"

    assert l10n("export", "--format", "tmx", "--locale", "fr", "--out", "fr.tmx").code == 0
    _valid(Path("fr.tmx"))
    store = ttk_tmx.tmxfile.parsefile("fr.tmx")
    reviewed = _reviewed("fr")
    pairs = {u.source: u.target for u in store.units}
    assert len(pairs) == 5 and all(reviewed[s] == t for s, t in pairs.items())  # fr: 7 units, one failing, one unapproved


def test_export_dates_each_translation_by_its_approval(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    agency.translate(Path(_exported(l10n)), Path("back.xlf"), agency.french().get)
    assert l10n("import", "back.xlf").code == 0
    assert l10n("review", "approve", "--locale", "fr", "--all", "--yes", "--reviewer", "R").code == 0
    assert l10n("export", "--format", "tmx", "--locale", "fr", "--out", "fr.tmx").code == 0
    _valid(Path("fr.tmx"))
    stamp = next(provenance.drafted_at(e.comment) for e in read_translations(FR, str(FR)) if e.msgid)
    dates = {
        tuv.get("changedate")
        for tuv in etree.parse("fr.tmx").iter("tuv")
        if tuv.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    }
    assert dates == {stamps.stamp(stamp).replace("-", "").replace(":", "").replace("Z", "00Z")}
    store = ttk_tmx.tmxfile.parsefile("fr.tmx")
    units = {e.msgid for e in read_translations(FR, str(FR)) if e.msgid and not e.obsolete}
    expected = {source: target for source, target in agency.french().items() if source in units}
    assert len(expected) == UNITS  # the project's units: the seed article without its slug
    assert {u.source: u.target for u in store.units} == expected  # Translate Toolkit reads the texts whole, spans included


def _exported(l10n: Callable[..., Run]) -> str:
    assert l10n("export", "--format", "xliff", "--locale", "fr", "--out", "fr.xlf").code == 0
    return "fr.xlf"


# -- a memory from elsewhere -----------------------------------------------------------------


def _memory_from_elsewhere(path: Path, pairs: dict[str, str]) -> None:
    """A TMX as another tool writes it: Translate Toolkit's, with regional tags and a language we do not have."""
    store = ttk_tmx.tmxfile(sourcelanguage="en-US", targetlanguage="fr-FR")
    for source, target in pairs.items():
        store.addtranslation(source, "en-US", target, "fr-FR")
    store.addtranslation("Drowsiness", "en-US", "眠気", "ja")
    store.savefile(str(path))


def test_import_keeps_the_configured_locales(project: Path, l10n: Callable[..., Run]) -> None:
    french = agency.french()
    _memory_from_elsewhere(project / "agency.tmx", french)
    result = l10n("import", "agency.tmx")
    assert result.code == 0, result.err
    assert result.out == f"wrote: memory/agency.tmx ({len(french) + 1} unit(s) read; kept: fr {len(french)}; skipped: ja 1)\n"
    _valid(Path("memory/agency.tmx"))
    srclang, units = tmx.loads(Path("memory/agency.tmx").read_bytes(), "m")
    assert srclang == "en" and {v.lang for u in units for v in u.variants} == {"en", "fr"}
    assert {u.variants[0].text: u.variants[1].text for u in units} == french


@pytest.mark.parametrize(
    "content, message",
    [
        ('<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de"><seg>Hallo</seg></tuv>'
         '<tuv xml:lang="fr"><seg>Salut</seg></tuv></tu></body></tmx>',
         "Error: in.tmx: no translation from en into a configured locale (es, fr); its languages: de, fr\n"),
        ('<tmx version="1.4"><body/></tmx>', "Error: in.tmx:1: a TMX file needs a <header> and a <body>\n"),
        ('<tmx version="1.4"><header/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>',
         "Error: in.tmx:1: a <tuv> needs xml:lang and a <seg>\n"),
        ("<xliff/>", "Error: in.tmx:1: not a TMX file: its root element is <xliff>\n"),
    ],
)  # fmt: skip
def test_bad_memories_are_one_line_errors(project: Path, l10n: Callable[..., Run], content: str, message: str) -> None:
    Path("in.tmx").write_text(content, "utf-8")
    result = l10n("import", "--format", "tmx", "in.tmx")
    assert (result.code, result.err) == (2, message)
    assert not Path("memory").exists()


# -- translate reuses the memory -------------------------------------------------------------


def test_translate_drafts_exact_matches_and_suggests_fuzzy_ones(project: Path, l10n: Callable[..., Run]) -> None:
    french = agency.french()
    _memory_from_elsewhere(project / "agency.tmx", french)
    assert l10n("import", "agency.tmx").code == 0
    source = Path("source/exploring-ketamine.md")
    text = source.read_text("utf-8")
    text = text.replace("Nausea and vomiting", "Nausea and frequent vomiting").replace("What is Ketamine?", "Ketamine: a primer")
    source.write_text(text, "utf-8")
    assert l10n("extract").code == 0

    dry = l10n("translate", "--locale", "fr", "--engine", "pseudo", "--dry-run")
    assert dry.out.endswith(f"translation memory: {UNITS - 2} exact match(es) as drafts, 1 unit(s) with suggestions\n")
    assert not any(provenance.suggestions_of(e.comment) for e in read_translations(FR, str(FR)))  # a dry run writes nothing
    result = l10n("translate", "--locale", "fr", "--engine", "pseudo")
    assert result.code == 0, result.err
    assert f"translation memory: {UNITS - 2} exact match(es) as drafts, 1 unit(s) with suggestions" in result.out
    entries = {e.msgid: e for e in read_translations(FR, str(FR)) if e.msgid}
    memory = [t for t, e in entries.items() if provenance.draft_of(e.comment).how == "tm"]
    assert len(memory) == UNITS - 2 and all(entries[t].fuzzy and entries[t].msgstr == french[t] for t in memory)
    assert "l10n-draft: tm from=memory/agency.tmx date=" in entries[memory[0]].comment
    fuzzy = entries["Nausea and frequent vomiting"]
    assert provenance.draft_of(fuzzy.comment).how == "mt"  # a suggestion is never the draft
    assert provenance.suggestions_of(fuzzy.comment) == [
        "85% from=memory/agency.tmx: Nausea and vomiting => Nausées et vomissements"
    ]
    assert provenance.suggestions_of(entries["Ketamine: a primer"].comment) == []  # below 75%
    states = Counter(line.split("\t")[2] for line in l10n("review", "--locale", "fr").out.splitlines() if "\t" in line)
    assert states == {"memory draft": UNITS - 2, "pseudo draft": 2}  # the rest drafted by the engine asked for

    # the suggestions are translator comments: extract, msgmerge and msgcat keep them
    assert l10n("extract").code == 0
    assert_gettext_canonical(FR)
    merged = subprocess.run(
        [gettext_tool("msgmerge"), "--previous", "-q", "-o", "-", str(FR), "locales/templates/exploring-ketamine.pot"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "# l10n-suggestion: 85% from=memory/agency.tmx: Nausea and vomiting => Nausées et vomissements\n" in merged
    assert provenance.suggestions_of({e.msgid: e for e in read_translations(FR, str(FR))}[fuzzy.msgid].comment)


def test_min_similarity_is_configurable(project: Path, l10n: Callable[..., Run]) -> None:
    _memory_from_elsewhere(project / "agency.tmx", agency.french())
    assert l10n("import", "agency.tmx").code == 0
    with Path("l10n.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[memory]\nmin_similarity = 90\n")
    source = Path("source/exploring-ketamine.md")
    source.write_text(source.read_text("utf-8").replace("Nausea and vomiting", "Nausea and frequent vomiting"), "utf-8")
    assert l10n("extract").code == 0
    assert (
        f"translation memory: {UNITS - 1} exact match(es) as drafts, 0 unit(s) with suggestions"
        in l10n("translate", "--locale", "fr", "--engine", "pseudo").out
    )


# -- the memory itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag, locale, expected",
    [
        ("fr", "fr", True),
        ("fr-FR", "fr", True),
        ("FR-ca", "fr", True),
        ("fr_FR", "fr", True),
        ("fra", "fr", False),
        ("pt-BR", "pt_BR", True),
        ("pt-br", "pt_BR", True),
        ("pt-PT", "pt_BR", False),
        ("pt", "pt_BR", False),
        ("zh-Hant", "zh_Hant", True),
        ("en-US", "en", True),
    ],
)
def test_language_matching(tag: str, locale: str, expected: bool) -> None:
    assert language_matches(tag, locale) is expected


def test_fuzzy_matches_are_scored_ranked_and_bounded() -> None:
    memory = Memory(min_similarity=50, limit=2)
    for source, target in [
        ("Ketamine is a powerful medication.", "a"),
        ("Ketamine is a powerful medicine.", "b"),
        ("Ketamine is a medication.", "c"),
        ("Something else entirely, nothing shared.", "d"),
    ]:
        memory.add(source, target, "m.tmx")
    assert memory.exact("Ketamine is a powerful medication.").target == "a"
    found = memory.similar("Ketamine is a powerful medication.")
    assert [(m.target, m.score) for m in found] == [
        ("c", 90),
        ("b", 83),
    ]  # 2 * 5 of 11 and 12 tokens; the exact one is no suggestion
    assert memory.similar("Nothing in common here") == []
    assert Memory(min_similarity=90).similar("Ketamine is a powerful medication.") == []
