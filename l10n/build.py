"""``l10n build``: localized articles from the sources and the catalogs.

For each locale and article, ``build/<locale>/<article>.md`` is the source with every
unit that has a reviewed translation spliced in (see :mod:`l10n.markdown`), and
``lang: <locale>`` in the front matter. Fuzzy and untranslated units keep the source
text. A translation that fails an error-level check (:mod:`l10n.checks`) or would
change the document's block structure falls back to the source with a warning naming
the catalog entry and the source line; with ``strict`` such an article is not written
and the build fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .fsutil import write_atomic


@dataclass(slots=True)
class BuildReport:
    """What a build run wrote and what it had to leave in the source language."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Outputs not written because of ``strict``."""


def build(config: Config, locales: tuple[str, ...] | None = None, out: Path | None = None,
          strict: bool = False) -> BuildReport:
    """Build every article for *locales* (default: all configured)."""
    from . import catalogs, markdown
    from .qa import glossary_of, unit_errors

    locales = locales or config.locales
    glossary = glossary_of(config)
    report = BuildReport()
    for article in config.articles():
        source = config.source_path(article)
        source_ref = config.relative(source)
        doc = markdown.read(source, source_ref, config.front_matter_keys, config.verbatim_sections)
        for locale in locales:
            po_path = config.catalog_path(locale, article)
            po_ref = config.relative(po_path)
            entries = catalogs.read_translations(po_path, po_ref) if po_path.exists() else []
            reviewed = {t.msgid: t.msgstr for t in entries if t.msgstr and not t.fuzzy and not t.obsolete}
            lines = {t.msgid: t.line for t in entries if not t.obsolete}
            def vet(unit: markdown.Unit, translation: str, locale: str = locale) -> str | None:
                return "; ".join(unit_errors(unit.text, translation, locale, glossary, config.source_locale)) or None

            text, fallbacks = markdown.render(doc, reviewed, locale, vet)
            target = config.build_path(locale, article, out)
            for fallback in fallbacks:
                unit = fallback.unit
                report.warnings.append(
                    f"{po_ref}:{lines.get(unit.text, 0)}: {fallback.reason}; kept the source text of {source_ref}:{unit.line}"
                )
            if fallbacks and strict:
                report.failed.append(_display(config, target))
                continue
            if write_atomic(target, text.encode("utf-8")):
                report.written.append(_display(config, target))
            else:
                report.unchanged += 1
    return report


def _display(config: Config, path: Path) -> str:
    return config.relative(path)
