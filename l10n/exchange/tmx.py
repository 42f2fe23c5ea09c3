"""TMX 1.4b: translation memories, the file every CAT tool imports and exports.

Rules:

1. A ``<header>`` with every attribute TMX 1.4b requires (``creationtool``,
   ``creationtoolversion``, ``segtype="paragraph"``, as a unit is a block,
   ``o-tmf``, ``adminlang``, ``srclang``, ``datatype="plaintext"``) and no date, so
   the same memory writes the same bytes.
2. One ``<tu>`` per source text, with one ``<tuv xml:lang="...">`` per language; a
   language with two translations of one text gets a second ``<tu>``. Protected spans
   are ``<ph x="N" type="x-KIND">original</ph>``, as in the XLIFF export, so a CAT tool
   matches the memory against that file's tags.
3. Reading takes each ``<tuv>``'s language from ``xml:lang`` (or TMX 1.1's ``lang``) and
   its text from everything inside ``<seg>``, native code included (``<ph>``, ``<bpt>``,
   ``<ept>``, ``<it>``, ``<hi>``, ``<ut>``, ``<sub>``): for a memory made from Markdown,
   the native code is the Markdown. Nothing external is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from l10n import __version__
from l10n.core.errors import ExchangeError
from l10n.exchange.segments import Code, Piece
from l10n.exchange.xliff import line_of, local, parse_xml, text_of

__all__ = ["Unit", "Variant", "dumps", "loads"]

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class Variant:
    """One ``<tuv>``: a text in one language."""

    lang: str
    """A BCP 47 tag, as the file writes it."""
    pieces: tuple[Piece, ...]
    """Written with codes; read back as one string."""
    changed: str | None = None
    """``changedate`` (``20250131T090500Z``), when known."""

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.pieces)


@dataclass(frozen=True, slots=True)
class Unit:
    """One ``<tu>``: the same text in several languages."""

    variants: tuple[Variant, ...]
    line: int = 0


def _seg(parent: etree._Element, pieces: Sequence[Piece]) -> None:
    seg = etree.SubElement(parent, "seg")
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, Code):
            last = etree.SubElement(seg, "ph", x=str(piece.id), type=f"x-{piece.kind}")
            last.text = piece.text
        elif last is None:
            seg.text = (seg.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def _indent(element: etree._Element, depth: int) -> None:
    """Indent *element*'s children (structure only: a ``<seg>``'s white space is its text)."""
    if len(element) == 0 or element.tag == "seg":
        return
    element.text = "\n" + "  " * (depth + 1)
    for child in element:
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * (depth + 1)
    element[-1].tail = "\n" + "  " * depth


def dumps(units: Sequence[Unit], srclang: str) -> bytes:
    """The TMX 1.4b document holding *units*, whose source language is *srclang* (rule 1)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "l10n",
            "creationtoolversion": __version__,
            "segtype": "paragraph",
            "o-tmf": "gettext PO",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        for variant in unit.variants:
            tuv = etree.SubElement(tu, "tuv", {_LANG: variant.lang})
            if variant.changed:
                tuv.set("changedate", variant.changed)
            _seg(tuv, variant.pieces)
    _indent(root, 0)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1) + b"\n"


def loads(data: bytes, display: str) -> tuple[str, list[Unit]]:
    """The source language (``srclang``) and the units of the TMX document *data* (rule 3)."""
    root = parse_xml(data, display)
    if local(root) != "tmx":
        raise ExchangeError(f"not a TMX file: its root element is <{local(root)}>", display, line_of(root) or None)
    header = next((e for e in root if local(e) == "header"), None)
    body = next((e for e in root if local(e) == "body"), None)
    if header is None or body is None:
        raise ExchangeError("a TMX file needs a <header> and a <body>", display, line_of(root) or None)
    units = []
    for tu in body.iter("tu"):
        variants = []
        for tuv in tu:
            if local(tuv) != "tuv":
                continue
            lang = tuv.get(_LANG) or tuv.get("lang")
            seg = next((e for e in tuv if local(e) == "seg"), None)
            if not lang or seg is None:
                raise ExchangeError("a <tuv> needs xml:lang and a <seg>", display, line_of(tuv) or None)
            variants.append(Variant(lang, (text_of(seg),), tuv.get("changedate")))
        units.append(Unit(tuple(variants), line_of(tu)))
    return header.get("srclang", ""), units
