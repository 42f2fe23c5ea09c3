"""Work for agencies and CAT tools: XLIFF out and back in, reviewed translations out as TMX.

Rules:

1. ``export --format xliff`` writes every live entry of the selected catalogs of one
   locale whose text is a unit of its article (``--pending``: those not reviewed), in
   catalog order, with the state :mod:`l10n.workflow.policy` gives it:

   ==============  =============================  =========================================
   l10n state      ``<target state>``             ``state-qualifier`` / ``approved``
   ==============  =============================  =========================================
   untranslated    ``needs-translation`` (empty)
   draft           ``needs-review-translation``   ``leveraged-mt`` (machine),
                                                  ``leveraged-inherited`` (reuse),
                                                  ``leveraged-tm`` (memory); an agency's
                                                  draft is ``translated``
   outdated        ``needs-review-translation``   ``fuzzy-match``; a note gives the old source
   failing         ``needs-review-translation``   notes give the check findings
   reviewed        ``signed-off``                 ``approved="yes"``
   ==============  =============================  =========================================

   Notes carry the hints a translator gets in the catalogs (glossary renderings,
   numbers to keep; :func:`l10n.catalog.hints.hints`) but the spans, which are placeholders.
2. ``import`` of an XLIFF file refuses the whole file, before writing anything, when a
   unit's source text is no longer an entry of its catalog (the article changed since
   the export), naming the first such unit; a file for a locale or an article the
   project does not have is refused the same way.
3. Each unit whose target is not empty is restored (its placeholders by id, from its
   source) and saved as a ``fuzzy`` draft with the provenance ``agency`` through
   :func:`l10n.catalog.entries.replace_draft`: never as approved, whatever ``approved`` or
   ``state`` says. A target equal to the entry's translation is taken only when the
   agency marked it done (``translated``, ``final``, ``signed-off``): a confirmed
   machine draft becomes the agency's; otherwise it is left as it is, unjudged (it is
   what the catalog holds, placeholders or not). A damaged placeholder, an unexpected inline
   element, or a changed translation of a reviewed entry is a problem of that unit,
   which is not imported; the other units are.
4. The checks then run on every imported entry, reported as ``l10n check`` reports them.
5. ``export --format tmx`` writes the reviewed translations of the selected locales
   (:mod:`l10n.exchange.tmx`), each dated by its approval.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.catalog import entries as catalog
from l10n.catalog import provenance
from l10n.catalog.entries import Translation, read_translations
from l10n.catalog.hints import hints
from l10n.checks import ERROR, Finding, check_catalogs, entry_findings
from l10n.core.config import Config
from l10n.core.errors import CatalogError, ExchangeError
from l10n.core.files import read_file
from l10n.core.locales import bcp47
from l10n.document.walker import read
from l10n.exchange import tmx, xliff
from l10n.exchange.segments import aligned, joined, restore, segment, xml_problem
from l10n.glossary.model import Glossary
from l10n.glossary.schema import glossary_of
from l10n.mt.memory import language_matches
from l10n.workflow.policy import Coverage, assess, policy_of

__all__ = ["ExportReport", "ImportReport", "export_tmx", "export_xliff", "format_of", "import_xliff", "unit_id"]

_QUALIFIERS = {"mt": "leveraged-mt", "reuse": "leveraged-inherited", "tm": "leveraged-tm"}
_DONE = frozenset({"translated", "final", "signed-off"})


@dataclass(slots=True)
class ExportReport:
    units: int = 0
    words: int = 0
    """Words of the source texts of the units not yet reviewed."""
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)
    """Catalog -> drafts saved."""
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    """``file:line: unit: what``, one per unit not imported."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)


def unit_id(msgid: str) -> str:
    """The ``<trans-unit id>`` of a source text (rule 1 of :mod:`l10n.exchange.xliff`)."""
    return hashlib.blake2b(msgid.encode("utf-8"), digest_size=8).hexdigest()


def _coverage(config: Config, article: str, locale: str, glossary: Glossary) -> tuple[Coverage, list[Translation], str]:
    """The assessment of *article* in *locale*, its catalog's live entries, and the catalog's name."""
    path = config.confined(config.catalog_path(locale, article))
    display = config.relative(path)
    if not path.exists():
        raise CatalogError(f"no catalog for {article!r} in {locale}: run `l10n extract` first", display)
    source = config.source_path(article)
    doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    coverage = assess(config, doc, article, locale, glossary, policy_of(config))
    entries = [e for e in read_translations(path, display) if not e.obsolete]
    return coverage, entries, display


