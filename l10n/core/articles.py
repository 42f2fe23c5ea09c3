"""Articles: the Markdown sources of a project, found under its source folder.

Rules:

1. Articles are found by :func:`iter_articles`: hidden folders skipped, symlinked
   folders not followed, a symlink leading outside refused, and a file name that
   cannot be a ``#:`` reference or an output name (a control character such as a
   newline, bytes that are not UTF-8, a name over :data:`MAX_NAME` bytes) refused
   with the path, never half-processed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from l10n.core.errors import ConfigError, SourceError
from l10n.core.files import printable


def iter_articles(source_dir: Path, root: Path) -> Iterator[str]:
    """Yield article ids under *source_dir*.

    Hidden folders are skipped and symlinked folders are not followed. A symlink,
    to a file or a folder, that leads outside the project is refused (an error, so
    that an article is never silently missing and nothing outside is read).
    """
    if not source_dir.is_dir():
        return
    real_root = root.resolve()
    base = str(source_dir)
    prefix = len(os.path.join(base, ""))  # slicing, not os.path.relpath: a project has thousands of articles
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            _refuse_escape(os.path.join(folder, name), root, real_root)
        for name in files:
            if not name.endswith(".md") or name.startswith("."):
                continue
            full = os.path.join(folder, name)
            _refuse_escape(full, root, real_root)
            article = full[prefix:-3].replace(os.sep, "/")
            if not article.isprintable() or any(
                len(part.encode(errors="surrogateescape")) > MAX_NAME for part in article.split("/")
            ):
                _refuse_name(full[prefix:], os.path.relpath(base, root))
            yield article


MAX_NAME = 200
"""The longest file name (in bytes) of an article: its catalog's name and the temporary file
written beside it must stay within the 255 bytes file systems allow."""


def _refuse_name(relative: str, source_dir: str) -> None:
    """Refuse an article whose file name cannot be a ``#:`` reference or an output file name."""
    longest = max((part.encode(errors="surrogateescape") for part in relative.split(os.sep)), key=len)
    if any("\udc80" <= ch <= "\udcff" for ch in relative):
        what = "is not valid UTF-8"
    elif any((not ch.isprintable() and not ch.isspace()) or ch in "\n\r\t\v\f" for ch in relative):
        what = "holds a control character (a newline?)"
    elif len(longest) > MAX_NAME:
        what = f"is longer than {MAX_NAME} bytes ({len(longest)})"
    else:
        return  # another space (U+00A0...): a name like any other
    msg = f"file name {what}; rename it"
    raise SourceError(msg, printable(os.path.join(source_dir, relative).replace(os.sep, "/")))


def _refuse_escape(path: str, root: Path, real_root: Path) -> None:
    if os.path.islink(path):
        target = Path(os.path.realpath(path))  # not Path.resolve(): it raises on a symlink loop
        if not target.is_relative_to(real_root):
            msg = f"leads outside the project, to {printable(str(target))}, through a symlink; refused"
            raise ConfigError(msg, printable(Path(os.path.relpath(path, root)).as_posix()))
