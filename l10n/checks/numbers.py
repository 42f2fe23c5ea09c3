"""Numbers keep their values, read the way a reader of the target locale reads them.

Numbers inside protected spans are compared exactly elsewhere; these are the numbers of
the prose: ``1,000`` in Spanish reads as 1 and is reported; ``0.5``, invalid in Spanish
notation, is read in English notation and accepted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..locales import read_number
from .registry import ERROR, Context, check

_NUMBER_RE = re.compile(r"\d+(?:(?:[.,\u00a0\u202f\u2009]|[ ](?=\d{3}(?!\d)))\d+)*")


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
