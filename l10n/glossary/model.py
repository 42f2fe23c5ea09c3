"""The glossary model: how each term is rendered, accepted and never rendered, per locale.

:mod:`l10n.glossary.schema` reads ``glossary.yaml`` (its format and validation rules
are there) into the :class:`Glossary` of this module; :func:`glossary_of` loads a
project's glossary once per process.

Rules:

1. Locale lookups fall back from a regional locale to its language: ``es_MX`` uses
   the ``es`` entries unless it has its own.
2. A term or rendering matches only as whole words, by the one matcher of
   :mod:`l10n.text.terms`: not preceded or followed by a Unicode letter or digit
   (``ketamine's`` contains ``ketamine``, ``esketamine`` does not; ``_`` is
   punctuation, Markdown emphasis, so ``_ketamine_`` contains it). Any whitespace run
   matches any whitespace run, the apostrophes ``'`` and U+2019 match each other, and
   case is ignored unless the term is ``case_sensitive``; forbidden renderings always
   ignore case. Terms, renderings and translations are compared in Unicode NFC.
3. :meth:`Glossary.find` reports the occurrences of terms in an English text with
   the longest match first: where matches overlap, the longer wins
   ("treatment-resistant depression" hides its "depression"), then the earlier,
   then the term listed first.
4. :meth:`Glossary.violations` checks one translation against its source, each term
   found in the source once, in order of first occurrence: a kept term must
   appear as is (or as one of its variants), else ``changed-term``; a term with a
   required rendering must have it or one of its variants somewhere in the
   translation (how often is not compared), else ``missing-term``; any of its
   forbidden renderings present is a ``forbidden-term``. Variants are the only way
   to accept another form (a plural, an inflection, a compound); a capital at the
   start of a sentence needs none, since case is ignored.
5. Texts are compared as a reader sees them (:func:`l10n.text.terms.visible`): a soft
   hyphen or a zero-width space inside a word hides nothing. A term or rendering
   also counts as present in its compatibility form (NFKC: ``FDA`` in full-width
   letters in a Japanese text).
6. Look-alikes never pass: forbidden renderings are found in the confusable-folded
   translation (:func:`l10n.text.terms.fold`), so ``quetamina`` spelt with a Cyrillic e
   (U+0435) is the forbidden ``quetamina``; a kept term or a required rendering found
   only there (``Innerwell`` with a Cyrillic I) is reported as written with look-alike
   characters.
7. A kept term is counted: a translation must name it at least as often as the
   source does (a brand named twice appears twice), each place where one of its
   accepted forms matches counted once.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, TypeAlias, TypeVar

from l10n.core.locales import normalize_locale
from l10n.text.terms import fold, folded_search, term_pattern, visible

__all__ = ["Glossary", "Term", "Violation", "ViolationKind", "language_of", "lookup"]

ViolationKind: TypeAlias = Literal["missing-term", "forbidden-term", "changed-term"]

_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry. Locale keys are normalized (``pt_BR``)."""

    term: str
    """The English term, as written in the glossary."""
    translations: Mapping[str, str] = field(default_factory=dict, hash=False)
    """The required rendering, by locale."""
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Other accepted forms (plural, inflection, compound), by locale."""
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Renderings that must not appear in a translation, by locale."""
    do_not_translate: bool | frozenset[str] = False
    """``True`` to keep the term as is in every locale, or the locales that keep it."""
    case_sensitive: bool = False
    """Whether the term and its renderings match only in the case written."""
    note: str = ""
    """Guidance for translators."""
    line: int = 0
    """The glossary line of the entry (0 when not loaded from a file)."""

    def __post_init__(self) -> None:
        # Read-only views, so a loaded glossary cannot be changed behind its patterns.
        object.__setattr__(self, "translations", MappingProxyType(dict(self.translations)))
        object.__setattr__(self, "variants", MappingProxyType({k: tuple(v) for k, v in self.variants.items()}))
        object.__setattr__(self, "forbidden", MappingProxyType({k: tuple(v) for k, v in self.forbidden.items()}))

    def keeps(self, locale: str) -> bool:
        """Whether *locale* keeps the term untranslated."""
        if isinstance(self.do_not_translate, bool):
            return self.do_not_translate
        code = normalize_locale(locale)
        if code in self.do_not_translate:
            return True
        return code not in self.translations and language_of(code) in self.do_not_translate

    def translation_for(self, locale: str) -> str | None:
        """The required rendering in *locale*, if any (``None`` when the locale keeps the term)."""
        return None if self.keeps(locale) else lookup(self.translations, normalize_locale(locale))

    def variants_for(self, locale: str) -> tuple[str, ...]:
        """The other accepted forms in *locale*."""
        return lookup(self.variants, normalize_locale(locale)) or ()

    def forbidden_for(self, locale: str) -> tuple[str, ...]:
        """The renderings *locale* must not use."""
        return lookup(self.forbidden, normalize_locale(locale)) or ()

    def accepted(self, locale: str) -> tuple[str, ...]:
        """Every form that satisfies the glossary in *locale*: the term or its translation first, then variants."""
        first = self.term if self.keeps(locale) else self.translation_for(locale)
        return (() if first is None else (first,)) + self.variants_for(locale)


