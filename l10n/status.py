"""Coverage of every article in every locale (``l10n status``): JSON, table, Markdown, HTML.

Rules:

1. Each article in each locale is assessed by :mod:`l10n.policy` (the states of its
   units, its words, its errors, whether it may be published); this module adds the
   figures up by locale and renders them.
2. The review queue lists the ``draft``, ``outdated`` and ``flagged`` units of the
   articles reported, one item per unit (:mod:`l10n.queue`), so its length always
   equals their count.
3. ``--fail-under`` compares exact word counts, not the rounded percentage.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .config import Config
from .policy import STATES, Coverage, Policy, counts, percent, policy_of
from .queue import item_of

SCHEMA = 1


@dataclass(slots=True)
class _Totals:
    """One locale's figures, added up over its articles."""

    units: dict[str, int] = field(default_factory=counts)
    words: dict[str, int] = field(default_factory=counts)
    errors: int = 0
    articles: int = 0
    publishable: int = 0


def coverage(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (), policy: Policy | None = None
) -> Iterator[Coverage]:
    """The coverage of every selected article in every selected locale, article by article.

    What a report shows of an article whose source and catalog are as the check cache
    last saw them is read back from it (:func:`_remembered`): neither file is parsed.
    """
    from .checks import check_cache
    from .glossary import glossary_of
    from .markdown import read
    from .policy import assess

    glossary = glossary_of(config)
    policy = policy or policy_of(config)
    cache = check_cache(config, glossary)
    for article in articles or config.articles():
        source = config.source_path(article)
        doc = None
        for locale in locales or config.locales:
            catalog = config.confined(config.catalog_path(locale, article))
            key = cache.catalog_key(locale, str(catalog), str(source), "coverage")
            item = _remembered(cache.record(key), article, locale) if key is not None else None
            if item is None:
                if doc is None:
                    doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
                item = assess(config, doc, article, locale, glossary, policy)
                if key is not None:
                    cache.keep(key, f"{catalog}", _summary(item), "coverage")
            yield item
    cache.flush(force=True)


def _summary(item: Coverage) -> list[Any]:
    """What a report needs of *item* (not what the build splices), as JSON data for the cache."""
    from .checks import pack

    fields = [item.source, item.catalog, item.units, item.words, item.errors, item.failures, item.required_missing]
    return [*fields, pack(item.waiting)]


def _remembered(stored: list[Any] | None, article: str, locale: str) -> Coverage | None:
    """A coverage read back from :func:`_summary`'s record (no reviewed texts: reports do not show them)."""
    from .checks import unpack

    waiting = unpack(stored[7]) if stored is not None else None
    if stored is None or waiting is None:
        return None
    source, catalog, units, words, errors, failures, required = stored[:7]
    found = Coverage(article, locale, source, catalog, units, words, errors)
    found.failures, found.required_missing, found.waiting = failures, required, waiting
    return found


def report(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> dict[str, Any]:
    """The ``l10n status --format json`` document (schema 1, see the README)."""
    from .locales import bcp47, display_name, language_names, text_direction

    policy = policy_of(config)
    chosen = tuple(locales or config.locales)
    now = time.time()
    totals = {code: _Totals() for code in chosen}
    rows: list[dict[str, Any]] = []
    queue: list[dict[str, Any]] = []
    for item in coverage(config, chosen, articles, policy):
        row = item.as_dict(policy)
        rows.append(row)
        queue.extend(
            item_of(item.locale, item.article, item.catalog, entry, findings, now).as_dict() for entry, findings in item.waiting
        )
        total = totals[item.locale]
        for state, amount in item.units.items():
            total.units[state] += amount
        for state, amount in item.words.items():
            total.words[state] += amount
        total.errors += item.errors
        total.articles += 1
        total.publishable += row["publishable"]
    summary = []
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
                "reviewed_percent": percent(total.words["reviewed"], total.words["total"]),
                "articles": total.articles,
                "publishable": total.publishable,
            }
        )
    return {
        "schema": SCHEMA,
        "project": config.root.name,
        "source_locale": config.source_locale,
        "policy": {"min_reviewed": policy.min_reviewed, "required": list(policy.required)},
        "states": list(STATES),
        "locales": summary,
        "articles": rows,
        "queue": queue,
    }


def below(data: dict[str, Any], minimum: float) -> list[str]:
    """Locales of a report with less than *minimum* percent of words reviewed, as ``es (93.2%)``."""
    return [
        f"{row['locale']} ({row['reviewed_percent']:g}%)"
        for row in data["locales"]
        if row["words"]["reviewed"] * 100 < minimum * row["words"]["total"]
    ]


def show(config: Config, data: dict[str, Any], fmt: str, output: Path | None = None) -> str:
    """*data* as ``table``, ``json``, ``markdown`` or ``html`` text.

    In the HTML page, catalog positions link to ``[status] link_base`` + path +
    ``#L<line>`` when it is set (a repository browser), else to the file, relative to
    *output* (or to the project root).
    """
    import json

    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("table", "markdown"):
        from . import report_text

        return report_text.table(data) if fmt == "table" else report_text.markdown(data)
    from . import report_html

    base = config.table("status")["link_base"]
    start = output.parent if output else config.root

    def link(path: str, line: int) -> str:
        if base:
            return f"{base}{quote(path)}#L{line}"
        return quote(os.path.relpath(config.root / path, start).replace(os.sep, "/"))

    return report_html.render(data, link)
