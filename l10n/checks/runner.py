"""Running the checks over catalogs (``l10n check``) and over one entry (status, review, build).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..catalog import Translation, catalog_entries
from ..config import Config
from ..glossary import Glossary, glossary_of
from ..provenance import ignored
from .registry import Check, Context, run


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


def entry_findings(entry: Translation, locale: str, glossary: Glossary, source_locale: str = "en") -> list[tuple[Check, str]]:
    """Findings for one translated entry, honouring its ``l10n-ignore:`` comment."""
    ctx = Context(entry.msgid, entry.msgstr, locale, glossary, source_locale, entry.kinds)
    return run(ctx, ignored(entry.comment))


def check_catalogs(config: Config, locales: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    glossary = glossary_of(config)
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if entry.obsolete or not entry.msgstr:
            continue
        for item, message in entry_findings(entry, locale, glossary, config.source_locale):
            yield Finding(display, entry.line, item.severity, item.name, message, locale, article, entry.msgid, entry.fuzzy)
