"""The glossary's gaps: terms a locale's sources use that the glossary gives no rendering in that locale.

A term with no rendering in a locale is never required there, so every glossary check of that
locale passes without looking: a new ``ar`` or ``ja`` with no renderings at all, or an ``it``
with some, is told by ``l10n init``, ``l10n status`` and ``l10n check`` instead.

Rules:

1. The terms used are those :meth:`l10n.glossary.model.Glossary.find` finds in the prose of the
   units extracted from the sources (:mod:`l10n.document.walker`), the spans compared byte for
   byte blanked out as the checks blank them (:func:`l10n.text.spans.blank_protected`): a term
   only in a URL or in code is not used. :func:`l10n.workflow.coverage.glossary_gaps` reads the
   sources of a project, each one's terms kept in the check cache while it is unchanged.
2. A used term needs a rendering in a locale unless the locale keeps it
   (:meth:`l10n.glossary.model.Term.keeps`: ``do_not_translate``); it lacks one when
   :meth:`l10n.glossary.model.Term.translation_for` has none, so ``pt_BR`` is rendered by the
   ``pt`` entries (rule 1 of :mod:`l10n.glossary.model`).
3. One :class:`Gap` per locale, in the order the locales are given; terms in the glossary's
   order. A gap is told (:attr:`Gap.told`) when any needed term lacks its rendering, whether
   the locale has no rendering at all or only some. Its message names the glossary file, the
   locale, the counts and the first :data:`NAMED` terms: one line per locale, never per unit.
4. It is a warning, never an error: what is missing is a rendering of the project's glossary,
   not a fault of a translation, so publishing is not held back by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from l10n.glossary.model import Glossary, Term
from l10n.text.spans import blank_protected, find_spans
from l10n.text.terms import nfc, visible

__all__ = ["NAMED", "Gap", "gap_message", "gaps_of", "note_of", "terms_in"]

NAMED = 3
"""How many of the terms without a rendering a message names."""


@dataclass(frozen=True, slots=True)
class Gap:
    """The terms one locale's sources use, against the renderings the glossary gives it."""

    locale: str
    """The locale code, normalized."""
    path: str
    """The glossary file as named in messages."""
    needed: tuple[str, ...]
    """The terms used that need a rendering in the locale (rule 2), in the glossary's order."""
    unrendered: tuple[str, ...]
    """Those of :attr:`needed` the glossary gives no rendering in the locale."""

    @property
    def told(self) -> bool:
        """Whether a needed term lacks its rendering (rule 3)."""
        return bool(self.unrendered)

    def message(self) -> str:
        """The warning's one line (rule 3)."""
        return gap_message(self.locale, self.path, len(self.needed), self.unrendered)

    def as_dict(self) -> dict[str, Any]:
        """The ``glossary`` member of a locale in ``l10n status --format json``."""
        return {"path": self.path, "needed": len(self.needed), "unrendered": list(self.unrendered)}


def gap_message(locale: str, path: str, needed: int, unrendered: Sequence[str]) -> str:
    """The warning for *locale* with *needed* terms, of which *unrendered* have no rendering in the glossary *path*.

    Plain values, so that a report rendered from ``l10n status --format json`` says it in the same words.
    """
    missing = len(unrendered)
    if needed == 1:
        share = "the one glossary term"
    else:
        share = f"{'any of the' if missing == needed else f'{missing} of the'} {needed} glossary terms"
    names = ", ".join(f'"{name}"' for name in unrendered[:NAMED])
    more = f" and {missing - NAMED} more" if missing > NAMED else ""
    return f"{path}: {locale} has no rendering for {share} its sources use ({names}{more}); its translations are not held to them"


def note_of(locale: str, member: Mapping[str, Any] | None) -> str:
    """The warning of a locale's ``glossary`` member in a status report (:meth:`Gap.as_dict`), ``""`` if none."""
    if not member or not member.get("unrendered"):
        return ""
    return gap_message(locale, member["path"], member["needed"], member["unrendered"])


def terms_in(glossary: Glossary, texts: Iterable[str]) -> set[Term]:
    """The terms of *glossary* found in the prose of *texts*, the units of a source (rule 1)."""
    found: set[Term] = set()
    for text in texts:
        seen = visible(text).casefold()
        # Only the terms whose words all occur, in any case, can match: no other pattern is compiled.
        candidates = tuple(t for t in glossary.terms if t not in found and all(w in seen for w in _words(t.term)))
        if candidates:
            prose = visible(blank_protected(text, find_spans(text)))
            found.update(term for term, _start, _end in Glossary(candidates).find(prose))
    return found


@cache
def _words(phrase: str) -> tuple[str, ...]:
    """The runs of word characters of *phrase*, case-folded: a text without one of them cannot contain it."""
    return tuple(word.casefold() for word in re.findall(r"\w+", nfc(phrase)))


def gaps_of(glossary: Glossary, used: Iterable[Term], locales: Sequence[str]) -> list[Gap]:
    """One :class:`Gap` per locale of *locales*, for the terms *used* by its sources (rules 2 and 3)."""
    chosen = set(used)
    ordered = [term for term in glossary.terms if term in chosen]
    found = []
    for locale in locales:
        needed = tuple(term for term in ordered if not term.keeps(locale))
        unrendered = tuple(term.term for term in needed if term.translation_for(locale) is None)
        found.append(Gap(locale, glossary.path, tuple(term.term for term in needed), unrendered))
    return found
