"""Deceptive characters and look-alikes, from ``fixtures/deceptive.md``, in several locales.

A case's title is ``locale | what``; its input is a source text, a line ``=>`` and the
translation; the expected output is one line per finding of the checks in :data:`SHOWN`
(the deceptive family, and the glossary checks that see through look-alikes), so a
change in another family does not move these cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import shown
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.glossary.schema import load_glossary
from l10n.text.terms import fold, script

ROOT = Path(__file__).resolve().parents[3]
CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "deceptive.md")
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
SHOWN = {
    "bidi-controls",
    "hidden-characters",
    "invisible-characters",
    "mixed-script",
    "required-term",
    "forbidden-term",
    "do-not-translate",
}


def findings(source: str, translation: str, locale: str) -> str:
    ctx = checks.Context(source, translation, locale, GLOSSARY)
    return shown(ctx, SHOWN)


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_deceptive_fixture(line: int, title: str, given: str, expected: str) -> None:
    locale = title.split(" | ", 1)[0]
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert findings(source, translation, locale) == expected


def test_the_deceptive_checks_are_registered() -> None:
    registered = {c.name: c.severity for c in checks.CHECKS}
    assert registered["bidi-controls"] == registered["hidden-characters"] == registered["mixed-script"] == checks.ERROR
    assert registered["invisible-characters"] == checks.WARNING


def test_an_invisible_warning_is_silenced_but_a_hidden_character_is_not() -> None:
    soft = checks.Context("Ketamine therapy works.", "Die Ketamin\u00adtherapie wirkt.", "de", GLOSSARY)
    assert [c.name for c, _ in checks.run(soft) if c.name in SHOWN] == ["invisible-characters"]
    assert [c.name for c, _ in checks.run(soft, checks.ignored("l10n-ignore: invisible-characters")) if c.name in SHOWN] == []
    hidden = checks.Context("Take 0.5 mg.", "Tome 0,\u200b5 mg.", "es", GLOSSARY)
    assert "hidden-characters" in {c.name for c, _ in checks.run(hidden, checks.ignored("l10n-ignore: hidden-characters"))}


def _lookalikes() -> dict[str, list[str]]:
    """For each letter of ``quetamina``, the single characters of other scripts that fold to it."""
    from confusable_homoglyphs.confusables import confusables_data

    found: dict[str, list[str]] = {}
    for letter in set("quetamina"):
        chars = [e["c"] for e in confusables_data.get(letter, []) if len(e["c"]) == 1]
        found[letter] = sorted(c for c in chars if script(c) in ("CYRILLIC", "GREEK") and fold(c) == fold(letter))
    return {letter: chars for letter, chars in found.items() if chars}


LOOKALIKES = _lookalikes()


@settings(max_examples=examples(200), deadline=None)
@given(st.data())
def test_a_forbidden_rendering_spelt_with_any_lookalike_is_caught(data: st.DataObject) -> None:
    word = list("quetamina")
    positions = data.draw(st.sets(st.sampled_from([i for i, c in enumerate(word) if c in LOOKALIKES]), min_size=1))
    for i in positions:
        word[i] = data.draw(st.sampled_from(LOOKALIKES[word[i]]))
    invisible = data.draw(st.sampled_from(["", "\u200b", "\u00ad", "\u2060", "\ufeff"]))
    cut = data.draw(st.integers(1, len(word) - 1))
    spelt = "".join(word[:cut]) + invisible + "".join(word[cut:])
    names = {c.name for c, _ in checks.run(checks.Context("Ketamine works.", f"La ketamina, o {spelt}, actúa.", "es", GLOSSARY))}
    assert {"forbidden-term", "mixed-script"} <= names
    if invisible == "\u00ad":  # between two letters, a hyphenation hint: a warning
        assert "invisible-characters" in names
    else:
        assert ("hidden-characters" in names) is bool(invisible)


def test_lookalikes_exist_for_most_letters() -> None:
    assert set(LOOKALIKES) >= {"q", "u", "e", "a", "i"}
