"""``l10n translate``: machine-translation drafts for what is untranslated.

Rules:

1. Only units with an empty translation are drafted; a human translation is never
   overwritten, and every draft is ``fuzzy``: it waits for a reviewer.
2. Reuse before cost: a reviewed translation of the same text elsewhere in the locale
   (never a pseudo-localized one) is used first; then an exact match in the translation
   memory (:mod:`l10n.mt.memory`, provenance ``tm``), whose fuzzy matches are saved
   as suggestions beside the entry, never as drafts; then the SQLite cache
   (``.l10n/mt-cache.sqlite``, :mod:`l10n.mt.cache`, keyed by engine, languages and the
   exact masked text); only the rest is sent.
3. Protected spans are masked before sending and restored afterwards. A draft whose
   placeholders did not come back intact is still saved for the reviewer (its damage
   fails the ``protected-spans`` check, so it can never be published). A draft whose
   placeholders all came back, but in an order that puts the protected spans in
   another order than the source's (two doses swapped, or a legitimate reordering: only
   a reader can tell), is saved with ``placeholders-reordered=`` in its provenance, which
   fails the ``placeholders-reordered`` check until a reviewer waives it.
4. Provenance is a translator comment, ``l10n-draft: mt engine=ID date=...`` or
   ``l10n-draft: reuse from=ARTICLE date=...`` (:mod:`l10n.catalog.provenance`): translator
   comments survive ``l10n extract``, ``msgmerge`` and PO editors. Engines take their
   key out of every translation (:func:`l10n.mt.engines.base.run_batch`), so it reaches
   neither a draft nor the cache.
5. Every request has a timeout; rate limits (honouring ``Retry-After``), server
   errors, timeouts, dropped connections and malformed answers are retried with
   exponential backoff and full jitter; other client errors are not retried
   (:mod:`l10n.mt.engines.calls`). Long units are split at sentence boundaries under the
   engine's length limit (:mod:`l10n.mt.jobs`). Requests run on a bounded thread pool behind
   a shared rate limiter.
6. ``deadline`` bounds the whole run, from the language check to the last answer,
   whatever the batch count and concurrency: no request starts after it, no backoff
   sleeps past it, and a running request is cut at it (:class:`l10n.mt.engines.calls.Deadline`:
   a server that never answers, or drips its answer a byte at a time under the read
   timeout, cannot hold the run). What was not drafted by then is reported as failed,
   and the drafts made are saved.
7. Every answer goes into the cache as it arrives, one sentence piece at a time, from
   the worker that received it; drafts are saved in checkpoints, each a
   read-merge-write of the catalog under its lock. An interrupt or ``kill -9`` loses
   at most the requests in flight (a rerun drafts the rest from the cache), and two
   runs at once lose nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.catalog import entries as catalog
from l10n.catalog import provenance, stamps
from l10n.catalog.entries import Translation, read_translations
from l10n.core.config import Config
from l10n.core.errors import CatalogError, ConfigError, EngineError, L10nError, Permanent
from l10n.mt import drafts as machine_drafts
from l10n.mt.cache import Cache
from l10n.mt.engines import Engine, close_engine, engine_code, make_engine
from l10n.mt.engines.calls import Deadline, RateLimiter, call_with_retries, retrying
from l10n.mt.engines.pseudo import is_pseudo
from l10n.mt.engines.registry import no_engine_message
from l10n.mt.jobs import Job, batches, split_sentences
from l10n.text.placeholders import Masked, mask, reordered, restore
from l10n.text.spans import Term, find_spans

_GENERAL = ("engine", "concurrency", "deadline", "batch_size", "rate_limit", "max_attempts", "checkpoint")
"""The keys of ``[translate]`` that are not the engine's own settings."""


@dataclass(frozen=True, slots=True)
class Settings:
    """``[tool.l10n.translate]``, validated."""

    engine: str
    concurrency: int
    deadline: float
    batch_size: int
    rate_limit: float
    max_attempts: int
    checkpoint: int
    raw: dict[str, Any] = field(default_factory=dict)


