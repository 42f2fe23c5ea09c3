"""Translator hints: the ``#.`` comment lines that tell a translator what matters in a unit.

They are written at extraction, identical in the template and in every catalog (so
``msgmerge`` with the template changes nothing):

1. each glossary term of the text once, with its rendering in every configured locale
   (or "do not translate"), and the glossary's note, cut at :data:`NOTE_LIMIT`
   characters with a reference to its glossary line (a note is repeated in every entry
   whose text holds the term: a 5 MB note made every catalog 94 MB);
2. then each protected span to keep exactly (citations, DOIs, URLs, code, HTML, link
   targets), and each number to keep in value.
"""

from __future__ import annotations

from .glossary import Glossary
from .glossary import Term as GlossaryTerm
from .spans import Term, blank_protected, find_spans

NOTE_LIMIT = 200
"""Longest glossary note copied into a catalog, in characters; a longer one is cut and referenced."""


def _note(term: GlossaryTerm, glossary: Glossary) -> str:
    """`` (the note)`` of *term*, on one line and at most :data:`NOTE_LIMIT` characters; empty without one."""
    note = " ".join(term.note.split())
    if not note:
        return ""
    if len(note) > NOTE_LIMIT:
        where = f"{glossary.path}:{term.line}" if term.line else glossary.path
        note = f"{note[:NOTE_LIMIT].rstrip()}… (the whole note: {where})"
    return f" ({note})"


def hints(text: str, glossary: Glossary, locales: tuple[str, ...]) -> list[str]:
    """Extracted-comment lines telling a translator what matters in *text*.

    The same lines go into the template and every catalog (so ``msgmerge`` with the
    template changes nothing): glossary terms with their rendering in each locale,
    then the spans to keep exactly and the numbers to keep in value.
    """
    lines: list[str] = []
    seen: set[str] = set()
    keep = tuple(Term(t.term, t.case_sensitive) for t in glossary.terms if locales and all(t.keeps(c) for c in locales))
    spans = find_spans(text, keep)
    for term, _, _ in glossary.find(blank_protected(text, spans)):
        if term.term in seen:
            continue
        seen.add(term.term)
        note = _note(term, glossary)
        if locales and all(term.keeps(code) for code in locales):
            lines.append(f"glossary: {term.term}: do not translate{note}")
            continue
        renderings = [
            f"{code}: {term.term if term.keeps(code) else term.translation_for(code)}"
            for code in locales
            if term.keeps(code) or term.translation_for(code)
        ]
        lines.append(f"glossary: {term.term} -> {', '.join(renderings) or 'no required rendering'}{note}")
    for span in spans:
        shown = span.text.replace("\n", "⏎")
        if span.kind == "number":
            lines.append(f"keep the value: {shown}")
        elif span.kind != "term":
            lines.append(f"keep exactly: {span.kind} {shown}")
    return lines
