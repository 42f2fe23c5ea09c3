"""A post whose source changed: the version a build keeps serving, with its notice (``outdated = "previous"``).

Rules:

1. With ``[build] outdated = "previous"``, a post that the policy holds back because its source
   changed keeps the version an earlier build published: the previous manifest lists it
   (state ``published`` or ``previous``, its ``output`` path) with the digest of the source it
   was built from. The source changed when that digest differs from the source's now; a
   manifest written before digests were recorded counts as changed when the post has an
   outdated unit. A post held back for any other reason (a reviewer's approval withdrawn, a
   failing check, a stricter policy) is not kept: it goes offline, as with ``hold``.
2. The kept version gets ``source_updated: "YYYY-MM-DD"`` in its front matter (replacing
   an earlier one), and its HTML page a visible notice (:mod:`l10n.build.pages`). A kept
   file whose front matter cannot carry the field (missing, not block YAML) is not kept.
3. The date is the source file's last change, chosen to be reproducible: ``SOURCE_DATE_EPOCH``
   when set (the reproducible-builds convention for "the last modification of the source"),
   else the date of the last git commit of the file when it is committed unchanged, else
   the file's modification time, all in UTC.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from l10n.build.outputs import PREVIEW, check_target, previous_posts
from l10n.core import files as fsutil
from l10n.core.config import Config
from l10n.core.errors import SourceError
from l10n.document import frontmatter

NOTICE = "source_updated"
"""The front-matter key of a kept version's notice: the date its source changed."""
KEPT_FROM = ("published", "previous")
"""The manifest states of a post whose file is online."""

_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True, slots=True)
class Kept:
    """The version of a post a build keeps serving."""

    output: str
    """Its path in the build folder, as the previous manifest lists it."""
    text: str
    """Its text, with the notice in its front matter."""
    digest: str | None
    """The digest of the source it was built from (None: an older manifest did not record it)."""
    date: str
    """When its source changed (rule 3)."""


def kept_version(config: Config, out: Path, article: str, locale: str, current: str, outdated: int) -> Kept | None:
    """The earlier published version of *article* in *locale* to keep serving, or None (rule 1).

    *current* is the digest of the source now; *outdated* the number of its outdated units.
    """
    entry = next(
        (e for e in _manifest(config, out / "manifest.json") if (e.get("article"), e.get("locale")) == (article, locale)), None
    )
    if entry is None or entry.get("state") not in KEPT_FROM:
        return None
    output, was = entry.get("output"), entry.get("source_digest")
    if not _inside(output) or was == current or (not isinstance(was, str) and not outdated):
        return None
    assert isinstance(output, str)
    target = out / output
    check_target(config, target)
    raw = fsutil.read_file(target, config.relative(target), missing_ok=True)
    try:
        text = raw.decode("utf-8") if raw is not None else None
    except UnicodeDecodeError:
        return None
    date = source_date(config.root, config.source_path(article))
    noticed = with_notice(text, date) if text is not None else None
    if noticed is None:
        return None
    return Kept(output, noticed, was if isinstance(was, str) else None, date)


def _inside(output: Any) -> bool:
    """Whether a manifest's *output* names a post in the build folder (not a preview, not outside)."""
    if not isinstance(output, str) or not output.endswith(".md") or output.startswith("/"):
        return False
    parts = output.split("/")
    return ".." not in parts and parts[0] != PREVIEW and "\\" not in output


def _manifest(config: Config, path: Path) -> list[dict[str, Any]]:
    """The previous manifest's posts, read once per process for each version of the file."""
    try:
        stat = os.stat(path)
    except OSError:
        return []
    return _read_manifest(config, path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_manifest(config: Config, path: Path, mtime: int, size: int) -> list[dict[str, Any]]:
    return previous_posts(config, path)


def with_notice(text: str, date: str) -> str | None:
    """*text* (a built post) with ``source_updated: "DATE"`` in its front matter; None when it cannot carry it (rule 2)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix(bom)
    lines = frontmatter.split_lines(body)
    try:
        found = frontmatter.find(body, lines, "")
    except SourceError:
        return None
    if found is None or found.close < 1:
        return None
    eol = body[lines[0][1] : lines[0][2]] or "\n"
    inner = [body[s:e] for s, _, e in lines[1 : found.close] if not re.match(rf"{NOTICE}[ \t]*:", body[s:e])]
    if inner and not inner[-1].endswith(("\n", "\r")):
        return None
    noticed = body[: lines[1][0]] + "".join(inner) + f'{NOTICE}: "{date}"{eol}' + body[lines[found.close][0] :]
    try:
        check = frontmatter.find(noticed, frontmatter.split_lines(noticed), "")
    except SourceError:
        return None
    if check is None or check.data.get(NOTICE) != date:
        return None  # flow-style front matter, or anything else a line cannot be added to
    return bom + noticed


def source_date(root: Path, source: Path) -> str:
    """The date (``YYYY-MM-DD``, UTC) the source file last changed (rule 3)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    committed = _git_date(root, source)
    if committed is not None:
        return committed
    return datetime.fromtimestamp(os.stat(source).st_mtime, UTC).strftime("%Y-%m-%d")


def _git_date(root: Path, source: Path) -> str | None:
    """The UTC date of the last commit of *source* when git has it committed unchanged; else None."""
    git = shutil.which("git")
    if git is None:
        return None
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "TZ": "UTC"}

    def run(*args: str) -> str | None:
        try:
            done = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, timeout=10, env=env)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    if run("status", "--porcelain", "--", str(source)) != "":
        return None  # not a repository, not tracked as is, or edited since its last commit
    date = run("log", "-1", "--date=format-local:%Y-%m-%d", "--format=%cd", "--", str(source))
    return date.strip() if date is not None and _DATE_RE.fullmatch(date.strip()) else None
