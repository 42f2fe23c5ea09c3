"""The build folder: its files changed as one transaction, and the manifest that lists them.

Rules:

1. Nothing is written from a bad input. :func:`write` stages a post, a page or the
   manifest (a temporary file beside its target, its name marked with the run's token);
   :func:`doom` notes a file of an earlier build that must go (a post now held back, a
   post's old path after its slug or the layout moved it). Only :func:`commit`, once every
   article has been built, every catalog, source and the glossary read and every output
   path checked, renames the staged files into place and removes the doomed ones, with
   the folders they leave empty. A file this run wrote or found unchanged is never
   removed, whatever doomed it.
2. On an error :func:`discard` removes every staged file, those of workers whose results
   were dropped included: they are found by the run's token in every folder where the
   layout can put a post of the articles built (from the first folder a ``{slug}``
   names downwards, since a translated slug is known only to the worker that built it).
   The build folder is left as it was.
3. Every output path is checked before it is staged or doomed (:func:`check_target`):
   one that a symlink leads outside the project, or into a place a build must never
   write (:func:`protected`: the source folder, the catalogs, the glossary, the
   configuration, ``.git``, ``.l10n`` and the l10n package itself), or that is not a
   regular file, is an error naming it. The output folder itself (``build_dir`` or
   ``--out``) must neither be inside one of those places nor hold one
   (:func:`check_out`): a build never overwrites a source article or a catalog. A path is
   resolved as the kernel follows it; within one run each folder is resolved once.
4. ``manifest.json`` is one JSON object with one post per line, sorted by article and
   locale, so that its diffs stay small (:func:`manifest_text`). Before a build the
   previous one is read leniently (:func:`previous_posts`: a file that is not a manifest
   is rewritten); a shard's is read strictly when shards are merged
   (:func:`manifest_posts`).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.core import files as fsutil
from l10n.core.config import Config
from l10n.core.errors import L10nError
from l10n.core.state import digest
from l10n.document.layouts import Layout, fill

if TYPE_CHECKING:
    from l10n.build.report import BuildReport

PREVIEW = "_preview"
"""The folder under the build folder that holds previews with drafts."""
MANIFEST_SCHEMA = 1


PACKAGE = Path(__file__).resolve().parent.parent
"""The l10n package: a build folder's symlink must not lead a post over its code."""


def protected(config: Config) -> tuple[tuple[str, str], ...]:
    """The places a build never writes into, resolved, with their names for messages (rule 3)."""
    return _protected(config.root, config.source_dir, config.locales_dir, config.glossary, config.path)


@lru_cache(maxsize=8)
def _protected(root: Path, source: Path, locales: Path, glossary: Path, path: Path) -> tuple[tuple[str, str], ...]:
    places = [
        (source, "the source folder"),
        (locales, "the catalogs' folder"),
        (glossary, "the glossary"),
        (path, "the configuration"),
        (root / ".git", "the git repository (.git)"),
        (root / ".l10n", "l10n's private folder (.l10n)"),
        (PACKAGE, "the l10n package"),
    ]
    return tuple((os.path.realpath(place), f"{name} {_shown(root, place)}") for place, name in places)


def _shown(root: Path, place: Path) -> str:
    try:
        return place.relative_to(root).as_posix() + ("/" if place.is_dir() else "")
    except ValueError:
        return fsutil.printable(str(place))


def check_out(config: Config, out: Path) -> None:
    """Refuse an output folder inside a protected place or holding one (rule 3)."""
    what = "the build folder" if out == config.build_dir else "--out"
    real = os.path.realpath(out)
    for place, name in protected(config):
        if real == place or real.startswith(place + os.sep):
            raise L10nError(f"{what} is inside {name}; choose a folder of its own", config.relative(out))
        if place.startswith(real.rstrip(os.sep) + os.sep):
            raise L10nError(f"{what} holds {name}; choose a folder of its own", config.relative(out))


def page_path(post: str) -> str:
    """The HTML page beside a post: ``.md`` replaced by ``.html``."""
    return post.removesuffix(".md") + ".html"


def check_target(config: Config, target: Path, token: str = "") -> None:
    """Refuse an output path that a symlink leads outside the project or into a protected place,
    or that is not a file (rule 3); *token*: a run's mark, under which each folder is resolved once."""
    if target.is_relative_to(config.root):  # the build folder: a symlink must not lead out of the project
        config.confined(target)
    real = _real(target, token)  # as the kernel follows it: a symlinked folder anywhere on the way is seen
    for place, name in protected(config):
        if real == place or real.startswith(place + os.sep):
            how = "is in" if os.path.abspath(target) == real else "leads, through a symlink, into"
            raise L10nError(f"{how} {name}; l10n never writes there", config.relative(target))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise L10nError(f"cannot write: {exc.strerror}", config.relative(target)) from None
    if not stat.S_ISREG(mode):
        what = "is a folder, not a file" if stat.S_ISDIR(mode) else "is not a regular file"
        raise L10nError(f"{what}; l10n writes its output there", config.relative(target))


