"""Coverage of every article in every locale (``l10n status``): JSON, table, Markdown, HTML.

Rules:

1. Each article in each locale is assessed by :mod:`l10n.workflow.policy` (the states of its
   units, its words, its errors, whether it may be published); this module adds the
   figures up by locale and renders them.
2. The review queue lists the ``unapproved`` (translated, awaiting approval), ``draft``,
   ``outdated`` and ``flagged`` units of the articles reported, one item per unit (:mod:`l10n.workflow.queue`),
   so its length always equals their count.
3. ``waived`` counts, apart from the states, the units with a finding that a valid
   waiver covers; ``waivers`` lists each such waiver with its reason and the findings
   it covers.
4. ``--fail-under`` compares exact word counts, not the rounded percentage.
5. :func:`json_report` writes the JSON document as it is made, byte-identical to
   :func:`report` rendered by ``json.dumps``: the articles, the queue and the waivers
   are spooled (to disk past a few megabytes) while the locales' totals, which come
   first in the document, are added up, so its memory does not grow with the site.
6. Each locale's ``glossary`` says how many glossary terms its sources use that need a
   rendering there, and which of them the glossary does not render
   (:func:`l10n.workflow.coverage.glossary_gaps`): the renderings say it beside the figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.core.config import Config
from l10n.core.jsonstream import Spool, Stream, document
from l10n.workflow.coverage import coverage, glossary_gaps
from l10n.workflow.policy import STATES, Judged, counts, percent, policy_of
from l10n.workflow.queue import item_of

__all__ = ["SCHEMA", "below", "coverage", "json_report", "report", "waiver_records"]

SCHEMA = 1


@dataclass(slots=True)
class _Totals:
    """One locale's figures, added up over its articles."""

    units: dict[str, int] = field(default_factory=counts)
    words: dict[str, int] = field(default_factory=counts)
    errors: int = 0
    waived: dict[str, int] = field(default_factory=lambda: {"units": 0, "words": 0})
    articles: int = 0
    publishable: int = 0


def report(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> dict[str, Any]:
    """The ``l10n status --format json`` document (schema 1, see the README)."""
    rows: list[dict[str, Any]] = []
    queue: list[dict[str, Any]] = []
    waivers: list[dict[str, Any]] = []
    head, summary = _collect(config, locales, articles, rows.append, queue.append, waivers.append)
    return {**head, "locales": summary, "articles": rows, "queue": queue, "waivers": waivers}


def json_report(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (), summary: list[dict[str, Any]] | None = None
) -> Iterator[str]:
    """The pieces of :func:`report` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it (rule 5).

    *summary*, when given, receives the locales' rows (what ``--fail-under`` reads).
    """
    rows, queue, waivers = Spool(1), Spool(1), Spool(1)
    try:
        head, found = _collect(config, locales, articles, rows.add, queue.add, waivers.add)
        if summary is not None:
            summary.extend(found)
        members = [*head.items(), ("locales", found)]
        streams = [("articles", rows), ("queue", queue), ("waivers", waivers)]
        yield from document([*members, *((name, Stream(spool.pieces())) for name, spool in streams)])
    finally:
        for spool in (rows, queue, waivers):
            spool.close()


def _collect(
    config: Config,
    locales: Sequence[str],
    articles: Sequence[str],
    row_of: Callable[[dict[str, Any]], None],
    queued: Callable[[dict[str, Any]], None],
    waived: Callable[[dict[str, Any]], None],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Hand each article's row, queue item and waiver to the callables, in the report's order; return the
    document's first members and the locales' totals."""
    from l10n.core.locales import bcp47, display_name, language_names, text_direction

    policy = policy_of(config)
    chosen = tuple(locales or config.locales)
    now = time.time()
    totals = {code: _Totals() for code in chosen}
    for item in coverage(config, chosen, articles, policy):
        row = item.as_dict(policy)
        row_of(row)
        for judged in item.waiting:
            queued(item_of(item.locale, item.article, item.catalog, judged, now).as_dict())
        for record in waiver_records(item.locale, item.article, item.catalog, item.judged):
            waived(record)
        total = totals[item.locale]
        for state, amount in item.units.items():
            total.units[state] += amount
        for state, amount in item.words.items():
            total.words[state] += amount
        total.errors += item.errors
        for key, amount in item.waived.items():
            total.waived[key] += amount
        total.articles += 1
        total.publishable += row["publishable"]
    summary = []
    glossary = {gap.locale: gap.as_dict() for gap in glossary_gaps(config, chosen, articles)}  # rule 6
    for code in chosen:
        english, native = language_names(code)
        total = totals[code]
        summary.append(
            {
                "locale": code,
                "lang": bcp47(code),
                "dir": text_direction(code),
                "name": english,
                "native_name": native,
                "display_name": display_name(code),
                "units": total.units,
                "words": total.words,
                "errors": total.errors,
                "waived": total.waived,
                "reviewed_percent": percent(total.words["reviewed"], total.words["total"]),
                "articles": total.articles,
                "publishable": total.publishable,
                "glossary": glossary[code],
            }
        )
    head = {
        "schema": SCHEMA,
        "project": config.root.name,
        "source_locale": config.source_locale,
        "policy": policy.as_dict(),
        "states": list(STATES),
    }
    return head, summary


def waiver_records(locale: str, article: str, catalog: str, judged: Sequence[Judged]) -> Iterator[dict[str, Any]]:
    """Each waiver in force on the units *judged*, with the findings it covers (rule 3)."""
    for unit in judged:
        covered: dict[str, list[str]] = {}
        for check, message, _ in unit.waived:
            covered.setdefault(check.name, []).append(message)
        for check_name, messages in covered.items():
            waiver = next(w for c, _, w in unit.waived if c.name == check_name)
            entry = unit.entry
            yield {
                "locale": locale,
                "article": article,
                "path": catalog,
                "line": entry.line,
                "source": entry.references[0] if entry.references else "",
                "check": check_name,
                "by": waiver.by,
                "date": waiver.date,
                "reason": waiver.reason,
                "findings": messages,
                "msgid": entry.msgid,
            }


def below(data: dict[str, Any], minimum: float) -> list[str]:
    """Locales of a report with less than *minimum* percent of words reviewed, as ``es (93.2%)``."""
    return [
        f"{row['locale']} ({row['reviewed_percent']:g}%)"
        for row in data["locales"]
        if row["words"]["reviewed"] * 100 < minimum * row["words"]["total"]
    ]
