"""What a machine draft's provenance says about it: protected spans the engine reordered (an error).

Rules:

1. ``placeholders-reordered`` is an error on every entry whose ``l10n-draft:`` line
   carries ``placeholders-reordered=`` (:mod:`l10n.catalog.provenance`): the engine returned
   every placeholder, but in an order that puts the protected spans (numbers, doses,
   citations, links) in another order than the source's. A faithful translation moves
   them with their words as often as a broken one swaps two doses ("start at 1 mg/kg
   ... never exceed 0.5 mg/kg"), and the two look the same, so a reader must compare.
2. Being an error, it blocks publishing and approval (``l10n review approve`` refuses
   it), and ``l10n-ignore`` cannot silence it. It is waivable: the acknowledgement is a
   waiver (``l10n review waive``) by the reviewer who compared the spans with the
   source, bound like every waiver to the exact texts (an edit before approval brings
   the error back). An approval replaces the draft line, keeping it in its ``(was: ...)``
   record, which is not read: an approved entry never fails it again, even once an edit
   voids the approval, since the order the engine returned was acknowledged and what
   changed since is a person's edit, which the next approval reviews.
3. The mark cannot be deleted away: on an entry whose draft line is a machine draft
   (``l10n-draft: mt``), the order is also recomputed from the texts (:func:`_recomputed`:
   the protected spans of the translation in its order, against the source's), so a
   comment edited to drop ``placeholders-reordered=`` leaves the error. Only machine
   drafts are recomputed: a person who moves a span with its words is not an engine.
4. The message quotes the first two spans that traded places, as the source's
   protected spans are masked for the engine (:func:`l10n.text.placeholders.mask`); if
   the glossary changed since and the ids no longer fit, it gives the ids only.
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n.catalog.provenance import draft_of, reordered
from l10n.checks.registry import ERROR, Context, check
from l10n.text.placeholders import mask


@check("placeholders-reordered", ERROR, waivable=True)
def placeholders_reordered(ctx: Context) -> Iterator[str]:
    """A machine draft holds its protected spans in another order than the source: a reader must compare."""
    order = reordered(ctx.comment)
    if not order:
        draft = draft_of(ctx.comment)
        if draft is None or draft.how != "mt" or draft.text.startswith("mt engine=pseudo "):
            return
    spans = mask(ctx.source, ctx.spans("source")).placeholders
    if not order:
        order = _recomputed(spans, [span.text for span in ctx.spans("translation")])
        if not order:
            return
    ids = ",".join(map(str, order))
    swapped = next(
        (
            (spans[a - 1][1], spans[b - 1][1])
            for i, a in enumerate(order)
            for b in order[i + 1 :]
            if a > b and max(a, b) <= len(spans) and spans[a - 1][1] != spans[b - 1][1]
        ),
        None,
    )
    said = f"{swapped[0]!r} now comes before {swapped[1]!r}" if swapped else f"ids in the order {ids}"
    yield (
        f"the engine returned the protected spans in another order than the source ({said}; ids {ids}): "
        "check each one is where it belongs, then waive this finding with `l10n review waive`"
    )


def _recomputed(spans: tuple[tuple[str, str], ...], found: list[str]) -> tuple[int, ...]:
    """The ids of the source's protected spans in the order the translation has them (first of
    each text), when that is not the source's order; empty otherwise (rule 3)."""
    first: dict[str, int] = {}
    for index, (_, text) in enumerate(spans, 1):
        first.setdefault(text, index)
    seen = list(dict.fromkeys(text for text in found if text in first))
    expected = [text for text in first if text in seen]
    if seen == expected:
        return ()
    return tuple(first[text] for text in seen)
