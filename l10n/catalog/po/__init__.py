"""gettext PO files: the reader and the writer side by side (as Babel's ``read_po``/``write_po``).

:mod:`l10n.catalog.po.reader` parses a file in one pass, every problem a ``path:line`` error, once
:mod:`l10n.catalog.po.charset` has decoded its bytes;
:mod:`l10n.catalog.po.writer` prints a catalog exactly as GNU gettext's ``msgcat`` does, with the
line breaking of :mod:`l10n.catalog.po.linebreak`. Both work on :class:`polib.POFile` objects,
which never leave the catalog layer (:mod:`l10n.catalog.entries`, :mod:`l10n.catalog.merge`).
"""

from __future__ import annotations

from l10n.catalog.po.charset import decode
from l10n.catalog.po.reader import entry_fields, flags_of, parse_po, read_po
from l10n.catalog.po.writer import dumps

__all__ = ["decode", "dumps", "entry_fields", "flags_of", "parse_po", "read_po"]
