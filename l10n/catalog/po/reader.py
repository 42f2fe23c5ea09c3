"""Reading gettext PO and POT files: one pass over the lines, every problem a ``path:line`` error.

Rules:

1. A file is decoded by :mod:`l10n.catalog.po.charset` (the charset its header declares).
   What is read is UTF-8 from then on: the header's charset is rewritten so, since every
   writer writes UTF-8.
2. The grammar is gettext's: comments (``#``, ``#.``, ``#:``, ``#,``), ``#|`` previous
   fields, ``#~`` obsolete entries (``#~|`` their previous fields), keywords with
   quoted strings and continuation lines. A line that breaks it, a duplicate field in
   an entry, an entry without msgid or msgstr, and a second entry with the same
   context, msgid and obsolescence are errors naming their line. So are, as msgfmt
   says, a ``#|`` field after the entry's msgctxt or msgid (previous fields come
   first), a continuation line whose ``#|`` or ``#~`` differs from its field's, and
   ``#~`` on some of an entry's fields only ("inconsistent use of #~").
3. Callers read bytes once and parse them: :func:`~l10n.catalog.po.charset.decode` then
   :func:`parse_po` (a :class:`polib.POFile` to edit or merge) or :func:`entry_fields` (the
   entries as plain dicts, for readers that only look).
4. An escape gettext does not know (``\\q``, ``\\xZZ``) or one that stands for a byte
   above 0x7F rather than a character (``\\xff``) is an error: ``msgfmt`` refuses the
   first and reads the second as a raw byte.
5. ``strict`` (l10n's own catalogs of Markdown units) also refuses, each naming its
   line, what ``msgfmt --check`` rejects and what a Markdown catalog cannot hold, so
   that nothing is silently dropped or written back broken: a missing header, an
   invalid ``Plural-Forms`` expression, a NUL or an EOT (gettext's context separator)
   in a string, ``msgstr[N]`` without ``msgid_plural``, any plural entry, format flags
   (``c-format``...), msgid and msgstr that do not both begin and end with a newline,
   and an obsolete entry that repeats a live one. Its header is given
   ``Content-Type: text/plain; charset=UTF-8`` (missing, ``charset=utf8`` or empty),
   since what is written is UTF-8.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import polib

from l10n.catalog.po.charset import decode
from l10n.core.errors import CatalogError

__all__ = ["entry_fields", "flags_of", "parse_po", "read_po"]

_UTF8_RE = re.compile(r"charset=(?![Uu][Tt][Ff]-?8\b)[\w.:-]+")
"""A charset declaration other than UTF-8 (whose spelling is kept)."""
_STRING = r'"((?:[^"\\]|\\.)*)"'
_PO_LINE_RE = re.compile(
    rf"""[ \t]*(?:
      (?P<obsolete>\#~(?:[ \t]*\|)?[ \t]?)?(?P<prev>\#\|[ \t]?)?
      (?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<index>\d+)\])?)[ \t]+{_STRING}
    | (?P<cobsolete>\#~(?:[ \t]*\|)?[ \t]?)?(?P<cprev>\#\|[ \t]?)?{_STRING.replace("(", "(?P<cont>", 1)}
    | \#(?![~|])(?P<comment>[.:,]?)(?P<text>.*)
    | )[ \t]*""",
    re.X,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(?:([ntrabfv\"\\])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.S)


class _BadEscape(ValueError):
    """An escape sequence gettext refuses or reads as a raw byte; the message says which."""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        simple, octal, hexa, _other = match.groups()
        if simple:
            return _ESCAPES[simple]
        if octal or hexa:
            code = int(octal, 8) if octal else int(hexa, 16)
            if code > 0x7F:
                msg = f"escape {match[0]} is a raw byte, not a character; write the character itself"
                raise _BadEscape(msg)
            return chr(code)
        raise _BadEscape(f"invalid escape sequence {match[0]} (msgfmt refuses it)")

    return _ESCAPE_RE.sub(one, text)


def read_po(path: Path, display: str, strict: bool = False) -> polib.POFile:
    """Read and parse the PO file *path* (named *display* in errors); see :func:`parse_po`."""
    from l10n.core.files import read_file

    return parse_po(decode(read_file(path, display, CatalogError), display), display, strict)


def parse_po(text: str, display: str, strict: bool = False) -> polib.POFile:
    """Parse PO *text* (named *display* in errors) into a :class:`polib.POFile`.

    Every problem is a :class:`CatalogError` naming the line. polib's own parser is not
    used: it accepts some broken files (an unterminated string among them) and is slow.
    """
    po = polib.POFile(wrapwidth=79)
    for fields in entry_fields(text, display, strict):
        if fields["msgid"] == "" and "msgctxt" not in fields and not fields.get("obsolete"):
            po.header = "\n".join(fields.get("tcomment", []))
            po.metadata_is_fuzzy = ["fuzzy"] if "fuzzy" in flags_of(fields) else []
            po.metadata = _metadata(fields.get("msgstr", ""))
            if "Content-Type" in po.metadata:  # the text is decoded now, and every writer writes UTF-8
                po.metadata["Content-Type"] = _UTF8_RE.sub("charset=UTF-8", po.metadata["Content-Type"])
            if strict:
                po.metadata["Content-Type"] = _utf8_content_type(po.metadata.get("Content-Type"))
            continue
        po.append(_to_entry(fields, fields["_line"]))
    return po


_COMMENT_KINDS = {"": "tcomment", ".": "comment", ":": "occurrences", ",": "flags"}
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})
_INNER_RE = re.compile(r'(?:[^"\\]|\\.)*')
_EXTRACTED = frozenset(".:")  # the comments l10n writes in every entry: #. hints, #: references
_PLAIN = (False, False)  # a field's prefix without #~ or #|


def _syntax_error(text: str, display: str) -> CatalogError:
    """The first line that breaks gettext's grammar, as an error."""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not _PO_LINE_RE.fullmatch(line):
            quotes = len(re.findall(r'(?<!\\)"', line))
            what = "unterminated string" if quotes % 2 else f"syntax error: unexpected {line.strip()[:30]!r}"
            return CatalogError(what, display, number)
    return CatalogError("syntax error", display)


