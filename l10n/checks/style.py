"""Warnings about form: white space, final punctuation, a long text left untranslated.

A unit left as it is is warned only when it has prose: enough words outside code that are
neither identifiers nor names (``unchanged``).

Final punctuation is compared by what it does, in the forms each script writes it
(``。`` is a full stop, ``：`` a colon, ``؟`` a question mark), after closing quotes,
brackets and emphasis (a ``?`` inside a final code span is code), and without the
translator's notes. A final full stop, colon or
nothing are a matter of style in a heading (``See also:``, ``Ver también``) and in the
languages whose data file says ``loose_full_stop`` (Japanese ends with ``。`` the sentence
English ends with a colon): there only a question mark, an exclamation mark or an
ellipsis must come back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from l10n.checks.registry import WARNING, Context, check
from l10n.core import languages


@check("whitespace", WARNING)
def whitespace(ctx: Context) -> Iterator[str]:
    """Leading and trailing whitespace match the source; no double spaces."""
    if _leading(ctx.source) != _leading(ctx.translation):
        yield "leading whitespace differs from the source"
    if _trailing(ctx.source) != _trailing(ctx.translation):
        yield "trailing whitespace differs from the source"
    if "  " in ctx.translation.replace("  \n", "") and "  " not in ctx.source:
        yield "double space"


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


# Final punctuation by what it does, in the forms languages write it: the full-width forms of
# Chinese and Japanese, the Arabic question mark and semicolon, the Devanagari danda...
_END_MARKS = {
    "full stop": ".。\uff0e\uff61\u0964\u06d4",  # and full-width, half-width, Devanagari, Urdu
    "colon": ":：",
    "semicolon": ";；؛",
    "question mark": "?？؟\u037e",  # and the Greek question mark, a look-alike of the semicolon
    "exclamation mark": "!！",
    "ellipsis": "…⋯",
}
_END_KIND = {mark: kind for kind, marks in _END_MARKS.items() for mark in marks}
# Closing quotes, brackets and emphasis that may follow the final punctuation.
_CLOSERS = "*_)\"'»”’」』）】〕》〉"


# Ends that are one and the same where they are a matter of style (a heading; see ``[punctuation]`` of the language files).
_LOOSE = frozenset({"full stop", "colon", None})


@check("punctuation", WARNING)
def punctuation(ctx: Context) -> Iterator[str]:
    """The translation ends like the source (a full stop, a colon, a question mark...), in its own script's forms."""
    source, translated = _end(ctx.text("source")), _end(ctx.text("translation"))
    kinds = _END_KIND.get(source), _END_KIND.get(translated)
    if kinds[0] == kinds[1] or (set(kinds) <= _LOOSE and _loose(ctx)):
        return
    yield f"ends with {translated or 'no punctuation'!r}, the source with {source or 'no punctuation'!r}"


def _loose(ctx: Context) -> bool:
    """Whether a final full stop, colon or nothing are a matter of style here: in a heading, or in some languages."""
    return "heading" in ctx.kinds or bool(languages.table(ctx.locale, "punctuation").get("loose_full_stop"))


def _end(text: str) -> str:
    """The final punctuation mark of *text* (``...`` counts as an ellipsis), or ``""`` (a final code span has none)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    if stripped.endswith("`"):
        return ""  # the text ends with code: ``Other uses of `?` `` does not end with a question mark
    if stripped.endswith(("...", "。。。")):
        return "…"
    return stripped[-1] if stripped and stripped[-1] in _END_KIND else ""


UNCHANGED_MIN_WORDS = 4


@check("unchanged", WARNING)
def unchanged(ctx: Context) -> Iterator[str]:
    """A long unit is translated (the translation is not a copy of the source)."""
    if ctx.translation == ctx.source and len(ctx.source.split()) >= UNCHANGED_MIN_WORDS and _prose_words(ctx):
        yield f"the translation is identical to the source ({len(ctx.source.split())} words)"


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _prose_words(ctx: Context) -> bool:
    """Whether the source has prose to translate: enough words outside code that are not identifiers or names.

    A unit of code spans (``format!("{}", foo)`` -> ``"3735928559"``), identifiers
    (``HashMap``, ``RUST_LOG``) or a list of names (``Alice, Bob, Carol and Dave``) is
    rightly left as it is.
    """
    return _has_prose_words(ctx.prose("source"), "heading" in ctx.kinds)


@lru_cache(maxsize=4096)  # a source kept as is comes back for every locale
def _has_prose_words(prose: str, heading: bool) -> bool:
    words = [w for w in _WORD.findall(prose) if len(w) > 1 and not w.isupper() and not _identifier(w)]
    if len(words) < UNCHANGED_MIN_WORDS:
        return False
    return heading or sum(w[0].islower() for w in words) > len(words) // 4


def _identifier(word: str) -> bool:
    """``HashMap``, ``iPhone``: a capital after the first letter."""
    return any(ch.isupper() for ch in word[1:])
