"""Nothing a translator types may add markup: no raw HTML, script, link target or new block."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .registry import ERROR, Context, check

_BLOCK_START_RE = re.compile(
    r"(?m)^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|```|~~~|\||---[ \t]*$|===+[ \t]*$|\.\.\.[ \t]*$)"
)


@check("injection", ERROR, waivable=False)
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
        line = ctx.translation[match.start() :].split("\n", 1)[0]
        yield f"a line would start a new Markdown block: {line[:40]!r}"
