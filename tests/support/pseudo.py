"""A pseudo-translator for round-trip tests, and an HTML element-tree comparison.

The translator accents the ASCII vowels of a unit, as a careful translator changes
words: letters stay letters (so emphasis flanking is unchanged), and it leaves
alone what must come back unchanged: code spans, autolinks and inline HTML, link
labels and destinations, entities and backslash escapes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LABEL = r"\[(?:[^\[\]\\]|\\.)*\]"
_PARENS = r"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)"
_PROTECTED = re.compile(
    r"(`+)[\s\S]*?(?<!`)\1(?!`)"  # code spans
    r"""|<(?:[^<>"']|"[^"]*"|'[^']*')*>"""  # autolinks and inline HTML
    rf"|{_LABEL}(?:{_PARENS}|{_LABEL})?"  # link labels and destinations
    rf"|\]{_PARENS}"  # destinations after nested brackets
    r"|&#?\w+;"  # entity and character references
    r"|\\[\s\S]"  # backslash escapes
)
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")


def pseudo(text: str) -> str:
    """Accent vowels outside protected spans."""
    out, pos = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(text[pos : match.start()].translate(_ACCENTS))
        out.append(match.group())
        pos = match.end()
    out.append(text[pos:].translate(_ACCENTS))
    return "".join(out)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted(f"{k}={v}" if k in ("href", "src") else k for k, v in attrs))
        self.events.append(("start", tag, *kept))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))


def element_tree(html: str) -> list[tuple[str, ...]]:
    """The element structure of *html*: tags, nesting, attribute names, link targets."""
    parser = _Tree()
    parser.feed(html)
    parser.close()
    return parser.events