def _continuation(field: str, prefix: tuple[bool, bool], line: tuple[bool, bool]) -> str:
    """The error for a continuation line of *field* marked *line* (#~, #|) where the field is marked *prefix*."""
    if prefix[0] != line[0]:
        return "inconsistent use of #~ (msgfmt refuses it)"
    name = field.removeprefix("previous_")
    if prefix[1]:
        return f"syntax error: a string continuing the #| {name} without #|"
    return f"syntax error: a #| string continuing {name}, which is not a #| field"


def _string(quoted: str) -> str | None:
    """The value of a quoted PO string, or None when it is not one."""
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return None
    inner = quoted[1:-1]
    if "\\" in inner or '"' in inner:
        if '"' not in inner and inner.count("\\") == inner.count("\\n"):  # every backslash starts a \n
            return inner.replace("\\n", "\n")
        if _INNER_RE.fullmatch(inner) is None:
            return None
        return _unescape(inner)
    return inner


def entry_fields(text: str, display: str, strict: bool = False) -> list[dict[str, Any]]:
    """The entries of PO *text* as dicts of their fields, header included.

    Keys: ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``, ``msgstr[N]`` and their
    ``previous_`` forms (strings); ``tcomment``, ``comment``, ``occurrences``, ``flags``
    (lists of comment lines); ``obsolete``; ``_line``, the line of the msgid.

    One loop over the lines on plain string operations; a line that breaks gettext's
    grammar is located by :func:`_syntax_error`. *strict*: see rule 5.
    """
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    keyed = False  # whether the current entry has a keyword yet: comments come before them
    field: str | None = None  # the string a continuation line extends
    prefix = (False, False)  # that field's #~ and #|: its continuation lines must carry the same
    for number, line in enumerate(text.split("\n"), 1):
        # The common case first: a continuation line of a plain field, with nothing to unescape but newlines.
        if line[:1] == '"' and field is not None and prefix == _PLAIN and line.find('"', 1) == len(line) - 1:
            inner = line[1:-1]
            if "\\" not in inner:
                current[field] += inner
                continue
            if inner.count("\\") == inner.count("\\n"):  # every backslash starts a \n
                current[field] += inner.replace("\\n", "\n")
                continue
        if line[:1] == "#" and line[1:2] in _EXTRACTED and line[-1] != "\r":  # #. and #: lines, the next most common
            if current.get("_msgstr"):
                entries.append(current)
                current, keyed = {}, False
            elif keyed:
                raise CatalogError("syntax error: a comment inside an entry, after its keywords", display, number)
            current.setdefault(_COMMENT_KINDS[line[1]], []).append(line[3:] if line[2:3] == " " else line[2:])
            field = None
            continue
        if line and (line[0] in " \t" or line[-1] in " \t\r"):
            line = line.lstrip(" \t").removesuffix("\r")
            if not line.startswith("#") or line.startswith(("#~", "#|")):  # a comment keeps its trailing spaces, as in msgcat
                line = line.rstrip(" \t\r")
        if not line:
            field = None
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip(" \t")
        previous = line.startswith("#|") or (obsolete and line.startswith("|"))  # "#~| msgid": gettext's obsolete previous
        if previous:
            line = line[2 if line[0] == "#" else 1 :].lstrip(" \t")
        head = line[:1]
        if head == '"':
            try:
                value = _string(line)
            except _BadEscape as exc:
                raise CatalogError(str(exc), display, number) from None
            if value is None or field is None:
                raise _syntax_error(text, display)
            if (obsolete, previous) != prefix:
                raise CatalogError(_continuation(field, prefix, (obsolete, previous)), display, number)
            current[field] += value
        elif head == "#" and not obsolete and not previous:
            if current.get("_msgstr"):
                entries.append(current)
                current, keyed = {}, False
            elif keyed:  # gettext: comments come before an entry's keywords
                raise CatalogError("syntax error: a comment inside an entry, after its keywords", display, number)
            kind = _COMMENT_KINDS.get(line[1:2], "tcomment")
            body = line[2:] if kind != "tcomment" else line[1:]
            current.setdefault(kind, []).append(body[1:] if body.startswith(" ") else body)
            field = None
        else:
            keyword, _, rest = line.partition(" ")
            try:
                value = _string(rest.strip(" \t"))
            except _BadEscape as exc:
                raise CatalogError(str(exc), display, number) from None
            base = keyword.partition("[")[0]
            if value is None or base not in _KEYWORDS or (base != keyword and not re.fullmatch(r"msgstr\[\d+\]", keyword)):
                raise _syntax_error(text, display)
            if (previous or base in ("msgctxt", "msgid")) and current.get("_msgstr"):
                entries.append(current)
                current, keyed = {}, False
            if previous and ("msgid" in current or "msgctxt" in current):
                msg = "syntax error: a #| field after the entry's msgid; previous fields come first"
                raise CatalogError(msg, display, number)
            if obsolete != bool(current.get("obsolete")) and keyed:
                raise CatalogError("inconsistent use of #~ (msgfmt refuses it)", display, number)
            field = ("previous_" if previous else "") + keyword
            prefix = (obsolete, previous)
            if (field == "msgctxt" and "msgid" in current) or (field == "msgid_plural" and "msgid" not in current):
                raise CatalogError(f"syntax error: {field} out of place (msgctxt, msgid, msgid_plural, msgstr)", display, number)
            if field in current:
                raise CatalogError(f"duplicate {field} in one entry", display, number)
            if field == "msgid":
                current["_line"] = number
            elif base == "msgstr" and not previous:
                current["_msgstr"] = True
            current[field] = value
            keyed = True
            if obsolete:
                current["obsolete"] = True
    if keyed:  # comments may end a file; fields without an entry may not
        if "msgid" not in current:
            raise CatalogError("syntax error: the file ends before the msgid of its last entry", display, number)
        entries.append(current)
    seen: dict[tuple[str | None, str, bool], int] = {}
    for fields in entries:
        at: int | None = fields.get("_line")
        if at is None or not fields.get("_msgstr"):
            raise CatalogError("entry without msgid" if at is None else "entry without msgstr", display, at)
        key = (fields.get("msgctxt"), fields["msgid"], bool(fields.get("obsolete")))
        if key in seen:
            msg = f"duplicate entry for msgid {_short(fields['msgid'])} (first at line {seen[key]})"
            raise CatalogError(msg, display, at)
        seen[key] = at
    if strict:
        _refuse_unmodelled(entries, seen, text, display)
    return entries


