"""Templates from units, and merging a template into a catalog.

Rules:

1. A template (POT) holds one entry per distinct unit text of an article, in source
   order, with its ``#:`` references and ``#.`` extracted comments: the block kinds
   (``type: paragraph``) and authors' notes. References name every occurrence
   (``source/<article>.md:<line>``), or with ``references = "file"`` the file alone
   (``source/<article>.md``, so that inserting a paragraph rewrites only the entries it
   changes, as ``msgmerge --add-location=file`` does), or with ``"none"`` nothing.
2. Updating a catalog (PO) from its template keeps every translation:
   an unchanged text keeps its entry as it is (translation, flags, translator
   comments); a text found among obsolete entries is revived as it was; a changed
   text takes the translation of the most similar vanished text, marked ``fuzzy``
   with the text it was translated from as ``#| msgid``; vanished texts with a
   translation become obsolete (``#~``). Similarity is measured on words (on
   characters when either text has fewer than five words) and must
   reach :data:`FUZZY_THRESHOLD`, so an unrelated unit never inherits a translation,
   and a match is never exact: a text that changed by one word is always fuzzy.
3. Extracted comments and references always come from the template, so they are
   regenerated, never duplicated.
4. Headers carry ``Language`` and ``Plural-Forms`` from one fixed table (GNU gettext's,
   :func:`l10n.core.locales.plural_forms`), never from the installed CLDR. A catalog's own
   ``Plural-Forms`` is kept as written when, for every count from 0 to 1000 and a few
   large ones, it picks the form ``l10n`` would write or the form of CLDR's category in
   CLDR's order (GNU gettext's manual, Translate Toolkit and Weblate spell Arabic's
   rule so; the table's Arabic rule, Babel 2.18's, numbers its last two forms the other way round); any other
   rule is rewritten, with a warning. ``POT-Creation-Date`` moves only when the
   template's content changes; a translator's header fields are kept.
5. The text written is gettext's canonical form (:mod:`l10n.catalog.po.writer`).
"""

from __future__ import annotations

import difflib
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import polib

from l10n.catalog.po import decode, dumps, parse_po
from l10n.catalog.provenance import newlines_only
from l10n.core.locales import PLURAL_CATEGORIES, display_name, plural_category, plural_forms
from l10n.document.model import Unit

__all__ = [
    "FUZZY_THRESHOLD",
    "KINDS_PREFIX",
    "Message",
    "catalog_text",
    "kinds_of",
    "messages",
    "now",
    "plural_forms_fit",
    "same_plural_forms",
    "template_text",
    "update",
]

FUZZY_THRESHOLD = 0.6
"""Minimum word-level similarity for a changed text to inherit a translation."""

KINDS_PREFIX = "type: "
"""The extracted-comment line that names the kinds of a message's units (``type: heading``)."""

_DATE_RE = re.compile(r'^"POT-Creation-Date: [^"\\]*\\n"$', re.M)


@dataclass(frozen=True, slots=True)
class Message:
    """One template entry: a distinct unit text and where it occurs."""

    msgid: str
    references: tuple[tuple[str, str], ...]
    """(path, line) pairs, as gettext stores them."""
    comments: tuple[str, ...]
    """Extracted-comment lines for translators."""


def messages(
    units: Iterable[Unit],
    path: str,
    hints: Callable[[str, bool], list[str]] | None = None,
    references: str = "line",
) -> list[Message]:
    """Group units with identical text into template messages, in source order.

    Extracted comments: the block kinds, the authors' notes, then *hints* (called with
    the text and whether a unit of it is marked ``<!-- l10n:required -->``; see
    :mod:`l10n.catalog.hints`). *references* is how much the ``#:`` lines say: ``line``
    (``source/x.md:12``, each occurrence), ``file`` (``source/x.md``, once) or ``none``.
    """
    grouped: dict[str, tuple[list[tuple[str, str]], list[str], list[str], list[bool]]] = {}
    for unit in units:
        refs, kinds, notes, marked = grouped.setdefault(unit.text, ([], [], [], []))
        refs.append((path, str(unit.line)))
        if unit.kind not in kinds:
            kinds.append(unit.kind)
        notes.extend(n for n in unit.notes if n not in notes)
        marked.append(unit.required)
    return [
        Message(
            text,
            _located(refs, path, references),
            (f"{KINDS_PREFIX}{', '.join(kinds)}", *(f"Note: {n}" for n in notes), *(hints(text, any(marked)) if hints else ())),
        )
        for text, (refs, kinds, notes, marked) in grouped.items()
    ]


def _located(refs: list[tuple[str, str]], path: str, references: str) -> tuple[tuple[str, str], ...]:
    """The ``#:`` references of a message: every line, the file once, or none (rule 1)."""
    if references == "line":
        return tuple(refs)
    return ((path, ""),) if references == "file" else ()


