"""Translator hints: the ``#.`` comment lines that tell a translator what matters in a unit.

They are written at extraction, identical in the template and in every catalog (so
``msgmerge`` with the template changes nothing):

0. for a required unit (marked ``<!-- l10n:required -->``, or matching a ``[build]
   required`` pattern), that the post is held back in a locale until the unit is
   reviewed there, and why it is required (:func:`required`);
1. each glossary term of the text once, with its rendering in every configured locale
   (or "do not translate"), and the glossary's note, cut at :data:`NOTE_LIMIT`
   characters with a reference to its glossary line (a note is repeated in every entry
   whose text holds the term: a 5 MB note made every catalog 94 MB);
2. then each protected span to keep exactly (citations, DOIs, URLs, code, HTML, link
   targets), and each number to keep in value;
3. then each collapsed or shortcut reference (``[GitHub issue tracker]``,
   ``[label][]``, ``![logo]``) resolved against the article's link definitions: its
   text is its label, which must stay as it is for the link to resolve, unless the
   translator writes a full reference ``[texto][label]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from l10n.core.patterns import search
from l10n.glossary.model import Glossary
from l10n.glossary.model import Term as GlossaryTerm
from l10n.text.links import reference_labels
from l10n.text.spans import Term, blank_protected, find_spans

if TYPE_CHECKING:
    from l10n.document.model import Reference

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


def hints(
    text: str, glossary: Glossary, locales: tuple[str, ...], references: Mapping[str, Reference] | None = None
) -> list[str]:
    """Extracted-comment lines telling a translator what matters in *text*.

    The same lines go into the template and every catalog (so ``msgmerge`` with the
    template changes nothing): glossary terms with their rendering in each locale,
    then the spans to keep exactly and the numbers to keep in value, then the labels
    of reference links that are their own text (*references*: the article's link
    reference definitions).
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
    if references:
        for label in reference_labels(text, references):
            shown = label.replace("\n", "⏎")
            lines.append(f"keep the label: [{shown}] (a link reference; to translate its text, write [text][{shown}])")
    return lines


def required(text: str, marked: bool, patterns: Sequence[str]) -> list[str]:
    """The line telling a translator that *text* is a required unit, and why; none when it is not.

    *marked*: a unit of the text is marked ``<!-- l10n:required -->``; *patterns*: the
    ``[build] required`` regular expressions (as :class:`l10n.workflow.policy.Policy` reads them).
    """
    if marked:
        why = "marked <!-- l10n:required --> in the source"
    else:
        pattern = next((p for p in patterns if search(p, text)), None)
        if pattern is None:
            return []
        why = f"it matches the [build] required pattern {pattern!r}"
    return [f"required: the post is published in a locale only once this unit is reviewed there ({why})"]
