#!/usr/bin/env python3
"""Peak memory of every l10n command as the corpus grows (issue 27).

    PYTHONPATH=$PWD python benchmarks/memory_bench.py --sizes 1000,3000,10000 --label after
    python benchmarks/memory_bench.py --table /tmp/l10n-memory/results.jsonl

For every size a corpus is generated once under ``--workdir`` (``generate_corpus``, locales
es, fr, de, it and pt_BR by default), extracted (``extract``, measured: the first extraction),
and its catalogs pseudo-filled (``generate_corpus.fill_catalogs``, not measured); the prepared
project is kept and reused by later runs (another ``--label``, another checkout on
``PYTHONPATH``).  Then each step of ``--steps`` runs under GNU ``/usr/bin/time -v``, which
gives peak RSS (the largest single process of the tree), user and system CPU seconds and
wall time: ``build`` after removing ``build/`` and ``.l10n/``; ``extract-filled`` (every
article merged again), ``check``, ``status`` and ``review`` (``--format json``, stdout to a
file kept under ``<workdir>/out/``) twice each, ``cold`` (no ``.l10n/``) then ``warm``.
One JSON line per run is appended to ``<workdir>/results.jsonl``; ``--table`` prints them
as Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

from generate_corpus import fill_catalogs, generate  # noqa: E402

STEPS = ("build", "extract-filled", "check", "status", "review")
JSON_COMMANDS = {"check", "status", "review"}
_FIELDS = {
    "rss_mb": (r"Maximum resident set size \(kbytes\): (\d+)", lambda v: int(v) / 1024),
    "user_s": (r"User time \(seconds\): ([\d.]+)", float),
    "sys_s": (r"System time \(seconds\): ([\d.]+)", float),
    "wall": (r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", str),
}


def timed(argv: list[str], cwd: Path, stdout: Path) -> dict:
    """Run *argv* in *cwd* under ``/usr/bin/time -v`` with stdout to *stdout*; its figures and exit code."""
    report = stdout.with_suffix(".time")
    with open(stdout, "wb") as out, open(stdout.with_suffix(".err"), "wb") as err:
        rc = subprocess.call(["/usr/bin/time", "-v", "-o", str(report), *argv], cwd=cwd, stdout=out, stderr=err)
    text = report.read_text()
    figures: dict = {"rc": rc}
    for name, (pattern, convert) in _FIELDS.items():
        found = re.search(pattern, text)
        figures[name] = convert(found.group(1)) if found else None
    return figures


def prepare(root: Path, articles: int, locales: list[str], l10n: list[str], record) -> None:
    """Generate, extract (measured) and fill the corpus at *root* unless an earlier run did."""
    done = root / ".prepared"
    if done.exists():
        return
    shutil.rmtree(root, ignore_errors=True)
    generate(root, articles, locales=locales)
    figures = timed([*l10n, "extract"], root, root.parent / f"extract-{articles}.log")
    record("extract", "new", figures)
    if figures["rc"] != 0:
        raise SystemExit(f"extract failed (exit {figures['rc']}): see {root.parent / f'extract-{articles}.err'}")
    filled = fill_catalogs(sorted((root / "locales").rglob("*.po")))
    print(f"  {articles}: filled {filled} entries", file=sys.stderr)
    done.write_text(str(filled))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000", help="article counts (default 1000,3000,10000)")
    ap.add_argument("--locales", default="es,fr,de,it,pt_BR")
    ap.add_argument("--steps", default=",".join(STEPS), help=f"subset of {','.join(STEPS)}")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/l10n-memory"))
    ap.add_argument("--l10n", default=f"{shlex.quote(sys.executable)} -m l10n", help="the command to measure")
    ap.add_argument("--label", default="", help="names this run's rows and output files (e.g. before, after)")
    ap.add_argument("--table", type=Path, help="print the results file as Markdown and exit")
    args = ap.parse_args(argv)
    if args.table:
        print(table(args.table))
        return 0
    l10n = shlex.split(args.l10n)
    locales = [code for code in args.locales.split(",") if code]
    out_dir = args.workdir / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    results = args.workdir / "results.jsonl"
    for size in [int(s) for s in args.sizes.split(",")]:
        root = args.workdir / f"corpus-{size}"

        def record(step: str, state: str, figures: dict, size: int = size) -> None:
            row = {"label": args.label, "articles": size, "step": step, "state": state, **figures}
            print(f"  {json.dumps(row)}", file=sys.stderr)
            with open(results, "a", encoding="utf-8") as lines:
                lines.write(json.dumps(row) + "\n")

        prepare(root, size, locales, l10n, record)
        for step in args.steps.split(","):
            if step == "build":
                shutil.rmtree(root / "build", ignore_errors=True)
                shutil.rmtree(root / ".l10n", ignore_errors=True)
                record(step, "cold", timed([*l10n, "build"], root, out_dir / f"{args.label}-{size}-build.log"))
                continue
            command = [*l10n, "extract"] if step == "extract-filled" else [*l10n, step, "--format", "json"]
            shutil.rmtree(root / ".l10n", ignore_errors=True)
            for state in ("cold", "warm"):
                out = out_dir / f"{args.label}-{size}-{step}-{state}.json"
                record(step, state, timed(command, root, out))
    return 0


def table(path: Path) -> str:
    """The results file as one Markdown table: peak RSS MB, CPU s (user + sys) per run."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [
        "| label | articles | step | state | peak RSS MB | CPU s | wall | exit |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cpu = (row["user_s"] or 0) + (row["sys_s"] or 0)
        lines.append(
            f"| {row['label']} | {row['articles']:,} | {row['step']} | {row['state']} | "
            f"{row['rss_mb']:.0f} | {cpu:.1f} | {row['wall']} | {row['rc']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
