"""The check registry: what a check is, what it sees, and how checks run on one translation.

Rules:

1. A check is a function ``(Context) -> Iterable[str]`` yielding one message per
   problem. It is registered with :func:`check` under a name and a severity; its title
   is the first line of its docstring. Checks run in the order they are registered:
   the order in which :mod:`l10n.checks` imports its family modules.
2. ``error`` findings are never published: ``l10n build`` keeps the source text of
   such a unit (or fails under ``--strict``), unless a reviewer waived them (rule 3).
   ``warning`` findings are reported only.
3. A translator can silence one warning on one entry with a translator comment line
   ``l10n-ignore: CHECK-NAME`` (translator comments survive msgmerge, msgcat and
   every PO editor; unknown ``#,`` flags do not). Errors cannot be silenced that way:
   a reviewer waives them (``l10n review waive``, a line bound to the exact texts, see
   :mod:`l10n.catalog.provenance`), and only where the check allows it.
4. A :class:`Context` computes what several checks need (protected spans, prose with
   the spans blanked, inline Markdown tokens) once per translation, and carries the
   entry's translator comment, whose provenance some checks read.
5. What a check knows beyond the entry is its :class:`Scope`, one per article: the
   article's link reference definitions (inline tokens resolve ``[text][label]``,
   ``[label][]`` and ``[label]`` against them, as the build will) and the project's
   ``[check]`` settings. Callers that know the article pass it; without one, reference
   links are plain text.
6. Checks run errors first, then warnings, each in the order registered.
7. Those are computed on :meth:`Context.text`: the translation without its
   translator's notes (:mod:`l10n.text.notes`), which have no counterpart in the source,
   and, in a right-to-left locale, without the direction wrappers (``<bdi>``,
   ``<span dir="ltr">``) added around text of the source (:mod:`l10n.text.wrappers`).
   Checks that must see everything a reader will (injection, deceptive characters)
   read :attr:`Context.translation`.
8. Whether a finding may be waived is a property of its check: ``waivable`` is True,
   False (injection, deceptive characters: never) or a predicate over the check's
   message, for a check whose findings differ in kind (``protected-spans`` may be
   waived for a code span, never for a citation or a DOI). A new check that guards
   safety declares ``waivable=False``.
9. What depends on the source text alone (its spans for the locale's kept terms, its
   inline tokens) is computed once per scope and shared by the contexts of every
   locale: a check never changes what it is given.
10. A translation whose text (:meth:`Context.text`) is its source's shares the source's
    spans, inline tokens and prose: they are functions of the text (and of the locale's
    kept terms and the scope, which the two sides share), so the result is the same.
    The checks themselves still run: a text kept as it is can still be wrong in the
    target locale (``2,000`` reads as 2 in Spanish).
11. A required unit (the disclaimer) is held to more: a check that reports a warning on an
    ordinary unit has an ``required-`` twin of severity ``error`` that reports the same on a
    required one (:attr:`Context.required`), so that each check keeps one severity.
12. A translation identical to its source (``msgstr == msgid``, and so its text, rule 7)
    skips the checks of :data:`SILENT_WHEN_KEPT`: each only compares the translation with
    the source (spans, links and their sites, markup, sentences, negations, the ends of the
    text, digits of a numbering system the source uses, strikethrough), with nothing that
    depends on the target locale, the comment or the notes, so it cannot find anything
    there. The checks that can still find something on such a text run: the locale's
    numbers, the glossary's renderings, the notes, ``unchanged``, ``length``, the other
    deceptive characters (kept, cheap, never waivable).
    ``tests/unit/checks/test_kept_translations.py`` runs both sets over every unit of the
    shipped article, the shared book and the CommonMark examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from l10n.glossary.model import Glossary
from l10n.text import links
from l10n.text.notes import split_notes
from l10n.text.wrappers import unwrap

if TYPE_CHECKING:
    from markdown_it.token import Token

    from l10n.document.model import Reference
from l10n.text.spans import Span, Term, blank_protected, find_spans

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Scope:
    """What the checks know beyond one entry: its article's link definitions, the project's settings (rule 5)."""

    references: Mapping[str, Reference] = field(default_factory=dict)
    """The article's link reference definitions (:attr:`l10n.document.model.Document.references`)."""
    localized_links: tuple[str, ...] = ()
    """``[check] localized_links``: URL patterns whose ``{lang}`` part a translation may change."""
    required: frozenset[str] = frozenset()
    """The texts of the article's required units (``<!-- l10n:required -->`` or a ``[build] required``
    pattern): some checks hold them to more (:attr:`Context.required`)."""
    env: dict[str, Any] = field(init=False, repr=False, compare=False)
    """The references as markdown-it's inline parser reads them (:func:`l10n.text.links.env`)."""
    memo: dict[tuple[str, str, int], Any] = field(init=False, repr=False, compare=False)
    """What :class:`Context` computed on a source text in this scope, for its other locales (rule 9)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "env", links.env(self.references))
        object.__setattr__(self, "memo", {})


NO_SCOPE = Scope()
"""The scope of a text checked on its own: no link definitions, default settings."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: one source text and its translation."""

    source: str
    translation: str
    locale: str
    glossary: Glossary
    source_locale: str = "en"
    scope: Scope = NO_SCOPE
    kinds: tuple[str, ...] = ()
    """The kinds of the units translated (``heading``, ``front matter: title``...); empty when unknown."""
    comment: str = ""
    """The entry's translator comment, where its provenance is (:mod:`l10n.catalog.provenance`)."""
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def required(self) -> bool:
        """Whether the source is a required unit of its article (rule 10): some findings become errors."""
        return self.source in self.scope.required

    def text(self, which: str) -> str:
        """The source, or the translation without its translator's notes nor the direction wrappers
        a right-to-left translator added (rule 7, :mod:`l10n.text.wrappers`)."""
        if which == "source":
            return self.source
        if "text" not in self._cache:
            self._cache["text"] = unwrap(split_notes(self.translation)[0], self.source, self.locale)
        return self._cache["text"]  # type: ignore[no-any-return]

    def notes(self) -> tuple[str, ...]:
        """The translator's notes of the translation (:mod:`l10n.text.notes`), as written."""
        if "notes" not in self._cache:
            self._cache["notes"] = split_notes(self.translation)[1]
        return self._cache["notes"]  # type: ignore[no-any-return]

    def prose(self, which: str) -> str:
        """The source or the translation with URLs, link targets, code and HTML blanked out."""
        key = f"prose:{which}"
        if key not in self._cache:
            if which != "source" and self._same():
                self._cache[key] = self.prose("source")
            else:
                self._cache[key] = blank_protected(self.text(which), self.spans(which))
        return self._cache[key]  # type: ignore[no-any-return]

    def inline(self, which: str) -> list[Token]:
        """Inline Markdown tokens of the source or the translation, parsed once for all checks."""
        key = f"inline:{which}"
        if key not in self._cache:
            if which == "source":
                self._cache[key] = self._shared("inline", 0, lambda: _inline(self.source, self.scope))
            elif self._same():
                self._cache[key] = self.inline("source")
            else:
                self._cache[key] = _inline(self.text(which), self.scope)
        return self._cache[key]  # type: ignore[no-any-return]

    def spans(self, which: str) -> list[Span]:
        """Protected spans of the source or the translation (``which``), computed once."""
        key = f"spans:{which}"
        if key not in self._cache:
            terms = keep_terms(self.glossary, self.locale)
            if which == "source":
                self._cache[key] = self._shared("spans", id(terms), lambda: find_spans(self.source, terms))
            elif self._same():
                self._cache[key] = self.spans("source")
            else:
                self._cache[key] = find_spans(self.text(which), terms)
        return self._cache[key]  # type: ignore[no-any-return]

    def _same(self) -> bool:
        """Whether the translation's text is the source's (rule 10): its analyses are the source's."""
        return self.text("translation") == self.source

    def _shared(self, kind: str, variant: int, compute: Callable[[], Any]) -> Any:
        """*compute*'s value for the source text, shared with the other locales' contexts in the scope (rule 7)."""
        memo = self.scope.memo
        key = (kind, self.source, variant)
        if key not in memo:
            if len(memo) > 4096:  # a scope lives for one article; NO_SCOPE for a whole run
                memo.clear()
            memo[key] = compute()
        return memo[key]


