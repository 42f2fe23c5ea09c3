"""The publishing policy, and the assessment of one article in one locale against it.

``build``, ``status``, ``review`` and the review queue all stand on this module; it
knows nothing of reports or queues.

Rules:

1. The units of an article are the distinct texts of its source (what ``l10n build``
   publishes), looked up in the locale's catalog. Each is counted once, in words (of
   the source text, split on white space) and as one unit, in exactly one state:

   - ``reviewed``: a translation without ``fuzzy`` that passes every error-level check
     and has as many valid approvals by distinct people as the policy asks (rule 4);
   - ``unapproved``: translated, awaiting approval (Weblate's "waiting for review"): a
     translation without ``fuzzy`` that passes the checks but lacks approvals, such as
     a translator's edit in Poedit, Lokalize or Weblate, a PO editor's "unfuzzy", or an
     approved text edited since;
   - ``draft``: a fuzzy translation waiting for review that ``l10n`` drafted (an
     ``l10n-draft:`` provenance line: machine or reuse draft), and any pseudo-localized
     text, fuzzy or not (rule 5);
   - ``outdated``: a fuzzy translation of a previous source text (``#| msgid``);
   - ``flagged``: a fuzzy translation with neither: flagged by hand in an editor, or
     made fuzzy by a ``msgmerge`` run without ``--previous`` (which drops ``#|``), so
     possibly outdated; nothing in the file tells which;
   - ``failing``: a translation without ``fuzzy`` that fails an error-level check, so
     the build keeps the source text;
   - ``untranslated``: no entry, or an empty translation.

   A fuzzy entry is never also counted as translated (unlike ``msgfmt --statistics``
   readers that add translated and fuzzy).
2. ``errors`` counts error-level findings on those units, as ``l10n check`` reports
   them; a finding a valid waiver covers is not one (``waived`` counts the units with
   one). Percentages are reviewed words over all words, floored to one decimal so that
   99.96 % never shows as 100 %. An article with no words is 100 % reviewed.
3. The policy (``[tool.l10n.build]``): a localized article is published when its
   reviewed share of words is at least ``min_reviewed`` (default 100) and every
   required unit is reviewed. A unit is required when it is marked
   ``<!-- l10n:required -->`` in the source or its text matches one of the regular
   expressions in ``required``.
4. Approvals (``[tool.l10n.review]``): with ``require_approval`` (default true) a unit
   is reviewed only when at least ``min_approvals`` people (default 1) approved its
   exact current texts, ``min_approvals_required_units`` people (default 1, never
   fewer than ``min_approvals``) for a required unit; approvals by one person count
   once. With ``require_approval = false``, gettext's convention holds: a translation
   without ``fuzzy`` is reviewed. A unit with a waived error needs one approval more,
   and an approver other than the waiver's author: the author counts as one of them.
6. Signatures (``[tool.l10n.review] signatures``, :mod:`l10n.catalog.signatures`): with
   ``required``, only verified records count, approvals and waivers alike, and people
   are told apart by their keys (one key enrolled under two names is one person); an
   unsigned, forged, badly signed, unknown-key or expired record counts for nothing and
   is kept in :attr:`Judged.unverified` to be shown. With ``warn`` or ``off``, records
   count by their digest and people by name, as before signatures; ``warn`` shows the
   seals.
5. Pseudo-localized text (:func:`l10n.mt.engines.pseudo.is_pseudo`) is never reviewed,
   whatever its flags and approvals say.
7. Outdated units (``[tool.l10n.build] outdated``, :data:`OUTDATED`): after a source edit,
   ``extract`` marks the changed units' translations fuzzy with ``#| msgid``. With
   ``hold`` (the default) they count as not reviewed, like any other unit, so a post whose
   source changed is held back until they are reviewed again; with ``previous`` the same,
   and the build keeps serving the version it last published (:mod:`l10n.build.posts`);
   with ``fallback`` their words count towards ``min_reviewed`` as if reviewed and the
   post is published with those units in the source language. A required unit must be
   reviewed whatever the mode: an outdated one still holds its post back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.catalog import provenance
from l10n.catalog.entries import Translation, read_translations
from l10n.catalog.provenance import Approval, Waiver
from l10n.catalog.signatures import Seal, Verifier, verifier_of
from l10n.checks import ERROR, Check, Checked
from l10n.core.config import Config
from l10n.core.patterns import search
from l10n.document.model import Document, Unit
from l10n.glossary.model import Glossary

STATES = ("reviewed", "unapproved", "draft", "outdated", "flagged", "failing", "untranslated")
"""Every state a unit can be in, in the order reports show them."""
WAITING = ("unapproved", "draft", "outdated", "flagged")
"""The states of the units waiting for a reviewer (:attr:`Coverage.waiting`)."""
OUTDATED = ("hold", "previous", "fallback")
"""What a build does with a post whose source changed since its units were reviewed (rule 6)."""


@dataclass(frozen=True, slots=True)
class Policy:
    """When a localized article may be published."""

    min_reviewed: float = 100.0
    """Minimum percent of words reviewed."""
    required: tuple[str, ...] = ()
    """Regular expressions: units whose text matches one must be reviewed."""
    require_approval: bool = True
    """Whether a translation without ``fuzzy`` needs recorded approvals (rule 4)."""
    min_approvals: int = 1
    """Distinct people whose approval makes a unit reviewed."""
    min_approvals_required_units: int = 1
    """The same, for a required unit."""
    outdated: str = "hold"
    """One of :data:`OUTDATED` (rule 7)."""
    signatures: str = "off"
    """``required``: only verified records count (rule 6); ``warn``; ``off``."""

    def requires(self, text: str) -> bool:
        """Whether *text* matches a required pattern (RE2, linear time: see :mod:`l10n.core.patterns`)."""
        return any(search(pattern, text) for pattern in self.required)

    def needed(self, required: bool) -> int:
        """Approvals a unit needs (0 when approvals are not required)."""
        if not self.require_approval:
            return 0
        return max(self.min_approvals, self.min_approvals_required_units) if required else self.min_approvals

    def as_dict(self) -> dict[str, Any]:
        return {
            "min_reviewed": self.min_reviewed,
            "required": list(self.required),
            "require_approval": self.require_approval,
            "min_approvals": self.min_approvals,
            "min_approvals_required_units": self.min_approvals_required_units,
            "outdated": self.outdated,
            "signatures": self.signatures,
        }


def fuzzy_state(entry: Translation) -> str:
    """The state of a fuzzy entry with a translation: ``outdated``, ``draft`` or ``flagged`` (rule 1)."""
    if entry.previous is not None:
        return "outdated"
    return "draft" if provenance.draft_of(entry.comment) else "flagged"


def policy_of(config: Config) -> Policy:
    """The policy of ``[tool.l10n.build]`` and ``[tool.l10n.review]`` (validated when loaded)."""
    build, review = config.settings.build, config.settings.review
    return Policy(
        build.min_reviewed,
        build.required,
        review.require_approval,
        review.min_approvals,
        review.min_approvals_required_units,
        build.outdated,
        review.signatures,
    )


def percent(part: int, whole: int) -> float:
    """*part* of *whole* in percent, floored to one decimal (100.0 for an empty whole)."""
    return 100.0 if whole == 0 else math.floor(part * 1000 / whole) / 10


def counts() -> dict[str, int]:
    """A zero count for every state, and the total."""
    return dict.fromkeys((*STATES, "total"), 0)


def is_pseudo(entry: Translation) -> bool:
    """Whether *entry*'s translation is pseudo-localized (rule 5)."""
    from l10n.mt.engines.pseudo import is_pseudo as marked

    return marked(entry.msgid, entry.msgstr)


