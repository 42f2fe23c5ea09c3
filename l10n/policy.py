"""The publishing policy, and the assessment of one article in one locale against it.

``build``, ``status`` and ``review`` all stand on this module; it knows nothing of
reports or queues.

Rules:

1. The units of an article are the distinct texts of its source (what ``l10n build``
   publishes), looked up in the locale's catalog. Each is counted once, in words (of
   the source text, split on white space) and as one unit, in exactly one state:

   - ``reviewed``: a translation without ``fuzzy`` that passes every error-level check;
   - ``draft``: a fuzzy translation waiting for review that ``l10n`` drafted (an
     ``l10n-draft:`` provenance line: machine or reuse draft);
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
   them; percentages are reviewed words over all words, floored to one decimal so
   that 99.96 % never shows as 100 %. An article with no words is 100 % reviewed.
3. The policy (``[tool.l10n.build]``): a localized article is published when its
   reviewed share of words is at least ``min_reviewed`` (default 100) and every
   required unit is reviewed. A unit is required when it is marked
   ``<!-- l10n:required -->`` in the source or its text matches one of the regular
   expressions in ``required``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import provenance
from .catalog import Translation, read_translations
from .checks import ERROR, Check
from .config import Config
from .glossary import Glossary
from .markdown import Document, Unit

STATES = ("reviewed", "draft", "outdated", "flagged", "failing", "untranslated")
"""Every state a unit can be in, in the order reports show them."""


@dataclass(frozen=True, slots=True)
class Policy:
    """When a localized article may be published."""

    min_reviewed: float = 100.0
    """Minimum percent of words reviewed."""
    required: tuple[str, ...] = ()
    """Regular expressions: units whose text matches one must be reviewed."""

    def requires(self, text: str) -> bool:
        return any(re.search(pattern, text) for pattern in self.required)


def fuzzy_state(entry: Translation) -> str:
    """The state of a fuzzy entry with a translation: ``outdated``, ``draft`` or ``flagged`` (rule 1)."""
    if entry.previous is not None:
        return "outdated"
    return "draft" if provenance.draft_of(entry.comment) else "flagged"


def policy_of(config: Config) -> Policy:
    """The policy of ``[tool.l10n.build]`` (validated when the configuration was loaded)."""
    table = config.table("build")
    return Policy(table["min_reviewed"], table["required"])


def percent(part: int, whole: int) -> float:
    """*part* of *whole* in percent, floored to one decimal (100.0 for an empty whole)."""
    return 100.0 if whole == 0 else math.floor(part * 1000 / whole) / 10


def counts() -> dict[str, int]:
    """A zero count for every state, and the total."""
    return dict.fromkeys((*STATES, "total"), 0)


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
    reviewed: dict[str, str] = field(default_factory=dict)
    """Source text to reviewed translation: what may be published."""
    drafts: dict[str, str] = field(default_factory=dict)
    """Source text to draft translation without error findings: what a preview shows."""
    lines: dict[str, int] = field(default_factory=dict)
    """Source text to its entry's line in the catalog."""
    failures: list[str] = field(default_factory=list)
    """``catalog:line: error [check] message; kept the source text of source:line`` of each failing unit."""
    required_missing: list[str] = field(default_factory=list)
    """``source:line`` of each required unit that is not reviewed."""
    waiting: list[tuple[Translation, list[tuple[Check, str]]]] = field(default_factory=list)
    """The draft, outdated and flagged entries, with their findings, in source order."""

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
        found.extend(f"required unit {where} is not reviewed" for where in self.required_missing)
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
            "reviewed_percent": self.reviewed_percent,
            "publishable": not reasons,
            "reasons": reasons,
        }


def assess(config: Config, doc: Document, article: str, locale: str, glossary: Glossary, policy: Policy) -> Coverage:
    """The coverage of *doc* (the source of *article*) in *locale*, checking every translation."""
    from .checks import check_cache, entry_findings, prefetch, scope_of

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
        findings = entry_findings(entry, locale, glossary, config.source_locale, scope, cache) if entry and entry.msgstr else []
        errors = [(c, m) for c, m in findings if c.severity == ERROR]
        if entry is None or not entry.msgstr:
            state = "untranslated"
        elif entry.fuzzy:
            state = fuzzy_state(entry)
            result.waiting.append((entry, findings))
            if state != "outdated" and not errors:  # a flagged one may be a hand draft: previews show it
                result.drafts[text] = entry.msgstr
        elif errors:
            state = "failing"
            problems = "; ".join(f"error [{check.name}] {message}" for check, message in errors)
            result.failures.append(f"{catalog}:{entry.line}: {problems}; kept the source text of {doc.path}:{unit.line}")
        else:
            state = "reviewed"
            result.reviewed[text] = entry.msgstr
        if entry is not None:
            result.lines[text] = entry.line
        result.errors += len(errors)
        for tally, amount in ((result.units, 1), (result.words, words)):
            tally[state] += amount
            tally["total"] += amount
        if text in required and state != "reviewed":
            result.required_missing.append(f"{doc.path}:{unit.line}")
    cache.flush()
    return result
