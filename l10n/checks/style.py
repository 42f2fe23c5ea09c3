"""Warnings about form: white space, final punctuation, a long text left untranslated."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import WARNING, Context, check


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


_END_PUNCT = ".:;!?…"


@check("punctuation", WARNING)
def punctuation(ctx: Context) -> Iterator[str]:
    """The translation ends like the source (a full stop, a colon, a question mark...)."""

    def end(text: str) -> str:
        stripped = text.rstrip().rstrip("*_`)\"'»”’")
        return stripped[-1] if stripped and stripped[-1] in _END_PUNCT else ""

    source, translated = end(ctx.source), end(ctx.translation)
    if source != translated:
        yield f"ends with {translated or 'no punctuation'!r}, the source with {source or 'no punctuation'!r}"


UNCHANGED_MIN_WORDS = 4


@check("unchanged", WARNING)
def unchanged(ctx: Context) -> Iterator[str]:
    """A long unit is translated (the translation is not a copy of the source)."""
    if ctx.translation == ctx.source and len(ctx.source.split()) >= UNCHANGED_MIN_WORDS:
        yield f"the translation is identical to the source ({len(ctx.source.split())} words)"
