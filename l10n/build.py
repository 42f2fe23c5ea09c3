"""``l10n build``: localized articles from the sources and the catalogs, under a publishing policy.

Rules:

1. A post is the source with every reviewed translation spliced in (see
   :mod:`l10n.markdown`) and ``lang: <locale>`` in its front matter. Drafts and
   untranslated units keep the source text.
2. It is published, as ``build/<locale>/<article>.md``, only when the policy of
   :mod:`l10n.policy` allows it: by default every word reviewed and every required unit
   reviewed. Otherwise it is held back, with its reasons, and a post published by an
   earlier build is removed: a stale translation of a changed medical text must not
   stay online.
3. A reviewed translation that fails an error-level check or would change the
   document's block structure keeps the source text, with a warning naming the catalog
   entry and the source line; with ``strict`` such a post is not written, and a post
   held back fails the build too.
4. With ``include_drafts``, every post is also built with the drafts that pass the
   checks in place, under ``build/_preview/<locale>/``, its front matter marked
   ``machine_translated`` and ``reviewed: <percent>``. Previews never go into a
   locale's publishing folder.
5. With ``html``, each post is also rendered to a page (:mod:`l10n.pages`) with
   ``hreflang`` links to the same post in every configured locale where it is
   published, built in this run or not (so shards by locale link to each other).
6. ``build/manifest.json`` lists every article and locale built, its state and output
   paths (relative to the build folder). Entries of the locales and articles (shards)
   not built in this run are kept from the previous manifest, so partial builds add up.
7. Articles whose inputs and outputs did not change since the last build are skipped
   (see :mod:`l10n.state`); the others are built on worker processes
   (:mod:`l10n.parallel`), with the same files and report whatever their number.
8. Nothing is written from a bad input: every post, page and the manifest is first
   written to a temporary file beside its target (staged), and only when every article
   has been built, every catalog, source and the glossary read and every output path
   checked, are they renamed into place and the posts held back removed. An error on
   the way removes the staged files and leaves the build folder as it was.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from . import fsutil
from .config import Config, Shard, layout
from .errors import L10nError
from .glossary import glossary_of
from .parallel import imap
from .policy import Policy, policy_of
from .state import State, digest, settings_fingerprint

PREVIEW = "_preview"
"""The folder under the build folder that holds previews with drafts."""
MANIFEST_SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Options:
    locales: tuple[str, ...]
    out: Path
    strict: bool = False
    include_drafts: bool = False
    html: bool = False
    policy: Policy = field(default_factory=Policy)
    """Read once by :func:`build`, not by each worker for each article."""


@dataclass(slots=True)
class Post:
    """One article in one locale, as built."""

    article: str
    locale: str
    state: str
    """``published`` or ``held back``."""
    reviewed_percent: float
    reasons: list[str] = field(default_factory=list)
    output: str | None = None
    html: str | None = None
    preview: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "locale": self.locale,
            "state": self.state,
            "reviewed_percent": self.reviewed_percent,
            "reasons": self.reasons,
            "output": self.output,
            "html": self.html,
            "preview": self.preview,
        }


@dataclass(slots=True)
class BuildReport:
    """What a build run wrote, held back and had to leave in the source language."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Posts of an earlier build removed because they are now held back."""
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    """``locale/article: reasons`` of each post held back by the policy."""
    failed: list[str] = field(default_factory=list)
    """Posts not written because of ``strict``."""
    posts: list[Post] = field(default_factory=list)
    skipped: int = 0
    """Articles not built again: nothing they depend on changed."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Every file this article's build wrote or found unchanged, with its digest."""
    staged: list[tuple[str, str, str]] = field(default_factory=list)
    """(temporary file, target, target as shown) of each file to rename into place (rule 8)."""
    doomed: list[tuple[str, str]] = field(default_factory=list)
    """(path, build folder) of each post of an earlier build to remove at the commit."""

    _POST: ClassVar[tuple[str, ...]] = ("locale", "state", "reviewed_percent", "reasons", "output", "html", "preview")

    def add(self, part: BuildReport) -> None:
        for name in ("written", "removed", "warnings", "held", "failed", "posts", "staged", "doomed"):
            getattr(self, name).extend(getattr(part, name))
        self.unchanged += part.unchanged

    def summary(self) -> list[Any]:
        """What a skipped article's report says again, compactly (JSON data for the state file)."""
        return [self.warnings, self.failed, [[getattr(p, name) for name in self._POST] for p in self.posts]]

    @classmethod
    def replay(cls, article: str, summary: list[Any], strict: bool) -> BuildReport:
        warnings, failed, rows = summary
        posts = [Post(article, **dict(zip(cls._POST, row, strict=True))) for row in rows]
        held = [] if strict else [f"{p.locale}/{article}: {'; '.join(p.reasons)}" for p in posts if p.reasons]
        return cls(warnings=list(warnings), failed=list(failed), held=held, posts=posts)


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
        html = bool(config.table("build")["html"])
    options = Options(locales or config.locales, out or config.build_dir, strict, include_drafts, html, policy)
    state = State(config.root)
    settings = settings_fingerprint(config, state, ("build", "check"), options)
    every = config.articles()
    articles = [a for a in every if shard is None or shard.holds(a)]
    inputs: dict[str, str] = {}
    cached: dict[str, list[Any]] = {}
    fingerprint = _fingerprinter(config, options, settings, state)
    for article in articles:
        inputs[article] = fingerprint(article)
        extra = state.recall("build", article, inputs[article])
        if _replayable(extra):
            cached[article] = extra
    stale = [a for a in articles if a not in cached]
    report = BuildReport(warnings=list(state.warnings))
    manifest = options.out / "manifest.json"
    _check_target(config, manifest)  # before anything is built
    if stale:
        glossary_of(config)  # a bad glossary fails here, once, not in every worker
    token = os.urandom(4).hex()
    records: list[tuple[str, dict[Path, str], list[Any]]] = []
    try:
        results = imap(partial(build_article, config, options, token=token), stale, jobs)
        for article in articles:
            part = BuildReport.replay(article, cached[article], strict) if article in cached else next(results)
            report.add(part)
            if article not in cached:
                records.append((article, {Path(p): h for p, h in part.outputs.items()}, part.summary()))
            else:
                report.skipped += 1
        run = digest("|".join([settings, *every, "|", *inputs.values()]).encode())
        if len(cached) < len(articles) or state.recall("build-manifest", str(manifest), run) is None:
            _write_manifest(config, options, set(every), set(articles), report, token)
            records.append(("build-manifest", {manifest: report.outputs[str(manifest)]}, []))
        _commit(config, report)
    except BaseException:
        _discard(config, options, stale, report, token)
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