@dataclass(frozen=True, slots=True)
class Judged:
    """One translated entry as the policy sees it: its state and why."""

    entry: Translation
    state: str
    """One of :data:`STATES` (never ``untranslated``)."""
    required: bool
    findings: list[tuple[Check, str]]
    """The findings that count (errors first is the reader's business)."""
    waived: list[tuple[Check, str, Waiver]]
    """Findings a valid waiver covers."""
    approvals: tuple[Approval, ...]
    """Valid approvals: of the exact current texts."""
    void: tuple[Approval, ...]
    """Approvals of texts since edited (or recorded without a digest)."""
    reviewers: tuple[str, ...]
    """One identity per person among the valid approvals."""
    needed: int
    """Distinct approvals the policy asks for this unit (0: none), one more with a waived error."""
    pseudo: bool
    unverified: tuple[tuple[Approval, str], ...] = ()
    """Approvals of the current texts that count for nothing (rule 6), each with its seal's status."""
    keys: tuple[str, ...] = ()
    """The fingerprints of the keys of :attr:`approvals` (signatures required)."""

    @property
    def errors(self) -> list[tuple[Check, str]]:
        return [(c, m) for c, m in self.findings if c.severity == ERROR]


Sealer = Callable[[Approval | Waiver], Seal]
"""The seal of a record of the entry being judged (:meth:`l10n.catalog.signatures.Verifier.seal`)."""


