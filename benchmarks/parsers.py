#!/usr/bin/env python3
"""markdown-it-py against markdown-it-pyrs (the Rust port) on the same files: is a switch worth it?

    python3 -m venv /tmp/pyrs && /tmp/pyrs/bin/pip install markdown-it-py markdown-it-pyrs
    /tmp/pyrs/bin/python benchmarks/parsers.py ../shared/data/rust-by-example

Rules:

1. Every ``*.md`` file under the folder is read once, then parsed by each parser with
   CommonMark plus GFM tables (as l10n configures markdown-it-py); the best of 5 rounds
   is printed, reading excluded.
2. markdown-it-pyrs is not a dependency of l10n: without it, only markdown-it-py is timed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path


def best(fn: Callable[[], object], rounds: int = 5) -> float:
    """The fastest of *rounds* calls of *fn*, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    texts = [p.read_text("utf-8") for p in sorted(args.folder.rglob("*.md"))]
    print(f"{len(texts)} files, {sum(map(len, texts)):,} characters")

    from markdown_it import MarkdownIt, __version__

    python = MarkdownIt("commonmark").enable("table")
    reference = best(lambda: [python.parse(text) for text in texts])
    print(f"markdown-it-py {__version__}: {reference:.3f} s (tokens with line maps)")
    try:
        from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    except ImportError:
        print("markdown-it-pyrs: not installed")
        return 0
    rust = RustMarkdownIt("commonmark").enable("table")
    seconds = best(lambda: [rust.tree(text) for text in texts])
    print(f"markdown-it-pyrs: {seconds:.3f} s ({reference / seconds:.1f}x; nodes with byte srcmaps)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