@cache
def keep_terms(glossary: Glossary, locale: str) -> tuple[Term, ...]:
    """The glossary's do-not-translate terms for *locale*, as protected-span terms."""
    return tuple(Term(t.term, t.case_sensitive) for t in glossary.terms if t.keeps(locale))


_INLINE_SYNTAX = re.compile(r"[*_`\[\]!<&\\\r\n]")
"""A character where a CommonMark inline construct can start or end: without one, a text is one text token."""


def _inline(text: str, scope: Scope) -> list[Token]:
    if not _INLINE_SYNTAX.search(text):  # as markdown-it parses such a text (tests/unit/checks/test_plain_inline.py)
        from markdown_it.token import Token

        return [Token("text", "", 0, content=text)] if text else []
    md = links.parser()
    tokens: list[Token] = []
    md.inline.parse(text, md, scope.env, tokens)
    return tokens


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    name: str
    severity: str
    function: Callable[[Context], Iterable[str]]
    waivable: bool | Callable[[str], bool] = True
    """Whether a reviewer may waive its findings: always, never, or per message (rule 5)."""

    @property
    def title(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]

    def can_waive(self, message: str) -> bool:
        """Whether a reviewer may waive the finding *message* of this check."""
        return self.waivable(message) if callable(self.waivable) else self.waivable


