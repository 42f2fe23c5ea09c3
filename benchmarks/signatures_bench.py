#!/usr/bin/env python3
"""Verifying every signed approval of a real book, cold and warm (issue 23).

    PYTHONPATH=. python3 benchmarks/signatures_bench.py --work /tmp/rbe-signed

Rules:

1. The scratch project is ``real_book.py``'s (rust-by-example, es/ja/ko/zh, the translators'
   own translations) filled in ``approved`` mode: one approval per translated entry.
2. A throwaway ed25519 key is made in a temporary folder, enrolled in the project's
   ``reviewers`` file, and signs every approval again (``ssh-keygen -Y sign``, a few at a
   time); the key is deleted afterwards. ``[review] signatures = "required"``.
3. Timed, each the median of ``--runs`` runs, with ``.l10n/signatures.sqlite`` removed
   before each cold run and kept for the warm ones:

   - ``verify``: :meth:`l10n.catalog.signatures.Verifier.prepare_all` over every entry,
     in-process (the catalogs already read): the cost of the seals alone, once with the
     Python check (:mod:`l10n.core.sshsig`) and once with ``ssh-keygen -Y verify`` only;
   - ``review log``: the command, as a process (catalogs read, every record sealed);
   - ``status``: the command, as a process, with the findings of its check cache warm in both
     columns but its remembered coverage forgotten before a cold run; and once more with
     the coverage forgotten but the seals kept, so the difference is the seals.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from real_book import DATA, L10N, LOCALES, canonicalize, l10n_catalogs, prepare  # noqa: E402

from l10n.catalog import provenance, signatures  # noqa: E402
from l10n.catalog.entries import read_translations  # noqa: E402
from l10n.core.signing import Signer  # noqa: E402

PRINCIPAL = "rust-by-example translators"


def sign_all(work: Path, key: Path) -> int:
    """Sign every approval of every catalog with *key* (rule 2); the number signed."""
    signer = Signer(key)
    jobs: list[tuple[Path, polib.POFile, polib.POEntry, str, str]] = []
    files = []
    for locale in LOCALES:
        folder = work / "locales" / locale / "LC_MESSAGES"
        for path in l10n_catalogs(work, locale):
            po = polib.pofile(str(path), wrapwidth=0)
            files.append((path, po))
            article = path.relative_to(folder).with_suffix("").as_posix()
            jobs.extend((path, po, e, locale, article) for e in po if provenance.REVIEWED in (e.tcomment or ""))

    def one(job: tuple[Path, polib.POFile, polib.POEntry, str, str]) -> None:
        _, _, entry, locale, article = job
        current = provenance.digest(entry.msgid, entry.msgstr)
        (old,) = provenance.approvals(entry.tcomment)
        record = provenance.Approval(old.by, old.date, current)
        sig = signatures.sign(signer, locale, article, entry.msgid, entry.msgstr, record)
        kept = [line for line in entry.tcomment.split("\n") if not line.startswith(provenance.REVIEWED)]
        entry.tcomment = "\n".join([*kept, provenance.approval_line(old.by, old.date, current, "", sig)])

    with ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 1)) as pool:
        list(pool.map(one, jobs))
    for path, po in files:
        path.write_text(str(po), encoding="utf-8")
    canonicalize(path for path, _ in files)
    return len(jobs)


def timed(action, runs: int, before=None) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/rbe-signed"))
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reuse", action="store_true", help="keep an already signed scratch project")
    args = ap.parse_args(argv)
    work: Path = args.work
    if not (args.reuse and (work / "reviewers").exists()):
        prepare(work, args.data, LOCALES, L10N, "approved")
        with tempfile.TemporaryDirectory(prefix="l10n-bench-key-") as folder:
            key = Path(folder) / "key"
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
            public = " ".join(Path(f"{key}.pub").read_text("utf-8").split()[:2])
            (work / "reviewers").write_text(f'"{PRINCIPAL}" namespaces="l10n-review" {public}\n', "utf-8")
            start = time.perf_counter()
            count = sign_all(work, key)
            print(f"signed {count} approvals in {time.perf_counter() - start:.1f} s")
        with (work / "l10n.toml").open("a", encoding="utf-8") as handle:
            handle.write('\n[review]\nsignatures = "required"\n')
    cache = work / ".l10n" / "signatures.sqlite"

    def forget_coverage() -> None:
        checks = work / ".l10n" / "checks.sqlite"
        if checks.exists():  # a status remembered as its catalogs were would not seal anything: forget it
            with sqlite3.connect(checks) as db:
                db.execute("DELETE FROM catalogs WHERE kind LIKE 'coverage%'")

    def cold() -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{cache}{suffix}").unlink(missing_ok=True)
        signatures._VERIFIERS.clear()
        forget_coverage()

    entries = []
    for locale in LOCALES:
        folder = work / "locales" / locale / "LC_MESSAGES"
        for path in l10n_catalogs(work, locale):
            article = path.relative_to(folder).with_suffix("").as_posix()
            entries.extend((locale, article, e) for e in read_translations(path, str(path)))
    records = sum(e.comment.count(provenance.REVIEWED) for _, _, e in entries)

    def verifying(native: bool):  # type: ignore[no-untyped-def]
        def verify() -> None:
            verifier = signatures.Verifier(work, work / "reviewers", "reviewers", "required", native)
            verifier.prepare_all(entries)
            seals = {verifier.seal(lo, ar, e, a).status for lo, ar, e in entries for a in provenance.approvals(e.comment)}
            assert seals == {signatures.VERIFIED}, seals

        return verify

    def command(*words: str):  # type: ignore[no-untyped-def]
        def run() -> None:
            subprocess.run(
                [*shlex.split(L10N), *words],
                cwd=work,
                check=True,
                capture_output=True,
                env={**os.environ, "PYTHONPATH": str(HERE.parent)},
            )

        return run

    command("status", "--format", "json")()  # the check cache, warm for both columns
    rows = []
    for name, action in (
        ("verify, Python check (in-process)", verifying(True)),
        ("verify, ssh-keygen only (in-process)", verifying(False)),
        ("review log", command("review", "log", "--format", "json")),
        ("status", command("status", "--format", "json")),
    ):
        cold_s = timed(action, args.runs, cold)
        warm_s = timed(action, args.runs)
        rows.append((name, f"{cold_s:.2f}", f"{warm_s:.2f}"))
    baseline = timed(command("status", "--format", "json"), args.runs, forget_coverage)
    rows.append(("status, coverage forgotten, seals kept", f"{baseline:.2f}", "-"))
    print(f"\n{records:,} signed approvals in {len(entries):,} entries of {len(LOCALES)} locales; {os.cpu_count()} cores\n")
    print("| run | cold (s) | warm (s) |\n| --- | ---: | ---: |")
    for name, cold_s, warm_s in rows:
        print(f"| {name} | {cold_s} | {warm_s} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