@dataclass(frozen=True, slots=True)
class Violation:
    """A translation that breaks the glossary."""

    kind: ViolationKind
    """``missing-term``, ``forbidden-term`` or ``changed-term``."""
    term: Term
    """The glossary entry broken."""
    message: str
    """One line for the translator, naming the rendering and the English term."""


@dataclass(frozen=True, slots=True)
class Glossary:
    """A loaded, validated glossary."""

    terms: tuple[Term, ...] = ()
    """The entries, in file order."""
    path: str = "glossary.yaml"
    """The file as named in messages."""

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[tuple[Term, int, int]]:
        """Occurrences ``(term, start, end)`` of terms in *text*, by position; overlaps go to the longest match."""
        found = [
            (match.end() - match.start(), match.start(), index, match.end())
            for index, term in enumerate(self.terms)
            for match in term_pattern(term.term, term.case_sensitive).finditer(text)
        ]
        found.sort(key=lambda item: (-item[0], item[1], item[2]))
        taken: list[tuple[int, int, int]] = []
        for _length, start, index, end in found:
            if all(end <= s or e <= start for s, e, _ in taken):
                taken.append((start, end, index))
        taken.sort()
        return [(self.terms[index], start, end) for start, end, index in taken]

    def violations(self, source: str, translation: str, locale: str) -> list[Violation]:
        """How *translation* (in *locale*) of the English *source* breaks the glossary (rules 4-7)."""
        code = normalize_locale(locale)
        target = _Target(translation)
        occurrences = self.find(visible(source))
        counts = Counter(term for term, _start, _end in occurrences)
        found: list[Violation] = []
        for term in _distinct(occurrences):
            accepted = term.accepted(code)
            kept = term.keeps(code)
            if accepted:
                present = target.count(accepted, term.case_sensitive)
                lookalike = not present and target.folded_has(accepted, term.case_sensitive)
                name = f'term "{term.term}"' if kept else f'required term "{accepted[0]}" (for "{term.term}")'
                if lookalike:
                    message = f"{name} is written with look-alike characters of another script"
                    found.append(Violation("changed-term" if kept else "missing-term", term, message))
                elif not present and kept:
                    message = f'term "{term.term}" must stay untranslated but is missing or changed'
                    found.append(Violation("changed-term", term, message))
                elif not present:
                    found.append(Violation("missing-term", term, f"{name} is missing"))
                elif kept and present < counts[term]:
                    message = f'term "{term.term}" appears {present} times, the source names it {counts[term]} times'
                    found.append(Violation("changed-term", term, message))
            for bad in term.forbidden_for(code):
                if target.count((bad,), False) or target.folded_has((bad,), False):
                    instead = f'; use "{accepted[0]}"' if accepted else ""
                    message = f'forbidden term "{bad}" (for "{term.term}") is used{instead}'
                    found.append(Violation("forbidden-term", term, message))
        return found


class _Target:
    """A translation in the forms the glossary compares: visible, compatible, confusable-folded (computed once)."""

    def __init__(self, text: str) -> None:
        self.visible = visible(text)
        compatible = unicodedata.normalize("NFKC", self.visible)
        self.forms = (self.visible,) if compatible == self.visible else (self.visible, compatible)
        self._folded = ""

    def count(self, phrases: Iterable[str], case_sensitive: bool) -> int:
        """Places where any of *phrases* matches, overlapping matches counted once (rule 7)."""
        best = 0
        for text in self.forms:
            spans = sorted(m.span() for p in phrases for m in term_pattern(p, case_sensitive).finditer(text))
            places, end = 0, -1
            for start, stop in spans:
                if start >= end:
                    places += 1
                end = max(end, stop)
            best = max(best, places)
        return best

    def folded_has(self, phrases: Iterable[str], case_sensitive: bool) -> bool:
        """Whether any of *phrases* is in the confusable-folded text (rule 6)."""
        if not self._folded:
            self._folded = fold(self.visible)
        return any(folded_search(p, self._folded, case_sensitive) for p in phrases)


def language_of(code: str) -> str:
    """The language of a normalized locale code: ``es`` for ``es_MX``."""
    return code.split("_", 1)[0]


def lookup(mapping: Mapping[str, _V], code: str) -> _V | None:
    """The entry of a per-locale *mapping* for *code*, or for its language (rule 1)."""
    if code in mapping:
        return mapping[code]
    return mapping.get(language_of(code))


def _distinct(found: Iterable[tuple[Term, int, int]]) -> list[Term]:
    """The terms of *found*, once each, in order of first occurrence."""
    return list(dict.fromkeys(term for term, _start, _end in found))
