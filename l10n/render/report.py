"""The status report in the format asked for: a table, Markdown, JSON or a self-contained HTML page.

The report itself is :func:`l10n.workflow.status.report`; this only presents it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from l10n.core.config import Config
from l10n.render import report_html, report_text


def show(config: Config, data: dict[str, Any], fmt: str, output: Path | None = None) -> str:
    """*data* as ``table``, ``json``, ``markdown`` or ``html`` text.

    In the HTML page, catalog positions link to ``[status] link_base`` + path +
    ``#L<line>`` when it is set (a repository browser), else to the file, relative to
    *output* (or to the project root).
    """
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("table", "markdown"):
        return report_text.table(data) if fmt == "table" else report_text.markdown(data)
    base = config.settings.status.link_base
    start = output.parent if output else config.root

    def link(path: str, line: int) -> str:
        if base:
            return f"{base}{quote(path)}#L{line}"
        return quote(os.path.relpath(config.root / path, start).replace(os.sep, "/"))

    return report_html.render(data, link)
