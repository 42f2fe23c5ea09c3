"""The data per language (``l10n/data/languages/*.toml``): every file valid, adding a language one file."""

from __future__ import annotations

import shutil
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from l10n.core import languages
from l10n.core.errors import L10nError
from l10n.text import negations, notes, number_words, quantities

FOLDER = resources.files("l10n").joinpath("data", "languages")
FILES = sorted(item.name for item in FOLDER.iterdir() if item.name.endswith(".toml"))


def test_there_are_files() -> None:
    assert {"en", "es", "fr", "de", "ja", "ko", "zh", "ar"} <= set(languages.languages())


@pytest.mark.parametrize("name", FILES)
def test_every_file_follows_the_schema(name: str) -> None:
    parsed = tomllib.loads(FOLDER.joinpath(name).read_text("utf-8"))
    assert languages.problems(parsed) == []
    assert isinstance(parsed.get("name"), str)
    lang = name.removesuffix(".toml")
    assert lang.isalpha() and lang.islower() and 2 <= len(lang) <= 3, "a file is named by its language subtag"
    assert languages.data(lang) == parsed


@pytest.mark.parametrize(
    ("parsed", "problem"),
    [
        ({"negations": {"words": "no"}}, "negations.words: not of the expected kind"),
        ({"negations": {"wrods": ["no"]}}, "negations.wrods: not a key of the table"),
        ({"negation": {"words": ["no"]}}, "negation: not a table of the schema"),
        ({"omissions": {"length": {"en": "1.1"}}}, "omissions.length: not of the expected kind"),
        ({"quantities": {"words": {"dos": True}}}, "quantities.words: not of the expected kind"),
        ({"opposites": {"improve-worsen": [["mejora"]]}}, "opposites.improve-worsen: not of the expected kind"),
        ({"loanwords": {"readings": {"ア": 1}}}, "loanwords.readings: not of the expected kind"),
        ({"code_spans": {"implicit_repeats": "yes"}}, "code_spans.implicit_repeats: not of the expected kind"),
        ({"calendar": {"eras": {"令和": "2019"}}}, "calendar.eras: not of the expected kind"),
        ({"calendar": {"year_digits": "〇一二三四五六七八"}}, "calendar.year_digits: not of the expected kind"),
        ({"clock": {"pm": "chiều"}}, "clock.pm: not of the expected kind"),
        ({"name": 3}, "name: not a text"),
    ],
)
def test_schema_refuses(parsed: dict[str, object], problem: str) -> None:
    assert languages.problems(parsed) == [problem]


def test_a_locale_reads_its_language() -> None:
    assert languages.table("pt_BR", "negations") == languages.table("pt", "negations")
    assert languages.table("zh-Hant", "notes") == languages.table("zh", "notes")
    assert languages.table("fi", "negations") == {}  # no file: nothing guessed


CACHED = (
    languages.languages,
    languages.data,
    languages.shared,
    notes._markers,
    notes._marker_re,
    notes._opening_re,
    negations._lexicon,
    negations._implied_re,
    number_words._words,
    number_words._han,
    number_words._longest,
    number_words._first_words,
    quantities._read,
)


def test_adding_a_language_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file is read by every consumer: negations, notes markers, number words."""
    shutil.copytree(Path(str(languages.DATA)), tmp_path / "data")
    (tmp_path / "data" / "languages" / "fi.toml").write_text(
        'name = "Finnish"\n[negations]\nwords = ["ei", "eikä"]\n[notes]\nmarkers = ["Suom. huom."]\n'
        '[quantities.words]\n"puolitoista" = 1.5\n',
        "utf-8",
    )
    monkeypatch.setattr(languages, "DATA", tmp_path / "data")
    for function in CACHED:
        function.cache_clear()
    try:
        assert "fi" in languages.languages()
        assert [n.text for n in negations.find("Ketamiini ei ole turvallinen.", "fi")] == ["ei"]
        assert notes.split_notes("Ketamiini (Suom. huom.: nukutusaine) on lääke.")[0] == "Ketamiini on lääke."
        assert [q.low for q in quantities.read("puolitoista tuntia", "fi")][:1] == [Decimal("1.5")]
    finally:
        monkeypatch.undo()
        for function in CACHED:
            function.cache_clear()


def test_a_broken_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "languages").mkdir()
    (tmp_path / "languages" / "es.toml").write_text('[negations]\nwords = "no"\n', "utf-8")
    monkeypatch.setattr(languages, "DATA", tmp_path)
    languages.languages.cache_clear()
    languages.data.cache_clear()
    try:
        with pytest.raises(L10nError, match=r"languages/es\.toml: negations\.words: not of the expected kind"):
            languages.data("es_MX")
    finally:
        monkeypatch.undo()
        languages.languages.cache_clear()
        languages.data.cache_clear()
