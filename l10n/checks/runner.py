"""Running the checks over catalogs (``l10n check``) and over one entry (status, review, build).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.
Entries are checked in the :class:`~.registry.Scope` of their article (:func:`scope_of`):
its link reference definitions, read from its source, and the ``[check]`` settings.

A valid waiver (``l10n-waived:``, bound to the entry's exact texts) takes the findings
of its check that the check lets a reviewer waive out of what counts: they are reported
with the severity ``waived`` and never block publication. Findings the check does not
let anyone waive (a citation, injected markup) stay what they were.

Given a :class:`~.cache.CheckCache` (:func:`~.cache.check_cache`), a translation whose
source, translation, locale, scope, units' kinds and translator comment were already
checked under the same version, glossary and configuration is not checked again: its
raw findings are read back, and what the entry's own comments say about them
(``l10n-ignore``, waivers) is applied after the cache, in :func:`honour`, as without
one. Callers flush the cache after each catalog. :func:`checked_entries` (``l10n
check``) goes one step further: a catalog whose file and article source are as the
cache last saw them is not read at all; its entries with findings come back from the
cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from l10n.catalog.entries import Translation
from l10n.catalog.provenance import Waiver, digest, ignored, waivers
from l10n.catalog.signatures import verifier_of
from l10n.checks.cache import CheckCache, check_cache
from l10n.checks.registry import CHECKS, NO_SCOPE, WARNING, Check, Context, Scope, run
from l10n.core.config import Config
from l10n.core.patterns import search
from l10n.glossary.model import Glossary
from l10n.glossary.schema import glossary_of

if TYPE_CHECKING:
    from l10n.document.model import Document

WAIVED = "waived"
"""The severity ``l10n check`` shows for a finding a valid waiver covers."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one catalog entry."""

    path: str
    line: int
    severity: str
    check: str
    message: str
    locale: str
    article: str
    msgid: str
    fuzzy: bool
    waiver: str = ""
    """``by WHO on DATE: REASON`` when a waiver covers it (its severity is then ``waived``)."""

    def __str__(self) -> str:
        label = "(fuzzy) " if self.fuzzy else ""
        waived = f" (waived {self.waiver})" if self.waiver else ""
        return f"{self.path}:{self.line}: {self.severity} [{self.check}] {label}{self.message}{waived}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def scope_of(config: Config, article: str, doc: Document | None = None) -> Scope:
    """The scope of *article*'s entries: the link definitions of *doc* (read from its source if not given).

    The scope of one *doc* is one object, whatever the locale: what the checks compute on
    a source text is shared through it (:class:`~.registry.Scope`).
    """
    if doc is None:
        from l10n.document.walker import read

        source = config.source_path(article)
        if not source.exists():  # a catalog left behind by a removed article
            return Scope(localized_links=config.settings.check.localized_links)
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    localized = config.settings.check.localized_links
    patterns = tuple(config.settings.build.required)
    known = _SCOPES.get(id(doc))
    if known is None or known[0] is not doc or known[1].localized_links != localized or known[2] != patterns:
        if len(_SCOPES) > 8:  # the articles being assessed now
            _SCOPES.clear()
        required = frozenset(u.text for u in doc.units if u.required or any(search(p, u.text) for p in patterns))
        known = _SCOPES[id(doc)] = (doc, Scope(doc.references, localized, required), patterns)
    return known[1]


