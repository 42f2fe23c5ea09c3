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
   end of the value's last non-blank continuation line. In a flow-style mapping
   (``{title: Hello, description: A test}``) it is the scalar's own span.
5. Fields ``l10n build`` adds go where they keep the front matter valid YAML with the
   same keys (:func:`insertion`): before the closing fence, indented as the mapping's
   keys, or inside the braces of a flow-style mapping after a comma.
6. Flow collections nested deeper than :data:`MAX_DEPTH` are refused before they reach
   libyaml, whose composer would crash the process on them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from l10n.core.errors import SourceError

Line = tuple[int, int, int]
"""(start, content end, end including the line ending) of one line."""

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_OPEN_RE = re.compile(r"---[ \t]*")
_CLOSE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAMLISH_RE = re.compile(r"(?m)^[A-Za-z_][\w-]*[ \t]*:")
_ITEM_RE = re.compile(r"-(?:[ \t]|$)")


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
    except RecursionError:  # the constructor recurses into nested collections
        raise SourceError("front matter is not valid YAML: nested too deeply", path, 2) from None
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


MAX_DEPTH = 500
"""Deepest nesting of flow collections read: libyaml's composer recurses in C and crashes the
process (not a RecursionError) some tens of thousands of levels down."""


def _load_yaml(text: str) -> Any:
    """``yaml.safe_load``, with libyaml's loader when PyYAML was built with it; too deep a nesting is refused."""
    import yaml

    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = deepest = 0
        for ch in text:
            if ch in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in "]}" and depth:
                depth -= 1
        if deepest > MAX_DEPTH:
            raise RecursionError
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


Insertion = tuple[int, str, str, str]
"""(offset, before, between, after): new fields are inserted at offset as
``before + between.join("key: value", ...) + after``."""


def flow_spans(text: str, lines: Sequence[Line], close: int) -> tuple[dict[str, tuple[int, int, int]] | None, Insertion]:
    """The value spans of a flow-style front matter (None for a block mapping), and where new fields go.

    Keys map to (line index, start, end) of their scalar values (rule 4); the insertion
    follows rule 5.
    """
    import yaml
    from yaml.nodes import MappingNode, ScalarNode

    start = lines[1][0] if close > 1 else lines[close][0]
    eol = text[lines[0][1] : lines[0][2]] or "\n"
    try:  # the pure-Python composer: its marks count characters, as the text does
        root = yaml.compose(text[start : lines[close][0]], Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        root = None
    if isinstance(root, MappingNode) and root.flow_style:
        brace = text.rfind("}", start, start + root.end_mark.index)
        if brace >= 0:
            spans: dict[str, tuple[int, int, int]] = {}
            for key, value in root.value:
                if isinstance(key, ScalarNode) and isinstance(value, ScalarNode) and key.value not in spans:
                    spans[key.value] = (1 + value.start_mark.line, start + value.start_mark.index, start + value.end_mark.index)
            before = " " if text[start:brace].rstrip().endswith((",", "{")) else ", "
            return spans, (brace, before, ", ", "")
    indent = " " * root.start_mark.column if isinstance(root, MappingNode) else ""
    return None, (lines[close][0], indent, eol + indent, eol)


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
            if line.strip() and not line[0].isspace() and not _ITEM_RE.match(line):  # "- x": a list at the key's indent
                break
            if line.strip():
                last = j
        return i, match.end(), lines[last][1]
    return None
