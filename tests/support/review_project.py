"""The review fixture, and in a git repository whose history holds what an approval approved.

``fixtures/review``'s Spanish paragraph (``source/ketamine-safety.md:7``) is committed approved
as "la ketamina suele ser segura" (its approval's digest made to match), then edited to
"la ketamina no suele ser segura" (a "no" added) in a second commit: an "edited after
approval" unit whose approved text the catalog's history proves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from l10n.catalog import provenance
from l10n.catalog.entries import read_translations

FIXTURE = Path(__file__).parents[1] / "fixtures" / "review"
ES = Path("locales/es/LC_MESSAGES/ketamine-safety.po")
ARTICLE = "source/ketamine-safety.md"
APPROVED = "la ketamina suele ser segura"
EDITED = "la ketamina no suele ser segura"


def document(l10n: Callable[..., Any], *args: str) -> dict[str, Any]:
    """The reviewer's page as ``l10n review --format json`` writes it."""
    result = l10n("review", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def item(data: dict[str, Any], locale: str, line: int) -> dict[str, Any]:
    """The card of the unit at *line* of the fixture's article in *locale*."""
    return next(i for i in data["items"] if i["locale"] == locale and i["source"] == f"{ARTICLE}:{line}")


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def make_project(root: Path, repo: Path | None = None) -> Path:
    """The review fixture in git: its paragraph approved as "generally safe", then edited (a "no" added).

    *repo* is the repository's top folder when the project is a folder inside it (default: *root*).
    """
    repo = repo or root
    shutil.copytree(FIXTURE, root)
    path = root / ES
    text = path.read_text("utf-8")
    entry = next(t for t in read_translations(path, str(ES)) if t.references == (f"{ARTICLE}:7",))
    approved = entry.msgstr.replace(EDITED, APPROVED)
    old = provenance.approvals(entry.comment)[0].digest
    path.write_text(text.replace(EDITED, APPROVED).replace(old, provenance.digest(entry.msgid, approved)), "utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "approved")
    path.write_text(path.read_text("utf-8").replace(APPROVED, EDITED), "utf-8")
    _git(repo, "commit", "-qam", "edited after approval")
    return root