def judge(entry: Translation, findings: Checked, required: bool, policy: Policy, seal: Sealer | None = None) -> Judged:
    """The state of a translated *entry* given its *findings* and its records' seals (rules 1, 4, 5, 6)."""
    current = provenance.digest(entry.msgid, entry.msgstr)
    recorded = provenance.approvals(entry.comment) if provenance.REVIEWED in entry.comment else []
    strict = policy.signatures == "required"

    def counts(record: Approval | Waiver) -> bool:
        return not strict or (seal is not None and seal(record).verified)

    def status(record: Approval | Waiver) -> str:
        return seal(record).status if seal is not None else "unsigned"

    valid = tuple(a for a in recorded if a.valid(current) and counts(a))
    unverified = tuple((a, status(a)) for a in recorded if a.valid(current) and not counts(a))
    void = tuple(a for a in recorded if not a.valid(current))
    active, waived = findings.findings, findings.waived
    if strict and waived:
        active = [*active, *((c, m) for c, m, w in waived if not counts(w))]
        waived = [(c, m, w) for c, m, w in waived if counts(w)]
    authors = [w for c, _, w in waived if c.severity == ERROR]
    needed = policy.needed(required)
    if needed and authors:
        needed += 1
    people, keys, outsider = _people(list(valid), authors, strict, seal)
    pseudo = is_pseudo(entry)
    errors = any(c.severity == ERROR for c, _ in active)
    if entry.fuzzy:
        state = fuzzy_state(entry)
    elif pseudo:
        state = "draft"
    elif errors:
        state = "failing"
    elif len(people) < needed or (needed and authors and not outsider):
        state = "unapproved"
    else:
        state = "reviewed"
    return Judged(entry, state, required, active, waived, valid, void, people, needed, pseudo, unverified, keys)