def settings_of(config: Config, engine: str | None = None) -> Settings:
    """The translate settings of *config* (validated at load); *engine* overrides the configured one."""
    run = config.settings.translate
    chosen = engine or run.engine
    general = {name: getattr(run, name) for name in _GENERAL if name != "engine"}
    return Settings(engine=chosen, **general, raw=run.engine_settings(chosen))  # raw: url, timeout, key_env...


@dataclass(slots=True)
class TranslateReport:
    """What a translate run did (or, dry, would do)."""

    units: int = 0
    """Untranslated units found."""
    reused: int = 0
    remembered: int = 0
    """Drafts from exact matches of the translation memory."""
    suggested: int = 0
    """Units given fuzzy matches of the translation memory as suggestions."""
    cached: int = 0
    to_send: int = 0
    """Distinct texts that need the engine."""
    chars: int = 0
    """Characters of the texts to send (masked)."""
    requests: int = 0
    drafted: int = 0
    damaged: int = 0
    """Drafts saved with placeholders that did not come back intact."""
    reordered: int = 0
    """Drafts saved with their protected spans in another order than the source's (rule 3)."""
    failed: list[str] = field(default_factory=list)
    engine: str = ""
    """The id of the engine that drafts (or would)."""
    other_drafts: dict[str, int] = field(default_factory=dict)
    """Units chosen that hold another engine's machine draft, by that engine (:mod:`l10n.mt.drafts`)."""
    replaced: int = 0
    """Other engines' drafts emptied by ``replace_drafts`` so that this engine drafts them."""


@dataclass(slots=True)
class _Draft:
    msgid: str
    text: str
    provenance: str


def translate(
    config: Config,
    locale: str,
    engine_id: str | None = None,
    articles: Sequence[str] = (),
    dry_run: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    replace_drafts: bool = False,
) -> TranslateReport:
    """Draft translations for the untranslated units of *locale* (rules above).

    ``on_progress(step, total)`` is called with ``step=0`` and the number of units to send
    to the engine before the first request, then with the units each translated text
    drafts; not at all when nothing is sent. With no engine configured or named, nothing is
    drafted: pseudo drafts only when asked for. *replace_drafts* empties the units' machine
    drafts of other engines first, so that this engine drafts them (:mod:`l10n.mt.drafts`).
    """
    from l10n.checks import keep_terms
    from l10n.glossary.schema import glossary_of
    from l10n.mt.memory import load as load_memory

    settings = settings_of(config, engine_id)
    if not settings.engine:
        raise ConfigError(no_engine_message())
    deadline = Deadline.after(settings.deadline)  # the whole run (rule 6)
    engine = make_engine(settings.engine, settings.raw)
    try:
        source = engine_code(engine.id, config.source_locale, role="source")
        target = engine_code(engine.id, locale)
    except Permanent as exc:
        raise L10nError(exc.message) from None  # an input error, before any request
    report = TranslateReport(engine=engine.id)
    terms: tuple[Term, ...] = keep_terms(glossary_of(config), locale)
    chosen = list(articles) or config.articles()
    if replace_drafts and not dry_run:
        report.replaced = machine_drafts.discard_others(config, locale, chosen, engine.id)
    reviewed, catalogs = _reviewed(config, locale)
    memory = load_memory(config, locale)
    suggestions: dict[Path, list[tuple[str, list[str]]]] = {}
    cache = Cache(config.root)
    key = (engine.id, source, target)
    pending: dict[Path, list[_Draft]] = {}
    jobs: dict[str, Job] = {}
    try:
        for article in chosen:
            path = config.confined(config.catalog_path(locale, article))
            if not path.exists():
                raise CatalogError(f"no catalog for {article!r} in {locale}: run `l10n extract` first", config.relative(path))
            for entry in catalogs.get(article, ()):
                other = machine_drafts.other_engine(entry, engine.id)
                if other is not None:
                    report.other_drafts[other] = report.other_drafts.get(other, 0) + 1
                if entry.obsolete or (entry.msgstr and not (other and replace_drafts)):  # dry: as if emptied
                    continue
                report.units += 1
                if entry.msgid in reviewed:
                    text, origin = reviewed[entry.msgid]
                    draft = provenance.reuse_draft(origin, stamps.stamp())
                    pending.setdefault(path, []).append(_Draft(entry.msgid, text, draft))
                    report.reused += 1
                    continue
                match = memory.exact(entry.msgid)
                if match is not None:
                    draft = provenance.tm_draft(match.origin, stamps.stamp())
                    pending.setdefault(path, []).append(_Draft(entry.msgid, match.target, draft))
                    report.remembered += 1
                    continue
                near = [provenance.suggestion(m.score, m.origin, m.source, m.target) for m in memory.similar(entry.msgid)]
                if near:
                    suggestions.setdefault(path, []).append((entry.msgid, near))
                    report.suggested += 1
                masked = mask(entry.msgid, find_spans(entry.msgid, terms))
                hit = cache.get(key, masked.text)
                if hit is not None:
                    pending.setdefault(path, []).append(_draft(entry.msgid, hit, masked, engine.id, report))
                    report.cached += 1
                    continue
                job = jobs.get(masked.text)
                if job is None:
                    job = jobs[masked.text] = Job(masked, split_sentences(masked.text, engine.max_chars))
                    report.chars += len(masked.text)
                job.waiting.append((path, entry.msgid, masked))
        _cached_pieces(cache, key, jobs, pending, engine.id, report)
        report.to_send = len(jobs)
        if dry_run:
            return report
        for path, notes in suggestions.items():
            with catalog.edit(config.root, path, config.relative(path)) as po:
                for msgid, lines in notes:
                    catalog.save_suggestions(po, msgid, lines)
        report.drafted += _checkpoint(config, pending)
        if jobs:
            limiter = RateLimiter(settings.rate_limit)
            languages = retrying(engine.languages, limiter, deadline, settings.max_attempts)
            if languages is not None and target not in languages:
                raise L10nError(f"{engine.id} does not translate into {target!r} (its server lists {len(languages)} languages)")
            _run(
                config,
                lambda: make_engine(settings.engine, settings.raw),
                engine.id,
                (source, target),
                settings,
                cache,
                key,
                jobs,
                pending,
                report,
                on_progress,
                deadline,
            )
    finally:
        cache.close()
        close_engine(engine)
    return report


