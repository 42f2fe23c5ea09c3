"""``l10n export --format tbx`` and ``l10n import`` of TBX: the glossary for agencies and back.

The export is read with Translate Toolkit's TBX storage (what Weblate and Pootle read);
the agency files in ``data/exchange/tbx/`` are TBX-Basic in the ISO 30042:2008 form
(with the DOCTYPE terminology tools write, never loaded) and the 2019 form.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, Run
from translate.storage import tbx as ttk_tbx

TBX = DATA / "exchange" / "tbx"


@pytest.fixture
def site(project: Path) -> Path:
    shutil.copy(ROOT / "glossary.yaml", project / "glossary.yaml")
    Path("l10n.toml").write_text('source_locale = "en"\nlocales = ["es", "fr", "de", "it"]\n', "utf-8")
    return project


def _terms(path: Path) -> list[dict[str, object]]:
    """The terms of a glossary file, without keys whose value is empty or false."""
    return [
        {k: v for k, v in term.items() if v not in (None, False, "", {})}
        for term in yaml.safe_load(path.read_text("utf-8"))["terms"]
    ]


def test_export_is_read_by_translate_toolkit(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("export", "--format", "tbx", "--out", "glossary.tbx")
    assert (result.code, result.out) == (0, "wrote: glossary.tbx (32 term(s))\n"), result.err
    store = ttk_tbx.tbxfile.parsefile("glossary.tbx")
    glossary = yaml.safe_load((ROOT / "glossary.yaml").read_text("utf-8"))["terms"]
    assert [unit.source for unit in store.units] == [term["term"] for term in glossary]
    ketamine = next(unit for unit in store.units if unit.source == "ketamine")
    assert "Generic drug name, not a brand" in ketamine.getnotes()
    es = ketamine.get_target_terms("es")
    assert [(t.text, t.administrative_status, t.deprecated) for t in es] == [
        ("ketamina", "preferredTerm-admn-sts", False),
        ("ketaminas", "admittedTerm-admn-sts", False),
        ("quetamina", "deprecatedTerm-admn-sts", True),
        ("ketamine", "deprecatedTerm-admn-sts", True),
    ]
    fda = next(unit for unit in store.units if unit.source == "FDA")
    assert [t.text for t in fda.get_target_terms("fr")] == ["FDA"]  # kept as is


def test_export_then_import_into_an_empty_project_gives_the_same_glossary(site: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("export", "--format", "tbx", "--out", "glossary.tbx").code == 0
    Path("glossary.yaml").unlink()
    result = l10n("import", "glossary.tbx")
    assert (result.code, result.out) == (0, "glossary.yaml: 32 term(s) added, 0 updated (32 read from glossary.tbx)\n")
    assert _terms(Path("glossary.yaml")) == _terms(ROOT / "glossary.yaml")
    again = l10n("import", "glossary.tbx")  # nothing new: nothing written
    assert again.out == "glossary.yaml: 0 term(s) added, 0 updated (32 read from glossary.tbx)\n"


def test_an_agency_termbase_joins_the_glossary_keeping_its_comments(site: Path, l10n: Callable[..., Run]) -> None:
    before = Path("glossary.yaml").read_text("utf-8")
    result = l10n("import", str(TBX / "agency-basic.tbx"))
    assert result.code == 0, result.err
    assert result.out.endswith("glossary.yaml: 1 term(s) added, 1 updated (2 read from " + str(TBX / "agency-basic.tbx") + ")\n")
    assert result.err.splitlines() == [
        f"Warning: {TBX / 'agency-basic.tbx'}: ketamine (es): the glossary says 'ketamina', the file 'quetamina': kept 'ketamina'",
        f"Warning: {TBX / 'agency-basic.tbx'}: language tag 'xx-bogus-tag-!' is no locale: its terms were left out",
        f"Warning: {TBX / 'agency-basic.tbx'}: 1 concept(s) without a term in en-US left out: nothing to find in a source text",
    ]
    after = Path("glossary.yaml").read_text("utf-8")
    diff = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert [line for line in diff if line.startswith("-")] == ["-       fr: [ketamine]"]  # a flow list, extended in place
    assert "+       fr: [ketamine, cétamine]" in diff
    assert after.startswith(before.split("version: 1", 1)[0])  # the header comments, untouched
    terms = {term["term"]: term for term in _terms(Path("glossary.yaml"))}
    assert terms["ketamine"]["translations"] == {"es": "ketamina", "fr": "kétamine", "de": "Ketamin", "it": "ketamina"}
    assert terms["ketamine"]["variants"]["fr"] == ["kétamines"]
    assert terms["ketamine"]["forbidden"]["it"] == ["chetamina"]
    assert terms["esketamine"] == {
        "term": "esketamine",
        "translations": {"de": "Esketamin", "es": "esketamina"},
        "forbidden": {"es": ["esquetamina"]},
        "note": "A dissociative anesthetic related to ketamine.",
    }
    assert l10n("check").code in (0, 1)  # the glossary still loads for every command


def test_the_2019_form_is_read(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("import", str(TBX / "tbx-2019.tbx"))
    assert result.code == 0, result.err
    term = next(t for t in _terms(Path("glossary.yaml")) if t["term"] == "esketamine")
    assert term == {"term": "esketamine", "translations": {"fr": "eskétamine"}, "forbidden": {"fr": ["esketamine"]}}


def test_a_termbase_of_another_source_language_is_refused(site: Path, l10n: Callable[..., Run]) -> None:
    data = (
        (TBX / "agency-basic.tbx")
        .read_text("utf-8")
        .replace('<martif type="TBX-Basic" xml:lang="en-US">', '<martif type="TBX-Basic" xml:lang="de">')
    )
    Path("de.tbx").write_text(data, "utf-8")
    before = Path("glossary.yaml").read_bytes()
    result = l10n("import", "de.tbx")
    assert (result.code, result.err) == (2, "Error: de.tbx: its source language 'de' is not the project's 'en'\n")
    assert Path("glossary.yaml").read_bytes() == before


def test_an_invalid_glossary_is_not_edited(site: Path, l10n: Callable[..., Run]) -> None:
    Path("glossary.yaml").write_text("terms:\n  - term: a\n    colour: red\n", "utf-8")
    result = l10n("import", str(TBX / "tbx-2019.tbx"))
    assert result.code == 2 and result.err.startswith("Error: glossary.yaml:3: ")
    assert Path("glossary.yaml").read_text("utf-8") == "terms:\n  - term: a\n    colour: red\n"


def test_export_takes_no_locale(site: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("export", "--format", "tbx", "--locale", "fr", "--out", "x.tbx")
    assert result.code == 2 and "the TBX file is the whole glossary" in result.err
