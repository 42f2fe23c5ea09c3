"""Quality checks over translations: plain functions in an explicit registry.

Rules:

1. A check is a function ``(Context) -> Iterable[str]`` yielding one message per
   problem. It is registered with a name and a severity; its title is the first line
   of its docstring. Checks are listed in :data:`CHECKS` in the order they run.
2. ``error`` findings are never published: ``l10n build`` keeps the source text of
   such a unit (or fails under ``--strict``). ``warning`` findings are reported only.
3. A translator can silence one warning on one entry with a translator comment line
   ``l10n-ignore: CHECK-NAME`` (translator comments survive msgmerge, msgcat and
   every PO editor; unknown ``#,`` flags do not). Errors cannot be silenced.
4. Texts are compared after removing what another check owns: protected spans are
   compared as a multiset by ``protected-spans``; numbers outside them by ``numbers``,
   as values read the way a reader of the target locale reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .glossary import Glossary
from .locales import read_number
from .protect import Span, Term, find_spans
from .provenance import ignored as ignored  # rule 3: the l10n-ignore: lines, as provenance reads them

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: one source text and its translation."""

    source: str
    translation: str
    locale: str
    glossary: Glossary
    source_locale: str = "en"
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def prose(self, which: str) -> str:
        """The source or the translation with URLs, link targets, code and HTML blanked out."""
        key = f"prose:{which}"
        if key not in self._cache:
            text = self.source if which == "source" else self.translation
            self._cache[key] = blank_protected(text, self.spans(which))
        return self._cache[key]  # type: ignore[no-any-return]

    def inline(self, which: str) -> list[Any]:
        """Inline Markdown tokens of the source or the translation, parsed once for all checks."""
        key = f"inline:{which}"
        if key not in self._cache:
            self._cache[key] = _inline(self.source if which == "source" else self.translation)
        return self._cache[key]  # type: ignore[no-any-return]

    def spans(self, which: str) -> list[Span]:
        """Protected spans of the source or the translation (``which``), computed once."""
        key = f"spans:{which}"
        if key not in self._cache:
            text = self.source if which == "source" else self.translation
            self._cache[key] = find_spans(text, keep_terms(self.glossary, self.locale))
        return self._cache[key]  # type: ignore[no-any-return]


@cache
def keep_terms(glossary: Glossary, locale: str) -> tuple[Term, ...]:
    """The glossary's do-not-translate terms for *locale*, as protected-span terms."""
    return tuple(Term(t.term, t.case_sensitive) for t in glossary.terms if t.keeps(locale))


def _violations(ctx: Context, kind: str) -> Iterator[str]:
    """Glossary violations of one kind, in the prose (protected spans are not prose)."""
    key = "violations"
    if key not in ctx._cache:
        ctx._cache[key] = ctx.glossary.violations(ctx.prose("source"), ctx.prose("translation"), ctx.locale)
    return (v.message for v in ctx._cache[key] if v.kind == kind)


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    name: str
    severity: str
    function: Callable[[Context], Iterable[str]]

    @property
    def title(self) -> str:
        return (self.function.__doc__ or self.name).strip().splitlines()[0]


CHECKS: list[Check] = []


def check(name: str, severity: str) -> Callable[[Callable[[Context], Iterable[str]]], Callable[[Context], Iterable[str]]]:
    """Register a check function under *name*."""

    def register(function: Callable[[Context], Iterable[str]]) -> Callable[[Context], Iterable[str]]:
        CHECKS.append(Check(name, severity, function))
        return function

    return register


# -- errors --------------------------------------------------------------------------

_EXACT_KINDS = frozenset({"citation", "doi", "url", "link-target", "code", "html"})


@check("protected-spans", ERROR)
def protected_spans(ctx: Context) -> Iterator[str]:
    """Citations, DOIs, URLs, link targets, code and HTML come back exactly, as many times."""
    source = Counter((s.kind, s.text) for s in ctx.spans("source") if s.kind in _EXACT_KINDS)
    translated = Counter((s.kind, s.text) for s in ctx.spans("translation") if s.kind in _EXACT_KINDS)
    for (kind, text), count in sorted((source - translated).items()):
        yield f"{kind} {text!r} is missing" + (f" ({count} times)" if count > 1 else "")
    for kind, text in sorted(translated - source):
        if (kind, text) in source:
            yield f"{kind} {text!r} appears {translated[(kind, text)]} times, the source has {source[(kind, text)]}"
        else:
            yield f"{kind} {text!r} is not in the source"


@check("required-term", ERROR)
def required_term(ctx: Context) -> Iterator[str]:
    """Required glossary translations are present (or an accepted variant)."""
    yield from _violations(ctx, "missing-term")


@check("forbidden-term", ERROR)
def forbidden_term(ctx: Context) -> Iterator[str]:
    """No forbidden glossary rendering appears."""
    yield from _violations(ctx, "forbidden-term")


@check("do-not-translate", ERROR)
def do_not_translate(ctx: Context) -> Iterator[str]:
    """Do-not-translate terms (brands, acronyms, drug names) are unchanged."""
    yield from _violations(ctx, "changed-term")


_NUMBER_RE = re.compile(r"\d+(?:(?:[.,\u00a0\u202f\u2009]|[ ](?=\d{3}(?!\d)))\d+)*")


