#!/usr/bin/env python3
"""Time ``l10n extract`` and ``l10n build`` on pathological inputs (issue 17): each must stay linear.

    PYTHONPATH=. python3 benchmarks/pathological.py [--scale 1.0]

Each case is one article (or a glossary, or a configured pattern) built in a fresh
scratch project, run through ``extract`` then ``build`` in this process (``-j 1``); the
table gives wall seconds for each, and the size of the catalog written. ``--scale``
multiplies the input sizes (0.1 for a quick look). A row that grows faster than its
input is a regression: the walker was once quadratic in trailing spaces (2 MB on one
line took 68 s to extract).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.dont_write_bytecode = True

CONFIG = 'source_locale = "en"\nlocales = ["es"]\n'


def _cases(scale: float) -> dict[str, Callable[[Path], None]]:
    mb = int(2_000_000 * scale)

    def article(text: str) -> Callable[[Path], None]:
        return lambda root: (root / "source" / "a.md").write_text(text, "utf-8")

    def glossary_note(root: Path) -> None:
        note = "n" * int(5_000_000 * scale)
        (root / "glossary.yaml").write_text(f"terms:\n  - term: ketamine\n    note: {note}\n", "utf-8")
        (root / "source" / "a.md").write_text("".join(f"Ketamine paragraph {i}.\n\n" for i in range(20)), "utf-8")

    def required_pattern(root: Path) -> None:
        (root / "l10n.toml").write_text(CONFIG + '[build]\nrequired = ["(a+)+$"]\n', "utf-8")
        (root / "source" / "a.md").write_text("# " + "a" * int(50_000 * scale) + "b\n", "utf-8")

    return {
        "2 MB of trailing spaces on one line": article("# Title\n\nSome text" + " " * mb + "\n"),
        "2 MB line of emphasis markers": article("Text " + "*a" * (mb // 2) + "\n"),
        "2 MB of nested brackets": article("Text " + "[" * (mb // 2) + "]" * (mb // 2) + "\n"),
        "10,000 nested blockquotes": article(">" * int(10_000 * scale) + " deep\n"),
        "table row of 50,000 cells": article("|" + "a|" * int(50_000 * scale) + "\n|" + "-|" * int(50_000 * scale) + "\n"),
        "5 MB glossary note, 20 matching units": glossary_note,
        "(a+)+$ required, 50,000-character heading": required_pattern,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    from l10n.build.posts import build
    from l10n.workflow.extract import extract
    from l10n.workflow.project import load as load_config

    print("| input | extract (s) | build (s) | catalog (KB) |")
    print("| --- | ---: | ---: | ---: |")
    for name, make in _cases(args.scale).items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "source").mkdir()
            (root / "l10n.toml").write_text(CONFIG, "utf-8")
            make(root)
            os.environ["SOURCE_DATE_EPOCH"] = "1763900000"
            config = load_config(path=root / "l10n.toml")
            start = time.perf_counter()
            extract(config, jobs=1)
            middle = time.perf_counter()
            build(config, jobs=1)
            end = time.perf_counter()
            size = (root / "locales" / "es" / "LC_MESSAGES" / "a.po").stat().st_size / 1024
            print(f"| {name} | {middle - start:.2f} | {end - middle:.2f} | {size:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
