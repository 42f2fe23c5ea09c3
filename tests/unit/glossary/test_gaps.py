"""The glossary's gaps (issue 25): the terms a locale's sources use that the glossary does not render there.

``fixtures/glossary_gaps`` renders every term in es, some in it and in pt (so pt_BR), none in
ar; ``source/aftercare.md`` names "anxiety" only in a URL and "nausea" only in code,
``source/intake.md`` names "anxiety" in prose.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from l10n.checks import cache as check_cache
from l10n.checks import check_catalogs
from l10n.core.config import Config
from l10n.glossary.gaps import Gap, gap_message, note_of, terms_in
from l10n.glossary.schema import forget_glossaries, glossary_of
from l10n.workflow import coverage
from l10n.workflow.coverage import glossary_gaps, glossary_warnings
from l10n.workflow.extract import extract
from l10n.workflow.project import load

USED = ("ketamine", "depression", "anxiety", "session", "treatment", "clinicians")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "glossary_gaps", root)
    monkeypatch.chdir(root)
    forget_glossaries()
    return load()


def _units(config: Config, article: str) -> list[str]:
    source = config.source_path(article)
    doc = coverage.read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    return [unit.text for unit in doc.units]


def test_terms_in_the_prose_only(config: Config) -> None:
    glossary = glossary_of(config)
    found = terms_in(glossary, _units(config, "aftercare"))
    # aftercare.md names "anxiety" only in a URL and "nausea" only in code: neither is used
    assert [t.term for t in glossary.terms if t in found] == ["Innerwell", *(t for t in USED if t != "anxiety")]
    assert {t.term for t in terms_in(glossary, _units(config, "intake"))} == {"anxiety"}, "not clinicians in clinician"
    # case is ignored unless the term is case-sensitive, as the checks match
    assert terms_in(glossary, ["KETAMINE after the visit", "innerwell"]) == {glossary.terms[1]}


def test_each_locale_in_order_with_fallback_and_kept_terms(config: Config) -> None:
    found = glossary_gaps(config, ("es", "ar", "it", "pt_BR"))
    assert found == [
        Gap("es", "glossary.yaml", USED, ()),
        Gap("ar", "glossary.yaml", USED, USED),  # no rendering at all
        # it keeps "treatment" (do_not_translate: [it]): it needs no rendering there
        Gap(
            "it",
            "glossary.yaml",
            ("ketamine", "depression", "anxiety", "session", "clinicians"),
            ("depression", "anxiety", "session", "clinicians"),
        ),
        # pt_BR is rendered by the pt entries
        Gap("pt_BR", "glossary.yaml", USED, ("anxiety", "session", "treatment", "clinicians")),
    ]
    assert [gap.told for gap in found] == [False, True, True, True]
    assert found[1].as_dict() == {"path": "glossary.yaml", "needed": 6, "unrendered": list(USED)}
    assert glossary_gaps(config) == found[:1], "the configured locales by default"


def test_warnings_name_the_file_the_locale_the_counts_and_a_few_terms(config: Config) -> None:
    assert glossary_warnings(config, ("es", "ar", "it"), ("aftercare",)) == [
        'glossary.yaml: ar has no rendering for any of the 5 glossary terms its sources use ("ketamine", '
        '"depression", "session" and 2 more); its translations are not held to them',
        'glossary.yaml: it has no rendering for 3 of the 4 glossary terms its sources use ("depression", '
        '"session", "clinicians"); its translations are not held to them',
    ]
    assert glossary_warnings(config, ("es",)) == []


def test_an_unchanged_source_is_not_parsed_again(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    past = 1_700_000_000
    for path in config.source_dir.iterdir():
        os.utime(path, (past, past))  # older than the cache's racy window
    parsed: list[str] = []
    real = coverage.read

    def read(path: Path, *args: object) -> object:
        parsed.append(path.name)
        return real(path, *args)  # type: ignore[arg-type]

    extract(config)
    po = config.catalog_path("es", "intake")
    po.write_text(po.read_text("utf-8").replace('msgid "Intake"\nmsgstr ""', 'msgid "Intake"\nmsgstr "Admisión"'), "utf-8")
    assert list(check_catalogs(config)) == [], "results in the check cache: a later run reads it (rule 5 of its module)"
    monkeypatch.setattr(coverage, "read", read)
    first = glossary_gaps(config, ("ar",))
    assert sorted(parsed) == ["aftercare.md", "intake.md"]
    _as_a_new_process()
    assert glossary_gaps(config, ("ar",)) == first
    assert sorted(parsed) == ["aftercare.md", "intake.md"], "both read back from the check cache"
    intake = config.source_path("intake")
    intake.write_text("# Intake\n\nTell us about any nausea.\n", "utf-8")
    os.utime(intake, (past + 60, past + 60))
    _as_a_new_process()
    assert glossary_gaps(config, ("ar",))[0].needed == ("ketamine", "depression", "nausea", "session", "treatment", "clinicians")
    assert sorted(parsed) == ["aftercare.md", "intake.md", "intake.md"], "only the edited source read again"


def _as_a_new_process() -> None:
    """Forget this process's check caches: the next run reads ``.l10n/checks.sqlite`` anew, as a new process would."""
    for cache in check_cache._CACHES.values():
        cache.close()
    check_cache._CACHES.clear()


def test_a_full_glossary_and_an_empty_one_say_nothing(config: Config) -> None:
    (config.root / "glossary.yaml").unlink()
    forget_glossaries()
    assert glossary_gaps(config, ("ar",)) == [Gap("ar", "glossary.yaml", (), ())]
    assert glossary_warnings(config, ("ar",)) == []


def test_one_term_and_the_report_member() -> None:
    message = gap_message("ja", "terms.yaml", 1, ["ketamine"])
    assert message == (
        'terms.yaml: ja has no rendering for the one glossary term its sources use ("ketamine"); '
        "its translations are not held to them"
    )
    assert note_of("ja", {"path": "terms.yaml", "needed": 1, "unrendered": ["ketamine"]}) == message
    assert note_of("es", {"path": "glossary.yaml", "needed": 4, "unrendered": []}) == ""
    assert note_of("es", None) == ""
