"""Running the checks over catalogs (``l10n check``) and over one entry (status, review, build).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.
Entries are checked in the :class:`~.registry.Scope` of their article (:func:`scope_of`):
its link reference definitions, read from its source, and the ``[check]`` settings.

Given a :class:`~.cache.CheckCache` (:func:`~.cache.check_cache`), a translation whose
source, translation, locale and scope were already checked under the same version,
glossary and configuration is not checked again: its raw findings are read back, and
what the entry's own comments say about them (``l10n-ignore``) is applied after the
cache, in :func:`entry_findings`, as without one. Callers flush the cache after each
catalog.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..catalog import Translation, catalog_entries
from ..config import Config
from ..glossary import Glossary, glossary_of
from ..provenance import ignored
from .cache import CheckCache, check_cache
from .registry import CHECKS, NO_SCOPE, WARNING, Check, Context, Scope, run

if TYPE_CHECKING:
    from ..markdown import Document


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

    def __str__(self) -> str:
        label = "(fuzzy) " if self.fuzzy else ""
        return f"{self.path}:{self.line}: {self.severity} [{self.check}] {label}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def scope_of(config: Config, article: str, doc: Document | None = None) -> Scope:
    """The scope of *article*'s entries: the link definitions of *doc* (read from its source if not given).

    The scope of one *doc* is one object, whatever the locale: what the checks compute on
    a source text is shared through it (:class:`~.registry.Scope`).
    """
    if doc is None:
        from ..markdown import read

        source = config.source_path(article)
        if not source.exists():  # a catalog left behind by a removed article
            return Scope(localized_links=config.table("check")["localized_links"])
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    localized = config.table("check")["localized_links"]
    known = _SCOPES.get(id(doc))
    if known is None or known[0] is not doc or known[1].localized_links != localized:
        if len(_SCOPES) > 8:  # the articles being assessed now
            _SCOPES.clear()
        known = _SCOPES[id(doc)] = (doc, Scope(doc.references, localized))
    return known[1]


_SCOPES: dict[int, tuple[Document, Scope]] = {}


def entry_findings(
    entry: Translation,
    locale: str,
    glossary: Glossary,
    source_locale: str = "en",
    scope: Scope = NO_SCOPE,
    cache: CheckCache | None = None,
) -> list[tuple[Check, str]]:
    """Findings for one translated entry of an article (in its *scope*), honouring its ``l10n-ignore:`` comment.

    With a *cache* (of the same glossary and source locale), the checks run only on a
    translation they have not seen in this scope.
    """
    found = raw_findings(entry.msgid, entry.msgstr, locale, glossary, source_locale, scope, cache)
    silenced = ignored(entry.comment)
    if not silenced:
        return found
    return [(item, message) for item, message in found if item.severity != WARNING or item.name not in silenced]


def raw_findings(
    source: str,
    translation: str,
    locale: str,
    glossary: Glossary,
    source_locale: str = "en",
    scope: Scope = NO_SCOPE,
    cache: CheckCache | None = None,
) -> list[tuple[Check, str]]:
    """Every check's findings on *translation* of *source*, nothing silenced, through *cache* if given."""
    if cache is None:
        return run(Context(source, translation, locale, glossary, source_locale, scope))
    key = cache.key(locale, scope, source, translation)
    stored = cache.get(key)
    if stored is not None:
        by_name = _by_name()
        if all(name in by_name for name, _ in stored):
            return [(by_name[name], message) for name, message in stored]
    found = run(Context(source, translation, locale, glossary, source_locale, scope))
    cache.put(key, [(item.name, message) for item, message in found])
    return found


_NAMES: dict[str, Check] = {}


def _by_name() -> dict[str, Check]:
    if len(_NAMES) != len(CHECKS):
        _NAMES.clear()
        _NAMES.update((item.name, item) for item in CHECKS)
    return _NAMES


def check_catalogs(config: Config, locales: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    glossary = glossary_of(config)
    cache = check_cache(config, glossary)
    scopes: dict[str, Scope] = {}
    try:
        for article, locale, display, entry in catalog_entries(config, locales, articles):
            if entry.obsolete or not entry.msgstr:
                continue
            if article not in scopes:
                cache.flush()
                scopes[article] = scope_of(config, article)
            for item, message in entry_findings(entry, locale, glossary, config.source_locale, scopes[article], cache):
                yield Finding(display, entry.line, item.severity, item.name, message, locale, article, entry.msgid, entry.fuzzy)
    finally:
        cache.flush()
