"""The glossary's rules: required renderings, forbidden renderings, do-not-translate terms, opposites.

They look at prose only: a URL containing "ketamine" does not demand "ketamina".

``opposites`` extends the glossary with the words that flip a medical meaning, per language
(``[opposites]`` of :mod:`l10n.core.languages`: improve/worsen, before/after meals,
adults/children, oral/intravenous...): where the source says one side of a pair and not
the other, a translation that says only the other side is an error. A pair either
language does not list is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n.checks.registry import ERROR, Context, check
from l10n.core import languages
from l10n.text.terms import term_pattern, visible


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


@check("opposites", ERROR)
def opposites(ctx: Context) -> Iterator[str]:
    """The translation says the opposite of its source (improve/worsen, adults/children, oral/intravenous)."""
    theirs, mine = languages.table(ctx.source_locale, "opposites"), languages.table(ctx.locale, "opposites")
    if not theirs or not mine:
        return
    source, translation = visible(ctx.prose("source")), visible(ctx.prose("translation"))
    for name in sorted(set(theirs) & set(mine)):
        said = [_has(source, forms) for forms in theirs[name]]
        written = [_has(translation, forms) for forms in mine[name]]
        for side in (0, 1):
            if said[side] and not said[1 - side] and written[1 - side] and not written[side]:
                wanted, found = said[side], written[1 - side]
                yield f"the source says {wanted!r}, the translation its opposite {found!r} ({name})"


def _has(text: str, forms: list[str]) -> str:
    """The first of *forms* found in *text* as a whole word, or ``""``."""
    for form in forms:
        match = term_pattern(form, False).search(text)
        if match:
            return match.group()
    return ""
