"""The unit names of :mod:`l10n.text.quantities` as one alternation: a run of names with the same
boundary shares one lookahead (``_alternation``), and reads exactly what one lookahead per name reads.

Every unit name of every language l10n has a file for is matched at the start of itself
followed by characters of each kind a boundary tells apart (nothing, a Latin letter with and
without an accent, a digit, Han, Hangul, kana, Devanagari, ``_``, a space, a slash), in the
name's own case, in upper case and capitalized, with and without the separator before it; and
at every number of the shipped article and the CommonMark examples. The pattern with one
lookahead per name (how it was written before) must find the same unit, the same span.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SPEC, shared_file

from l10n.text import quantities
from l10n.text.number_words import boundary

LANGUAGES = sorted(p.stem for p in (ROOT / "l10n" / "data" / "languages").glob("*.toml"))
FOLLOWERS = ["", "x", "é", "ǅ", "ȿ", "K", "7", "中", "한", "の", "क", "_", " ", "/", ".", "-"]


def _one_lookahead_per_name(code: str) -> re.Pattern[str]:
    names = sorted(quantities._units(code).names, key=len, reverse=True)
    one = "|".join(re.escape(name) + boundary(name) for name in names)
    return re.compile(rf"(?:[ \u00a0\u202f\u2009]|-)?(?P<unit>{one})", re.IGNORECASE)


def _read(pattern: re.Pattern[str], text: str, pos: int) -> tuple[str, int] | None:
    match = pattern.match(text, pos)
    return None if match is None else (match.group("unit"), match.end())


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_name_reads_as_with_one_lookahead_per_name(code: str) -> None:
    before, now = _one_lookahead_per_name(code), quantities._units(code).first
    assert now.pattern != before.pattern  # the runs are shared: not the same pattern written again
    names = list(quantities._units(code).names)
    assert len(names) > 20
    differ = []
    for name in names:
        for form in dict.fromkeys([name, name.upper(), name.capitalize()]):
            for after in FOLLOWERS:
                for text in (f"5{form}{after}", f"5 {form}{after}", f"5-{form}{after}"):
                    if _read(before, text, 1) != _read(now, text, 1):
                        differ.append(f"{text!r}: {_read(before, text, 1)} -> {_read(now, text, 1)}")
    assert differ == []


def test_every_number_of_the_article_and_the_examples_reads_the_same_unit() -> None:
    texts = [path.read_text("utf-8") for path in sorted((ROOT / "source").rglob("*.md"))]
    texts += [str(example["markdown"]) for example in json.loads(shared_file(SPEC).read_text("utf-8"))]
    compared = 0
    for code in ("en", "es", "ja", "ko", "de", "ar"):
        before, now = _one_lookahead_per_name(code), quantities._units(code).first
        for text in texts:
            for number in re.finditer(r"\d+", text):
                compared += 1
                assert _read(before, text, number.end()) == _read(now, text, number.end()), (code, text[:80])
    assert compared > 1000
