"""Building a post: translations spliced into the spans of their units, under the structural guard.

Rules:

1. A translation equal to the source text leaves the source bytes as they are.
   Otherwise the unit's span is replaced and every other character of the source is
   copied unchanged; a newline in the translation continues the block on a new line
   with the block's container prefix (``> ``, list indentation).
2. Headings, table cells and front-matter values are single-line: newlines become
   spaces. A front-matter value is written as a JSON string (which is a YAML one), with
   what YAML forbids or reads as a line break escaped.
3. The fields ``l10n build`` sets (:data:`~l10n.document.model.BUILD_FIELDS`) replace the
   source's values in its front matter, or are added before its closing fence.
4. The internal markers (``<!-- l10n:note -->``...) are taken out of every post, as
   :mod:`l10n.document.markers` says.
5. The structural guard parses the result: if its front matter no longer parses or its
   block structure (kinds, nesting and order) differs from the source's (less the
   markers taken out), the units that cause it fall back to the source text and are
   reported. A replacement that cannot change the structure (:func:`inert`) needs no
   parse.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from l10n.core.errors import SourceError
from l10n.document import frontmatter
from l10n.document.model import Document, Unit
from l10n.document.walker import structure

_YAML_UNSAFE_RE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters that JSON leaves raw and YAML rejects (DEL, C1 controls, non-characters) or reads as line breaks."""


@dataclass(frozen=True, slots=True)
class Fallback:
    """A translation the build could not use, and why."""

    unit: Unit
    reason: str


def format_translation(unit: Unit, translation: str) -> str:
    """The characters that replace *unit*'s span for *translation*."""
    translation = translation.replace("\r\n", "\n").replace("\r", "\n")
    if unit.key is not None:  # a JSON string is a YAML one, once what YAML forbids or reads as a line break is escaped
        return _YAML_UNSAFE_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(translation, ensure_ascii=False))
    if unit.prefix is None:
        return re.sub(r"[ \t]*\n[ \t]*", " ", translation)
    first, *rest = translation.split("\n")
    return first + "".join(unit.eol + unit.prefix + line for line in rest)


def render(
    doc: Document, translations: Mapping[str, str], lang: str | None = None, fields: tuple[tuple[str, str], ...] = ()
) -> tuple[str, list[Fallback]]:
    """Build the translated text of *doc*.

    *translations* maps unit texts to their translations (only publishable ones).
    *lang* and *fields* (keys of :data:`BUILD_FIELDS`, values as YAML) are set in the
    front matter, replacing the source's values. A document without front matter gets
    one only when *fields* are given (previews must carry their marks); *lang* alone
    leaves it as it is.
    Returns the new text (with a BOM if the source had one) and the fallbacks.
    """
    meta = ((("lang", lang),) if lang is not None else ()) + fields
    fallbacks: list[Fallback] = []
    chosen: list[tuple[Unit, str]] = []
    for unit in doc.units:
        translation = translations.get(unit.text)
        if translation is None or translation == unit.text:
            continue
        chosen.append((unit, format_translation(unit, translation)))

    text = _splice(doc, chosen, meta)
    if chosen and not all(inert(u, r) for u, r in chosen) and not _same_structure(doc, text):
        kept = []
        for unit, replacement in chosen:
            if _same_structure(doc, _splice(doc, [(unit, replacement)], ())):
                kept.append((unit, replacement))
            else:
                fallbacks.append(Fallback(unit, "translation changes the document's block structure"))
        text = _splice(doc, kept, meta)
        if kept and not _same_structure(doc, text):
            fallbacks.extend(Fallback(u, "translations together change the document's block structure") for u, _ in kept)
            text = _splice(doc, [], meta)
    fallbacks.sort(key=lambda f: f.unit.start)
    if fields and doc.meta_at is None:
        eol = "\r\n" if "\r\n" in doc.text else "\n"
        text = "".join(f"{line}{eol}" for line in ("---", *(f"{key}: {value}" for key, value in meta), "---")) + text
    return ("\ufeff" if doc.bom else "") + text, fallbacks


_INERT_START_RE = re.compile(r"""[^\W\d_]|[¿¡«»"'(“”‘’„]|\*\*?[^\s*]|_[^\s_]|\d+(?![\d.)])""")


def inert(unit: Unit, replacement: str) -> bool:
    """True when *replacement* cannot change the block structure, so no parse is needed.

    A single line that starts with a letter (or with punctuation that begins no block)
    cannot open a block, end one or join another at the unit's place; ATX heading
    text cannot either. Everything else goes through the full structural guard.
    """
    if "\n" in replacement:
        return False
    if unit.key is not None:
        return not any(ch in replacement for ch in "\x85\u2028\u2029\ufeff")
    if unit.kind == "table cell" and "|" in replacement.replace("\\|", ""):
        return False
    if unit.prefix is None and unit.kind in ("heading", "image alt text"):
        return True  # an ATX heading's text or an alt text: not at the start of a line
    return _INERT_START_RE.match(replacement) is not None


def _splice(doc: Document, chosen: list[tuple[Unit, str]], meta: tuple[tuple[str, str], ...]) -> str:
    def spaced(start: int, value: str) -> str:  # a value that was on the next lines: "key:" needs a space
        return " " + value if doc.text[start - 1 : start] == ":" else value

    edits = [*doc.markers, *((u.start, u.end, spaced(u.start, r) if u.key is not None else r) for u, r in chosen)]
    if meta and doc.meta_at is not None:
        existing = {key: (start, end) for key, start, end in doc.meta_spans}
        at, before, between, after = doc.meta_at
        added = []
        for key, value in meta:
            if key in existing:
                edits.append((*existing[key], spaced(existing[key][0], value)))
            else:
                added.append(f"{key}: {value}")
        if added:
            edits.append((at, at, before + between.join(added) + after))
    edits.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for start, end, replacement in edits:
        out.append(doc.text[pos:start])
        out.append(replacement)
        pos = end
    out.append(doc.text[pos:])
    return "".join(out)


def _same_structure(doc: Document, text: str) -> bool:
    """The structural guard: front matter that still parses and the same block structure."""
    start = 0
    if doc.body_line:
        lines = frontmatter.split_lines(text)
        try:
            found = frontmatter.find(text, lines, doc.path)
        except SourceError:
            return False
        if found is None:
            return False
        start = lines[found.close][2]
    return structure(text[start:]) == doc.post_signature