_SCOPES: dict[int, tuple[Document, Scope, tuple[str, ...]]] = {}


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings on one entry, those that count apart from those a waiver covers."""

    findings: list[tuple[Check, str]]
    """Every finding no valid waiver covers."""
    waived: list[tuple[Check, str, Waiver]]
    """Findings a valid waiver covers, with it."""


def entry_checked(
    entry: Translation,
    locale: str,
    glossary: Glossary,
    source_locale: str = "en",
    scope: Scope = NO_SCOPE,
    cache: CheckCache | None = None,
) -> Checked:
    """The findings for one translated entry of an article (in its *scope*), honouring its
    ``l10n-ignore:`` and ``l10n-waived:`` lines.

    With a *cache* (of the same glossary and source locale), the checks run only on an
    entry they have not seen in this scope.
    """
    return honour(entry, raw_findings(entry, locale, glossary, source_locale, scope, cache))


def honour(entry: Translation, found: list[tuple[Check, str]], trusted: Callable[[Waiver], bool] | None = None) -> Checked:
    """The raw findings *found* on *entry* as its comments leave them: ``l10n-ignore`` silences
    warnings, a valid waiver sets aside the findings its check lets a reviewer waive. With
    *trusted* (signatures required), only a waiver it trusts (verified) does."""
    silenced = ignored(entry.comment)
    if silenced:
        found = [(item, message) for item, message in found if item.severity != WARNING or item.name not in silenced]
    if "l10n-waived:" not in entry.comment:
        return Checked(found, [])
    current = digest(entry.msgid, entry.msgstr)
    valid = {w.check: w for w in waivers(entry.comment) if w.valid(current) and (trusted is None or trusted(w))}
    active: list[tuple[Check, str]] = []
    waived: list[tuple[Check, str, Waiver]] = []
    for item, message in found:
        waiver = valid.get(item.name)
        if waiver is not None and item.can_waive(message):
            waived.append((item, message, waiver))
        else:
            active.append((item, message))
    return Checked(active, waived)


def entry_findings(
    entry: Translation,
    locale: str,
    glossary: Glossary,
    source_locale: str = "en",
    scope: Scope = NO_SCOPE,
    cache: CheckCache | None = None,
) -> list[tuple[Check, str]]:
    """The findings that count for one translated entry (see :func:`entry_checked`)."""
    return entry_checked(entry, locale, glossary, source_locale, scope, cache).findings


def prefetch(cache: CheckCache, locale: str, scope: Scope, entries: Iterable[Translation]) -> None:
    """Read what *cache* holds for the translated *entries* of one catalog at once (fewer queries than one each)."""
    cache.prefetch(locale, scope, [(e.msgid, e.msgstr, seen(e)) for e in entries if e.msgstr and not e.obsolete])


def seen(entry: Translation) -> str:
    """What the checks read of *entry* besides its texts (:class:`~.registry.Context`): its units'
    kinds and its translator comment; part of its key in the cache (rule 1 of :mod:`.cache`)."""
    return "\x1f".join(entry.kinds) + "\0" + entry.comment


def raw_findings(
    entry: Translation,
    locale: str,
    glossary: Glossary,
    source_locale: str = "en",
    scope: Scope = NO_SCOPE,
    cache: CheckCache | None = None,
) -> list[tuple[Check, str]]:
    """Every check's findings on *entry*, nothing silenced, through *cache* if given."""
    ctx = Context(entry.msgid, entry.msgstr, locale, glossary, source_locale, scope, entry.kinds, entry.comment)
    if cache is None:
        return run(ctx)
    key = cache.key(locale, scope, entry.msgid, entry.msgstr, seen(entry))
    stored = cache.get(key)
    if stored is not None and (known := _checks(stored)) is not None:
        return known
    found = run(ctx)
    cache.put(key, [(item.name, message) for item, message in found])
    return found


def _checks(stored: list[tuple[str, str]]) -> list[tuple[Check, str]] | None:
    """Stored ``(name, message)`` pairs with their checks, or None if a name is not registered."""
    by_name = _by_name()
    if not all(name in by_name for name, _ in stored):
        return None
    return [(by_name[name], message) for name, message in stored]


_NAMES: dict[str, Check] = {}


def _by_name() -> dict[str, Check]:
    if len(_NAMES) != len(CHECKS):
        _NAMES.clear()
        _NAMES.update((item.name, item) for item in CHECKS)
    return _NAMES


