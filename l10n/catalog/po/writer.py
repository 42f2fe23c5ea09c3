"""Write gettext PO/POT files byte-identical to GNU gettext 0.21's ``msgcat``.

:func:`dumps` prints a :class:`polib.POFile` as ``msgcat`` (write-po.c, page width 79) does, so that
``msgcat file.po | cmp - file.po`` holds. The rules, all taken from msgcat:

* Order: header, live entries, obsolete entries (``#~ `` and ``#~| `` prefixes; dropped when their first
  msgstr is empty), one blank line between. In an entry: ``# `` translator and ``#. `` extracted comments
  (a line each, never wrapped; bare ``#``/``#.`` for an empty line), ``#:`` references, ``#,`` flags,
  ``#| `` previous msgctxt/msgid/msgid_plural (only with a previous msgid, as the grammar wants), msgctxt,
  msgid, msgid_plural, msgstr or ``msgstr[N]``.
* References ``file:line`` or ``file``: leading ``./`` removed, duplicates dropped, packed after ``#:``
  while the line stays within 79 bytes.
* Flags, split on spaces and commas: ``fuzzy`` if the first msgstr is not empty, ``[no-]LANG-format`` in
  gettext's language order (``possible-`` shown plain; ``impossible-``, ``wrap`` and unknown flags
  dropped), ``range: N..M``, ``no-wrap`` (which also turns wrapping off).
* Strings: ``\\ " \\a \\b \\f \\n \\r \\t \\v`` escaped, other control characters raw. A line ends after
  each ``\\n``; a string with an inner ``\\n`` or too long for its line starts with ``KEYWORD ""``. Long
  lines are cut where libunistring cuts them (:mod:`l10n.catalog.po.linebreak`), never inside a directive of a
  python-format entry (parsed as format-python.c does: it stops at the first invalid directive or when
  named and unnamed arguments mix).

Known differences: those of :mod:`l10n.catalog.po.linebreak`; format directives of other languages are not
protected (in a c-format ``"xxx... 5% done"`` msgcat keeps the directive ``% d`` whole, this module may
cut after ``5% ``); charsets are taken as UTF-8 or non-CJK. A comment line ending in ``\\`` is written as
msgcat writes it, unreadable by gettext.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from l10n.catalog.po.linebreak import fits, linebreaks

if TYPE_CHECKING:
    import polib

__all__ = ["dumps"]

PAGE_WIDTH = 79

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESC = {ord(c): "\\" + e for c, e in _ESCAPES.items()} | {ord("\\"): "\\\\", ord('"'): '\\"'}
_ESCAPABLE = re.compile("[" + re.escape('\\"\a\b\f\n\r\t\v') + "]")


_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
_PY_NAME = re.compile(r"\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")  # nests 3 deep
_PY_SPEC = re.compile(r"[-+ #0]*(?P<w>\*|\d+)?(?:\.(?P<p>\*|\d*))?[hlL]?[diouxXeEfgGcrs%]")


def _directive_interiors(value: str) -> set[int]:
    """Indices inside python-format directives (after their "%")."""
    inside: set[int] = set()
    named = unnamed = False
    pos = value.find("%")
    while pos >= 0:
        name = _PY_NAME.match(value, pos + 1)
        m = _PY_SPEC.match(value, name.end() if name else pos + 1)
        if m is None:
            break  # format-python.c stops at an invalid directive...
        star = "*" in (m["w"] or "") + (m["p"] or "")
        plain = name is None and m[0][-1] != "%"
        if (named and (star or plain)) or (name is not None and (unnamed or star)):
            break  # ... and when named and unnamed arguments get mixed
        named = named or name is not None
        unnamed = unnamed or star or plain
        inside.update(range(pos + 1, m.end()))
        pos = value.find("%", m.end())
    return inside


def _wrap(out: list[str], prefix: str, name: str, value: str, wrap: bool, python: bool) -> None:
    """Append the lines of ``NAME "VALUE"`` as write-po.c's wrap() prints them."""
    if "\n" not in value and not _ESCAPABLE.search(value) and (not wrap or fits(value, _ROOM - len(prefix) - len(name))):
        # One line with nothing to escape or cut, the common case: as _shape() has it, without the line breaker.
        out.append(f'{prefix}{name} "{value}"')
        return
    start = len(name) + 1
    body, esc, one_line = _shape(prefix, value, wrap, python, _STARTS if start in _STARTS else (start,))
    if start in one_line:
        out.append(f'{prefix}{name} "{esc}"')
    else:
        out.append(f'{prefix}{name} ""')
        out.extend(body)


