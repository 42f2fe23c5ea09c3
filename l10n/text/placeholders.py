"""Placeholders: protected spans masked for a machine-translation engine, and put back.

:func:`mask` replaces the protected spans of a text (:func:`l10n.text.spans.find_spans`)
by placeholders before machine translation and :func:`unmask` puts them back,
refusing a translation whose placeholders were lost, duplicated or mangled;
:func:`restore` puts back what it can of a damaged one; :func:`reordered` tells
whether an engine put the spans in another order. The placeholder grammar below is
the only one in the project.

Rules:

1. Placeholders are ``<x id="N"></x>``, numbered from 1 in text order: the inline
   placeholder of XLIFF 1.2, and the form Weblate sends to DeepL. Every engine has
   a mode that keeps tags and their attributes as they are (DeepL
   ``tag_handling=xml`` with ``ignore_tags=x``, Google ``format=html``, Microsoft
   ``textType=html``, LibreTranslate ``format=html``) and moves tags with the words
   they mark, whereas ``⟦1⟧`` or ``[X1X]`` are plain text to an engine, which may
   space, reorder, transliterate or drop them. The element is written
   open-and-closed rather than ``<x/>``: an HTML parser ignores the self-closing
   slash of an unknown element and would wrap the following words in it.
2. The masked text holds ``<`` and ``>`` only in placeholders and no ``&`` at all:
   every ``<``, ``>``, ``&``, entity, placeholder-lookalike and character that XML
   forbids (C0 controls but tab and line endings, surrogates) in the unprotected
   text is itself masked; masking ``>`` too means that a truncated placeholder
   cannot be completed by the text after it. So the masked text is well-formed XML
   and HTML whatever the source (DeepL's tag handling v2 rejects anything else), it
   reads the same sent as plain text, an engine's output can be read unambiguously,
   and unmasking is the exact inverse of masking for any text and any valid span
   list.
3. :func:`unmask` tolerates what engines do to a placeholder when it is unambiguous:
   case (``<X ID="1">``), spaces around ``=``, ``/`` and inside the quotes, single,
   typographic or no quotes around the number, other decimal digits, and the forms
   ``<x id="1"/>`` and ``<x id="1">``. Anything else is a problem: an id missing,
   repeated or unknown, or a ``<`` or ``>`` outside a placeholder (such as a
   ``</x>`` left over after an engine moved words into the element).
4. :func:`restore` is for a draft that a reviewer will see anyway: each placeholder
   rule 3 reads, with a known id, is replaced by its span the first time it appears;
   anything else stays as the engine wrote it, and the problems are those
   :func:`unmask` would raise.
5. A translation may move placeholders, as words move between languages; an engine may
   also renumber them, and the two look the same: ``start at <x id="2"></x> ... never
   exceed <x id="1"></x>`` may be a faithful reordering or two doses swapped.
   :func:`reordered` reports the order the ids came back in when it puts the protected
   texts in another order than the source's (ids of equal texts trading places change
   nothing, and are not reported); only a reader can tell which it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from l10n.core.errors import PlaceholderError
from l10n.text.inline_syntax import ENTITY_RE
from l10n.text.spans import Span

__all__ = ["Masked", "mask", "placeholder_problems", "reordered", "restore", "unmask"]


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its protected spans replaced by placeholders, and the way back."""

    text: str
    """The text to send to an engine."""
    placeholders: tuple[tuple[str, str], ...]
    """(placeholder, original text) for ids 1, 2, ... in text order."""


_QUOTE = "[\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a]"  # straight, typographic, guillemets
_PLACEHOLDER_RE = re.compile(
    rf"<\s*x\s+id\s*=\s*(?:{_QUOTE}\s*(?P<q>\d+)\s*{_QUOTE}|(?P<u>\d+))\s*(?:/\s*>|>(?:<\s*/\s*x\s*>)?)",
    re.IGNORECASE,
)
"""A placeholder as rule 3 reads it; the id is group ``q`` (quoted) or ``u`` (unquoted)."""
_ESCAPE_RE = re.compile(
    rf"{_PLACEHOLDER_RE.pattern}|{ENTITY_RE.pattern}|[<>&]"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+",  # not allowed in XML text
    re.IGNORECASE,
)


_STRAY_RE = re.compile(r"<[^<>]{0,40}>?|[^<>]{0,23}>")  # a stray "<" or ">" with its context


