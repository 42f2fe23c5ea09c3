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
     engine's error; null otherwise, and for pseudo-localized text (accented English);
   - ``draft_words``: the draft's provenance in words ("Machine translation by deepl on
     2025-01-31 09:05 UTC"), empty without one;
   - in each approval (valid or void), ``verified``: true when its signature was verified
     (signatures required), false for an approval of the current texts that counts for
     nothing (its ``signature`` says why: unsigned, bad signature, unknown key, expired),
     null where the project does not require signatures (the name is what the catalog says);
   - ``approved``: for a translation edited after approval (or sent back after such an edit:
     any unit whose approvals are all void), the text last approved, recovered
     by its digest from the record of approvals or the catalog's git history
     (:mod:`l10n.workflow.history`), with the ``revision`` and ``date`` of the commit that holds
     it (``revision`` empty and the approval's date when it came from the record) and its
     ``marks`` against the source;
     or ``{"text": null, "why": ...}`` when it cannot be recovered; null for other states;
   - ``diff``: the word diff (:mod:`l10n.text.diff`) from the approved text to the current one,
     when it was recovered; ``source_diff``: for an outdated unit, the word diff from the
     English it was translated from to the English now, with ``previous_marks``; each a list of
     ``{"op", "text", "old", "new"}`` (null when there is nothing to compare);
   - ``urgency``: the item's rank in the queue, in words (:data:`URGENCY`);
   - ``send_back``: the command that sends it back to the translator with a note, a
     placeholder in double quotes.

2. Commands are quoted for a POSIX shell and run from the project's root; a waiver's
   reason is a placeholder in double quotes, where an apostrophe may be written.
3. No clock: the same catalogs give the same document (the queue's ``age_days`` aside,
   which the page does not show).
4. The ``terms`` and ``marks`` of a catalog's items, which depend only on the texts, the
   locale and what salts the check cache (the glossary, the configuration, the code), are
   kept as a record of the check cache (rule 4 of :mod:`l10n.checks.cache`), so a page of
   catalogs that did not change is not worked out again.
5. ``identity``: who the commands will name as the reviewer when run without ``--reviewer``
   (:func:`l10n.core.identity.known_identity`), or null when nobody is configured: the page says
   it, so that no approval goes to git's identity without a word.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from typing import Any

from l10n.catalog import stamps
from l10n.core.config import Config
from l10n.core.identity import known_identity
from l10n.glossary.model import Glossary
from l10n.text.diff import diff
from l10n.text.highlights import compare
from l10n.workflow.history import approved_texts
from l10n.workflow.queue import Item, queue, urgency

SCHEMA = 1

URGENCY = (
    "required",
    "edited after approval",
    "failing a check",
    "outdated",
    "awaiting approval",
    "draft",
    "sent back to the translator",
)
"""The queue's ranks (:func:`l10n.workflow.queue.urgency`) in words: each row's ``urgency``."""

WAIVE_REASON = "WRITE WHY THIS IS ACCEPTABLE"
"""The placeholder of the reason in a waive command: a reviewer replaces it."""
SEND_BACK_NOTE = "WRITE WHAT THE TRANSLATOR SHOULD CHANGE"
"""The placeholder of the note in a send-back command."""


def document(
    config: Config, locales: Sequence[str] = (), articles: Sequence[str] = (), back_translate: bool = False
) -> dict[str, Any]:
    """The reviewer's page of the selected units (schema 1, rules above)."""
    items = list(queue(config, locales, articles))
    return document_of(config, items, locales, back_translate)


def document_of(config: Config, items: list[Item], locales: Sequence[str] = (), back_translate: bool = False) -> dict[str, Any]:
    """The reviewer's page of the queue items *items* (of *locales*, all when empty)."""
    from l10n.glossary.schema import glossary_of
    from l10n.mt.backtranslate import back_translate as run

    glossary = glossary_of(config)
    real = [(i.locale, i.msgstr) for i in items if i.state != "pseudo draft"]  # accented English: nothing to bring back
    backs = run(config, real) if back_translate else None
    shared = Counter((i.path, i.source) for i in items)
    notes = _annotations(config, glossary, items)
    approved = _approved(config, items)
    rows = []
    for item in items:
        row = _row(
            item,
            notes[item.locale, item.msgid, item.msgstr],
            item.source if item.source and shared[item.path, item.source] == 1 else None,
        )
        _changes(config, item, row, approved)
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
        "identity": known_identity(config.root),
    }


