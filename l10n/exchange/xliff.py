"""XLIFF 1.2: the exchange file of translation agencies and CAT tools (Trados, memoQ, Phrase, Okapi).

Rules:

1. One ``<file>`` per article, ``original`` its source path, ``datatype="plaintext"``;
   one ``<trans-unit>`` per catalog entry, its ``id`` a digest of the source text (so
   the unit is found again however the catalog's lines moved), with
   ``xml:space="preserve"``: a unit's line breaks are part of its Markdown.
2. Protected spans are ``<ph id="N" ctype="x-KIND">original</ph>`` (the content is the
   native code, as XLIFF 1.2 defines ``<ph>``): every CAT tool shows it as a locked tag.
3. ``<target state="...">`` (and ``state-qualifier``) says where a translation stands;
   ``approved="yes"`` marks the units already signed off; the unit's places in the
   source are a ``<context-group purpose="location">``, and hints are ``<note>``s.
4. Reading accepts XLIFF 1.0 to 1.2 (the namespace of each: Translate Toolkit's
   ``po2xliff`` writes 1.1) and what CAT tools write back: ``<trans-unit>`` inside ``<group>``s,
   segmentation ``<mrk>`` elements (their text is kept), ``<x id="N"/>`` for a
   placeholder, comments; another inline element in a target (``<g>``, ``<bpt>``...) is
   a problem of that unit, reported with its line. Nothing external is ever loaded
   (no DTD, no entities, no network).

This module only reads and writes the format; :mod:`l10n.workflow.agency` decides
what goes out and what comes back in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from l10n import __version__
from l10n.core.errors import ExchangeError
from l10n.exchange.segments import Code, Piece, Ref

__all__ = ["NS", "File", "Unit", "dumps", "line_of", "loads", "local", "parse_xml", "read", "text_of"]

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True, slots=True)
class Unit:
    """One ``<trans-unit>``."""

    id: str
    source: tuple[Piece | Ref, ...]
    """Written from pieces; read back as text and :class:`~l10n.exchange.segments.Ref`."""
    target: tuple[Piece | Ref, ...] | None = None
    """None: no ``<target>``."""
    state: str | None = None
    qualifier: str | None = None
    approved: bool = False
    locations: tuple[tuple[str, str], ...] = ()
    """(source file, line) of each place the text occurs."""
    notes: tuple[str, ...] = ()
    line: int = 0
    """Line of the ``<trans-unit>`` in the file it was read from."""
    problems: tuple[str, ...] = ()
    """What is wrong with its inline content, as read (rule 4)."""
    restype: str | None = None
    """``restype`` as read: ``x-gettext-domain-header`` marks the PO header a converter wrote as a unit."""


@dataclass(frozen=True, slots=True)
class File:
    """One ``<file>``: the units of one source document in one language pair."""

    original: str
    source_language: str
    target_language: str
    units: tuple[Unit, ...]
    line: int = 0


# -- writing ---------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _fill(element: etree._Element, pieces: Sequence[Piece | Ref]) -> None:
    """Write *pieces* as *element*'s mixed content, codes as ``<ph>`` (rule 2)."""
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            append_text(element, last, piece)
            continue
        last = etree.SubElement(element, _q("ph"))
        if isinstance(piece, Code):
            last.set("id", str(piece.id))
            last.set("ctype", f"x-{piece.kind}")
            last.text = piece.text
        else:
            last.set("id", piece.id)
            last.text = piece.content


def append_text(element: etree._Element, last: etree._Element | None, text: str) -> None:
    """*text* added to *element*'s mixed content: after its last child *last*, or as its text (XLIFF 1.2 and 2.0)."""
    if last is None:
        element.text = (element.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _child(parent: etree._Element, name: str, depth: int, attributes: dict[str, str] | None = None) -> etree._Element:
    return indented(parent, _q(name), depth, attributes)


def indented(parent: etree._Element, tag: str, depth: int, attributes: dict[str, str] | None = None) -> etree._Element:
    """A new child *tag* of *parent*, indented at *depth*: only elements without text are indented (XLIFF 1.2 and 2.0)."""
    indent = "\n" + "  " * depth
    if len(parent):
        parent[-1].tail = indent
    else:
        parent.text = indent
    child = etree.SubElement(parent, tag, attributes or {})
    child.tail = "\n" + "  " * (depth - 1)
    return child


def _unit(body: etree._Element, unit: Unit) -> None:
    element = _child(body, "trans-unit", 3, {"id": unit.id})
    element.set(_XML_SPACE, "preserve")  # white space between its children is element content, not text
    if unit.approved:
        element.set("approved", "yes")
    _fill(_child(element, "source", 4), unit.source)
    if unit.target is not None:
        target = _child(element, "target", 4)
        if unit.state:
            target.set("state", unit.state)
        if unit.qualifier:
            target.set("state-qualifier", unit.qualifier)
        _fill(target, unit.target)
    for path, line in unit.locations:
        group = _child(element, "context-group", 4, {"purpose": "location"})
        _child(group, "context", 5, {"context-type": "sourcefile"}).text = path
        if line:
            _child(group, "context", 5, {"context-type": "linenumber"}).text = line
    for note in unit.notes:
        _child(element, "note", 4, {"from": "l10n"}).text = note


def dumps(files: Sequence[File]) -> bytes:
    """The XLIFF 1.2 document holding *files*, UTF-8 with an XML declaration."""
    root = etree.fromstring(f'<xliff xmlns="{NS}" version="1.2"/>')
    for item in files:
        attributes = {
            "original": item.original,
            "source-language": item.source_language,
            "target-language": item.target_language,
            "datatype": "plaintext",
            "tool-id": "l10n",
        }
        element = _child(root, "file", 1, attributes)
        header = _child(element, "header", 2)
        _child(header, "tool", 3, {"tool-id": "l10n", "tool-name": "l10n", "tool-version": __version__})
        body = _child(element, "body", 2)
        for unit in item.units:
            _unit(body, unit)
    root.tail = None
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1) + b"\n"


