#!/usr/bin/env python3
"""A scratch l10n project made from a real book, filled with its translators' work.

    python benchmarks/real_book.py --work /tmp/rbe            # prepare and print the match statistics
    python benchmarks/real_book.py --work /tmp/rbe --fill-mode draft

Rules:

1. The book is read from ``../shared/data/rust-by-example/`` (``--data``) and never copied
   into the repository: ``src/`` is copied to ``<work>/source/`` of a scratch project whose
   ``l10n.toml`` names the locales es, ja, ko and zh and no verbatim sections, and
   ``l10n extract`` (run as a command, ``--l10n``) makes its catalogs.
2. A catalog entry is filled when its msgid is exactly, byte for byte, the msgid of a
   translated, non-fuzzy, non-obsolete, singular entry of the translators' catalog
   ``po/<lang>.po`` of the same language. Nothing is normalized: the translators' catalogs
   were made by mdbook-i18n-helpers, whose units differ from l10n's, so only a part
   matches, and that part is exactly what a human wrote for that text.
3. An entry that already has a translation is left alone, and so is a pair that
   ``msgfmt --check`` would refuse (the msgid and msgstr do not both begin, or both end,
   with a newline); such pairs are counted as ``refused``.
4. ``--fill-mode`` says what a filled entry looks like: ``human`` (default) a plain
   non-fuzzy translation, as a translator's editor leaves it; ``approved`` the same with
   an ``l10n-reviewed:`` translator comment (bound to its texts, so it counts as reviewed); ``draft`` a fuzzy entry with an
   ``l10n-draft: reuse`` comment, waiting for review.
5. Edited catalogs are saved with polib and then rewritten by GNU ``msgcat`` into
   gettext's canonical form (the form ``l10n`` itself writes), so they stay
   ``msgfmt``-valid and a later ``l10n extract`` has nothing to rewrite.

``fill_catalogs`` is the one function that fills; other harnesses (Translate Toolkit's
and po4a's catalogs in ``real_book_bench.py``) call it on their own PO files.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "rust-by-example"
LOCALES = ("es", "ja", "ko", "zh")
L10N = f"{shlex.quote(sys.executable)} -m l10n"
FILL_MODES = ("human", "approved", "draft")
STAMP = "2026-01-01T00:00Z"  # fixed, so that two preparations write the same bytes
CONFIG = """\
# A scratch project made by benchmarks/real_book.py from the rust-by-example book.
source_locale = "en"
locales = [{locales}]
verbatim_sections = []

[build]
# Every post with at least one reviewed unit is written, so that build does real work.
min_reviewed = 0
"""


@dataclass
class FillStats:
    """How many entries of one language's catalogs were filled."""

    locale: str
    translations: int = 0
    """Translated, non-fuzzy, singular entries in the translators' catalog."""
    units: int = 0
    """Non-obsolete entries (header excluded) in the project's catalogs of this locale."""
    filled: int = 0
    already: int = 0
    """Entries that had a translation before and were left alone."""
    refused: int = 0
    """Matches not filled because msgfmt would refuse the pair (rule 3)."""
    catalogs: int = 0
    """Catalog files written."""
    used: set[str] = field(default_factory=set, repr=False)

    @property
    def percent(self) -> float:
        return 100.0 * self.filled / self.units if self.units else 0.0

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        del data["used"]
        data["distinct_msgids_used"] = len(self.used)
        data["percent"] = round(self.percent, 1)
        return data


