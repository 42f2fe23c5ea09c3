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
5. Who acts (:func:`acting`): with a signing key (:class:`l10n.core.signing.Signer`:
   ``--key``, ``L10N_SIGNING_KEY``, git's ``user.signingKey`` with ``gpg.format=ssh``),
   the reviewer is the principal the key is enrolled under in the reviewers file, and
   ``--reviewer`` (or ``L10N_REVIEWER``) is only a check that must name that principal;
   every record is signed (:mod:`l10n.catalog.signatures`). With
   ``[review] signatures = "required"`` a key, enrolled, is needed. Without one (``warn``,
   ``off``) the reviewer is ``--reviewer``, else ``L10N_REVIEWER``, else git's identity:
   never the login name alone (:mod:`l10n.core.identity`), and the record is unsigned.
6. ``log`` lists every approval and waiver recorded in the catalogs, with whether it
   still matches its entry's texts (``valid``) or not (``void``), and its seal
   (``verified``, ``unsigned``, ``bad signature``, ``unknown key``, ``expired``).
7. One key approves an entry once: a second approval by the same key (signatures
   required) or the same person (otherwise) is refused. An approval by the author of a
   waived error is recorded but does not make the unit reviewed: it needs someone else
   (:mod:`l10n.workflow.policy`, rule 4).

For a program (the review web page): ``approve(config, locale, articles, entries,
reviewer, signer)`` and ``waive(config, locale, entry, check, reason, reviewer, signer)``,
where *reviewer* is the claimed identity or None and *signer* a
:class:`~l10n.core.signing.Signer` (``Signer(Path("~/.ssh/id_ed25519").expanduser())``)
or None.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from l10n.catalog import entries as catalog
from l10n.catalog import provenance, signatures, stamps
from l10n.catalog.entries import Translation, catalog_entries, read_translations
from l10n.catalog.people import same_person
from l10n.catalog.provenance import Approval, Waiver
from l10n.checks import CHECKS, ERROR, Check, Checked, entry_checked, scope_of
from l10n.core.config import Config
from l10n.core.errors import L10nError, SigningError
from l10n.core.identity import known_identity, reviewer_name
from l10n.core.signing import Signer, fingerprint
from l10n.document.walker import read
from l10n.glossary.schema import glossary_of
from l10n.workflow.assessment import assess, sealer
from l10n.workflow.history import remember
from l10n.workflow.policy import Judged, Policy, judge, policy_of


@dataclass(frozen=True, slots=True)
class Acting:
    """Who records an approval or a waiver (rule 5)."""

    name: str
    """As recorded (``by=``): the key's principal when signing."""
    signer: Signer | None = None
    key: str = ""
    """The fingerprint of the signing key, if any."""
    enrolled: bool = False
    """Whether the key is in the reviewers file under *name*."""

    def sign(self, locale: str, article: str, entry: Translation, record: Approval | Waiver) -> str:
        if self.signer is None:
            return ""
        return signatures.sign(self.signer, locale, article, entry.msgid, entry.msgstr, record)


def acting(config: Config, reviewer: str | None, signer: Signer | None) -> Acting:
    """Who acts, given the claimed *reviewer* (or None) and the signing key (rule 5)."""
    mode = config.settings.review.signatures
    claimed = reviewer or os.environ.get("L10N_REVIEWER") or None
    if signer is None:
        if mode == "required":
            msg = (
                "this project requires signed approvals: pass --key ~/.ssh/id_ed25519 (or its .pub with an agent),"
                " set L10N_SIGNING_KEY, or git's user.signingKey with gpg.format=ssh"
            )
            raise SigningError(msg)
        return Acting(reviewer_name(claimed, config.root))
    verifier = signatures.verifier_of(config)
    names = verifier.principals(signer)
    key = fingerprint(signer.public_key()[1])
    if not names:
        if mode == "required":
            msg = f"the key {key} is not enrolled in {verifier.display}: send its public half to a maintainer"
            raise SigningError(msg)
        return Acting(reviewer_name(claimed, config.root), signer, key)
    if claimed:
        chosen = [n for n in names if same_person(n, claimed)]
        if not chosen:
            msg = f"{claimed!r} is not who the key {key} is enrolled as in {verifier.display} ({'; '.join(names)})"
            raise SigningError(msg)
        return Acting(chosen[0], signer, key, True)
    mine = known_identity(config.root)
    chosen = [n for n in names if mine and same_person(n, mine)]
    return Acting((chosen or names)[0], signer, key, True)


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
    warnings: list[str] = field(default_factory=list)
    """Why the approvals recorded will not be verified (``signatures = "warn"``)."""


def _articles_named(config: Config, locale: str, entries: Sequence[str]) -> list[str]:
    """The articles that *entries* (source references or catalog positions) point into."""
    found = []
    source = config.relative(config.source_dir) + "/"
    for article in config.articles():
        names = (f"{source}{article}.md:", f"{config.relative(config.catalog_path(locale, article))}:")
        if any(ref.startswith(names) for ref in entries):
            found.append(article)
    return found


def approve(
    config: Config,
    locale: str,
    articles: Sequence[str],
    entries: Sequence[str],
    reviewer: str | None = None,
    signer: Signer | None = None,
) -> ApproveReport:
    """Approve the waiting entries of *articles* (all when empty) or those named in *entries* (rules 2, 3, 5, 7).

    An entry is named by a source reference (``source/x.md:39``) or a catalog
    position (``locales/es/LC_MESSAGES/x.po:120``). *reviewer* is who claims to act
    (None: ``L10N_REVIEWER`` or git's identity); *signer* the key that signs.
    """
    glossary, policy = glossary_of(config), policy_of(config)
    who = acting(config, reviewer, signer)
    report = ApproveReport()
    if policy.signatures == "warn" and not who.enrolled:
        why = f"the key {who.key} is not enrolled" if who.signer else "no signing key (--key, L10N_SIGNING_KEY)"
        report.warnings.append(f"approvals recorded unsigned or unverifiable: {why}")
    date = stamps.stamp()
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
                why = _refusal(judged, who, policy)
                if why:
                    report.refused.append(f"{where}: {why}")
                    continue
                record = Approval(who.name, date, provenance.digest(judged.entry.msgid, judged.entry.msgstr))
                after = catalog.approve(po, judged.entry, who.name, date, who.sign(locale, article, judged.entry, record))
                report.approved.append(where)
                done += 1
                again = _rejudged(config, judged, after, policy, locale, article)
                if again.state != "reviewed" and again.needed:
                    waived = any(c.severity == ERROR for c, _, _ in again.waived)
                    lacking = " (a waived error: its waiver's author and someone else)" if waived else ""
                    report.pending.append(f"{where}: {len(again.reviewers)} of {again.needed} approvals{lacking}")
                approved.setdefault(judged.entry.msgid, (judged.entry.msgstr, article))
                texts.append((judged.entry.msgid, judged.entry.msgstr, date))
            if done:
                catalog.sign(po, who.name, date)
    for missing in sorted(wanted - matched):
        report.refused.append(f"{missing}: no entry waiting for review there")
    remember(config.root, texts)  # what was approved, for the diff of a later edit (l10n.workflow.history)
    report.offered = _offer(config, locale, approved, who.name, date)
    return report


def _rejudged(config: Config, judged: Judged, entry: Translation, policy: Policy, locale: str, article: str) -> Judged:
    """*judged* as its entry stands after an approval (its findings as they were)."""
    findings = Checked(judged.findings, judged.waived)
    verifier = signatures.verifier_of(config) if policy.signatures != "off" else None
    return judge(entry, findings, judged.required, policy, sealer(verifier, locale, article, entry))


def _refusal(judged: Judged, who: Acting, policy: Policy) -> str:
    """Why *who* may not approve *judged* (empty when they may; rule 7)."""
    if judged.pseudo:
        return "a pseudo-localized draft (engine pseudo) can never be approved: translate it for real first"
    if judged.errors:
        check, message = judged.errors[0]
        return f"error [{check.name}] {message}"
    if policy.signatures == "required" and who.key in judged.keys:
        return f"already approved with the key {who.key}: a key counts once, another reviewer must approve"
    mine = next((a for a in judged.approvals if same_person(a.by, who.name)), None)
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


def waive(
    config: Config,
    locale: str,
    entry: str,
    check: str,
    reason: str,
    reviewer: str | None = None,
    signer: Signer | None = None,
) -> tuple[str, list[str]]:
    """Record a waiver of *check* on the entry named *entry*, for *reason*, by who acts (rules 4, 5).

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
    who = acting(config, reviewer, signer)
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
                date = stamps.stamp()
                current = provenance.digest(info.msgid, info.msgstr)
                record = Waiver(check, who.name, date, current, provenance.reason_text(reason))
                catalog.waive(po, info, check, who.name, date, reason, who.sign(locale, article, info, record))
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
    signature: str = ""
    """Its seal: ``verified``, ``unsigned``, ``bad signature``, ``unknown key``, ``expired``, ``unchecked``."""
    key: str = ""
    """The fingerprint of the key that signed it, if it names one."""
    check: str = ""
    reason: str = ""
    was: str = ""
    """The draft an approval replaced."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def log(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[Record]:
    """Every approval and waiver of the selected catalogs, oldest first (rule 6)."""
    records: list[Record] = []
    verifier = signatures.verifier_of(config)
    found = [
        item
        for item in catalog_entries(config, locales, articles)
        if provenance.REVIEWED in item[3].comment or provenance.WAIVED in item[3].comment
    ]
    verifier.prepare_all([(locale, article, entry) for article, locale, _, entry in found])  # one parallel batch
    for article, locale, display, entry in found:
        current = provenance.digest(entry.msgid, entry.msgstr)
        ref = entry.references[0] if entry.references else ""
        where = (locale, article, display, entry.line, ref, entry.msgid, entry.obsolete)
        for a in provenance.approvals(entry.comment):
            seal = verifier.seal(locale, article, entry, a)
            records.append(Record("approval", *where, a.by, a.date, a.digest, a.valid(current), seal.status, seal.key, was=a.was))
        for w in provenance.waivers(entry.comment):
            seal = verifier.seal(locale, article, entry, w)
            records.append(
                Record("waiver", *where, w.by, w.date, w.digest, w.valid(current), seal.status, seal.key, w.check, w.reason)
            )
    records.sort(key=lambda r: (r.date, r.path, r.line, r.kind))
    return records


def check_named(name: str) -> Check | None:
    """The registered check *name*, if any."""
    return next((c for c in CHECKS if c.name == name), None)
