"""Omissions and slips: a dropped sentence, a translation much too short, a doubled word, a broken title.

A dropped sentence of medical text is the commonest serious slip, and no number or
span check sees it when the sentence held no number or span. These checks compare the
shape of a translation with its source; they read the translation without its
translator's notes (:meth:`~l10n.checks.Context.text`), so a note neither hides nor
causes a finding.

Rules:

1. ``single-line`` (error): a heading, a front-matter value or a table cell is one line
   (:attr:`~l10n.checks.Context.kinds`, from the ``#. type:`` comment of the entry):
   a line break in its translation would end the heading or the table row, or break
   the front matter.
2. ``sentences`` (warning): the translation has clearly fewer sentences than the
   source: at least two fewer, and at most :data:`SENTENCES_KEPT` of them; or fewer,
   and shorter than :data:`SENTENCES_SHORT` of its language's usual length (rule 3).
   Merging two sentences into one is a translator's right; keeping one of three, or
   two of three in much fewer words, is what a dropped sentence looks like. A
   sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by white space and a word
   that does not start in lower case (``e.g. this`` does not end one, nor ``Dr.``,
   ``et al.`` or an initial), and at the full-width ``。！？`` and the Arabic ``؟``,
   Devanagari ``।`` wherever they are.
   In a required unit (the disclaimer) any sentence fewer is the error ``required-sentences``.
3. ``length`` (warning): a translation of a source of at least :data:`LENGTH_MIN`
   characters is shorter than :data:`LENGTH_SHORT` of the usual ratio of its language
   (``[omissions] length`` of the language files, measured on real translations).
4. ``doubled-word`` (warning): a word written twice in a row (``ser ser``), when the
   translation has more such repetitions than the source (``bye bye`` may become
   ``adiós adiós``), except the words a language repeats correctly (French ``nous
   nous``, German ``die die``: ``[omissions] doubled``), and none in a language that
   repeats words on purpose (Turkish ``yavaş yavaş``: ``[omissions] reduplicates``).

The warnings are silenced per entry with ``l10n-ignore: sentences`` (or ``length``,
``doubled-word``) like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.core import languages
from l10n.text import sentences as sentence_text
from l10n.text.terms import visible

SINGLE_LINE_KINDS = ("heading", "table cell", "front matter")
"""Unit kinds that are one line (a kind ``front matter: title`` starts with ``front matter``)."""

SENTENCES_KEPT = 0.6
"""The share of the source's sentences below which a translation has clearly fewer (rule 2)."""

SENTENCES_SHORT = 0.7
"""With a sentence fewer, the share of the usual length below which a translation is short (rule 2)."""

LENGTH_MIN = 60
"""The shortest source, in characters of prose, whose translation's length is compared (rule 3)."""

LENGTH_SHORT = 0.45
"""A translation shorter than this share of its language's usual length is much shorter (rule 3)."""

_DOUBLED = re.compile(r"(?<![\w'’])([^\W\d_]+(?:['’][^\W\d_]+)?)(\s+\1)+(?![\w'’])", re.I)


@check("single-line", ERROR)
def single_line(ctx: Context) -> Iterator[str]:
    """Headings, front-matter values and table cells stay on one line."""
    if "\n" in ctx.translation and "\n" not in ctx.source:
        kind = next((k for k in ctx.kinds if k.startswith(SINGLE_LINE_KINDS)), None)
        if kind:
            yield f"a {kind} is one line, but the translation has a line break"


@check("sentences", WARNING)
def sentences(ctx: Context) -> Iterator[str]:
    """The translation keeps the source's sentences (it does not drop some)."""
    source, translated = count_sentences(ctx.prose("source")), count_sentences(ctx.prose("translation"))
    if translated >= source or ctx.required:
        return
    length = _length(ctx)
    short = length is not None and length[0] < length[1] * SENTENCES_SHORT
    if short or (source - translated >= 2 and translated <= source * SENTENCES_KEPT):
        counted = f"{translated} sentence{'s' if translated != 1 else ''} where the source has {source}"
        yield f"{counted}{', in a short translation' if short else ''}: is one dropped?"


@check("required-sentences", ERROR)
def required_sentences(ctx: Context) -> Iterator[str]:
    """A required unit (the disclaimer) keeps every sentence of its source."""
    if ctx.required:
        source, translated = count_sentences(ctx.prose("source")), count_sentences(ctx.prose("translation"))
        if translated < source:
            yield f"the required unit has {translated} sentence{'s' if translated != 1 else ''} where the source has {source}"


@check("length", WARNING)
def length(ctx: Context) -> Iterator[str]:
    """The translation is not much shorter than translations into its language usually are."""
    found = _length(ctx)
    if found is not None and found[0] < found[1] * LENGTH_SHORT:
        ratio, usual = found
        yield f"the translation is {ratio:.0%} of the source's length, {ctx.locale} usually {usual:.0%}: is text missing?"


@check("doubled-word", WARNING)
def doubled_word(ctx: Context) -> Iterator[str]:
    """No word is written twice in a row (``ser ser``) where the source has no such repetition."""
    if languages.table(ctx.locale, "omissions").get("reduplicates"):
        return  # the language repeats words on purpose (Turkish "yavaş yavaş")
    allowed = set(languages.table(ctx.locale, "omissions").get("doubled", ()))
    # The text, not the prose: blanking a code span would make the words around it neighbours.
    in_source = [m.group(1).casefold() for m in _DOUBLED.finditer(visible(ctx.text("source")))]
    found = [m for m in _DOUBLED.finditer(visible(ctx.text("translation"))) if m.group(1).casefold() not in allowed]
    if len(found) > len(in_source):  # a repetition the source makes ("bye bye") may be translated as one
        for match in found:
            if match.group(1).casefold() not in in_source:
                yield f"doubled word: {match.group()!r}"


def count_sentences(text: str) -> int:
    """The number of sentences of *text* (rule 2, :mod:`l10n.text.sentences`); a text with no letter or digit has none."""
    return len(sentence_text.split(text))


def _length(ctx: Context) -> tuple[float, float] | None:
    """The translation's length as a share of the source's, and the usual share for its language (rule 3)."""
    usual = languages.table(ctx.locale, "omissions").get("length", {}).get(languages.language(ctx.source_locale))
    source = _size(ctx.prose("source"))
    if usual is None or source < LENGTH_MIN:
        return None
    return _size(ctx.prose("translation")) / source, float(usual)


def _size(text: str) -> int:
    return len(" ".join(visible(text).split()))
