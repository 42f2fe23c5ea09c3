"""TBX (ISO 30042), the TBX-Basic dialect: the glossary as agencies' terminology tools read it.

Rules:

1. Written as TBX-Basic in the ISO 30042:2008 form that Trados MultiTerm, memoQ,
   Phrase and Translate Toolkit read (``<martif type="TBX-Basic">``, ``termEntry``,
   ``langSet``, ``tig``). One ``termEntry`` per term, in glossary order, its ``id``
   ``term-N``; the term's ``note`` is the entry's ``<note>``.
2. Each term is a ``tig`` with an administrative status, the TBX-Basic picklist:
   the English term and a locale's required rendering are ``preferredTerm-admn-sts``,
   its variants ``admittedTerm-admn-sts``, its forbidden renderings
   ``deprecatedTerm-admn-sts``. A locale that keeps the term as is
   (``do_not_translate``) has the term itself as its preferred term, with the term
   ``<note>`` ``l10n: do not translate``. ``case_sensitive`` has no TBX-Basic category:
   it is the English term's ``<note>`` ``l10n: case-sensitive``.
3. Reading accepts that form and the TBX 2019 one (``conceptEntry``, ``langSec``,
   ``termSec``, with or without the ``urn:iso:std:iso:30042:ed-2`` namespace). Per
   language: the first preferred term (or, with no status, the first term) is the
   rendering; admitted terms are variants; deprecated and superseded terms are
   forbidden. A preferred rendering equal to the English term with the note ``l10n: do
   not translate`` is a locale that keeps it (without the note, a rendering). Notes
   and definitions of the entry and its languages become the term's note.
   Nothing external is loaded (no DTD, no entities, no network).

This module only reads and writes the format; :mod:`l10n.workflow.terminology` decides what
goes out and how what comes in joins ``glossary.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from l10n import __version__
from l10n.core.errors import ExchangeError
from l10n.exchange.xliff import line_of, local, parse_xml, text_of

__all__ = ["CASE_NOTE", "KEEP_NOTE", "Entry", "dumps", "loads"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "l10n: case-sensitive"
KEEP_NOTE = "l10n: do not translate"
_PREFERRED, _ADMITTED, _DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
_FORBIDDEN = {_DEPRECATED, "supersededTerm-admn-sts", "deprecated", "superseded"}
_ENTRY, _LANG, _TERM = {"termEntry", "conceptEntry"}, {"langSet", "langSec"}, {"tig", "ntig", "termSec"}


@dataclass(slots=True)
class Entry:
    """One concept: its English term and, per language tag, its rendering, variants and forbidden terms."""

    term: str
    renderings: dict[str, str] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    keeps: list[str] = field(default_factory=list)
    """Language tags whose preferred term is the English term itself."""
    case_sensitive: bool = False
    note: str = ""
    line: int = 0


def _child(parent: etree._Element, name: str, depth: int, text: str | None = None) -> etree._Element:
    indent = "\n" + "  " * depth
    if len(parent):
        parent[-1].tail = indent
    else:
        parent.text = indent
    child = etree.SubElement(parent, name)
    child.tail = "\n" + "  " * (depth - 1)
    if text is not None:
        child.text = text
    return child


def _tig(lang_set: etree._Element, term: str, status: str, note: str | None = None) -> None:
    tig = _child(lang_set, "tig", 5)
    _child(tig, "term", 6, term)
    _child(tig, "termNote", 6, status).set("type", "administrativeStatus")
    if note:
        _child(tig, "note", 6, note)


def dumps(entries: Sequence[Entry], source_language: str, title: str) -> bytes:
    """The TBX-Basic document of *entries* (language tags are BCP 47), UTF-8 with an XML declaration."""
    root = etree.Element("martif", {"type": "TBX-Basic"})
    root.set(_XML_LANG, source_language)
    header = _child(root, "martifHeader", 1)
    description = _child(header, "fileDesc", 2)
    _child(_child(description, "titleStmt", 3), "title", 4, title)
    _child(_child(description, "sourceDesc", 3), "p", 4, f"l10n {__version__}")
    _child(_child(header, "encodingDesc", 2), "p", 3, "TBXBasicXCSV02.xcs").set("type", "XCSURI")
    body = _child(_child(root, "text", 1), "body", 2)
    for number, entry in enumerate(entries, 1):
        element = _child(body, "termEntry", 3)
        element.set("id", f"term-{number}")
        if entry.note:
            _child(element, "note", 4, entry.note)
        source = _child(element, "langSet", 4)
        source.set(_XML_LANG, source_language)
        _tig(source, entry.term, _PREFERRED, CASE_NOTE if entry.case_sensitive else None)
        for tag in sorted({*entry.renderings, *entry.keeps, *entry.variants, *entry.forbidden}):
            lang_set = _child(element, "langSet", 4)
            lang_set.set(_XML_LANG, tag)
            if tag in entry.keeps:
                _tig(lang_set, entry.term, _PREFERRED, KEEP_NOTE)
            elif tag in entry.renderings:
                _tig(lang_set, entry.renderings[tag], _PREFERRED)
            for variant in entry.variants.get(tag, ()):
                _tig(lang_set, variant, _ADMITTED)
            for forbidden in entry.forbidden.get(tag, ()):
                _tig(lang_set, forbidden, _DEPRECATED)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1) + b"\n"


# -- reading ---------------------------------------------------------------------------


def _terms(lang_set: etree._Element) -> list[tuple[str, str, list[str], int]]:
    """(term, administrative status, notes, line) of each term of a language."""
    found = []
    for tig in lang_set:
        if local(tig) not in _TERM:
            continue
        term, status, notes = "", "", []
        for node in tig.iter():
            name = local(node)
            if name == "term" and not term:
                term = " ".join(text_of(node).split())
            elif name == "termNote" and node.get("type") == "administrativeStatus":
                status = text_of(node).strip()
            elif name == "note":
                notes.append(" ".join(text_of(node).split()))
        if term:
            found.append((term, status, notes, line_of(tig)))
    return found


def _notes(element: etree._Element) -> list[str]:
    return [
        " ".join(text_of(node).split())
        for node in element
        if local(node) == "note" or (local(node) == "descrip" and node.get("type") == "definition")
    ]


def _entry(element: etree._Element, source_language: str, display: str) -> Entry | None:
    langs = [node for node in element if local(node) in _LANG]
    wanted = source_language.replace("_", "-").split("-")[0].lower()
    source = [node for node in langs if _language(node).replace("_", "-").split("-")[0].lower() == wanted]
    if not source or not _terms(source[0]):
        return None  # a concept without an English term has nothing to match in a source text
    term, _, source_notes, _ = _terms(source[0])[0]
    entry = Entry(term, case_sensitive=CASE_NOTE in source_notes, line=line_of(element))
    notes = _notes(element) + [n for n in _notes(source[0]) + source_notes if n != CASE_NOTE]
    for lang_set in langs:
        tag = _language(lang_set)
        if lang_set is source[0]:
            continue
        if not tag:
            raise ExchangeError("<langSet> has no xml:lang", display, line_of(lang_set) or None)
        notes += _notes(lang_set)
        terms = _terms(lang_set)
        preferred = [(t, n) for t, status, n, _ in terms if status in ("", _PREFERRED, "preferred")]
        rendering = preferred[0][0] if preferred else None
        if rendering == term and KEEP_NOTE in preferred[0][1]:
            entry.keeps.append(tag)
        elif rendering:
            entry.renderings[tag] = rendering
        for text, status, _, _ in terms:
            if status in _FORBIDDEN:
                entry.forbidden.setdefault(tag, []).append(text)
            elif text != rendering and (rendering or status in (_ADMITTED, "admitted")):
                entry.variants.setdefault(tag, []).append(text)
    entry.note = " ".join(dict.fromkeys(n for n in notes if n))
    return entry


def _language(element: etree._Element) -> str:
    return (element.get(_XML_LANG) or "").strip()


def loads(data: bytes, display: str) -> tuple[str, list[Entry], int]:
    """The source language, the entries of the TBX document *data* (rule 3), and how many concepts have no source term."""
    root = parse_xml(data, display)
    if local(root) not in ("martif", "tbx"):
        raise ExchangeError(f"not a TBX file: its root element is <{local(root)}>", display, line_of(root) or None)
    source_language = _language(root)
    if not source_language:
        raise ExchangeError(f"<{local(root)}> has no xml:lang: the file names no source language", display, line_of(root) or None)
    entries = []
    skipped = 0
    for element in root.iter():
        if local(element) in _ENTRY:
            found = _entry(element, source_language, display)
            if found is None:
                skipped += 1
            else:
                entries.append(found)
    return source_language, entries, skipped
