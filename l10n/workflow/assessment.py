"""The assessment of one article in one locale against the publishing policy: :class:`Coverage`.

Each unit of the article is judged by :func:`l10n.workflow.policy.judge`; this module counts
them, gathers what may be published, shown or held, and says why a post may not be published.

Rules:

1. The units of an article are the distinct texts of its source (what ``l10n build``
   publishes), looked up in the locale's catalog, each counted once, in words (of the source
   text, split on white space) and as one unit, in exactly one state
   (:mod:`l10n.workflow.policy` rule 1).
2. ``errors`` counts error-level findings on those units, as ``l10n check`` reports
   them; a finding a valid waiver covers is not one (``waived`` counts the units with
   one). Percentages are reviewed words over all words, floored to one decimal so that
   99.96 % never shows as 100 %. An article with no words is 100 % reviewed.
3. An article may be published when the policy (:mod:`l10n.workflow.policy` rules 3, 4 and 7)
   allows it; otherwise :meth:`Coverage.reasons` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.catalog.entries import Translation, read_translations
from l10n.catalog.signatures import Verifier, verifier_of
from l10n.core.config import Config
from l10n.document.model import Document, Unit
from l10n.glossary.model import Glossary
from l10n.workflow.policy import STATES, WAITING, Judged, Policy, Sealer, counts, judge, percent


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
