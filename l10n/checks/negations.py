"""Negations: a translation says "not" where its source does, sentence by sentence.

A dropped or added negation flips a medical statement ("is generally safe" becoming "no suele
ser segura") and leaves every other check silent. The negation words of each language are
data (``[negations]`` of :mod:`l10n.core.languages`, read by :mod:`l10n.text.negations`).

Rules:

1. The prose of the source and of the translation (code, URLs and link targets blanked,
   translator's notes left out) is split into sentences (:mod:`l10n.text.sentences`). With
   as many sentences on both sides, they are compared one by one; otherwise the whole texts
   are compared as one sentence.
2. Negations are counted (:func:`l10n.text.negations.count_in`: Spanish ``no ... nunca`` is one).
   A sentence drops a negation when the source's has one and the translation's has none;
   it adds one when the translation's has more than the source's negations plus its words
   that say "not" without a negation word (``unless``, ``unsafe``: a translation may write
   ``sin signo``, ``安全でない``).
3. In a required unit (the disclaimer, :attr:`~l10n.checks.Context.required`) a negation
   fewer is already a drop (not only none where the source has some), and a difference is
   the error ``required-negations``; elsewhere it is the warning ``negations``. Measured on
   the rust-by-example book's human translations (``BENCHMARKS.md``): the warning fires on
   about 1 entry in 75, mostly a paraphrase ("if no constraint exists" as "by default"):
   too often for an error in every unit.
4. A language without negation words (no data file) is not compared: nothing is guessed.
5. A translation into a language that marks negation inside words (Japanese, Chinese,
   Korean: ``parts`` only) counts the source language's negation words it keeps as they
   are (``DRY (Don't Repeat Yourself)``) when they are more than its own (a gloss in
   English beside the translation repeats a negation, it does not add one).
6. In a language that marks negation inside words (Japanese, Chinese, Korean), an added
   negation is reported in required units only: their negative morphemes also make
   ordinary words (``不自然`` "awkward", ``無名`` "anonymous", ``非同期`` "asynchronous"),
   and on the book every added one outside the disclaimer was such a word (29 of 29); a
   dropped one is reported everywhere.
7. A sentence kept word for word from its source (an identity translation, a sentence left
   in the source language) keeps its source's negations: it is not compared, since its
   words are read in the source language, not the target's (another check reports a
   sentence left untranslated).
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.core import languages
from l10n.text import negations as words
from l10n.text import sentences


@check("negations", WARNING)
def negations(ctx: Context) -> Iterator[str]:
    """Each sentence keeps its source's negations ("not", "no", "sin", "ない"): none dropped, none added."""
    if not ctx.required:
        yield from _compare(ctx, exact=False)


@check("required-negations", ERROR)
def required_negations(ctx: Context) -> Iterator[str]:
    """Each sentence of a required unit (the disclaimer) keeps its source's negations, counted."""
    if ctx.required:
        yield from _compare(ctx, exact=True)


def _compare(ctx: Context, exact: bool) -> Iterator[str]:
    if not _known(ctx.source_locale) or not _known(ctx.locale):
        return
    source, translation = ctx.prose("source"), ctx.prose("translation")
    theirs, mine = sentences.split(source), sentences.split(translation)
    if len(theirs) != len(mine):
        theirs, mine = [source], [translation]
    several = len(theirs) > 1
    for number, (said, written) in enumerate(zip(theirs, mine, strict=True), 1):
        if " ".join(said.split()) == " ".join(written.split()):
            continue  # the source's own words: its own negations (rule 7)
        wanted = words.count_in(said, ctx.source_locale)
        found = max(words.count_in(written, ctx.locale), _kept(written, ctx))
        where = f"sentence {number}" if several else "the translation"
        dropped = found < wanted and (exact or found == 0)
        added = found > wanted + words.implied(said, ctx.source_locale) and (exact or not _inside_words(ctx.locale))
        if dropped or added:
            yield (
                f"{where} has {_negations(found, written, ctx.locale, ctx.source_locale)} where the source has "
                f"{_negations(wanted, said, ctx.source_locale)}: is one {'dropped' if found < wanted else 'added'}?"
            )


def _kept(text: str, ctx: Context) -> int:
    """The source language's negations kept in *text*, when the target writes its own without words (rule 5).

    A Japanese or Korean translation that keeps ``DRY (Don't Repeat Yourself)`` or
    ``NOP (no operation)`` in English keeps its negation; in a language written with words
    (Spanish ``no``) the two lists would count one word twice.
    """
    if not _inside_words(ctx.locale):
        return 0
    return words.count_in(text, ctx.source_locale)


def _inside_words(code: str) -> bool:
    """Whether *code*'s language marks negation inside words (``parts`` only: Japanese, Chinese, Korean)."""
    return not languages.table(code, "negations").get("words")


def _known(code: str) -> bool:
    return bool(languages.table(code, "negations"))


def _negations(count: int, text: str, code: str, kept: str = "") -> str:
    if count == 0:
        return "no negation"
    found = words.find(text, code) or (words.find(text, kept) if kept else [])
    shown = ", ".join(repr(n.text) for n in found)
    return f"{count} negation{'s' if count != 1 else ''} ({shown})"
