"""The one walker over Markdown, shared by extract and build.

A document is split into *units*: the translatable texts of its blocks, each with the
exact character span it occupies in the source. Extraction records the units;
building (:mod:`l10n.document.splice`) splices translations into the same spans and copies
every other character of the source unchanged.

Rules:

1. Units are paragraphs (kind ``paragraph``, or ``list item`` / ``blockquote`` after
   their innermost container), ATX and setext headings, table cells, image alt text
   (a paragraph holding a single image), and the string values of the configured
   front-matter keys (front matter as :mod:`l10n.document.frontmatter` finds it).
2. Not units: fenced and indented code, HTML blocks, link reference definitions,
   thematic breaks, the block after ``<!-- l10n:skip -->``, everything between
   ``<!-- l10n:skip-start -->`` and ``<!-- l10n:skip-end -->``, and the body of a
   verbatim section: what follows a top-level heading named in ``verbatim_sections``
   up to the next heading of the same or a higher level, or a top-level thematic
   break. The heading itself is a unit (``## References`` becomes ``## Referencias``);
   the section is recognised by the source's name.
3. Inline Markdown stays literal in the text. Soft line breaks are joined with one
   space; a hard break is kept as a backslash and a newline (``\\`` ``\\n``).
4. ``<!-- l10n:note ... -->`` before a block gives its units a note for translators;
   ``<!-- l10n:required -->`` marks them as required for publishing. These markers
   never reach a post (:mod:`l10n.document.markers` says how they are taken out).
5. A unit whose span cannot be located exactly in the source (tab expansion, NUL
   characters) is not extracted: the source stays as it is rather than risk a
   splice in the wrong place.
6. The block structure of a body (:func:`structure`) is the kind, tag, nesting and
   tightness of each block: what the structural guard compares.
7. The link reference definitions of the body (:attr:`Document.references`) are
   collected as markdown-it collects them, skipped and verbatim sections included
   (a definition applies to the whole document): the checks resolve a unit's
   reference links (``[text][label]``, ``[label][]``, ``[label]``) against them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.document import frontmatter, markers
from l10n.document.frontmatter import Line
from l10n.document.model import BUILD_FIELDS, Document, Reference, Signature, Unit
from l10n.document.sources import decode, read_bytes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_IMAGE_ONLY_RE = re.compile(r"\A!\[((?:[^\[\]\\]|\\.)*)\](?=\(|\[[^\]])", re.S)
_LIST_MARKER_RE = re.compile(r"[-+*]|\d{1,9}[.)]")
_CONTAINER_PREFIX_RE = re.compile(r"(?:[ \t]*>[ \t]?|[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+)*[ \t]*")


@cache
def _parser() -> MarkdownIt:
    """Block-level CommonMark + GFM tables; inline parsing is done on demand (:func:`_children`)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable(["inline", "text_join"])
    return md


def _children(token: Token) -> list[Token]:
    """Inline tokens of an ``inline`` block token, parsed on first use."""
    children = token.children
    if not children and token.content:
        md = _parser()
        children = token.children = []
        md.inline.parse(token.content, md, {}, children)
    return children or []


def signature(tokens: list[Token]) -> Signature:
    """The block structure: kind, tag, nesting and tightness of every block token."""
    return tuple((t.type, t.tag, t.level, t.hidden) for t in tokens if t.type != "inline")


def structure(body: str) -> Signature:
    """The block structure of the Markdown *body* (front matter already cut off)."""
    return signature(_parser().parse(body))


