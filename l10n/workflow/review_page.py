"""The reviewer's page: everything a reviewer needs beside each unit that waits, as one document.

``l10n review --format json`` prints this document and ``--format html`` renders it
(:mod:`l10n.render.review_html`), so the page shows nothing the JSON does not hold.

Rules:

1. The items are the review queue's (:mod:`l10n.workflow.queue`), in its order, each with every field
   of :class:`l10n.workflow.queue.Item` (fields are only ever added), and:

   - ``entry``: how the commands name the entry: its source reference
     (``source/x.md:39``), which does not move when the catalog is edited, unless another
     waiting entry of the catalog has the same one (table cells on one line); then its
     catalog position;
   - ``approve``: the exact command that approves it, or null for a pseudo-localized draft,
     which can never be approved; ``blocked``: why approving would be refused now (an
     error finding, a pseudo draft), empty when it would not;
   - in each finding, ``waive``: the command that waives it, for an error whose check
     lets a reviewer waive it (:meth:`l10n.checks.Check.can_waive`), else null. The
     reason is the reviewer's to write; the command holds a placeholder;
   - ``terms``: the glossary terms of the source (outside code, URLs and citations, as the
     translator's hints list them), each with its required rendering in the locale and the
     glossary's complaint about the translation, if any;
   - ``marks``: the numbers, negations and citations of the source and of the translation
     (:mod:`l10n.text.highlights`), each with whether the other text lacks it;
   - ``back``: with ``--back-translate``, the translation brought back into the source
     language (:mod:`l10n.mt.backtranslate`) with its marks against the source, or the
     engine's error; null otherwise, and for pseudo-localized text (accented English).

2. Commands are quoted for a POSIX shell and run from the project's root; a waiver's
   reason is a placeholder in double quotes, where an apostrophe may be written.
3. No clock: the same catalogs give the same document (the queue's ``age_days`` aside,
   which the page does not show).
4. The ``terms`` and ``marks`` of a catalog's items, which depend only on the texts, the
   locale and what salts the check cache (the glossary, the configuration, the code), are
   kept as a record of the check cache (rule 4 of :mod:`l10n.checks.cache`), so a page of
   catalogs that did not change is not worked out again.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from typing import Any

from l10n.core.config import Config
from l10n.glossary.model import Glossary
from l10n.text.highlights import compare
from l10n.workflow.queue import Item, queue

SCHEMA = 1

WAIVE_REASON = "WRITE WHY THIS IS ACCEPTABLE"
"""The placeholder of the reason in a waive command: a reviewer replaces it."""


def document(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (), back_translate: bool = False
) -> dict[str, Any]:
    """The reviewer's page of the selected units (schema 1, rules above)."""
    from l10n.glossary.schema import glossary_of
    from l10n.mt.backtranslate import back_translate as run

    items = list(queue(config, locales, articles))
    glossary = glossary_of(config)
    real = [(i.locale, i.msgstr) for i in items if i.state != "pseudo draft"]  # accented English: nothing to bring back
    backs = run(config, real) if back_translate else None
    shared = Counter((i.path, i.source) for i in items)
    notes = _annotations(config, glossary, items)
    rows = []
    for item in items:
        row = _row(
            item,
            notes[item.locale, item.msgid, item.msgstr],
            item.source if item.source and shared[item.path, item.source] == 1 else None,
        )
        if backs is not None and item.state != "pseudo draft":
            back = backs.of(item.locale, item.msgstr)
            marks = compare(item.msgid, back.text, config.source_locale, config.source_locale, item.locale).other
            row["back"] = {"text": back.text, "error": back.error, "marks": [m.as_dict() for m in marks]}
        rows.append(row)
    counts = Counter((i.locale, i.article) for i in items)
    return {
        "schema": SCHEMA,
        "project": config.root.name,
        "source_locale": config.source_locale,
        "languages": [_language(code) for code in dict.fromkeys([config.source_locale, *(locales or config.locales)])],
        "back_translation": None if backs is None else {"engine": backs.engine},
        "items": rows,
        "counts": [{"locale": lo, "article": ar, "waiting": n} for (lo, ar), n in sorted(counts.items())],
    }