def _state(state: str, entry: Translation) -> tuple[str, str | None]:
    """The ``<target>`` state and qualifier of an entry in *state* (rule 1)."""
    if state == "untranslated":
        return "needs-translation", None
    if state == "reviewed":
        return "signed-off", None
    if state == "outdated":
        return "needs-review-translation", "fuzzy-match"
    draft = provenance.draft_of(entry.comment) if state == "draft" else None
    if draft is not None and draft.how == "agency":
        return "translated", None
    return "needs-review-translation", _QUALIFIERS.get(draft.how) if draft else None


def _location(reference: str) -> tuple[str, str]:
    """``source/x.md:12`` as (file, line); a reference without a line as (file, "")."""
    path, _, line = reference.rpartition(":")
    return (path, line) if path and line.isdigit() else (reference, "")


def _unit(entry: Translation, state: str, locale: str, glossary: Glossary, source_locale: str) -> xliff.Unit:
    source = segment(entry.msgid)
    xml_state, qualifier = _state(state, entry)
    notes = [line for line in hints(entry.msgid, glossary, (locale,)) if not line.startswith("keep exactly:")]
    if state == "outdated" and entry.previous is not None:
        notes.append(f"the source changed; this translation is of: {entry.previous}")
    if state in ("draft", "outdated", "failing"):
        for check, message in entry_findings(entry, locale, glossary, source_locale):
            notes.append(f"check: {check.severity} [{check.name}] {message}")
    locations = tuple(_location(ref) for ref in entry.references)
    target = () if state == "untranslated" else tuple(aligned(entry.msgstr, source))
    return xliff.Unit(
        unit_id(entry.msgid), tuple(source), target, xml_state, qualifier, state == "reviewed", locations, tuple(notes)
    )


def export_xliff(config: Config, locale: str, articles: Sequence[str] = (), pending: bool = False) -> tuple[bytes, ExportReport]:
    """The XLIFF 1.2 file of *locale* for *articles* (all when empty), and what it holds (rule 1)."""
    glossary = glossary_of(config)
    report = ExportReport()
    files = []
    for article in articles or config.articles():
        coverage, entries, display = _coverage(config, article, locale, glossary)
        units = []
        for entry in entries:
            state = coverage.states.get(entry.msgid)
            if state is None or (pending and state == "reviewed"):
                continue  # an entry of no unit: the catalog is older than the source
            problem = xml_problem(entry.msgid) or xml_problem(entry.msgstr)
            if problem:
                raise ExchangeError(f"this entry {problem}: it cannot be written to XLIFF", display, entry.line)
            units.append(_unit(entry, state, locale, glossary, config.source_locale))
            report.words += len(entry.msgid.split()) if state != "reviewed" else 0
        missing = len(set(coverage.states) - {e.msgid for e in entries})
        if missing:
            report.warnings.append(f"{display}: {missing} unit(s) of {coverage.source} have no entry: run `l10n extract`")
        report.units += len(units)
        files.append(xliff.File(coverage.source, bcp47(config.source_locale), bcp47(locale), tuple(units)))
    return xliff.dumps(files), report


def format_of(path: Path, display: str) -> str:
    """``xliff`` or ``tmx``: the kind of the exchange file *path*, by its root element."""
    import io

    from lxml import etree

    data = read_file(path, display, ExchangeError)  # never blocks on a FIFO (fsutil rule 5)
    try:
        for _, element in etree.iterparse(
            io.BytesIO(data), events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        ):
            name = xliff.local(element)
            break
        else:
            name = ""
    except etree.XMLSyntaxError as exc:
        raise ExchangeError(f"not well-formed XML: {exc.msg}", display, exc.lineno or None) from None
    if name not in ("xliff", "tmx"):
        raise ExchangeError(f"neither XLIFF nor TMX: its root element is <{name}>", display)
    return name


def _locale_of(config: Config, tag: str) -> str | None:
    exact = [code for code in config.locales if bcp47(code).lower() == tag.replace("_", "-").lower()]
    return next(iter(exact), None) or next((code for code in config.locales if language_matches(tag, code)), None)


def _where(unit: xliff.Unit) -> str:
    return next((f"{path}:{line}" if line else path for path, line in unit.locations), f"id={unit.id}")


