"""``l10n extract``: source articles to templates and catalogs.

For each article: parse the source, write its template, and merge the template into
the catalog of every configured locale (see :mod:`l10n.catalogs` for the merge
rules). Files whose content would not change are not written; with ``check`` nothing
is written and the stale files are reported instead. Articles whose source, settings
and outputs are unchanged since the last run are skipped without parsing.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config
from .errors import SourceError
from .fsutil import locked, write_atomic
from .state import State, digest


@dataclass(slots=True)
class ExtractReport:
    """What an extract run did (or, with ``check``, would do)."""

    changed: list[str] = field(default_factory=list)
    """Project-relative paths written (or stale)."""
    articles: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def _settings(config: Config, locales: tuple[str, ...], state: State) -> str:
    """What besides the source shapes an article's catalogs (the glossary gives hints)."""
    glossary = state.source_digest(config.glossary) if config.glossary.exists() else "-"
    return (f"{__version__}|{config.front_matter_keys}|{config.verbatim_sections}|{config.locales}|{locales}|"
            f"{config.relative(config.source_dir)}|{glossary}")


def _fingerprint(settings: str, source_digest: str) -> str:
    return digest(f"{settings}|{source_digest}".encode())


def extract(config: Config, check: bool = False, locales: tuple[str, ...] | None = None) -> ExtractReport:
    """Extract every article of the project."""
    locales = config.locales if locales is None else locales
    report = ExtractReport()
    state = State(config.root)
    settings = _settings(config, locales, state)
    articles = config.articles()
    for article in articles:
        report.articles += 1
        source = config.source_path(article)
        outputs = [config.template_path(article), *(config.catalog_path(loc, article) for loc in locales)]
        try:
            inputs = _fingerprint(settings, state.source_digest(source))
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror}", config.relative(source)) from None
        if state.fresh("extract", article, inputs, outputs):
            report.skipped += 1
            continue
        written = extract_article(config, article, _read(source, config), locales, write=not check)
        report.changed.extend(config.relative(path) for path, (new, old) in written.items() if new != old)
        if not check:
            state.record("extract", article, inputs, {p: t for p, (t, _) in written.items()})
    _orphans(config, set(articles), report)
    if not check:
        state.save()
    return report


def _read(path: Path, config: Config) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", config.relative(path)) from None


def extract_article(config: Config, article: str, data: bytes, locales: tuple[str, ...],
                    write: bool = False) -> dict[Path, tuple[bytes, bytes | None]]:
    """New and old bytes of the template and each catalog of *article*; with *write*, write them.

    Each catalog is read, merged and written under its lock, so a concurrent
    ``l10n translate`` saving drafts into it is merged, not overwritten.
    """
    from . import catalogs, markdown
    from .locales import display_name, plural_forms
    from .qa import glossary_of, hints

    source_ref = config.relative(config.source_path(article))
    doc = markdown.parse(data, source_ref, config.front_matter_keys, config.verbatim_sections)
    glossary = glossary_of(config)
    msgs = catalogs.messages(doc.units, source_ref, lambda text: hints(text, glossary, config.locales))
    result: dict[Path, tuple[bytes, bytes | None]] = {}

    pot_path = config.template_path(article)
    old_pot = _old(pot_path)
    pot_text, pot_date = catalogs.template_text(msgs, article, old_pot.decode("utf-8", "replace") if old_pot else None)
    result[pot_path] = (pot_text.encode(), old_pot)

    for locale in locales:
        po_path = config.catalog_path(locale, article)
        with locked(config.root, po_path) if write else nullcontext():
            old = _old(po_path)
            po = catalogs.read_po(po_path, config.relative(po_path)) if old is not None else None
            merged = catalogs.update(po, msgs, locale, display_name(locale), plural_forms(locale), pot_date, article)
            result[po_path] = (catalogs.text(merged).encode(), old)
            if write:
                write_atomic(po_path, result[po_path][0])
    if write:
        write_atomic(pot_path, result[pot_path][0])
    return result


def _old(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _orphans(config: Config, articles: set[str], report: ExtractReport) -> None:
    templates = config.locales_dir / "templates"
    if not templates.is_dir():
        return
    for pot in sorted(templates.rglob("*.pot")):
        article = pot.relative_to(templates).with_suffix("").as_posix()
        if article not in articles:
            report.warnings.append(
                f"{config.relative(pot)}: no source article {config.relative(config.source_path(article))}; "
                "its catalogs are kept (delete them to drop their translations)"
            )
