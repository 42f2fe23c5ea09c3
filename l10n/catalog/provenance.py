"""The translator-comment lines ``l10n`` writes and reads: where a translation came from, who approved it.

Rules:

1. What ``l10n`` records on an entry is a line ``l10n-TAG: BODY`` of its translator
   comment (``# ``): translator comments survive ``l10n extract``, ``msgmerge``,
   ``msgcat``, Translate Toolkit (Weblate) and every PO editor; unknown ``#,`` flags do
   not. The translator's own lines are kept as they are, in their order; an ``l10n``
   line is added last.
2. The lines:

   - ``l10n-draft: mt engine=ID date=STAMP``, with `` placeholders-damaged=N`` when
     protected spans did not come back intact, and `` placeholders-reordered=2,1`` when
     they came back in another order than the source's (the ids in the order the engine
     returned them, :func:`l10n.text.placeholders.reordered`): a machine draft;
   - ``l10n-draft: reuse from=ARTICLE date=STAMP``: the reviewed translation of the
     same text in another article;
   - ``l10n-draft: tm from=FILE date=STAMP``: an exact match in the translation memory
     file FILE (:mod:`l10n.mt.memory`);
   - ``l10n-draft: agency from=FILE date=STAMP``: a human translation imported from the
     XLIFF file FILE (:mod:`l10n.workflow.agency`); a draft like the others, never an
     approval;
   - ``l10n-suggestion: NN% from=FILE: SOURCE => TARGET``: a fuzzy match of the
     translation memory, shown to the translator and never used as a translation (one
     line each, newlines shown as ``⏎``). Suggestions are translator comments, not
     ``#.`` lines: those come from the template, shared by every locale and rewritten
     by each ``l10n extract`` or ``msgmerge``;
   - ``l10n-reviewed: by=WHO date=STAMP digest=DIGEST sig=SIG (was: DRAFT)``: an
     approval of the exact texts whose :func:`digest` is ``DIGEST``, with the draft line
     it replaced (no ``(was: ...)`` when there was none). ``WHO`` is ``Name <email>``
     or ``Name``; ``SIG`` is the reviewer's SSH signature of the record
     (:mod:`l10n.catalog.signatures`), absent when approvals are not signed;
   - ``l10n-waived: CHECK by=WHO date=STAMP digest=DIGEST sig=SIG reason="TEXT"``: a
     reviewer judged the findings of the check ``CHECK`` on these exact texts
     acceptable, for the one-line reason ``TEXT`` (quoted as a JSON string);
   - ``l10n-ignore: NAME, NAME``: warning-level checks a translator silenced on this
     entry (names separated by commas or spaces).

3. Tools that wrap long comment lines (polib, Babel: Python's ``textwrap`` at 76-78
   columns, at spaces and after hyphens) split these lines; reading joins the pieces
   again (:func:`logical_lines`), so a wrapped line means what it meant, and every edit
   writes it back whole. A line is complete
   when its syntax is: the closing quote of a reason, the ``)`` of ``(was: ...)``.
4. An approval or a waiver is **valid** while its digest is the digest of the entry's
   current msgid and msgstr (:func:`digest`): editing either text voids it, whoever
   edits and with whatever tool. A line without a digest (written before digests
   existed) is void. The digest is the full SHA-256; a 16-digit one (written before)
   still binds when signatures are off. A digest is a checksum, not a signature: anyone
   who can edit the file can write a line; who approved is proven only by ``sig=``.
5. Saving a draft replaces the entry's ``l10n-draft:`` lines. An approval replaces the
   draft line and the void approvals, and keeps the valid ones (several reviewers
   approve the same text). A waiver replaces every waiver of the same check. Saving
   suggestions replaces the ``l10n-suggestion:`` lines.
6. Nothing written into a comment can start a line: every text put in a line (engine
   names, file names, suggestions' texts, reviewers, reasons) goes through
   :func:`one_line`, which escapes every character some reader takes for a line break
   (:data:`LINE_BREAKS`: CR, VT, FF, the separators 0x1c-0x1e, U+0085, U+2028, U+2029,
   each as ``\\uXXXX``; a newline as ``⏎``), and comments are split on ``\\n`` only.

``STAMP`` is a timestamp of :mod:`l10n.catalog.stamps`; who counts as one person is
:mod:`l10n.catalog.people`'s; a reviewer's note to the translator (``l10n-sent-back:``) is
:mod:`l10n.catalog.sent_back`'s.

Only this module spells these lines; the catalog edits of :mod:`l10n.catalog.entries` call it
to write them, the policy, the review queue and the checks call it to read them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.catalog.stamps import STAMP_PATTERN, parse_stamp

__all__ = [
    "DRAFT",
    "IGNORE",
    "REVIEWED",
    "SUGGESTION",
    "WAIVED",
    "Approval",
    "Draft",
    "Waiver",
    "agency_draft",
    "approvals",
    "digest",
    "draft_of",
    "drafted_at",
    "ignored",
    "logical_lines",
    "machine_draft",
    "newlines_only",
    "one_line",
    "reason_text",
    "reordered",
    "reuse_draft",
    "suggestion",
    "suggestions_of",
    "tm_draft",
    "waivers",
    "with_approval",
    "with_draft",
    "with_suggestions",
    "with_waiver",
    "without_draft",
]

DRAFT = "l10n-draft:"
REVIEWED = "l10n-reviewed:"
WAIVED = "l10n-waived:"
IGNORE = "l10n-ignore:"
SUGGESTION = "l10n-suggestion:"

_SIG = r"(?:\s+sig=(?P<sig>[A-Za-z0-9+/]+={0,2}))?"
_DRAFT_RE = re.compile(rf"^l10n-draft:\s*(\S+)(.*\bdate={STAMP_PATTERN}.*)$", re.M)
_DATE_RE = re.compile(rf"\bdate=({STAMP_PATTERN})")
_IGNORE_RE = re.compile(r"^\s*l10n-ignore:\s*(.+)$", re.M)
_REVIEWED_RE = re.compile(
    rf"^l10n-reviewed:\s*by=(?P<by>.+?)\s+date=(?P<date>{STAMP_PATTERN})"
    rf"(?:\s+digest=(?P<digest>[0-9a-f]+))?{_SIG}(?:\s+\(was: (?P<was>.*)\))?\s*$",
    re.M,
)
_WAIVED_RE = re.compile(
    rf"^l10n-waived:\s*(?P<check>\S+)\s+by=(?P<by>.+?)\s+date=(?P<date>{STAMP_PATTERN})"
    rf'\s+digest=(?P<digest>[0-9a-f]+){_SIG}\s+reason=(?P<reason>"(?:[^"\\]|\\.)*")\s*$',
    re.M,
)
_REORDERED_RE = re.compile(r"(?<!\S)placeholders-reordered=(\d+(?:,\d+)*)(?!\S)")


@dataclass(frozen=True, slots=True)
class Draft:
    """The ``l10n-draft:`` line of a comment."""

    how: str
    """``mt``, ``reuse``, ``tm`` or ``agency``: its first word."""
    text: str
    """The line after ``l10n-draft:`` (``mt engine=deepl date=2025-01-31T09:05Z``)."""

    @property
    def engine(self) -> str | None:
        """The ``engine=`` of a machine draft."""
        found = re.search(r"\bengine=(\S+)", self.text)
        return found[1] if found else None


@dataclass(frozen=True, slots=True)
class Approval:
    """One ``l10n-reviewed:`` line."""

    by: str
    date: str
    digest: str
    """Empty on a line written before approvals carried one (never valid)."""
    was: str = ""
    """The draft line it replaced, if any."""
    sig: str = ""
    """The one-line SSH signature of the record, if signed."""

    def valid(self, current: str) -> bool:
        """Whether it approves the texts whose :func:`digest` is *current* (rule 4)."""
        return _binds(self.digest, current)


@dataclass(frozen=True, slots=True)
class Waiver:
    """One ``l10n-waived:`` line."""

    check: str
    by: str
    date: str
    digest: str
    reason: str
    sig: str = ""
    """The one-line SSH signature of the record, if signed."""

    def valid(self, current: str) -> bool:
        """Whether it covers the texts whose :func:`digest` is *current*."""
        return _binds(self.digest, current)


def _binds(recorded: str, current: str) -> bool:
    """Whether a recorded digest is *current*: the full SHA-256, or its 16-digit prefix of old (rule 4)."""
    return recorded == current or (len(recorded) == 16 and current.startswith(recorded))


# -- digests ---------------------------------------------------------------------------


def digest(msgid: str, msgstr: str) -> str:
    """The digest binding an approval or a waiver to the exact texts (rule 4).

    The SHA-256 (64 hex digits) of the UTF-8 msgid, a NUL and the msgstr: the texts as
    gettext reads them, so re-wrapping the file changes nothing.
    """
    return hashlib.sha256(f"{msgid}\0{msgstr}".encode()).hexdigest()


LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character but the newline that some reader of a PO file (Python's ``str.splitlines``,
Translate Toolkit, editors) takes for the end of a line (rule 6)."""
_ESCAPES = {ord(ch): f"\\u{ord(ch):04x}" for ch in LINE_BREAKS}
_BREAKS = _ESCAPES | {ord("\n"): "⏎"}


