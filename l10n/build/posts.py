"""``l10n build``: localized articles from the sources and the catalogs, under a publishing policy.

What each post holds, and what becomes of one held back, is :mod:`l10n.build.article` (one
article in every locale, the unit of parallel work); this module runs a build over every
article and keeps its manifest and the build folder in step.

Rules:

1. A post is published, as ``build/<locale>/<article>.md`` or where the layout says
   (:mod:`l10n.document.layouts`), only when the policy of :mod:`l10n.workflow.policy` allows it: by
   default every word reviewed and every required unit reviewed. Otherwise it is held
   back, with its reasons, and a post published by an earlier build is removed (unless
   ``[build] outdated`` keeps it, :mod:`l10n.build.article` rule 5): a stale translation of a
   changed medical text must not stay online. So are the files of an earlier build at a
   post's old path, when a translated slug or the layout moved it, and the posts of an
   article deleted or a locale no longer configured (the previous manifest names them), each
   removal with its reason; two posts given one path are an error. A generator's layout also
   writes the source-language post (state ``source``).
2. ``build/manifest.json`` lists every article and locale built, its state and output
   paths (relative to the build folder). Entries of the locales and articles (shards)
   not built in this run are kept from the previous manifest, so partial builds add up.
3. Articles whose inputs and outputs did not change since the last build are skipped
   (see :mod:`l10n.core.state`); the others are built on worker processes
   (:mod:`l10n.core.parallel`), with the same files and report whatever their number.
4. Nothing is written from a bad input: every post, page and the manifest is staged
   and every removal (a post held back, a post's old path) deferred until every article
   has been built, every catalog, source and the glossary read and every output path
   checked; then they are committed together. An error on the way discards what was
   staged and leaves the build folder as it was (:mod:`l10n.build.outputs`).
5. An article's inputs are the digests of its source and catalogs, with the settings
   (:func:`inputs_of`). They are read before its posts are built: by the run, for an article
   the state knows, to tell whether it changed; on its worker, for one never built, which
   must be built anyway (the first build of a site reads them in parallel). Either way the
   state records them, with each file's size and times (:meth:`l10n.core.state.State.known_source`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from l10n.build.article import Options, build_article
from l10n.build.outputs import (
    check_out,
    check_target,
    commit,
    discard,
    doom,
    manifest_posts,
    manifest_text,
    page_path,
    previous_posts,
    write,
)
from l10n.build.previews import remove_previews
from l10n.build.report import BuildReport
from l10n.checks import check_cache
from l10n.core import files as fsutil
from l10n.core.config import Config, Shard, layout
from l10n.core.errors import L10nError
from l10n.core.parallel import imap
from l10n.core.state import State, digest, settings_fingerprint, stamped
from l10n.document.layouts import parse
from l10n.glossary.schema import glossary_of
from l10n.workflow.policy import policy_of


def build(
    config: Config,
    locales: tuple[str, ...] | None = None,
    out: Path | None = None,
    strict: bool = False,
    include_drafts: bool = False,
    html: bool | None = None,
    jobs: int | None = None,
    shard: Shard | None = None,
) -> BuildReport:
    """Build every article (of *shard*) for *locales* (default: all), changed ones on *jobs* processes.

    An article whose inputs (source, catalogs, glossary, settings) and outputs are as the
    last build left them is not built again: its report (warnings, posts held back) is
    replayed from the state file, so every run prints the same.
    """
    policy = policy_of(config)  # a bad [build] table fails before anything is written
    if html is None:
        html = config.settings.build.html
    layout = parse(config.settings.build.layout)
    allow_scripts = config.settings.build.allow_scripts
    options = Options(
        locales or config.locales, out or config.build_dir, strict, include_drafts, html, policy, layout, allow_scripts
    )
    state = State(config.root)
    settings = settings_fingerprint(config, state, ("build", "check"), options)
    every = config.articles()
    articles = [a for a in every if shard is None or shard.holds(a)]
    inputs: dict[str, str] = {}
    cached: dict[str, list[Any]] = {}
    files_of = input_files(config, options)
    for article in articles:
        if not state.knows("build", article):
            continue  # never built: its worker reads its inputs' digests (rule 5)
        inputs[article] = inputs_of(files_of(article), settings, state.source_digest, article)
        extra = state.recall("build", article, inputs[article])
        if _replayable(extra):
            cached[article] = extra
    stale = [a for a in articles if a not in cached]
    report = BuildReport(warnings=list(state.warnings))
    from l10n.catalog.entries import unconfigured

    report.warnings.extend(unconfigured(config))  # a catalog nobody configured is not built: say so
    manifest = options.out / "manifest.json"
    check_out(config, options.out)  # never over the sources or the catalogs, before anything is built
    check_target(config, manifest)
    if stale:
        glossary = glossary_of(config)  # a bad glossary fails here, once, not in every worker
        check_cache(config, glossary).open()  # and a damaged check cache is replaced (and warned of) once
    token = os.urandom(4).hex()  # marks this run's staged files, for discard
    records: list[tuple[str, dict[Path, str], list[Any]]] = []
    fresh = frozenset(a for a in stale if a not in inputs)
    results = imap(partial(_build, config, options, token, settings, fresh), stale, jobs)
    try:
        for article in articles:
            part = BuildReport.replay(article, cached[article], strict) if article in cached else next(results)
            report.add(part)
            if article in fresh:
                inputs[article] = part.inputs
                for path, stamp in part.sources:
                    state.known_source(path, stamp)
            if article not in cached:
                records.append((article, {Path(p): h for p, h in part.outputs.items()}, part.summary()))
            else:
                report.skipped += 1
        _refuse_shared_paths(config, options, report)
        run = digest("|".join([settings, *every, "|", *inputs.values()]).encode())
        if len(cached) < len(articles) or state.recall("build-manifest", str(manifest), run) is None:
            previous = previous_posts(config, manifest)
            now = _write_manifest(config, options, set(every), set(articles), report, previous, token)
            _remove_moved(config, options, set(stale), set(every), previous, now, report)
            records.append(("build-manifest", {manifest: report.outputs[str(manifest)]}, []))
        commit(config, report)
    except BaseException:
        getattr(results, "close", lambda: None)()  # workers still staging finish first: then discard finds it all
        discard(report, token, options.out, layout, {*options.locales, config.source_locale}, stale)
        raise
    for article, outputs, summary in records:
        if article == "build-manifest":
            state.record_digests("build-manifest", str(manifest), run, outputs, [])
        else:
            state.record_digests("build", article, inputs[article], outputs, summary)
    state.save()
    return report


def _replayable(extra: Any) -> bool:
    """Whether *extra*, from the state file, is a report :meth:`BuildReport.replay` can read."""
    if not isinstance(extra, list):
        return False
    try:
        BuildReport.replay("", extra, False)
    except (TypeError, ValueError, KeyError, AttributeError):
        return False
    return True


def _refuse_shared_paths(config: Config, options: Options, report: BuildReport) -> None:
    """Two posts the layout gave one path (two articles with one slug) are an error: one overwrote the other."""
    owners: dict[str, str] = {}
    for post in report.posts:
        for path in (post.output, post.html, post.preview):
            if path is not None and owners.setdefault(path, post.article) != post.article:
                msg = f"written for both {owners[path]} and {post.article}: the layout must give each post a path of its own"
                raise L10nError(msg, config.relative(options.out / path))


def input_files(config: Config, options: Options) -> Callable[[str], list[str]]:
    """A function giving the files an article's posts are built from: its source and its catalogs."""
    locales = config.locales if options.html else options.locales  # hreflang links depend on every locale
    source_of = layout(config.source_path)
    catalogs_of = [layout(partial(config.catalog_path, locale)) for locale in locales]
    return lambda article: [source_of(article), *(config.confined(catalog_of(article)) for catalog_of in catalogs_of)]