def _reviewed(config: Config, locale: str) -> tuple[dict[str, tuple[str, str]], dict[str, list[Translation]]]:
    """Reviewed translations anywhere in the locale (text -> (translation, article)), and each
    article's entries, so that every catalog is read once."""
    found: dict[str, tuple[str, str]] = {}
    catalogs: dict[str, list[Translation]] = {}
    for article in config.articles():
        path = config.confined(config.catalog_path(locale, article))
        if path.exists():
            catalogs[article] = read_translations(path, config.relative(path))
            for entry in catalogs[article]:
                if entry.msgstr and not entry.fuzzy and not entry.obsolete and not is_pseudo(entry.msgid, entry.msgstr):
                    found.setdefault(entry.msgid, (entry.msgstr, article))
    return found, catalogs


def _draft(msgid: str, translated: str, masked: Masked, engine: str, report: TranslateReport) -> _Draft:
    text, problems = restore(translated, masked)
    order = reordered(translated, masked)
    report.damaged += bool(problems)
    report.reordered += bool(order)
    return _Draft(msgid, text, provenance.machine_draft(engine, stamps.stamp(), len(problems), order))


def _finish(job: Job, pending: dict[Path, list[_Draft]], engine: str, report: TranslateReport) -> int:
    """Draft every entry waiting for *job*, whose pieces are all translated; the number drafted."""
    joined = " ".join(job.results[i] for i in range(len(job.pieces)))
    for path, msgid, masked in job.waiting:
        pending.setdefault(path, []).append(_draft(msgid, joined, masked, engine, report))
    done = len(job.waiting)
    job.waiting.clear()
    return done