def one_line(text: str) -> str:
    """*text* with every line-breaking character escaped, so it never starts a comment line (rule 6)."""
    return text.translate(_BREAKS)


def newlines_only(text: str) -> str:
    """*text* with every line break but ``\\n`` escaped: comment lines that end where gettext ends them."""
    return text.translate(_ESCAPES)


# -- writing ---------------------------------------------------------------------------


def machine_draft(engine: str, date: str, damaged: int = 0, reordered: Sequence[int] = ()) -> str:
    """The draft line (after ``l10n-draft:``) of a machine translation by *engine*.

    *damaged* counts the placeholder problems; *reordered* is the order the placeholder ids
    came back in, when it moved protected spans (rule 2).
    """
    note = f" placeholders-damaged={damaged}" if damaged else ""
    if reordered:
        note += f" placeholders-reordered={','.join(map(str, reordered))}"
    return f"mt engine={one_line(engine)} date={date}{note}"


def reuse_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of a translation reused from the article *origin*."""
    return f"reuse from={one_line(origin)} date={date}"


def tm_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of an exact match in the translation memory file *origin*."""
    return f"tm from={one_line(origin)} date={date}"


def agency_draft(origin: str, date: str) -> str:
    """The draft line (after ``l10n-draft:``) of a translation imported from the exchange file *origin*."""
    return f"agency from={one_line(origin)} date={date}"


