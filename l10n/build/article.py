"""One article built in every locale: its posts, their previews and pages (the unit of parallel work).

:func:`build_article` is what :func:`l10n.build.posts.build` runs on its worker processes, under
the :class:`Options` of the build; it stages its files and defers its removals
(:mod:`l10n.build.posts` rule 4).

Rules:

1. A post is the source with every reviewed translation spliced in (see
   :mod:`l10n.document.walker`) and ``lang: <locale>`` in its front matter. Drafts and
   untranslated units keep the source text.
2. A reviewed translation that fails an error-level check or would change the
   document's block structure keeps the source text, with a warning naming the catalog
   entry and the source line; with ``strict`` such a post is not written, and a post
   held back fails the build too.
3. With ``include_drafts``, every post is also built with the drafts that pass the
   checks in place, under ``build/_preview/`` (then the layout's path), saying what it
   holds (:mod:`l10n.build.previews`). Previews never go into a locale's publishing folder,
   and a build without ``include_drafts`` removes those of earlier builds.
4. With ``html``, each post is also rendered to a page (:mod:`l10n.build.pages`) with
   ``hreflang`` links to the same post in every configured locale where it is
   published, built in this run or not (so shards by locale link to each other).
5. A post held back is named with its reasons (``held: build/es/x.md: 1 outdated unit:
   source/x.md:20; ...``). What happens to a post whose source changed is
   ``[build] outdated`` (:mod:`l10n.workflow.policy` rule 6): ``hold`` takes it offline;
   ``previous`` keeps serving the version published before the change, with a notice
   (:mod:`l10n.build.outdated`; state ``previous``); ``fallback`` publishes it with the
   outdated units in the source language. ``strict`` fails the build on any of them.
6. With ``html``, the source-language page is written too (the default layout writes no
   source-language post, only its page), so that every translation links to its original.
7. An article's catalogs are checked for a ``Language`` header naming another locale
   (:func:`l10n.catalog.language.refuse_mismatches`) before anything of it is built, on its
   worker: the run stops on the first such catalog in article order, as when the build
   checked them all first, and each worker reads only its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.build.outdated import kept_version
from l10n.build.outputs import (
    doom,
    page_path,
    write,
)
from l10n.build.previews import write_preview
from l10n.build.report import BuildReport, Post
from l10n.catalog.language import refuse_mismatches
from l10n.core.config import Config
from l10n.core.state import digest
from l10n.document.layouts import PRESETS, Layout
from l10n.glossary.schema import glossary_of
from l10n.workflow.policy import Policy

SOURCE = "source"
"""The state of a source-language post, which a generator's layout writes beside the translations."""


@dataclass(frozen=True, slots=True)
class Options:
    locales: tuple[str, ...]
    out: Path
    strict: bool = False
    include_drafts: bool = False
    html: bool = False
    policy: Policy = field(default_factory=Policy)
    """Read once by :func:`l10n.build.posts.build`, not by each worker for each article."""
    layout: Layout = PRESETS["default"]
    allow_scripts: bool = False
    """``[build] allow_scripts``: the built pages' policy lets the source's scripts run."""


