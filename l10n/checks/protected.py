"""Protected spans come back exactly: citations, DOIs, URLs, link targets, code and HTML."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..spans import EXACT_KINDS
from .registry import ERROR, Context, check


def _waivable(message: str) -> bool:
    """A reviewer may waive a code span's finding; citations, DOIs, URLs, link targets and HTML never."""
    return message.startswith("code ")


@check("protected-spans", ERROR, waivable=_waivable)
def protected_spans(ctx: Context) -> Iterator[str]:
    """Citations, DOIs, URLs, link targets, code and HTML come back exactly, as many times."""
    source = Counter((s.kind, s.text) for s in ctx.spans("source") if s.kind in EXACT_KINDS)
    translated = Counter((s.kind, s.text) for s in ctx.spans("translation") if s.kind in EXACT_KINDS)
    for (kind, text), count in sorted((source - translated).items()):
        yield f"{kind} {text!r} is missing" + (f" ({count} times)" if count > 1 else "")
    for kind, text in sorted(translated - source):
        if (kind, text) in source:
            yield f"{kind} {text!r} appears {translated[(kind, text)]} times, the source has {source[(kind, text)]}"
        else:
            yield f"{kind} {text!r} is not in the source"
