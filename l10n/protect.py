"""Protected spans: what must come back from a translator or an engine unchanged.

A unit's text keeps its inline Markdown literally. :func:`find_spans` finds the parts
of it that a translation must reproduce byte for byte; :func:`mask` replaces them by
placeholders before machine translation and :func:`unmask` puts them back, refusing
a translation whose placeholders were lost, duplicated or mangled.

Rules:

1. Markdown comes first, scanned left to right as CommonMark does: backslash
   escapes, then code spans (backtick runs of equal length; an unmatched run is
   text), autolinks and raw HTML (tags, comments, processing instructions,
   declarations, CDATA) and entity or character references. These are spans of
   kind ``code``, ``url`` (``doi`` for a ``doi.org`` autolink) and ``html``, and
   nothing inside them is reported separately.
2. Links and images: the part after the link text is one ``link-target`` span, so
   masking it leaves the link text translatable: ``(dest "title")`` of an inline
   link, with its parentheses and its title, and ``[label]`` (or ``[]``) of a full
   or collapsed reference. A shortcut reference ``[text]`` is not protected: without
   the definitions we cannot tell it from bracketed prose. Consequently ``[1][2]``
   reads as link text ``[1]`` with label ``[2]``, and in ``[a][b](c)`` it is
   ``[b]``, not ``(c)``, that is protected.
3. The remaining text, and the link texts, are searched for:

   - ``citation``: a parenthesis holding only author-year citations separated by
     ``;`` -- ``(Domino, 2010)``, ``(Krystal et al., 2013)``, ``(Duman & Aghajanian,
     2012)``, ``(World Health Organization, 2021)``, ``(Smith, 2010a, 2011)``,
     ``(Smith & Jones, 2019, p. 12)``, ``(Smith, n.d.)`` -- is one span with its
     parentheses. If an item has a prefix a translator must translate -- up to four
     words that do not start with a capital, or one-letter abbreviations: ``see``,
     ``e.g.,``, ``cf.``, and so ``siehe auch`` or ``z. B.`` in a translation -- each
     item's citation is its own span and the prefixes and parentheses stay text, so
     the source and its translation have the same spans. Numeric citations
     ``[12]``, ``[3-5]``, ``[3–5]``, ``[1, 4]`` and footnote references ``[^1]`` are
     spans; link texts (rule 2) are not citations. A year alone in parentheses,
     ``(2010)``, is not a citation (it is as often plain prose); its year is a
     ``number``. Narrative citations (``Krystal et al. (2013)``) are not recognised
     as a whole.
   - ``doi``: ``10.NNNN/suffix``, with an attached ``doi:`` prefix, and DOI URLs
     (``https://doi.org/...``, ``dx.doi.org``), which are one span.
   - ``url``: ``http://``, ``https://`` and ``www.`` links and bare e-mail addresses,
     ended GFM-style: trailing ``?!.,:;*_~'"`` and an unbalanced ``)`` or ``]`` are
     not part of them. ``e.g.`` or ``example.org`` alone are not URLs.
   - ``term``: the do-not-translate glossary terms given, matched as whole words by
     :func:`l10n.terms.term_pattern` (the glossary's own rule: ``_`` is punctuation,
     white space runs and the two apostrophes match each other, case is ignored
     unless the term is case-sensitive); a span holds the source's spelling.
   - ``number``: every free-standing number -- ``1970``, ``1,000.5``, a version
     ``1.5.2``, ``2021-03-04``, ranges ``2–3``, ``678-684`` and ``5 ± 2`` -- with its
     unit symbol if one follows (``0.5 mg/kg``, ``2–3 mg/kg/h``, ``10mg``, ``40%``,
     ``37 °C``). Unit *words* (``hours``, ``/day``) stay translatable. A number
     glued to a word is not one: ``B12``, ``COVID-19``, ``1970s``, ``2nd``, and
     neither are the digits of ``v2.0.1``.

4. Spans never overlap: of two overlapping candidates the earlier-starting wins, then
   the longer. Spans come sorted by start.
5. Placeholders are ``<x id="N"></x>``, numbered from 1 in text order: the inline
   placeholder of XLIFF 1.2, and the form Weblate sends to DeepL. Every engine has
   a mode that keeps tags and their attributes as they are (DeepL
   ``tag_handling=xml`` with ``ignore_tags=x``, Google ``format=html``, Microsoft
   ``textType=html``, LibreTranslate ``format=html``) and moves tags with the words
   they mark, whereas ``⟦1⟧`` or ``[X1X]`` are plain text to an engine, which may
   space, reorder, transliterate or drop them. The element is written
   open-and-closed rather than ``<x/>``: an HTML parser ignores the self-closing
   slash of an unknown element and would wrap the following words in it.
6. The masked text holds ``<`` and ``>`` only in placeholders and no ``&`` at all:
   every ``<``, ``>``, ``&``, entity, placeholder-lookalike and character that XML
   forbids (C0 controls but tab and line endings, surrogates) in the unprotected
   text is itself masked; masking ``>`` too means that a truncated placeholder
   cannot be completed by the text after it. So the masked text is well-formed XML
   and HTML whatever the source (DeepL's tag handling v2 rejects anything else), it
   reads the same sent as plain text, an engine's output can be read unambiguously,
   and unmasking is the exact inverse of masking for any text and any valid span
   list.
7. :func:`unmask` tolerates what engines do to a placeholder when it is unambiguous:
   case (``<X ID="1">``), spaces around ``=``, ``/`` and inside the quotes, single,
   typographic or no quotes around the number, other decimal digits, and the forms
   ``<x id="1"/>`` and ``<x id="1">``. Anything else is a problem: an id missing,
   repeated or unknown, or a ``<`` or ``>`` outside a placeholder (such as a
   ``</x>`` left over after an engine moved words into the element).
"""


