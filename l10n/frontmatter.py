"""YAML front matter: finding it, parsing it, and the spans of its values.

Sources, the structural guard and HTML pages all read front matter through :func:`find`,
so a post's front matter is the one its source had.

Rules:

1. Front matter is a first line ``---`` and the next line ``---`` or ``...`` (trailing
   spaces and tabs allowed), holding a non-empty YAML mapping. Lines are counted as
   markdown-it counts them: ``\\r\\n``, ``\\r`` and ``\\n`` end a line.
2. A block that is not valid YAML and has no ``key:`` line is not front matter (a
   thematic break, or a setext heading); one that has such a line is an error with the
   line of the problem. A block that is valid YAML but not a mapping, or an empty one,
   is not front matter either.
3. YAML is read with ``yaml.safe_load``'s rules, through libyaml when PyYAML was built
   with it (ten times faster than the pure-Python loader).
4. The span of a top-level key's value runs from after ``key:`` and its spaces to the
   end of the value's last non-blank continuation line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import SourceError

Line = tuple[int, int, int]
"""(start, content end, end including the line ending) of one line."""

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_OPEN_RE = re.compile(r"---[ \t]*")
_CLOSE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAMLISH_RE = re.compile(r"(?m)^[A-Za-z_][\w-]*[ \t]*:")


def split_lines(text: str) -> list[Line]:
    """Every line of *text* as (start, content end, end including the line ending), as markdown-it counts them."""
    spans = [(m.start(), m.start() + len(m.group().rstrip("\r\n")), m.end()) for m in _LINE_RE.finditer(text)]
    if len(spans) > 1 and spans[-1][0] == spans[-1][2]:
        spans.pop()  # the empty match after a final line ending
    return spans


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter at the start of a text."""

    data: dict[str, Any]
    """The parsed mapping (never empty)."""
    close: int
    """0-based index of the closing fence's line; the body starts on the next line."""


def find(text: str, lines: Sequence[Line], path: str) -> FrontMatter | None:
    """The front matter of *text* split into *lines*; None when it has none.

    Raises :class:`SourceError` (with *path* and the line) for a block that looks like
    front matter but is not valid YAML.
    """
    if not lines or not _OPEN_RE.fullmatch(text, lines[0][0], lines[0][1]):
        return None
    close = next((i for i in range(1, len(lines)) if _CLOSE_RE.fullmatch(text, lines[i][0], lines[i][1])), None)
    if close is None:
        return None
    inner = text[lines[1][0] : lines[close][0]] if close > 1 else ""
    import yaml

    try:
        data = _load_yaml(inner)
    except yaml.YAMLError as exc:
        if not _YAMLISH_RE.search(inner):
            return None  # a thematic break, not front matter
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = ", ".join(filter(None, (getattr(exc, "context", None), getattr(exc, "problem", None))))
        msg = f"front matter is not valid YAML: {problem or exc}"
        raise SourceError(msg, path, line) from None
    if not isinstance(data, dict) or not data:
        return None
    return FrontMatter(data, close)


def _load_yaml(text: str) -> Any:
    """``yaml.safe_load``, with libyaml's loader when PyYAML was built with it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def value_span(text: str, lines: Sequence[Line], close: int, key: str) -> tuple[int, int, int] | None:
    """(line index, start, end) of top-level *key*'s value in front matter closing on line *close*."""
    pattern = re.compile(rf"{re.escape(key)}[ \t]*:[ \t]*")
    for i in range(1, close):
        match = pattern.match(text, lines[i][0], lines[i][1])
        if not match:
            continue
        last = i
        for j in range(i + 1, close):
            line = text[lines[j][0] : lines[j][1]]
            if line.strip() and not line[0].isspace():
                break
            if line.strip():
                last = j
        return i, match.end(), lines[last][1]
    return None
