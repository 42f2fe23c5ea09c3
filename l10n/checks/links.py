"""Links and images keep their targets, each with its own text, resolved as the build resolves them.

The inline tokens of a :class:`~.registry.Context` resolve reference links against the
article's link reference definitions (its :class:`~.registry.Scope`), so a link here
is what the reader will get (:mod:`l10n.text.links`). Autolinks (``<https://...>``) are URL
spans, compared by ``protected-spans``; a target the source does not have is
``injection``'s.

Rules:

1. ``links`` (error): every link and image of the source is in the translation, to the
   same target, as many times. A reference link whose label the translator changed
   (``[GitHub issue tracker]`` or ``[*foo* bar][]`` translated) no longer resolves and
   silently becomes plain text: it is reported as lost, with the fix (keep the label,
   or write a full reference ``[texto][GitHub issue tracker]``). A full reference
   ``[texto][label]`` with the source's label resolves and is accepted. A changed
   target is reported here as lost and by ``injection`` as new.
2. Pairing (error): where a unit has several links and a translated link's text can be
   aligned with one source link's text -- it holds a name, acronym, number, code span
   or do-not-translate term that is in that source link's text and in no other -- it
   must not go to another source link's target: ``[FDA](a) and [EMA](b)`` translated
   ``[FDA](b) y [EMA](a)`` is an error.
3. ``link-order`` (warning): the targets come in another order than the source's and
   not every link could be aligned by rule 2, so a reviewer checks that each text
   still goes with its target; or a source target is linked more times than there.
4. A target that localizes a source target under ``[check] localized_links`` counts as
   that target (:func:`l10n.text.links.localized_home`).
5. ``link-language`` (warning): a target that ``localized_links`` does not cover but
   that is a source target's site in the translation's language, one host label or one
   path segment changed from the source's language to the reader's and nothing else
   (:func:`l10n.text.links.same_site`), counts as that target with a warning that says
   what differs and the pattern that accepts the site for good -- only when the link's
   text is translated (a link whose text is the source's is the same link, and a new
   target there is still an error). ``injection`` accepts exactly those targets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from l10n.checks.registry import ERROR, WARNING, Context, check, keep_terms
from l10n.text.links import Link, links_of, localized_home, same_site, written_label
from l10n.text.terms import term_pattern


@dataclass(frozen=True, slots=True)
class _Findings:
    errors: list[str]
    warnings: list[str]
    languages: list[str]
    """The warnings of rule 5."""
    same_site: set[str]
    """The targets rule 5 took for a source target."""


def _shown(link: Link) -> str:
    text = link.text if len(link.text) <= 60 else link.text[:57] + "..."
    return f"{link.kind} {text!r}"


def _lost(ctx: Context, link: Link) -> str:
    written = written_label(ctx.source, link.label) if link.label else None
    if written is None:
        return f"{_shown(link)} to {link.href!r} is missing or changed"
    label, own = written
    if not own:
        return f"{_shown(link)} is lost: keep its reference label [{label}] exactly"
    return (
        f"{_shown(link)} is lost: [{label}] is a reference to a link definition and must keep its label; "
        f"keep [{label}] or write [your text][{label}]"
    )


def _anchors(link: Link, ctx: Context) -> set[str]:
    """What can align *link*'s text with a translation's: names, acronyms, numbers, code, kept terms."""
    words = {w for w in re.findall(r"[^\W_](?:[\w.'\u2019+-]*[^\W_])?", link.text) if _is_anchor(w)}
    words |= {f"`{code}`" for code in link.codes}
    words |= {
        f"term:{t.text}" for t in keep_terms(ctx.glossary, ctx.locale) if term_pattern(t.text, t.case_sensitive).search(link.text)
    }
    return words


def _is_anchor(word: str) -> bool:
    return any(c.isdigit() for c in word) or (word[0].isupper() and word.isascii())


def _has(link: Link, anchor: str, ctx: Context) -> bool:
    if anchor.startswith("`"):
        return anchor[1:-1] in link.codes
    if anchor.startswith("term:"):
        term = next(t for t in keep_terms(ctx.glossary, ctx.locale) if t.text == anchor[5:])
        return term_pattern(term.text, term.case_sensitive).search(link.text) is not None
    return re.search(rf"(?<![\w]){re.escape(anchor)}(?![\w])", link.text) is not None


def _analysis(ctx: Context) -> _Findings:
    key = "links"
    if key in ctx._cache:
        return ctx._cache[key]  # type: ignore[no-any-return]
    source = links_of(ctx.inline("source"))
    hrefs = {link.href for link in source}
    found = _Findings([], [], [], set())
    translated = []
    for link in links_of(ctx.inline("translation")):
        home = None if link.href in hrefs else localized_home(link.href, hrefs, ctx.scope.localized_links, ctx.locale)
        home = home or (None if link.href in hrefs else _same_site(ctx, link, source, found))
        translated.append(replace(link, href=home) if home else link)
    wanted = Counter((link.kind, link.href) for link in source)
    got = Counter((link.kind, link.href) for link in translated)
    for link in source:
        if wanted[(link.kind, link.href)] > got[(link.kind, link.href)]:
            found.errors.append(_lost(ctx, link))
            got[(link.kind, link.href)] += 1  # one message per lost occurrence
    got = Counter((link.kind, link.href) for link in translated)
    for (kind, href), count in got.items():
        if 0 < wanted[(kind, href)] < count:
            found.warnings.append(f"{kind} to {href!r} appears {count} times, the source has {wanted[(kind, href)]}")
    aligned = _pairs(ctx, source, translated, found) if len(source) > 1 else len(translated)
    if (
        wanted == got
        and [(s.kind, s.href) for s in source] != [(t.kind, t.href) for t in translated]
        and aligned < len(translated)
    ):
        found.warnings.append("the links come in another order than in the source: check that each text goes with its target")
    ctx._cache[key] = found
    return found


def _same_site(ctx: Context, link: Link, source: list[Link], found: _Findings) -> str | None:
    """The source target whose site in the reader's language *link* goes to, its text translated (rule 5)."""
    for mate in source:
        guess = same_site(link.href, mate.href, ctx.source_locale, ctx.locale) if mate.kind == link.kind else None
        if guess is None or link.text == mate.text:
            continue
        difference, pattern = guess
        found.languages.append(
            f"{_shown(link)} goes to {link.href!r}, the source's {mate.href!r} in the reader's language ({difference}): "
            f"check that the page says the same; to accept this site's pages in every language, "
            f"add {pattern!r} to [check] localized_links"
        )
        found.same_site.add(link.href)
        return mate.href
    return None


