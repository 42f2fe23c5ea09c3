"""Hostile and unlucky inputs (issue 17): no traceback, no hang, no silent loss, nothing written outside.

The one-line errors of ``l10n extract`` are data files in ``data/bad/`` (``test_errors``);
here are the cases that need a project set up around them: headers that must be
repaired, odd files in ``source/`` and ``.l10n/``, a full disk, hostile configuration,
flow-style front matter and pathological lines. Each asserts the exact message, the
exit code, and that no file changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, Run, assert_gettext_canonical

PO = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file of the project, .l10n included (symlinks and special files by their kind)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            out[name] = b"-> " + os.readlink(path).encode()
        elif path.is_file() and not path.is_fifo():
            out[name] = path.read_bytes()
        elif not path.is_dir():
            out[name] = b"special"
    return out


def _one_locale(project: Path) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n', "utf-8")


@pytest.mark.parametrize("name", ["header-no-content-type.po", "header-charset-utf8.po", "header-charset-empty.po"])
def test_a_header_without_a_usable_charset_is_written_utf8(name: str, project: Path, l10n: Callable[..., Run]) -> None:
    """The catalog written declares charset=UTF-8, passes msgfmt --check and msgcat keeps it; no translation lost."""
    _one_locale(project)
    (project / PO).parent.mkdir(parents=True)
    shutil.copy(DATA / "ok" / name, project / PO)
    result = l10n("extract")
    assert (result.code, result.err) == (0, "")
    text = (project / PO).read_text("utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert 'msgid "Nausea and vomiting"\nmsgstr "Náuseas y vómitos"' in text
    assert_gettext_canonical(project / PO)
    done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(project / PO)], capture_output=True, text=True)
    assert "charset" not in done.stderr.lower()
