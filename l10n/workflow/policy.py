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
   without ``fuzzy`` is reviewed.
5. Pseudo-localized text (:func:`l10n.mt.engines.pseudo.is_pseudo`) is never reviewed,
   whatever its flags and approvals say.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.catalog import provenance
from l10n.catalog.entries import Translation, read_translations
from l10n.catalog.provenance import Approval, Waiver
from l10n.checks import ERROR, Check, Checked
from l10n.core.config import Config
from l10n.core.patterns import search
from l10n.document.walker import Document, Unit
from l10n.glossary.model import Glossary

STATES = ("reviewed", "unapproved", "draft", "outdated", "flagged", "failing", "untranslated")
"""Every state a unit can be in, in the order reports show them."""
WAITING = ("unapproved", "draft", "outdated", "flagged")
"""The states of the units waiting for a reviewer (:attr:`Coverage.waiting`)."""


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
        }


def fuzzy_state(entry: Translation) -> str:
    """The state of a fuzzy entry with a translation: ``outdated``, ``draft`` or ``flagged`` (rule 1)."""
    if entry.previous is not None:
        return "outdated"
    return "draft" if provenance.draft_of(entry.comment) else "flagged"


def policy_of(config: Config) -> Policy:
    """The policy of ``[tool.l10n.build]`` and ``[tool.l10n.review]`` (validated when loaded)."""
    build, review = config.table("build"), config.table("review")
    return Policy(
        build["min_reviewed"],
        build["required"],
        review["require_approval"],
        review["min_approvals"],
        review["min_approvals_required_units"],
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
    """Distinct approvals the policy asks for this unit (0: none)."""
    pseudo: bool

    @property
    def errors(self) -> list[tuple[Check, str]]:
        return [(c, m) for c, m in self.findings if c.severity == ERROR]


def judge(entry: Translation, findings: Checked, required: bool, policy: Policy) -> Judged:
    """The state of a translated *entry* given its *findings* (rules 1, 4, 5)."""
    current = provenance.digest(entry.msgid, entry.msgstr)
    recorded = provenance.approvals(entry.comment) if provenance.REVIEWED in entry.comment else []
    valid = tuple(a for a in recorded if a.valid(current))
    void = tuple(a for a in recorded if not a.valid(current))
    people = tuple(provenance.reviewers(a.by for a in valid))
    needed = policy.needed(required)
    pseudo = is_pseudo(entry)
    errors = any(c.severity == ERROR for c, _ in findings.findings)
    if entry.fuzzy:
        state = fuzzy_state(entry)
    elif pseudo:
        state = "draft"
    elif errors:
        state = "failing"
    elif len(people) < needed:
        state = "unapproved"
    else:
        state = "reviewed"
    return Judged(entry, state, required, findings.findings, findings.waived, valid, void, people, needed, pseudo)


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
    """``source:line is not reviewed`` of each required unit that is not, with the approvals it lacks."""
    waiting: list[Judged] = field(default_factory=list)
    """The translated (awaiting approval), draft, outdated and flagged units, in source order."""
    judged: list[Judged] = field(default_factory=list)
    """Every unit with a translation, in source order (the waivers and approvals are on them)."""

    @property
    def reviewed_percent(self) -> float:
        return percent(self.words["reviewed"], self.words["total"])

    def reasons(self, policy: Policy, held: Sequence[str] = ()) -> list[str]:
        """Why this article may not be published (empty when it may).

        *held* names units the build could not use after all (the structural guard).
        """
        reviewed = self.words["reviewed"] - sum(len(text.split()) for text in set(held) if text in self.reviewed)
        found = []
        if reviewed * 100 < policy.min_reviewed * self.words["total"]:
            shown = percent(reviewed, self.words["total"])
            found.append(f"{shown:g}% of words reviewed, below the minimum of {policy.min_reviewed:g}%")
        found.extend(f"required unit {missing}" for missing in self.required_missing)
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
    if path.exists():
        entries = {t.msgid: t for t in read_translations(path, catalog) if not t.obsolete}
        prefetch(cache, locale, scope, entries.values())
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
            judged = judge(entry, checked, text in required, policy)
            state = judged.state
            _record(result, judged, doc.path, unit, words)
        result.states[text] = state
        if entry is not None:
            result.lines[text] = entry.line
        for tally, amount in ((result.units, 1), (result.words, words)):
            tally[state] += amount
            tally["total"] += amount
        if text in required and state != "reviewed":
            lacking = f" ({len(judged.reviewers)} of {judged.needed} approvals)" if judged and state == "unapproved" else ""
            result.required_missing.append(f"{doc.path}:{unit.line} is not reviewed{lacking}")
    cache.flush()
    return result


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


def coverage(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (), policy: Policy | None = None
) -> Iterator[Coverage]:
    """The coverage of every selected article in every selected locale, article by article.

    What a report shows of an article whose source and catalog are as the check cache
    last saw them (rule 4 of :mod:`l10n.checks.cache`) is read back from it
    (:func:`_remembered`): neither file is parsed. Such a coverage has no reviewed texts
    or drafts (what the build splices, through :func:`assess`), and its ``judged`` are
    only the units waiting for review or with a waiver.
    """
    from l10n.checks import check_cache
    from l10n.document.walker import read
    from l10n.glossary.schema import glossary_of

    glossary = glossary_of(config)
    own = policy_of(config)
    policy = policy or own
    cache = check_cache(config, glossary)
    for article in articles or config.articles():
        source = config.source_path(article)
        doc = None
        for locale in locales or config.locales:
            catalog = config.confined(config.catalog_path(locale, article))
            key = cache.catalog_key(locale, str(catalog), str(source), "coverage") if policy == own else None
            item = _remembered(cache.record(key), article, locale, policy) if key is not None else None
            if item is None:
                if doc is None:
                    doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
                item = assess(config, doc, article, locale, glossary, policy)
                if key is not None:
                    cache.keep(key, str(catalog), _summary(item), "coverage")
            yield item
    cache.flush(force=True)


@dataclass(frozen=True, slots=True)
class CoverageRecord:
    """What the check cache keeps of a :class:`Coverage` (what a report needs, not what the build splices)."""

    source: str
    catalog: str
    units: dict[str, int]
    words: dict[str, int]
    errors: int
    waived: dict[str, int]
    failures: list[str]
    required_missing: list[str]
    required: list[bool]
    """Whether each kept unit is required (needs its approvals), in the order of :attr:`findings`."""
    findings: list[Any]
    """The units waiting or waived with their raw findings (:func:`l10n.checks.pack`), judged again when read."""

    def dump(self) -> list[Any]:
        """As JSON data for the cache."""
        return [getattr(self, name) for name in self.__slots__]

    @classmethod
    def load(cls, stored: Any) -> CoverageRecord | None:
        """What :meth:`dump` wrote, or None for data of another shape (a record of another layout)."""
        if not isinstance(stored, list) or len(stored) != len(cls.__slots__):
            return None
        return cls(*stored)


def _summary(item: Coverage) -> list[Any]:
    """A :class:`CoverageRecord` of *item* as JSON data: its figures, and the units waiting or waived with their
    raw findings (judged again when read)."""
    from l10n.checks import pack

    kept = [j for j in item.judged if j.state in WAITING or j.waived]
    raw = [(j.entry, [*j.findings, *((c, m) for c, m, _ in j.waived)]) for j in kept]
    return CoverageRecord(
        item.source,
        item.catalog,
        item.units,
        item.words,
        item.errors,
        item.waived,
        item.failures,
        item.required_missing,
        [j.required for j in kept],
        pack(raw),
    ).dump()


def _remembered(stored: list[Any] | None, article: str, locale: str, policy: Policy) -> Coverage | None:
    """A coverage read back from :func:`_summary`'s record, its units judged again from their raw findings."""
    from l10n.checks import honour, unpack

    record = CoverageRecord.load(stored)
    found = unpack(record.findings) if record is not None else None
    if record is None or found is None:
        return None
    item = Coverage(article, locale, record.source, record.catalog, record.units, record.words, record.errors, record.waived)
    item.failures, item.required_missing = record.failures, record.required_missing
    item.judged = [
        judge(entry, honour(entry, raw), needs, policy) for (entry, raw), needs in zip(found, record.required, strict=True)
    ]
    item.waiting = [j for j in item.judged if j.state in WAITING]
    return item
