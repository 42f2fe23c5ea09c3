"""Previews: every post with its drafts in place, under ``build/_preview/``, saying what each page is.

Rules:

1. With ``--include-drafts`` each post is also built with the drafts that pass the checks in
   place (human translations awaiting approval, hand-flagged ones and ``l10n``'s drafts),
   under ``_preview/`` then the layout's path. Its front matter says ``machine_translated:
   true`` only when a machine draft (an ``l10n-draft: mt`` provenance line, or
   pseudo-localized text) is in it, and ``reviewed: <percent>``.
2. Its page (``--html``) says what it holds, from the units' states (:data:`l10n.build.pages.PREVIEW_KINDS`):
   ``machine`` drafts, ``human`` translations not yet reviewed, units in the ``source``
   language (untranslated, outdated, a draft failing a check); with none of them (every unit
   reviewed) it says only that it is a preview. The units in the source language are marked
   in the page; it links to the source-language page when the build wrote one.
3. A build without ``--include-drafts`` removes the previews an earlier build wrote: those
   its manifest lists, of every article and locale, and every file under ``_preview/`` (a
   folder no layout may use), so that a deploy of the build folder never carries unreviewed
   text. Entries kept from the previous manifest lose their ``preview``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from l10n.build.outputs import PREVIEW, doom, page_path, write
from l10n.build.report import BuildReport
from l10n.catalog import provenance
from l10n.core.config import Config
from l10n.document.layouts import Layout
from l10n.workflow.assessment import Coverage


def machine_drafted(item: Coverage) -> set[str]:
    """The source texts of *item* whose draft is a machine's (rule 1)."""
    found: set[str] = set()
    for judged in item.judged:
        draft = provenance.draft_of(judged.entry.comment)
        if judged.entry.msgid in item.drafts and (judged.pseudo or (draft is not None and draft.how == "mt")):
            found.add(judged.entry.msgid)
    return found


def write_preview(
    config: Config,
    doc: Any,
    item: Coverage,
    out: Path,
    layout: Layout,
    report: BuildReport,
    fields: tuple[tuple[str, str], ...],
    slug: Callable[[Mapping[str, str]], str],
    token: str,
    html: bool = False,
    allow_scripts: bool = False,
    source_page: str | None = None,
) -> str:
    """Write the post of *item* with its checked drafts in place (and its page); return its path in the build folder.

    *source_page* is the source-language page's path in the build folder, when there is one.
    """
    from l10n.document import slugs, splice

    machine = machine_drafted(item)
    marks = (("machine_translated", "true" if machine else "false"), ("reviewed", f"{item.reviewed_percent:g}"))
    translations, _ = slugs.translated(doc, layout.translations(doc, {**item.reviewed, **item.drafts}))
    text, fallbacks = splice.render(doc, translations, item.locale, fields=(*fields, *marks))
    path = f"{PREVIEW}/{layout.post(item.locale, item.article, slug(translations))}"
    write(config, out / path, text, report, token)
    if html:
        from l10n.build.pages import page

        source = {u.text for u in doc.units if u.text not in translations} | {f.unit.text for f in fallbacks}
        shown = {u.text for u in doc.units if u.text in translations and u.text not in source}
        human = {t for t in shown if t in item.drafts and t not in item.reviewed and t not in machine}
        kinds = [kind for kind, present in (("machine", shown & machine), ("human", human), ("source", source)) if present]
        mine = page_path(path)
        up = "../" * mine.count("/")
        links = [(item.locale, up + mine)]
        if source_page is not None:
            links.append((config.source_locale, up + source_page))
        html_text = page(
            text,
            item.locale,
            item.article,
            links,
            preview=kinds,
            source_locale=config.source_locale,
            untranslated=frozenset(source),
            allow_scripts=allow_scripts,
        )
        write(config, out / mine, html_text, report, token)
    return path


def remove_previews(config: Config, out: Path, previous: list[dict[str, Any]], report: BuildReport) -> None:
    """Doom every preview of an earlier build (rule 3): those *previous* (its manifest) lists, every file under ``_preview/``."""
    listed: set[str] = set()
    for entry in previous:
        preview = entry.get("preview")
        if isinstance(preview, str) and preview.startswith(f"{PREVIEW}/") and ".." not in preview.split("/"):
            listed.update((preview, page_path(preview)))
    folder = out / PREVIEW
    swept: set[str] = set()
    if folder.is_dir() and not folder.is_symlink():
        for here, dirs, files in os.walk(folder):  # symlinked folders are not followed
            dirs.sort()
            swept.update(Path(here, name).relative_to(out).as_posix() for name in files if not name.endswith(".tmp"))
    before = len(report.doomed)
    doom(
        config,
        [out / path for path in sorted(listed | swept)],
        out,
        report,
        "a preview, and this build is without --include-drafts",
    )
    report.previews_removed += len(report.doomed) - before
