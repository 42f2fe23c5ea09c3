"""The glossary's rules: required renderings, forbidden renderings, do-not-translate terms.

They look at prose only: a URL containing "ketamine" does not demand "ketamina".
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n.checks.registry import ERROR, Context, check


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
