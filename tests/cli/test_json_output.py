"""An input error found after a report began: no half JSON document on stdout, one line on stderr, exit 2.

``check`` spools its findings and writes the document once every catalog is read;
``status`` adds its totals up before its first byte (the locales come first). A program
reading stdout gets a whole document or nothing; ``check``'s text lines stay as printed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run

FIXTURE = ROOT / "tests" / "fixtures" / "status"
LAST = Path("locales/pt_BR/LC_MESSAGES/dosing.po")
"""The catalog read last (articles in order, locales in configured order)."""


@pytest.fixture
def broken_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int]:
    """The status fixture with its last catalog made unreadable (an unterminated string), and its line."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    lines = (root / LAST).read_text("utf-8").count("\n")
    with (root / LAST).open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "never closed\nmsgstr ""\n')
    return root / LAST, lines + 2


@pytest.mark.parametrize("command", ["check", "status"])
def test_an_error_after_findings_leaves_no_partial_document(
    broken_last: tuple[Path, int], l10n: Callable[..., Run], command: str
) -> None:
    _, line = broken_last
    result = l10n(command, "--format", "json")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith(f"Error: {LAST}:{line}:"), result.err


def test_text_lines_stay_and_the_error_ends_them(broken_last: tuple[Path, int], l10n: Callable[..., Run]) -> None:
    """``check``'s text is printed as found: the findings before the error stay (so the JSON runs above had
    some to write), the summary line is not printed."""
    _, line = broken_last
    result = l10n("check")
    assert result.code == 2
    assert result.out and all(": " in shown for shown in result.out.splitlines())
    assert result.err.startswith(f"Error: {LAST}:{line}:") and "error(s)" not in result.err