class Identity(dict[str, str]):
    """Every msgid translated as itself: catalogs filled completely (``--fill-source identity``)."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)

    def __getitem__(self, key: str) -> str:
        return key


FILL_SOURCES = ("translators", "identity")


def translators_catalog(data: Path, locale: str, source: str = "translators") -> dict[str, str]:
    """msgid -> msgstr of every translated, non-fuzzy, singular entry of ``po/<locale>.po``;
    with *source* ``identity``, every msgid as itself (every entry filled)."""
    if source == "identity":
        return Identity()
    po = polib.pofile(str(data / "po" / f"{locale}.po"))
    return {e.msgid: e.msgstr for e in po if e.msgstr and e.msgid and not e.fuzzy and not e.obsolete and not e.msgid_plural}


def _acceptable(msgid: str, msgstr: str) -> bool:
    """msgfmt --check refuses a pair whose first or last newline differs."""
    return msgid.startswith("\n") == msgstr.startswith("\n") and msgid.endswith("\n") == msgstr.endswith("\n")


def _mark(entry: polib.POEntry, mode: str) -> None:
    if mode == "human":
        return
    if mode == "approved":
        from l10n.catalog import provenance

        line = provenance.approval_line("rust-by-example translators", STAMP, provenance.digest(entry.msgid, entry.msgstr))
    else:
        line = f"l10n-draft: reuse from=rust-by-example date={STAMP}"
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    entry.tcomment = "\n".join(filter(None, [entry.tcomment, line]))


def canonicalize(paths: Iterable[Path]) -> None:
    """Rewrite PO files in place the way GNU msgcat writes them (rule 5)."""
    for path in paths:
        subprocess.run(["msgcat", "-o", str(path), str(path)], check=True, capture_output=True)


def fill_catalogs(
    catalogs: Iterable[Path], translations: dict[str, str], locale: str, mode: str = "human", canonical: bool = True
) -> FillStats:
    """Fill every empty entry of *catalogs* whose msgid is a key of *translations*.

    *catalogs* are PO files of one locale (l10n's, Translate Toolkit's or po4a's); the
    files that change are saved, and rewritten by msgcat when *canonical*.
    """
    if mode not in FILL_MODES:
        msg = f"unknown fill mode {mode!r} (one of {', '.join(FILL_MODES)})"
        raise ValueError(msg)
    stats = FillStats(locale, translations=len(translations))
    changed: list[Path] = []
    for path in catalogs:
        po = polib.pofile(str(path), wrapwidth=0)
        edits = 0
        for entry in po:
            if entry.obsolete or not entry.msgid:
                continue
            stats.units += 1
            if entry.msgid not in translations:
                continue
            if entry.msgstr or any(entry.msgstr_plural.values()):
                stats.already += 1
                continue
            msgstr = translations[entry.msgid]
            if entry.msgid_plural or not _acceptable(entry.msgid, msgstr):
                stats.refused += 1
                continue
            entry.msgstr = msgstr
            _mark(entry, mode)
            stats.filled += 1
            stats.used.add(entry.msgid)
            edits += 1
        if edits:
            text = str(po)
            if not po.header and text.startswith("#\n"):
                text = text[2:]  # polib writes a bare "#" for an empty header comment; msgcat would keep it
            path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
            changed.append(path)
    if canonical:
        canonicalize(changed)
    stats.catalogs = len(changed)
    return stats


def l10n_catalogs(work: Path, locale: str) -> list[Path]:
    """The project's catalogs of *locale*, in a stable order."""
    return sorted((work / "locales" / locale / "LC_MESSAGES").rglob("*.po"))


def run_l10n(l10n: str, work: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """One ``l10n`` command in the project *work*; its output is captured."""
    proc = subprocess.run([*shlex.split(l10n), *args], cwd=work, capture_output=True, text=True)
    if check and proc.returncode != 0:
        msg = f"`{l10n} {' '.join(args)}` exited {proc.returncode} in {work}:\n{proc.stderr[-2000:]}"
        raise RuntimeError(msg)
    return proc


def write_project(work: Path, data: Path = DATA, locales: Iterable[str] = LOCALES) -> None:
    """A fresh scratch project: the book's ``src/`` as ``source/`` and an ``l10n.toml``."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(data / "src", work / "source")
    names = ", ".join(f'"{code}"' for code in locales)
    (work / "l10n.toml").write_text(CONFIG.format(locales=names), encoding="utf-8")


def prepare(
    work: Path,
    data: Path = DATA,
    locales: Iterable[str] = LOCALES,
    l10n: str = L10N,
    mode: str = "human",
    source: str = "translators",
) -> list[FillStats]:
    """Write the scratch project, extract it, fill its catalogs (rules 1-5)."""
    locales = list(locales)
    write_project(work, data, locales)
    run_l10n(l10n, work, "extract")
    stats = []
    for locale in locales:
        stats.append(fill_catalogs(l10n_catalogs(work, locale), translators_catalog(data, locale, source), locale, mode))
    # The fill rewrote catalogs behind extract's back; forget its fingerprints, as a fresh clone would.
    shutil.rmtree(work / ".l10n", ignore_errors=True)
    (work / "fill-stats.json").write_text(
        json.dumps({"mode": mode, "locales": [s.as_dict() for s in stats]}, indent=2) + "\n", encoding="utf-8"
    )
    return stats


def table(stats: list[FillStats]) -> str:
    """The match statistics as a Markdown table."""
    rows = [
        "| locale | translators' entries | units | filled | % of units | distinct msgids used | refused |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in stats:
        rows.append(f"| {s.locale} | {s.translations} | {s.units} | {s.filled} | {s.percent:.1f} | {len(s.used)} | {s.refused} |")
    units, filled = sum(s.units for s in stats), sum(s.filled for s in stats)
    rows.append(
        f"| all | {sum(s.translations for s in stats)} | {units} | {filled} "
        f"| {100.0 * filled / units if units else 0:.1f} | {sum(len(s.used) for s in stats)} "
        f"| {sum(s.refused for s in stats)} |"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/rbe"), help="scratch project folder (replaced)")
    ap.add_argument("--data", type=Path, default=DATA, help="the rust-by-example data folder")
    ap.add_argument("--locales", default=",".join(LOCALES), help="comma-separated (default es,ja,ko,zh)")
    ap.add_argument("--fill-mode", choices=FILL_MODES, default="human", help="what a filled entry looks like")
    ap.add_argument(
        "--l10n",
        default=os.environ.get("L10N", L10N),
        help="the l10n command (default: `python -m l10n` of this interpreter, $L10N)",
    )
    args = ap.parse_args(argv)
    if not (args.data / "src").is_dir():
        ap.error(f"{args.data}/src not found (--data)")
    locales = [code.strip() for code in args.locales.split(",") if code.strip()]
    try:
        stats = prepare(args.work, args.data, locales, args.l10n, args.fill_mode)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"project: {args.work} (fill mode: {args.fill_mode})\n")
    print(table(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
