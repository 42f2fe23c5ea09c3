#!/usr/bin/env python3
"""Benchmark l10n against po4a, Translate Toolkit and mdpo on one generated corpus.

    python benchmarks/run.py --sizes 100,1000,10000 --repeat 3,3,1

For every size the corpus is generated once (deterministic), then copied to a
fresh directory for every tool and every repeat.  Each step is one command,
timed as a whole process tree: wall seconds (perf_counter around the spawn)
and peak RSS (GNU ``/usr/bin/time -f %M``: the largest resident set of any
process of the step).  The median of the repeats is reported, with a scaling
table (seconds per 1,000 articles at each size).  Results go to stdout and to
``benchmarks/results.md``; tool logs stay under ``--workdir``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

from bench_tools import ALL_STEPS, FILL_BEFORE, LOCALES, STEPS, L10n, Mdpo, Po4a, TranslateToolkit, count_outputs  # noqa: E402
from generate_corpus import fill_catalogs, generate  # noqa: E402

RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)


# --------------------------------------------------------------------------- measuring
def pick_method() -> str:
    """'time' (GNU /usr/bin/time) if usable, after trying to install it; else 'rusage'."""

    def usable() -> bool:
        return (
            os.access("/usr/bin/time", os.X_OK)
            and subprocess.run(["/usr/bin/time", "-f", "%M", "true"], capture_output=True).returncode == 0
        )

    if not usable() and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], capture_output=True)
    return "time" if usable() else "rusage"


def measure(method: str, argv: list[str], cwd: Path, log: Path, timeout: float):
    """Run argv in cwd; return (wall_seconds, peak_rss_kb, returncode)."""
    rss_file = log.with_suffix(".rss")
    if method == "time":
        full = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *argv]
    else:
        full = [sys.executable, "-c", RUSAGE_WRAPPER, str(rss_file), *argv]
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            full, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            rc = "timeout"
        wall = time.perf_counter() - start
    rss = 0
    with contextlib.suppress(OSError, ValueError, IndexError):  # GNU time may put "Command exited with ..." first
        rss = int(rss_file.read_text().split()[-1])
    return wall, rss, rc


def tail(path: Path, n: int = 6) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("      " + line[:200] for line in lines[-n:])


# --------------------------------------------------------------------------- running
def check(step: str, counts: dict, size: int) -> str:
    """'ok' or why this step's timing must not be trusted."""
    if step.startswith("extract"):
        if counts["catalogs"] == 0 or counts["entries"] == 0:
            return "NO OUTPUT: no catalog entries written"
        return "ok"
    if not step.startswith("build"):
        return "ok"
    expected = size * len(LOCALES)
    if counts["docs"] == 0:
        return "NO OUTPUT: no translated documents"
    if counts["docs"] < expected:
        return f"INCOMPLETE: {counts['docs']}/{expected} documents"
    if counts["front_matter"] < counts["docs"]:
        return f"ok (but YAML front matter lost in {counts['docs'] - counts['front_matter']} documents)"
    return "ok"


def bench_tool(tool, size, corpus, files, args, method):
    """All repeats of one tool at one size -> result dict."""
    res = {"tool": tool.name, "size": size, "steps": {}, "counts": {}, "status": {}, "error": "", "filled": None}
    samples = {s: [] for s in tool.steps}
    logs = args.workdir / "logs"
    repeat = args.repeats[size]
    for rep in range(repeat):
        work = args.workdir / "runs" / f"{tool.name}-{size}"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(corpus, work)
        tool.prepare(work, files)
        done = []
        for step in tool.steps:
            if step == FILL_BEFORE and args.fill == "pseudo":
                start = time.perf_counter()
                filled = fill_catalogs(sorted(p for d in tool.catalog_dirs(work) for p in d.rglob("*.po")))
                res["filled"] = filled
                done.append(f"(fill {filled} entries {time.perf_counter() - start:.0f}s)")
            log = logs / f"{size}-{tool.name}-{step}-{rep + 1}.log"
            wall, rss, rc = measure(method, tool.command(step, work), work, log, args.timeout)
            if rc not in tool.ok_codes:
                res["error"] = f"{step} failed (exit {rc}) on repeat {rep + 1}; log: {log}"
                print(f"    {tool.name}: {res['error']}\n{tail(log)}", file=sys.stderr)
                break
            samples[step].append((wall, rss))
            done.append(f"{step} {wall:.2f}s")
            if rep == 0 and step in STEPS:  # the other steps write no catalog or post
                res["counts"][step] = count_outputs(tool, work)
                res["status"][step] = check(step, res["counts"][step], size)
            elif rep == 0:
                res["status"][step] = "ok"
        print(f"    {tool.name} run {rep + 1}/{repeat}: " + ", ".join(done), file=sys.stderr)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if res["error"]:
            break
    for step in tool.steps:
        if not samples[step]:
            continue
        walls = [w for w, _ in samples[step]]
        rsss = [r for _, r in samples[step]]
        res["steps"][step] = (statistics.median(walls), statistics.median(rsss) / 1024)
    return res


