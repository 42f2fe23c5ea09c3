"""Highlights: the differences that matter between a source and a translation, marked on both texts.

The reviewer's page shows a clinician the numbers, negations and citations of a source and of
its translation (or of its back-translation), so that a changed dose, a dropped "not" or a
missing reference is seen at a glance. It judges nothing: the checks do.

Rules:

1. Four kinds are marked: ``number`` (quantities as :mod:`l10n.text.quantities` reads them in
   each text's language, so ``0,5 mg/kg`` in Spanish is 0.5), ``negation``
   (:mod:`l10n.text.negations`), ``hedge`` ("may", "generally": :mod:`l10n.text.hedges`) and
   ``citation`` (author-year and numeric citations and DOIs, as :mod:`l10n.text.spans` finds
   them).
2. Code, URLs, link targets and HTML are left out: they are blanked with as many spaces
   before numbers and negations are read, so offsets stay those of the text.
3. A mark is *alone* when the other text has no counterpart:

   - a quantity, when no quantity of the other text is the same
     (:func:`l10n.text.pairing.same_quantity`: same value and unit, a time on either clock);
     each pairs once, an identical one first;
   - a negation or a hedge, when its sentence has more of them than the other text's sentence
     of the same rank (:func:`l10n.text.negations.count`: French ``ne ... pas`` is one
     negation); every one of that sentence is marked, since which one is extra cannot be
     told. Sentences end at ``. ! ?`` before white space and at ``。！？``; when the two texts
     have not as many sentences, the whole texts are compared;
   - a citation, when its exact text is not in the other text (counted).

4. Number words (``three hours``) are marked only where they stand for a number that the
   other text writes in digits; a number word alone is never marked (``one of the``), as the
   numbers check never reports one.
5. Marks never overlap (the earlier wins, then the longer) and come sorted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass

from l10n.text import hedges, negations
from l10n.text.negations import Negation
from l10n.text.pairing import same_quantity
from l10n.text.quantities import Quantity, read
from l10n.text.spans import EXACT_KINDS, find_spans

KINDS = ("number", "negation", "hedge", "citation")

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|[。！？]+")

_CITATIONS = frozenset({"citation", "doi"})


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted stretch of a text."""

    kind: str
    """One of :data:`KINDS`."""
    start: int
    end: int
    text: str
    alone: bool
    """The other text has no counterpart (rule 3)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Compared:
    """The marks of a source and of the text it is compared with."""

    source: tuple[Mark, ...]
    other: tuple[Mark, ...]


@dataclass(slots=True)
class _Side:
    text: str
    prose: str
    quantities: list[list[Quantity]]
    """Readings grouped by span: ``more than one`` reads as 1 and as 2 (rule 4)."""
    negations: list[Negation]
    hedges: list[Negation]
    sentences: list[int]
    """Where each sentence ends."""
    citations: list[tuple[int, int, str]]


def _side(text: str, code: str, fallback: str) -> _Side:
    spans = find_spans(text)
    prose = list(text)
    for span in spans:
        if span.kind in EXACT_KINDS:
            prose[span.start : span.end] = " " * (span.end - span.start)
    blanked = "".join(prose)
    groups: dict[tuple[int, int], list[Quantity]] = {}
    for quantity in read(blanked, code, fallback):
        groups.setdefault((quantity.start, quantity.end), []).append(quantity)
    citations = [(s.start, s.end, s.text) for s in spans if s.kind in _CITATIONS]
    ends = [m.end() for m in _SENTENCE_END.finditer(blanked.rstrip())]
    if not ends or ends[-1] < len(blanked.rstrip()):
        ends.append(len(blanked))
    ends[-1] = len(blanked)
    return _Side(text, blanked, list(groups.values()), negations.find(blanked, code), hedges.find(blanked, code), ends, citations)


def _digits(group: list[Quantity]) -> bool:
    return any(not q.spelled for q in group)


def _pair(left: list[list[Quantity]], right: list[list[Quantity]]) -> tuple[set[int], set[int]]:
    """Indices of the quantity groups of each side that have a counterpart (rules 3 and 4)."""
    paired_left: set[int] = set()
    paired_right: set[int] = set()

    def alike(a: list[Quantity], b: list[Quantity], exact: bool) -> bool:
        if not (_digits(a) or _digits(b)):
            return False  # two number words: neither stands for digits of the other text
        if exact:
            return any((x.low, x.high, x.unit) == (y.low, y.high, y.unit) for x in a for y in b)
        return any(same_quantity(x, y) for x in a for y in b)

    for exact in (True, False):
        for i, group in enumerate(left):
            if i in paired_left:
                continue
            j = next((j for j, other in enumerate(right) if j not in paired_right and alike(group, other, exact)), None)
            if j is not None:
                paired_left.add(i)
                paired_right.add(j)
    return paired_left, paired_right


def _numbers(side: _Side, paired: set[int]) -> list[Mark]:
    marks = []
    for i, group in enumerate(side.quantities):
        if not _digits(group) and i not in paired:
            continue  # a number word alone (rule 4)
        first = group[0]
        marks.append(Mark("number", first.start, first.end, side.text[first.start : first.end], i not in paired))
    return marks


def _citations(side: _Side, other: _Side) -> list[Mark]:
    there = Counter(text for _, _, text in other.citations)
    marks = []
    for start, end, text in side.citations:
        found = there[text] > 0
        there[text] -= found
        marks.append(Mark("citation", start, end, text, not found))
    return marks


def _arranged(marks: list[Mark]) -> tuple[Mark, ...]:
    marks.sort(key=lambda m: (m.start, m.start - m.end))
    kept: list[Mark] = []
    for mark in marks:
        if mark.start < mark.end and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return tuple(kept)


def _negations(side: _Side) -> list[Negation]:
    return side.negations


def _hedges(side: _Side) -> list[Negation]:
    return side.hedges


def _sentence_of(side: _Side, start: int) -> int:
    return next((k for k, end in enumerate(side.sentences) if start < end), len(side.sentences) - 1)


def _counted(
    left: _Side, right: _Side, words: Callable[[_Side], list[Negation]], left_code: str, right_code: str
) -> tuple[set[int], set[int]]:
    """Indices of the words of each side whose sentence has more of them than the other's (rule 3)."""
    aligned = len(left.sentences) == len(right.sentences)
    groups: list[dict[int, list[int]]] = []
    for side in (left, right):
        by_sentence: dict[int, list[int]] = {}
        for i, word in enumerate(words(side)):
            by_sentence.setdefault(_sentence_of(side, word.start) if aligned else 0, []).append(i)
        groups.append(by_sentence)
    alone: tuple[set[int], set[int]] = (set(), set())
    for k in set(groups[0]) | set(groups[1]):
        mine, theirs = groups[0].get(k, []), groups[1].get(k, [])
        have = negations.count([words(left)[i] for i in mine], left_code)
        other = negations.count([words(right)[i] for i in theirs], right_code)
        if have > other:
            alone[0].update(mine)
        elif other > have:
            alone[1].update(theirs)
    return alone


def compare(source: str, other: str, source_locale: str, other_locale: str, fallback: str | None = None) -> Compared:
    """The marks of *source* (in *source_locale*) and of *other* (in *other_locale*).

    *other*'s numbers are read in its locale's notation, else in *fallback*'s (default: the
    source's): a back-translation is source-language text that may keep the translation's
    ``0,5``, so it is compared with ``other_locale`` the source's and ``fallback`` the
    translation's.
    """
    left = _side(source, source_locale, source_locale)
    right = _side(other, other_locale, fallback or source_locale)
    paired_left, paired_right = _pair(left.quantities, right.quantities)
    marks_left = _numbers(left, paired_left) + _citations(left, right)
    marks_right = _numbers(right, paired_right) + _citations(right, left)
    for kind, words in (("negation", _negations), ("hedge", _hedges)):
        alone_left, alone_right = _counted(left, right, words, source_locale, other_locale)
        marks_left += [Mark(kind, n.start, n.end, n.text, i in alone_left) for i, n in enumerate(words(left))]
        marks_right += [Mark(kind, n.start, n.end, n.text, i in alone_right) for i, n in enumerate(words(right))]
    return Compared(_arranged(marks_left), _arranged(marks_right))
