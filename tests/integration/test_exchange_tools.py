"""XLIFF written back by the real npm ``xliff`` package (6.4.0), whose writer re-indents sources and targets.

The package is installed once into the test cache outside the repository (``$L10N_TEST_CACHE``,
default ``~/.cache/l10n-tests``; a few seconds) and run by ``data/exchange/npm-xliff/roundtrip.js``
on a fresh export: every unit must find its entry, those re-indented reported as matched with
white space normalized, and each target (a copy of its source) must come back as its entry's text
exactly. The committed fixture ``data/exchange/npm-xliff/fr-6.4.0.xlf`` is that script's output,
for the quick suite (``tests/unit/exchange/test_exchange_matching.py``). Without node and npm, or
when npm cannot install, the test skips, saying why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Run

from l10n.catalog.entries import read_translations

pytestmark = pytest.mark.slow

VERSION = "6.4.0"
CACHE = Path(os.environ.get("L10N_TEST_CACHE") or Path.home() / ".cache" / "l10n-tests")
FR = Path("locales/fr/LC_MESSAGES/exploring-ketamine.po")


def _npm_xliff() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run the npm xliff package")
    folder = CACHE / f"npm-xliff-{VERSION}"
    if not (folder / "node_modules" / "xliff" / "package.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text('{"name": "l10n-xliff-test", "private": true}\n', "utf-8")
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", f"xliff@{VERSION}"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"npm could not install xliff@{VERSION}: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    return folder / "node_modules"


def test_the_npm_xliff_writer_s_file_is_imported(project: Path, l10n: Callable[..., Run]) -> None:
    modules = _npm_xliff()
    shutil.copy(ROOT / "glossary.yaml", "glossary.yaml")
    assert l10n("extract").code == 0
    assert l10n("export", "--format", "xliff", "--locale", "fr", "--out", "fr.xlf").code == 0
    done = subprocess.run(
        ["node", str(DATA / "exchange" / "npm-xliff" / "roundtrip.js"), "fr.xlf", "back.xlf"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r" \n +<ph id=\"1\"", Path("back.xlf").read_text("utf-8")), "the package no longer re-indents"
    result = l10n("import", "back.xlf")
    respaced = [line for line in result.err.splitlines() if "source differs only in whitespace" in line]
    assert respaced and " 0 not imported;" in result.err
    entries = [e for e in read_translations(FR, str(FR)) if e.msgid]
    assert entries and all(e.msgstr == e.msgid for e in entries)