def import_xliff(config: Config, path: Path, display: str) -> ImportReport:
    """Merge the translations of the XLIFF file *path* into the catalogs as agency drafts (rules 2-4)."""
    files = xliff.loads(read_file(path, display, ExchangeError), display)
    articles = {config.relative(config.source_path(a)): a for a in config.articles()}
    glossary = glossary_of(config)
    report = ImportReport()
    plan: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for item in files:
        locale = _locale_of(config, item.target_language)
        if locale is None:
            msg = f"target-language {item.target_language!r} is not a configured locale ({', '.join(config.locales)})"
            raise ExchangeError(msg, display, item.line)
        if not language_matches(item.source_language, config.source_locale):
            msg = f"source-language {item.source_language!r} is not the project's source language {config.source_locale!r}"
            raise ExchangeError(msg, display, item.line)
        article = articles.get(item.original)
        if article is None:
            raise ExchangeError(f"original {item.original!r} is not an article of this project", display, item.line)
        coverage, entries, catalog_name = _coverage(config, article, locale, glossary)
        by_id = {unit_id(e.msgid): e for e in entries}
        saves = plan.setdefault((locale, article, catalog_name), [])
        for unit in item.units:
            entry = by_id.get(unit.id)
            if entry is None or joined(unit.source) != entry.msgid:
                msg = f"unit {_where(unit)}: its source text is no longer in {catalog_name} (the article changed?): export again"
                raise ExchangeError(msg, display, unit.line)
            found = _take(unit, entry, coverage.states.get(entry.msgid, "untranslated"))
            if isinstance(found, list):
                report.problems.append(f"{display}:{unit.line}: {_where(unit)}: {'; '.join(found)}; not imported")
            elif found is None:
                report.unchanged += 1
            else:
                saves.append((entry.msgid, found))
    draft = provenance.agency_draft(path.name.replace(" ", "_"), provenance.stamp())
    for (locale, article, catalog_name), saves in plan.items():
        if not saves:
            continue
        target = config.confined(config.catalog_path(locale, article))
        with catalog.edit(config.root, target, catalog_name) as po:
            saved = {msgid for msgid, text in saves if catalog.replace_draft(po, msgid, text, draft)}
        report.imported[catalog_name] = len(saved)
        report.findings.extend(f for f in check_catalogs(config, (locale,), (article,)) if f.msgid in saved)
    return report


def _take(unit: xliff.Unit, entry: Translation, state: str) -> str | list[str] | None:
    """The translation to save from *unit*, None when there is none, or its problems (rule 3)."""
    if unit.target is None or not joined(unit.target).strip():
        return None
    draft = provenance.draft_of(entry.comment)
    confirmed = unit.state in _DONE and not (entry.fuzzy and draft is not None and draft.how == "agency")
    if joined(unit.target) == entry.msgstr and (state == "reviewed" or not confirmed):
        return None  # as exported: whatever its placeholders, it is what the catalog holds
    text, problems = restore(unit.target, unit.source)
    problems = [*unit.problems, *problems]
    if problems:
        return problems
    if state == "reviewed":
        if text == entry.msgstr:
            return None
        return ["its entry is reviewed: a change to a signed-off translation is made in the catalog and reviewed there"]
    return None if text == entry.msgstr and not confirmed else text


def export_tmx(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> tuple[bytes, int]:
    """The TMX 1.4b memory of the reviewed translations of *locales* in *articles*, and its unit count (rule 5)."""
    glossary = glossary_of(config)
    chosen = list(locales or config.locales)
    found: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for article in articles or config.articles():
        for locale in chosen:
            coverage, entries, display = _coverage(config, article, locale, glossary)
            for entry in entries:
                if coverage.states.get(entry.msgid) != "reviewed":
                    continue
                problem = xml_problem(entry.msgid) or xml_problem(entry.msgstr)
                if problem:
                    raise ExchangeError(f"this entry {problem}: it cannot be written to TMX", display, entry.line)
                stamp = provenance.drafted_at(entry.comment)
                changed = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(stamp)) if stamp is not None else None
                known = found.setdefault(entry.msgid, {}).setdefault(locale, [])
                if all(text != entry.msgstr for text, _ in known):
                    known.append((entry.msgstr, changed))
    units = []
    for source, by_locale in found.items():
        pieces = segment(source)
        for index in range(max(len(v) for v in by_locale.values())):
            variants = [tmx.Variant(bcp47(config.source_locale), tuple(pieces))]
            for locale in chosen:
                if index < len(by_locale.get(locale, ())):
                    text, changed = by_locale[locale][index]
                    variants.append(tmx.Variant(bcp47(locale), tuple(aligned(text, pieces)), changed))
            units.append(tmx.Unit(tuple(variants)))
    return tmx.dumps(units, bcp47(config.source_locale)), len(units)
