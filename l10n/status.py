"""Coverage of every article in every locale (``l10n status``) and the publishing policy.

Rules:

1. The units of an article are the distinct texts of its source (what ``l10n build``
   publishes), looked up in the locale's catalog. Each is counted once, in words (of
   the source text, split on white space) and as one unit, in exactly one state:

   - ``reviewed``: a translation without ``fuzzy`` that passes every error-level check;
   - ``draft``: a fuzzy translation waiting for review (machine or reuse draft, or
     flagged fuzzy by hand);
   - ``outdated``: a fuzzy translation of a previous source text (``#| msgid``);
   - ``failing``: a translation without ``fuzzy`` that fails an error-level check, so
     the build keeps the source text;
   - ``untranslated``: no entry, or an empty translation.

   A fuzzy entry is never also counted as translated (unlike ``msgfmt --statistics``
   readers that add translated and fuzzy).
2. ``errors`` counts error-level findings on those units, as ``l10n check`` reports
   them; percentages are reviewed words over all words, floored to one decimal so
   that 99.96 % never shows as 100 %. An article with no words is 100 % reviewed.
3. Publishing policy (``[tool.l10n.build]``): a localized article is published when
   its reviewed share of words is at least ``min_reviewed`` (default 100) and every
   required unit is reviewed. A unit is required when it is marked
   ``<!-- l10n:required -->`` in the source or its text matches one of the regular
   expressions in ``required``.
4. The review queue lists the ``draft`` and ``outdated`` units, one item per unit, so
   its length always equals their count.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .catalogs import Translation, read_translations
from .checks import ERROR
from .config import Config, section
from .glossary import Glossary
from .markdown import Document
from .review import Item, item_of

STATES = ("reviewed", "draft", "outdated", "failing", "untranslated")
SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Policy:
    """When a localized article may be published."""

    min_reviewed: float = 100.0
    """Minimum percent of words reviewed."""
    required: tuple[str, ...] = ()
    """Regular expressions: units whose text matches one must be reviewed."""

    def requires(self, text: str) -> bool:
        return any(re.search(pattern, text) for pattern in self.required)


def policy_of(config: Config) -> Policy:
    """The ``min_reviewed`` and ``required`` keys of ``[tool.l10n.build]``, validated."""
    table, fail = section(config, "build")
    minimum = table.get("min_reviewed", 100)
    if isinstance(minimum, bool) or not isinstance(minimum, int | float) or not 0 <= minimum <= 100:
        raise fail("min_reviewed", f"expected a percentage from 0 to 100, got {minimum!r}")
    required = table.get("required", [])
    if not isinstance(required, list) or not all(isinstance(p, str) and p for p in required):
        raise fail("required", f"expected a list of regular expressions, got {required!r}")
    for pattern in required:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail("required", f"invalid regular expression {pattern!r}: {exc}") from None
    return Policy(float(minimum), tuple(required))


def percent(part: int, whole: int) -> float:
    """*part* of *whole* in percent, floored to one decimal (100.0 for an empty whole)."""
    return 100.0 if whole == 0 else math.floor(part * 1000 / whole) / 10


def _counts() -> dict[str, int]:
    return dict.fromkeys((*STATES, "total"), 0)


@dataclass(slots=True)
class Coverage:
    """One article in one locale."""

    article: str
    locale: str
    source: str
    catalog: str
    units: dict[str, int] = field(default_factory=_counts)
    words: dict[str, int] = field(default_factory=_counts)
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
    queue: list[Item] = field(default_factory=list)

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
        return {"article": self.article, "locale": self.locale, "source": self.source, "catalog": self.catalog,
                "units": self.units, "words": self.words, "errors": self.errors,
                "reviewed_percent": self.reviewed_percent, "publishable": not reasons, "reasons": reasons}


def assess(config: Config, doc: Document, article: str, locale: str, glossary: Glossary, policy: Policy,
           now: float | None = None) -> Coverage:
    """The coverage of *doc* (the source of *article*) in *locale*, checking every translation."""
    from .qa import entry_findings

    path = config.confined(config.catalog_path(locale, article))
    catalog = config.relative(path)
    entries: dict[str, Translation] = {}
    if path.exists():
        entries = {t.msgid: t for t in read_translations(path, catalog) if not t.obsolete}
    result = Coverage(article, locale, doc.path, catalog)
    first_unit = {}
    required = set()
    for unit in doc.units:
        first_unit.setdefault(unit.text, unit)
        if unit.required or policy.requires(unit.text):
            required.add(unit.text)
    now = time.time() if now is None else now
    for text, unit in first_unit.items():
        entry = entries.get(text)
        words = len(text.split())
        findings = entry_findings(entry, locale, glossary, config.source_locale) if entry and entry.msgstr else []
        errors = [(c, m) for c, m in findings if c.severity == ERROR]
        if entry is None or not entry.msgstr:
            state = "untranslated"
        elif entry.fuzzy:
            state = "outdated" if entry.previous is not None else "draft"
            result.queue.append(item_of(locale, article, catalog, entry, findings, now))
            if state == "draft" and not errors:
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
        for counts, amount in ((result.units, 1), (result.words, words)):
            counts[state] += amount
            counts["total"] += amount
        if text in required and state != "reviewed":
            result.required_missing.append(f"{doc.path}:{unit.line}")
    return result


def coverage(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (),
             policy: Policy | None = None) -> Iterator[Coverage]:
    """The coverage of every selected article in every selected locale, article by article."""
    from .markdown import read
    from .qa import glossary_of

    glossary = glossary_of(config)
    policy = policy or policy_of(config)
    now = time.time()
    for article in articles or config.articles():
        source = config.source_path(article)
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
        for locale in locales or config.locales:
            yield assess(config, doc, article, locale, glossary, policy, now)


def report(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> dict[str, Any]:
    """The ``l10n status --format json`` document (schema 1, see the README)."""
    from .locales import bcp47, display_name, language_names, text_direction

    policy = policy_of(config)
    chosen = tuple(locales or config.locales)
    totals = {code: {"units": _counts(), "words": _counts(), "errors": 0, "articles": 0, "publishable": 0}
              for code in chosen}
    rows: list[dict[str, Any]] = []
    queue: list[dict[str, Any]] = []
    for item in coverage(config, chosen, articles, policy):
        row = item.as_dict(policy)
        rows.append(row)
        queue.extend(entry.as_dict() for entry in item.queue)
        total = totals[item.locale]
        for kind in ("units", "words"):
            for state, amount in row[kind].items():
                total[kind][state] += amount
        total["errors"] += item.errors
        total["articles"] += 1
        total["publishable"] += row["publishable"]
    summary = []
    for code in chosen:
        english, native = language_names(code)
        total = totals[code]
        summary.append({"locale": code, "lang": bcp47(code), "dir": text_direction(code),
                        "name": english, "native_name": native, "display_name": display_name(code),
                        "units": total["units"], "words": total["words"], "errors": total["errors"],
                        "reviewed_percent": percent(total["words"]["reviewed"], total["words"]["total"]),
                        "articles": total["articles"], "publishable": total["publishable"]})
    return {"schema": SCHEMA, "project": config.root.name, "source_locale": config.source_locale,
            "policy": {"min_reviewed": policy.min_reviewed, "required": list(policy.required)},
            "states": list(STATES), "locales": summary, "articles": rows, "queue": queue}


def below(data: dict[str, Any], minimum: float) -> list[str]:
    """Locales of a report with less than *minimum* percent of words reviewed, as ``es (93.2%)``."""
    return [f"{row['locale']} ({row['reviewed_percent']:g}%)" for row in data["locales"]
            if row["words"]["reviewed"] * 100 < minimum * row["words"]["total"]]


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

    table, fail = section(config, "status")
    base = table.get("link_base", "")
    if not isinstance(base, str):
        raise fail("link_base", f"expected a URL prefix, got {base!r}")
    start = output.parent if output else config.root

    def link(path: str, line: int) -> str:
        if base:
            return f"{base}{quote(path)}#L{line}"
        return quote(os.path.relpath(config.root / path, start).replace(os.sep, "/"))

    return report_html.render(data, link)