_ROOM = PAGE_WIDTH - 3
"""Columns left on a line for a string after its prefix and keyword: the space and both quotes."""
_STARTS = tuple(len(name) + 1 for name in ("msgid", "msgstr", "msgctxt", "msgstr[0]", "msgid_plural"))
"""The columns where a string starts after its keyword: one shape serves them all (a msgid is written in
the template and every catalog, and is the msgstr of a unit left as it is)."""


_Shape = tuple[tuple[str, ...], str, frozenset[int]]


@lru_cache(maxsize=4096)
def _shape(prefix: str, value: str, wrap: bool, python: bool, starts: tuple[int, ...]) -> _Shape:
    """How ``"VALUE"`` is printed after a keyword that ends at one of *starts*, remembered.

    Its lines after a ``NAME ""`` line; its escaped text; and the starts after which it stays on the
    keyword's line instead (one line, none cut), which depends on the keyword's length and nothing else.
    """
    width = (PAGE_WIDTH if wrap else 2**31 - 1) - 2 - len(prefix)
    interiors = _directive_interiors(value) if python and "%" in value else set()
    portions = _PORTION.findall(value) or [""]
    if len(portions) > 1 and not interiors:  # every line starts at column 0: each portion on its own
        return tuple(line for raw in portions for line in _portion(prefix, raw, width)), "", frozenset()
    body: list[str] = []
    one_line: frozenset[int] = frozenset()
    offset = 0
    for k, raw in enumerate(portions):
        esc = raw.translate(_ESC) if _ESCAPABLE.search(raw) else raw
        forbid: set[int] = set()
        if interiors:  # directive positions, shifted by the escapes before
            shift = list(accumulate((ord(c) in _ESC for c in raw), initial=0))
            forbid = {i - offset + shift[i - offset] for i in interiors if 0 <= i - offset < len(raw)}
        offset += len(raw)
        # The first line follows 'NAME "'; if it would wrap, or more lines
        # follow, 'NAME ""' comes first and the text starts at column 0.
        *after, cuts = linebreaks(raw, esc, width, (*starts, 0) if k == 0 else (0,), forbid)
        if len(portions) == 1:
            one_line = frozenset(start for start, cut in zip(starts, after, strict=True) if not (esc and cut))
        bounds = [0, *cuts, len(esc)]
        body.extend(f'{prefix}"{esc[a:b]}"' for a, b in pairwise(bounds))
    return tuple(body), esc, one_line


@lru_cache(maxsize=4096)
def _portion(prefix: str, raw: str, width: int) -> tuple[str, ...]:
    """The lines of *raw*, a portion of a string (up to and with its newline) that starts a line and has no
    directive to keep whole, remembered: the header of every catalog repeats most of its lines."""
    esc = raw.translate(_ESC) if _ESCAPABLE.search(raw) else raw
    cuts = [] if fits(esc, width) else linebreaks(raw, esc, width, (0,), set())[0]
    return tuple(f'{prefix}"{esc[a:b]}"' for a, b in pairwise([0, *cuts, len(esc)]))


_FORMATS = (  # noqa: SIM905 - gettext's order, which is that of the #, line
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
).split()
_FLAG_TOKEN = re.compile(r"[^\n \t\r\f\v,]+")
_RANGE = re.compile(r"(\d+)\.\.(\d+)")


