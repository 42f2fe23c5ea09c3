"""Segments: a unit's text as plain text and inline codes, the shape XLIFF and TMX give it.

Rules:

1. The codes of a text are its protected spans that must come back byte for byte
   (:data:`l10n.text.spans.EXACT_KINDS`: citations, DOIs, URLs, link targets, code, HTML),
   numbered from 1 in text order. An agency's tool shows each as a locked tag, so a
   translator can move a citation but cannot retype, break or drop it unnoticed.
2. Numbers and glossary terms stay text: a French translator writes ``0,5 mg`` for
   ``0.5 mg``, and a term is a word to read and inflect. The checks compare both, and
   the notes of a unit name them (:func:`l10n.catalog.hints.hints`).
3. Joining a segment puts each code's original text back. A translated segment is
   restored from the codes of its *source* segment, by id, whatever the code's content
   in the translation says: a code missing, repeated or unknown is a problem, and a
   segment with a problem is not restored.
4. XML 1.0 cannot hold C0 control characters (but tab and line ends), surrogates or
   U+FFFE/U+FFFF, even escaped: a text holding one cannot be exchanged, and
   :func:`xml_problem` says where.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from l10n.text.spans import EXACT_KINDS, find_spans

__all__ = ["Code", "Piece", "Ref", "aligned", "joined", "restore", "segment", "xml_problem"]


@dataclass(frozen=True, slots=True)
class Code:
    """A protected span as an inline code: ``<ph id="1" ctype="x-citation">(Domino, 2010)</ph>``."""

    id: int
    """1-based, in text order."""
    kind: str
    """The span's kind (:data:`l10n.text.spans.KINDS`)."""
    text: str
    """The span's text, exactly."""


@dataclass(frozen=True, slots=True)
class Ref:
    """An inline code as read back from a file: its id as written, and its content when it has one."""

    id: str
    content: str | None
    line: int = 0
    """Its line in the file."""


Piece = str | Code
"""A part of a segment as written: plain text or a code."""

_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def segment(text: str) -> list[Piece]:
    """*text* split into plain text and a :class:`Code` for each exact protected span (rule 1)."""
    pieces: list[Piece] = []
    pos = 0
    for span in find_spans(text):
        if span.kind not in EXACT_KINDS:
            continue
        if span.start > pos:
            pieces.append(text[pos : span.start])
        pieces.append(Code(sum(isinstance(p, Code) for p in pieces) + 1, span.kind, span.text))
        pos = span.end
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def aligned(translation: str, source: Sequence[Piece]) -> list[Piece]:
    """*translation* split like :func:`segment`, each code numbered as the code of *source* with the same text.

    A span of the translation that the source lacks stays text (it is no placeholder
    of this unit); a code of the source that the translation lacks is simply absent.
    """
    unused = [piece for piece in source if isinstance(piece, Code)]
    pieces: list[Piece] = []
    pos = 0
    for span in find_spans(translation):
        match = next((code for code in unused if code.text == span.text), None) if span.kind in EXACT_KINDS else None
        if match is None:
            continue
        unused.remove(match)
        if span.start > pos:
            pieces.append(translation[pos : span.start])
        pieces.append(match)
        pos = span.end
    if pos < len(translation):
        pieces.append(translation[pos:])
    return pieces


def joined(pieces: Iterable[Piece | Ref]) -> str:
    """The text of a segment: codes and references by their original text (a reference without content adds nothing)."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Code):
            out.append(piece.text)
        elif piece.content is not None:
            out.append(piece.content)
    return "".join(out)


def restore(target: Sequence[Piece | Ref], source: Sequence[Piece | Ref]) -> tuple[str, list[str]]:
    """The text of the translated segment *target*, its codes restored from those of *source* (rule 3).

    Returns the text and the problems found; the text is meaningless when there are problems.
    """
    originals = {ref.id: ref.content or "" for ref in source if isinstance(ref, Ref)}
    refs = [piece for piece in target if isinstance(piece, Ref)]  # a Code is written, never read back
    seen = Counter(ref.id for ref in refs)
    problems = [f"unknown placeholder id={ref.id!r} (line {ref.line})" for ref in refs if ref.id not in originals]
    for key, original in originals.items():
        shown = original.replace("\n", "⏎")
        if not seen[key]:
            problems.append(f"missing placeholder id={key!r} for {shown!r}")
        elif seen[key] > 1:
            problems.append(f"placeholder id={key!r} for {shown!r} appears {seen[key]} times")
    text = "".join(piece if isinstance(piece, str) else originals.get(str(piece.id), "") for piece in target)
    return text, problems


def xml_problem(text: str) -> str | None:
    """What keeps *text* out of an XML file (rule 4), or None."""
    found = _NOT_XML_RE.search(text)
    if found is None:
        return None
    return f"holds U+{ord(found.group()):04X} at offset {found.start()}, which XML 1.0 cannot represent"