def _refuse_unmodelled(
    entries: list[dict[str, Any]], seen: dict[tuple[str | None, str, bool], int], text: str, display: str
) -> None:
    """Rule 5: what msgfmt --check rejects, or a Markdown catalog cannot hold, is an error at its line."""
    for bad, what in _UNREADABLE.items():
        at = text.find(bad)
        if at >= 0:
            raise CatalogError(what, display, text.count("\n", 0, at) + 1)
    header = next((f for f in entries if f["msgid"] == "" and "msgctxt" not in f and not f.get("obsolete")), None)
    if header is None:
        raise CatalogError('no header entry (msgid ""): msgfmt refuses the file; restore it', display, 1)
    plural = _metadata(header.get("msgstr", "")).get("Plural-Forms")
    problem = _plural_problem(plural) if plural is not None else None
    if problem is not None:
        at = text.find("Plural-Forms:")
        raise CatalogError(f"Plural-Forms: {problem}", display, text.count("\n", 0, at) + 1 if at >= 0 else header["_line"])
    escaped = _CODE_ESCAPE.search(text) is not None  # without a numeric escape, no string holds what the text does not
    for fields in entries:
        at = fields["_line"]
        for key, value in fields.items() if escaped else ():
            if isinstance(value, str) and ("\0" in value or "\x04" in value):
                what = _UNREADABLE["\0" if "\0" in value else "\x04"]
                raise CatalogError(f"{key}: {what}", display, at)
        indexed = sorted(k for k in fields if k.startswith("msgstr["))
        if indexed and "msgid_plural" not in fields:
            raise CatalogError(f"{indexed[0]} without msgid_plural (msgfmt refuses it); write msgstr", display, at)
        if "msgid_plural" in fields:
            msg = "a plural entry (msgid_plural) has no meaning in a catalog of Markdown units; delete it"
            raise CatalogError(msg, display, at)
        flags = flags_of(fields) if "flags" in fields else []
        for flag in flags:
            if flag.endswith("-format") and not flag.startswith("no-"):
                raise CatalogError(f"flag {flag!r} has no meaning in a catalog of Markdown units; remove it", display, at)
        msgid, msgstr = fields["msgid"], fields.get("msgstr", "")
        checked = msgid and msgstr and not fields.get("obsolete") and "fuzzy" not in flags
        for edge, test in (("begin", str.startswith), ("end", str.endswith)):
            if checked and test(msgid, "\n") != test(msgstr, "\n"):
                raise CatalogError(
                    f"msgid and msgstr must both {edge} with a newline, or neither (msgfmt refuses it)", display, at
                )
        twin = seen.get((fields.get("msgctxt"), msgid, not fields.get("obsolete")))
        if twin is not None and fields.get("obsolete"):
            msg = f"obsolete entry repeats the entry at line {twin} (msgfmt refuses both); delete one"
            raise CatalogError(msg, display, at)


