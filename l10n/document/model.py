"""The document model: a parsed source article, its translatable units and its link references.

Rules:

1. A :class:`Unit` is one translatable text with the exact character span (``start``,
   ``end``) it occupies in :attr:`Document.text`; building (:mod:`l10n.document.splice`)
   splices translations into the same spans and copies every other character of the
   source unchanged.
2. The model is data only, frozen: :mod:`l10n.document.walker` makes it (what is a unit,
   how spans and references are found), and nothing changes it afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from l10n.document import frontmatter
from l10n.document.markers import Edit

Signature = tuple[tuple[str, str, int, bool], ...]
"""A block structure: (type, tag, level, hidden) of every block token."""

BUILD_FIELDS = ("lang", "machine_translated", "reviewed")
"""Front-matter fields that ``l10n build`` sets in localized posts (:attr:`Document.meta_spans`)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable text and where it sits in the source."""

    text: str
    """The text as the translator sees it (the msgid)."""
    kind: str
    """``heading``, ``paragraph``, ``list item``, ``blockquote``, ``table cell``,
    ``image alt text`` or ``front matter: <key>``."""
    line: int
    """1-based line of the unit's first line in the source file."""
    start: int
    """Offset of the span's first character in :attr:`Document.text`."""
    end: int
    """Offset just past the span."""
    eol: str = "\n"
    """The line ending to use for lines a translation adds."""
    prefix: str | None = None
    """Continuation prefix for added lines; ``None`` for single-line units."""
    notes: tuple[str, ...] = ()
    """Notes for translators from ``<!-- l10n:note -->``."""
    required: bool = False
    """Marked ``<!-- l10n:required -->``."""
    key: str | None = None
    """The front-matter key, for front-matter units."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A link reference definition of a document: ``[label]: href "title"`` (rule 7)."""

    href: str
    """The destination, normalized as markdown-it normalizes link destinations."""
    title: str
    """The title, or an empty string."""
    line: int
    """1-based line of the definition in the source file."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed source article."""

    path: str
    """The path used in messages and references."""
    text: str
    """The decoded source, without a byte-order mark."""
    bom: bool
    units: tuple[Unit, ...]
    body_start: int
    """Offset where the Markdown body begins (after any front matter)."""
    body_line: int
    """0-based line index of the body's first line."""
    meta_at: frontmatter.Insertion | None = None
    """Where and how front-matter fields that ``l10n build`` sets (``lang``) are added
    (:func:`l10n.document.frontmatter.flow_spans`); None without front matter."""
    meta_spans: tuple[tuple[str, int, int], ...] = ()
    """(key, start, end) of the values of those fields when the source already has them."""
    signature: Signature = field(default=(), repr=False)
    """The body's block structure, for the structural guard."""
    references: Mapping[str, Reference] = field(default_factory=dict, repr=False)
    """The link reference definitions, by label normalized as markdown-it does (``GITHUB ISSUE TRACKER``)."""
    markers: tuple[Edit, ...] = ()
    """The edits that take the internal markers out of a post (:mod:`l10n.document.markers`)."""
    post_signature: Signature = field(default=(), repr=False)
    """A post's block structure: the body's without the markers removed; the structural guard compares with it."""
