"""The negation checks (``l10n/checks/negations.py``), from ``fixtures/negations.md``.

A case's title is ``locale | what`` or ``locale | required | what`` (the unit is one of the
article's required units); the expected output lists the findings of the negation checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import shown
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.glossary.model import Glossary

CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "negations.md")
SHOWN = {"negations", "required-negations"}


def findings(source: str, translation: str, locale: str, required: bool = False) -> str:
    scope = checks.Scope(required=frozenset({source} if required else ()))
    ctx = checks.Context(source, translation, locale, Glossary(), scope=scope)
    return shown(ctx, SHOWN)


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_negations_fixture(line: int, title: str, given: str, expected: str) -> None:
    locale, *flags, _what = title.split(" | ")
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert findings(source, translation, locale, "required" in flags) == expected


def test_only_the_required_twin_reports_on_a_required_unit() -> None:
    source, translation = "Do not exceed the dose.", "Dépassez la dose."
    assert findings(source, translation, "fr").startswith("warning [negations]")
    assert findings(source, translation, "fr", required=True).startswith("error [required-negations]")


def test_the_required_units_come_from_the_article(tmp_path: Path) -> None:
    """``scope_of`` marks the units under ``<!-- l10n:required -->`` and those matching ``[build] required``."""
    from l10n.checks.runner import scope_of
    from l10n.core.config import load_config

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text(
        "# Title\n\n<!-- l10n:required -->\nThis is not medical advice.\n\nTake it daily.\n\nConsult a doctor first.\n",
        "utf-8",
    )
    (tmp_path / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n\n[build]\nrequired = ["^Consult"]\n', "utf-8")
    config = load_config(path=tmp_path / "l10n.toml")
    scope = scope_of(config, "a")
    assert scope.required == frozenset({"This is not medical advice.", "Consult a doctor first."})
