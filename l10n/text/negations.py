"""Negation words: where a text says "not", in its own language.

A dropped or added negation flips a medical statement ("is generally safe", "no suele ser
segura") and no rule-based check can judge it; the reviewer's page highlights the negation
words of a source and of its translation so that a reader sees where one side has one and the
other has none. The words are data, the ``[negations]`` table of each language's file
(:mod:`l10n.core.languages`).

Rules:

1. A language is looked up by its locale code, then by its language (``pt_BR`` reads ``pt``).
   A language that is not listed has no negation words: nothing is highlighted, nothing is
   guessed.
2. ``words`` match as whole words through :func:`l10n.text.terms.term_pattern` (the project's one
   whole-word matcher: case ignored, the two apostrophes alike).
3. ``beginnings`` and ``endings`` are negations written into a word: the French elision
   ``n'`` (``n'est``) and the English ``n't`` (``don't``); the whole word is the match.
4. ``parts`` are for scripts written without spaces between words (Chinese, Japanese) and
   for Korean, which attaches its endings: they match anywhere, except inside one of the
   language's ``except`` words (Chinese ``非常`` is "very", Japanese ``少ない`` is "few").
5. Matches never overlap: of two, the earlier wins, then the longer. They come sorted.
6. Counting (:func:`count`): a negation is counted once however many words make it: a
   ``doubles`` word after another negation word of the same text repeats it (Spanish
   ``no ... nunca``, French ``ne ... pas``). The reviewer's page compares the counts sentence
   by sentence (:mod:`l10n.text.highlights`), and so does the negation check
   (:mod:`l10n.checks.negations`).
7. Some words say "not" without a negation word (English ``unless``, ``unsafe``,
   ``field-less``: the ``implied`` words and affixes, :func:`implied`): a translation may
   write a negation for each, so the negation check does not count those as added.
8. The matching is shared with the hedge words (:mod:`l10n.text.hedges`): a table of
   ``words``, ``beginnings``, ``endings``, ``parts`` and ``except`` compiles to a
   :class:`Lexicon` (:func:`lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from l10n.core import languages as language_data
from l10n.text.terms import WholeWords, any_term_pattern, term_pattern

_WORD = r"[^\W_]"
_APOSTROPHES = "'\u2019"


@dataclass(frozen=True, slots=True)
class Negation:
    """One negation word found in a text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A language's table of words, compiled (rule 8)."""

    words: tuple[re.Pattern[str] | WholeWords, ...]
    parts: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None
    doubles: frozenset[str] = frozenset()
    """Words that repeat a negation already made in the same text (rule 6)."""
    any_word: WholeWords | None = None
    """Whether a text has one of the ``words`` at all: one search, before one per word (most texts have none)."""
    plain: int = 0
    """How many of :attr:`words` are the ``words`` themselves (the first ones), that :attr:`any_word` stands for."""

    def find(self, text: str) -> list[Negation]:
        """The matches of *text* (rules 2-5)."""
        words = self.words if self.any_word is None or self.any_word.search(text) else self.words[self.plain :]
        candidates = [(m.start(), m.end()) for pattern in words for m in pattern.finditer(text)]
        if self.parts is not None:
            excluded = [m.span() for m in self.exceptions.finditer(text)] if self.exceptions is not None else []
            candidates.extend(
                m.span() for m in self.parts.finditer(text) if not any(s <= m.start() and m.end() <= e for s, e in excluded)
            )
        candidates.sort(key=lambda span: (span[0], span[0] - span[1]))
        found: list[Negation] = []
        for start, end in candidates:
            if start < end and (not found or start >= found[-1].end):
                found.append(Negation(start, end, text[start:end]))
        return found


def lexicon(table: Mapping[str, Sequence[str]]) -> Lexicon:
    """*table* compiled (rules 2-4, 8)."""
    found: list[re.Pattern[str] | WholeWords] = [term_pattern(word, False) for word in table.get("words", [])]
    for beginning in table.get("beginnings", []):
        found.append(re.compile(rf"(?<!{_WORD}){_apostrophes(beginning)}{_WORD}+", re.IGNORECASE))
    for ending in table.get("endings", []):
        found.append(re.compile(rf"{_WORD}+{_apostrophes(ending)}(?!{_WORD})", re.IGNORECASE))
    parts = sorted(table.get("parts", []), key=len, reverse=True)
    exceptions = sorted(table.get("except", []), key=len, reverse=True)
    part_re = re.compile("|".join(map(re.escape, parts))) if parts else None
    except_re = re.compile("|".join(map(re.escape, exceptions))) if exceptions else None
    doubles = frozenset(word.casefold() for word in table.get("doubles", []))
    plain = tuple(table.get("words", []))
    return Lexicon(tuple(found), part_re, except_re, doubles, any_term_pattern(plain, False) if plain else None, len(plain))


def languages() -> tuple[str, ...]:
    """The languages with negation words."""
    return tuple(lang for lang in language_data.languages() if language_data.table(lang, "negations"))


def _apostrophes(piece: str) -> str:
    return "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in piece)


@cache
def _lexicon(code: str) -> Lexicon:
    return lexicon(language_data.table(code, "negations"))


def find(text: str, code: str) -> list[Negation]:
    """The negation words of *text*, written in the language of locale *code* (rules 1-5)."""
    return _lexicon(code).find(text)


def count(found: Sequence[Negation], code: str) -> int:
    """How many negations the words *found* (in one text or sentence) make (rule 6)."""
    doubles = _lexicon(code).doubles
    return sum(1 for index, word in enumerate(found) if index == 0 or word.text.casefold() not in doubles)


def count_in(text: str, code: str) -> int:
    """How many negations *text* makes (rule 6)."""
    return count(find(text, code), code)


@cache
def _implied_re(code: str) -> re.Pattern[str] | None:
    table = language_data.table(code, "negations")
    words = [re.escape(word) for word in table.get("implied", [])]
    words += [rf"{re.escape(prefix)}{_WORD}{{4,}}" for prefix in table.get("implied_prefixes", [])]
    words += [rf"{_WORD}{{3,}}-?{re.escape(suffix)}" for suffix in table.get("implied_suffixes", [])]
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(words)})(?!{_WORD})", re.IGNORECASE) if words else None


def implied(text: str, code: str) -> int:
    """How many words of *text* say "not" without being a negation word (rule 7): ``unless``, ``unsafe``."""
    pattern = _implied_re(code)
    return len(pattern.findall(text)) if pattern is not None else 0