def _cached_pieces(
    cache: Cache,
    key: tuple[str, str, str],
    jobs: dict[str, Job],
    pending: dict[Path, list[_Draft]],
    engine: str,
    report: TranslateReport,
) -> None:
    """Fill in the pieces of split texts that are cached (rule 7); a text whose pieces all are is drafted at once."""
    for text, job in list(jobs.items()):
        if len(job.pieces) < 2:
            continue  # a text sent whole is cached whole, and was looked up as such
        for index, piece in enumerate(job.pieces):
            hit = cache.get(key, piece)
            if hit is not None:
                job.results[index] = hit
        if len(job.results) == len(job.pieces):
            report.cached += _finish(job, pending, engine, report)
            report.chars -= len(text)
            del jobs[text]


def _run(
    config: Config,
    new_engine: Callable[[], Engine],
    engine_id: str,
    pair: tuple[str, str],
    settings: Settings,
    cache: Cache,
    key: tuple[str, str, str],
    jobs: dict[str, Job],
    pending: dict[Path, list[_Draft]],
    report: TranslateReport,
    on_progress: Callable[[int, int], None] | None,
    deadline: Deadline,
) -> None:
    total = sum(len(job.waiting) for job in jobs.values())
    if on_progress:
        on_progress(0, total)
    limiter = RateLimiter(settings.rate_limit)
    lock = threading.Lock()
    local = threading.local()
    made: list[Engine] = []

    def count() -> None:
        with lock:
            report.requests += 1

    def work(pieces: list[str]) -> list[str]:
        engine = getattr(local, "engine", None)
        if engine is None:  # one engine (one connection pool) per worker thread
            engine = local.engine = new_engine()
            with lock:
                made.append(engine)
        translated = call_with_retries(engine, pieces, pair, limiter, deadline, settings.max_attempts, count)
        cache.put(key, zip(pieces, translated, strict=True))  # as it arrives, not at the next checkpoint (rule 7)
        return translated

    last_save = time.monotonic()
    executor = ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="l10n-mt")
    futures: dict[Future[list[str]], list[tuple[Job, int]]] = {}
    try:
        for batch in batches(jobs, settings.batch_size):
            pieces = [job.pieces[i] for job, i in batch]
            future = executor.submit(work, pieces)
            futures[future] = batch
        while futures:
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                batch = futures.pop(future)
                try:
                    results = future.result()
                except EngineError as exc:
                    for job, _ in batch:
                        report.failed.extend(f"{config.relative(p)}: {_short(m)}: {exc}" for p, m, _ in job.waiting)
                        job.waiting.clear()
                    continue
                for (job, index), translated in zip(batch, results, strict=True):
                    job.results[index] = translated
                    if len(job.results) == len(job.pieces) and job.waiting:
                        drafted = _finish(job, pending, engine_id, report)
                        if on_progress:
                            on_progress(drafted, total)
            waiting = sum(len(d) for d in pending.values())
            if waiting >= settings.checkpoint or (waiting and time.monotonic() - last_save > 2.0):
                report.drafted += _checkpoint(config, pending)
                last_save = time.monotonic()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        report.drafted += _checkpoint(config, pending)
        for engine in made:
            close_engine(engine)


def _checkpoint(config: Config, pending: dict[Path, list[_Draft]]) -> int:
    """Save pending drafts: read, merge and write each catalog under its lock.

    A catalog that gained drafts gets ``PO-Revision-Date`` and, when the person running
    the command is known (:func:`l10n.core.identity.known_identity`), ``Last-Translator``, as a
    PO editor sets them on saving.
    """
    from l10n.core.identity import known_identity

    saved = 0
    translator = known_identity(config.root) if pending else None
    for path, drafts in list(pending.items()):
        with catalog.edit(config.root, path, config.relative(path)) as po:
            # a draft whose unit changed, or that someone translated meanwhile, is not saved
            count = sum(catalog.save_draft(po, d.msgid, d.text, d.provenance) for d in drafts)
            if count:
                catalog.sign(po, translator, stamps.stamp())
            saved += count
        del pending[path]
    return saved


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
