"""Deceptive characters: a translation must show the reader the text it holds.

Characters that render as nothing or reorder what is shown can make ``0,5`` display as
``5,0``, split a drug name so that no search finds it, or hide a look-alike brand. The
comparisons of the other checks see through them (:func:`l10n.text.terms.visible`); these
checks report them. They read the whole translation, translator's notes and code
included.

Rules:

1. ``bidi-controls`` (error): an embedding, override or isolate (U+202A-U+202E,
   U+2066-U+2069) that the source does not have, in any locale. The marks U+200E,
   U+200F and U+061C are what right-to-left text needs around numbers and Latin words:
   a right-to-left locale (CLDR, :func:`l10n.core.locales.text_direction`) or a translation
   holding right-to-left letters may add them; any other translation may not.
2. ``hidden-characters`` (error): a default-ignorable character
   (:data:`l10n.text.terms.IGNORABLE`: zero-width space and joiners, word joiner, soft
   hyphen, BOM, variation selectors...) that the source does not have, inside a number
   or between two letters of the Latin, Greek or Cyrillic scripts, where no orthography
   needs one. The soft hyphen between two letters is a hyphenation hint, not hidden:
   rule 3 reports it.
3. ``invisible-characters`` (warning): any other default-ignorable character that the
   source does not have. Never reported, because languages need them: the joiners
   (ZWNJ, ZWJ) next to a letter of a script that joins (Persian ``می‌خواهم``, the
   Indic conjuncts), ZWJ, variation selectors and tags in emoji sequences, a variation
   selector after a Han character, and a zero-width space (the word break) in Thai,
   Lao, Khmer, Myanmar or Tibetan text.
4. ``tag-characters`` (error): Unicode tag characters (U+E0000-U+E007F), which render as
   nothing and can carry a hidden instruction, except in an emoji flag's tag sequence.
5. ``struck-out`` (error): text struck out, by a combining overlay (U+0334-U+0338 and the
   other characters of combining class 1) or GFM's ``~~strikethrough~~``, which most site
   generators render: ``~~no~~ es seguro`` reads as "es seguro" struck through.
6. ``mixed-script`` (error): a word that mixes Latin, Greek and Cyrillic letters, one of
   which is a look-alike of a letter of another script of the word (Unicode's
   confusables, :func:`l10n.text.terms.skeleton`): ``Innerwell`` with a Cyrillic I,
   ``quetamina`` with a Cyrillic e. A word the source has as it is (``Aβ``) is not
   reported, nor a Greek letter that looks like no Latin one (``μg``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.core.locales import text_direction
from l10n.text.terms import BIDI_CONTROLS, BIDI_MARKS, IGNORABLE, ignorable, script, skeleton, visible

_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
# Scripts whose orthography needs no joiner: a ZWNJ or ZWJ next to their letters is not writing.
_NO_JOINERS = _LOOKALIKE_SCRIPTS | {"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "COMMON", "INHERITED"}
# Scripts written without spaces, where a zero-width space marks a word break.
_UNSPACED = frozenset({"THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"})
_ZWSP, _ZWNJ, _ZWJ, _SHY = "\u200b", "\u200c", "\u200d", "\u00ad"
_NUMBER_SEPARATORS = ".,\u066b\u066c'\u2019"
_WORD_RE = re.compile(r"[^\W_]+")
_TAG_FIRST, _TAG_LAST = "\U000e0000", "\U000e007f"
_EMOJI_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
"""A flag's tag sequence (Scotland, Wales): the one place tag characters belong."""
_STRUCK = re.compile(r"(?<!~)~~(?=[^\s~])(.+?)(?<=[^\s~])~~(?!~)")


