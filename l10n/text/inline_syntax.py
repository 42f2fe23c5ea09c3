"""The inline Markdown a unit's text keeps literally, found as CommonMark finds it.

A unit's text is inline Markdown. Before anything else is looked for in it, the parts
that are syntax rather than prose are found here; :mod:`l10n.text.spans` protects them and
searches only the rest (and the link texts) for citations, identifiers, numbers and
terms.

Rules:

1. The text is scanned left to right as CommonMark does: backslash escapes, then code
   spans (backtick runs of equal length; an unmatched run is text), autolinks and raw
   HTML (tags, comments, processing instructions, declarations, CDATA) and entity or
   character references. These are spans of kind ``code``, ``url`` (``doi`` for a
   ``doi.org`` autolink) and ``html``, and nothing inside them is reported
   separately.
2. Links and images: the part after the link text is one ``link-target`` span, so
   masking it leaves the link text translatable: ``(dest "title")`` of an inline
   link, with its parentheses and its title, and ``[label]`` (or ``[]``) of a full
   or collapsed reference. A shortcut reference ``[text]`` is not protected: without
   the definitions we cannot tell it from bracketed prose. Consequently ``[1][2]``
   reads as link text ``[1]`` with label ``[2]``, and in ``[a][b](c)`` it is
   ``[b]``, not ``(c)``, that is protected.
3. What is left, the free text, is every range outside those spans and outside the
   brackets of links and images.
"""

from __future__ import annotations

import bisect
import html.entities
import re
import string

__all__ = ["DOI_URL_RE", "ENTITY_RE", "scan"]

