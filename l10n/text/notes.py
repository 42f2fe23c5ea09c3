"""Translator's notes: the short explanations a translator adds to a translation.

A translator sometimes explains a word the reader may not know:
``バーティカルパイプ（訳注：縦線記号`||`）``, ``la FDA (N. del T.: la agencia del
medicamento de EE. UU.)``. Such a note has no counterpart in the source, so the checks
that compare a translation with its source (code spans, numbers, emphasis, the glossary,
sentence counts, lengths) read the translation without its notes
(:meth:`l10n.checks.Context.text`); the checks for deceptive characters and injection
read it whole.

Rules:

1. A note is a bracketed group -- ``( )``, ``（ ）``, ``[ ]``, ``［ ］``, ``【 】``,
   ``〔 〕`` -- that opens with a marker (after an optional ``※`` or ``*``) followed by
   punctuation or a space, or that closes with one: ``(N. del T.: ...)``,
   ``（訳注：...）``, ``(... -- Anm. d. Übers.)``. Or a sentence that opens with a marker
   and a colon: ``訳注：...。``, up to the end of that sentence.
2. The markers are listed by language (``[notes] markers`` of :mod:`l10n.core.languages`); all of
   them are tried on every translation, case ignored, the space after a full stop
   optional.
3. A note explains; it never adds a link, an image, raw HTML, a URL or a line break,
   and it is short (:data:`MAX_NOTE` characters). A group that does is not a note: it
   stays in the text and every check sees it.
4. Removing a note also removes the space before it, when a space or punctuation
   follows: ``la FDA (N. del T.: ...) aprobó`` reads ``la FDA aprobó``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from l10n.core import languages

__all__ = ["MAX_NOTE", "split_notes"]

MAX_NOTE = 400
"""The longest note, in characters, brackets included."""

_BRACKETS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕"}
_NOT_IN_A_NOTE = re.compile(r"\n|\]\(|\]\[|\]:|<|https?://|www\.", re.I)
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")


@lru_cache(maxsize=4096)  # every check of a translation asks, and a text kept as is comes back for each locale
def split_notes(text: str) -> tuple[str, tuple[str, ...]]:
    """*text* without its translator's notes, and the notes (rules 1-4)."""
    marker = _marker_re()
    if not marker.search(text):
        return text, ()
    found: list[tuple[int, int]] = []
    for start, char in enumerate(text):
        if char in _BRACKETS and not (found and start < found[-1][1]):
            end = _closing(text, start)
            if end is not None and _is_note(text[start + 1 : end - 1], marker) and _allowed(text[start:end]):
                found.append((start, end))
    for match in _opening_re().finditer(text):
        if any(s <= match.start() < e for s, e in found):
            continue
        tail = _SENTENCE_END.search(text, match.end())
        end = tail.end() if tail else len(text)
        if _allowed(text[match.start() : end]):
            found.append((match.start(), end))
    if not found:
        return text, ()
    found.sort()
    out, notes, pos = [], [], 0
    for start, end in found:
        notes.append(text[start:end])
        kept = text[pos:start]
        if kept.endswith(" ") and (end == len(text) or not text[end].isalnum()):
            kept = kept[:-1]
        out.append(kept)
        pos = end
    out.append(text[pos:])
    return "".join(out), tuple(notes)


def _closing(text: str, start: int) -> int | None:
    """The offset just past the bracket that closes the one at *start*, or None."""
    opening, closing = text[start], _BRACKETS[text[start]]
    depth = 0
    for at in range(start, min(len(text), start + MAX_NOTE)):
        if text[at] == opening:
            depth += 1
        elif text[at] == closing:
            depth -= 1
            if depth == 0:
                # A Markdown link text is followed by its target: [text](url), [text][ref].
                if opening == "[" and text[at + 1 : at + 2] in ("(", "["):
                    return None
                return at + 1
    return None


def _is_note(inside: str, marker: re.Pattern[str]) -> bool:
    body = inside.strip().lstrip("※*").strip()
    head = marker.match(body)
    if head and (head.end() == len(body) or not body[head.end()].isalnum()):
        return True
    ends = (len(body), len(body.rstrip(" .)")))
    return any(m.end() in ends and (m.start() == 0 or not body[m.start() - 1].isalnum()) for m in marker.finditer(body))


def _allowed(note: str) -> bool:
    return len(note) <= MAX_NOTE and not _NOT_IN_A_NOTE.search(note)


@cache
def _markers() -> tuple[str, ...]:
    markers: dict[str, list[str]] = languages.every("notes", "markers")
    return tuple(sorted({m for ms in markers.values() for m in ms}, key=len, reverse=True))


def _spelling(marker: str) -> str:
    return r"\s*".join(re.escape(word) for word in re.split(r"(?<=\.)\s*|\s+", marker) if word)


@cache
def _marker_re() -> re.Pattern[str]:
    return re.compile("|".join(_spelling(m) for m in _markers()), re.I)


@cache
def _opening_re() -> re.Pattern[str]:
    """A marker and a colon opening a sentence (rule 1)."""
    return re.compile(rf"(?:^|(?<=[。！？])|(?<=[.!?]\s))[※*]?\s*(?:{_marker_re().pattern})\s*[:：]", re.I | re.M)
