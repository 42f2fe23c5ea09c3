#!/usr/bin/env python3
"""Time l10n, Translate Toolkit and po4a on a real book with real translations in the catalogs.

    PYTHONPATH=$PWD python benchmarks/real_book_bench.py --repeat 3
    PYTHONPATH=$PWD python benchmarks/real_book_bench.py --tools l10n,floor --repeat 5

Rules:

1. The corpus is the rust-by-example book (``real_book.py``): its ``src/`` and the
   locales es, ja, ko, zh. Each tool gets its own template, made once and not timed: its
   catalogs from its own extraction, filled by ``real_book.fill_catalogs`` with every
   translators' msgstr whose msgid matches one of the tool's msgids exactly. So every
   tool works on its own units, with the human translations that fit them.
2. Every step of every repeat starts from a fresh copy of a template: ``extract-new``
   from the sources alone (no catalogs), every other step from the filled catalogs with
   no l10n state (``.l10n/`` is git-ignored, so this is a fresh clone in CI), and its
   sources touched so that po4a's and Translate Toolkit's timestamp checks skip nothing.
   The tools take turns going first in each repeat: the first run after another tool's
   build pays for the writeback of its files, and a fixed order gave one tool that cost
   every time (a third more wall time, the same CPU time). Since 2026-12-06 every run
   also starts after ``sync``: the fresh copy's 2,700 files (and the previous run's) are
   written back before the clock starts, not while the timed tool works.
   The step runs twice on that copy: ``cold`` (first run) and ``warm`` (the same command
   again, nothing changed; Translate Toolkit then gets ``-S``, as in ``run.py``). The file
   system cache is warm for every tool alike.
3. Each run is one command timed as a whole process tree, as ``run.py`` does (wall time
   around the spawn, peak RSS of the largest process by GNU ``time``); the median of the
   repeats is reported. A step a tool does not have is ``-``.
4. An l10n under test has its bytecode compiled before any timing (``compileall`` on its
   package, as ``pip install`` does; this machine sets ``PYTHONDONTWRITEBYTECODE``, under
   which every run compiled l10n's modules from source again, 0.1 s of CPU a process),
   as Translate Toolkit's installed package has.
5. ``floor`` is one Python process that reads every source file and parses it once with
   markdown-it-py (CommonMark plus tables, as l10n configures it): the least any
   Markdown-aware ``extract`` or ``build`` in Python can cost on this book.

The report goes to stdout and to ``--output`` (default ``benchmarks/real_book_results.md``).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

import real_book  # noqa: E402
from bench_tools import Po4a, TranslateToolkit  # noqa: E402
from run import machine_info, measure, pick_method, tail  # noqa: E402

STEPS = ["extract-new", "extract", "build", "check", "status", "review", "parse"]
QUIET = "--progress=none --errorlevel=none"
FLOOR = """\
import sys, time
from pathlib import Path
from markdown_it import MarkdownIt
start = time.perf_counter()
md = MarkdownIt("commonmark").enable("table")
files = sorted(Path("source").rglob("*.md"))
tokens = sum(len(md.parse(f.read_text(encoding="utf-8"))) for f in files)
print(f"{len(files)} files, {tokens} tokens, {time.perf_counter() - start:.3f} s in-process")
"""


class Runner:
    """One tool: how to make its template and which command each step runs."""

    name = "?"
    ok_codes = (0,)

    def setup(self) -> str:
        return ""

    def version(self) -> str:
        return "?"

    def template(self, base: Path, args: argparse.Namespace) -> dict[str, object]:
        """Make ``base/<name>`` (filled catalogs); return fill statistics for the report."""
        return {}

    def command(self, step: str, warm: bool) -> list[str] | None:
        return None

    def fresh(self, step: str, base: Path) -> Path:
        return base / ("source-only" if step == "extract-new" else self.name)


class L10nRunner(Runner):
    ok_codes = (0, 1)  # check exits 1 when it reports errors: that is its output, not a failure

    def __init__(self, command: str, jobs: int | None = None, name: str = ""):
        self.argv = shlex.split(command)
        self.jobs = ["-j", str(jobs)] if jobs else []
        self.name = name or ("l10n" if jobs is None else f"l10n-j{jobs}")

    def setup(self) -> str:
        probe = subprocess.run([*self.argv, "--help"], capture_output=True, text=True)
        if probe.returncode != 0:
            return f"`{shlex.join(self.argv)} --help` failed: {probe.stderr[-300:]}"
        if self.argv[-2:] == ["-m", "l10n"]:  # its interpreter compiles its package (rule 4)
            compile_package = "import compileall, l10n, os; compileall.compile_dir(os.path.dirname(l10n.__file__), quiet=1)"
            # From the root: ``-c`` puts the working folder first on sys.path, where another l10n may be.
            subprocess.run([*self.argv[:-2], "-c", compile_package], capture_output=True, check=False, cwd="/")
        return ""

    def version(self) -> str:
        out = subprocess.run([*self.argv, "--version"], capture_output=True, text=True)
        return (out.stdout or out.stderr).strip() or "?"

    def template(self, base: Path, args: argparse.Namespace) -> dict[str, object]:
        stats = real_book.prepare(
            base / self.name, args.data, real_book.LOCALES, shlex.join(self.argv), args.fill_mode, args.fill_source
        )
        return {s.locale: (s.units, s.filled) for s in stats}

    def command(self, step: str, warm: bool) -> list[str] | None:
        argv = {
            "extract-new": ["extract", *self.jobs],
            "extract": ["extract", *self.jobs],
            "build": ["build", *self.jobs],
            "check": ["check", "--format", "json"],
            "status": ["status", "--format", "json"],
            "review": ["review", "--format", "json"],
        }.get(step)
        return [*self.argv, *argv] if argv else None


class TranslateToolkitRunner(Runner):
    name = "translate-toolkit"

    def setup(self) -> str:
        self.tool = TranslateToolkit()
        why = self.tool.setup()
        self.mod = f"{shlex.quote(str(self.tool.py))} -m translate" if not why else ""
        return why

    def version(self) -> str:
        return self.tool.version()

    def _sh(self, lines: list[str]) -> list[str]:
        return ["sh", "-ec", "\n".join(lines)]

    def _extract(self, merge: bool, warm: bool) -> list[str]:
        skip = " -S" if warm else ""
        lines = ["mkdir -p locales", f"{self.mod}.convert.md2po {QUIET}{skip} -P -i source -o locales/pot"]
        for lang in real_book.LOCALES:
            template = f" -t locales/{lang}" if merge else ""
            lines.append(f"{self.mod}.convert.pot2po {QUIET}{skip}{template} -i locales/pot -o locales/{lang}")
        return self._sh(lines)

    def template(self, base: Path, args: argparse.Namespace) -> dict[str, object]:
        work = base / self.name
        shutil.copytree(base / "source-only", work)
        subprocess.run(self._extract(merge=False, warm=False), cwd=work, check=True, capture_output=True)
        out = {}
        for lang in real_book.LOCALES:
            pos = sorted((work / "locales" / lang).rglob("*.po"))
            found = real_book.translators_catalog(args.data, lang, args.fill_source)
            s = real_book.fill_catalogs(pos, found, lang, canonical=False)
            out[lang] = (s.units, s.filled)
        return out

    def command(self, step: str, warm: bool) -> list[str] | None:
        if step in ("extract-new", "extract"):
            return self._extract(merge=step == "extract", warm=warm)
        if step == "build":
            skip = " -S" if warm else ""
            return self._sh(
                ["mkdir -p build"]
                + [
                    f"{self.mod}.convert.po2md {QUIET}{skip} -m 0 -t source -i locales/{lang} -o build/{lang}"
                    for lang in real_book.LOCALES
                ]
            )
        if step == "check":
            return self._sh(
                ["rm -rf pofilter", "mkdir -p pofilter"]
                + [f"{self.mod}.filters.pofilter {QUIET} -i locales/{lang} -o pofilter/{lang}" for lang in real_book.LOCALES]
            )
        if step == "status":
            return self._sh([f"{self.mod}.tools.pocount " + " ".join(f"locales/{lang}" for lang in real_book.LOCALES)])
        return None


class Po4aRunner(Runner):
    name = "po4a"

    def setup(self) -> str:
        self.tool = Po4a()
        return self.tool.setup()

    def version(self) -> str:
        return self.tool.version()

    def template(self, base: Path, args: argparse.Namespace) -> dict[str, object]:
        work = base / self.name
        shutil.copytree(base / "source-only", work)
        subprocess.run(self.command("extract", False), cwd=work, check=True, capture_output=True)
        out = {}
        for lang in real_book.LOCALES:
            po = work / "locales" / f"{lang}.po"
            found = real_book.translators_catalog(args.data, lang, args.fill_source)
            s = real_book.fill_catalogs([po], found, lang, canonical=False)
            out[lang] = (s.units, s.filled)
        return out

    def command(self, step: str, warm: bool) -> list[str] | None:
        if step in ("extract-new", "extract"):
            return ["po4a", "-q", "--no-translations", "po4a.cfg"]
        if step == "build":
            return ["po4a", "-q", "--no-update", "po4a.cfg"]
        return None


class FloorRunner(Runner):
    name = "floor"

    def version(self) -> str:
        import markdown_it

        return f"markdown-it-py {markdown_it.__version__} (Python {sys.version.split()[0]})"

    def command(self, step: str, warm: bool) -> list[str] | None:
        return [sys.executable, "-c", FLOOR] if step == "parse" else None

    def fresh(self, step: str, base: Path) -> Path:
        return base / "source-only"


def write_source_only(base: Path, data: Path) -> None:
    """The shared starting point: sources, l10n.toml and a po4a.cfg (one text document per file)."""
    work = base / "source-only"
    real_book.write_project(work, data, real_book.LOCALES)
    files = sorted(p.relative_to(work / "source").as_posix() for p in (work / "source").rglob("*.md"))
    lines = [
        f"[po4a_langs] {' '.join(real_book.LOCALES)}",
        "[po4a_paths] locales/book.pot $lang:locales/$lang.po",
        "[options] --keep 0 --option markdown --option neverwrap",
    ]
    lines += [f"[type: text] source/{rel} $lang:build/$lang/{rel}" for rel in files]
    (work / "locales").mkdir()
    (work / "po4a.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")


def touch_sources(work: Path) -> None:
    """Make the sources newer than every catalog and output, so that no tool's timestamp check skips the cold run.

    Their time is set a few seconds back, as a checkout just before the run leaves them: a file
    changed within the last two seconds is one l10n's check cache will not vouch for by its time
    (``RACY`` in ``l10n/checks/cache.py``), which no real edit-then-run hits.
    """
    now = time.time() - 3
    for path in (work / "source").rglob("*"):
        os.utime(path, (now, now))


def built_docs(work: Path) -> int:
    build = work / "build"
    return sum(1 for f in build.rglob("*.md") if f.stat().st_size) if build.is_dir() else 0


def bench(runners: list[Runner], args: argparse.Namespace, method: str) -> dict:
    """samples[(tool, step, phase)] = [(wall, rss_kb)], plus status notes and built-doc counts."""
    samples: dict[tuple[str, str, str], list[tuple[float, int]]] = {}
    notes: dict[tuple[str, str], str] = {}
    docs: dict[tuple[str, str], int] = {}
    logs = args.workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for rep in range(args.repeat):
        for step in args.steps:
            turn = rep % len(runners) if runners else 0  # each tool goes first in turn: the one after a big
            for runner in runners[turn:] + runners[:turn]:  # write pays for its writeback (rule 2)
                if runner.command(step, False) is None or (runner.name, step) in notes:
                    continue
                work = args.workdir / "runs" / runner.name
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(runner.fresh(step, args.workdir / "templates"), work, symlinks=True)
                touch_sources(work)
                os.sync()  # rule 2: the copy's writeback (and the last run's) is done before the timing starts
                for phase in ("cold", "warm"):
                    argv = runner.command(step, phase == "warm")
                    log = logs / f"{runner.name}-{step}-{phase}-{rep + 1}.log"
                    wall, rss, cpu, rc = measure_cpu(method, argv, work, log, args.timeout)
                    if rc not in runner.ok_codes:
                        notes[(runner.name, step)] = f"FAILED (exit {rc}), log: {log}"
                        print(f"  {runner.name} {step} {phase}: exit {rc}\n{tail(log)}", file=sys.stderr)
                        break
                    samples.setdefault((runner.name, step, phase), []).append((wall, rss, cpu))
                    if step == "build":
                        docs[(runner.name, phase)] = built_docs(work)
                    print(f"  run {rep + 1}/{args.repeat} {runner.name} {step} {phase}: {wall:.2f} s", file=sys.stderr)
    shutil.rmtree(args.workdir / "runs", ignore_errors=True)
    return {"samples": samples, "notes": notes, "docs": docs}


def measure_cpu(method: str, argv: list[str], cwd: Path, log: Path, timeout: float) -> tuple[float, int, float, object]:
    """:func:`run.measure`, plus the CPU seconds (user + system) of the process tree from GNU time.

    On a machine shared with other work, wall time measures the load as much as the tool;
    CPU time much less so. Without GNU time the CPU time is NaN.
    """
    if method != "time":
        wall, rss, rc = measure(method, argv, cwd, log, timeout)
        return wall, rss, float("nan"), rc
    stats = log.with_suffix(".cpu")
    wall, _, rc = measure(method, ["/usr/bin/time", "-f", "%M %U %S", "-o", str(stats), *argv], cwd, log, timeout)
    try:
        rss, user, system = stats.read_text().split()[-3:]
        return wall, int(rss), float(user) + float(system), rc
    except (OSError, ValueError):
        return wall, 0, float("nan"), rc


def median(samples: list[tuple[float, int, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples) / 1024


def median_cpu(samples: list[tuple[float, int, float]]) -> float:
    return statistics.median(s[2] for s in samples)


def report(runners: list[Runner], result: dict, fills: dict, versions: dict, skipped: list, method: str, args) -> str:
    samples, notes = result["samples"], result["notes"]
    names = [r.name for r in runners]
    out = [
        "# Real-book benchmark: rust-by-example, l10n vs Translate Toolkit vs po4a",
        "",
        f"Command: `{shlex.join(['python', 'benchmarks/real_book_bench.py', *args.argv])}`",
        "",
        f"Median of {args.repeat} runs; each step starts from a fresh copy (cold: first run, no l10n state; "
        "warm: the same command again). Seconds, and peak RSS in MB in parentheses.",
        "",
        "## Machine and versions",
        "",
        *machine_info(method, versions),
        "",
        "## Filled catalog entries per tool (its own units, filled by exact msgid)",
        "",
        "| tool | " + " | ".join(f"{lang} filled / units" for lang in real_book.LOCALES) + " |",
        "| --- | " + " | ".join("---:" for _ in real_book.LOCALES) + " |",
    ]
    for name, per in fills.items():
        if per:
            out.append(f"| {name} | " + " | ".join(f"{per[lang][1]} / {per[lang][0]}" for lang in real_book.LOCALES) + " |")
    header = [f"{name} {phase}" for name in names for phase in ("cold", "warm")]
    out += ["", "## Timings", "", "| step | " + " | ".join(header) + " |", "| --- | " + " | ".join("---:" for _ in header) + " |"]
    for step in args.steps:
        cells = []
        for name in names:
            for phase in ("cold", "warm"):
                got = samples.get((name, step, phase))
                if got:
                    wall, rss = median(got)
                    cells.append(f"{wall:.2f} ({rss:.0f})")
                else:
                    cells.append("FAILED" if (name, step) in notes and phase == "cold" else "-")
        if any(c != "-" for c in cells):
            out.append(f"| {step} | " + " | ".join(cells) + " |")

    def wall(name: str, step: str, phase: str = "cold") -> float | None:
        got = samples.get((name, step, phase))
        return median(got)[0] if got else None

    out += ["", "## Against l10n (cold)", "", "| step | tool | seconds | vs l10n |", "| --- | --- | ---: | ---: |"]
    base_name = names[0] if names else "l10n"
    for step in args.steps:
        base = wall(base_name, step)
        if base is None:
            continue
        for name in names[1:]:
            value = wall(name, step)
            if value is not None:
                out.append(f"| {step} | {name} | {value:.2f} | {value / base:.2f}x |")
    totals = []
    for name in names:
        for first in ("extract-new", "extract"):
            e, b = wall(name, first), wall(name, "build")
            if e is not None and b is not None:
                totals.append((name, first, e + b))
    if totals:
        out += [
            "",
            "## extract + build (cold)",
            "",
            "| tool | extract step | extract + build s | CPU s (user + system) | wall vs l10n | CPU vs l10n |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]

        def cpu(name: str, first: str) -> float:
            return median_cpu(samples[(name, first, "cold")]) + median_cpu(samples[(name, "build", "cold")])

        base = {first: (total, cpu(name, first)) for name, first, total in totals if name == base_name}
        for name, first, total in totals:
            ours = base.get(first)
            ratio = f"{total / ours[0]:.2f}x | {cpu(name, first) / ours[1]:.2f}x" if ours else "- | -"
            out.append(f"| {name} | {first} | {total:.2f} | {cpu(name, first):.2f} | {ratio} |")
    floor = wall("floor", "parse")
    if floor is not None:
        line = f"Floor (read and parse every file once with markdown-it-py, one process): {floor:.2f} s"
        for step in ("extract-new", "extract", "build"):
            value = wall(base_name, step)
            if value is not None and base_name != "floor":
                line += f"; {base_name} {step} cold is {value / floor:.1f}x the floor"
        out += ["", line + "."]
    files = sum(1 for _ in (args.data / "src").rglob("*.md"))
    out += ["", f"## Built documents (expected {files} x {len(real_book.LOCALES)} = {files * len(real_book.LOCALES)})", ""]
    out += [f"- {name} build {phase}: {n}" for (name, phase), n in sorted(result["docs"].items())]
    if notes or skipped:
        out += ["", "## Failures and skipped tools", ""]
        out += [f"- {name} {step}: {why}" for (name, step), why in notes.items()]
        out += [f"- {name}: skipped: {why}" for name, why in skipped]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per step, median kept (default 3)")
    ap.add_argument(
        "--tools",
        default="l10n,translate-toolkit,po4a,floor",
        help="subset of l10n, l10n-j1, l10n-before, translate-toolkit, po4a, floor (default: all but l10n-j1 and l10n-before)",
    )
    ap.add_argument("--l10n", default=real_book.L10N, help="the l10n command (default: `python -m l10n`)")
    ap.add_argument(
        "--before",
        default="",
        help="the l10n command of an earlier commit, for the l10n-before tool "
        "(e.g. `env PYTHONPATH=/tmp/old python -m l10n`, a worktree of that commit)",
    )
    ap.add_argument("--fill-mode", choices=real_book.FILL_MODES, default="human", help="see real_book.py")
    ap.add_argument(
        "--fill-source",
        choices=real_book.FILL_SOURCES,
        default="translators",
        help="translators: the book's own translations (exact msgid); identity: every entry as its msgid",
    )
    ap.add_argument("--data", type=Path, default=real_book.DATA, help="the rust-by-example data folder")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/l10n-real-book-bench"), help="scratch folder")
    ap.add_argument("--output", type=Path, default=HERE / "real_book_results.md", help="Markdown report")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed per run")
    ap.add_argument("--steps", default=",".join(STEPS), help=f"subset of {', '.join(STEPS)} (default: all)")
    args = ap.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else list(argv)
    args.steps = [step for step in STEPS if step in args.steps.split(",")]
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    known = {
        "l10n": lambda: L10nRunner(args.l10n),
        "l10n-j1": lambda: L10nRunner(args.l10n, jobs=1),
        "l10n-before": lambda: L10nRunner(args.before, name="l10n-before"),
        "translate-toolkit": TranslateToolkitRunner,
        "po4a": Po4aRunner,
        "floor": FloorRunner,
    }
    unknown = [t for t in wanted if t not in known]
    if unknown:
        ap.error(f"unknown tools: {', '.join(unknown)}")
    method = pick_method()
    shutil.rmtree(args.workdir / "templates", ignore_errors=True)
    write_source_only(args.workdir / "templates", args.data)
    runners, skipped, versions, fills = [], [], {}, {}
    for name in wanted:
        runner = known[name]()
        why = runner.setup()
        if why:
            print(f"{name}: skipped: {why}", file=sys.stderr)
            skipped.append((name, why))
            continue
        versions[name] = runner.version()
        print(f"[template] {name}", file=sys.stderr)
        fills[name] = runner.template(args.workdir / "templates", args)
        runners.append(runner)
    load = os.getloadavg()[0]
    result = bench(runners, args, method)
    versions["load average (1 min) at start / end"] = f"{load:.2f} / {os.getloadavg()[0]:.2f}"
    text = report(runners, result, fills, versions, skipped, method, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.output}; logs in {args.workdir / 'logs'})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