def build_article(config: Config, options: Options, article: str, token: str = "") -> BuildReport:
    """Build one article in every locale of *options* (one unit of parallel work).

    Its files are staged and its removals deferred (:mod:`l10n.build.posts` rule 4), temporary names marked with *token*.
    """
    from l10n.document import slugs, splice, walker
    from l10n.workflow.assessment import assess

    refuse_mismatches(config, options.locales, [article])  # never one locale's catalog published as another's
    glossary = glossary_of(config)
    policy, layout = options.policy, options.layout
    source = config.source_path(article)
    doc = walker.read(source, config.relative(source), config.front_matter_keys, config.verbatim_sections)
    meta = _meta(doc) if layout.needs_meta else {}
    layout = layout.for_post(article, meta, doc.path)  # its date, where the generator needs one
    fields = layout.fields(article, meta)
    name = article.rpartition("/")[2]

    def slug(translations: Mapping[str, str]) -> str:
        return slugs.of(doc, translations, meta, name) if layout.uses_slug else name

    report = BuildReport()
    pages: list[tuple[Post, str, str, frozenset[str]]] = []  # (post, its text, its .md path, units in the source language)
    published: dict[str, str] = {}  # locale -> path of the post, where it is published
    current = digest(doc.text.encode("utf-8"))
    own = layout.source_post(config.source_locale, article, slug({}))
    if own is not None or options.html:  # a generator's site needs the source-language post too (layouts rule 3)
        text, _ = splice.render(doc, {}, config.source_locale, fields)
        post = Post(article, config.source_locale, SOURCE, 100.0, [], own, source_digest=current)
        mine = own if own is not None else layout.post(config.source_locale, article, slug({}))
        if own is not None:
            write(config, options.out / own, text, report, token)
        published[config.source_locale] = mine  # the default layout: only its page, that every translation links to
        report.posts.append(post)
        if options.html:
            pages.append((post, text, mine, frozenset()))
    for locale in config.locales if options.html else options.locales:
        item = assess(config, doc, article, locale, glossary, policy)
        reviewed, refused = slugs.translated(doc, layout.translations(doc, item.reviewed))
        text, fallbacks = splice.render(doc, reviewed, locale, fields)
        slug_unit = slugs.unit(doc)
        if refused and slug_unit is not None:  # a slug that is not one: kept the source's, like a failing translation
            fallbacks = sorted([*fallbacks, splice.Fallback(slug_unit, refused)], key=lambda f: f.unit.start)
        reasons = item.reasons(policy, [f.unit.text for f in fallbacks])
        english = item.pending(("outdated",)) if policy.outdated == "fallback" and not reasons else []
        failed = options.strict and bool(fallbacks or item.failures or reasons or english)
        path = layout.post(locale, article, slug(reviewed))
        kept = None
        if reasons and policy.outdated == "previous":  # strict or not: the version online stays online
            kept = kept_version(config, options.out, article, locale, current, item.units["outdated"])
        if not reasons and not failed:
            published[locale] = path
        elif kept is not None:
            published[locale] = kept.output
        if locale not in options.locales:
            continue  # another shard's locale: only its hreflang link matters here
        report.warnings.extend(item.failures)
        for fallback in fallbacks:
            report.warnings.append(
                f"{item.catalog}:{item.lines.get(fallback.unit.text, 0)}: {fallback.reason}; "
                f"kept the source text of {doc.path}:{fallback.unit.line}"
            )
        state = "published" if not reasons else "held back" if kept is None else "previous"
        post = Post(article, locale, state, item.reviewed_percent, reasons, source_digest=current)
        target = options.out / path
        if options.include_drafts:
            source_page = page_path(published[config.source_locale]) if config.source_locale in published else None
            post.preview = write_preview(
                config,
                doc,
                item,
                options.out,
                layout,
                report,
                fields,
                slug,
                token,
                options.html,
                options.allow_scripts,
                source_page,
            )
        if reasons:  # named with its reasons, strict or not
            unused = [f"{doc.path}:{f.unit.line}" for f in fallbacks]  # reviewed, but the build could not use them
            if unused:
                unused = [f"{len(unused)} reviewed unit(s) kept in the source language: {', '.join(unused[:3])}"]
            report.held.append(f"{config.relative(target)}: {'; '.join([*item.pending(), *unused, *reasons])}")
        if failed:
            report.failed.append(config.relative(target))
        elif reasons:
            doom(config, [target, options.out / page_path(path)], options.out, report, "held back")  # never what this run writes
        if kept is not None:  # rule 5: the version published before the source changed, with its notice
            post.output, post.source_digest, post.source_updated = kept.output, kept.digest, kept.date
            write(config, options.out / kept.output, kept.text, report, token)
            report.kept.append(f"{config.relative(options.out / kept.output)}: source updated on {kept.date}")
            if options.html:
                pages.append((post, kept.text, kept.output, frozenset()))
        elif not failed and not reasons:
            write(config, target, text, report, token)
            post.output = path
            if english:
                report.english.append(f"{config.relative(target)}: {'; '.join(english)}")
            if options.html:
                english_units = {u.text for u in doc.units if u.text not in reviewed} | {f.unit.text for f in fallbacks}
                pages.append((post, text, path, frozenset(english_units)))
        report.posts.append(post)
    for post, text, path, untranslated in pages:
        from l10n.build.pages import page

        post.html = page_path(path)
        up = "../" * post.html.count("/")  # up to the build folder: every link has the same form, wherever it leads
        links = [(code, up + page_path(link)) for code, link in published.items()]
        html = page(
            text,
            post.locale,
            article,
            links,
            source_locale=config.source_locale,
            untranslated=untranslated,
            allow_scripts=options.allow_scripts,
            updated=post.source_updated if post.state == "previous" else None,
        )
        write(config, options.out / post.html, html, report, token)
    return report


def _meta(doc: Any) -> dict[str, Any]:
    """The source's front matter, as a mapping (empty without one)."""
    from l10n.document import frontmatter

    found = frontmatter.find(doc.text, frontmatter.split_lines(doc.text), doc.path)
    return found.data if found is not None else {}
