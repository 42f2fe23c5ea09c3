"""Nothing a translator types may add markup: no raw HTML, script, link target, definition or new block.

Rules:

1. Raw HTML the source does not have (as many times), and any ``<script`` or
   ``javascript:``, are errors.
2. A link or image target that no link, image or autolink of the source has is an
   error whatever its scheme: ``https:``, protocol-relative ``//host``, ``mailto:``,
   ``data:``, a relative path. Targets are read twice: from the tokens, with the
   article's link reference definitions (so ``[foo]`` becomes a link when the article
   defines ``foo``, as it will in the build), and from the raw ``(destination)`` of
   every link-shaped text, because CommonMark renders ``[x](data:...)`` as text but
   another renderer downstream may not. A target that only localizes a source target
   under ``[check] localized_links`` is accepted (:func:`l10n.text.links.localized_home`),
   and so is a target of a link with translated text that ``link-language`` reports as a
   source target's site in the reader's language (:mod:`l10n.checks.links`, rule 5).
3. A link reference definition line (``[x]: //evil.example``) is an error: spliced
   into the post it would define, or redefine, a target for the whole article.
4. A line that would start a new Markdown block (heading, list item, quote, fence,
   table, front-matter delimiter) that the source does not have is an error.
5. Except at the start of a heading: ``## 1. Einleitung`` stays a heading whose text starts
   with an ordinal (``Week 1`` translated as ``1. Woche``), so a list marker there is none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from markdown_it.helpers import parseLinkDestination

from l10n.checks.links import same_site_targets
from l10n.checks.registry import ERROR, Context, check
from l10n.text.inline_syntax import scan
from l10n.text.links import localized_home, parser

_BLOCK_START_RE = re.compile(
    r"(?m)^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|```|~~~|\||---[ \t]*$|===+[ \t]*$|\.\.\.[ \t]*$)"
)
_LIST_MARKER_RE = re.compile(r"[-+*]|\d{1,9}[.)]")
_SCRIPT_RE = re.compile(r"(?i)<\s*script|javascript:")


@check("injection", ERROR, waivable=False)
def injection(ctx: Context) -> Iterator[str]:
    """No new raw HTML, script, Markdown block, link target or link definition that the source does not have."""
    source_tokens, tokens = ctx.inline("source"), ctx.inline("translation")
    source_html = Counter(t.content for t in source_tokens if t.type == "html_inline")
    for token in tokens:
        if token.type == "html_inline" and source_html[token.content] <= 0:
            yield f"raw HTML {token.content!r} is not in the source"
        elif token.type == "html_inline":
            source_html[token.content] -= 1
    if _SCRIPT_RE.search(ctx.translation) and not _SCRIPT_RE.search(ctx.source):
        yield "a script is not in the source"
    yield from _targets(ctx)
    yield from _definitions(ctx)
    source_starts = Counter(m.group().strip() for m in _BLOCK_START_RE.finditer(ctx.source))
    for match in _BLOCK_START_RE.finditer(ctx.translation):
        marker = match.group().strip()
        if match.start() == 0 and "heading" in ctx.kinds and _LIST_MARKER_RE.fullmatch(marker):
            continue  # "## 1. Einleitung": a heading's text is the heading's, however it starts (rule 5)
        if source_starts[marker] > 0:
            source_starts[marker] -= 1
            continue
        line = ctx.translation[match.start() :].split("\n", 1)[0]
        yield f"a line would start a new Markdown block: {line[:40]!r}"


def _targets_of(ctx: Context, which: str) -> list[str]:
    """Every link and image target of a text, from its tokens and its raw destinations (rule 2)."""
    found = []
    for token in ctx.inline(which):
        target = token.attrGet("href") if token.type == "link_open" else token.attrGet("src") if token.type == "image" else None
        if target is not None:
            found.append(str(target))
    text = ctx.source if which == "source" else ctx.translation
    md = parser()
    for kind, start, end in scan(text)[0]:
        if kind == "link-target" and text[start] == "(":
            pos = start + 1
            while pos < end and text[pos] in " \t\n":
                pos += 1
            destination = parseLinkDestination(text, pos, end)
            if destination.ok and destination.str:
                found.append(md.normalizeLink(destination.str))
    return found


def _targets(ctx: Context) -> Iterator[str]:
    source = set(_targets_of(ctx, "source"))
    reported: set[str] = set()
    warned = same_site_targets(ctx)
    for target in _targets_of(ctx, "translation"):
        if target in source or target in reported or localized_home(target, source, ctx.scope.localized_links, ctx.locale):
            continue
        if target in warned:
            continue
        reported.add(target)
        yield f"link target {target!r} is not in the source"


def _definitions(ctx: Context) -> Iterator[str]:
    """Rule 3: the definitions a block parse of the translation finds and the source's does not."""
    if "]:" not in ctx.translation:
        return
    md = parser()
    found: dict[str, Any] = {}
    source: dict[str, Any] = {}
    md.parse(ctx.translation, found)
    md.parse(ctx.source, source)
    for label, definition in found.get("references", {}).items():
        if label not in source.get("references", {}):
            yield f"a link reference definition is not in the source: [{label.lower()}]: {definition['href']}"