def same_site_targets(ctx: Context) -> set[str]:
    """The translation's targets that ``link-language`` warns about instead of an error (rule 5)."""
    return _analysis(ctx).same_site


def _pairs(ctx: Context, source: list[Link], translated: list[Link], found: _Findings) -> int:
    """Report translated links aligned with a source link of another target (rule 2); return how many aligned."""
    anchors = [_anchors(link, ctx) for link in source]
    unique: dict[str, int] = {}
    for index, own in enumerate(anchors):
        for anchor in own:
            if not any(_has(other, anchor, ctx) for j, other in enumerate(source) if j != index):
                unique[anchor] = index
    targets = {(link.kind, link.href) for link in source}  # a new target is injection's
    aligned = 0
    for link in translated:
        owners = {index for anchor, index in unique.items() if _has(link, anchor, ctx)}
        if len(owners) != 1:
            continue
        aligned += 1
        mate = source[owners.pop()]
        if (mate.kind, mate.href) != (link.kind, link.href) and (link.kind, link.href) in targets:
            found.errors.append(f"{_shown(link)} goes to {link.href!r}, but in the source {mate.text!r} goes to {mate.href!r}")
    return aligned


@check("links", ERROR)
def links(ctx: Context) -> Iterator[str]:
    """Every link and image keeps its target and its text; a reference keeps a label that resolves."""
    yield from _analysis(ctx).errors


@check("link-order", WARNING)
def link_order(ctx: Context) -> Iterator[str]:
    """Links in another order than the source's, or repeated: check each text still goes with its target."""
    yield from _analysis(ctx).warnings


@check("link-language", WARNING)
def link_language(ctx: Context) -> Iterator[str]:
    """A link to a source link's site in the reader's language (a host label or path segment), not yet accepted."""
    yield from _analysis(ctx).languages
