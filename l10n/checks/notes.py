"""Translator's notes are text like any other: what a note says is checked too.

The checks that compare a translation with its source read it without its translator's
notes (:mod:`l10n.text.notes`): a note has no counterpart in the source, so its code span
or its emphasis is no difference. But a dose, a frequency or advice put in a note reaches
the reader all the same, so the notes are read on their own here.

Rules:

1. ``note-numbers`` (error): a quantity in a note whose value the source does not have,
   when it is a dose, a measurement, a schedule or a count: it has a unit, is a range or a
   time, is followed by a dosing or frequency word (``4 cápsulas``, ``tres veces``,
   ``1日3回``) or is at most 10. A number word counts when it has a unit or such a word.
   Another number (a year: ``creada en 1906``) is the warning ``note-figures``: a note
   explains a word, and a date may belong to the explanation.
2. ``note-terms`` (error): a forbidden glossary rendering in a note (the glossary's
   ``forbidden-term``, read in the notes alone: the translation's check does not see them).
3. ``note-negations`` (warning): a note that says "not" (the negation words of its
   language): advice in a note, which a reviewer must read.
4. ``required-note`` (error): a note in a required unit (the disclaimer): a reviewer who
   accepts it waives the finding with a reason (``l10n review waive``).

Code, URLs and link targets inside a note are left out, as in the prose of the checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from l10n.checks.numbers import SMALL_COUNT
from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.text import negations
from l10n.text.quantities import Quantity, dosing, read
from l10n.text.spans import blank_protected, find_spans


def _prose(note: str) -> str:
    return blank_protected(note, find_spans(note))


def _values(quantities: list[Quantity]) -> set[Decimal | str]:
    return {value for q in quantities for value in (q.low, q.high)}


@check("note-numbers", ERROR)
def note_numbers(ctx: Context) -> Iterator[str]:
    """Translator's notes bring no dose, count or schedule that the source does not have."""
    for note, quantity in _added(ctx):
        if _dose(note, quantity, ctx.locale):
            yield f"the translator's note {_short(note)} has {quantity.text!r}, which is not in the source"


@check("note-figures", WARNING)
def note_figures(ctx: Context) -> Iterator[str]:
    """Translator's notes bring no other number (a year, a figure) that the source does not have."""
    for note, quantity in _added(ctx):
        if not _dose(note, quantity, ctx.locale):
            yield f"the translator's note {_short(note)} has {quantity.text!r}, which is not in the source"


def _added(ctx: Context) -> Iterator[tuple[str, Quantity]]:
    """(note, quantity) for each quantity of a note whose value the source does not have (rule 1)."""
    if not ctx.notes():
        return
    known = _values(read(ctx.prose("source"), ctx.source_locale, ctx.source_locale))
    for note in ctx.notes():
        prose = _prose(note)
        for quantity in read(prose, ctx.locale, ctx.source_locale):
            if quantity.spelled and not quantity.unit and not dosing(prose, quantity, ctx.locale):
                continue  # "un", "一" are words more often than numbers
            if not {quantity.low, quantity.high} <= known:
                yield prose, quantity


def _dose(note: str, quantity: Quantity, locale: str) -> bool:
    """A dose, a measurement, a schedule or a small count, rather than a year or a figure."""
    if quantity.unit or quantity.is_range or dosing(note, quantity, locale):
        return True
    return isinstance(quantity.low, Decimal) and quantity.low <= SMALL_COUNT


@check("note-terms", ERROR)
def note_terms(ctx: Context) -> Iterator[str]:
    """Translator's notes use no forbidden glossary rendering."""
    if not ctx.notes():
        return
    text = " ".join(_prose(note) for note in ctx.notes())
    for violation in ctx.glossary.violations(ctx.prose("source"), text, ctx.locale):
        if violation.kind == "forbidden-term":
            yield f"in a translator's note: {violation.message}"


@check("note-negations", WARNING)
def note_negations(ctx: Context) -> Iterator[str]:
    """Translator's notes say no "not": advice the source does not give."""
    for note in ctx.notes():
        found = negations.find(_prose(note), ctx.locale)
        if found:
            shown = ", ".join(repr(n.text) for n in found)
            yield f"the translator's note {_short(note)} has a negation ({shown}): does it add advice?"


@check("required-note", ERROR)
def required_note(ctx: Context) -> Iterator[str]:
    """A required unit (the disclaimer) has no translator's note, unless a reviewer waives it with a reason."""
    if ctx.required:
        for note in ctx.notes():
            yield f"the required unit has a translator's note {_short(note)}"


def _short(note: str) -> str:
    return repr(note if len(note) <= 60 else note[:57] + "...")
