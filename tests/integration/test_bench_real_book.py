"""The real-book harness: filling catalogs from translators' work, and reading judged samples back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import ROOT, SHARED, shared_file

sys.path.insert(0, str(ROOT / "benchmarks"))
import false_alarms
import real_book

CATALOG = """\
msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. type: paragraph
#: source/a.md:1
msgid "Hello World"
msgstr ""

#: source/a.md:3
msgid "Already done"
msgstr "済み"

#: source/a.md:5
msgid "Nobody translated this"
msgstr ""

#: source/a.md:7
msgid "Ends with a newline\\n"
msgstr ""
"""
TRANSLATIONS = {
    "Hello World": "ハローワールド",
    "Already done": "別の訳",
    "Ends with a newline\n": "改行なし",  # msgfmt --check would refuse this pair
}


def _filled(tmp_path: Path, mode: str) -> tuple[real_book.FillStats, Path]:
    path = tmp_path / "a.po"
    path.write_text(CATALOG, encoding="utf-8")
    return real_book.fill_catalogs([path], TRANSLATIONS, "ja", mode), path


@pytest.mark.parametrize("mode", real_book.FILL_MODES)
def test_fill_takes_exact_matches_only_and_keeps_the_file_valid(tmp_path: Path, mode: str) -> None:
    stats, path = _filled(tmp_path, mode)
    assert (stats.units, stats.filled, stats.already, stats.refused, stats.catalogs) == (4, 1, 1, 1, 1)
    entries = {e.msgid: e for e in polib.pofile(str(path))}
    assert entries["Hello World"].msgstr == "ハローワールド"
    assert entries["Hello World"].fuzzy is (mode == "draft")
    assert entries["Already done"].msgstr == "済み"
    assert entries["Nobody translated this"].msgstr == ""
    assert entries["Ends with a newline\n"].msgstr == ""
    expected = {"human": "", "approved": "l10n-reviewed: by=", "draft": "l10n-draft: reuse from="}[mode]
    assert entries["Hello World"].tcomment.startswith(expected)
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], check=True)
    # msgcat's canonical form: a second pass through msgcat changes nothing, and no bare "#" header comment
    text = path.read_text(encoding="utf-8")
    again = subprocess.run(["msgcat", str(path)], check=True, capture_output=True, text=True).stdout
    assert again == text
    assert not text.startswith("#")


def test_fill_leaves_unmatched_catalogs_untouched(tmp_path: Path) -> None:
    path = tmp_path / "b.po"
    path.write_text(CATALOG, encoding="utf-8")
    stats = real_book.fill_catalogs([path], {"something else": "x"}, "ja")
    assert (stats.filled, stats.catalogs) == (0, 0)
    assert path.read_text(encoding="utf-8") == CATALOG


JUDGED = """\
# Sample

## 1. ja · numbers

message: number 2 is not in the source

verdict: false alarm

cause: number word vs digits: two → 2つ

## 2. es · protected-spans

verdict: real mistake

cause: changed identifier: `Point` → `Punto`

## 3. ja · numbers

verdict: False alarm (digits)

cause: number word vs digits

## 4. ko · markdown

verdict: unclear

cause: ?
"""


def test_tally_counts_verdicts_per_check() -> None:
    table = false_alarms.tally(JUDGED)
    assert "| numbers | 2 | 2 | 0 | 0 | 100% |" in table
    assert "| protected-spans | 1 | 0 | 1 | 0 | 0% |" in table
    assert "| markdown | 1 | 0 | 0 | 1 | - |" in table
    assert "| all | 4 | 2 | 1 | 1 | 67% |" in table
    assert "| number word vs digits | 2 | numbers 2 |" in table


def test_sample_is_deterministic_and_has_empty_verdicts(tmp_path: Path) -> None:
    findings = [
        false_alarms.Finding(f"p{i}.po", i, "error", "numbers", "m", "ja", "a", f"src {i}", f"tr {i}", False, "")
        for i in range(30)
    ]
    first = false_alarms.sample_markdown(findings, 5, 7, tmp_path)
    assert first == false_alarms.sample_markdown(findings, 5, 7, tmp_path)
    assert first.count("\nverdict: \n") == 5
    assert first != false_alarms.sample_markdown(findings, 5, 8, tmp_path)


def test_the_book_fills_and_l10n_finds_nothing_to_rewrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = shared_file(SHARED / "data" / "rust-by-example")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the l10n of this checkout, whatever is installed
    l10n = f"{sys.executable} -m l10n"
    (es,) = real_book.prepare(tmp_path / "book", data, ["es"], l10n)
    assert es.units > 1000 and es.filled > 100
    translations = real_book.translators_catalog(data, "es")
    catalogs = real_book.l10n_catalogs(tmp_path / "book", "es")
    filled = [e for path in catalogs for e in polib.pofile(str(path)) if e.msgstr and e.msgid]
    assert len(filled) == es.filled
    assert all(e.msgstr == translations[e.msgid] and not e.fuzzy for e in filled)
    rerun = real_book.run_l10n(l10n, tmp_path / "book", "extract")
    assert "updated" not in rerun.stdout
