"""``l10n extract``: source articles to templates and catalogs.

For each article: parse the source, write its template, and merge the template into
the catalog of every configured locale (see :mod:`l10n.catalog.merge` for the merge
rules). Files whose content would not change are not written; with ``check`` nothing
is written and the stale files are reported instead. Articles whose source, settings
and outputs are unchanged since the last run are skipped without parsing. Catalogs of
a locale that is not configured are reported with the ``l10n init`` command that
adopts them.

The freshness check runs in the calling process (a few stats per article); only stale
articles go to the worker processes (``jobs``, see :mod:`l10n.core.parallel`: the first
one runs in the calling process, so that the workers start with its imports), which return
the digests of what they wrote. The report and the state file are filled in article
order, so a run writes the same files and reports the same lines whatever ``jobs``.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.core.config import Config, Shard, layout
from l10n.core.errors import CatalogError, L10nError, SourceError
from l10n.core.files import read_file, write_if_changed
from l10n.core.locks import locked
from l10n.core.parallel import imap
from l10n.core.state import State, digest, settings_fingerprint

if TYPE_CHECKING:
    from l10n.catalog.changes import Changes


@dataclass(slots=True)
class ExtractReport:
    """What an extract run did (or, with ``check``, would do)."""

    changed: list[str] = field(default_factory=list)
    """Project-relative paths written (or stale)."""
    articles: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    unconfigured: list[str] = field(default_factory=list)
    """A warning for each folder of catalogs of a locale that is not configured (see
    :func:`l10n.catalog.entries.unconfigured`): never updated, so ``check`` counts them as stale."""
    catalogs: list[tuple[str, Changes]] = field(default_factory=list)
    """Each catalog written (or stale) with what the update changes in it, in article order."""


def _fingerprint(settings: str, source_digest: str) -> str:
    return digest(f"{settings}|{source_digest}".encode())


def extract(
    config: Config,
    check: bool = False,
    locales: tuple[str, ...] | None = None,
    jobs: int | None = None,
    shard: Shard | None = None,
) -> ExtractReport:
    """Extract every article (of *shard*), stale ones on *jobs* processes (default: one per CPU)."""
    locales = config.locales if locales is None else locales
    report = ExtractReport()
    state = State(config.root)
    report.warnings.extend(state.warnings)
    shaping = (config.locales, config.references, config.settings.build.required)  # hints and references
    settings = settings_fingerprint(config, state, (), *shaping, locales, config.relative(config.source_dir))
    every = config.articles()
    articles = every if shard is None else [a for a in every if shard.holds(a)]
    source_of = layout(config.source_path)
    outputs_of = [layout(config.template_path), *(layout(partial(config.catalog_path, loc)) for loc in locales)]
    stale: list[tuple[str, str]] = []
    for article in articles:
        source = source_of(article)
        outputs = [output_of(article) for output_of in outputs_of]
        try:
            inputs = _fingerprint(settings, state.source_digest(source))
        except L10nError as exc:
            raise SourceError(exc.message, config.relative(Path(source))) from None
        if state.fresh("extract", article, inputs, outputs):
            report.skipped += 1
        else:
            stale.append((article, inputs))
    report.articles = len(articles)
    task = partial(_extract_one, config, locales, not check)
    try:
        # strict: the pool's iterator is run to its end, which shuts the pool down.
        for (article, inputs), (written, warnings, catalogs) in zip(stale, imap(task, [a for a, _ in stale], jobs), strict=True):
            report.warnings.extend(warnings)
            report.catalogs.extend((config.relative(path), counted) for path, counted in catalogs.items())
            report.changed.extend(config.relative(path) for path, (_, changed) in written.items() if changed)
            if not check:
                state.record_digests("extract", article, inputs, {path: hashed for path, (hashed, _) in written.items()})
    except BaseException:  # what was written before an error is recorded too: a rerun skips it
        if not check:
            state.save(quiet=True)
        raise
    if not check:
        state.save()
    _orphans(config, set(every), report)
    from l10n.catalog.entries import unconfigured

    report.unconfigured = unconfigured(config)
    return report


def _extract_one(
    config: Config, locales: tuple[str, ...], write: bool, article: str
) -> tuple[dict[Path, tuple[str, bool]], list[str], dict[Path, Changes]]:
    """In a worker: extract *article*; for each output, the digest of its new content and whether it
    changed, the warnings, and what changed in each catalog that changed."""
    from l10n.catalog.changes import changes
    from l10n.document.sources import read_bytes

    warnings: list[str] = []
    source = config.source_path(article)
    written = extract_article(config, article, read_bytes(source, config.relative(source)), locales, write, warnings)
    catalogs = {
        path: changes(old, new, config.relative(path))
        for path, (new, old) in written.items()
        if new != old and path.suffix == ".po"
    }
    return {path: (digest(new), new != old) for path, (new, old) in written.items()}, warnings, catalogs


def extract_article(
    config: Config, article: str, data: bytes, locales: tuple[str, ...], write: bool = False, warnings: list[str] | None = None
) -> dict[Path, tuple[bytes, bytes | None]]:
    """New and old bytes of the template and each catalog of *article*; with *write*, write them.

    Every catalog is read and merged before any file is written, so a bad catalog
    leaves all of the article's files as they were. They are read, merged and written
    under their locks (taken in path order, after the source's, which stands for the
    lock of a catalog not written yet), so a concurrent ``l10n translate`` saving
    drafts into one is merged, not overwritten, and two ``extract`` runs never both
    create one. A path that a symlink leads outside the project is refused before
    anything is read. *warnings* receives a line for each ``Plural-Forms`` header
    rewritten to the rule of ``l10n``'s table.
    """
    from l10n.catalog import merge
    from l10n.catalog.hints import hints, required
    from l10n.catalog.language import disagreement
    from l10n.document import walker
    from l10n.glossary.schema import glossary_of

    source_ref = config.relative(config.source_path(article))
    doc = walker.parse(data, source_ref, config.front_matter_keys, config.verbatim_sections)
    glossary = glossary_of(config)
    patterns = config.settings.build.required
    msgs = merge.messages(
        doc.units,
        source_ref,
        lambda text, marked: [
            *required(text, marked, patterns),
            *hints(text, glossary, config.locales, doc.references),
        ],
        config.references,
    )
    result: dict[Path, tuple[bytes, bytes | None]] = {}

    pot_path = config.confined(config.template_path(article))
    po_paths = {locale: config.confined(config.catalog_path(locale, article)) for locale in locales}
    old_pot = _old(pot_path, config.relative(pot_path))
    pot_text, pot_date = merge.template_text(msgs, article, old_pot.decode("utf-8", "replace") if old_pot else None)
    result[pot_path] = (pot_text.encode(), old_pot)

    with ExitStack() as held:
        if write:  # the source's lock, taken first, stands for its catalogs not written yet (l10n.core.locks rule 2)
            held.enter_context(locked(config.root, config.source_path(article)))
        for po_path in sorted(set(po_paths.values())) if write else ():
            held.enter_context(locked(config.root, po_path, created_under_held=True))
        for locale, po_path in po_paths.items():
            old = _old(po_path, config.relative(po_path))
            text, warning = merge.catalog_text(old, config.relative(po_path), msgs, locale, pot_date, article)
            if warning is not None and warnings is not None:
                warnings.append(warning)
            other = disagreement(old.decode("utf-8", "replace"), locale) if old else None
            if other is not None and warnings is not None:  # the header is about to say the folder's locale
                warnings.append(f"{config.relative(po_path)}:{other[1]}: {other[0]}; rewritten to {locale!r}")
            result[po_path] = (text.encode(), old)
        if write:
            for po_path in dict.fromkeys(po_paths.values()):  # what was read is what is there: the files are locked
                write_if_changed(po_path, *result[po_path], config.relative(po_path))
    if write:
        write_if_changed(pot_path, *result[pot_path], config.relative(pot_path))
    return result


def _old(path: Path, display: str) -> bytes | None:
    return read_file(path, display, CatalogError, missing_ok=True)


def _orphans(config: Config, articles: set[str], report: ExtractReport) -> None:
    """Warn about templates without a source article (walked as strings: there is one per article)."""
    templates = config.locales_dir / "templates"
    base = len(str(templates)) + 1
    orphans = []
    for folder, _, files in os.walk(templates):
        sub = folder[base:].replace(os.sep, "/")
        for name in files:
            if name.endswith(".pot") and (article := f"{sub}/{name[:-4]}".lstrip("/")) not in articles:
                orphans.append(article)
    for article in sorted(orphans, key=lambda a: f"{a}.pot".split("/")):  # the order of sorted Paths
        report.warnings.append(
            f"{config.relative(config.template_path(article))}: no source article "
            f"{config.relative(config.source_path(article))}; its catalogs are kept (delete them to drop their translations)"
        )
