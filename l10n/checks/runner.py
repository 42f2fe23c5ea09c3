"""Running the checks over catalogs (``l10n check``) and over one entry (status, review, build).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.

A valid waiver (``l10n-waived:``, bound to the entry's exact texts) takes the findings
of its check that the check lets a reviewer waive out of what counts: they are reported
with the severity ``waived`` and never block publication. Findings the check does not
let anyone waive (a citation, injected markup) stay what they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..catalog import Translation, catalog_entries
from ..config import Config
from ..glossary import Glossary, glossary_of
from ..provenance import Waiver, digest, ignored, waivers
from .registry import Check, Context, run

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


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings on one entry, those that count apart from those a waiver covers."""

    findings: list[tuple[Check, str]]
    """Every finding no valid waiver covers."""
    waived: list[tuple[Check, str, Waiver]]
    """Findings a valid waiver covers, with it."""


def entry_checked(entry: Translation, locale: str, glossary: Glossary, source_locale: str = "en") -> Checked:
    """The findings for one translated entry, honouring its ``l10n-ignore:`` and ``l10n-waived:`` lines."""
    ctx = Context(entry.msgid, entry.msgstr, locale, glossary, source_locale)
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


def entry_findings(entry: Translation, locale: str, glossary: Glossary, source_locale: str = "en") -> list[tuple[Check, str]]:
    """The findings that count for one translated entry (see :func:`entry_checked`)."""
    return entry_checked(entry, locale, glossary, source_locale).findings


def check_catalogs(config: Config, locales: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    glossary = glossary_of(config)
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if entry.obsolete or not entry.msgstr:
            continue
        checked = entry_checked(entry, locale, glossary, config.source_locale)
        where = (display, entry.line)
        for item, message in checked.findings:
            yield Finding(*where, item.severity, item.name, message, locale, article, entry.msgid, entry.fuzzy)
        for item, message, waiver in checked.waived:
            note = f"by {waiver.by} on {waiver.date}: {waiver.reason}"
            yield Finding(*where, WAIVED, item.name, message, locale, article, entry.msgid, entry.fuzzy, note)
