"""The glossary: loading and validation, finding terms and violations.

Bad glossaries are data files under ``data/glossary/bad-*.yaml``; ``messages.txt`` holds
the exact error for each. Good cases are fixture files (``find.md``,
``violations.md``) run against ``data/glossary/good.yaml``; the project's own
``glossary.yaml`` is checked against the seed article and the shipped Spanish catalog.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path
from typing import Any

import polib
import pytest
from conftest import DATA, ROOT, SEED
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.utils import read_fixture_file

from l10n.core.errors import GlossaryError, L10nError, LocaleError
from l10n.core.locales import normalize_locale
from l10n.glossary.model import Glossary, Term, Violation
from l10n.glossary.schema import load_glossary, parse_glossary

HERE = DATA / "glossary"
GOOD = HERE / "good.yaml"
PROJECT_GLOSSARY = ROOT / "glossary.yaml"
SPANISH_PO = ROOT / "locales" / "es" / "LC_MESSAGES" / "exploring-ketamine.po"
LOCALES = ("es", "fr", "de")
EXPECTED = dict(
    line.split(": ", 1) for line in (HERE / "messages.txt").read_text("utf-8").splitlines() if line and not line.startswith("#")
)


def _cases(name: str) -> list[list[Any]]:
    return read_fixture_file(HERE / name)


def _ids(name: str) -> list[str]:
    return [f"{case[0] + 1}-{case[1]}" for case in _cases(name)]


@pytest.fixture(scope="module")
def good() -> Glossary:
    return load_glossary(GOOD, "good.yaml")


@pytest.fixture(scope="module")
def project_glossary() -> Glossary:
    return load_glossary(PROJECT_GLOSSARY, "glossary.yaml")


# Bad glossaries


def test_every_bad_file_has_a_message() -> None:
    assert sorted(p.name for p in HERE.glob("bad-*.yaml")) == sorted(EXPECTED)


_SUGGESTIONS = re.compile(r" \(did you mean ([^)]*)\?\)$")


def _without_new_suggestions(message: str, expected: str) -> str:
    """*message* without the suggestions CLDR's list of locales gives it, when *expected* has none.

    What ``l10n`` promises is "unknown locale 'zz'", and that any code it suggests is a real
    one; which codes are close to ``zz`` changes with CLDR (46 added ``lzz``).
    """
    found = _SUGGESTIONS.search(message)
    if found is None or _SUGGESTIONS.search(expected):
        return message
    for code in found[1].split(", "):
        assert normalize_locale(code) == code, f"{code} is suggested but is not a known locale"
    return message[: found.start()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_glossary(name: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(HERE / name, "glossary.yaml")
    error = caught.value
    assert _without_new_suggestions(str(error), EXPECTED[name]) == EXPECTED[name]
    assert isinstance(error, L10nError)
    assert error.path == "glossary.yaml"
    assert error.line is not None
    assert error.__context__ is None or error.__suppress_context__, "no third-party traceback may reach the user"


def test_a_missing_glossary_is_empty(tmp_path: Path) -> None:
    glossary = load_glossary(tmp_path / "glossary.yaml", "glossary.yaml")
    assert glossary == Glossary((), "glossary.yaml")
    assert glossary.find("ketamine") == []
    assert glossary.violations("ketamine", "", "es") == []


def test_an_unreadable_glossary_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").mkdir()
    with pytest.raises(GlossaryError, match=r"^glossary\.yaml: is a folder, not a file$"):
        load_glossary(tmp_path / "glossary.yaml", "glossary.yaml")


@pytest.mark.parametrize(
    "text",
    ["", "# only a comment\n", "version: 1\n", "version: 1\nterms:\n", "terms: []\n", "\ufeffversion: 1\n"],
    ids=["empty", "comment", "version only", "no terms", "empty list", "byte order mark"],
)
def test_empty_glossaries(text: str) -> None:
    assert parse_glossary(text).terms == ()


def test_loaded_values() -> None:
    text = (
        "version: 1\n"
        "terms:\n"
        "  - term: ketamine\n"
        "    translations: {es: ketamina, pt-BR: cetamina, no: ketamin}\n"
        "    variants: {es: [ketaminas, ketaminas]}\n"
        "    forbidden: {es: [quetamina]}\n"
        "    note: >-\n"
        "      Generic drug name;\n"
        "      lower case.\n"
        "  - term: NO\n"
        "    do_not_translate: [es-MX, fr]\n"
        "    case_sensitive: yes\n"
        "    translations: {de: Stickstoffmonoxid}\n"
        "    note:\n"
    )
    ketamine, nitric_oxide = parse_glossary(text).terms
    assert ketamine == Term(
        "ketamine",
        {"es": "ketamina", "pt_BR": "cetamina", "no": "ketamin"},
        {"es": ("ketaminas",)},
        {"es": ("quetamina",)},
        False,
        False,
        "Generic drug name; lower case.",
        3,
    )
    assert nitric_oxide.term == "NO", "a plain NO is the string, not YAML 1.1's false"
    assert nitric_oxide.do_not_translate == frozenset({"es_MX", "fr"})
    assert nitric_oxide.case_sensitive is True
    assert nitric_oxide.note == ""
    assert nitric_oxide.line == 10


def test_terms_are_immutable_and_hashable() -> None:
    term = Term("ketamine", {"es": "ketamina"}, {"es": ["ketaminas"]})  # type: ignore[dict-item]
    assert term.variants["es"] == ("ketaminas",)
    with pytest.raises(TypeError):
        term.translations["es"] = "quetamina"  # type: ignore[index]
    assert len({term, Term("ketamine", {"es": "ketamina"}, {"es": ("ketaminas",)})}) == 1


@pytest.mark.parametrize(
    ("do_not_translate", "locale", "keeps"),
    [
        (True, "de", True),
        (False, "es", False),
        (frozenset({"es"}), "es", True),
        (frozenset({"es"}), "es-MX", True),
        (frozenset({"es"}), "fr", False),
        (frozenset({"es_MX"}), "es", False),
    ],
)
def test_keeps(do_not_translate: bool | frozenset[str], locale: str, keeps: bool) -> None:
    assert Term("Medicare", do_not_translate=do_not_translate).keeps(locale) is keeps


def test_a_regional_translation_overrides_its_language_being_kept() -> None:
    term = Term("Medicare", {"es_MX": "Medicare (seguro médico de EE. UU.)"}, do_not_translate=frozenset({"es"}))
    assert term.keeps("es_AR")
    assert not term.keeps("es_MX")
    assert term.translation_for("es_MX") == "Medicare (seguro médico de EE. UU.)"


def test_an_invalid_locale_argument_is_a_locale_error(good: Glossary) -> None:
    with pytest.raises(LocaleError):
        good.violations("ketamine", "ketamina", "klingon")


# Good cases, from fixture files


@pytest.mark.parametrize(("line", "title", "text", "expected"), _cases("find.md"), ids=_ids("find.md"))
def test_find(line: int, title: str, text: str, expected: str, good: Glossary) -> None:
    found = good.find(text)
    rendered = [f"{term.term}: {text[start:end]}".replace("\n", "⏎") for term, start, end in found]
    assert rendered == expected.splitlines()


@pytest.mark.parametrize(("line", "title", "given", "expected"), _cases("violations.md"), ids=_ids("violations.md"))
def test_violations(line: int, title: str, given: str, expected: str, good: Glossary) -> None:
    locale, rest = given.split("\n", 1)
    source, translation = rest.rstrip("\n").split("\n---\n")
    found = good.violations(source, translation, locale)
    assert [f"{v.kind}: {v.message}" for v in found] == expected.splitlines()
    assert all(isinstance(v, Violation) and "\n" not in v.message for v in found)


def test_find_reports_spans_of_the_text(good: Glossary) -> None:
    text = "Ask about ketamine\u2019s side effects."
    assert [(term.term, text[start:end]) for term, start, end in good.find(text)] == [
        ("ketamine", "ketamine"),
        ("side effects", "side effects"),
    ]


def test_translations_are_compared_in_nfc(good: Glossary) -> None:
    decomposed = unicodedata.normalize("NFD", "La depresión resistente al tratamiento.")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert good.violations("treatment-resistant depression", decomposed, "es") == []


def test_a_term_built_in_code_needs_no_file() -> None:
    glossary = Glossary((Term("FDA", do_not_translate=True, case_sensitive=True),), "inline")
    (violation,) = glossary.violations("Approved by the FDA.", "Von der US-Behörde zugelassen.", "de")
    assert violation.kind == "changed-term"
    assert violation.term.term == "FDA"


_WORDS = ["ketamine", "depression", "treatment-resistant", "side", "effects", "Innerwell", "NO", "the", "-", "\u2019s"]


@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", "\n", ", "]))
def test_found_spans_are_ordered_and_disjoint(words: list[str], sep: str) -> None:
    glossary = load_glossary(GOOD, "good.yaml")
    text = sep.join(words)
    found = glossary.find(text)
    spans = [(start, end) for _term, start, end in found]
    assert spans == sorted(spans)
    assert all(end <= next_start for (_s, end), (next_start, _e) in itertools.pairwise(spans))
    for term, start, end in found:
        assert Glossary((term,)).find(text[start:end]) == [(term, 0, end - start)]


# The project's glossary


def test_the_project_glossary_loads(project_glossary: Glossary) -> None:
    assert len(project_glossary) >= 25
    assert project_glossary.path == "glossary.yaml"


def test_every_term_has_a_rendering_in_every_configured_locale(project_glossary: Glossary) -> None:
    missing = [
        f"{term.term} ({locale})"
        for term in project_glossary.terms
        for locale in LOCALES
        if not term.keeps(locale) and term.translation_for(locale) is None
    ]
    assert missing == []


def test_the_seed_article_uses_the_glossary(project_glossary: Glossary) -> None:
    found = {term.term for term, _start, _end in project_glossary.find(SEED.read_text("utf-8"))}
    assert {"Innerwell", "FDA", "MDD", "ketamine", "NMDA receptors", "treatment-resistant depression"} <= found
    assert {"major depressive disorder", "intravenous infusion", "healthcare provider", "side effects"} <= found


def _spanish_entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(SPANISH_PO)) if entry.msgstr and not entry.obsolete]


@pytest.mark.parametrize("entry", _spanish_entries(), ids=lambda entry: f"line-{entry.linenum}")
def test_the_shipped_spanish_catalog_follows_the_glossary(entry: polib.POEntry, project_glossary: Glossary) -> None:
    assert [v.message for v in project_glossary.violations(entry.msgid, entry.msgstr, "es")] == []


def test_the_shipped_spanish_catalog_is_checked() -> None:
    assert len(_spanish_entries()) >= 20


@pytest.mark.parametrize(
    ("source", "translation", "locale", "kind", "rendering"),
    [
        ("Ketamine is safe.", "La quetamina es segura.", "es", "forbidden-term", "quetamina"),
        (
            "See your healthcare provider.",
            "Consulte a su proveedor de atención médica.",
            "es",
            "forbidden-term",
            "proveedor de atención médica",
        ),
        (
            "Nausea and other side effects.",
            "Náuseas y otros efectos laterales.",
            "es",
            "forbidden-term",
            "efectos laterales",
        ),
        ("Increased heart rate.", "Aumento del ritmo cardíaco.", "es", "forbidden-term", "ritmo cardíaco"),
        (
            "It is given by intravenous infusion.",
            "Elle est administrée par infusion intraveineuse.",
            "fr",
            "forbidden-term",
            "infusion intraveineuse",
        ),
        ("Ketamine helps.", "La ketamine aide.", "fr", "forbidden-term", "ketamine"),
        ("Potential side effects.", "Mögliche Seiteneffekte.", "de", "forbidden-term", "Seiteneffekte"),
        ("Approved by the FDA.", "Aprobada por la Administración de Alimentos.", "es", "changed-term", "FDA"),
        ("It blocks NMDA receptors.", "Bloquea los receptores de glutamato.", "es", "missing-term", "receptores NMDA"),
    ],
)
def test_the_project_glossary_catches_machine_translation_errors(
    source: str, translation: str, locale: str, kind: str, rendering: str, project_glossary: Glossary
) -> None:
    found = project_glossary.violations(source, translation, locale)
    assert any(v.kind == kind and f'"{rendering}"' in v.message for v in found), found


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("The benefits of ketamine therapy.", "Die Vorteile der Ketamintherapie."),
        ("Serotonin and norepinephrine levels.", "Serotonin- und Noradrenalinspiegel."),
        ("The brain\u2019s glutamate system.", "Das Glutamatsystem des Gehirns."),
        ("Its anesthetic and analgesic effects.", "Seine anästhetische und analgetische Wirkung."),
    ],
)
def test_german_compounds_are_accepted_variants(source: str, translation: str, project_glossary: Glossary) -> None:
    assert project_glossary.violations(source, translation, "de") == []
