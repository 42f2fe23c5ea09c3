"""Running the checks over catalogs (``l10n check``) and over one entry (status, review, build).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.
Entries are checked in the :class:`~.registry.Scope` of their article (:func:`scope_of`):
its link reference definitions, read from its source, and the ``[check]`` settings.

A valid waiver (``l10n-waived:``, bound to the entry's exact texts) takes the findings
of its check that the check lets a reviewer waive out of what counts: they are reported
with the severity ``waived`` and never block publication. Findings the check does not
let anyone waive (a citation, injected markup) stay what they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..catalog import Translation, catalog_entries
from ..config import Config
from ..glossary import Glossary, glossary_of
from ..provenance import Waiver, digest, ignored, waivers
from .registry import NO_SCOPE, Check, Context, Scope, run

if TYPE_CHECKING:
    from ..markdown import Document

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
    """The scope of *article*'s entries: the link definitions of *doc* (read from its source if not given)."""
    if doc is None:
        from ..markdown import read

        source = config.source_path(article)
        if not source.exists():  # a catalog left behind by a removed article
            return Scope(localized_links=config.table("check")["localized_links"])
        doc = read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    return Scope(doc.references, config.table("check")["localized_links"])


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings on one entry, those that count apart from those a waiver covers."""

    findings: list[tuple[Check, str]]
    """Every finding no valid waiver covers."""
    waived: list[tuple[Check, str, Waiver]]
    """Findings a valid waiver covers, with it."""


def entry_checked(
    entry: Translation, locale: str, glossary: Glossary, source_locale: str = "en", scope: Scope = NO_SCOPE
) -> Checked:
    """The findings for one translated entry of an article (in its *scope*), honouring its
    ``l10n-ignore:`` and ``l10n-waived:`` lines."""
    ctx = Context(entry.msgid, entry.msgstr, locale, glossary, source_locale, scope, entry.kinds, entry.comment)
    found = run(ctx, ignored(entry.comment))
    if "l10n-waived:" not in entry.comment:
        return Checked(found, [])
    current = digest(entry.msgid, entry.msgstr)
    valid = {w.check: w for w in waivers(entry.comment) if w.valid(current)}
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
    entry: Translation, locale: str, glossary: Glossary, source_locale: str = "en", scope: Scope = NO_SCOPE
) -> list[tuple[Check, str]]:
    """The findings that count for one translated entry (see :func:`entry_checked`)."""
    return entry_checked(entry, locale, glossary, source_locale, scope).findings


def check_catalogs(config: Config, locales: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    glossary = glossary_of(config)
    scopes: dict[str, Scope] = {}
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if entry.obsolete or not entry.msgstr:
            continue
        if article not in scopes:
            scopes[article] = scope_of(config, article)
        checked = entry_checked(entry, locale, glossary, config.source_locale, scopes[article])
        where = (display, entry.line)
        for item, message in checked.findings:
            yield Finding(*where, item.severity, item.name, message, locale, article, entry.msgid, entry.fuzzy)
        for item, message, waiver in checked.waived:
            note = f"by {waiver.by} on {waiver.date}: {waiver.reason}"
            yield Finding(*where, WAIVED, item.name, message, locale, article, entry.msgid, entry.fuzzy, note)
