"""Acceptance of the glossary and QA work on the shipped content.

A copy of the repository's own content is checked as it ships (no error), then with
one machine-translation failure mode injected into each of several entries: each is
reported under its check's name, and the build publishes none of them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import ROOT, Run, assert_gettext_canonical, gettext_tool, publish_partial

from l10n.catalog.entries import read_translations

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
POT = Path("locales/templates/exploring-ketamine.pot")
SOURCE = Path("source/exploring-ketamine.md")
EXTRA = (
    "Read the label at <https://doi.org/10.1097/ALN.0b013e3181ed09a2> and our "
    "[guide](https://example.org/guides/ketamine-therapy): the usual dose is 0.5 mg/kg."
)
EXTRA_ES = (
    "Lea la ficha en <https://doi.org/10.1097/ALN.0b013e3181ed09a2> y nuestra "
    "[guía](https://example.org/guides/ketamine-therapy): la dosis habitual es de 0,5 mg/kg."
)


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's content: sources, catalogs, glossary and configuration."""
    for name in ("source", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "glossary.yaml", tmp_path / "glossary.yaml")
    table = (ROOT / "pyproject.toml").read_text("utf-8").split("[tool.l10n]", 1)[1].split("\n[", 1)[0]
    (tmp_path / "l10n.toml").write_text(table, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _replace(po: polib.POFile, msgid_start: str, old: str, new: str) -> str:
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    assert old in entry.msgstr, (old, entry.msgstr)
    entry.msgstr = entry.msgstr.replace(old, new)
    return entry.msgid


def test_shipped_catalogs_pass_every_check(shipped: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("check")
    assert result.code == 0, result.out
    assert result.out == ""
    assert l10n("extract", "--check").code == 0, "the shipped catalogs are up to date"


def test_each_failure_mode_is_reported_and_never_published(shipped: Path, l10n: Callable[..., Run]) -> None:
    SOURCE.write_text(SOURCE.read_text("utf-8").replace("\n## References", f"\n{EXTRA}\n\n## References"), "utf-8")
    assert l10n("extract").code == 0
    po = polib.pofile(str(ES))
    po.find(EXTRA).msgstr = EXTRA_ES
    po.save(str(ES))
    assert l10n("check").code == 0

    po = polib.pofile(str(ES))
    injected = {
        "citation year changed": ("Ketamine functions", "(Krystal et al., 2013)", "(Krystal et al., 2012)", "protected-spans"),
        "et al. translated": ("Recent studies", "(Zarate et al., 2006)", "(Zarate y cols., 2006)", "protected-spans"),
        "DOI truncated": (EXTRA[:20], "ALN.0b013e3181ed09a2>", "ALN.0b013e3181>", "protected-spans"),
        "URL with a translated slug": (EXTRA[:20], "guides/ketamine-therapy", "guias/terapia-con-ketamina", "links"),
        "brand translated": ("However, with the rise", "Innerwell", "Buenpozo", "do-not-translate"),
        "year changed": ("Ketamine is a powerful", "1970", "1907", "numbers"),
        "decimal comma swapped wrongly": (EXTRA[:20], "0,5 mg/kg", "0.5,0 mg/kg", "numbers"),
        "required term missing": ("Drowsiness", "Somnolencia", "Sueño", "required-term"),
        "script injected": (
            "Nausea and vomiting",
            "Náuseas y vómitos",
            "Náuseas y vómitos<script>alert(1)</script>",
            "injection",
        ),
    }
    lines = {}
    for name, (start, old, new, _) in injected.items():
        if name in ("URL with a translated slug", "decimal comma swapped wrongly"):
            continue  # same entry as the DOI: injected below one at a time
        lines[name] = _replace(po, start, old, new)
    po.save(str(ES))
    entries = read_translations(ES, str(ES))  # findings name the line of each entry's msgid
    result = l10n("check", "--locale", "es")
    assert result.code == 1
    for name, (start, _, _, check) in injected.items():
        if name in lines:
            entry = next(e for e in entries if e.msgid.startswith(start))
            assert any(f":{entry.line}: error [{check}] " in line for line in result.out.splitlines()), (name, result.out)

    publish_partial(shipped)  # even with the policy off, no failing translation is published
    build = l10n("build", "--locale", "es")
    assert build.code == 0
    built = Path("build/es/exploring-ketamine.md").read_text("utf-8")
    for name, (_, _, new, _) in injected.items():
        assert new not in built, f"{name} was published"
    assert "(Krystal et al., 2013)" in built and "Innerwell" in built
    assert l10n("build", "--locale", "es", "--strict").code == 1

    for name in ("URL with a translated slug", "decimal comma swapped wrongly"):
        po = polib.pofile(str(ES))
        po.find(EXTRA).msgstr = EXTRA_ES
        start, old, new, check = injected[name]
        _replace(po, start, old, new)
        po.save(str(ES))
        result = l10n("check", "--locale", "es", "--format", "json")
        assert f'"check": "{check}"' in result.out, name
        l10n("build", "--locale", "es")
        assert new not in Path("build/es/exploring-ketamine.md").read_text("utf-8"), name


def test_hints_survive_msgmerge_and_are_regenerated_not_duplicated(shipped: Path, l10n: Callable[..., Run]) -> None:
    before = ES.read_bytes()
    entry = next(e for e in polib.pofile(str(ES)) if e.msgid.startswith("Ketamine functions"))
    assert "glossary: ketamine -> es: ketamina, fr: kétamine, de: Ketamin" in entry.comment
    assert "glossary: NMDA receptors -> es: receptores NMDA" in entry.comment
    assert "keep exactly: citation (Krystal et al., 2013)" in entry.comment
    merged = shipped / "merged.po"
    done = subprocess.run(
        [gettext_tool("msgmerge"), "--quiet", "-o", str(merged), str(ES), str(POT)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert polib.pofile(str(merged)).find(entry.msgid).comment == entry.comment
    shutil.copy(merged, ES)
    assert l10n("extract").code == 0
    assert ES.read_bytes() == before
    assert_gettext_canonical(shipped / ES)
