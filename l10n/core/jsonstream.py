"""JSON documents written piece by piece, byte-identical to ``json.dumps(..., ensure_ascii=False, indent=2)``.

A report of 10,000 articles in 5 locales held as one Python structure, then as one
string, took 433-471 MB; written as it is made, its memory does not grow with it.

Rules:

1. :func:`array` yields the pieces of a JSON array from an iterable, one item at a
   time; :class:`Spool` collects the pieces of an array whose place in the document
   comes later than the loop that makes its items (on disk past a few megabytes).
2. :func:`document` yields the pieces of an object whose values may be streams
   (:class:`Stream`): joined, the pieces are exactly ``json.dumps(value,
   ensure_ascii=False, indent=2)`` of the whole, so a streamed report and a built one
   are the same bytes (tested against ``json.dumps``).
3. JSON strings never hold a raw newline, so indenting a nested value is prefixing
   each of its lines.
4. A reader of stdout gets a whole document or none: ``check`` adds each finding to a
   :class:`Spool` and writes it once the last catalog is read, ``status`` spools its
   long arrays while it adds up the totals that come first; an input error found on
   the way (an unreadable catalog) ends the run before its first byte.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

INDENT = "  "
SPOOL = 4 << 20
"""Characters a :class:`Spool` keeps in memory before it moves to a temporary file."""


def _dumps(value: Any, level: int) -> str:
    """*value* as ``json.dumps`` writes it at nesting *level* (rule 3)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + INDENT * level)


def array(items: Iterable[Any], level: int = 0) -> Iterator[str]:
    """The pieces of the JSON array of *items* at nesting *level*."""
    pad = INDENT * (level + 1)
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + pad + _dumps(item, level + 1)
        first = False
    yield "[]" if first else "\n" + INDENT * level + "]"


@dataclass(frozen=True, slots=True)
class Stream:
    """A value of :func:`document` written from pieces already in JSON (an :func:`array`'s, a :class:`Spool`'s)."""

    pieces: Iterable[str]


def document(members: Iterable[tuple[str, Any]], level: int = 0) -> Iterator[str]:
    """The pieces of the JSON object of *members* (key, value or :class:`Stream`) at nesting *level*."""
    pad = INDENT * (level + 1)
    first = True
    for key, value in members:
        yield ("{\n" if first else ",\n") + pad + json.dumps(key, ensure_ascii=False) + ": "
        first = False
        if isinstance(value, Stream):
            yield from value.pieces
        else:
            yield _dumps(value, level + 1)
    yield "{}" if first else "\n" + INDENT * level + "}"


class Spool:
    """An array at nesting *level* whose items come one by one before it is written (rule 1)."""

    def __init__(self, level: int = 0) -> None:
        self.level = level
        self.count = 0
        # closed by pieces() once the array is written, or by close(): it outlives any with block here
        self._file: IO[str] = tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+", encoding="utf-8")  # noqa: SIM115

    def add(self, item: Any) -> None:
        self._file.write(("[\n" if not self.count else ",\n") + INDENT * (self.level + 1) + _dumps(item, self.level + 1))
        self.count += 1

    def pieces(self) -> Iterator[str]:
        """The array's pieces; the spool is closed after the last one."""
        try:
            if not self.count:
                yield "[]"
                return
            self._file.seek(0)
            while chunk := self._file.read(1 << 16):
                yield chunk
            yield "\n" + INDENT * self.level + "]"
        finally:
            self.close()

    def close(self) -> None:
        """Drop what the spool holds (its temporary file, if it has one)."""
        self._file.close()
