"""Back-translation: each translation machine-translated back into the source language, for the reviewer.

Back-translation is the standard safety step of medical translation: a reviewer who does not
read the target language compares the source with the translation brought back, and sees a
meaning flip ("is generally safe" back as "is not usually safe"). It is an aid, never an
approval: an engine can hide a mistake or invent one.

Rules:

1. The engine is the configured one (``[translate] engine`` and its settings), through the
   machinery of :mod:`l10n.mt.translate`, :mod:`l10n.mt.cache`, :mod:`l10n.mt.jobs` and
   :mod:`l10n.mt.engines.calls`: protected spans masked and restored, long texts split at
   sentence boundaries, requests in batches behind the rate limiter, retried with backoff,
   all under one deadline that also cuts a running request.
2. Back-translations are cached like drafts, in ``.l10n/mt-cache.sqlite``, keyed by the
   engine, the pair (the locale to the source language) and the exact masked text (a text
   split into sentences, piece by piece), each answer as it arrives: a second page sends
   nothing. They are never written into a catalog.
3. The ``pseudo`` engine cannot back-translate (it would only accent the translation again):
   asking for it is an error before anything is sent, as is a locale the engine has no code
   for.
4. An engine that fails (after its retries) fails the texts of that request, not the page:
   each is reported with the engine's message, and the others are still back-translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from l10n.core.config import Config
from l10n.core.errors import EngineError, L10nError, Permanent
from l10n.mt.cache import Cache
from l10n.mt.engines import close_engine, engine_code, make_engine
from l10n.mt.engines.calls import Deadline, RateLimiter, call_with_retries, retrying
from l10n.mt.jobs import split_sentences
from l10n.mt.translate import settings_of
from l10n.text.placeholders import Masked, mask, restore
from l10n.text.spans import find_spans


@dataclass(frozen=True, slots=True)
class Back:
    """The back-translation of one text, or why there is none."""

    text: str = ""
    error: str = ""


@dataclass(slots=True)
class BackTranslations:
    """What a run brought back: by (locale, translation)."""

    engine: str
    found: dict[tuple[str, str], Back] = field(default_factory=dict)
    requests: int = 0
    cached: int = 0

    def of(self, locale: str, text: str) -> Back:
        return self.found.get((locale, text), Back(error="not back-translated"))


@dataclass(slots=True)
class _Job:
    locale: str
    text: str
    masked: Masked
    pieces: list[str]
    results: dict[int, str] = field(default_factory=dict)


def back_translate(config: Config, texts: Iterable[tuple[str, str]]) -> BackTranslations:
    """Each ``(locale, translation)`` of *texts* back in the source language (rules 1-4)."""
    from l10n.checks import keep_terms
    from l10n.glossary.schema import glossary_of

    settings = settings_of(config)
    if settings.engine in ("", "pseudo"):
        msg = "back-translation needs a machine-translation engine: set [translate] engine (pseudo only accents the text)"
        raise L10nError(msg)
    engine = make_engine(settings.engine, settings.raw)
    result = BackTranslations(engine.id)
    wanted = list(dict.fromkeys((locale, text) for locale, text in texts if text.strip()))
    try:
        target = engine_code(engine.id, config.source_locale)
        codes = {locale: engine_code(engine.id, locale, role="source") for locale in dict.fromkeys(lo for lo, _ in wanted)}
    except Permanent as exc:
        close_engine(engine)
        raise L10nError(exc.message) from None
    glossary = glossary_of(config)
    cache = Cache(config.root)
    limiter = RateLimiter(settings.rate_limit)
    deadline = Deadline.after(settings.deadline)

    def count() -> None:
        result.requests += 1

    languages: set[str] | None = None
    try:
        jobs: dict[str, list[_Job]] = {}
        for locale, text in wanted:
            masked = mask(text, find_spans(text, keep_terms(glossary, locale)))
            key = (engine.id, codes[locale], target)
            hit = cache.get(key, masked.text)
            job = _Job(locale, text, masked, split_sentences(masked.text, engine.max_chars))
            if hit is None and len(job.pieces) > 1:  # a split text is cached piece by piece
                job.results = {i: t for i, piece in enumerate(job.pieces) if (t := cache.get(key, piece)) is not None}
                if len(job.results) == len(job.pieces):
                    hit = " ".join(job.results[i] for i in range(len(job.pieces)))
            if hit is not None:
                result.found[locale, text] = Back(restore(hit, masked)[0])
                result.cached += 1
            else:
                jobs.setdefault(locale, []).append(job)
        if jobs:
            try:
                languages = retrying(engine.languages, limiter, deadline, settings.max_attempts, count)
            except EngineError as exc:
                for job in (j for group in jobs.values() for j in group):
                    result.found[job.locale, job.text] = Back(error=exc.message)
                return result
        for locale, group in jobs.items():
            source = codes[locale]
            if languages is not None and not {source, target} <= languages:
                missing = ", ".join(sorted({source, target} - languages))
                for job in group:
                    result.found[locale, job.text] = Back(error=f"{engine.id} does not translate {missing}")
                continue
            pieces = [(job, i) for job in group for i in range(len(job.pieces)) if i not in job.results]
            for start in range(0, len(pieces), settings.batch_size):
                batch = pieces[start : start + settings.batch_size]
                sent = [job.pieces[i] for job, i in batch]
                try:
                    out = call_with_retries(engine, sent, (source, target), limiter, deadline, settings.max_attempts, count)
                except EngineError as exc:
                    for job, _ in batch:
                        result.found[locale, job.text] = Back(error=exc.message)
                    continue
                cache.put((engine.id, source, target), zip(sent, out, strict=True))  # as it arrives
                for (job, i), translated in zip(batch, out, strict=True):
                    job.results[i] = translated
            for job in group:
                if len(job.results) == len(job.pieces) and (locale, job.text) not in result.found:
                    joined = " ".join(job.results[i] for i in range(len(job.pieces)))
                    result.found[locale, job.text] = Back(restore(joined, job.masked)[0])
    finally:
        cache.close()
        close_engine(engine)
    return result
