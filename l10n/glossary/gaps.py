"""The glossary's gaps: terms a locale's sources use that the glossary gives no rendering in that locale.

A term with no rendering in a locale is never required there, so every glossary check of that
locale passes without looking: a new ``ar`` or ``ja`` with no renderings at all, or an ``it``
with some, is told by ``l10n init``, ``l10n status`` and ``l10n check`` instead.

Rules:

1. The terms used are those :meth:`l10n.glossary.model.Glossary.find` finds in the prose of the
   units extracted from the sources (:mod:`l10n.document.walker`), the spans compared byte for
   byte blanked out as the checks blank them (:func:`l10n.text.spans.blank_protected`): a term
   only in a URL or in code is not used.
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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from l10n.core.config import Config
from l10n.document.walker import read
from l10n.glossary.model import Glossary, Term
from l10n.glossary.schema import glossary_of
from l10n.text.spans import blank_protected, find_spans
from l10n.text.terms import term_pattern, visible

__all__ = ["NAMED", "Gap", "gap_message", "gaps", "note_of", "terms_used", "warnings"]

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


def terms_used(config: Config, articles: Sequence[str] = (), glossary: Glossary | None = None) -> tuple[Term, ...]:
    """The glossary terms the prose of the sources of *articles* (default: all) uses, in the glossary's order (rule 1)."""
    glossary = glossary if glossary is not None else glossary_of(config)
    if not glossary.terms:
        return ()
    found: set[Term] = set()
    for article in articles or config.articles():
        source = config.source_path(article)
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
        found.update(_used(glossary, (unit.text for unit in doc.units)))
        if len(found) == len(glossary.terms):
            break
    return tuple(term for term in glossary.terms if term in found)


def _used(glossary: Glossary, texts: Iterable[str]) -> set[Term]:
    """The terms found in the prose of *texts*."""
    found: set[Term] = set()
    for text in texts:
        seen = visible(text)
        if not any(term_pattern(t.term, t.case_sensitive).search(seen) for t in glossary.terms if t not in found):
            continue  # the common case: no term, no spans to find
        prose = visible(blank_protected(text, find_spans(text)))
        found.update(term for term, _start, _end in glossary.find(prose))
    return found


def gaps(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[Gap]:
    """One :class:`Gap` per locale of *locales* (default: the configured ones) for the sources of *articles*."""
    glossary = glossary_of(config)
    used = terms_used(config, articles, glossary)
    found = []
    for locale in locales or config.locales:
        needed = tuple(term for term in used if not term.keeps(locale))
        unrendered = tuple(term.term for term in needed if term.translation_for(locale) is None)
        found.append(Gap(locale, glossary.path, tuple(term.term for term in needed), unrendered))
    return found


def warnings(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[str]:
    """The message of each told gap of :func:`gaps` (rule 3), what ``l10n init`` and ``l10n check`` print."""
    return [gap.message() for gap in gaps(config, locales, articles) if gap.told]
