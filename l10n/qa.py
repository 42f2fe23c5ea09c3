"""Running the checks over catalogs (``l10n check``) and over one unit (``l10n build``).

Every translation is checked, fuzzy ones too (their findings are labelled). A finding
names the catalog entry (``path:line``), the severity, the check and the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from . import checks
from .catalog import Translation, catalog_entries
from .config import Config
from .glossary import Glossary, load_glossary
from .protect import Term, find_spans


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


def glossary_of(config: Config) -> Glossary:
    return _load(config.glossary, config.relative(config.glossary))


@cache
def _load(path: Path, display: str) -> Glossary:
    return load_glossary(path, display)


def hints(text: str, glossary: Glossary, locales: tuple[str, ...]) -> list[str]:
    """Extracted-comment lines telling a translator what matters in *text*.

    The same lines go into the template and every catalog (so ``msgmerge`` with the
    template changes nothing): glossary terms with their rendering in each locale,
    then the spans to keep exactly and the numbers to keep in value.
    """
    lines: list[str] = []
    seen: set[str] = set()
    keep = tuple(Term(t.term, t.case_sensitive) for t in glossary.terms if locales and all(t.keeps(c) for c in locales))
    spans = find_spans(text, keep)
    for term, _, _ in glossary.find(checks.blank_protected(text, spans)):
        if term.term in seen:
            continue
        seen.add(term.term)
        note = f" ({' '.join(term.note.split())})" if term.note.strip() else ""
        if locales and all(term.keeps(code) for code in locales):
            lines.append(f"glossary: {term.term}: do not translate{note}")
            continue
        renderings = [f"{code}: {term.term if term.keeps(code) else term.translation_for(code)}" for code in locales
                      if term.keeps(code) or term.translation_for(code)]
        lines.append(f"glossary: {term.term} -> {', '.join(renderings) or 'no required rendering'}{note}")
    for span in spans:
        shown = span.text.replace("\n", "⏎")
        if span.kind == "number":
            lines.append(f"keep the value: {shown}")
        elif span.kind != "term":
            lines.append(f"keep exactly: {span.kind} {shown}")
    return lines


def entry_findings(entry: Translation, locale: str, glossary: Glossary,
                   source_locale: str = "en") -> list[tuple[checks.Check, str]]:
    """Findings for one translated entry, honouring its ``l10n-ignore:`` comment."""
    ctx = checks.Context(entry.msgid, entry.msgstr, locale, glossary, source_locale)
    return checks.run(ctx, checks.ignored(entry.comment))


def unit_errors(source: str, translation: str, locale: str, glossary: Glossary, source_locale: str = "en") -> list[str]:
    """Error-level findings for a translation about to be published, as ``error [check] message``."""
    ctx = checks.Context(source, translation, locale, glossary, source_locale)
    return [f"error [{c.name}] {m}" for c, m in checks.run(ctx) if c.severity == checks.ERROR]


def check_catalogs(config: Config, locales: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Every finding in the selected catalogs, article by article, in entry order."""
    glossary = glossary_of(config)
    for article, locale, display, entry in catalog_entries(config, locales, articles):
        if entry.obsolete or not entry.msgstr:
            continue
        for item, message in entry_findings(entry, locale, glossary, config.source_locale):
            yield Finding(display, entry.line, item.severity, item.name, message, locale, article,
                          entry.msgid, entry.fuzzy)