CHECKS: list[Check] = []


def check(
    name: str, severity: str, waivable: bool | Callable[[str], bool] = True
) -> Callable[[Callable[[Context], Iterable[str]]], Callable[[Context], Iterable[str]]]:
    """Register a check function under *name* (*waivable*: rule 8)."""

    def register(function: Callable[[Context], Iterable[str]]) -> Callable[[Context], Iterable[str]]:
        CHECKS.append(Check(name, severity, function, waivable))
        CHECKS.sort(key=lambda c: c.severity != ERROR)  # stable: errors first (rule 6)
        return function

    return register


SILENT_WHEN_KEPT = frozenset(
    {
        "protected-spans",
        "code-spans",
        "required-code-spans",
        "links",
        "link-order",
        "markdown",
        "injection",
        "whitespace",
        "punctuation",
        "single-line",
        "sentences",
        "required-sentences",
        "doubled-word",
        "negations",
        "required-negations",
        "link-language",
        "digits",
        "struck-out",
    }
)
"""The checks that cannot find anything on a translation identical to its source (rule 12)."""


def run(ctx: Context, silenced: Set[str] = frozenset(), every: bool = False) -> list[tuple[Check, str]]:
    """Every finding for one translation, in registry order (*every*: without the shortcut of rule 12)."""
    found: list[tuple[Check, str]] = []
    kept = not every and ctx.translation == ctx.source and ctx._same()
    for item in _to_run(len(CHECKS), frozenset(silenced), SILENT_WHEN_KEPT if kept else frozenset()):
        for message in item.function(ctx):
            found.append((item, message))
    return found


@lru_cache(maxsize=64)
def _to_run(registered: int, silenced: frozenset[str], skipped: frozenset[str]) -> tuple[Check, ...]:
    """The checks :func:`run` calls, in registry order, without the *silenced* warnings and the *skipped* checks;
    *registered* is how many checks :data:`CHECKS` holds (only :func:`check` adds one; a new one makes another list)."""
    return tuple(item for item in CHECKS if not (item.severity == WARNING and item.name in silenced) and item.name not in skipped)