def blank_protected(text: str, spans: list[Span]) -> str:
    """*text* with the spans compared exactly elsewhere blanked out."""
    out, pos = [], 0
    for span in spans:
        if span.kind in _EXACT_KINDS:
            out.append(text[pos:span.start])
            out.append(" ")
            pos = span.end
    out.append(text[pos:])
    return "".join(out)


@check("numbers", ERROR)
def numbers(ctx: Context) -> Iterator[str]:
    """Numbers (doses, years, counts) keep their values, in the target locale's notation."""
    source: Counter[Any] = Counter()
    for token in _NUMBER_RE.findall(ctx.prose("source")):
        source[read_number(token, ctx.source_locale, ctx.source_locale) or token] += 1
    translated: Counter[Any] = Counter()
    shown: dict[Any, str] = {}
    for token in _NUMBER_RE.findall(ctx.prose("translation")):
        value = read_number(token, ctx.locale, ctx.source_locale) or token
        translated[value] += 1
        shown.setdefault(value, token)
    for value in sorted(source - translated, key=str):
        yield f"number {_show(value)} is missing or changed"
    for value in sorted(translated - source, key=str):
        token = shown[value]
        reads = "" if str(value) == token else f" (reads as {_show(value)} in {ctx.locale})"
        yield f"number {token}{reads} is not in the source"


def _show(value: Any) -> str:
    return format(value, "f") if not isinstance(value, str) else value


@cache
def _inline_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _inline(text: str) -> list[Any]:
    md = _inline_parser()
    tokens: list[Any] = []
    md.inline.parse(text, md, {}, tokens)
    return tokens


_MARKUP = {"em_open": "emphasis", "strong_open": "strong", "code_inline": "inline code", "link_open": "link",
           "image": "image", "hardbreak": "line break"}


@check("markdown", ERROR)
def markdown_structure(ctx: Context) -> Iterator[str]:
    """Inline Markdown keeps the same kinds and counts: emphasis, strong, code, links, images."""
    source = Counter(_MARKUP[t.type] for t in ctx.inline("source") if t.type in _MARKUP)
    translated = Counter(_MARKUP[t.type] for t in ctx.inline("translation") if t.type in _MARKUP)
    for kind in sorted(set(source) | set(translated)):
        if source[kind] != translated[kind]:
            yield f"{kind}: {translated[kind]} in the translation, {source[kind]} in the source"


_BLOCK_START_RE = re.compile(
    r"(?m)^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|```|~~~|\||---[ \t]*$|===+[ \t]*$|\.\.\.[ \t]*$)"
)


@check("injection", ERROR)
def injection(ctx: Context) -> Iterator[str]:
    """No new raw HTML, script, Markdown block or link target that the source does not have."""
    source_tokens, tokens = ctx.inline("source"), ctx.inline("translation")
    source_html = Counter(t.content for t in source_tokens if t.type == "html_inline")
    for token in tokens:
        if token.type == "html_inline" and source_html[token.content] <= 0:
            yield f"raw HTML {token.content!r} is not in the source"
        elif token.type == "html_inline":
            source_html[token.content] -= 1
    if re.search(r"(?i)<\s*script|javascript:", ctx.translation) and not re.search(r"(?i)<\s*script|javascript:", ctx.source):
        yield "a script is not in the source"
    targets = {t.attrGet("href") for t in source_tokens if t.type == "link_open"}
    targets |= {t.attrGet("src") for t in source_tokens if t.type == "image"}
    for token in tokens:
        target = token.attrGet("href") if token.type == "link_open" else token.attrGet("src") if token.type == "image" else None
        if target is not None and target not in targets:
            yield f"link target {target!r} is not in the source"
    source_starts = Counter(m.group().strip() for m in _BLOCK_START_RE.finditer(ctx.source))
    for match in _BLOCK_START_RE.finditer(ctx.translation):
        marker = match.group().strip()
        if source_starts[marker] > 0:
            source_starts[marker] -= 1
            continue
        line = ctx.translation[match.start():].split("\n", 1)[0]
        yield f"a line would start a new Markdown block: {line[:40]!r}"


# -- warnings ------------------------------------------------------------------------


@check("whitespace", WARNING)
def whitespace(ctx: Context) -> Iterator[str]:
    """Leading and trailing whitespace match the source; no double spaces."""
    for where, pick in (("leading", lambda s: s[: len(s) - len(s.lstrip())]), ("trailing", lambda s: s[len(s.rstrip()):])):
        if pick(ctx.source) != pick(ctx.translation):
            yield f"{where} whitespace differs from the source"
    if "  " in ctx.translation.replace("  \n", "") and "  " not in ctx.source:
        yield "double space"


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


# -- running -------------------------------------------------------------------------

def run(ctx: Context, silenced: set[str] = frozenset()) -> list[tuple[Check, str]]:  # type: ignore[assignment]
    """Every finding for one translation, in registry order."""
    found = []
    for item in CHECKS:
        if item.severity == WARNING and item.name in silenced:
            continue
        found.extend((item, message) for message in item.function(ctx))
    return found


def by_name() -> dict[str, Check]:
    return {item.name: item for item in CHECKS}