def inputs_of(files: list[str], settings: str, digest_of: Callable[[str], str], article: str) -> str:
    """An article's inputs: its *files* (:func:`input_files`), each by *digest_of*, and *settings*."""
    digests = [digest_of(path) if os.path.exists(path) else "-" for path in files]
    return digest("|".join([settings, article, *digests]).encode())


def _build(config: Config, options: Options, token: str, settings: str, fresh: frozenset[str], article: str) -> BuildReport:
    """:func:`build_article` on a worker, with the article's inputs read there first when it was never built (rule 5)."""
    sources: list[tuple[str, list[Any]]] = []

    def digest_of(path: str) -> str:
        stamp = stamped(path)
        sources.append((path, stamp))
        return str(stamp[3])

    found = inputs_of(input_files(config, options)(article), settings, digest_of, article) if article in fresh else ""
    report = build_article(config, options, article, token)
    report.inputs, report.sources = found, sources
    return report


def _write_manifest(
    config: Config,
    options: Options,
    articles: set[str],
    built: set[str],
    report: BuildReport,
    previous: list[dict[str, Any]],
    token: str,
) -> list[dict[str, Any]]:
    """Write ``manifest.json``, keeping the entries of the articles and locales this run did not build; return its posts.

    A source-language post is built with every build of its article (or no longer written).
    """
    rebuilt = {*options.locales, config.source_locale}
    kept = [
        entry
        for entry in previous
        if entry.get("locale") in (*config.locales, config.source_locale)
        and entry.get("article") in articles
        and (entry.get("locale") not in rebuilt or entry.get("article") not in built)
    ]
    if set(options.locales) == set(config.locales) and built == articles:
        kept = []
    if not options.include_drafts:  # their files go (previews rule 3)
        kept = [{**entry, "preview": None} if entry.get("preview") is not None else entry for entry in kept]
    posts = [*kept, *(post.as_dict() for post in report.posts)]
    write(config, options.out / "manifest.json", manifest_text(config, posts), report, token)
    return posts