def suggestion(score: int, origin: str, source: str, target: str) -> str:
    """A suggestion line's text (after ``l10n-suggestion:``): a *score* percent match from *origin*."""
    return one_line(f"{score}% from={origin}: {source} => {target}")


def with_draft(comment: str, draft: str) -> str:
    """*comment* with its draft line replaced by ``l10n-draft: DRAFT`` (rule 5)."""
    lines = [line for line in logical_lines(comment) if not line.startswith(DRAFT)]
    return "\n".join([*lines, f"{DRAFT} {draft}"])


def without_draft(comment: str) -> str:
    """*comment* without its draft line (an emptied draft, :func:`l10n.catalog.entries.discard_draft`)."""
    return "\n".join(line for line in logical_lines(comment) if not line.startswith(DRAFT))


def approval_line(reviewer: str, date: str, current: str, was: str = "", sig: str = "") -> str:
    """The ``l10n-reviewed:`` line of an approval (``ValueError`` when *reviewer* would not read back)."""
    was = one_line(was)
    origin = f" (was: {was})" if was else ""
    signed = f" sig={sig}" if sig else ""
    line = f"{REVIEWED} by={reviewer} date={date} digest={current}{signed}{origin}"
    if one_line(reviewer) != reviewer or approvals(line) != [Approval(reviewer, date, current, was, sig)]:
        msg = f"reviewer {reviewer!r} cannot be recorded (use the form 'Name <email>')"
        raise ValueError(msg)
    return line


def with_approval(comment: str, reviewer: str, date: str, current: str, sig: str = "") -> str:
    """*comment* with an approval by *reviewer* of the texts of digest *current*, signed *sig* (rule 5)."""
    was = draft_of(comment)
    kept = []
    for line in logical_lines(comment):
        if line.startswith(DRAFT):
            continue
        if line.startswith(REVIEWED) and not any(a.valid(current) for a in approvals(line)):
            continue
        kept.append(line)
    return "\n".join([*kept, approval_line(reviewer, date, current, was.text if was else "", sig)])


def with_waiver(comment: str, check: str, reviewer: str, date: str, current: str, reason: str, sig: str = "") -> str:
    """*comment* with its waivers of *check* replaced by one of the texts of digest *current* (rule 5)."""
    reason = reason_text(reason)
    signed = f" sig={sig}" if sig else ""
    quoted = json.dumps(reason, ensure_ascii=False)
    line = f"{WAIVED} {check} by={reviewer} date={date} digest={current}{signed} reason={quoted}"
    wanted = [Waiver(check, reviewer, date, current, reason, sig)]
    if one_line(reviewer + check) != reviewer + check or not reason or waivers(line) != wanted:
        msg = f"waiver of {check!r} by {reviewer!r} cannot be recorded (a check name, 'Name <email>' and a reason)"
        raise ValueError(msg)
    kept = [old for old in logical_lines(comment) if not any(w.check == check for w in waivers(old))]
    return "\n".join([*kept, line])