_CODE_ESCAPE = re.compile(r"\\[0-7x]")  # \0, \4, \x04...: the only way a string holds a character its text does not
_UNREADABLE = {
    "\0": "a NUL character (\\0): gettext would cut the text there",
    "\x04": "an EOT character (\\x04), gettext's context separator: msgfmt refuses it",
}


def _utf8_content_type(value: str | None) -> str:
    """*value* (a Content-Type) declaring ``charset=UTF-8``, or that Content-Type when missing."""
    if not value or not value.strip():
        return "text/plain; charset=UTF-8"
    if re.search(r"charset=", value):
        return re.sub(r"charset=[^;\s]*", "charset=UTF-8", value)
    return f"{value.rstrip(' ;')}; charset=UTF-8"


@functools.cache
def _plural_problem(value: str) -> str | None:
    """Why msgfmt refuses the ``Plural-Forms`` *value*, or None (one it cannot parse is left to the table's rewrite)."""
    import gettext

    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*", value)
    if match is None:
        return None if "plural=" not in value.replace(" ", "") else "invalid plural expression"
    count = int(match[1])
    try:
        rule = gettext.c2py(match[2])
    except (ValueError, RecursionError):
        return "invalid plural expression"
    try:
        values = {rule(n) for n in range(1001)}
    except ArithmeticError:
        return "the plural expression can divide by zero"
    if count == 0 or any(not 0 <= v < count for v in values):
        return f"nplurals = {count} but the plural expression can give {max(values)}"
    return None


def flags_of(fields: dict[str, Any]) -> list[str]:
    """The flags of an entry read by :func:`entry_fields`."""
    return [f.strip() for line in fields.get("flags", ()) for f in line.split(",") if f.strip()]


def _to_entry(fields: dict[str, Any], number: int) -> polib.POEntry:
    occurrences = []
    for line in fields.get("occurrences", []):
        for ref in line.split():
            path, _, lineno = ref.rpartition(":")
            occurrences.append((path, lineno) if path and lineno.isdigit() else (ref, ""))
    plural = {int(k[7:-1]): v for k, v in fields.items() if k.startswith("msgstr[")}
    entry = polib.POEntry(
        msgid=fields["msgid"],
        msgstr=fields.get("msgstr", ""),
        msgid_plural=fields.get("msgid_plural", ""),
        msgstr_plural=plural,
        msgctxt=fields.get("msgctxt"),
        previous_msgid=fields.get("previous_msgid"),
        previous_msgid_plural=fields.get("previous_msgid_plural"),
        previous_msgctxt=fields.get("previous_msgctxt"),
        occurrences=occurrences,
        flags=flags_of(fields),
        comment="\n".join(fields.get("comment", [])),
        tcomment="\n".join(fields.get("tcomment", [])),
        obsolete=bool(fields.get("obsolete")),
    )
    entry.linenum = number
    return entry


def _metadata(header: str) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for line in header.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            metadata[key.strip()] = value.strip()
    return metadata


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
