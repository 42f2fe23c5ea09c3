"""Protected spans: what must come back from a translator or an engine unchanged.

A unit's text keeps its inline Markdown literally. :func:`find_spans` finds the parts
of it that a translation must reproduce byte for byte (:mod:`l10n.text.placeholders` masks
them for machine translation); the checks compare them between a source and its
translation.

Rules:

1. Markdown comes first: the inline syntax found by :func:`l10n.text.inline_syntax.scan`
   (code spans, autolinks, raw HTML, entity references, link targets) is protected
   as found there, and nothing inside it is reported separately.
2. The remaining text, and the link texts, are searched for:

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
     spans; link texts are not citations. A year alone in parentheses,
     ``(2010)``, is not a citation (it is as often plain prose); its year is a
     ``number``. Narrative citations (``Krystal et al. (2013)``) are not recognised
     as a whole.
   - ``doi``: ``10.NNNN/suffix``, with an attached ``doi:`` prefix, and DOI URLs
     (``https://doi.org/...``, ``dx.doi.org``), which are one span.
   - ``url``: ``http://``, ``https://`` and ``www.`` links and bare e-mail addresses,
     ended GFM-style: trailing ``?!.,:;*_~'"`` and an unbalanced ``)`` or ``]`` are
     not part of them, nor a suffix a language glues to an address (Korean and Japanese
     particles after an ASCII letter: ``https://example.org에서``; Turkish and Finnish
     endings after an apostrophe or a colon: ``https://example.org'dan``, ``:ssa``).
     An address may follow a word of a script written without spaces (``詳しくはhttps://``)
     but not a Latin letter or digit. ``e.g.`` or ``example.org`` alone are not URLs.
   - ``term``: the do-not-translate glossary terms given, matched as whole words by
     :func:`l10n.text.terms.term_pattern` (the glossary's own rule: ``_`` is punctuation,
     white space runs and the two apostrophes match each other, case is ignored
     unless the term is case-sensitive); a span holds the source's spelling.
   - ``number``: every free-standing number -- ``1970``, ``1,000.5``, a version
     ``1.5.2``, ``2021-03-04``, ranges ``2–3``, ``678-684`` and ``5 ± 2`` -- with its
     unit symbol if one follows (``0.5 mg/kg``, ``2–3 mg/kg/h``, ``10mg``, ``40%``,
     ``37 °C``). Unit *words* (``hours``, ``/day``) stay translatable. A number
     glued to a word is not one: ``B12``, ``COVID-19``, ``1970s``, ``2nd``, and
     neither are the digits of ``v2.0.1``.

3. Spans never overlap: of two overlapping candidates the earlier-starting wins, then
   the longer. Spans come sorted by start.
4. Citations, DOIs, URLs, link targets, code and HTML (:data:`EXACT_KINDS`) are
   compared byte for byte; :func:`blank_protected` blanks them out of a text (one
   space each) for the rules that read prose. Terms and numbers stay in the prose:
   the glossary and the number checks read them there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from l10n.text.inline_syntax import DOI_URL_RE, scan
from l10n.text.terms import term_pattern

__all__ = [
    "EXACT_KINDS",
    "KINDS",
    "Span",
    "Term",
    "TermLike",
    "blank_protected",
    "describe",
    "find_spans",
    "spans_multiset",
]

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


# --- Citations, identifiers and numbers (rule 2) -------------------------------------


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
_NUMERIC_CITATION_RE = re.compile(r"\[(?:\^[^\]\s]+|\d+(?:\s*[-\u2013]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-\u2013]\s*\d+)?)*)\]")


@cache
def _citation_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for one citation item: without a prefix, and with one (rule 2)."""
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
_URL_RE = re.compile(r"(?<![0-9A-Za-z\u00c0-\u024f])(?<![@.+-])(?:https?://[\w\[]|www\.[\w-])[^\s<>`]*", re.IGNORECASE)
_URL_HEAD_RE = re.compile(r"https?://[\w\[]|www\.[\w-]", re.IGNORECASE)
_EMAIL_RE = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f])(?<![.+-])[0-9A-Za-z\u00c0-\u024f][\w.+-]*@"
    r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+"
)
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


# A suffix a language glues to an address: Korean and Japanese particles (``에서``, ``を``) in
# another script right after an ASCII letter or digit, and Turkish and Finnish case endings
# after an apostrophe or a colon (``'dan``, ``:ssa``).
# Hangul, CJK punctuation, kana, full-width forms, Han
_GLUED_SCRIPTS = "\\u1100-\\u11ff\\u3000-\\u30ff\\uff00-\\uffef\\u3130-\\u318f\\u4e00-\\u9fff\\uac00-\\ud7af"
_GLUED_RE = re.compile(rf"(?<=[A-Za-z0-9])(?:[{_GLUED_SCRIPTS}]+|['\u2019:][^\W\d_]{{1,5}})\Z")


def _unglue(candidate: str) -> str:
    """*candidate* without a suffix glued to it that cannot be part of an address."""
    glued = _GLUED_RE.search(candidate)
    if glued is None:
        return candidate
    if glued.group()[:1] in ":'\u2019" and not glued.group()[1:].islower():
        return candidate  # ``Help:IPA``: a name after a colon is the path's; an ending is lower case
    return candidate[: glued.start()]


def _identifiers(text: str, start: int, end: int) -> Iterator[Span]:
    for match in _URL_RE.finditer(text, start, end):
        url = _trim(_unglue(_trim(match.group())))
        if _URL_HEAD_RE.match(url):
            kind = "doi" if DOI_URL_RE.match(url) else "url"
            yield Span(kind, match.start(), match.start() + len(url), url)
    for match in _EMAIL_RE.finditer(text, start, end):
        address = _unglue(match.group())
        yield Span("url", match.start(), match.start() + len(address), address)
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
    """The protected spans of a unit's *text*, sorted and non-overlapping (rules 1-3)."""
    atoms, free = scan(text)
    candidates = [Span(kind, start, end, text[start:end]) for kind, start, end in atoms]
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


EXACT_KINDS = frozenset({"citation", "doi", "url", "link-target", "code", "html"})
"""The kinds compared byte for byte (rule 4); terms and numbers are compared as prose."""


def blank_protected(text: str, spans: list[Span]) -> str:
    """*text* with the spans compared exactly elsewhere blanked out (rule 4)."""
    out, pos = [], 0
    for span in spans:
        if span.kind in EXACT_KINDS:
            out.append(text[pos : span.start])
            out.append(" ")
            pos = span.end
    out.append(text[pos:])
    return "".join(out)