from __future__ import annotations

import bisect
import html.entities
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .errors import PlaceholderError
from .terms import term_pattern

KINDS = ("code", "html", "link-target", "citation", "doi", "url", "term", "number")
"""The span kinds; the order breaks ties between candidates of equal start and length."""

_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Span:
    """A part of a unit's text that a translation must keep byte for byte."""

    kind: str
    """One of :data:`KINDS`."""
    start: int
    """Offset of the span's first character in the text."""
    end: int
    """Offset just past the span."""
    text: str
    """``text[start:end]``."""


class TermLike(Protocol):
    """What :func:`find_spans` needs of a glossary entry."""

    @property
    def text(self) -> str: ...

    @property
    def case_sensitive(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Term:
    """A do-not-translate glossary term: a brand (``Innerwell``) or an acronym (``FDA``)."""

    text: str
    """The term as the glossary spells it."""
    case_sensitive: bool = True
    """Match only this exact spelling; otherwise any case matches."""


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its protected spans replaced by placeholders, and the way back."""

    text: str
    """The text to send to an engine."""
    placeholders: tuple[tuple[str, str], ...]
    """(placeholder, original text) for ids 1, 2, ... in text order."""


# --- Markdown syntax (rules 1 and 2) -------------------------------------------------

_ASCII_PUNCT = frozenset(string.punctuation)
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_HTML_TAG_RE = re.compile(rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>")
_RAW_HTML = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*>")
_EMAIL_AUTOLINK_RE = re.compile(
    r"<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>"
)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
_DOI_URL_RE = re.compile(r"<?(?:https?://)?(?:dx\.|www\.)?doi\.org/10\.\d{4,9}/[^\s>]", re.IGNORECASE)
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


def _scan(text: str) -> tuple[list[Span], list[tuple[int, int]]]:
    """The Markdown spans of rules 1 and 2, and the free ranges between them."""
    atoms: list[Span] = []
    syntax: list[tuple[int, int]] = []
    openers: list[list[int]] = []  # [position, is image, active]
    finder = _Finder(text)

    def atom(kind: str, start: int, end: int) -> int:
        atoms.append(Span(kind, start, end, text[start:end]))
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
                i = atom("doi" if _DOI_URL_RE.match(text, i) else "url", i, link.end())
            elif html_end is not None:
                i = atom("html", i, html_end)
            else:
                i += 1
        elif c == "&":
            entity = _ENTITY_RE.match(text, i)
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
        else:
            i += 1
    syntax.sort()
    free, pos = [], 0
    for start, end in syntax:
        if start > pos:
            free.append((pos, start))
        pos = max(pos, end)
    if pos < n:
        free.append((pos, n))
    return atoms, free


# --- Citations, identifiers and numbers (rule 3) -------------------------------------


def _capitals() -> str:
    """A regex character class of the BMP's capital letters (upper- and titlecase)."""
    codes = [c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Lu", "Lt")]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


_PARTICLES = r"(?:van|von|der|den|de|del|della|di|da|du|dos|das|la|le|ter|ten|al|el|bin|ibn|of|for|the|on)"
_YEAR = r"(?:\d{4}[a-z]?(?:[-\u2013/]\d{2,4}[a-z]?)?|n\.\s?d\.|in\s+press|forthcoming)"
_LOCATOR = r"(?:\s*,\s*(?:pp?\.|paras?\.|chap\.|ch\.|sec\.|§)\s*\d+(?:\s*[-\u2013]\s*\d+)?)"
_PAREN_RE = re.compile(r"\(([^()]{1,400})\)")
_NUMERIC_CITATION_RE = re.compile(
    r"\[(?:\^[^\]\s]+|\d+(?:\s*[-\u2013]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-\u2013]\s*\d+)?)*)\]"
)


@cache
def _citation_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for one citation item: without a prefix, and with one (rule 3)."""
    upper = _capitals()
    word = rf"(?:{upper}\.\s?)*{upper}[\w'\u2019]*(?:[-\u2010]\w[\w'\u2019]*)*"
    name = rf"(?:{_PARTICLES}\s+)*{word}(?:\s+(?:{_PARTICLES}\s+)*{word})*"
    authors = rf"{name}(?:\s*,\s*{name})*(?:\s*,?\s*(?:&|and)\s+{name})?(?:\s+et\s+al\.?)?"
    cite = rf"(?P<cite>{authors}(?:\s*,\s*|\s+){_YEAR}(?:\s*,\s*{_YEAR})*{_LOCATOR}?)"
    # A prefix word does not start with a capital (nor is a name particle), or is a
    # one-letter abbreviation: see, see also, e.g., cf., siehe auch, z. B., p. ej.
    token = rf"(?:(?!{_PARTICLES}\s)(?!{upper})[^\W\d_][\w'\u2019]*(?:\.[^\W\d_]+)*\.?|[^\W\d_]\.),?"
    return re.compile(rf"\s*{cite}\s*"), re.compile(rf"\s*(?:{token}\s+){{1,4}}{cite}\s*")


def _citations(text: str, start: int, end: int) -> Iterator[Span]:
    plain, prefixed = _citation_res()
    for paren in _PAREN_RE.finditer(text, start, end):
        items: list[tuple[int, int]] = []
        has_prefix = False
        pos = paren.start(1)
        for part in paren.group(1).split(";"):
            match = plain.fullmatch(text, pos, pos + len(part))
            if match is None:
                match = prefixed.fullmatch(text, pos, pos + len(part))
                has_prefix = True
            if match is None:
                break
            items.append(match.span("cite"))
            pos += len(part) + 1
        else:
            if has_prefix:
                yield from (Span("citation", a, b, text[a:b]) for a, b in items)
            else:
                yield Span("citation", paren.start(), paren.end(), paren.group())
    for match in _NUMERIC_CITATION_RE.finditer(text, start, end):
        yield Span("citation", match.start(), match.end(), match.group())


_TRAILING = "?!.,:;*_~'\""
_TRAILING_ENTITY_RE = re.compile(r"&[A-Za-z0-9]+;\Z")
_URL_RE = re.compile(r"(?<![^\W_])(?<![@.+-])(?:https?://[\w\[]|www\.[\w-])[^\s<>`]*", re.IGNORECASE)
_URL_HEAD_RE = re.compile(r"https?://[\w\[]|www\.[\w-]", re.IGNORECASE)
_EMAIL_RE = re.compile(r"(?<![^\W_])(?<![.+-])[^\W_][\w.+-]*@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")
_DOI_RE = re.compile(r"(?<![^\W_])(?<![./-])(?:(?i:doi:))?10\.\d{4,9}/[^\s<>\"`]+")


def _trim(candidate: str) -> str:
    """*candidate* without trailing punctuation (GFM extended autolinks, plus ``;`` and quotes)."""
    while candidate:
        last = candidate[-1]
        if last == ";" and (entity := _TRAILING_ENTITY_RE.search(candidate)):
            candidate = candidate[: entity.start()]
        elif (
            last in _TRAILING
            or (last == ")" and candidate.count("(") < candidate.count(")"))
            or (last == "]" and candidate.count("[") < candidate.count("]"))
        ):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def _identifiers(text: str, start: int, end: int) -> Iterator[Span]:
    for match in _URL_RE.finditer(text, start, end):
        url = _trim(match.group())
        if _URL_HEAD_RE.match(url):
            kind = "doi" if _DOI_URL_RE.match(url) else "url"
            yield Span(kind, match.start(), match.start() + len(url), url)
    for match in _EMAIL_RE.finditer(text, start, end):
        yield Span("url", match.start(), match.end(), match.group())
    for match in _DOI_RE.finditer(text, start, end):
        doi = _trim(match.group())
        if doi.split("/", 1)[1]:
            yield Span("doi", match.start(), match.start() + len(doi), doi)


_NUM = r"\d+(?:[.,]\d+)*(?:/\d+)*"
_UNIT_BASE = sorted(
    (
        # mass, volume, amount, concentration
        *("kg", "g", "mg", "µg", "μg", "mcg", "ng", "pg", "L", "mL", "ml", "dL", "dl", "µL", "μL"),
        *("mol", "mmol", "µmol", "μmol", "nmol", "mEq", "mOsm", "mM", "µM", "μM", "nM", "IU"),
        # length, area, time (seconds: see _UNIT), pressure, frequency, energy, radiation, imperial
        *("km", "m", "cm", "mm", "µm", "μm", "nm", "m²", "m2", "cm²", "h", "hr", "hrs", "min", "ms", "µs", "μs"),
        *("mmHg", "kPa", "Pa", "Hz", "kHz", "MHz", "bpm", "kcal", "kJ", "mSv", "Gy", "lb", "lbs", "oz"),
    ),
    key=len,
    reverse=True,
)
_UNIT_WORD = "(?:" + "|".join(map(re.escape, _UNIT_BASE)) + ")"
_SPACE = "[ \u00a0\u202f\u2009]"  # space, no-break, narrow no-break, thin
_UNIT = rf"(?:{_SPACE}?(?:%|‰|°[CF]?|{_UNIT_WORD}(?:/(?:{_UNIT_WORD}|s))*)|{_SPACE}s)"  # 1970s is a decade
_NUMBER_RE = re.compile(
    r"(?<![^\W_])(?<![.,])(?<![^\W_][-\u2010/])"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_NUM}(?:{_SPACE}?±{_SPACE}?{_NUM}|(?:{_SPACE}?[\u2013\u2014]{_SPACE}?|-){_NUM})?)"
    rf"(?:{_UNIT}(?![^\W_]))?(?![^\W_])"
)


def _numbers(text: str, start: int, end: int) -> Iterator[Span]:
    for match in _NUMBER_RE.finditer(text, start, end):
        yield Span("number", match.start(), match.end(), match.group())


def _terms(text: str, start: int, end: int, terms: Sequence[TermLike]) -> Iterator[Span]:
    for term in terms:
        if term.text.strip():
            for match in term_pattern(term.text, term.case_sensitive).finditer(text, start, end):
                yield Span("term", match.start(), match.end(), match.group())


def find_spans(text: str, terms: Sequence[TermLike] = ()) -> list[Span]:
    """The protected spans of a unit's *text*, sorted and non-overlapping (rules 1-4)."""
    atoms, free = _scan(text)
    candidates = list(atoms)
    for start, end in free:
        candidates.extend(_citations(text, start, end))
        candidates.extend(_identifiers(text, start, end))
        candidates.extend(_numbers(text, start, end))
        candidates.extend(_terms(text, start, end, terms))
    candidates.sort(key=lambda s: (s.start, s.start - s.end, _PRIORITY[s.kind]))
    spans: list[Span] = []
    for span in candidates:
        if span.start < span.end and (not spans or span.start >= spans[-1].end):
            spans.append(span)
    return spans


def spans_multiset(text: str, terms: Sequence[TermLike] = ()) -> Counter[tuple[str, str]]:
    """(kind, text) of every protected span, counted: compare a source's with its translation's."""
    return Counter((span.kind, span.text) for span in find_spans(text, terms))


def describe(spans: Iterable[Span]) -> list[str]:
    """One ``kind: text`` line per span, for a translator comment (newlines shown as ``⏎``)."""
    return [f"{span.kind}: {span.text}".replace("\n", "⏎") for span in spans]


# --- Placeholders (rules 5-7) --------------------------------------------------------

_QUOTE = "[\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a]"  # straight, typographic, guillemets
_PLACEHOLDER_RE = re.compile(
    rf"<\s*x\s+id\s*=\s*(?:{_QUOTE}\s*(?P<q>\d+)\s*{_QUOTE}|(?P<u>\d+))\s*(?:/\s*>|>(?:<\s*/\s*x\s*>)?)",
    re.IGNORECASE,
)
_ESCAPE_RE = re.compile(
    rf"{_PLACEHOLDER_RE.pattern}|{_ENTITY_RE.pattern}|[<>&]"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+",  # not allowed in XML text
    re.IGNORECASE,
)


_STRAY_RE = re.compile(r"<[^<>]{0,40}>?|[^<>]{0,23}>")  # a stray "<" or ">" with its context


def _placeholder(number: int) -> str:
    return f'<x id="{number}"></x>'


def mask(text: str, spans: Sequence[Span]) -> Masked:
    """*text* with each span, and whatever could be read as markup outside them (rule 6), as placeholders.

    *spans* must lie within *text*, hold its characters and not overlap (they are
    sorted here); empty spans are not allowed. Raises ``ValueError`` otherwise.
    """
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    parts: list[str] = []
    pairs: list[tuple[str, str]] = []

    def protect(original: str) -> None:
        pairs.append((_placeholder(len(pairs) + 1), original))
        parts.append(pairs[-1][0])

    def escape(start: int, end: int) -> None:
        pos = start
        for match in _ESCAPE_RE.finditer(text, start, end):
            parts.append(text[pos : match.start()])
            protect(match.group())
            pos = match.end()
        parts.append(text[pos:end])

    pos = 0
    for span in ordered:
        if not pos <= span.start < span.end <= len(text) or text[span.start : span.end] != span.text:
            msg = f"span {span!r} does not fit the text (overlap, empty or out of range)"
            raise ValueError(msg)
        escape(pos, span.start)
        protect(span.text)
        pos = span.end
    escape(pos, len(text))
    return Masked("".join(parts), tuple(pairs))


def _mangled(text: str, start: int, end: int) -> Iterator[str]:
    """A problem for each ``<...>`` or ``...>`` in ``text[start:end]``: the masked text had none there."""
    for stray in _STRAY_RE.finditer(text, start, end):
        yield f"mangled placeholder at {stray.group()!r}"


def _scan_placeholders(translated: str, masked: Masked) -> tuple[list[tuple[int, int, int]], list[str]]:
    """The placeholders in *translated* as (start, end, index), and the problems found."""
    found: list[tuple[int, int, int]] = []
    problems: list[str] = []
    pos = 0
    for match in _PLACEHOLDER_RE.finditer(translated):
        problems.extend(_mangled(translated, pos, match.start()))
        pos = match.end()
        number = int(match.group("q") or match.group("u"))
        if 1 <= number <= len(masked.placeholders):
            found.append((match.start(), match.end(), number - 1))
        else:
            problems.append(f"unknown placeholder {match.group()!r}")
    problems.extend(_mangled(translated, pos, len(translated)))
    counts = Counter(index for _, _, index in found)
    for index, (placeholder, original) in enumerate(masked.placeholders):
        if counts[index] == 0:
            problems.append(f"missing placeholder {placeholder} for {original!r}")
        elif counts[index] > 1:
            problems.append(f"placeholder {placeholder} for {original!r} appears {counts[index]} times")
    return found, problems


def placeholder_problems(translated: str, masked: Masked) -> list[str]:
    """What is wrong with the placeholders of *translated*; empty when :func:`unmask` can restore it."""
    return _scan_placeholders(translated, masked)[1]


def unmask(translated: str, masked: Masked) -> str:
    """*translated* with its placeholders replaced by the original spans.

    Raises :class:`PlaceholderError` listing the problems if any placeholder is
    missing, repeated, unknown or mangled.
    """
    found, problems = _scan_placeholders(translated, masked)
    if problems:
        raise PlaceholderError(problems)
    parts, pos = [], 0
    for start, end, index in found:
        parts.append(translated[pos:start])
        parts.append(masked.placeholders[index][1])
        pos = end
    parts.append(translated[pos:])
    return "".join(parts)
