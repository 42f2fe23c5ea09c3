"""Finding the catalog entry of each unit an agency sends back, whatever its tool did to the file.

Rules:

1. A unit is matched, within its ``<file>`` (one article, one catalog), in this order:
   by its id (a digest of the exported source text, :func:`unit_id`) when its source
   is that entry's text; then by its exact source text (a tool renumbered the ids, or
   the file came from another converter, such as Translate Toolkit's ``po2xliff``);
   then by its source text with white space normalized (runs of spaces, tabs and line
   breaks as one space, none at either end): the npm ``xliff`` writer and other
   pretty-printers re-indent ``<source>`` and ``<target>`` despite
   ``xml:space="preserve"``. The last kind of match is reported as such.
2. A unit matched only by normalized white space has its target's white space put
   back in the shape of its entry: the ends stripped (the entry's own leading and
   trailing white space restored), and each run holding a line break made one line
   break when the entry has line breaks, one space otherwise. Spaces within a line
   are the translator's and stay.
3. A unit that matches nothing is refused, saying which case it is: ``source changed
   since export`` (its id is the digest of its own source, or names an entry whose text
   differs from it: the article or the unit was edited since the export), or
   ``unknown trans-unit id`` (an id that is neither). Two entries of one catalog that
   differ only in white space make the normalized match ambiguous: such a unit is
   refused too, with both lines.
4. The PO header a converter writes as a unit (``restype="x-gettext-domain-header"``,
   or an empty source) is no translation: it is skipped, never matched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.catalog.entries import Translation
from l10n.exchange.segments import Piece, Ref, joined
from l10n.exchange.xliff import Unit

__all__ = ["HEADER_RESTYPE", "Match", "Refusal", "match_units", "normalized", "respaced", "unit_id"]

HEADER_RESTYPE = "x-gettext-domain-header"
_RUN_RE = re.compile(r"\s+")


def unit_id(msgid: str) -> str:
    """The ``<trans-unit id>`` of a source text (rule 1 of :mod:`l10n.exchange.xliff`)."""
    return hashlib.blake2b(msgid.encode("utf-8"), digest_size=8).hexdigest()


def normalized(text: str) -> str:
    """*text* with each run of white space as one space and none at either end (rule 1)."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Match:
    """A unit and the entry it translates."""

    unit: Unit
    entry: Translation
    how: str
    """``id``, ``source`` or ``whitespace`` (rule 1)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A unit that translates no entry, and why (rule 3)."""

    unit: Unit
    reason: str


def _header(unit: Unit) -> bool:
    return unit.restype == HEADER_RESTYPE or not joined(unit.source).strip()


def match_units(units: Sequence[Unit], entries: Sequence[Translation], catalog: str) -> tuple[list[Match], list[Refusal]]:
    """Each unit of one ``<file>`` matched to an entry of its catalog (named *catalog* in reasons), or refused."""
    by_id = {unit_id(e.msgid): e for e in entries}
    by_text = {e.msgid: e for e in entries}
    by_shape: dict[str, list[Translation]] = {}
    for entry in entries:
        by_shape.setdefault(normalized(entry.msgid), []).append(entry)
    matches: list[Match] = []
    refusals: list[Refusal] = []
    for unit in units:
        if _header(unit):
            continue
        text = joined(unit.source)
        known = by_id.get(unit.id)
        if known is not None and known.msgid == text:
            matches.append(Match(unit, known, "id"))
        elif text in by_text:
            matches.append(Match(unit, by_text[text], "source"))
        elif len(found := by_shape.get(normalized(text), [])) == 1:
            matches.append(Match(unit, found[0], "whitespace"))
        elif found:
            lines = " and ".join(f"{catalog}:{e.line}" for e in found[:2])
            refusals.append(Refusal(unit, f"source differs only in whitespace from two entries ({lines}): cannot tell which"))
        elif known is not None or unit.id == unit_id(text):
            refusals.append(Refusal(unit, f"source changed since export: its text is not in {catalog}; export again"))
        else:
            refusals.append(Refusal(unit, f"unknown trans-unit id {unit.id!r}, and its source text is not in {catalog}"))
    return matches, refusals


def respaced(pieces: Sequence[Piece | Ref], msgid: str) -> tuple[Piece | Ref, ...]:
    """The target *pieces* of a unit matched by normalized white space, in the white space shape of *msgid* (rule 2)."""
    breaks = "\n" in msgid
    lead = msgid[: len(msgid) - len(msgid.lstrip())]
    trail = msgid[len(msgid.rstrip()) :]

    def run(found: re.Match[str]) -> str:
        space = found.group()
        if "\n" not in space and "\r" not in space:
            return space
        return "\n" if breaks else " "

    out: list[Piece | Ref] = [_RUN_RE.sub(run, p) if isinstance(p, str) else p for p in pieces]
    texts = [i for i, p in enumerate(out) if isinstance(p, str)]
    if texts and texts[0] == 0:
        out[0] = str(out[0]).lstrip()
    if texts and texts[-1] == len(out) - 1:
        out[-1] = str(out[-1]).rstrip()
    return (lead, *out, trail) if lead or trail else tuple(out)