def parse(
    data: bytes,
    path: str,
    front_matter_keys: tuple[str, ...] = ("title", "description"),
    verbatim_sections: tuple[str, ...] = ("References",),
) -> Document:
    """Parse source bytes into a :class:`Document`."""
    text, bom = decode(data, path)
    lines = frontmatter.split_lines(text)
    units: list[Unit] = []
    body_line, meta_at, meta_spans = _front_matter(text, lines, path, front_matter_keys, units)
    body_start = lines[body_line][0] if body_line < len(lines) else len(text)
    env: dict[str, Any] = {}
    tokens = _parser().parse(text[body_start:], env)
    walker = _Walker(text, lines, body_line, {v.casefold() for v in verbatim_sections})
    units.extend(walker.walk(tokens))
    references = {
        label: Reference(found["href"], found["title"], found["map"][0] + body_line + 1)
        for label, found in env.get("references", {}).items()
    }
    edits, dropped = markers.removals(text, lines, tokens, body_line)
    shape = signature(tokens)
    post = signature([t for i, t in enumerate(tokens) if i not in dropped]) if dropped else shape
    return Document(
        path,
        text,
        bom,
        tuple(units),
        body_start,
        body_line,
        meta_at,
        meta_spans,
        shape,
        references=references,
        markers=tuple(edits),
        post_signature=post,
    )


def _front_matter(
    text: str, lines: list[Line], path: str, keys: tuple[str, ...], units: list[Unit]
) -> tuple[int, frontmatter.Insertion | None, tuple[tuple[str, int, int], ...]]:
    """Add the units of the front matter. Return the body's first line and where build's fields go."""
    found = frontmatter.find(text, lines, path)
    if found is None:
        return 0, None, ()
    close, data = found.close, found.data
    eol = text[lines[0][1] : lines[0][2]] or "\n"
    meta = []
    flow, insertion = frontmatter.flow_spans(text, lines, close)
    for key in [*keys, *BUILD_FIELDS]:
        span = flow.get(key) if flow is not None else frontmatter.value_span(text, lines, close, key)
        if span is None:
            continue
        line_index, start, end = span
        if key in BUILD_FIELDS:
            meta.append((key, start, end))
        elif isinstance(data.get(key), str) and data[key].strip():
            units.append(Unit(data[key].strip(), f"front matter: {key}", line_index + 1, start, end, eol=eol, key=key))
    return close + 1, insertion, tuple(meta)