def _remove_moved(
    config: Config,
    options: Options,
    built: set[str],
    articles: set[str],
    previous: list[dict[str, Any]],
    now: list[dict[str, Any]],
    report: BuildReport,
) -> None:
    """Doom the files an earlier build wrote that no post of *now* (the new manifest) has.

    A post moves when its translated slug or the layout changes: its old path must not stay
    online beside the new one. A post whose source article was deleted, or whose locale is
    no longer configured, must not stay online unlisted. Only paths the earlier manifest
    names are candidates.
    """
    kept = {path for entry in now for path in _paths(entry, True)}
    rebuilt = {*options.locales, config.source_locale}
    configured = {*config.locales, config.source_locale}
    gone: dict[str, str] = {}
    for entry in previous:
        article, locale = entry.get("article"), entry.get("locale")
        if article in built and locale in rebuilt:
            reason = "its post moved (a translated slug or the layout changed)"
        elif article not in articles:
            reason = "its source article is gone"
        elif locale not in configured:
            reason = "its locale is no longer configured"
        else:
            continue
        for path in _paths(entry, options.include_drafts):  # previews stay until drafts are built again
            if path not in kept:
                gone.setdefault(path, reason)
    if not options.include_drafts:
        remove_previews(config, options.out, previous, report)
    out = options.out.resolve()
    for path, reason in sorted(gone.items()):
        target = options.out / path
        if ".." not in Path(path).parts and target.resolve().is_relative_to(out):
            doom(config, [target], options.out, report, reason)


def _paths(entry: dict[str, Any], previews: bool) -> list[str]:
    """The files of a manifest entry: post, page, and with *previews* the preview and its page."""
    paths = [entry.get(key) for key in ("output", "html", *(("preview",) if previews else ()))]
    if previews and isinstance(entry.get("preview"), str):
        paths.append(page_path(entry["preview"]))
    return [path for path in paths if isinstance(path, str) and path.endswith((".md", ".html"))]


def merge(config: Config, shards: Sequence[Path], out: Path | None = None) -> BuildReport:
    """Merge the build folders of *shards* (``--shard``, ``--locale`` runs) into *out*.

    Posts are copied; manifests are joined. Two shards that built the same file or the
    same article and locale differently are an error: shards must not overlap. Like a
    build, the files are staged and committed together (rule 4).
    """
    out = out or config.build_dir
    check_out(config, out)
    report = BuildReport()
    files: dict[str, tuple[bytes, Path]] = {}
    posts: dict[tuple[str, str], dict[str, Any]] = {}
    for folder in shards:
        if not folder.is_dir():
            raise L10nError("not a build folder", config.relative(folder))
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            if name == "manifest.json":
                for post in manifest_posts(config, path):
                    key = (str(post["article"]), str(post["locale"]))
                    if posts.setdefault(key, post) != post:
                        raise L10nError(f"{key[1]}/{key[0]} is in two shards' manifests, differently", config.relative(path))
                continue
            data = fsutil.read_file(path, config.relative(path))
            first = files.setdefault(name, (data, path))
            if first[0] != data:
                raise L10nError(f"differs from {config.relative(first[1])}: shards overlap", config.relative(path))
    try:
        for name, (data, _) in sorted(files.items()):
            write(config, out / name, data, report, "")
        existing = {(str(p["article"]), str(p["locale"])): p for p in manifest_posts(config, out / "manifest.json")}
        write(config, out / "manifest.json", manifest_text(config, list({**existing, **posts}.values())), report, "")
        commit(config, report)
    except BaseException:
        for tmp, _, _ in report.staged:
            fsutil.discard(tmp)
        raise
    return report
