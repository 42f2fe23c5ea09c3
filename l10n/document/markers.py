"""Internal markers: the ``<!-- l10n:... -->`` directives of a source, and their removal from posts.

Rules:

1. A marker is an HTML block holding one comment ``<!-- l10n:NAME ... -->``, NAME being
   ``note``, ``required``, ``skip``, ``skip-start`` or ``skip-end`` (what they mean is
   the walker's business, :mod:`l10n.document.walker`). Sources keep them; posts never do: a
   note to translators or a review flag is not for readers or search engines.
2. Markers on consecutive lines at the top level, after a blank line or at the start of
   the body, are removed with their lines when the next non-blank line begins a block
   that a blank line would begin just the same: it does not start with white space
   (which could continue a list item or an indented code block), and it is not a list
   item right after a list (the two lists would become one).
3. Any other marker (in a list item or a blockquote, right after a paragraph line, or
   before such a line) becomes an empty comment ``<!-- -->``, the separator the
   CommonMark spec itself suggests: the block structure stays the source's exactly and
   nothing internal is left.
4. The post's block structure is the source's without the blocks of removed markers:
   what the structural guard compares a post with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from l10n.document.frontmatter import Line

if TYPE_CHECKING:
    from markdown_it.token import Token

DIRECTIVE_RE = re.compile(r"\A[ \t]*<!--\s*l10n:(skip-start|skip-end|skip|note|required)\b(.*?)-->\s*\Z", re.S)
"""A marker's HTML block: group 1 is its name, group 2 its argument (a note's text)."""

EMPTY = "<!-- -->"
"""What a marker that cannot be removed with its lines becomes."""

_LIST_ITEM_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")

Edit = tuple[int, int, str]
"""(start, end, replacement) in the source text."""


def is_marker(token: Token) -> bool:
    return token.type == "html_block" and DIRECTIVE_RE.match(token.content) is not None


def removals(text: str, lines: Sequence[Line], tokens: Sequence[Token], offset: int) -> tuple[list[Edit], set[int]]:
    """The edits that take every marker out of *text*, and the indices of the tokens they remove.

    *tokens* are the body's, whose first line is line *offset* of *text* split into *lines*.
    """
    edits: list[Edit] = []
    dropped: set[int] = set()
    found = [i for i, token in enumerate(tokens) if is_marker(token) and token.map is not None]
    k = 0
    while k < len(found):
        run = [found[k]]  # markers on consecutive lines, at the top level
        while k + len(run) < len(found):
            current, following = tokens[run[-1]], tokens[found[k + len(run)]]
            if found[k + len(run)] != run[-1] + 1 or current.level or following.level or _span(following)[0] != _span(current)[1]:
                break
            run.append(found[k + len(run)])
        k += len(run)
        first, last = _span(tokens[run[0]])[0] + offset, _span(tokens[run[-1]])[1] + offset
        if tokens[run[0]].level == 0 and _removable(text, lines, tokens, run[0], first, last, offset):
            edits.append((lines[first][0], lines[last - 1][2], ""))
            dropped.update(run)
            continue
        for i in run:
            start, end = (line + offset for line in _span(tokens[i]))
            head, tail = lines[start], lines[end - 1]
            opening = text.index("<!--", head[0], head[1])
            closing = tail[0] + text[tail[0] : tail[1]].rindex("-->") + 3
            edits.append((opening, closing, EMPTY))
    return edits, dropped


def _span(token: Token) -> tuple[int, int]:
    assert token.map is not None
    return token.map[0], token.map[1]


def _blank(text: str, line: Line) -> bool:
    return not text[line[0] : line[1]].strip()


def _removable(text: str, lines: Sequence[Line], tokens: Sequence[Token], i: int, first: int, last: int, offset: int) -> bool:
    """Whether the top-level markers on lines [first, last) can go with their lines (rule 2)."""
    if first > offset and not _blank(text, lines[first - 1]):
        return False
    after = next((n for n in range(last, len(lines)) if not _blank(text, lines[n])), None)
    if after is None:
        return True
    line = text[lines[after][0] : lines[after][1]]
    if line[0] in " \t" or (first == 0 and line.startswith("---")):  # white space; a fence that would open front matter
        return False
    previous = tokens[i - 1].type if i > 0 else ""
    return not (previous in ("bullet_list_close", "ordered_list_close") and _LIST_ITEM_RE.match(line))
