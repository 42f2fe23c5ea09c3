"""MkDocs hooks of the documentation site (``hooks:`` in mkdocs.yml).

Rule: a page line ``<!-- include: PATH -->`` (PATH relative to the repository root) is replaced by
that file's text without its first-level title, so a file kept at the root for the scripts and
issues that name it (``BENCHMARKS.md``) is shown in the site without a copy that could drift.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_INCLUDE = re.compile(r"(?m)^<!-- include: (?P<path>[^ ]+) -->$")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    root = Path(config["config_file_path"]).parent

    def include(match: re.Match[str]) -> str:
        text = (root / match["path"]).read_text("utf-8")
        return re.sub(r"\A# [^\n]*\n+", "", text)

    return _INCLUDE.sub(include, markdown)