def check_catalogs(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    for article, locale, display, entry, checked in checked_entries(config, locales, articles):
        where = (display, entry.line)
        for item, message in checked.findings:
            yield Finding(*where, item.severity, item.name, message, locale, article, entry.msgid, entry.fuzzy)
        for item, message, waiver in checked.waived:
            note = f"by {waiver.by} on {waiver.date}: {waiver.reason}"
            yield Finding(*where, WAIVED, item.name, message, locale, article, entry.msgid, entry.fuzzy, note)


CheckedEntry = tuple[str, str, str, Translation, Checked]
"""(article, locale, catalog path, entry, its findings as :func:`honour` leaves them)."""


def checked_entries(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> Iterator[CheckedEntry]:
    """Every live translated entry of the selected catalogs that has a raw finding, with its findings.

    Article by article, locale by locale, in entry order, as :func:`l10n.catalog.entries.catalog_entries`.
    A catalog the cache knows as it is (rule 4 of :mod:`.cache`) is not read: its record
    holds exactly these entries, whose comments decide again what their findings count
    for (:func:`honour`). Entries without any raw finding are left out: they have
    nothing to report.
    """
    from l10n.catalog.entries import read_translations

    glossary = glossary_of(config)
    cache = check_cache(config, glossary)
    verifier = verifier_of(config) if config.settings.review.signatures == "required" else None

    def honoured(entry: Translation, raw: list[tuple[Check, str]], locale: str, article: str) -> Checked:
        if verifier is None or "l10n-waived:" not in entry.comment:
            return honour(entry, raw)
        return honour(entry, raw, lambda waiver: verifier.seal(locale, article, entry, waiver).verified)

    try:
        for article in articles or config.articles():
            source = str(config.source_path(article))
            scope: Scope | None = None
            for locale in locales or config.locales:
                path = config.confined(config.catalog_path(locale, article))
                if not path.exists():
                    continue
                display = config.relative(path)
                key = cache.catalog_key(locale, str(path), source)
                stored = cache.record(key) if key is not None else None
                replayed = unpack(stored) if stored is not None else None
                if replayed is not None:
                    for entry, raw in replayed:
                        yield article, locale, display, entry, honoured(entry, raw, locale, article)
                    continue
                if scope is None:
                    cache.flush()
                    scope = scope_of(config, article)
                kept: list[tuple[Translation, list[tuple[Check, str]]]] = []
                entries = [e for e in read_translations(path, display) if e.msgstr and not e.obsolete]
                prefetch(cache, locale, scope, entries)
                for entry in entries:
                    raw = raw_findings(entry, locale, glossary, config.source_locale, scope, cache)
                    if raw:
                        kept.append((entry, raw))
                        yield article, locale, display, entry, honoured(entry, raw, locale, article)
                if key is not None:
                    cache.keep(key, str(path), pack(kept))
    finally:
        cache.flush(force=True)


_FIELDS = {f.name: None for f in fields(Translation)}.keys()
"""The fields of an entry, as a record of the cache names them (in their order)."""


def pack(checked: Iterable[tuple[Translation, list[tuple[Check, str]]]]) -> list[Any]:
    """Entries and their findings as JSON data, for a record of the cache (:func:`unpack` reads it)."""
    return [[{name: getattr(entry, name) for name in _FIELDS}, [[c.name, m] for c, m in found]] for entry, found in checked]


def unpack(stored: list[Any]) -> list[tuple[Translation, list[tuple[Check, str]]]] | None:
    """What :func:`pack` wrote, or None if it names a check that is not registered."""
    out = []
    for values, raw in stored:
        found = _checks([(str(name), str(message)) for name, message in raw])
        if found is None:
            return None
        if not isinstance(values, dict) or values.keys() != _FIELDS:
            return None  # a record of another layout
        entry = Translation(**{name: tuple(v) if isinstance(v, list) else v for name, v in values.items()})  # type: ignore[arg-type]
        out.append((entry, found))
    return out
