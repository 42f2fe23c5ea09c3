"""Approvals, waivers and their audit trail (``l10n review approve``, ``waive``, ``log``).

Rules:

1. What waits for review is defined by :mod:`l10n.workflow.queue` (on :mod:`l10n.workflow.policy`).
2. ``approve`` records one approval by a named person of an entry's exact msgid and
   msgstr (an ``l10n-reviewed:`` line with their digest, :mod:`l10n.catalog.provenance`),
   removes ``fuzzy`` and the previous msgid, and updates ``PO-Revision-Date`` and
   ``Last-Translator``. It refuses an entry with an error-level finding, a
   pseudo-localized draft, and a second approval by the same person (approvals by one
   person count once). Each catalog is assessed and changed under its lock, so what is
   approved is exactly what was checked.
3. An approved translation is offered to every other unit of the locale with the same
   source text: an empty entry or a machine draft there becomes a reuse draft of it
   (fuzzy: it still needs its own approval where its article's policy asks).
4. ``waive`` records that a named reviewer judged the findings of one check on one
   entry acceptable, for a reason (an ``l10n-waived:`` line bound to the exact texts).
   It is refused for a check that finds nothing there, and for findings the check does
   not let anyone waive (:meth:`l10n.checks.Check.can_waive`).
5. The reviewer is ``--reviewer``, else ``L10N_REVIEWER``, else git's identity
   (``GIT_AUTHOR_NAME``/``GIT_AUTHOR_EMAIL``, else ``user.name``/``user.email`` of the
   git configuration): never the login name alone (:mod:`l10n.core.identity`).
6. ``log`` lists every approval and waiver recorded in the catalogs, with whether it
   still matches its entry's texts (``valid``) or not (``void``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from l10n.catalog import entries as catalog
from l10n.catalog import provenance
from l10n.catalog.entries import catalog_entries, read_translations
from l10n.checks import CHECKS, Check, entry_checked, scope_of
from l10n.core.config import Config
from l10n.core.errors import L10nError
from l10n.document.walker import read
from l10n.glossary.schema import glossary_of
from l10n.workflow.history import remember
from l10n.workflow.policy import Judged, assess, policy_of


@dataclass(slots=True)
class ApproveReport:
    approved: list[str] = field(default_factory=list)
    """``catalog:line`` of each entry approved."""
    refused: list[str] = field(default_factory=list)
    """``where: why`` of each entry not approved."""
    pending: list[str] = field(default_factory=list)
    """``catalog:line: k of n approvals`` of approved entries that need more people."""
    offered: list[str] = field(default_factory=list)
    """``catalog:line`` of each unit that got a reuse draft of an approved translation (rule 3)."""


def _articles_named(config: Config, locale: str, entries: Sequence[str]) -> list[str]:
    """The articles that *entries* (source references or catalog positions) point into."""
    found = []
    source = config.relative(config.source_dir) + "/"
    for article in config.articles():
        names = (f"{source}{article}.md:", f"{config.relative(config.catalog_path(locale, article))}:")
        if any(ref.startswith(names) for ref in entries):
            found.append(article)
    return found


def approve(config: Config, locale: str, articles: Sequence[str], entries: Sequence[str], reviewer: str) -> ApproveReport:
    """Approve the waiting entries of *articles* (all when empty) or those named in *entries* (rules 2, 3).

    An entry is named by a source reference (``source/x.md:39``) or a catalog
    position (``locales/es/LC_MESSAGES/x.po:120``).
    """
    glossary, policy = glossary_of(config), policy_of(config)
    report = ApproveReport()
    date = provenance.stamp()
    wanted = set(entries)
    matched: set[str] = set()
    approved: dict[str, tuple[str, str]] = {}
    texts: list[tuple[str, str, str]] = []
    chosen = articles or (_articles_named(config, locale, entries) if entries else config.articles())
    for article in chosen:
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue
        source = config.source_path(article)
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
        with catalog.edit(config.root, path, config.relative(path)) as po:
            item = assess(config, doc, article, locale, glossary, policy)
            done = 0
            for judged in item.waiting:
                where = f"{item.catalog}:{judged.entry.line}"
                names = {where, *judged.entry.references}
                if wanted and not names & wanted:
                    continue
                matched |= names & wanted
                why = _refusal(judged, reviewer)
                if why:
                    report.refused.append(f"{where}: {why}")
                    continue
                catalog.approve(po, judged.entry, reviewer, date)
                report.approved.append(where)
                done += 1
                have = len(provenance.reviewers([*(a.by for a in judged.approvals), reviewer]))
                if have < judged.needed:
                    report.pending.append(f"{where}: {have} of {judged.needed} approvals")
                approved.setdefault(judged.entry.msgid, (judged.entry.msgstr, article))
                texts.append((judged.entry.msgid, judged.entry.msgstr, date))
            if done:
                catalog.sign(po, reviewer, date)
    for missing in sorted(wanted - matched):
        report.refused.append(f"{missing}: no entry waiting for review there")
    remember(config.root, texts)  # what was approved, for the diff of a later edit (l10n.workflow.history)
    report.offered = _offer(config, locale, approved, reviewer, date)
    return report


def _refusal(judged: Judged, reviewer: str) -> str:
    """Why *reviewer* may not approve *judged* (empty when they may)."""
    if judged.pseudo:
        return "a pseudo-localized draft (engine pseudo) can never be approved: translate it for real first"
    if judged.errors:
        check, message = judged.errors[0]
        return f"error [{check.name}] {message}"
    mine = next((a for a in judged.approvals if provenance.same_person(a.by, reviewer)), None)
    if mine is not None:
        return f"already approved by {mine.by} on {mine.date}: approvals by one person count once, another reviewer must approve"
    return ""


def _offer(config: Config, locale: str, approved: dict[str, tuple[str, str]], reviewer: str, date: str) -> list[str]:
    """Offer each approved translation to the other units of *locale* with the same source text (rule 3)."""
    offered: list[str] = []
    if not approved:
        return offered
    for article in config.articles():
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue
        display = config.relative(path)
        targets = [
            t
            for t in read_translations(path, display)
            if t.msgid in approved and not t.obsolete and approved[t.msgid][0] != t.msgstr and approved[t.msgid][1] != article
        ]
        if not targets:
            continue
        with catalog.edit(config.root, path, display) as po:
            for entry in targets:
                text, origin = approved[entry.msgid]
                if catalog.offer(po, entry.msgid, text, provenance.reuse_draft(origin, date)):
                    offered.append(f"{display}:{entry.line}")
            if po.changed:
                catalog.sign(po, reviewer, date)
    return offered


def waive(config: Config, locale: str, entry: str, check: str, reason: str, reviewer: str) -> tuple[str, list[str]]:
    """Record *reviewer*'s waiver of *check* on the entry named *entry*, for *reason* (rule 4).

    Returns the entry's ``catalog:line`` and the messages the waiver covers; raises
    :class:`WaiverRefused` when the waiver cannot be given.
    """
    found = check_named(check)
    if found is None:
        msg = f"no check named {check!r} (checks: {', '.join(sorted({c.name for c in CHECKS}))})"
        raise L10nError(msg)
    if found.waivable is False:
        raise WaiverRefused(f"{entry}: the {check} check can never be waived: its findings are never published")
    if not " ".join(reason.split()):
        raise WaiverRefused(f"{entry}: a waiver needs a reason (--reason)")
    glossary = glossary_of(config)
    for article in _articles_named(config, locale, [entry]):
        path = config.confined(config.catalog_path(locale, article))
        if not path.exists():
            continue
        display = config.relative(path)
        scope = scope_of(config, article)
        with catalog.edit(config.root, path, display) as po:
            for info in po:
                where = f"{display}:{info.line}"
                if info.obsolete or not info.msgstr or entry not in (where, *info.references):
                    continue
                checked = entry_checked(info, locale, glossary, config.source_locale, scope)
                messages = [m for c, m in checked.findings if c.name == check] + [
                    m for c, m, _ in checked.waived if c.name == check
                ]
                if not messages:
                    raise WaiverRefused(f"{where}: the {check} check finds nothing to waive on this entry")
                covered = [m for m in messages if found.can_waive(m)]
                if not covered:
                    raise WaiverRefused(f"{where}: these findings of {check} can never be waived: {'; '.join(messages)}")
                date = provenance.stamp()
                catalog.waive(po, info, check, reviewer, date, reason)
                catalog.sign(po, None, date)  # a waiver is not a translation: Last-Translator stays
                return where, covered
    raise WaiverRefused(f"{entry}: no translated entry there")


class WaiverRefused(L10nError):
    """A waiver that cannot be given: an unwaivable check, nothing to waive, no such entry."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Record:
    """One approval or waiver recorded in a catalog (rule 6)."""

    kind: str
    """``approval`` or ``waiver``."""
    locale: str
    article: str
    path: str
    line: int
    source: str
    msgid: str
    obsolete: bool
    by: str
    date: str
    digest: str
    valid: bool
    """Whether it still matches its entry's msgid and msgstr."""
    check: str = ""
    reason: str = ""
    was: str = ""
    """The draft an approval replaced."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def log(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[Record]:
    """Every approval and waiver of the selected catalogs, oldest first (rule 6)."""
    records: list[Record] = []
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if provenance.REVIEWED not in entry.comment and provenance.WAIVED not in entry.comment:
            continue
        current = provenance.digest(entry.msgid, entry.msgstr)
        ref = entry.references[0] if entry.references else ""
        where = (locale, article, display, entry.line, ref, entry.msgid, entry.obsolete)
        records.extend(
            Record("approval", *where, a.by, a.date, a.digest, a.valid(current), was=a.was)
            for a in provenance.approvals(entry.comment)
        )
        records.extend(
            Record("waiver", *where, w.by, w.date, w.digest, w.valid(current), w.check, w.reason)
            for w in provenance.waivers(entry.comment)
        )
    records.sort(key=lambda r: (r.date, r.path, r.line, r.kind))
    return records


def check_named(name: str) -> Check | None:
    """The registered check *name*, if any."""
    return next((c for c in CHECKS if c.name == name), None)