def _check_target(config: Config, target: Path) -> None:
    """Refuse an output path that a symlink leads outside the project or that is not a file (rule 8)."""
    if target.is_relative_to(config.root):  # the build folder: a symlink must not lead out of the project
        config.confined(target)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise L10nError(f"cannot write: {exc.strerror}", config.relative(target)) from None
    if not stat.S_ISREG(mode):
        what = "is a folder, not a file" if stat.S_ISDIR(mode) else "is not a regular file"
        raise L10nError(f"{what}; l10n writes its output there", config.relative(target))


def _commit(config: Config, report: BuildReport) -> None:
    """Rename every staged file into place and remove the posts held back (rule 8)."""
    for tmp, target, shown in report.staged:
        fsutil.commit(tmp, Path(target), shown)
    report.staged.clear()
    for path, out in report.doomed:
        _remove(config, Path(path), Path(out))


def _discard(config: Config, options: Options, stale: Sequence[str], report: BuildReport, token: str) -> None:
    """Remove the staged files of a run that failed, including those of workers whose results were dropped."""
    for tmp, _, _ in report.staged:
        fsutil.discard(tmp)
    folders = {options.out / locale for locale in options.locales} | {options.out / PREVIEW / loc for loc in options.locales}
    for article in stale:
        for folder in folders:
            for suffix in (".md", ".html"):
                target = folder / f"{article}{suffix}"
                fsutil.discard_matching(target.parent, f".{target.name[:150]}.{token}")
    fsutil.discard_matching(options.out, f".manifest.json.{token}")