def _people(
    approvals: list[Approval], authors: list[Waiver], strict: bool, seal: Sealer | None
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """One name per person among the approvers and the authors of waived errors, the approvers' keys, and whether
    an approver is someone other than every such author (rules 4, 6): by key when *strict*, else by name."""
    if strict and seal is not None:
        first: dict[str, str] = {}
        records: list[Approval | Waiver] = [*approvals, *authors]
        for record in records:
            first.setdefault(seal(record).key, record.by)
        mine = tuple(dict.fromkeys(seal(a).key for a in approvals))
        outsider = bool(set(mine) - {seal(w).key for w in authors})
        return tuple(first.values()), mine, outsider
    people = tuple(provenance.reviewers([*(a.by for a in approvals), *(w.by for w in authors)]))
    outsider = any(not any(provenance.same_person(a.by, w.by) for w in authors) for a in approvals)
    return people, (), outsider


@dataclass(slots=True)
class Coverage:
    """One article in one locale: the state of every unit, and what may be published."""

    article: str
    locale: str
    source: str
    catalog: str
    units: dict[str, int] = field(default_factory=counts)
    words: dict[str, int] = field(default_factory=counts)
    errors: int = 0
    waived: dict[str, int] = field(default_factory=lambda: {"units": 0, "words": 0})
    """Units (and their words) with a finding a valid waiver covers."""
    reviewed: dict[str, str] = field(default_factory=dict)
    """Source text to reviewed translation: what may be published."""
    drafts: dict[str, str] = field(default_factory=dict)
    """Source text to draft, flagged or unapproved translation without error findings: what a preview shows."""
    lines: dict[str, int] = field(default_factory=dict)
    """Source text to its entry's line in the catalog."""
    states: dict[str, str] = field(default_factory=dict)
    """Source text to its unit's state (one of :data:`STATES`)."""
    failures: list[str] = field(default_factory=list)
    """``catalog:line: error [check] message; kept the source text of source:line`` of each failing unit."""
    required_missing: list[str] = field(default_factory=list)
    """``source:line "first words" is not reviewed`` of each required unit that is not (its note
    rather than its words when it has one), with the approvals it lacks."""
    waiting: list[Judged] = field(default_factory=list)
    """The translated (awaiting approval), draft, outdated and flagged units, in source order."""
    judged: list[Judged] = field(default_factory=list)
    """Every unit with a translation, in source order (the waivers and approvals are on them)."""
    where: dict[str, str] = field(default_factory=dict)
    """Source text to ``source:line`` of its first unit (filled by :func:`assess` only)."""

    @property
    def reviewed_percent(self) -> float:
        return percent(self.words["reviewed"], self.words["total"])

    def reasons(self, policy: Policy, held: Sequence[str] = ()) -> list[str]:
        """Why this article may not be published (empty when it may).

        *held* names units the build could not use after all (the structural guard).
        """
        reviewed = self.words["reviewed"] - sum(len(text.split()) for text in set(held) if text in self.reviewed)
        if policy.outdated == "fallback":  # rule 6: shown in the source language, not holding the post back
            reviewed += self.words["outdated"]
        found = []
        if reviewed * 100 < policy.min_reviewed * self.words["total"]:
            shown = percent(reviewed, self.words["total"])
            found.append(f"{shown:g}% of words reviewed, below the minimum of {policy.min_reviewed:g}%")
        found.extend(f"required unit {missing}" for missing in self.required_missing)
        return found

    def pending(self, states: Sequence[str] = STATES[1:], shown: int = 3) -> list[str]:
        """The units not reviewed, by state: ``1 outdated unit: source/x.md:20`` (at most *shown* places each)."""
        found = []
        for state in states:
            places = [self.where[text] for text, now in self.states.items() if now == state and text in self.where]
            if places:
                more = f" and {len(places) - shown} more" if len(places) > shown else ""
                noun = "unit" if len(places) == 1 else "units"
                found.append(f"{len(places)} {state} {noun}: {', '.join(places[:shown])}{more}")
        return found

    def as_dict(self, policy: Policy) -> dict[str, Any]:
        reasons = self.reasons(policy)
        return {
            "article": self.article,
            "locale": self.locale,
            "source": self.source,
            "catalog": self.catalog,
            "units": self.units,
            "words": self.words,
            "errors": self.errors,
            "waived": self.waived,
            "reviewed_percent": self.reviewed_percent,
            "publishable": not reasons,
            "reasons": reasons,
        }


def assess(config: Config, doc: Document, article: str, locale: str, glossary: Glossary, policy: Policy) -> Coverage:
    """The coverage of *doc* (the source of *article*) in *locale*, checking every translation."""
    from l10n.checks import check_cache, entry_checked, prefetch, scope_of

    scope = scope_of(config, article, doc)
    cache = check_cache(config, glossary)
    path = config.confined(config.catalog_path(locale, article))
    catalog = config.relative(path)
    entries: dict[str, Translation] = {}
    verifier = verifier_for(config, policy)
    if path.exists():
        entries = {t.msgid: t for t in read_translations(path, catalog) if not t.obsolete}
        prefetch(cache, locale, scope, entries.values())
        if verifier is not None:
            verifier.prepare(locale, article, entries.values())
    result = Coverage(article, locale, doc.path, catalog)
    first_unit: dict[str, Unit] = {}
    required: set[str] = set()
    for unit in doc.units:
        first_unit.setdefault(unit.text, unit)
        if unit.required or policy.requires(unit.text):
            required.add(unit.text)
    for text, unit in first_unit.items():
        entry = entries.get(text)
        words = len(text.split())
        judged = None
        if entry is None or not entry.msgstr:
            state = "untranslated"
        else:
            checked = entry_checked(entry, locale, glossary, config.source_locale, scope, cache)
            judged = judge(entry, checked, text in required, policy, sealer(verifier, locale, article, entry))
            state = judged.state
            _record(result, judged, doc.path, unit, words)
        result.states[text] = state
        result.where[text] = f"{doc.path}:{unit.line}"
        if entry is not None:
            result.lines[text] = entry.line
        for tally, amount in ((result.units, 1), (result.words, words)):
            tally[state] += amount
            tally["total"] += amount
        if text in required and state != "reviewed":
            lacking = f" ({len(judged.reviewers)} of {judged.needed} approvals)" if judged and state == "unapproved" else ""
            result.required_missing.append(f'{doc.path}:{unit.line} "{_named(unit)}" is not reviewed{lacking}')
    cache.flush()
    return result


def verifier_for(config: Config, policy: Policy) -> Verifier | None:
    """The project's verifier when records' seals are read (rule 6)."""
    return verifier_of(config) if policy.signatures != "off" else None


def sealer(verifier: Verifier | None, locale: str, article: str, entry: Translation) -> Sealer | None:
    """How :func:`judge` reads the seals of *entry*'s records (None: signatures off)."""
    if verifier is None:
        return None
    return lambda record: verifier.seal(locale, article, entry, record)


def _record(result: Coverage, judged: Judged, source: str, unit: Unit, words: int) -> None:
    """Add one translated unit's errors, waivers, and its text where it may be shown."""
    errors = judged.errors
    text, entry = unit.text, judged.entry
    result.judged.append(judged)
    result.errors += len(errors)
    if judged.waived:
        result.waived["units"] += 1
        result.waived["words"] += words
    if judged.state in WAITING:
        result.waiting.append(judged)
    if judged.state in ("unapproved", "draft", "flagged") and not errors:  # a flagged one may be a hand draft
        result.drafts[text] = entry.msgstr
    elif judged.state == "failing":
        problems = "; ".join(f"error [{check.name}] {message}" for check, message in errors)
        result.failures.append(f"{result.catalog}:{entry.line}: {problems}; kept the source text of {source}:{unit.line}")
    elif judged.state == "reviewed":
        result.reviewed[text] = entry.msgstr


def _named(unit: Unit, words: int = 8) -> str:
    """What a unit is, for a person reading a reason: its author's note, else its first *words* words."""
    if unit.notes:
        return " ".join(unit.notes[0].split())
    found = unit.text.split()
    return " ".join(found[:words]) + (" ..." if len(found) > words else "")
