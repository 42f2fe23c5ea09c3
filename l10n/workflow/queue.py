"""The review queue: every translation that waits for a human reviewer.

Rules:

1. What waits is what the policy (:mod:`l10n.workflow.policy`) does not count as reviewed but a
   reviewer can act on: its ``unapproved`` (translated, awaiting approval), ``draft``,
   ``outdated`` and ``flagged`` units, one item per unit of an article in a locale. So the queue
   of a status report always has as many items as those states have units.
2. An item's state says what the reviewer is looking at:

   - ``outdated``: its source changed (it has a previous msgid);
   - ``machine draft``, ``reuse draft``, ``memory draft`` (an exact match of the translation
     memory), ``agency draft`` (imported from an agency's XLIFF): an ``l10n-draft:`` line;
   - ``flagged``: fuzzy with neither a previous msgid nor provenance: flagged by hand,
     or made fuzzy by a ``msgmerge`` without ``--previous`` (:func:`l10n.workflow.policy.fuzzy_state`);
   - ``pseudo draft``: pseudo-localized text, which can never be approved;
   - ``edited after approval``: not fuzzy, every approval it has is of a text since
     edited (in a PO editor, by hand...): the case a reviewer must look at first;
   - ``awaiting approval``: not fuzzy, never approved (a translator's own work, an
     editor's "unfuzzy");
   - ``awaiting another approval``: approved, by fewer people than the policy asks;
   - ``sent back``: a reviewer sent it back to the translator with a note
     (``l10n-sent-back:``, :mod:`l10n.workflow.send_back`) and it is still fuzzy: it waits for
     the translator, then for a reviewer again.

3. An item carries the draft or translation beside its source, its provenance, its
   valid and void approvals, the approvals it needs, the names of the checks it fails
   (errors first), its findings and waived findings, and its age, from the date of its
   provenance: what a review page shows without reading the catalog again; and the
   translator's own comment lines (not the ``l10n-`` ones), the extracted comments (``#.``)
   and the notes of reviewers who sent it back.
4. Most urgent first (:func:`urgency`): required units, then translations edited after
   approval, then those an error-level check fails, outdated units, translations awaiting
   approval (or another one, or flagged), drafts, and last what was sent back to the
   translator; within each, in the order of the articles, then of the locales, then of the
   source.
5. With signatures required, an approval counts only when its signature is verified
   (:mod:`l10n.workflow.policy`, rule 6); the others of the current texts are listed in
   ``unverified`` with their seal (``unsigned``, ``bad signature``, ``unknown key``,
   ``expired``), and ``approvers`` counts distinct keys (the author of a waived error
   among them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from l10n.catalog import provenance, sent_back
from l10n.checks import ERROR
from l10n.core.config import Config
from l10n.workflow.coverage import coverage
from l10n.workflow.policy import Judged


@dataclass(frozen=True, slots=True)
class Item:
    """One entry waiting for a reviewer."""

    locale: str
    article: str
    path: str
    line: int
    source: str
    """The first source reference (``source/x.md:12``)."""
    state: str
    words: int
    age_days: float | None
    checks: tuple[str, ...]
    """Names of the checks the draft fails (errors first)."""
    msgid: str
    msgstr: str = ""
    """The draft or the translation awaiting approval."""
    previous: str | None = None
    """The source text it was made for, when outdated."""
    draft: str = ""
    """Its ``l10n-draft:`` provenance (``mt engine=libre date=...``), if any."""
    approvals: tuple[dict[str, str], ...] = ()
    """Valid approvals: ``{"by": ..., "date": ...}``."""
    void: tuple[dict[str, str], ...] = ()
    """Approvals of an earlier text, now void."""
    approvers: int = 0
    """Distinct people among the valid approvals and waived errors' authors (one key or person counts once)."""
    needed: int = 0
    """Distinct approvals the policy asks (0: none)."""
    required: bool = False
    """Whether the unit is required (the legally required disclaimer...)."""
    findings: tuple[dict[str, str], ...] = ()
    """Each finding that counts: ``{"check", "severity", "message"}``, in registry order."""
    waived: tuple[dict[str, str], ...] = ()
    """Each finding a valid waiver covers: ``{"check", "message", "by", "date", "reason"}``."""
    comment: str = ""
    """The translator's own comment lines (the ``l10n-`` lines left out)."""
    notes: str = ""
    """The extracted comments (``#.``): what ``l10n extract`` wrote for the translator."""
    sent_back: tuple[dict[str, str], ...] = ()
    """Each note of a reviewer who sent it back: ``{"by", "date", "note"}``."""
    void_digests: tuple[str, ...] = ()
    """The digests of the void approvals, newest last: what an earlier approval approved."""
    unverified: tuple[dict[str, str], ...] = ()
    """Approvals of the current texts that count for nothing: ``{"by", "date", "signature"}`` (rule 5)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_DRAFT_STATES = {"reuse": "reuse draft", "tm": "memory draft", "agency": "agency draft"}
"""The review state of a draft by its provenance (``l10n-draft: HOW ...``); machine drafts otherwise."""


def state_of(judged: Judged) -> str:
    """The queue state of a waiting unit (rule 2)."""
    entry = judged.entry
    if judged.pseudo:
        return "pseudo draft"
    if entry.fuzzy:
        if entry.previous is not None:
            return "outdated"
        if sent_back.SENT_BACK in entry.comment and sent_back.sent_back(entry.comment):
            return "sent back"
        draft = provenance.draft_of(entry.comment)
        if draft:
            return _DRAFT_STATES.get(draft.how, "machine draft")
        return "flagged"
    if judged.approvals:
        return "awaiting another approval"
    return "edited after approval" if judged.void else "awaiting approval"


def _age(comment: str, now: float) -> float | None:
    stamp = provenance.drafted_at(comment)
    if stamp is None:
        return None
    return round(max(0.0, now - stamp) / 86400, 1)


_RANKS = {"edited after approval": 1, "outdated": 3, "awaiting approval": 4, "awaiting another approval": 4, "flagged": 4}
_LAST = {"sent back": 6}


def urgency(item: Item) -> int:
    """The rank of *item* in the queue, most urgent 0 (rule 4)."""
    if item.required:
        return 0
    rank = _RANKS.get(item.state)
    if rank == 1:
        return rank
    if any(f["severity"] == ERROR for f in item.findings):
        return 2
    return rank if rank is not None else _LAST.get(item.state, 5)


def queue(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> Iterator[Item]:
    """Every unit waiting for review, most urgent first (rule 4)."""
    now = time.time()
    order = {article: n for n, article in enumerate(config.articles())}
    locale_order = {locale: n for n, locale in enumerate(config.locales)}
    items = [
        item_of(item.locale, item.article, item.catalog, judged, now)
        for item in coverage(config, locales, articles)
        for judged in item.waiting
    ]
    items.sort(key=lambda i: (urgency(i), order.get(i.article, len(order)), locale_order.get(i.locale, 0), i.line))
    yield from items


def item_of(locale: str, article: str, display: str, judged: Judged, now: float) -> Item:
    """The queue item of a waiting unit of catalog *display*."""
    entry = judged.entry
    errors = {c.name for c, _ in judged.findings if c.severity == ERROR}
    names = sorted({c.name for c, _ in judged.findings}, key=lambda name: (name not in errors, name))
    draft = provenance.draft_of(entry.comment)
    return Item(
        locale,
        article,
        display,
        entry.line,
        entry.references[0] if entry.references else "",
        state_of(judged),
        len(entry.msgid.split()),
        _age(entry.comment, now),
        tuple(names),
        entry.msgid,
        entry.msgstr,
        entry.previous,
        draft.text if draft else "",
        tuple({"by": a.by, "date": a.date, **({"signature": "verified"} if judged.keys else {})} for a in judged.approvals),
        tuple({"by": a.by, "date": a.date} for a in judged.void),
        len(judged.reviewers),
        judged.needed,
        judged.required,
        tuple({"check": c.name, "severity": c.severity, "message": m} for c, m in judged.findings),
        tuple({"check": c.name, "message": m, "by": w.by, "date": w.date, "reason": w.reason} for c, m, w in judged.waived),
        _own_lines(entry.comment),
        entry.notes,
        tuple({"by": b.by, "date": b.date, "note": b.note} for b in sent_back.sent_back(entry.comment))
        if sent_back.SENT_BACK in entry.comment
        else (),
        tuple(a.digest for a in judged.void if a.digest),
        tuple({"by": a.by, "date": a.date, "signature": status} for a, status in judged.unverified),
    )


_TAGS = ("l10n-",)


def _own_lines(comment: str) -> str:
    """The translator's own lines of *comment*: every line but ``l10n``'s (wrapped ones joined first)."""
    if not comment:
        return ""
    return "\n".join(line for line in provenance.logical_lines(comment) if not line.startswith(_TAGS))
