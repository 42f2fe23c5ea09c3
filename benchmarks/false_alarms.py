#!/usr/bin/env python3
"""How often the checks fire on real human translations, and a sample to judge by hand.

    python benchmarks/real_book.py --work /tmp/rbe                      # prepare once
    python benchmarks/false_alarms.py --work /tmp/rbe                   # findings per check and language
    python benchmarks/false_alarms.py --work /tmp/rbe --sample 120 --seed 1 --out /tmp/sample.md
    python benchmarks/false_alarms.py --tally benchmarks/false_alarms_baseline.md

Rules:

1. The checks run through the command line, ``l10n check --format json`` (``--l10n``),
   never through l10n's modules, so this keeps working while the library is refactored.
   Only the documented JSON fields are read (path, line, severity, check, message,
   locale, article, msgid, fuzzy).
2. The translation of a finding is read from its catalog (``path``) by its msgid with
   polib; rates are per translated entry of each locale's catalogs (fuzzy ones apart).
3. ``--sample N --seed S`` draws N error findings uniformly at random (Python's
   ``random.Random(S).sample`` over the findings sorted by locale, path and line), so
   the same project and seed always give the same sample. Each is written with its
   check, message, source text and translation, and empty ``verdict:`` and ``cause:``
   lines for a human to fill.
4. ``--tally FILE`` reads such a file back: a verdict is ``false alarm``, ``real
   mistake`` or ``unclear``; it prints the false-alarm rate per check (unclear ones
   left out of the rate) and the causes of the false alarms, commonest first.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import random
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
L10N = f"{shlex.quote(sys.executable)} -m l10n"
VERDICTS = ("false alarm", "real mistake", "unclear")


@dataclass(frozen=True)
class Finding:
    """One finding of ``l10n check --format json``, with the translation it is about."""

    path: str
    line: int
    severity: str
    check: str
    message: str
    locale: str
    article: str
    msgid: str
    msgstr: str
    fuzzy: bool
    references: str


def run_check(work: Path, l10n: str = L10N) -> list[dict[str, object]]:
    """The findings of ``l10n check --format json`` (exit 1 means findings, not failure)."""
    proc = subprocess.run([*shlex.split(l10n), "check", "--format", "json"], cwd=work, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        msg = f"`{l10n} check --format json` exited {proc.returncode} in {work}:\n{proc.stderr[-2000:]}"
        raise RuntimeError(msg)
    return json.loads(proc.stdout or "[]")


class Catalogs:
    """Catalogs read once each, looked up by msgid."""

    def __init__(self, work: Path):
        self.work = work
        self._cache: dict[str, dict[str, polib.POEntry]] = {}

    def entry(self, path: str, msgid: str) -> polib.POEntry | None:
        if path not in self._cache:
            po = polib.pofile(str(self.work / path))
            self._cache[path] = {e.msgid: e for e in po if not e.obsolete}
        return self._cache[path].get(msgid)


def translated_entries(work: Path) -> dict[str, collections.Counter[str]]:
    """Per locale: translated non-fuzzy entries (``reviewed``) and fuzzy ones (``fuzzy``)."""
    counts: dict[str, collections.Counter[str]] = {}
    for path in sorted((work / "locales").glob("*/LC_MESSAGES")):
        locale = path.parent.name
        tally = counts.setdefault(locale, collections.Counter())
        for po_path in path.rglob("*.po"):
            for e in polib.pofile(str(po_path)):
                if e.obsolete or not e.msgid or not e.msgstr:
                    continue
                tally["fuzzy" if e.fuzzy else "reviewed"] += 1
    return counts


def findings_of(work: Path, raw: list[dict[str, object]]) -> list[Finding]:
    catalogs = Catalogs(work)
    out = []
    for f in raw:
        entry = catalogs.entry(str(f["path"]), str(f["msgid"]))
        out.append(
            Finding(
                str(f["path"]),
                int(f["line"]),
                str(f["severity"]),
                str(f["check"]),
                str(f["message"]),
                str(f["locale"]),
                str(f["article"]),
                str(f["msgid"]),
                entry.msgstr if entry else "",
                bool(f.get("fuzzy")),
                " ".join(f"{p}:{n}" if n else p for p, n in entry.occurrences) if entry else "",
            )
        )
    return sorted(out, key=lambda f: (f.locale, f.path, f.line, f.check, f.message))


def summary(findings: list[Finding], entries: dict[str, collections.Counter[str]]) -> str:
    """Markdown tables: findings per check and locale, by severity, and rates per entry."""
    locales = sorted(entries)
    out = []
    for severity in ("error", "warning"):
        chosen = [f for f in findings if f.severity == severity]
        per = collections.Counter((f.check, f.locale) for f in chosen)
        checks = sorted({c for c, _ in per})
        out += [
            f"### {severity} findings per check and locale",
            "",
            "| check | " + " | ".join(locales) + " | all |",
            "| --- | " + " | ".join("---:" for _ in locales) + " | ---: |",
        ]
        for check in checks:
            row = [per[(check, loc)] for loc in locales]
            out.append(f"| {check} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        totals = [sum(per[(c, loc)] for c in checks) for loc in locales]
        out += ["| all | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |", ""]
    out += [
        "### rates per translated entry",
        "",
        "| locale | reviewed entries | fuzzy entries | error findings | entries with an error | "
        "% entries with an error | warning findings |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for loc in [*locales, None]:
        mine = [f for f in findings if loc is None or f.locale == loc]
        errors = [f for f in mine if f.severity == "error"]
        row = collections.Counter(
            reviewed=sum(e["reviewed"] for k, e in entries.items() if loc in (None, k)),
            fuzzy=sum(e["fuzzy"] for k, e in entries.items() if loc in (None, k)),
            errors=len(errors),
            entries=len({(f.path, f.msgid) for f in errors}),
            warnings=sum(f.severity == "warning" for f in mine),
        )
        total = row["reviewed"] + row["fuzzy"]
        pct = f"{100.0 * row['entries'] / total:.1f}" if total else "-"
        out.append(
            f"| {loc or 'all'} | {row['reviewed']} | {row['fuzzy']} | {row['errors']} | {row['entries']} "
            f"| {pct} | {row['warnings']} |"
        )
    return "\n".join(out) + "\n"


def _fenced(text: str) -> str:
    """*text* in a fence longer than any run of backticks or tildes inside it."""
    longest = max((len(m) for m in re.findall(r"`+|~+", text)), default=0)
    fence = "~" * max(4, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def sample_markdown(findings: list[Finding], n: int, seed: int, work: Path) -> str:
    errors = [f for f in findings if f.severity == "error"]
    picked = random.Random(seed).sample(errors, min(n, len(errors)))
    by_locale = collections.Counter(f.locale for f in picked)
    out = [
        f"# Sample of {len(picked)} error findings (seed {seed})",
        "",
        f"From {len(errors)} error findings of `l10n check` in `{work}`; per locale: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_locale.items()))
        + ".",
        "Write each verdict as `false alarm`, `real mistake` or `unclear`, and a short cause.",
        "",
    ]
    for i, f in enumerate(picked, 1):
        fuzzy = " (fuzzy)" if f.fuzzy else ""
        out += [
            f"## {i}. {f.locale} · {f.check}{fuzzy}",
            "",
            f"`{f.path}:{f.line}` ({f.references})",
            "",
            f"message: {f.message}",
            "",
            "source:",
            "",
            _fenced(f.msgid),
            "",
            "translation:",
            "",
            _fenced(f.msgstr),
            "",
            "verdict: ",
            "",
            "cause: ",
            "",
        ]
    return "\n".join(out)


_HEAD = re.compile(r"^## (\d+)\. (\S+) · (\S+)", re.M)


def tally(text: str) -> str:
    """Per-check false-alarm rates and causes from a judged sample file (rule 4)."""
    items = []
    starts = [m.start() for m in _HEAD.finditer(text)] + [len(text)]
    for start, end in itertools.pairwise(starts):
        block = text[start:end]
        head = _HEAD.match(block)
        verdict = re.search(r"^verdict:[ \t]*(.*)$", block, re.M)
        cause = re.search(r"^cause:[ \t]*(.*)$", block, re.M)
        v = verdict[1].strip().lower() if verdict else ""
        v = next((k for k in VERDICTS if v.startswith(k)), "")
        items.append((head[2], head[3], v, cause[1].strip() if cause else ""))
    per = collections.defaultdict(collections.Counter)
    for _locale, check, v, _ in items:
        per[check][v or "no verdict"] += 1
        per["all"][v or "no verdict"] += 1
    out = [
        "| check | judged | false alarm | real mistake | unclear | false-alarm rate |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for check in [*sorted(c for c in per if c != "all"), "all"]:
        c = per[check]
        decided = c["false alarm"] + c["real mistake"]
        rate = f"{100.0 * c['false alarm'] / decided:.0f}%" if decided else "-"
        out.append(f"| {check} | {sum(c.values())} | {c['false alarm']} | {c['real mistake']} | {c['unclear']} | {rate} |")
    causes = collections.Counter((check, cause.split(":")[0].strip()) for _, check, v, cause in items if v == "false alarm")
    overall = collections.Counter(cause for _, cause in causes.elements())
    out += ["", "| cause of false alarm (before the colon) | findings | checks |", "| --- | ---: | --- |"]
    for cause, n in overall.most_common():
        checks = ", ".join(f"{check} {k}" for (check, c), k in causes.most_common() if c == cause)
        out.append(f"| {cause} | {n} | {checks} |")
    real = collections.Counter((check, cause.split(":")[0].strip()) for _, check, v, cause in items if v == "real mistake")
    out += ["", "| real mistake (before the colon) | findings | checks |", "| --- | ---: | --- |"]
    for cause, n in collections.Counter(cause for _, cause in real.elements()).most_common():
        checks = ", ".join(f"{check} {k}" for (check, c), k in real.most_common() if c == cause)
        out.append(f"| {cause} | {n} | {checks} |")
    per_locale = collections.Counter((loc, v) for loc, _, v, _ in items)
    out += [
        "",
        "verdicts per locale: "
        + ", ".join(
            f"{loc} {per_locale[(loc, 'false alarm')]} false / {per_locale[(loc, 'real mistake')]} real"
            for loc in sorted({i[0] for i in items})
        ),
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/rbe"), help="a project prepared by real_book.py")
    ap.add_argument("--l10n", default=os.environ.get("L10N", L10N), help="the l10n command ($L10N)")
    ap.add_argument("--sample", type=int, default=0, help="write N randomly sampled error findings (--out)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="Markdown file for the sample")
    ap.add_argument("--json", type=Path, help="also save every finding, with its translation, as JSON")
    ap.add_argument("--tally", type=Path, help="read a judged sample file and print the false-alarm rates")
    args = ap.parse_args(argv)
    if args.tally:
        print(tally(args.tally.read_text(encoding="utf-8")), end="")
        return 0
    if args.sample and not args.out:
        ap.error("--sample needs --out")
    if not (args.work / "locales").is_dir():
        ap.error(f"{args.work} has no locales/: prepare it with benchmarks/real_book.py")
    try:
        raw = run_check(args.work, args.l10n)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    findings = findings_of(args.work, raw)
    print(summary(findings, translated_entries(args.work)), end="")
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=1), "utf-8")
    if args.sample:
        args.out.write_text(sample_markdown(findings, args.sample, args.seed, args.work), encoding="utf-8")
        print(f"\nsample written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