def _real(target: Path, token: str) -> str:
    """``os.path.realpath(target)``; within a run (*token*), its folder resolved once (a build
    writes thousands of posts into a few folders) and the file itself only when it is a symlink."""
    name = os.path.basename(target)
    if not token or name in ("", ".", "..") or os.path.islink(target):
        return os.path.realpath(target)
    return os.path.join(_real_folder(os.path.dirname(target), token), name)


@lru_cache(maxsize=1024)
def _real_folder(folder: str, token: str) -> str:
    return os.path.realpath(folder)


def write(config: Config, target: Path, text: str | bytes, report: BuildReport, token: str) -> None:
    """Stage *text* for *target* unless the file already holds it (rule 1)."""
    check_target(config, target, token)
    shown = config.relative(target)
    data = text.encode("utf-8") if isinstance(text, str) else text
    report.outputs[str(target)] = digest(data)
    if fsutil.read_file(target, shown, missing_ok=True) == data:
        report.unchanged += 1
        return
    report.staged.append((fsutil.stage(target, data, shown, token), str(target), shown))
    report.written.append(shown)


def doom(config: Config, paths: Sequence[Path], out: Path, report: BuildReport, reason: str = "") -> None:
    """Note the files *paths* of an earlier build (in the build folder *out*) for removal at the commit, and why."""
    for path in paths:
        check_target(config, path)
        if path.exists():
            report.doomed.append((str(path), str(out)))
            if reason:
                report.why[config.relative(path)] = reason


def commit(config: Config, report: BuildReport) -> None:
    """Rename every staged file into place, then remove the doomed ones that this run did not write (rule 1)."""
    for tmp, target, shown in report.staged:
        fsutil.commit(tmp, Path(target), shown)
    report.staged.clear()
    kept = set(report.outputs)
    for path, out in dict.fromkeys(report.doomed):
        if path not in kept and os.path.lexists(path):
            _remove(config, Path(path), Path(out))
            report.removed.append(config.relative(Path(path)))
    report.doomed.clear()


def _remove(config: Config, path: Path, out: Path) -> None:
    """Remove a file of an earlier build, and the folders it leaves empty."""
    fsutil.remove(path, config.relative(path))
    folder = path.parent
    while folder != out and folder.is_relative_to(out) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def discard(report: BuildReport, token: str, out: Path, layout: Layout, locales: Iterable[str], articles: Iterable[str]) -> None:
    """Remove the staged files of a run that failed: *report*'s, and those marked *token* of the *articles* (rule 2)."""
    for tmp, _, _ in report.staged:
        fsutil.discard(tmp)
    report.staged.clear()
    folders: dict[Path, bool] = {out: False}  # folder -> whether to look below it too; the manifest is at the top
    templates = [template for template in (layout.posts, layout.source) if template is not None]
    locales = tuple(locales)
    for article in articles:
        for locale in locales:
            for template in templates:
                parts = fill(template, locale, article, "\0").split("/")[:-1]  # "\0": the slug, unknown here
                cut = next((i for i, part in enumerate(parts) if "\0" in part), None)
                for base in (out, out / PREVIEW):
                    folder = base.joinpath(*parts[:cut])
                    folders[folder] = folders.get(folder, False) or cut is not None
    for folder, below in folders.items():
        fsutil.discard_staged(folder, token, below)


def previous_posts(config: Config, path: Path) -> list[dict[str, Any]]:
    """The posts of the manifest an earlier build left at *path*; none when it is missing or not a manifest."""
    raw = fsutil.read_file(path, config.relative(path), missing_ok=True)
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):  # not a manifest: it is rewritten
        return []
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA or not isinstance(data.get("posts"), list):
        return []
    return [entry for entry in data["posts"] if isinstance(entry, dict)]


def manifest_posts(config: Config, path: Path) -> list[dict[str, Any]]:
    """The posts of the manifest at *path* (none when it is missing); anything but a manifest is an error."""
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


def manifest_text(config: Config, posts: list[dict[str, Any]]) -> str:
    """A manifest of *posts*, sorted by article and locale, one post per line (rule 4)."""
    entries = sorted(posts, key=lambda e: (str(e["article"]), str(e["locale"])))
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    head = json.dumps({"schema": MANIFEST_SCHEMA, "source_locale": config.source_locale})[:-1]
    return f'{head}, "posts": [\n{lines}\n]}}\n' if entries else f'{head}, "posts": []}}\n'