@check("bidi-controls", ERROR, waivable=False)
def bidi_controls(ctx: Context) -> Iterator[str]:
    """No bidirectional control that the source does not have: it can reorder what a reader sees."""
    text = ctx.translation
    if BIDI_CONTROLS.isdisjoint(text) and BIDI_MARKS.isdisjoint(text):
        return
    source = Counter(ctx.source)
    marks_allowed = text_direction(ctx.locale) == "rtl" or any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    for char, count in sorted(Counter(c for c in text if c in BIDI_CONTROLS or c in BIDI_MARKS).items()):
        if count <= source[char] or (char in BIDI_MARKS and marks_allowed):
            continue
        why = "it reorders how the text is shown" if char in BIDI_CONTROLS else "the translation has no right-to-left text"
        yield f"{_name(char)} is not in the source ({why}): {_shown(text, text.index(char))}"


@check("hidden-characters", ERROR, waivable=False)
def hidden_characters(ctx: Context) -> Iterator[str]:
    """No invisible character inside a number or a Latin, Greek or Cyrillic word."""
    for char, where, inside in _invisible(ctx):
        if inside:
            yield f"{_name(char)} inside {inside}: {_shown(ctx.translation, where)}"


@check("invisible-characters", WARNING, waivable=False)
def invisible_characters(ctx: Context) -> Iterator[str]:
    """No other invisible character that the source does not have (soft hyphens, zero-width spaces...)."""
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    for char, where, inside in _invisible(ctx):
        if not inside and not _needed(ctx.translation, where):
            first.setdefault(char, where)
            count[char] += 1
    for char, where in first.items():
        times = f" ({count[char]} times)" if count[char] > 1 else ""
        yield f"{_name(char)}{times} is not in the source: {_shown(ctx.translation, where)}"


@check("tag-characters", ERROR, waivable=False)
def tag_characters(ctx: Context) -> Iterator[str]:
    """No Unicode tag characters (U+E0000-U+E007F, invisible text), except in an emoji flag."""
    text = ctx.translation
    if text.isascii() or not any(_TAG_FIRST <= char <= _TAG_LAST for char in text):
        return
    allowed = {at for match in _EMOJI_TAGS.finditer(text) for at in range(match.start(), match.end())}
    hidden = "".join(char for at, char in enumerate(text) if _TAG_FIRST <= char <= _TAG_LAST and at not in allowed)
    if hidden and not set(hidden) <= set(ctx.source):
        shown = "".join(chr(ord(char) - 0xE0000) if "\U000e0020" <= char <= "\U000e007e" else "?" for char in hidden)
        yield f"{len(hidden)} Unicode tag character{'s' if len(hidden) != 1 else ''} hide text a reader cannot see: {shown!r}"


@check("struck-out", ERROR, waivable=False)
def struck_out(ctx: Context) -> Iterator[str]:
    """No text struck out (GFM strikethrough, combining overlays such as U+0336): a reader reads it as deleted."""
    text = ctx.translation
    overlays = [] if text.isascii() else [c for c in text if unicodedata.combining(c) == 1 and c not in ctx.source]
    if overlays:
        at = next(i for i, char in enumerate(ctx.translation) if char == overlays[0])
        yield f"{_name(overlays[0])} strikes text out: {_shown(ctx.translation, max(at - 1, 0))}"
    struck = _STRUCK.findall(ctx.prose("translation"))
    if len(struck) > len(_STRUCK.findall(ctx.prose("source"))):
        yield f"strikethrough ~~{struck[0]}~~ is not in the source: site generators show it struck out"


@check("mixed-script", ERROR, waivable=False)
def mixed_script(ctx: Context) -> Iterator[str]:
    """No word mixes Latin, Greek or Cyrillic letters with look-alikes from another of them."""
    text = visible(ctx.translation)
    if text.isascii():
        return
    known = set(_WORD_RE.findall(visible(ctx.source)))
    reported: set[str] = set()
    for word in _WORD_RE.findall(text):
        if word.isascii() or word in known or word in reported:
            continue
        lookalike = _lookalike(word)
        if lookalike:
            reported.add(word)
            yield f"word {word!r} mixes scripts: {lookalike}"