# --------------------------------------------------------------------------- reporting
def machine_info(method: str, versions: dict) -> list[str]:
    cpu = "?"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as lines:
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), cpu)
    mem = "?"
    with contextlib.suppress(OSError, StopIteration, ValueError), open("/proc/meminfo") as lines:
        kb = int(next(line for line in lines if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    how = "GNU `/usr/bin/time -f %M`" if method == "time" else "`getrusage(RUSAGE_CHILDREN)` in a fresh wrapper process"
    lines = [
        f"- nproc: {os.cpu_count()} ({cpu}), memory {mem}",
        f"- OS: {platform.platform()}",
        f"- Python (harness): {platform.python_version()}",
        f"- peak RSS measured with {how}; wall time with `time.perf_counter()` around the spawn",
    ]
    lines += [f"- {name}: {ver}" for name, ver in versions.items()]
    return lines


def ratio(value, base) -> str:
    return f"{value / base:.2f}x" if value is not None and base else "n/a"


def report(results, tools, skipped, versions, method, args) -> str:
    by = {(r["tool"], r["size"]): r for r in results}

    def wall(tool, size, step):
        r = by.get((tool, size))
        if not r or step not in r["steps"] or not r["status"].get(step, "").startswith("ok"):
            return None
        return r["steps"][step][0]

    repeats = ", ".join(f"{args.repeats[size]} at {size} articles" for size in args.sizes)
    out = [
        "# l10n benchmark results",
        "",
        f"Command: `{shlex.join(['python', 'benchmarks/run.py', *args.argv])}`",
        "",
        f"Median of the runs at each size ({repeats}), each on a fresh copy of the corpus; locales: {', '.join(LOCALES)}.",
        "",
        "Catalogs: "
        + (
            "every empty entry of every tool's catalogs filled with a pseudo-translation before `build` "
            "(`generate_corpus.fill_catalogs`, not timed), so builds splice a translation into every unit."
            if args.fill == "pseudo"
            else "left empty (`--fill none`): builds copy the sources."
        ),
        f"Load average (1, 5, 15 min) at the start: {args.load_start}; at the end: {args.load_end}.",
        "",
        "## Machine",
        "",
        *machine_info(method, versions),
    ]

    out += [
        "",
        "## Output sanity check (first run)",
        "",
        "| tool | articles | step | catalog files | catalog entries | built docs | docs with front matter | status |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        for step, c in r["counts"].items():
            docs = f"{c['docs']}/{r['size'] * len(LOCALES)}" if step.startswith("build") else "-"
            front = str(c["front_matter"]) if step.startswith("build") else "-"
            out.append(
                f"| {r['tool']} | {r['size']} | {step} | {c['catalogs']} | {c['entries']} "
                f"| {docs} | {front} | {r['status'][step]} |"
            )
        if r["error"]:
            out.append(f"| {r['tool']} | {r['size']} | - | - | - | - | - | FAILED: {r['error']} |")

    out += [
        "",
        "## Timings",
        "",
        "| tool | step | articles | wall s | peak RSS MB | vs l10n |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for step in ALL_STEPS:
            if step not in r["steps"]:
                continue
            w, rss = r["steps"][step]
            ok = r["status"].get(step, "").startswith("ok")
            shown = f"{w:.2f}" if ok else f"({w:.2f}) {r['status'][step].split(':')[0]}"
            base = wall("l10n", r["size"], step)
            out.append(f"| {r['tool']} | {step} | {r['size']} | {shown} | {rss:.0f} | {ratio(w if ok else None, base)} |")

    out += [
        "",
        "## extract + build totals",
        "",
        "| articles | tool | extract+build s | vs l10n |",
        "| ---: | --- | ---: | ---: |",
    ]
    summary = []
    for size in args.sizes:
        base = None
        if wall("l10n", size, "extract") is not None and wall("l10n", size, "build") is not None:
            base = wall("l10n", size, "extract") + wall("l10n", size, "build")
        best, best_clean = None, None
        for t in tools:
            e, b = wall(t.name, size, "extract"), wall(t.name, size, "build")
            if e is None or b is None:
                continue
            total = e + b
            out.append(f"| {size} | {t.name} | {total:.2f} | {ratio(total, base)} |")
            if t.name == "l10n":
                continue
            if best is None or total < best[1]:
                best = (t.name, total)
            if by[(t.name, size)]["status"]["build"] == "ok" and (best_clean is None or total < best_clean[1]):
                best_clean = (t.name, total)
        for label, pick in (("fastest competitor", best), ("fastest competitor whose output keeps front matter", best_clean)):
            if pick and (label == "fastest competitor" or pick != best):
                summary.append(
                    f"- {size} articles: {label} is {pick[0]} ({pick[1]:.2f} s); "
                    + (f"it takes {pick[1] / base:.2f}x l10n's {base:.2f} s" if base else "l10n not measured, no ratio")
                )
    out += ["", *summary]

    out += scaling(results, tools, args.sizes)

    out += ["", "## What each step runs", ""]
    for t in tools:
        out.append(f"- **{t.name}**: " + "; ".join(f"{s}: {t.how[s]}" for s in t.steps))
    if skipped:
        out += ["", "## Skipped", ""] + [f"- {name}: {why}" for name, why in skipped]
    return "\n".join(out) + "\n"


def scaling(results, tools, sizes) -> list[str]:
    """Seconds per 1,000 articles at each size, and how time grew against the article count."""
    if len(sizes) < 2:
        return []
    by = {(r["tool"], r["size"]): r for r in results}
    first, last = sizes[0], sizes[-1]
    out = [
        "",
        "## Scaling",
        "",
        f"Seconds per 1,000 articles (wall time / articles x 1,000) at each size; `time x{last // first} "
        f"articles` is the time at {last} articles over the time at {first} (less than {last // first}x: "
        "start-up amortized; more: worse than linear). Peak RSS in MB at each size shows whether memory "
        "stays flat.",
        "",
        "| tool | step | "
        + " | ".join(f"s/1k at {s}" for s in sizes)
        + f" | time x{last // first} articles | "
        + " | ".join(f"RSS MB at {s}" for s in sizes)
        + " |",
        "| --- | --- | " + " | ".join("---:" for _ in sizes * 2) + " | ---: |",
    ]
    for tool in tools:
        for step in tool.steps:
            got = {}
            for size in sizes:
                r = by.get((tool.name, size))
                if r and step in r["steps"] and r["status"].get(step, "").startswith("ok"):
                    got[size] = r["steps"][step]
            if not got:
                continue
            per_k = [f"{got[s][0] / s * 1000:.2f}" if s in got else "-" for s in sizes]
            growth = f"{got[last][0] / got[first][0]:.1f}x" if first in got and last in got else "-"
            rss = [f"{got[s][1]:.0f}" if s in got else "-" for s in sizes]
            out.append(f"| {tool.name} | {step} | " + " | ".join(per_k) + f" | {growth} | " + " | ".join(rss) + " |")
    return out


# --------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated article counts (default 100,1000,10000)")
    ap.add_argument(
        "--repeat",
        default="3",
        help="runs per measurement, median kept: one number, or one per size (3,3,1: a single run at the last size) (default 3)",
    )
    ap.add_argument("--locales", default=",".join(LOCALES), help="target locales (default es,fr,de)")
    ap.add_argument(
        "--tools",
        default="l10n,l10n-j1,po4a,translate-toolkit,mdpo",
        help="subset to run; l10n runs with its default -j (one worker per CPU), l10n-j1 with -j 1 (default: all)",
    )
    ap.add_argument("--l10n", default="l10n", help="command for l10n (default: `l10n` on PATH)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/l10n-bench"), help="scratch directory")
    ap.add_argument("--output", type=Path, default=HERE / "results.md", help="Markdown report path")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per step")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--keep", action="store_true", help="keep the last run directory of each tool")
    ap.add_argument(
        "--fill",
        choices=("pseudo", "none"),
        default="pseudo",
        help="fill every tool's catalogs with a pseudo-translation before build (default), or leave them empty",
    )
    args = ap.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else list(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    repeats = [int(n) for n in args.repeat.split(",") if n.strip()]
    if len(repeats) == 1:
        repeats *= len(args.sizes)
    if len(repeats) != len(args.sizes) or min(repeats) < 1:
        ap.error("--repeat takes one positive number or one per size")
    args.repeats = dict(zip(args.sizes, repeats, strict=True))
    LOCALES[:] = [code.strip() for code in args.locales.split(",") if code.strip()]
    wanted = {t.strip() for t in args.tools.split(",")}

    (args.workdir / "logs").mkdir(parents=True, exist_ok=True)
    method = pick_method()
    all_tools = [L10n(args.l10n), L10n(args.l10n, jobs=1), Po4a(), TranslateToolkit(), Mdpo()]
    tools, skipped, versions = [], [], {}
    for tool in all_tools:
        if tool.name not in wanted:
            continue
        why = tool.setup()
        if why:
            print(f"{tool.name}: skipped: {why}", file=sys.stderr)
            skipped.append((tool.name, why))
            continue
        tools.append(tool)
        versions[tool.name] = tool.version()

    args.load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    results = []
    for size in args.sizes:
        corpus = args.workdir / f"corpus-{size}"
        stats = generate(corpus, size, args.seed, LOCALES)
        files = sorted(p.relative_to(corpus / "source").as_posix() for p in (corpus / "source").rglob("*.md"))
        print(f"[{size} articles, ~{stats['avg_words']} words each] corpus at {corpus}", file=sys.stderr)
        for tool in tools:
            results.append(bench_tool(tool, size, corpus, files, args, method))

    args.load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(results, tools, skipped, versions, method, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.output}; logs in {args.workdir / 'logs'})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