# -- reading ---------------------------------------------------------------------------


def parse_xml(data: bytes, display: str) -> etree._Element:
    """The root element of the XML document *data*, loading nothing external (rule 4)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise ExchangeError(f"not well-formed XML: {exc.msg}", display, line) from None


def local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for a comment)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def line_of(element: etree._Element) -> int:
    """The line *element* starts on in the file it was read from (0 when unknown)."""
    line = element.sourceline
    return line if isinstance(line, int) else 0


def text_of(element: etree._Element) -> str:
    """All the text inside *element*, that of its descendants included."""
    return "".join(text for text in element.itertext() if isinstance(text, str))


def _inline(element: etree._Element, out: list[Piece | Ref], problems: list[str]) -> None:
    """The mixed content of *element* as text and references (rule 4)."""
    if element.text:
        out.append(element.text)
    for child in element:
        name = local(child)
        if name in ("ph", "x"):
            content = text_of(child) if name == "ph" else None
            out.append(Ref(child.get("id", ""), content, line_of(child)))
        elif name == "mrk":
            _inline(child, out, problems)
        elif child.tag is etree.Entity:
            problems.append(f"entity reference {child.text} at line {line_of(child)}: entities are never expanded")
        elif name:
            problems.append(f"unexpected <{name}> at line {line_of(child)}: only <ph> and <x/> placeholders come back")
        if child.tail:
            out.append(child.tail)


def _read_unit(element: etree._Element) -> Unit:
    source: list[Piece | Ref] = []
    target: list[Piece | Ref] | None = None
    problems: list[str] = []
    state = qualifier = None
    notes: list[str] = []
    locations: list[tuple[str, str]] = []
    for child in element:
        name = local(child)
        if name == "source":
            _inline(child, source, problems)
        elif name == "target":
            target = []
            _inline(child, target, problems)
            state, qualifier = child.get("state"), child.get("state-qualifier")
        elif name == "note":
            notes.append(text_of(child))
        elif name == "context-group" and child.get("purpose") == "location":
            found = {c.get("context-type"): text_of(c) for c in child if local(c) == "context"}
            locations.append((found.get("sourcefile", ""), found.get("linenumber", "")))
    return Unit(
        element.get("id", ""),
        tuple(source),
        None if target is None else tuple(target),
        state,
        qualifier,
        element.get("approved") == "yes",
        tuple(locations),
        tuple(notes),
        line_of(element),
        tuple(problems),
        element.get("restype"),
    )


def _units(element: etree._Element) -> Iterator[etree._Element]:
    """The ``<trans-unit>``s of a ``<file>``, in document order, inside groups too, in any 1.x namespace."""
    for found in element.iter():
        if local(found) == "trans-unit":
            yield found


def loads(data: bytes, display: str) -> list[File]:
    """The files of the XLIFF 1.x document *data* (named *display* in errors)."""
    return read(parse_xml(data, display), display)


def read(root: etree._Element, display: str) -> list[File]:
    """The files of the XLIFF 1.x document whose root element is *root*."""
    if local(root) != "xliff":
        raise ExchangeError(f"not an XLIFF file: its root element is <{local(root)}>", display, line_of(root) or None)
    version = root.get("version", "")
    if not version.startswith("1."):
        raise ExchangeError(
            f"XLIFF {version or '(no version)'} is not supported; export XLIFF 1.2 or 2.0", display, line_of(root) or None
        )
    files = []
    for element in root:
        if local(element) != "file":
            continue
        for attribute in ("original", "source-language", "target-language"):
            if not element.get(attribute):
                raise ExchangeError(f"<file> has no {attribute}", display, line_of(element) or None)
        units = tuple(_read_unit(unit) for unit in _units(element))
        original, source, target = (element.get(name, "") for name in ("original", "source-language", "target-language"))
        files.append(File(original, source, target, units, line_of(element)))
    return files