@lru_cache(maxsize=1 << 16)  # words repeat: a catalog's words are looked at once each
def _lookalike(word: str) -> str:
    """How *word* mixes look-alike scripts (rule 4), or ``""``."""
    scripts = Counter(s for s in map(script, word) if s in _LOOKALIKE_SCRIPTS)
    if len(scripts) < 2:
        return ""
    for char in word:
        own = script(char)
        if own not in scripts:
            continue
        others = {script(c) for c in skeleton(char) if c.isalpha()} & (set(scripts) - {own})
        if others:
            return f"{_name(char)} among {max(others, key=lambda s: scripts[s]).title()} letters"
    return ""


def _invisible(ctx: Context) -> Iterator[tuple[str, int, str]]:
    """(character, offset, what it is inside or ``""``) for each default-ignorable the source lacks (rules 2, 3)."""
    text = ctx.translation
    if text.isascii() or IGNORABLE.isdisjoint(text):
        return
    source = set(ctx.source)
    for where, char in enumerate(text):
        if char not in IGNORABLE or char in BIDI_CONTROLS or char in BIDI_MARKS or char in source:
            continue
        if _TAG_FIRST <= char <= _TAG_LAST:
            continue  # tag-characters reports them
        before, after = _neighbour(text, where, -1), _neighbour(text, where, 1)
        if _in_number(text, where):
            yield char, where, "a number"
        elif char != _SHY and _letter(before) and _letter(after):
            yield char, where, "a word"
        else:
            yield char, where, ""


def _needed(text: str, where: int) -> bool:
    """Whether the invisible character at *where* is one a language needs there (rule 3)."""
    char = text[where]
    near = [c for c in (_neighbour(text, where, -1), _neighbour(text, where, 1)) if c]
    scripts = {script(c) for c in near}
    if char in (_ZWNJ, _ZWJ) and scripts - _NO_JOINERS:
        return True
    if char == _ZWSP and scripts & _UNSPACED:
        return True
    emoji = any(unicodedata.category(c) in ("So", "Sk") for c in near)
    variation = "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"
    tag = "\U000e0020" <= char <= "\U000e007f"
    if (char == _ZWJ or variation or tag) and emoji:
        return True
    return variation and bool(near) and script(near[0]) == "HAN"


def _neighbour(text: str, where: int, step: int) -> str:
    """The nearest character before (-1) or after (1) *where* that is not default ignorable."""
    at = _beside(text, where, step)
    return text[at] if at is not None else ""


def _beside(text: str, where: int, step: int) -> int | None:
    where += step
    while 0 <= where < len(text) and ignorable(text[where]):
        where += step
    return where if 0 <= where < len(text) else None


def _letter(char: str) -> bool:
    return bool(char) and char.isalpha() and script(char) in _LOOKALIKE_SCRIPTS


def _in_number(text: str, where: int) -> bool:
    """Whether *where* sits between two digits, or between a digit and a separator followed by a digit."""
    before, after = _beside(text, where, -1), _beside(text, where, 1)
    if before is None or after is None:
        return False
    if text[before].isdigit() and text[after].isdigit():
        return True
    if text[before].isdigit() and text[after] in _NUMBER_SEPARATORS:
        return _neighbour(text, after, 1).isdigit()
    if text[before] in _NUMBER_SEPARATORS and text[after].isdigit():
        return _neighbour(text, before, -1).isdigit()
    return False


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def _shown(text: str, where: int) -> str:
    """The run of non-space characters around *where*, each invisible one spelt out, so a reviewer can see it."""
    start, end = where, where + 1
    while start > 0 and where - start < 24 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and end - where < 24 and not text[end].isspace():
        end += 1
    return repr("".join(f"<U+{ord(c):04X}>" if ignorable(c) else c for c in text[start:end]))
