"""Omissions, slips and final punctuation, from ``fixtures/omissions.md``, and the language data they use.

A case's title is ``locale | what`` or ``locale | unit kind | what``; the expected output
lists the findings of the checks in :data:`SHOWN` only.
"""

from __future__ import annotations

import glob
import statistics
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from check_cases import shown
from conftest import SHARED, Run, shared_file
from markdown_it.utils import read_fixture_file

from l10n import checks
from l10n.catalog.entries import read_translations
from l10n.checks.omissions import count_sentences
from l10n.core import languages
from l10n.glossary.model import Glossary
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[3]
CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "omissions.md")
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
SHOWN = {"single-line", "sentences", "length", "doubled-word", "punctuation"}
RATIOS = {lang: ratios["en"] for lang, ratios in languages.every("omissions", "length").items() if "en" in ratios}


def findings(source: str, translation: str, locale: str, kinds: tuple[str, ...] = ()) -> str:
    ctx = checks.Context(source, translation, locale, GLOSSARY, kinds=kinds)
    return shown(ctx, SHOWN)


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_omissions_fixture(line: int, title: str, given: str, expected: str) -> None:
    locale, *kind, _what = title.split(" | ")
    source, translation = given.rstrip("\n").split("\n=>\n")
    assert findings(source, translation, locale, tuple(kind)) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two! Three?", 3),
        ("Ketamine, e.g. at 0.5 mg/kg, works. Dr. Smith et al. agree.", 2),
        ("Version 1.5.2 is out", 1),
        ("これは文です。あれも文です！", 2),
        ("هل هو آمن؟ نعم.", 2),
        ("   ", 0),
    ],
)
def test_count_sentences(text: str, count: int) -> None:
    assert count_sentences(text) == count


def test_the_warnings_are_silenced_like_the_others() -> None:
    ctx = checks.Context("Ketamine works. It is fast. It is safe.", "La ketamina actúa actúa.", "es", GLOSSARY)
    assert {c.name for c, _ in checks.run(ctx)} >= {"sentences", "doubled-word"}
    silenced = checks.ignored("l10n-ignore: sentences\nl10n-ignore: doubled-word\nl10n-ignore: length")
    assert not {c.name for c, _ in checks.run(ctx, silenced)} & {"sentences", "doubled-word", "length"}


def _prose_ratio(pairs: list[tuple[str, str]], locale: str) -> float:
    """The median length ratio of *pairs* as the length check measures it (sources of 60 characters or more)."""
    ratios = []
    for source, translation in pairs:
        ctx = checks.Context(source, translation, locale, Glossary())
        size = len(" ".join(ctx.prose("source").split()))
        if size >= 60 and translation:
            ratios.append(len(" ".join(ctx.prose("translation").split())) / size)
    assert len(ratios) >= 100, f"too few {locale} texts to measure"
    return statistics.median(ratios)


@pytest.mark.parametrize("locale", ["es", "ja", "ko", "zh"])
def test_the_length_ratios_are_those_of_the_real_book(locale: str) -> None:
    catalog = polib.pofile(str(shared_file(SHARED / "data" / "rust-by-example" / "po" / f"{locale}.po")))
    pairs = [(e.msgid, e.msgstr) for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete]
    assert _prose_ratio(pairs, locale) == pytest.approx(RATIOS[locale], abs=0.03)


@pytest.mark.slow  # reads some 40,000 messages
@pytest.mark.parametrize("locale", ["fr", "de", "ar"])
def test_the_length_ratios_are_those_of_debians_catalogs(locale: str) -> None:
    files = glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo")
    if not files:
        pytest.skip(f"no {locale} message catalogs on this system")
    pairs = [(e.msgid, e.msgstr) for f in files for e in polib.mofile(f) if e.msgstr and not e.msgid_plural]
    assert _prose_ratio(pairs, locale) == pytest.approx(RATIOS[locale], abs=0.05)


def test_the_unit_kind_reaches_the_checks_from_the_catalog(project: Path, l10n: Callable[..., Run]) -> None:
    assert l10n("extract").code == 0
    path = project / "locales" / "es" / "LC_MESSAGES" / "exploring-ketamine.po"
    assert {kind for e in read_translations(path, "es.po") for kind in e.kinds} >= {"heading", "paragraph", "front matter: title"}
    catalog = polib.pofile(str(path))
    title = next(e for e in catalog if "type: front matter: title" in e.comment)
    heading = next(e for e in catalog if e.comment.startswith("type: heading"))
    title.msgstr, heading.msgstr = "Explorar\nla ketamina", "Un título\npartido"
    catalog.save()
    run = l10n("check", "--locale", "es")
    assert run.code == 1
    assert "error [single-line] a front matter: title is one line, but the translation has a line break" in run.out
    assert "error [single-line] a heading is one line, but the translation has a line break" in run.out
