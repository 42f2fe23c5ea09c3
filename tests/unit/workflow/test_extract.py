"""``l10n extract``: templates, catalogs, merge behaviour, determinism and --check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import Run, assert_gettext_canonical

POT = Path("locales/templates/exploring-ketamine.pot")
ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".l10n" not in p.parts}


def _edit(old: str, new: str) -> None:
    text = SOURCE.read_text("utf-8")
    assert old in text
    SOURCE.write_text(text.replace(old, new), "utf-8")


def _translate(values: dict[str, str], path: Path = ES) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in values:
            entry.msgstr = values[entry.msgid]
    po.save(str(path))  # polib's own wrapping, as an editor would save


def test_extract_writes_template_and_catalogs(project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("extract")
    assert result.code == 0, result.err
    assert "updated: locales/templates/exploring-ketamine.pot" in result.out
    pot = polib.pofile(str(POT))
    assert len(pot) == 25
    first = pot[0]
    assert first.msgid == "Exploring Ketamine: A Breakthrough for Mental Health Treatment"
    assert first.occurrences == [("source/exploring-ketamine.md", "2")]
    assert first.comment == "type: front matter: title"
    es = polib.pofile(str(ES))
    assert es.metadata["Language"] == "es"
    assert es.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert es.metadata["Language-Team"] == "Spanish - español"
    for path in (POT, ES, Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")):
        assert_gettext_canonical(project / path)


def test_note_becomes_extracted_comment(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    disclaimer = next(e for e in polib.pofile(str(POT)) if e.msgid.startswith("***Disclaimer"))
    assert "Note: The medical disclaimer is legally required" in disclaimer.comment
    pot = polib.pofile(str(POT))
    assert not any(e.msgid.startswith("Domino, E. F.") for e in pot), "the references are verbatim"
    assert pot.find("References").comment == "type: heading", "but their heading is translated"


def test_identical_texts_share_one_entry(project: Path, l10n: Callable[..., Run]) -> None:
    SOURCE.write_text(SOURCE.read_text("utf-8") + "\n## What is Ketamine?\n", "utf-8")
    l10n("extract")
    entry = next(e for e in polib.pofile(str(POT)) if e.msgid == "What is Ketamine?")
    assert [line for _, line in entry.occurrences] == ["10", "65"]


def test_second_run_writes_nothing(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    before = _snapshot(project)
    mtimes = {p: p.stat().st_mtime_ns for p in project.rglob("*.po*")}
    result = l10n("extract")
    assert result.code == 0 and result.out == ""
    assert _snapshot(project) == before
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*.po*")} == mtimes
    # Without the state file the same holds: the skip is an optimisation, not the reason.
    (project / ".l10n" / "state.sqlite").unlink()
    assert l10n("extract").out == ""
    assert _snapshot(project) == before


def test_template_date_moves_only_with_content(project: Path, l10n: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    l10n("extract")
    date = polib.pofile(str(POT)).metadata["POT-Creation-Date"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    l10n("extract")
    assert polib.pofile(str(POT)).metadata["POT-Creation-Date"] == date
    _edit("Drowsiness", "Drowsiness or fatigue")
    l10n("extract")
    assert polib.pofile(str(POT)).metadata["POT-Creation-Date"] != date


def test_check_mode(project: Path, l10n: Callable[..., Run]) -> None:
    result = l10n("extract", "--check")
    assert result.code == 1
    assert "stale: locales/templates/exploring-ketamine.pot" in result.out
    assert not POT.exists(), "--check writes nothing"
    l10n("extract")
    assert l10n("extract", "--check").code == 0
    _edit("Drowsiness", "Sleepiness")
    before = _snapshot(project)
    result = l10n("extract", "--check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "stale: locales/templates/exploring-ketamine.pot",
        "stale: locales/es/LC_MESSAGES/exploring-ketamine.po",
        "stale: locales/fr/LC_MESSAGES/exploring-ketamine.po",
        "locales/es/LC_MESSAGES/exploring-ketamine.po: 1 new, 0 outdated (fuzzy), 0 obsolete, 24 unchanged",
        "locales/fr/LC_MESSAGES/exploring-ketamine.po: 1 new, 0 outdated (fuzzy), 0 obsolete, 24 unchanged",
    ]
    assert _snapshot(project) == before


def test_translations_survive_edits(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    _translate(
        {
            "Drowsiness": "Somnolencia",
            "Nausea and vomiting": "Náuseas y vómitos",
            "Increased heart rate and blood pressure": "Aumento de la frecuencia cardíaca y de la presión arterial",
            "Potential Side Effects": "Posibles efectos secundarios",
        }
    )
    l10n("extract")
    assert_gettext_canonical(project / ES)  # rewritten canonically after polib's save
    _edit("- Nausea and vomiting\n", "- Nausea and occasional vomiting\n")
    _edit("- Increased heart rate and blood pressure\n", "")
    _edit("## Potential Side Effects", "## Possible Side Effects")
    l10n("extract")
    es = polib.pofile(str(ES))
    unchanged = es.find("Drowsiness")
    assert unchanged.msgstr == "Somnolencia" and "fuzzy" not in unchanged.flags
    changed = es.find("Nausea and occasional vomiting")
    assert changed.msgstr == "Náuseas y vómitos"
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "Nausea and vomiting"
    removed = es.find("Increased heart rate and blood pressure", include_obsolete_entries=True)
    assert removed.obsolete and removed.msgstr.startswith("Aumento")
    heading = es.find("Possible Side Effects")
    assert heading.msgstr == "Posibles efectos secundarios" and "fuzzy" in heading.flags
    assert_gettext_canonical(project / ES)
    # Restoring the text revives the obsolete translation as it was.
    _edit("- Drowsiness\n", "- Increased heart rate and blood pressure\n- Drowsiness\n")
    l10n("extract")
    revived = polib.pofile(str(ES)).find("Increased heart rate and blood pressure")
    assert revived.msgstr.startswith("Aumento") and "fuzzy" not in revived.flags


def test_one_word_flip_goes_fuzzy_unrelated_text_does_not_inherit(project: Path, l10n: Callable[..., Run]) -> None:
    safe = "While ketamine is generally safe when administered by medical professionals, patients should be aware of potential side effects, including:"
    l10n("extract")
    _translate({safe: "Aunque la ketamina suele ser segura ...", "Drowsiness": "Somnolencia"})
    l10n("extract")
    _edit(safe, safe.replace("is generally safe", "is not generally safe"))
    _edit("- Drowsiness\n", "- Hallucinations that persist for several days after a single dose\n")
    l10n("extract")
    es = polib.pofile(str(ES))
    flipped = es.find(safe.replace("is generally safe", "is not generally safe"))
    assert "fuzzy" in flipped.flags and flipped.previous_msgid == safe
    unrelated = es.find("Hallucinations that persist for several days after a single dose")
    assert unrelated.msgstr == "" and "fuzzy" not in unrelated.flags
    assert es.find("Drowsiness", include_obsolete_entries=True).obsolete


def test_translator_comment_and_flags_survive(project: Path, l10n: Callable[..., Run]) -> None:
    l10n("extract")
    po = polib.pofile(str(ES))
    entry = po.find("Drowsiness")
    entry.msgstr, entry.tcomment = "Somnolencia", "checked with Dr. García"
    po.save(str(ES))
    l10n("extract")
    entry = polib.pofile(str(ES)).find("Drowsiness")
    assert entry.tcomment == "checked with Dr. García" and entry.msgstr == "Somnolencia"
    assert entry.comment == "type: list item", "extracted comments are regenerated, not duplicated"


def test_nested_articles_and_init(project: Path, l10n: Callable[..., Run]) -> None:
    (project / "source" / "2025" / "guides").mkdir(parents=True)
    (project / "source" / "2025" / "guides" / "dosing.md").write_text("# Dosing\n\nAsk your clinician.\n", "utf-8")
    result = l10n("init", "pt-BR")
    assert result.code == 0, result.err
    assert "added locale: pt_BR" in result.out
    assert 'locales = ["es", "fr", "pt_BR"]' in (project / "l10n.toml").read_text("utf-8")
    po = polib.pofile(str(project / "locales/pt_BR/LC_MESSAGES/2025/guides/dosing.po"))
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert po.find("Dosing").occurrences == [("source/2025/guides/dosing.md", "1")]
    assert l10n("init", "pt_BR").out == ""


def test_pyproject_configuration_found_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, l10n: Callable[..., Run]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "blog"\n\n[tool.l10n]\nlocales = ["de"]\nsource_dir = "posts"\n', "utf-8"
    )
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("Hallo.\n", "utf-8")
    (tmp_path / "posts" / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "posts" / "deep")
    assert l10n("extract").code == 0
    assert (tmp_path / "locales/de/LC_MESSAGES/a.po").exists()


def test_a_reworded_then_deleted_text_stays_readable_as_obsolete(project: Path, l10n: Callable[..., Run]) -> None:
    """Its obsolete entry keeps the previous msgid, written ``#~| msgid`` as gettext does."""
    l10n("extract")
    old = "While ketamine is generally safe when administered by medical professionals, patients should be aware of potential side effects, including:"
    _translate({old: "Aunque la ketamina es generalmente segura..."})
    _edit("is generally safe", "is not generally safe")
    assert l10n("extract").code == 0
    _edit(old.replace("is generally", "is not generally") + "\n", "")
    assert l10n("extract").code == 0
    assert "\n#~| msgid " in ES.read_text("utf-8")
    SOURCE.write_text(SOURCE.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    result = l10n("extract")
    assert result.code == 0, result.err
    from l10n.catalog.po import read_po

    gone = next(e for e in read_po(ES, str(ES)) if e.obsolete)  # polib does not read "#~|"
    assert (gone.msgstr, gone.previous_msgid) == ("Aunque la ketamina es generalmente segura...", old)
    assert_gettext_canonical(project / ES)