class _Walker:
    """Walks markdown-it tokens once, yielding units with their spans."""

    def __init__(self, text: str, lines: list[Line], offset: int, verbatim: set[str]) -> None:
        self.text = text
        self.lines = lines
        self.offset = offset
        self.verbatim = verbatim
        self.cells: dict[int, int] = {}
        """Token index of each table cell's inline token -> its column in the row."""
        self.rows: dict[int, list[tuple[int, int]]] = {}
        """Line index of each table row -> the spans of its cells."""

    def line(self, index: int) -> str:
        start, end, _ = self.lines[index]
        return self.text[start:end]

    def walk(self, tokens: list[Token]) -> Iterator[Unit]:
        containers: list[str] = []
        pending: dict[int, dict[str, Any]] = {}  # directives waiting for the next block at a level
        active: list[tuple[int, dict[str, Any]]] = []  # (level, directives) of open blocks
        skip_range = False
        verbatim_level = 0  # heading level of the open verbatim section, 0 when none
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.nesting == -1:
                if containers and token.type.replace("_close", "_open") == containers[-1]:
                    containers.pop()
                while active and active[-1][0] == token.level and token.nesting == -1:
                    active.pop()
                    break
                i += 1
                continue
            if token.type == "html_block":
                directive = markers.DIRECTIVE_RE.match(token.content)
                if directive:
                    name, arg = directive[1], directive[2].strip()
                    if name == "skip-start":
                        skip_range = True
                    elif name == "skip-end":
                        skip_range = False
                    elif name == "note":
                        pending.setdefault(token.level, {}).setdefault("notes", []).append(arg)
                    else:
                        pending.setdefault(token.level, {})[name] = True
                i += 1
                continue
            directives = pending.pop(token.level, {})
            opens = False  # a verbatim section's own heading is translated; its body is not
            if token.level == 0:
                verbatim_level, opens = self._verbatim(tokens, i, verbatim_level)
            if directives.get("skip") or skip_range or (verbatim_level and token.level == 0 and not opens):
                i = _skip_block(tokens, i)
                continue
            if token.nesting == 1:
                if token.type in ("blockquote_open", "list_item_open"):
                    containers.append(token.type)
                active.append((token.level, directives))
            if token.type == "inline":
                merged = _merge([d for _, d in active])
                yield from self._units(tokens, i, containers, merged)
            i += 1

    def _verbatim(self, tokens: list[Token], i: int, level: int) -> tuple[int, bool]:
        """Open or close a verbatim section at top-level token *i*: its level, and whether *i* opens one."""
        token = tokens[i]
        if token.type == "hr":
            return 0, False
        if token.type != "heading_open":
            return level, False
        this = int(token.tag[1])
        if level and this > level:
            return level, False
        title = tokens[i + 1].content.strip().rstrip(":").strip().casefold()
        return (this, True) if title in self.verbatim else (0, False)

    def _units(self, tokens: list[Token], i: int, containers: list[str], directives: dict[str, Any]) -> Iterator[Unit]:
        token, parent = tokens[i], tokens[i - 1]
        if not token.content.strip() or token.map is None:
            return
        first, last = token.map[0] + self.offset, token.map[1] + self.offset
        found: tuple[str, int, int, str | None] | None
        if parent.type in ("th_open", "td_open"):
            found = self._cell(tokens, i, first)
        elif parent.type == "heading_open" and parent.markup.startswith("#"):
            found = self._atx(token.content, first)
        else:
            found = self._lines_span(token, first, last)
        if found is None:
            return
        text, start, end, prefix = found
        if parent.type == "heading_open":
            kind = "heading"
        elif parent.type in ("th_open", "td_open"):
            kind = "table cell"
        elif containers:
            kind = "list item" if containers[-1] == "list_item_open" else "blockquote"
        else:
            kind = "paragraph"
        if parent.type == "paragraph_open" and _image_only(token):
            image = _IMAGE_ONLY_RE.match(text)
            if image and image[1].strip():
                kind, text, prefix = "image alt text", image[1], None
                start, end = start + 2, start + 2 + len(image[1])
        eol = self.text[self.lines[first][1] : self.lines[first][2]] or "\n"
        notes = tuple(directives.get("notes", ()))
        yield Unit(text, kind, first + 1, start, end, eol, prefix, notes, bool(directives.get("required")))

    def _atx(self, content: str, index: int) -> tuple[str, int, int, None] | None:
        line = self.line(index)
        marker = line.find("#")
        level = len(line[marker:]) - len(line[marker:].lstrip("#"))
        col = line.find(content, marker + level)
        if marker < 0 or col < 0:
            return None
        start = self.lines[index][0] + col
        return content, start, start + len(content), None

    def _lines_span(self, token: Token, first: int, last: int) -> tuple[str, int, int, str] | None:
        """Span of a paragraph-like block on lines [first, last)."""
        parts = token.content.split("\n")
        if len(parts) != last - first or not parts[0]:
            return None
        head, tail = self.line(first), self.line(last - 1)
        if len(parts) > 1 and not head.endswith(parts[0]):
            return None
        core = parts[-1].lstrip()
        end = len(tail)
        # endswith(core, 0, end), not tail[:end].endswith(core): no copy per step, so a line
        # ending in megabytes of spaces is walked in linear time
        while not tail.endswith(core, 0, end) and end > 0 and (tail[end - 1].isspace() or tail[end - 1] in "\u200b\u00a0"):
            end -= 1
        if not core or not tail.endswith(core, 0, end):
            return None
        col = len(head) - len(parts[0]) if len(parts) > 1 else end - len(core)
        if len(parts) == 1 and head[col:end] != parts[0]:
            return None
        text = self._join(token, parts)
        prefix = _LIST_MARKER_RE.sub(lambda m: " " * len(m[0]), head[:col])
        return text, self.lines[first][0] + col, self.lines[last - 1][0] + end, prefix

    @staticmethod
    def _join(token: Token, parts: list[str]) -> str:
        """Join content lines: soft breaks become spaces, hard breaks ``\\`` + newline."""
        pieces = [p.strip(" \t") if 0 < k < len(parts) - 1 else p for k, p in enumerate(parts)]
        pieces[0], pieces[-1] = pieces[0].rstrip(" \t") if len(parts) > 1 else pieces[0], pieces[-1].lstrip(" \t")
        breaks = []
        for raw in parts[:-1]:
            stripped = raw.rstrip(" \t")
            if stripped.endswith("\\") and (len(stripped) - len(stripped.rstrip("\\"))) % 2:
                breaks.append("\n")
            elif raw.endswith("  ") and not stripped.endswith("\\"):
                breaks.append("\\\n")
            elif raw.endswith("  "):
                breaks.append("  \n")
            else:
                breaks.append(" ")
        candidates = sum(1 for b in breaks if b != " ")
        if candidates and candidates != sum(1 for child in _children(token) if child.type == "hardbreak"):
            return "\n".join(parts)  # breaks inside code spans or raw HTML: keep the lines as they are
        out = [pieces[0]]
        for sep, piece in zip(breaks, pieces[1:], strict=True):
            out.append(sep + piece)
        return "".join(out)

    def _cell(self, tokens: list[Token], i: int, index: int) -> tuple[str, int, int, None] | None:
        """Span of table cell *i* in its row line."""
        if i not in self.cells:  # number the cells of the whole row once: a long row stays linear
            row = i
            while tokens[row].type != "tr_open":
                row -= 1
            number = 0
            while row < len(tokens) and tokens[row].type != "tr_close":
                if tokens[row].type == "inline":
                    self.cells[row] = number
                    number += 1
                row += 1
        n = self.cells[i]
        line = self.line(index)
        raw = self.rows.get(index)
        if raw is None:
            body = _CONTAINER_PREFIX_RE.match(line)
            raw = self.rows[index] = _split_row(line, body.end() if body else 0)
        if n >= len(raw):
            return None
        col, end = raw[n]
        if line[col:end].replace("\\|", "|") != tokens[i].content:
            return None
        start = self.lines[index][0]
        return line[col:end], start + col, start + end, None


