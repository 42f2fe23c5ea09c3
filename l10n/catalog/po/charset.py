"""The charset of a PO file: its bytes decoded as its header declares, every problem a ``path:line`` error.

Rules:

1. A file is decoded by the charset its header declares (UTF-8 when none). An empty
   file is refused, as is a declaration the bytes belie (UTF-8 text under another
   charset); a UTF-8 byte-order mark is dropped. What is read is UTF-8 from then on
   (:mod:`l10n.catalog.po.reader` rewrites the header's charset so).
2. A charset must be a known text encoding (``base64``, ``rot13``, ``punycode`` are
   refused), named at the line of the header that declares it.
"""

from __future__ import annotations

import codecs
import re

from l10n.core.errors import CatalogError

__all__ = ["decode"]

_CHARSET_RE = re.compile(rb"Content-Type:[^\n]*?charset=([\w.:-]+)")


def decode(data: bytes, display: str) -> str:
    """The text of the PO file *data*, decoded by the charset its header declares (UTF-8 when none).

    A file that is empty is refused (a crashed editor or a truncated copy: writing a
    fresh catalog over it would hide the loss), as is a declaration the bytes belie:
    non-ASCII text that is valid UTF-8 under a header declaring another charset would
    otherwise be read as mojibake. A UTF-8 byte-order mark, which some editors add, is
    dropped. Every writer writes UTF-8 (:func:`l10n.catalog.po.reader.parse_po` updates the header).
    """
    if not data.strip():
        msg = "empty file: restore it from version control, or delete it to start a new catalog"
        raise CatalogError(msg, display, 1)
    charset = _CHARSET_RE.search(data[:4000])
    encoding = charset[1].decode() if charset else "UTF-8"
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        where = _line(data, charset.start()) if charset else 1
        raise CatalogError(f"unknown charset {encoding!r} in the header", display, where) from None
    codec = info.name
    if not getattr(info, "_is_text_encoding", True) or codec in _NOT_CHARSETS:
        where = _line(data, charset.start()) if charset else 1
        raise CatalogError(f"charset {encoding!r} in the header is not a text encoding", display, where) from None
    if codec != "utf-8" and charset is not None and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = next(i for i, byte in enumerate(data) if byte > 0x7F)
            msg = (
                f"the header declares charset={encoding} but the text is UTF-8 (line {_line(data, first)}); declare charset=UTF-8"
            )
            raise CatalogError(msg, display, _line(data, charset.start()))
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        declared = "as its header declares" if charset else "and the header declares no other charset"
        msg = f"not valid {encoding} {declared} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise CatalogError(msg, display, _line(data, exc.start)) from None
    except UnicodeError as exc:  # a codec that is not one for text after all
        msg = f"cannot decode as {encoding}: {exc}"
        raise CatalogError(msg, display, _line(data, charset.start()) if charset else 1) from None
    return text[1:] if text.startswith("\ufeff") else text


_NOT_CHARSETS = frozenset({"punycode", "idna", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7", "rot-13"})
"""Codecs Python calls text encodings that no PO file is written in (``codecs.lookup`` names)."""


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