def _flags(flags: Iterable[str], translated: bool) -> tuple[str | None, bool, bool]:
    """(the ``#,`` line or None, whether to wrap, whether python-format applies)."""
    fuzzy, wrap, span = False, True, ""
    formats: dict[str, str] = {}
    tokens = iter(_FLAG_TOKEN.findall(",".join(flags)))
    for tok in tokens:
        if tok == "fuzzy":
            fuzzy = True
        elif tok == "range:":
            m = _RANGE.match(next(tokens, ""))
            if m and int(m[1]) <= int(m[2]):
                span = "range: {}..{}".format(*(min(int(x), 2**31 - 1) for x in m.groups()))
        elif tok in ("wrap", "no-wrap"):
            wrap = tok == "wrap"
        elif tok.endswith("-format"):
            mode, _, lang = tok[:-7].partition("-")
            if mode not in ("no", "possible", "impossible"):
                mode, lang = "yes", tok[:-7]
            if lang in _FORMATS:
                formats[lang] = mode
    parts = ["fuzzy"] if fuzzy and translated else []
    first = None
    if formats:  # most entries have none: spare the walk over every language
        parts += [
            ("no-" if formats[f] == "no" else "") + f + "-format"
            for f in _FORMATS
            if formats.get(f, "impossible") != "impossible"
        ]
        first = next((f for f in _FORMATS if formats.get(f) in ("yes", "possible")), None)
    parts += [span] if span else []
    parts += [] if wrap else ["no-wrap"]
    return ("#, " + ", ".join(parts) if parts else None), wrap, first == "python"


def _references(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    seen: set[tuple[str, str]] = set()
    lines, column = ["#:"], 2
    for path, line in occurrences:
        line = str(int(line)) if str(line).isdigit() else ""
        while path.startswith("./"):
            path = path[2:]
        if not path or (path, line) in seen:  # msgcat would drop them on reading
            continue
        seen.add((path, line))
        ref = f"{path}:{line}" if line else path
        size = len(ref.encode()) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            lines.append("#:")
            column = 2
        lines[-1] += " " + ref
        column += size
    return lines if column > 2 else []


def _comments(out: list[str], mark: str, text: str | None) -> None:
    out += [f"{mark} {line}" if line else mark for line in text.split("\n")] if text else []


def _entry(entry: polib.POEntry | None, po: polib.POFile) -> str | None:
    """The text of *entry*, of the header if None, or None if msgcat drops it."""
    out: list[str] = []
    previous: list[tuple[str, str | None]] = []
    if entry is None:
        _comments(out, "#", po.header)
        fuzzy = po.metadata_is_fuzzy
        flags = fuzzy if isinstance(fuzzy, list) else ["fuzzy"] if fuzzy else []
        msgstrs = ["".join(f"{k}: {v}\n" for k, v in po.metadata.items())]
        plural, obsolete, ctxt, msgid = None, False, None, ""
    else:
        _comments(out, "#", entry.tcomment)
        _comments(out, "#.", entry.comment)
        out += _references(entry.occurrences)
        flags, plural, obsolete = entry.flags, entry.msgid_plural, bool(entry.obsolete)
        ctxt, msgid = entry.msgctxt, entry.msgid
        forms = entry.msgstr_plural or {0: "", 1: ""}
        msgstrs = [forms[k] for k in sorted(forms, key=int)] if plural else [entry.msgstr or ""]
        if entry.previous_msgid is not None:
            previous = [
                ("msgctxt", entry.previous_msgctxt),
                ("msgid", entry.previous_msgid),
                ("msgid_plural", entry.previous_msgid_plural),
            ]
    if obsolete and not msgstrs[0]:
        return None
    line, wrap, python = _flags(flags, bool(msgstrs[0]))
    out += [line] if line else []
    for name, value in previous:
        if value is not None:
            _wrap(out, "#~| " if obsolete else "#| ", name, value, wrap, python)
    prefix = "#~ " if obsolete else ""
    if ctxt is not None:
        _wrap(out, prefix, "msgctxt", ctxt, wrap, python)
    _wrap(out, prefix, "msgid", msgid, wrap, python)
    if plural:
        _wrap(out, prefix, "msgid_plural", plural, wrap, python)
    for i, text in enumerate(msgstrs):
        _wrap(out, prefix, f"msgstr[{i}]" if plural else "msgstr", text, wrap, python)
    return "\n".join(out) + "\n"


def dumps(po: polib.POFile) -> str:
    """Return the PO text of *po* in gettext's canonical form (msgcat's default wrapping, width 79)."""
    blocks = [_entry(None, po)] if po.metadata or po.header or po.metadata_is_fuzzy else []
    blocks += [_entry(e, po) for e in po if not e.obsolete]
    blocks += [_entry(e, po) for e in po if e.obsolete]
    return "\n".join(b for b in blocks if b is not None)