def _fingerprinter(config: Config, options: Options, settings: str, state: State) -> Callable[[str], str]:
    """A function giving an article's inputs: its source, its catalogs and *settings*."""
    locales = config.locales if options.html else options.locales  # hreflang links depend on every locale
    source_of = layout(config.source_path)
    catalogs_of = [layout(partial(config.catalog_path, locale)) for locale in locales]

    def fingerprint(article: str) -> str:
        files = [source_of(article), *(config.confined(catalog_of(article)) for catalog_of in catalogs_of)]
        digests = [state.source_digest(path) if os.path.exists(path) else "-" for path in files]
        return digest("|".join([settings, article, *digests]).encode())

    return fingerprint


def build_article(config: Config, options: Options, article: str, token: str = "") -> BuildReport:
    """Build one article in every locale of *options* (one unit of parallel work).

    Its files are staged (rule 8), their temporary names marked with *token*.
    """
    from . import markdown, splice
    from .glossary import glossary_of
    from .policy import assess

    glossary = glossary_of(config)
    policy = options.policy
    source = config.source_path(article)
    doc = markdown.read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    report = BuildReport()
    pages: list[tuple[Post, str]] = []
    published: list[str] = []
    for locale in config.locales if options.html else options.locales:
        item = assess(config, doc, article, locale, glossary, policy)
        text, fallbacks = splice.render(doc, item.reviewed, locale)
        reasons = item.reasons(policy, [f.unit.text for f in fallbacks])
        failed = options.strict and bool(fallbacks or item.failures or reasons)
        if not reasons and not failed:
            published.append(locale)
        if locale not in options.locales:
            continue  # another shard's locale: only its hreflang link matters here
        report.warnings.extend(item.failures)
        for fallback in fallbacks:
            report.warnings.append(
                f"{item.catalog}:{item.lines.get(fallback.unit.text, 0)}: {fallback.reason}; "
                f"kept the source text of {doc.path}:{fallback.unit.line}"
            )
        post = Post(article, locale, "held back" if reasons else "published", item.reviewed_percent, reasons)
        target = options.out / locale / f"{article}.md"
        if options.include_drafts:
            post.preview = _preview(config, doc, item, options, report, token)
        if failed:
            report.failed.append(config.relative(target))
        elif reasons:
            report.held.append(f"{locale}/{article}: {'; '.join(reasons)}")
            for old in (target, target.with_suffix(".html")):
                _check_target(config, old)
                if old.exists():
                    report.doomed.append((str(old), str(options.out)))
                    report.removed.append(config.relative(old))
        else:
            _write(config, target, text, report, token)
            post.output = _relative(target, options.out)
            if options.html:
                pages.append((post, text))
        report.posts.append(post)
    for post, text in pages:
        from .pages import page

        target = options.out / post.locale / f"{article}.html"
        _write(config, target, page(text, post.locale, article, published), report, token)
        post.html = _relative(target, options.out)
    return report


def _preview(config: Config, doc: Any, item: Any, options: Options, report: BuildReport, token: str) -> str:
    """Write the post with its checked drafts in place; return its path in the build folder."""
    from . import splice

    fields = (("machine_translated", "true" if item.drafts else "false"), ("reviewed", f"{item.reviewed_percent:g}"))
    text, _ = splice.render(doc, {**item.reviewed, **item.drafts}, item.locale, fields=fields)
    target = options.out / PREVIEW / item.locale / f"{item.article}.md"
    _write(config, target, text, report, token)
    if options.html:
        from .pages import page

        _write(config, target.with_suffix(".html"), page(text, item.locale, item.article, []), report, token)
    return _relative(target, options.out)


