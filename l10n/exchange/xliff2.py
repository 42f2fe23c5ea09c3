"""XLIFF 2.0 (OASIS Standard, 2014), what current CAT tools default to, alongside 1.2.

The same model as :mod:`l10n.exchange.xliff` (its ``File`` and ``Unit``, states in the 1.2
vocabulary) is written and read in the 2.0 shape:

1. One ``<file id="fN" original="...">`` per article; the languages are the root's
   ``srcLang`` and ``trgLang`` (a 2.0 document holds one language pair). One ``<unit>``
   per catalog entry, its ``id`` the same digest as in 1.2, ``xml:space="preserve"``
   and ``canResegment="no"`` (a unit is one Markdown block: a tool that splits it into
   sentences still sends it back whole, and the segments are joined on reading).
2. A protected span is ``<ph id="N" dataRef="dN" disp="..."/>``, its original text the
   ``<data id="dN">`` of the unit's ``<originalData>``: the 2.0 way of a native code.
3. States: untranslated is ``initial`` without a target; a draft (machine, reuse,
   memory, outdated, failing) is ``initial`` with its target and a ``subState``
   ``l10n:<1.2 qualifier>``; an agency's draft is ``translated``; a reviewed entry is
   ``final``. Reading maps back: ``initial`` to ``needs-translation`` or
   ``needs-review-translation``, ``translated`` to ``translated``, ``reviewed`` to
   ``signed-off``, ``final`` to ``final``; a unit of several segments takes the least
   advanced state of its segments.
4. Locations are ``<note category="location">path:line</note>``, hints
   ``<note category="l10n">``.
5. Reading accepts ``<mrk>`` (its text kept), ``<sm/>`` and ``<em/>`` (ignored), ``<cp
   hex>`` (the character), ``<ignorable>`` between segments (its text in source and
   target); ``<pc>``, ``<sc/>``, ``<ec/>`` or an unknown element in a target is a
   problem of that unit. Nothing external is loaded (:func:`l10n.exchange.xliff.parse_xml`).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from l10n.core.errors import ExchangeError
from l10n.exchange.segments import Code, Piece, Ref
from l10n.exchange.xliff import File, Unit, append_text, indented, line_of, local, parse_xml, text_of

__all__ = ["NS", "dumps", "is_version_2", "loads", "read"]

NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ORDER = ("initial", "translated", "reviewed", "final")
_FROM_2 = {"translated": "translated", "reviewed": "signed-off", "final": "final"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _child(parent: etree._Element, name: str, depth: int, attributes: dict[str, str] | None = None) -> etree._Element:
    """A new child of *parent*, indented at *depth*, as :mod:`l10n.exchange.xliff` indents."""
    return indented(parent, _q(name), depth, attributes)


def _fill(element: etree._Element, pieces: Sequence[Piece | Ref]) -> None:
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            append_text(element, last, piece)
            continue
        ident = str(piece.id)
        text = piece.text if isinstance(piece, Code) else piece.content or ""
        last = etree.SubElement(element, _q("ph"), {"id": ident, "dataRef": f"d{ident}", "disp": text})


def _state(unit: Unit) -> tuple[str, str | None]:
    if unit.state == "signed-off" or unit.approved:
        return "final", None
    if unit.state == "translated":
        return "translated", None
    if unit.target is None or unit.state == "needs-translation":
        return "initial", None
    return "initial", f"l10n:{unit.qualifier or 'needs-review'}"


def _unit(parent: etree._Element, unit: Unit) -> None:
    element = _child(parent, "unit", 2, {"id": unit.id, "canResegment": "no"})
    element.set(_XML_SPACE, "preserve")
    notes = [("location", f"{path}:{line}" if line else path) for path, line in unit.locations]
    notes += [("l10n", note) for note in unit.notes]
    if notes:
        holder = _child(element, "notes", 3)
        for category, text in notes:
            _child(holder, "note", 4, {"category": category}).text = text
    codes = {p.id: p.text for p in unit.source if isinstance(p, Code)}
    if codes:
        data = _child(element, "originalData", 3)
        for ident, text in codes.items():
            _child(data, "data", 4, {"id": f"d{ident}"}).text = text
    state, sub = _state(unit)
    segment = _child(element, "segment", 3, {"state": state})
    if sub:
        segment.set("subState", sub)
    _fill(_child(segment, "source", 4), unit.source)
    if unit.target is not None and (unit.target or state != "initial"):
        _fill(_child(segment, "target", 4), unit.target)


def dumps(files: Sequence[File]) -> bytes:
    """The XLIFF 2.0 document holding *files* (one language pair), UTF-8 with an XML declaration."""
    pairs = {(f.source_language, f.target_language) for f in files}
    if len(pairs) > 1:
        raise ValueError(f"an XLIFF 2.0 document holds one language pair, not {sorted(pairs)}")
    source, target = next(iter(pairs), ("", ""))
    root = etree.fromstring(f'<xliff xmlns="{NS}" version="2.0"/>')
    root.set("srcLang", source)
    root.set("trgLang", target)
    for number, item in enumerate(files, 1):
        element = _child(root, "file", 1, {"id": f"f{number}", "original": item.original})
        for unit in item.units:
            _unit(element, unit)
    root.tail = None
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1) + b"\n"


# -- reading ---------------------------------------------------------------------------


def is_version_2(root: etree._Element) -> bool:
    """Whether the XLIFF document *root* is of version 2 (by its version, else its namespace)."""
    version = root.get("version", "")
    return version.startswith("2.") if version else etree.QName(root).namespace == NS


def _inline(element: etree._Element, data: dict[str, str], out: list[Piece | Ref], problems: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        name = local(child)
        if name == "ph":
            ref = child.get("dataRef")
            out.append(Ref(child.get("id", ""), data.get(ref) if ref else None, line_of(child)))
        elif name == "mrk":
            _inline(child, data, out, problems)
        elif name == "cp":
            try:
                out.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                problems.append(f"<cp hex={child.get('hex')!r}> at line {line_of(child)} is no character")
        elif child.tag is etree.Entity:
            problems.append(f"entity reference {child.text} at line {line_of(child)}: entities are never expanded")
        elif name and name not in ("sm", "em"):
            problems.append(f"unexpected <{name}> at line {line_of(child)}: only <ph/> placeholders come back")
        if child.tail:
            out.append(child.tail)


def _read_unit(element: etree._Element) -> Unit:
    data = {d.get("id", ""): text_of(d) for holder in element if local(holder) == "originalData" for d in holder}
    notes: list[str] = []
    locations: list[tuple[str, str]] = []
    for holder in element:
        for note in holder if local(holder) == "notes" else ():
            if local(note) != "note":
                continue  # a comment
            text = text_of(note)
            if note.get("category") == "location":
                path, _, line = text.rpartition(":")
                locations.append((path, line) if path and line.isdigit() else (text, ""))
            else:
                notes.append(text)
    source: list[Piece | Ref] = []
    target: list[Piece | Ref] = []
    problems: list[str] = []
    states: list[str] = []
    has_target = False
    for part in element:
        name = local(part)
        if name not in ("segment", "ignorable"):
            continue
        found = {local(c): c for c in part}
        if "source" in found:
            _inline(found["source"], data, source, problems)
        if "target" in found:
            has_target = True
            _inline(found["target"], data, target, problems)
        elif name == "ignorable" and "source" in found:
            _inline(found["source"], data, target, problems)
        if name == "segment":
            states.append(part.get("state", "initial"))
    least = min(states, key=lambda s: _ORDER.index(s) if s in _ORDER else 0) if states else "initial"
    state = _FROM_2.get(least) or ("needs-review-translation" if has_target else "needs-translation")
    return Unit(
        element.get("id", ""),
        tuple(source),
        tuple(target) if has_target else None,
        state,
        None,
        least == "final",
        tuple(locations),
        tuple(notes),
        line_of(element),
        tuple(problems),
    )


def read(root: etree._Element, display: str) -> list[File]:
    """The files of the XLIFF 2.x document whose root element is *root*."""
    source, target = root.get("srcLang", ""), root.get("trgLang", "")
    if not source:
        raise ExchangeError("<xliff> has no srcLang", display, line_of(root) or None)
    if not target:
        raise ExchangeError(
            "<xliff> has no trgLang: the file names no language to translate into", display, line_of(root) or None
        )
    files = []
    for element in root:
        if local(element) != "file":
            continue
        if not element.get("original"):
            raise ExchangeError("<file> has no original", display, line_of(element) or None)
        units = tuple(_read_unit(u) for u in element.iter() if local(u) == "unit")
        files.append(File(element.get("original", ""), source, target, units, line_of(element)))
    return files


def loads(data: bytes, display: str) -> list[File]:
    """The files of the XLIFF 2.x document *data* (named *display* in errors)."""
    return read(parse_xml(data, display), display)
