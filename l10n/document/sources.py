"""A source article's bytes: read through the guarded reader, refused when binary, decoded.

Rules:

1. A source is read through :func:`l10n.core.files.read_file` (a FIFO, a folder or a
   dangling symlink is a one-line error naming it, never a hang).
2. It must be UTF-8 text. A file renamed ``.md`` by mistake is refused with what it is
   (a known signature: PNG, JPEG, GIF, PDF, ZIP, UTF-16); so is one holding a NUL byte,
   which no Markdown editor writes (CommonMark would show it as U+FFFD). Bytes that are
   not UTF-8 are an error at their line.
3. A byte-order mark is taken off the text and remembered, so that a post keeps it.
"""

from __future__ import annotations

from pathlib import Path

from l10n.core.errors import SourceError, undecodable
from l10n.core.files import read_file

_NOT_TEXT = {  # signatures of files renamed .md by mistake
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx?)",
    b"\xff\xfe": "UTF-16 text (save it as UTF-8)",
    b"\xfe\xff": "UTF-16 text (save it as UTF-8)",
}


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Decode UTF-8 source bytes; return the text and whether it had a BOM.

    A binary file is refused: a known signature names what it is, and a NUL byte,
    which no Markdown editor writes (CommonMark would show it as U+FFFD), marks one.
    """
    kind = next((what for magic, what in _NOT_TEXT.items() if data.startswith(magic)), None)
    if kind is not None:
        raise SourceError(f"not Markdown text but {kind}", path, 1)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise SourceError(f"not Markdown text: a NUL byte at offset {nul} (a binary file?)", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise undecodable(SourceError, data, exc, path) from None
    if text.startswith("\ufeff"):
        return text[1:], True
    return text, False


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of the source file *path*, named *display* in the error if it cannot be read."""
    return read_file(path, display, SourceError)
