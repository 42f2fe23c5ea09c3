"""The glossary's gaps (issue 25): the terms a locale's sources use that the glossary does not render there.

``fixtures/glossary_gaps`` renders every term in es, some in it and in pt (so pt_BR), none in
ar; ``source/aftercare.md`` names "anxiety" only in a URL and "nausea" only in code,
``source/intake.md`` names "anxiety" in prose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from l10n.core.config import Config
from l10n.glossary.gaps import Gap, gap_message, gaps, note_of, terms_used, warnings
from l10n.glossary.schema import forget_glossaries
from l10n.workflow.project import load

USED = ("ketamine", "depression", "anxiety", "session", "treatment", "clinicians")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "glossary_gaps", root)
    monkeypatch.chdir(root)
    forget_glossaries()
    return load()


def test_terms_used_are_those_of_the_prose_in_the_glossarys_order(config: Config) -> None:
    assert [t.term for t in terms_used(config)] == ["Innerwell", *USED]
    # aftercare.md names "anxiety" only in a URL and "nausea" only in code: neither is used
    assert [t.term for t in terms_used(config, ["aftercare"])] == ["Innerwell", *(t for t in USED if t != "anxiety")]


def test_each_locale_in_order_with_fallback_and_kept_terms(config: Config) -> None:
    found = gaps(config, ("es", "ar", "it", "pt_BR"))
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


def test_warnings_name_the_file_the_locale_the_counts_and_a_few_terms(config: Config) -> None:
    assert warnings(config, ("es", "ar", "it"), ("aftercare",)) == [
        'glossary.yaml: ar has no rendering for any of the 5 glossary terms its sources use ("ketamine", '
        '"depression", "session" and 2 more); its translations are not held to them',
        'glossary.yaml: it has no rendering for 3 of the 4 glossary terms its sources use ("depression", '
        '"session", "clinicians"); its translations are not held to them',
    ]
    assert warnings(config, ("es",)) == []


def test_a_full_glossary_and_an_empty_one_say_nothing(config: Config) -> None:
    (config.root / "glossary.yaml").unlink()
    forget_glossaries()
    assert terms_used(config) == ()
    assert gaps(config, ("ar",)) == [Gap("ar", "glossary.yaml", (), ())]
    assert warnings(config, ("ar",)) == []


def test_one_term_and_the_report_member() -> None:
    assert gap_message("ja", "terms.yaml", 1, ["ketamine"]) == (
        'terms.yaml: ja has no rendering for the one glossary term its sources use ("ketamine"); '
        "its translations are not held to them"
    )
    assert note_of("ja", {"path": "terms.yaml", "needed": 1, "unrendered": ["ketamine"]}) == gap_message(
        "ja", "terms.yaml", 1, ["ketamine"]
    )
    assert note_of("es", {"path": "glossary.yaml", "needed": 4, "unrendered": []}) == ""
    assert note_of("es", None) == ""
