#!/usr/bin/env python3
"""A book of many small files: rust-by-example's chapters cut into sections.

    python benchmarks/split_book.py --out /tmp/rbe-split       # prints the number of files written

Issue 27 measured l10n on a real book of 574 short Markdown files; the shared data holds
rust-by-example (198 longer files), so this makes a book of the same kind from it.

Rules:

1. Each chapter ``src/<path>.md`` becomes ``src/<path>-NN.md`` (``NN`` from 01): a cut is
   made at a blank line outside fenced code, before a heading once the piece holds
   :data:`HEADING_CUT` bytes, or at any block boundary once it holds :data:`BLOCK_CUT`.
2. Reference link definitions (``[label]: target``) are taken out of the chapter, and
   every piece gets the ones whose label it uses, so its links still resolve.
3. ``po/`` (the translators' catalogs) is copied unchanged: the units are the same
   blocks, so the same share of them matches a translator's msgid exactly.
4. The output is deterministic: the same book gives the same bytes.

The result has the shape of ``shared/data/rust-by-example``, so ``real_book.py`` and
``real_book_bench.py`` take it as ``--data``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "rust-by-example"
HEADING_CUT = 100
"""Bytes a piece holds before a heading starts a new one."""
BLOCK_CUT = 500
"""Bytes a piece holds before any block boundary starts a new one."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*\S")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")


def blocks(text: str) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """The chapter's blocks (runs of lines between blank lines outside fences) and its link definitions."""
    found: list[list[str]] = [[]]
    definitions: list[tuple[str, str]] = []
    fence = ""
    for line in text.splitlines():
        opening = _FENCE.match(line)
        if fence:
            found[-1].append(line)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
        elif (definition := _DEFINITION.match(line)) is not None:
            definitions.append((definition.group(1).lower(), line))
            continue
        if not line.strip():
            if found[-1]:
                found.append([])
            continue
        found[-1].append(line)
    return [b for b in found if b], definitions


def pieces(text: str) -> list[str]:
    """*text* cut into sections (rules 1 and 2)."""
    found, definitions = blocks(text)
    cut: list[list[list[str]]] = [[]]
    size = 0
    for block in found:
        starts_heading = bool(_HEADING.match(block[0]))
        if cut[-1] and ((starts_heading and size >= HEADING_CUT) or size >= BLOCK_CUT):
            cut.append([])
            size = 0
        cut[-1].append(block)
        size += sum(len(line) + 1 for line in block)
    out = []
    for piece in cut:
        body = "\n\n".join("\n".join(block) for block in piece)
        lowered = body.lower()
        used = [line for label, line in definitions if f"[{label}]" in lowered]
        out.append(body + "\n" + ("\n" + "\n".join(used) + "\n" if used else ""))
    return out


def split_book(data: Path, out: Path) -> int:
    """Write the split book to *out* (replaced); return the number of Markdown files written."""
    if out.exists():
        shutil.rmtree(out)
    (out / "src").mkdir(parents=True)
    shutil.copytree(data / "po", out / "po")
    written = 0
    for chapter in sorted((data / "src").rglob("*.md")):
        relative = chapter.relative_to(data / "src")
        parts = pieces(chapter.read_text(encoding="utf-8"))
        for number, piece in enumerate(parts, 1):
            target = out / "src" / relative.parent / f"{relative.stem}-{number:02d}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(piece, encoding="utf-8")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the rust-by-example data folder")
    ap.add_argument("--out", type=Path, default=Path("/tmp/rbe-split"), help="the split book (replaced)")
    args = ap.parse_args(argv)
    if not (args.data / "src").is_dir():
        ap.error(f"{args.data}/src not found (--data)")
    count = split_book(args.data, args.out)
    print(f"{count} files in {args.out / 'src'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