def _approved(config: Config, items: Sequence[Item]) -> dict[str, Any]:
    """The approved texts of the void approvals of the items edited after approval, by digest (rule 1)."""
    wanted: dict[str, set[str]] = {}
    for item in items:
        if item.void_digests and not item.approvals:
            wanted.setdefault(item.path, set()).update(item.void_digests)
    found: dict[str, Any] = {}
    for path, digests in wanted.items():
        found.update(approved_texts(config.root, path, digests))
    return found


def _pieces(old: str, new: str) -> list[dict[str, object]]:
    return [p.as_dict() for p in diff(old, new)]


def _changes(config: Config, item: Item, row: dict[str, Any], approved: dict[str, Any]) -> None:
    """The ``approved``, ``diff``, ``source_diff`` and ``previous_marks`` of *row* (rule 1)."""
    row["approved"] = row["diff"] = row["source_diff"] = row["previous_marks"] = None
    found = next((approved[d] for d in reversed(item.void_digests) if d in approved), None) if not item.approvals else None
    if item.state == "edited after approval" or found is not None:
        if found is None:
            why = (
                "the approved text cannot be recovered: neither the record of approvals on this computer nor any "
                "committed version of the catalog holds the texts the approval names (approved elsewhere and edited "
                "before a commit, or not in a git repository)"
            )
            row["approved"] = {"text": None, "why": why}
        else:
            marks = compare(found.msgid, found.msgstr, config.source_locale, item.locale).other
            row["approved"] = {
                "text": found.msgstr,
                "msgid": found.msgid,
                "revision": found.revision,
                "date": found.date,
                "marks": [m.as_dict() for m in marks],
            }
            row["diff"] = _pieces(found.msgstr, item.msgstr)
    if item.previous is not None:
        row["source_diff"] = _pieces(item.previous, item.msgid)
        marks = compare(item.previous, item.msgstr, config.source_locale, item.locale).source
        row["previous_marks"] = [m.as_dict() for m in marks]


_HOW = {"mt": "Machine translation", "reuse": "Copied from", "tm": "Translation memory", "agency": "Translation agency"}


def draft_words(draft: str) -> str:
    """An ``l10n-draft:`` line's text (``mt engine=deepl date=...``) in words."""
    if not draft:
        return ""
    fields = dict(word.split("=", 1) for word in draft.split()[1:] if "=" in word)
    how = draft.split()[0]
    when = ""
    if "date" in fields:
        try:
            when = " on " + stamps.stamp(stamps.parse_stamp(fields["date"])).replace("T", " ").replace("Z", " UTC")
        except ValueError:
            when = ""
    if how == "mt":
        text = f"Machine translation by {fields.get('engine', 'an engine')}{when}"
        if "placeholders-damaged" in fields:
            text += f"; {fields['placeholders-damaged']} protected span(s) came back damaged"
        if "placeholders-reordered" in fields:
            text += "; protected spans came back in another order"
        return text
    if how == "reuse":
        return f"Copied from the approved translation of the same text in the article {fields.get('from', '?')}{when}"
    if how == "tm":
        return f"An exact match of the translation memory file {fields.get('from', '?')}{when}"
    if how == "agency":
        return f"Translated by an agency, imported from {fields.get('from', '?')}{when}"
    return draft


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
    row["urgency"] = URGENCY[urgency(item)]
    row["draft_words"] = draft_words(item.draft)
    approvals: list[dict[str, object]] = [
        {**a, "verified": True if a.get("signature") == "verified" else None} for a in item.approvals
    ]
    approvals += [{**a, "verified": False} for a in item.unverified]  # shown, counting for nothing
    row["approvals"] = approvals
    row["void"] = [{**a, "verified": None} for a in item.void]
    send = ("l10n", "review", "send-back", "--locale", item.locale, "--entry", entry)
    row["send_back"] = f'{_command(*send)} --note "{SEND_BACK_NOTE}"'
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
