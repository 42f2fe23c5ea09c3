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
2. ``import`` reads XLIFF 1.x and 2.0 (:mod:`l10n.exchange.xliff2`). Each ``<file>`` fills
   one catalog: the article its ``original`` names (a source file, or a catalog of this
   project when the file was converted from a PO file by Translate Toolkit's
   ``po2xliff``) in the locale of its ``target-language``. The whole file is refused,
   before anything is written, for a locale or an article the project does not have,
   a ``target-language`` other than the locale of the catalog its ``original`` names,
   two ``<file>``s for one catalog, or two units of one ``<file>`` with one id (both
   lines named). Units are matched to entries as :mod:`l10n.exchange.matching` says; a
   unit that matches none is a problem of that unit, which is not imported, and the
   units matched only with white space normalized are reported.
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

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from l10n.catalog import entries as catalog
from l10n.catalog import provenance, stamps
from l10n.catalog.entries import Translation, read_translations
from l10n.catalog.hints import hints
from l10n.checks import ERROR, Finding, check_catalogs, entry_findings
from l10n.core.config import Config
from l10n.core.errors import CatalogError, ExchangeError
from l10n.core.files import read_file
from l10n.core.locales import bcp47
from l10n.document.walker import read
from l10n.exchange import tmx, xliff, xliff2
from l10n.exchange.matching import match_units, respaced, unit_id
from l10n.exchange.segments import aligned, joined, restore, segment, xml_problem
from l10n.glossary.model import Glossary
from l10n.glossary.schema import glossary_of
from l10n.mt.memory import language_matches
from l10n.workflow.assessment import Coverage, assess
from l10n.workflow.policy import policy_of

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
    respaced: list[str] = field(default_factory=list)
    """``file:line: unit: ...``, one per unit matched only with its white space normalized (imported)."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)


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


def export_xliff(
    config: Config, locale: str, articles: Sequence[str] = (), pending: bool = False, version: str = "1.2"
) -> tuple[bytes, ExportReport]:
    """The XLIFF file (*version* ``1.2`` or ``2.0``) of *locale* for *articles* (all when empty), and what it holds (rule 1)."""
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
    return (xliff2.dumps(files) if version == "2.0" else xliff.dumps(files)), report


def format_of(path: Path, display: str) -> str:
    """``xliff``, ``tmx`` or ``tbx``: the kind of the exchange file *path*, by its root element."""
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
    if name in ("martif", "tbx"):
        return "tbx"
    if name not in ("xliff", "tmx"):
        raise ExchangeError(f"neither XLIFF, TMX nor TBX: its root element is <{name}>", display)
    return name


def _locale_of(config: Config, tag: str) -> str | None:
    exact = [code for code in config.locales if bcp47(code).lower() == tag.replace("_", "-").lower()]
    return next(iter(exact), None) or next((code for code in config.locales if language_matches(tag, code)), None)


def _where(unit: xliff.Unit) -> str:
    return next((f"{path}:{line}" if line else path for path, line in unit.locations), f"id={unit.id}")


def _read_files(data: bytes, display: str) -> list[xliff.File]:
    """The files of an XLIFF document of version 1.x or 2.x."""
    root = xliff.parse_xml(data, display)
    if xliff.local(root) == "xliff" and xliff2.is_version_2(root):
        return xliff2.read(root, display)
    return xliff.read(root, display)


def _target_of(config: Config, item: xliff.File, display: str, articles: Sequence[str]) -> tuple[str, str]:
    """The (locale, article) whose catalog the ``<file>`` *item* fills (rule 2), or an error."""
    sources = {config.relative(config.source_path(a)): a for a in articles}
    catalogs = {config.relative(config.catalog_path(c, a)): (c, a) for c in config.locales for a in articles}
    locale = _locale_of(config, item.target_language)
    if locale is None:
        msg = f"target-language {item.target_language!r} is not a configured locale ({', '.join(config.locales)})"
        raise ExchangeError(msg, display, item.line)
    if not language_matches(item.source_language, config.source_locale):
        msg = f"source-language {item.source_language!r} is not the project's source language {config.source_locale!r}"
        raise ExchangeError(msg, display, item.line)
    if item.original in sources:
        return locale, sources[item.original]
    if item.original.endswith((".po", ".pot")):
        found = catalogs.get(item.original.replace("\\", "/").removeprefix("./"))
        if found is None:
            msg = (
                f"original {item.original!r} is a PO file, not an article of this project: this XLIFF was converted "
                "from a catalog (Translate Toolkit's po2xliff?); export with `l10n export --format xliff` and translate that file"
            )
            raise ExchangeError(msg, display, item.line)
        if found[0] != locale:
            msg = (
                f"target-language {item.target_language!r} differs from the catalog it would fill "
                f"({item.original}, locale {found[0]})"
            )
            raise ExchangeError(msg, display, item.line)
        return found
    raise ExchangeError(f"original {item.original!r} is not an article of this project", display, item.line)


def _check_unique(files: Sequence[xliff.File], targets: Sequence[tuple[str, str]], display: str) -> None:
    """Refuse two ``<file>``s for one catalog, or two units of one ``<file>`` with one id (rule 2)."""
    seen: dict[tuple[str, str], xliff.File] = {}
    for item, target in zip(files, targets, strict=True):
        first = seen.setdefault(target, item)
        if first is not item:
            msg = (
                f"two <file>s for {target[1]!r} in {target[0]} (lines {first.line} and {item.line}): "
                "one <file> per article and locale"
            )
            raise ExchangeError(msg, display, item.line)
        ids: dict[str, int] = {}
        for unit in item.units:
            line = ids.setdefault(unit.id, unit.line)
            if line != unit.line:
                raise ExchangeError(f"duplicate trans-unit id {unit.id!r} (lines {line} and {unit.line})", display, unit.line)


def import_xliff(config: Config, path: Path, display: str) -> ImportReport:
    """Merge the translations of the XLIFF file *path* into the catalogs as agency drafts (rules 2-4)."""
    files = _read_files(read_file(path, display, ExchangeError), display)
    articles = config.articles()
    targets = [_target_of(config, item, display, articles) for item in files]
    _check_unique(files, targets, display)
    glossary = glossary_of(config)
    report = ImportReport()
    plan: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for item, (locale, article) in zip(files, targets, strict=True):
        coverage, entries, catalog_name = _coverage(config, article, locale, glossary)
        saves = plan.setdefault((locale, article, catalog_name), [])
        found, refused = match_units(item.units, entries, catalog_name)
        for refusal in refused:
            report.problems.append(f"{display}:{refusal.unit.line}: {_where(refusal.unit)}: {refusal.reason}; not imported")
        for match in found:
            unit = match.unit
            if match.how == "whitespace" and unit.target is not None:
                unit = replace(unit, target=respaced(unit.target, match.entry.msgid))
                report.respaced.append(f"{display}:{unit.line}: {_where(unit)}: source differs only in whitespace")
            taken = _take(unit, match.entry, coverage.states.get(match.entry.msgid, "untranslated"))
            if isinstance(taken, list):
                report.problems.append(f"{display}:{unit.line}: {_where(unit)}: {'; '.join(taken)}; not imported")
            elif taken is None:
                report.unchanged += 1
            else:
                saves.append((match.entry.msgid, taken))
    draft = provenance.agency_draft(path.name.replace(" ", "_"), stamps.stamp())
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
