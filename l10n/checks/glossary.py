"""The glossary's rules: required renderings, forbidden renderings, do-not-translate terms, opposites.

They look at prose only: a URL containing "ketamine" does not demand "ketamina".

``term-count`` counts a required rendering: a term the source names several times and the
translation fewer, with a look-alike word in its place (``quetamina``, ``esketamina`` for
``ketamina``), is an error; fewer with no look-alike is a pronoun, which translations use.
``term-letters``: a do-not-translate term written with full-width or mathematical letters
(full-width letters, bold-math letters) looks like the term and is not: an error, where the
glossary's own matching reads it as present.

``opposites`` extends the glossary with the words that flip a medical meaning, per language
(``[opposites]`` of :mod:`l10n.core.languages`: improve/worsen, before/after meals,
adults/children, oral/intravenous...): where the source says one side of a pair and not
the other, a translation that says only the other side is an error. A pair either
language does not list is not compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from l10n.checks.registry import ERROR, Context, check
from l10n.core import languages
from l10n.text.terms import any_term_pattern, term_pattern, visible


def _violations(ctx: Context, kind: str) -> Iterator[str]:
    """Glossary violations of one kind, in the prose (protected spans are not prose)."""
    key = "violations"
    if key not in ctx._cache:
        ctx._cache[key] = ctx.glossary.violations(ctx.prose("source"), ctx.prose("translation"), ctx.locale)
    return (v.message for v in ctx._cache[key] if v.kind == kind)


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


@check("term-count", ERROR)
def term_count(ctx: Context) -> Iterator[str]:
    """A required term is named as often as the source names it, with no look-alike word in its place."""
    source, translation = visible(ctx.prose("source")), visible(ctx.prose("translation"))
    counts = Counter(term for term, _, _ in ctx.glossary.find(source))
    words = set(_WORDS.findall(translation))
    for term, wanted in counts.items():
        accepted = term.accepted(ctx.locale)
        if wanted < 2 or not accepted or term.keeps(ctx.locale):
            continue  # a kept term is counted by do-not-translate
        found = sum(len(term_pattern(form, term.case_sensitive).findall(translation)) for form in accepted)
        if 0 < found < wanted:
            forms = {form.casefold() for form in accepted}
            near = sorted(w for w in words if w.casefold() not in forms and _near(w, accepted))
            if near:
                yield (
                    f'required term "{accepted[0]}" appears {found} times, the source names "{term.term}" '
                    f"{wanted} times; {near[0]!r} stands in its place"
                )


@check("term-letters", ERROR, waivable=False)
def term_letters(ctx: Context) -> Iterator[str]:
    """Do-not-translate terms are written in plain letters, not full-width or mathematical look-alikes."""
    translation = visible(ctx.translation)
    if translation.isascii():
        return
    compatible = unicodedata.normalize("NFKC", translation)
    if compatible == translation:
        return
    for term in dict.fromkeys(term for term, _, _ in ctx.glossary.find(visible(ctx.prose("source")))):
        if not term.keeps(ctx.locale):
            continue
        pattern = term_pattern(term.term, term.case_sensitive)
        for match in pattern.finditer(compatible):
            written = _written(translation, compatible, match.start(), match.end())
            if written is not None and written != match.group():
                yield f'term "{term.term}" is written {written!r}, in compatibility letters: write it as is'
                break


_WORDS = re.compile(r"[^\W\d_]{4,}")


def _near(word: str, forms: tuple[str, ...]) -> bool:
    """Whether *word* looks like one of *forms* without being it (``quetamina``, ``esketamina`` for ``ketamina``)."""
    folded = word.casefold()
    return any(SequenceMatcher(None, folded, form.casefold()).ratio() >= NEAR for form in forms)


NEAR = 0.75
"""How alike a word must be to a required rendering to stand in its place (difflib's ratio)."""


def _written(text: str, compatible: str, start: int, end: int) -> str | None:
    """The characters of *text* that became ``compatible[start:end]`` under NFKC, or None if they cannot be told."""
    position, out = 0, []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        if start <= position < end:
            out.append(char)
        position += len(folded)
        if position >= end:
            break
    return "".join(out) if out else None


@check("opposites", ERROR)
def opposites(ctx: Context) -> Iterator[str]:
    """The translation does not say the opposite of its source (improve/worsen, adults/children, oral/intravenous)."""
    theirs, mine = languages.table(ctx.source_locale, "opposites"), languages.table(ctx.locale, "opposites")
    if not theirs or not mine:
        return
    source = visible(ctx.prose("source"))
    said_by_name = _said(source, ctx.source_locale)
    translation = visible(ctx.prose("translation"))
    for name in sorted(set(theirs) & set(mine)):
        said = said_by_name[name]
        if said[0] == said[1]:
            continue  # the source says both sides or neither: no translation can say only the opposite
        written = [_says(translation, forms) for forms in mine[name]]
        for side in (0, 1):
            if said[side] and not said[1 - side] and written[1 - side] and not written[side]:
                wanted, found = _has(source, theirs[name][side]), _has(translation, mine[name][1 - side])
                yield f"the source says {wanted!r}, the translation its opposite {found!r} ({name})"


@lru_cache(maxsize=4096)
def _said(source: str, source_locale: str) -> dict[str, tuple[bool, ...]]:
    """Which sides of each pair of its language's opposites the source's prose says, computed once per
    source text for every locale: one search for a pair, most texts saying none of its words."""
    said = {}
    for name, sides in languages.table(source_locale, "opposites").items():
        if _says(source, [form for forms in sides for form in forms]):
            said[name] = tuple(_says(source, forms) for forms in sides)
        else:
            said[name] = tuple(False for _ in sides)
    return said


def _says(text: str, forms: list[str]) -> bool:
    """Whether one of *forms* is in *text* as a whole word (one pattern for them all, :func:`any_term_pattern`)."""
    return any_term_pattern(tuple(forms), False).search(text) is not None


def _has(text: str, forms: list[str]) -> str:
    """The first of *forms* found in *text* as a whole word, or ``""``."""
    for form in forms:
        match = term_pattern(form, False).search(text)
        if match:
            return match.group()
    return ""