def _write(config: Config, target: Path, text: str | bytes, report: BuildReport, token: str) -> None:
    """Stage *text* for *target* unless the file already holds it (rule 8)."""
    _check_target(config, target)
    shown = config.relative(target)
    data = text.encode("utf-8") if isinstance(text, str) else text
    report.outputs[str(target)] = digest(data)
    if fsutil.read_file(target, shown, missing_ok=True) == data:
        report.unchanged += 1
        return
    report.staged.append((fsutil.stage(target, data, shown, token), str(target), shown))
    report.written.append(shown)


def _remove(config: Config, path: Path, out: Path) -> None:
    """Remove a post of an earlier build, and the folders it leaves empty."""
    fsutil.remove(path, config.relative(path))
    folder = path.parent
    while folder != out and folder.is_relative_to(out) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _relative(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _write_manifest(
    config: Config, options: Options, articles: set[str], built: set[str], report: BuildReport, token: str = ""
) -> None:
    """Write ``manifest.json``, keeping the entries of the articles and locales this run did not build."""
    path = options.out / "manifest.json"
    kept: list[dict[str, Any]] = []
    if set(options.locales) == set(config.locales) and built == articles:
        return _write_posts(config, path, [post.as_dict() for post in report.posts], report, token)
    try:
        previous = json.loads(fsutil.read_file(path, config.relative(path), missing_ok=True) or b"null")
        if isinstance(previous, dict) and previous.get("schema") == MANIFEST_SCHEMA:
            kept = [
                entry
                for entry in previous.get("posts", [])
                if isinstance(entry, dict)
                and entry.get("locale") in config.locales
                and entry.get("article") in articles
                and (entry.get("locale") not in options.locales or entry.get("article") not in built)
            ]
    except (ValueError, RecursionError):  # not a manifest: it is rewritten
        pass
    _write_posts(config, path, [*kept, *(post.as_dict() for post in report.posts)], report, token)


def _write_posts(config: Config, path: Path, posts: list[dict[str, Any]], report: BuildReport, token: str = "") -> None:
    """Write a manifest of *posts*, sorted by article and locale, one post per line (small diffs)."""
    entries = sorted(posts, key=lambda e: (str(e["article"]), str(e["locale"])))
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    head = json.dumps({"schema": MANIFEST_SCHEMA, "source_locale": config.source_locale})[:-1]
    _write(config, path, f'{head}, "posts": [\n{lines}\n]}}\n' if entries else f'{head}, "posts": []}}\n', report, token)


def merge(config: Config, shards: Sequence[Path], out: Path | None = None) -> BuildReport:
    """Merge the build folders of *shards* (``--shard``, ``--locale`` runs) into *out*.

    Posts are copied; manifests are joined. Two shards that built the same file or the
    same article and locale differently are an error: shards must not overlap.
    """
    out = out or config.build_dir
    report = BuildReport()
    files: dict[str, tuple[bytes, Path]] = {}
    posts: dict[tuple[str, str], dict[str, Any]] = {}
    for folder in shards:
        if not folder.is_dir():
            raise L10nError("not a build folder", config.relative(folder))
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            if name == "manifest.json":
                for post in _manifest_posts(config, path):
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
            _write(config, out / name, data, report, "")
        existing = {(str(p["article"]), str(p["locale"])): p for p in _manifest_posts(config, out / "manifest.json")}
        _write_posts(config, out / "manifest.json", list({**existing, **posts}.values()), report)
        _commit(config, report)
    except BaseException:
        for tmp, _, _ in report.staged:
            fsutil.discard(tmp)
        raise
    return report


def _manifest_posts(config: Config, path: Path) -> list[dict[str, Any]]:
    raw = fsutil.read_file(path, config.relative(path), missing_ok=True)
    if raw is None:
        return []
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise L10nError(f"not a manifest: {exc}", config.relative(path)) from None
    except RecursionError:
        raise L10nError("not a manifest: nested too deeply", config.relative(path)) from None
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA or not isinstance(data.get("posts"), list):
        raise L10nError(f"not a manifest of schema {MANIFEST_SCHEMA}", config.relative(path))
    return [post for post in data["posts"] if isinstance(post, dict)]