_ASCII_PUNCT = frozenset(string.punctuation)
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_HTML_TAG_RE = re.compile(rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>")
_RAW_HTML = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*>")
_EMAIL_AUTOLINK_RE = re.compile(
    r"<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>"
)
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
"""An entity or numeric character reference; group 1 is the name of a named one (not checked here)."""
DOI_URL_RE = re.compile(r"<?(?:https?://)?(?:dx\.|www\.)?doi\.org/10\.\d{4,9}/[^\s>]", re.IGNORECASE)
"""The start of a DOI URL (``https://doi.org/10.NNNN/...``), bracketed as an autolink or not."""
_LINK_SPACE = " \t\n"


class _Finder:
    """``str.find`` for a scan that only moves forward: each closer is looked for once."""

    __slots__ = ("_next", "_runs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._next: dict[str, int] = {}
        self._runs: dict[int, list[int]] | None = None

    def find(self, sub: str, start: int) -> int:
        found = self._next.get(sub)
        if found is None or 0 <= found < start:
            found = self._next[sub] = self.text.find(sub, start)
        return found

    def backtick_run(self, length: int, start: int) -> int:
        """Start of the first run of exactly *length* backticks at or after *start*, or -1."""
        if self._runs is None:
            self._runs = {}
            for run in re.finditer("`+", self.text):
                self._runs.setdefault(len(run.group()), []).append(run.start())
        starts = self._runs.get(length, [])
        index = bisect.bisect_left(starts, start)
        return starts[index] if index < len(starts) else -1


def _raw_html_end(text: str, i: int, finder: _Finder) -> int | None:
    """End of the tag, comment, processing instruction, declaration or CDATA at *i*, or None."""
    tag = _HTML_TAG_RE.match(text, i)
    if tag:
        return tag.end()
    if text.startswith(("<!-->", "<!--->"), i):
        return text.index(">", i + 4) + 1
    for opener, closer in _RAW_HTML:
        if text.startswith(opener, i):
            found = finder.find(closer, i + len(opener))
            return None if found < 0 else found + len(closer)
    if text.startswith("<!", i) and text[i + 2 : i + 3].isascii() and text[i + 2 : i + 3].isalpha():
        found = finder.find(">", i + 3)
        return None if found < 0 else found + 1
    return None


def _link_destination(text: str, pos: int) -> int | None:
    """End of the link destination starting at *pos* (CommonMark), or None."""
    n = len(text)
    if pos < n and text[pos] == "<":
        i = pos + 1
        while i < n:
            c = text[i]
            if c == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
                i += 2
            elif c == ">":
                return i + 1
            elif c in "<\n":
                return None
            else:
                i += 1
        return None
    i, depth = pos, 0
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
            i += 2
            continue
        if ord(c) <= 0x20 or ord(c) == 0x7F:
            break
        if c == "(":
            depth += 1
            if depth > 32:
                return None
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    return i if depth == 0 else None


def _link_title(text: str, pos: int) -> int | None:
    """End of the link title starting at *pos*, or None."""
    closer = {'"': '"', "'": "'", "(": ")"}.get(text[pos : pos + 1])
    if closer is None:
        return None
    i, n = pos + 1, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
            i += 2
            continue
        if c == closer:
            return i + 1
        if closer == ")" and c == "(":
            return None
        i += 1
    return None


def _link_tail(text: str, pos: int) -> int | None:
    """End of ``(dest "title")`` or ``[label]`` right after a link text's ``]``, or None."""
    n = len(text)
    if pos < n and text[pos] == "(":
        i = pos + 1
        while i < n and text[i] in _LINK_SPACE:
            i += 1
        if i < n and text[i] == ")":
            return i + 1
        end = _link_destination(text, i)
        if end is None:
            return None
        i = end
        while i < n and text[i] in _LINK_SPACE:
            i += 1
        if i > end:
            title_end = _link_title(text, i)
            if title_end is not None:
                i = title_end
                while i < n and text[i] in _LINK_SPACE:
                    i += 1
        return i + 1 if i < n and text[i] == ")" else None
    if pos < n and text[pos] == "[":
        i = pos + 1
        while i < n and i - pos <= 1000:
            c = text[i]
            if c == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
                i += 2
                continue
            if c == "[":
                return None
            if c == "]":
                label = text[pos + 1 : i]
                return i + 1 if not label or not label.isspace() else None
            i += 1
    return None


_SPECIAL_RE = re.compile(r"[\\`<&\[\]!]")
"""The characters :func:`scan` looks at; the others are skipped in one step."""


def scan(text: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """The Markdown spans of rules 1 and 2 as (kind, start, end), and the free ranges between them (rule 3)."""
    atoms: list[tuple[str, int, int]] = []
    syntax: list[tuple[int, int]] = []
    openers: list[list[int]] = []  # [position, is image, active]
    finder = _Finder(text)

    def atom(kind: str, start: int, end: int) -> int:
        atoms.append((kind, start, end))
        syntax.append((start, end))
        return end

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
            i += 2
        elif c == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            closing = finder.backtick_run(j - i, j)
            i = atom("code", i, closing + j - i) if closing >= 0 else j
        elif c == "<":
            link = _AUTOLINK_RE.match(text, i) or _EMAIL_AUTOLINK_RE.match(text, i)
            html_end = None if link else _raw_html_end(text, i, finder)
            if link:
                i = atom("doi" if DOI_URL_RE.match(text, i) else "url", i, link.end())
            elif html_end is not None:
                i = atom("html", i, html_end)
            else:
                i += 1
        elif c == "&":
            entity = ENTITY_RE.match(text, i)
            if entity and (entity.group(1) is None or entity.group(1) + ";" in html.entities.html5):
                i = atom("html", i, entity.end())
            else:
                i += 1
        elif c == "[" or (c == "!" and text.startswith("[", i + 1)):
            openers.append([i, c == "!", 1])
            i += 2 if c == "!" else 1
        elif c == "]" and openers:
            start, image, active = openers.pop()
            end = _link_tail(text, i + 1) if active else None
            if end is None:
                i += 1
                continue
            syntax.append((start, start + 2 if image else start + 1))
            syntax.append((i, i + 1))
            i = atom("link-target", i + 1, end)
            if not image:
                for opener in openers:
                    if not opener[1]:
                        opener[2] = 0
        else:  # plain text up to the next character that may start a span
            found = _SPECIAL_RE.search(text, i + 1)
            i = found.start() if found else n
    syntax.sort()
    free, pos = [], 0
    for start, end in syntax:
        if start > pos:
            free.append((pos, start))
        pos = max(pos, end)
    if pos < n:
        free.append((pos, n))
    return atoms, free