def _language(code: str) -> dict[str, str]:
    from l10n.core.locales import bcp47, language_names, text_direction

    english, native = language_names(code)
    return {"locale": code, "lang": bcp47(code), "dir": text_direction(code), "name": english, "native_name": native}


def _command(*words: str) -> str:
    return " ".join(shlex.quote(word) for word in words)


def _annotations(config: Config, glossary: Glossary, items: Sequence[Item]) -> dict[tuple[str, str, str], list[Any]]:
    """The ``[terms, marks]`` of every (locale, msgid, msgstr) of *items*, from the check cache where it has them (rule 4)."""
    from l10n.checks import check_cache

    cache = check_cache(config, glossary)
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.locale, item.article), []).append(item)
    notes: dict[tuple[str, str, str], list[Any]] = {}
    for (locale, article), group in groups.items():
        catalog = str(config.confined(config.catalog_path(locale, article)))
        key = cache.catalog_key(locale, catalog, str(config.source_path(article)), "page")
        known = {(msgid, msgstr): note for msgid, msgstr, note in cache.record(key) or ()} if key is not None else {}
        record, fresh = [], False
        for item in group:
            note = known.get((item.msgid, item.msgstr))
            if note is None:
                fresh = True
                marks = compare(item.msgid, item.msgstr, config.source_locale, item.locale)
                note = [
                    _terms(glossary, item),
                    {"msgid": [m.as_dict() for m in marks.source], "msgstr": [m.as_dict() for m in marks.other]},
                ]
            notes[locale, item.msgid, item.msgstr] = note
            record.append([item.msgid, item.msgstr, note])
        if key is not None and fresh:
            cache.keep(key, catalog, record, "page")
    cache.flush(force=True)
    return notes


def _row(item: Item, note: list[Any], reference: str | None) -> dict[str, Any]:
    from l10n.workflow.review import check_named

    row = item.as_dict()
    entry = reference or f"{item.path}:{item.line}"
    row["entry"] = entry
    pseudo = item.state == "pseudo draft"
    errors = [f for f in item.findings if f["severity"] == "error"]
    row["approve"] = None if pseudo else _command("l10n", "review", "approve", "--locale", item.locale, "--entry", entry)
    if pseudo:
        row["blocked"] = "pseudo-localized text (fake accents for layout tests) can never be approved: it must be translated"
    elif errors:
        row["blocked"] = (
            "approving is refused while a check reports an error: have the translation corrected, "
            "or waive the finding if it is acceptable"
        )
    else:
        row["blocked"] = ""
    findings = []
    for finding in item.findings:
        check = check_named(finding["check"])
        waivable = finding["severity"] == "error" and check is not None and check.can_waive(finding["message"])
        waive = ("review", "waive", "--locale", item.locale, "--entry", entry, "--check", finding["check"])
        # the reason in double quotes: a reviewer's "doesn't" would end a single-quoted one
        command = f'{_command("l10n", *waive)} --reason "{WAIVE_REASON}"'
        findings.append({**finding, "waive": command if waivable else None})
    row["findings"] = findings
    row["terms"], row["marks"] = note
    row["back"] = None
    return row


def _terms(glossary: Glossary, item: Item) -> list[dict[str, Any]]:
    """The glossary terms of the source, with their rendering in the item's locale (rule 1)."""
    from l10n.checks import keep_terms
    from l10n.text.spans import blank_protected, find_spans

    spans = find_spans(item.msgid, keep_terms(glossary, item.locale))
    complaints: dict[str, list[str]] = {}
    for violation in glossary.violations(item.msgid, item.msgstr, item.locale):
        complaints.setdefault(violation.term.term, []).append(violation.message)
    terms = []
    for term in dict.fromkeys(t for t, _, _ in glossary.find(blank_protected(item.msgid, spans))):
        keep = term.keeps(item.locale)
        terms.append(
            {
                "term": term.term,
                "rendering": term.term if keep else term.translation_for(item.locale) or "",
                "keep": keep,
                "variants": list(term.variants_for(item.locale)),
                "forbidden": list(term.forbidden_for(item.locale)),
                "note": " ".join(term.note.split()),
                "problem": "; ".join(complaints.get(term.term, [])),
            }
        )
    return terms
