"""Coverage for reports: each article's assessment, read back from the check cache when nothing changed.

Rules:

1. What a report shows of an article whose source and catalog are as the check cache last saw
   them (rule 4 of :mod:`l10n.checks.cache`) is read back from its record: neither file is
   parsed. The record (:class:`CoverageRecord`) keeps the figures and the units waiting or
   waived with their raw findings, which are judged again under the policy when read (an
   approval's signature too, so a revoked key counts at once).
2. Otherwise the article is assessed (:func:`l10n.workflow.assessment.assess`) and its record kept.
3. The glossary terms a source uses (:func:`l10n.glossary.gaps.terms_in`) are kept in the check
   cache too, under its path, size and times (rule 4 of :mod:`l10n.checks.cache`; its salt holds
   the glossary): an unchanged source is not parsed again to tell a locale's glossary gaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from l10n.catalog.signatures import Verifier
from l10n.checks import check_cache, honour, pack, unpack
from l10n.core.config import Config
from l10n.document.walker import read
from l10n.glossary.gaps import Gap, gaps_of, terms_in
from l10n.glossary.schema import glossary_of
from l10n.workflow.assessment import Coverage, assess, sealer, verifier_for
from l10n.workflow.policy import WAITING, Policy, judge, policy_of


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
    glossary = glossary_of(config)
    own = policy_of(config)
    policy = policy or own
    cache = check_cache(config, glossary)
    verifier = verifier_for(config, policy)
    kind = f"coverage:{verifier.state}" if verifier is not None else "coverage"  # a key revoked: judged again
    for article in articles or config.articles():
        source = config.source_path(article)
        doc = None
        for locale in locales or config.locales:
            catalog = config.confined(config.catalog_path(locale, article))
            key = cache.catalog_key(locale, str(catalog), str(source), kind) if policy == own else None
            item = _remembered(cache.record(key), article, locale, policy, verifier) if key is not None else None
            if item is None:
                if doc is None:
                    doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
                item = assess(config, doc, article, locale, glossary, policy)
                if key is not None:
                    cache.keep(key, str(catalog), _summary(item), kind)
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


def _remembered(
    stored: list[Any] | None, article: str, locale: str, policy: Policy, verifier: Verifier | None = None
) -> Coverage | None:
    """A coverage read back from :func:`_summary`'s record, its units judged again from their raw findings."""
    record = CoverageRecord.load(stored)
    found = unpack(record.findings) if record is not None else None
    if record is None or found is None:
        return None
    item = Coverage(article, locale, record.source, record.catalog, record.units, record.words, record.errors, record.waived)
    item.failures, item.required_missing = record.failures, record.required_missing
    if verifier is not None:
        verifier.prepare(locale, article, [entry for entry, _ in found])
    item.judged = [
        judge(entry, honour(entry, raw), needs, policy, sealer(verifier, locale, article, entry))
        for (entry, raw), needs in zip(found, record.required, strict=True)
    ]
    item.waiting = [j for j in item.judged if j.state in WAITING]
    return item


def glossary_gaps(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[Gap]:
    """One :class:`l10n.glossary.gaps.Gap` per locale of *locales* (default: the configured ones), for the
    sources of *articles* (default: all), each source's terms read back from the check cache while it is
    unchanged (rule 3)."""
    glossary = glossary_of(config)
    chosen = tuple(locales or config.locales)
    if not glossary.terms:
        return gaps_of(glossary, (), chosen)
    cache = check_cache(config, glossary)
    by_name = {term.term: term for term in glossary.terms}
    used: set[str] = set()
    for article in articles or config.articles():
        source = config.source_path(article)
        key = cache.catalog_key("", str(source), str(source), "terms")
        names = cache.record(key) if key is not None else None
        if names is None or not all(isinstance(name, str) and name in by_name for name in names):
            doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
            names = sorted(term.term for term in terms_in(glossary, (unit.text for unit in doc.units)))
            if key is not None:
                cache.keep(key, str(source), names, "terms")
        used.update(names)
    cache.flush(force=True)
    return gaps_of(glossary, (by_name[name] for name in used), chosen)


def glossary_warnings(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[str]:
    """The warning of each locale of :func:`glossary_gaps` that lacks a rendering: what ``init`` and ``check`` print."""
    return [gap.message() for gap in glossary_gaps(config, locales, articles) if gap.told]