def kinds_of(comments: Iterable[str]) -> tuple[str, ...]:
    """The unit kinds named in a message's extracted-comment lines (``heading``, ``front matter: title``)."""
    for line in comments:
        if line.startswith(KINDS_PREFIX):
            return tuple(kind for kind in line[len(KINDS_PREFIX) :].split(", ") if kind)
    return ()


def now() -> str:
    """The current time as gettext writes header dates (honours SOURCE_DATE_EPOCH)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", stamp)


def _entry(message: Message) -> polib.POEntry:
    return polib.POEntry(
        msgid=message.msgid,
        msgstr="",
        occurrences=list(message.references),
        comment=newlines_only("\n".join(message.comments)),  # an author's U+2028 starts no #. line
    )


def template_text(msgs: Sequence[Message], project: str, old_text: str | None) -> tuple[str, str]:
    """The POT text for *msgs* and its creation date.

    The date of *old_text* is kept when nothing else changed.
    """

    def render(date: str) -> str:
        pot = polib.POFile(wrapwidth=79)
        pot.header = f"Translations template for {project}.\nThis file is generated by l10n extract: do not edit."
        pot.metadata = {
            "Project-Id-Version": project,
            "POT-Creation-Date": date,
            "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
            "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
            "Language-Team": "LANGUAGE <LL@li.org>",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
        pot.metadata_is_fuzzy = True
        pot.extend(_entry(m) for m in msgs)
        return dumps(pot)

    old_date = _header_date(old_text) if old_text else None
    if old_date is not None:
        text = render(old_date)
        if text == old_text:
            return text, old_date
    date = now()
    return render(date), date


def _header_date(text: str) -> str | None:
    match = _DATE_RE.search(text)
    return match.group()[len('"POT-Creation-Date: ') : -len('\\n"')] if match else None


def _similarity(a: str, b: str) -> float:
    """Word-level similarity; character-level for short texts, where one word is a large share."""
    left: Sequence[str] = a.split()
    right: Sequence[str] = b.split()
    if min(len(left), len(right)) < 5:
        left, right = list(a), list(b)
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= FUZZY_THRESHOLD else 0.0


def update(
    po: polib.POFile | None,
    msgs: Sequence[Message],
    locale: str,
    language_team: str,
    plural_forms: str,
    pot_date: str,
    project: str,
) -> polib.POFile:
    """Merge template messages into a catalog (a new one when *po* is None)."""
    new = polib.POFile(wrapwidth=79)
    if po is None:
        new.metadata = {
            "Project-Id-Version": project,
            "POT-Creation-Date": pot_date,
            "PO-Revision-Date": pot_date,
            "Last-Translator": "",
            "Language-Team": language_team,
            "Language": locale,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms,
        }
        old: list[polib.POEntry] = []
    else:
        new.header, new.metadata, new.metadata_is_fuzzy = po.header, dict(po.metadata), po.metadata_is_fuzzy
        new.metadata["POT-Creation-Date"] = pot_date
        new.metadata["Language"] = locale
        declared = new.metadata.get("Plural-Forms", "")
        if not (same_plural_forms(declared, plural_forms) or plural_forms_fit(declared, locale)):
            new.metadata["Plural-Forms"] = plural_forms  # an equivalent spelling is kept
        old = list(po)

    current = {e.msgid: e for e in old if not e.obsolete and e.msgctxt is None and not e.msgid_plural}
    obsolete = {e.msgid: e for e in old if e.obsolete and e.msgctxt is None and not e.msgid_plural}
    wanted = {m.msgid for m in msgs}
    # Every other live entry with a translation has vanished from the template: those
    # with a context or plural forms too (a template has neither), so they are kept.
    vanished = [e for e in old if not e.obsolete and _translated(e) and not (e.msgid in wanted and current.get(e.msgid) is e)]
    singular = [e for e in vanished if not e.msgid_plural]
    used: set[int] = set()
    for message in msgs:
        entry = _entry(message)
        found = current.get(message.msgid) or obsolete.get(message.msgid)
        if found is not None:
            entry.msgstr, entry.flags, entry.tcomment = found.msgstr, list(found.flags), found.tcomment
            entry.previous_msgid = found.previous_msgid if "fuzzy" in found.flags else None
        else:
            best = _best_match(message.msgid, singular, used)
            if best is not None:
                used.add(id(best))
                entry.msgstr, entry.tcomment = best.msgstr, best.tcomment
                entry.flags = ["fuzzy", *(f for f in best.flags if f != "fuzzy")]
                entry.previous_msgid = best.previous_msgid if "fuzzy" in best.flags and best.previous_msgid else best.msgid
        new.append(entry)
    kept = {(e.msgctxt, e.msgid): e for e in old if e.obsolete and (e.msgctxt is not None or e.msgid not in wanted)}
    for e in vanished:  # a newly obsolete entry replaces an older obsolete one of the same key
        if id(e) not in used:
            kept[e.msgctxt, e.msgid] = polib.POEntry(
                msgid=e.msgid,
                msgstr=e.msgstr,
                msgid_plural=e.msgid_plural,
                msgstr_plural=dict(e.msgstr_plural),
                msgctxt=e.msgctxt,
                flags=list(e.flags),
                tcomment=e.tcomment,
                previous_msgid=e.previous_msgid,
                previous_msgctxt=e.previous_msgctxt,
                previous_msgid_plural=e.previous_msgid_plural,
                obsolete=True,
            )
    new.extend(kept.values())
    return new


_PLURAL_FORMS_RE = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*")
_PLURAL_SAMPLES = (*range(1001), 1_000_000, 1_000_001, 2_000_000, 1_234_567, 10**9)


@cache
def _plural_indices(value: str) -> tuple[int, tuple[int, ...]] | None:
    """``nplurals`` and the form a ``Plural-Forms`` value picks for each sample count; None when unreadable."""
    import gettext

    match = _PLURAL_FORMS_RE.fullmatch(value)
    if match is None:
        return None
    try:
        rule = gettext.c2py(match[2])
        return int(match[1]), tuple(rule(n) for n in _PLURAL_SAMPLES)
    except (ValueError, RecursionError, ArithmeticError):  # not C, too deep, plural=n/0
        return None


@cache
def same_plural_forms(declared: str, expected: str) -> bool:
    """True when *declared* (a ``Plural-Forms`` value) picks the same form as *expected* for every count.

    Counts 0 to 1000 and a few large ones are compared, so ``plural=n != 1;`` is
    ``plural=(n != 1);``. An absent or unreadable value is not the same.
    """
    left, right = _plural_indices(declared), _plural_indices(expected)
    return left is not None and left == right


@cache
def _cldr_indices(locale: str) -> tuple[int, tuple[int, ...]]:
    """CLDR's categories of the counts 0 to 1000 in *locale*, numbered in :data:`PLURAL_CATEGORIES`
    order among those these counts reach (Polish ``other`` is for fractions only: three forms).

    Exact millions are left out: CLDR's ``many`` for them in Spanish, French, Italian and
    Portuguese ("un millón de") is a form no gettext tool or table has.
    """
    category = plural_category(locale)
    tags = [category(n) for n in _PLURAL_SAMPLES[:1001]]
    used = [tag for tag in PLURAL_CATEGORIES if tag in tags]
    return len(used), tuple(used.index(tag) for tag in tags)


@cache
def plural_forms_fit(declared: str, locale: str) -> bool:
    """Whether a catalog's ``Plural-Forms`` value may stay as written for *locale*.

    It may when it picks, for every count, the form that ``l10n`` would write
    (:func:`l10n.core.locales.plural_forms`), or, for the counts 0 to 1000, the form of
    CLDR's category numbered in CLDR's order, which is how GNU gettext's manual,
    Translate Toolkit and Weblate number Arabic's forms. A rule that sends some count
    to another form is not kept.
    """
    found = _plural_indices(declared)
    if found is None:
        return False
    return found == _plural_indices(plural_forms(locale)) or (found[0], found[1][:1001]) == _cldr_indices(locale)


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _best_match(msgid: str, candidates: list[polib.POEntry], used: set[int]) -> polib.POEntry | None:
    best, score = None, FUZZY_THRESHOLD
    for candidate in candidates:
        if id(candidate) in used:
            continue
        ratio = _similarity(msgid, candidate.msgid)
        if ratio >= score:
            best, score = candidate, ratio
    return best


def catalog_text(
    old: bytes | None, display: str, msgs: Sequence[Message], locale: str, pot_date: str, project: str
) -> tuple[str, str | None]:
    """The text of the catalog *display* of *locale* merged with *msgs*, and a warning when its
    ``Plural-Forms`` was rewritten to the rule of ``l10n``'s table.

    *old* is the catalog as read (None: there is none yet, and a new one is made).
    """
    po = parse_po(decode(old, display), display, strict=True) if old is not None else None
    merged = update(po, msgs, locale, display_name(locale), plural_forms(locale), pot_date, project)
    declared = po.metadata.get("Plural-Forms") if po is not None else None
    warning = None
    if old and declared is not None and declared != merged.metadata["Plural-Forms"]:
        line = old.count(b"\n", 0, max(old.find(b"Plural-Forms:"), 0)) + 1
        warning = (
            f"{display}:{line}: Plural-Forms {declared!r} disagrees with "
            f"{locale}; rewritten to {merged.metadata['Plural-Forms']!r}"
        )
    return dumps(merged), warning
