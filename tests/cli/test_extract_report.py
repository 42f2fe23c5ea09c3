"""What ``l10n extract`` tells its user about each catalog it updates (issue 22).

It ends with one line per changed catalog: how many units are new, outdated (``fuzzy``),
obsolete and unchanged. ``--check`` says when a catalog differs only in its formatting (a PO
editor's line wrapping), and that ``l10n extract`` rewrites it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT, Run, assert_gettext_canonical, gettext_tool

ES = Path("locales/es/LC_MESSAGES/exploring-ketamine.po")
SOURCE = Path("source/exploring-ketamine.md")
SHIPPED_ES = ROOT / ES


def _spanish_only(project: Path) -> None:
    (project / "l10n.toml").write_text('source_locale = "en"\nlocales = ["es"]\n', "utf-8")
    ES.parent.mkdir(parents=True)
    shutil.copy(SHIPPED_ES, ES)


def test_extract_ends_with_the_counts_of_each_changed_catalog(project: Path, l10n: Callable[..., Run]) -> None:
    _spanish_only(project)
    first = l10n("extract")
    assert first.code == 0, first.err
    assert re.fullmatch(rf"{ES}: 0 new, 0 outdated \(fuzzy\), \d+ obsolete, 25 unchanged", first.out.splitlines()[-1])
    text = SOURCE.read_text("utf-8")
    text = text.replace("## What is Ketamine?", "## What Is Ketamine, Exactly?")  # a changed text: outdated
    text = text.replace("## How Does Ketamine Work?\n\n", "")  # a text gone: obsolete
    text = text.replace("## References", "A paragraph that no catalog has seen.\n\n## References")  # new
    SOURCE.write_text(text, "utf-8")
    result = l10n("extract")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "updated: locales/templates/exploring-ketamine.pot",
        f"updated: {ES}",
        f"{ES}: 1 new, 1 outdated (fuzzy), 1 obsolete, 23 unchanged",
    ]
    assert_gettext_canonical(project / ES)
    assert l10n("extract").out == "", "nothing changed: nothing to count"


def test_check_says_a_rewrapped_catalog_differs_only_in_formatting(project: Path, l10n: Callable[..., Run]) -> None:
    _spanish_only(project)
    assert l10n("extract").code == 0
    canonical = ES.read_bytes()
    # what a PO editor with another line width writes: the same entries, wrapped at 40 columns
    subprocess.run([gettext_tool("msgcat"), "--width=40", "-o", str(ES), str(ES)], check=True)
    assert ES.read_bytes() != canonical
    result = l10n("extract", "--check")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"stale: {ES}",
        f"{ES}: differs only in formatting (a PO editor's line wrapping?): `l10n extract` rewrites it, nothing is lost",
    ]
    fixed = l10n("extract")
    assert fixed.code == 0 and ES.read_bytes() == canonical
    assert l10n("extract", "--check").code == 0


def test_check_counts_what_a_real_change_would_bring(project: Path, l10n: Callable[..., Run]) -> None:
    _spanish_only(project)
    assert l10n("extract").code == 0
    SOURCE.write_text(SOURCE.read_text("utf-8").replace("## What is Ketamine?", "## What Is Ketamine, Exactly?"), "utf-8")
    result = l10n("extract", "--check")
    assert result.code == 1
    assert f"{ES}: 0 new, 1 outdated (fuzzy), 0 obsolete, 24 unchanged" in result.out.splitlines()
    assert "formatting" not in result.out
