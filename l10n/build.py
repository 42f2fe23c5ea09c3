"""``l10n build``: localized articles from the sources and the catalogs, under a publishing policy.

Rules:

1. A post is the source with every reviewed translation spliced in (see
   :mod:`l10n.markdown`) and ``lang: <locale>`` in its front matter. Drafts and
   untranslated units keep the source text.
2. It is published, as ``build/<locale>/<article>.md``, only when the policy of
   :mod:`l10n.status` allows it: by default every word reviewed and every required unit
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
   ``hreflang`` links to the same post in every locale where it is published.
6. ``build/manifest.json`` lists every article and locale built, its state and output
   paths (relative to the build folder). Entries of locales not built in this run are
   kept from the previous manifest, so builds of single locales add up.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .fsutil import write_atomic

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
        return {"article": self.article, "locale": self.locale, "state": self.state,
                "reviewed_percent": self.reviewed_percent, "reasons": self.reasons,
                "output": self.output, "html": self.html, "preview": self.preview}


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


def build(config: Config, locales: tuple[str, ...] | None = None, out: Path | None = None, strict: bool = False,
          include_drafts: bool = False, html: bool | None = None) -> BuildReport:
    """Build every article for *locales* (default: all configured)."""
    from .status import policy_of

    policy_of(config)  # a bad [build] table fails before anything is written
    if html is None:
        html = _html_setting(config)
    options = Options(locales or config.locales, out or config.build_dir, strict, include_drafts, html)
    report = BuildReport()
    for part in map(lambda article: build_article(config, article, options), config.articles()):
        for name in ("written", "removed", "warnings", "held", "failed", "posts"):
            getattr(report, name).extend(getattr(part, name))
        report.unchanged += part.unchanged
    _write_manifest(config, options, report.posts, report)
    return report


def _html_setting(config: Config) -> bool:
    from .config import section

    table, fail = section(config, "build")
    value = table.get("html", False)
    if not isinstance(value, bool):
        raise fail("html", f"expected true or false, got {value!r}")
    return value


def build_article(config: Config, article: str, options: Options) -> BuildReport:
    """Build one article in every locale of *options* (one unit of parallel work)."""
    from . import markdown
    from .qa import glossary_of
    from .status import assess, policy_of

    glossary = glossary_of(config)
    policy = policy_of(config)
    source = config.source_path(article)
    doc = markdown.read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    report = BuildReport()
    pages: list[tuple[Post, str]] = []
    for locale in options.locales:
        item = assess(config, doc, article, locale, glossary, policy)
        text, fallbacks = markdown.render(doc, item.reviewed, locale)
        report.warnings.extend(item.failures)
        for fallback in fallbacks:
            report.warnings.append(f"{item.catalog}:{item.lines.get(fallback.unit.text, 0)}: {fallback.reason}; "
                                   f"kept the source text of {doc.path}:{fallback.unit.line}")
        reasons = item.reasons(policy, [f.unit.text for f in fallbacks])
        post = Post(article, locale, "held back" if reasons else "published", item.reviewed_percent, reasons)
        target = options.out / locale / f"{article}.md"
        if options.include_drafts:
            post.preview = _preview(config, doc, item, options, report)
        if options.strict and (fallbacks or item.failures or reasons):
            report.failed.append(config.relative(target))
        elif reasons:
            report.held.append(f"{locale}/{article}: {'; '.join(reasons)}")
            _remove(config, [target, target.with_suffix(".html")], options.out, report)
        else:
            _write(config, target, text, report)
            post.output = _relative(target, options.out)
            if options.html:
                pages.append((post, text))
        report.posts.append(post)
    published = [post.locale for post, _ in pages]
    for post, text in pages:
        from .pages import page

        target = options.out / post.locale / f"{article}.html"
        _write(config, target, page(text, post.locale, article, published), report)
        post.html = _relative(target, options.out)
    return report


def _preview(config: Config, doc: Any, item: Any, options: Options, report: BuildReport) -> str:
    """Write the post with its checked drafts in place; return its path in the build folder."""
    from . import markdown

    fields = (("machine_translated", "true" if item.drafts else "false"), ("reviewed", f"{item.reviewed_percent:g}"))
    text, _ = markdown.render(doc, {**item.reviewed, **item.drafts}, item.locale, fields=fields)
    target = options.out / PREVIEW / item.locale / f"{item.article}.md"
    _write(config, target, text, report)
    if options.html:
        from .pages import page

        _write(config, target.with_suffix(".html"), page(text, item.locale, item.article, []), report)
    return _relative(target, options.out)


def _write(config: Config, target: Path, text: str, report: BuildReport) -> None:
    if write_atomic(target, text.encode("utf-8")):
        report.written.append(config.relative(target))
    else:
        report.unchanged += 1


def _remove(config: Config, paths: Sequence[Path], out: Path, report: BuildReport) -> None:
    """Remove posts of an earlier build, and the folders they leave empty."""
    for path in paths:
        if path.exists():
            path.unlink()
            report.removed.append(config.relative(path))
            folder = path.parent
            while folder != out and folder.is_relative_to(out) and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def _relative(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _write_manifest(config: Config, options: Options, posts: Sequence[Post], report: BuildReport) -> None:
    """Write ``manifest.json``, keeping the entries of locales this run did not build."""
    path = options.out / "manifest.json"
    articles = set(config.articles())
    kept: list[dict[str, Any]] = []
    try:
        previous = json.loads(path.read_text("utf-8"))
        if isinstance(previous, dict) and previous.get("schema") == MANIFEST_SCHEMA:
            kept = [entry for entry in previous.get("posts", [])
                    if isinstance(entry, dict) and entry.get("locale") in config.locales
                    and entry.get("locale") not in options.locales and entry.get("article") in articles]
    except (OSError, ValueError):
        pass
    entries = sorted([*kept, *(post.as_dict() for post in posts)], key=lambda e: (str(e["article"]), str(e["locale"])))
    data = {"schema": MANIFEST_SCHEMA, "source_locale": config.source_locale, "posts": entries}
    _write(config, path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", report)