def reason_text(reason: str) -> str:
    """A waiver's *reason* as recorded: white space runs as one space, on one line (rule 6)."""
    return one_line(" ".join(reason.split()))


def with_suggestions(comment: str, suggestions: list[str]) -> str:
    """*comment* with its suggestion lines replaced by one ``l10n-suggestion:`` line per suggestion (rule 3)."""
    lines = [line for line in comment.split("\n") if not line.startswith(SUGGESTION)] if comment else []
    return "\n".join([*lines, *(f"{SUGGESTION} {one_line(text)}" for text in suggestions)])


# -- reading ---------------------------------------------------------------------------


_TAGS = (DRAFT, REVIEWED, WAIVED, IGNORE)
_TAILS = ("(was: ", "sig=", "placeholders-damaged=", "placeholders-reordered=")
"""How the optional last fields of a line start: a piece that starts so continues its line."""


def _complete(line: str) -> bool:
    """Whether an ``l10n`` line has all its syntax (rule 3)."""
    if line.endswith("-"):  # no field ends so: textwrap broke the line after a hyphen (placeholders-|reordered=)
        return False
    if line.startswith(REVIEWED):
        found = _REVIEWED_RE.fullmatch(line)
        return found is not None and found["digest"] is not None  # a line without one is void anyway
    if line.startswith(WAIVED):
        return _WAIVED_RE.fullmatch(line) is not None
    if line.startswith(DRAFT):
        return _DRAFT_RE.fullmatch(line) is not None
    return True


def logical_lines(comment: str) -> list[str]:
    """The lines of *comment*, each ``l10n`` line that a tool wrapped joined again (rule 3)."""
    out: list[str] = []
    for line in comment.split("\n") if comment else ():
        last = out[-1] if out else ""
        if last.startswith(_TAGS) and not line.startswith(_TAGS) and (not _complete(last) or line.startswith(_TAILS)):
            out[-1] = last + ("" if last.endswith("-") else " ") + line.strip()  # textwrap also breaks after hyphens
        else:
            out.append(line)
    return out


def _joined(comment: str) -> str:
    if "\n" not in comment or not any(tag in comment for tag in _TAGS):
        return comment
    return "\n".join(logical_lines(comment))


def draft_of(comment: str) -> Draft | None:
    """The first draft line of *comment*, if any."""
    found = _DRAFT_RE.search(_joined(comment))
    return Draft(found[1], found[1] + found[2]) if found else None


def reordered(comment: str) -> tuple[int, ...]:
    """The ``placeholders-reordered=`` ids of *comment*'s draft line; empty when it has none.

    Only a draft counts: an approval keeps the draft line after ``(was:``, but the
    approval was given with the reordering acknowledged (a waiver: approval refuses an
    error), so it is not read again. The mark blocks publishing, so it is read from the
    draft line as a tool may have wrapped it (rule 3), with or without its date.
    """
    for line in logical_lines(comment):
        if line.startswith(DRAFT) and (mark := _REORDERED_RE.search(line)):
            return tuple(int(n) for n in mark[1].split(","))
    return ()


def drafted_at(comment: str) -> float | None:
    """The time of the first ``date=`` of *comment* (its draft's, or its approval's), if any."""
    found = _DATE_RE.search(_joined(comment))
    return parse_stamp(found[1]) if found else None


def approvals(comment: str) -> list[Approval]:
    """Every ``l10n-reviewed:`` line of *comment*, valid or not, in order."""
    found = _REVIEWED_RE.finditer(_joined(comment))
    return [Approval(m["by"], m["date"], m["digest"] or "", m["was"] or "", m["sig"] or "") for m in found]


def waivers(comment: str) -> list[Waiver]:
    """Every ``l10n-waived:`` line of *comment*, valid or not, in order."""
    found = _WAIVED_RE.finditer(_joined(comment))
    return [Waiver(m["check"], m["by"], m["date"], m["digest"], json.loads(m["reason"]), m["sig"] or "") for m in found]


def ignored(comment: str) -> set[str]:
    """Check names a translator comment silences (its ``l10n-ignore:`` lines)."""
    return {name.strip() for match in _IGNORE_RE.finditer(comment) for name in re.split(r"[,\s]+", match[1]) if name}


def suggestions_of(comment: str) -> list[str]:
    """The text of each ``l10n-suggestion:`` line of *comment*, in order."""
    return [line[len(SUGGESTION) :].strip() for line in comment.split("\n") if line.startswith(SUGGESTION)]