def _split_row(line: str, base: int) -> list[tuple[int, int]]:
    """Trimmed (start, end) columns of the cells of a table row, as markdown-it splits them."""
    bounds, col, escaped = [], base, False
    for pos in range(base, len(line)):
        ch = line[pos]
        if ch == "|" and not escaped:
            bounds.append((col, pos))
            col = pos + 1
        escaped = ch == "\\" and not escaped
    bounds.append((col, len(line)))
    if line[base:].startswith("|"):
        bounds.pop(0)
    if bounds and line[bounds[-1][0] :].strip() == "" and line.rstrip().endswith("|"):
        bounds.pop()
    trimmed = []
    for start, end in bounds:
        segment = line[start:end]
        lead = len(segment) - len(segment.lstrip())
        trimmed.append((start + lead, start + len(segment.rstrip())))
    return trimmed


def _image_only(token: Token) -> bool:
    if not token.content.startswith("![") or "\n" in token.content:
        return False
    children = [c for c in _children(token) if c.type != "text" or c.content.strip()]
    return len(children) == 1 and children[0].type == "image"


def _skip_block(tokens: list[Token], i: int) -> int:
    """Index just past the block that starts at token *i*."""
    if tokens[i].nesting != 1:
        return i + 1
    level, j = tokens[i].level, i + 1
    while j < len(tokens) and not (tokens[j].nesting == -1 and tokens[j].level == level):
        j += 1
    return j + 1


def _merge(directives: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for item in directives:
        if item.get("notes"):
            merged.setdefault("notes", []).extend(item["notes"])
        if item.get("required"):
            merged["required"] = True
    return merged


def read(path: Path, display: str, front_matter_keys: tuple[str, ...], verbatim_sections: tuple[str, ...]) -> Document:
    """Read and parse a source file."""
    return parse(read_bytes(path, display), display, front_matter_keys, verbatim_sections)