def _placeholder(number: int) -> str:
    return f'<x id="{number}"></x>'


def mask(text: str, spans: Sequence[Span]) -> Masked:
    """*text* with each span, and whatever could be read as markup outside them (rule 2), as placeholders.

    *spans* must lie within *text*, hold its characters and not overlap (they are
    sorted here); empty spans are not allowed. Raises ``ValueError`` otherwise.
    """
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    parts: list[str] = []
    pairs: list[tuple[str, str]] = []

    def protect(original: str) -> None:
        pairs.append((_placeholder(len(pairs) + 1), original))
        parts.append(pairs[-1][0])

    def escape(start: int, end: int) -> None:
        pos = start
        for match in _ESCAPE_RE.finditer(text, start, end):
            parts.append(text[pos : match.start()])
            protect(match.group())
            pos = match.end()
        parts.append(text[pos:end])

    pos = 0
    for span in ordered:
        if not pos <= span.start < span.end <= len(text) or text[span.start : span.end] != span.text:
            msg = f"span {span!r} does not fit the text (overlap, empty or out of range)"
            raise ValueError(msg)
        escape(pos, span.start)
        protect(span.text)
        pos = span.end
    escape(pos, len(text))
    return Masked("".join(parts), tuple(pairs))


def _mangled(text: str, start: int, end: int) -> Iterator[str]:
    """A problem for each ``<...>`` or ``...>`` in ``text[start:end]``: the masked text had none there."""
    for stray in _STRAY_RE.finditer(text, start, end):
        yield f"mangled placeholder at {stray.group()!r}"


def _scan_placeholders(translated: str, masked: Masked) -> tuple[list[tuple[int, int, int]], list[str]]:
    """The placeholders in *translated* as (start, end, index), and the problems found."""
    found: list[tuple[int, int, int]] = []
    problems: list[str] = []
    pos = 0
    for match in _PLACEHOLDER_RE.finditer(translated):
        problems.extend(_mangled(translated, pos, match.start()))
        pos = match.end()
        number = int(match.group("q") or match.group("u"))
        if 1 <= number <= len(masked.placeholders):
            found.append((match.start(), match.end(), number - 1))
        else:
            problems.append(f"unknown placeholder {match.group()!r}")
    problems.extend(_mangled(translated, pos, len(translated)))
    counts = Counter(index for _, _, index in found)
    for index, (placeholder, original) in enumerate(masked.placeholders):
        if counts[index] == 0:
            problems.append(f"missing placeholder {placeholder} for {original!r}")
        elif counts[index] > 1:
            problems.append(f"placeholder {placeholder} for {original!r} appears {counts[index]} times")
    return found, problems


def placeholder_problems(translated: str, masked: Masked) -> list[str]:
    """What is wrong with the placeholders of *translated*; empty when :func:`unmask` can restore it."""
    return _scan_placeholders(translated, masked)[1]


def reordered(translated: str, masked: Masked) -> tuple[int, ...]:
    """The placeholder ids of *translated*, each at its first appearance, when they put the
    protected texts in another order than *masked* has them; empty otherwise (rule 5)."""
    found, _ = _scan_placeholders(translated, masked)
    seen: list[int] = []
    for _, _, index in found:
        if index not in seen:
            seen.append(index)
    texts = [masked.placeholders[index][1] for index in seen]
    if texts == [masked.placeholders[index][1] for index in sorted(seen)]:
        return ()
    return tuple(index + 1 for index in seen)


def unmask(translated: str, masked: Masked) -> str:
    """*translated* with its placeholders replaced by the original spans.

    Raises :class:`PlaceholderError` listing the problems if any placeholder is
    missing, repeated, unknown or mangled.
    """
    text, problems = restore(translated, masked)
    if problems:
        raise PlaceholderError(problems)
    return text


def restore(translated: str, masked: Masked) -> tuple[str, list[str]]:
    """*translated* unmasked as far as it can be (rule 4), and the problems found (none when intact)."""
    found, problems = _scan_placeholders(translated, masked)
    parts, pos = [], 0
    used: set[int] = set()
    for start, end, index in found:
        if index in used:
            continue  # a repeated placeholder stays as written
        used.add(index)
        parts.append(translated[pos:start])
        parts.append(masked.placeholders[index][1])
        pos = end
    parts.append(translated[pos:])
    return "".join(parts), problems
