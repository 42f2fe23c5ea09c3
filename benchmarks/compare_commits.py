#!/usr/bin/env python3
"""Compare every output byte of two commits of l10n on the shipped content and on the real book.

    python benchmarks/compare_commits.py cdee5cf HEAD
    python benchmarks/compare_commits.py cdee5cf HEAD --data ../shared/data/rust-by-example --keep /tmp/cmp

Rules:

1. Each commit is checked out into a temporary ``git worktree`` (detached, removed at the
   end) and run as ``python -m l10n`` with that worktree first on ``PYTHONPATH``, with
   this interpreter and its installed dependencies: only l10n's own code differs.
2. Both commits get the same inputs: the shipped project (``pyproject.toml``,
   ``source/``, ``locales/``, ``glossary.yaml``) of the *new* commit, and the
   rust-by-example book (``--data``) as ``real_book.py`` prepares it: ``extract``, the
   translators' translations filled in by exact msgid (polib, then ``msgcat``), as a
   fresh clone (no ``.l10n/``).
3. On each project, in order: ``extract``, ``build``, ``check --format json``,
   ``status --format json``, ``review --format json``, then ``extract`` and ``build``
   again (the warm runs must not change anything either). Every command's exit code,
   stdout and stderr are compared, and after the last one every file of the project
   (``.l10n/`` excepted: its caches are private and their layout may change).
4. Normalized before comparing, and said so in the report: the ``POT-Creation-Date``
   and ``PO-Revision-Date`` headers (a catalog made by ``extract`` is dated to the
   minute it was made, and the two commits run minutes apart) and ``age_days``
   values, which move with the clock.

Exit 0 when everything is byte-identical, 1 otherwise (the differences are listed).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

import real_book  # noqa: E402

COMMANDS = [
    ("extract",),
    ("build",),
    ("check", "--format", "json"),
    ("status", "--format", "json"),
    ("review", "--format", "json"),
    ("extract",),
    ("build",),
]
SHIPPED = ("pyproject.toml", "source", "locales", "glossary.yaml")
_VOLATILE = [
    (re.compile(rb'"POT-Creation-Date: [^"\\]*\\n"'), b'"POT-Creation-Date: *\\n"'),
    (re.compile(rb'"age_days": -?\d+'), b'"age_days": *'),
    (re.compile(rb'"PO-Revision-Date: [^"\\]*\\n"'), b'"PO-Revision-Date: *\\n"'),
]


def normalize(data: bytes) -> bytes:
    for pattern, replacement in _VOLATILE:
        data = pattern.sub(replacement, data)
    return data


def checkout(repo: Path, commit: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", "-q", str(where), commit], check=True)
    return where


def run(code: Path, project: Path, args: tuple[str, ...]) -> bytes:
    """One command of the commit whose code is at *code*, in *project*: its exit code, stdout and stderr."""
    env = {**os.environ, "PYTHONPATH": str(code), "L10N_REVIEWER": "Compare <compare@example.org>"}
    proc = subprocess.run([sys.executable, "-m", "l10n", *args], cwd=project, capture_output=True, env=env)
    return b"exit %d\n--- stdout\n%s--- stderr\n%s" % (proc.returncode, proc.stdout, proc.stderr)


def snapshot(project: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if relative == ".l10n" or relative.startswith(".l10n/") or not path.is_file():
            continue
        files[relative] = normalize(path.read_bytes())
    return files


def prepare_shipped(inputs: Path, project: Path) -> None:
    project.mkdir(parents=True)
    for name in SHIPPED:
        source = inputs / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copy2(source, project / name)


def prepare_book(code: Path, data: Path, project: Path) -> None:
    l10n = f"env PYTHONPATH={code} {sys.executable} -m l10n"
    real_book.prepare(project, data, real_book.LOCALES, l10n, "human")
    (project / "fill-stats.json").unlink()


def outputs(code: Path, project: Path) -> dict[str, bytes]:
    """Every command's output (rule 3), then every file of the project."""
    found = {}
    for number, args in enumerate(COMMANDS, 1):
        found[f"command {number}: l10n {' '.join(args)}"] = normalize(run(code, project, args))
    found.update({f"file {name}": data for name, data in snapshot(project).items()})
    return found


def differences(old: dict[str, bytes], new: dict[str, bytes], limit: int = 40) -> list[str]:
    lines = []
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) == new.get(name):
            continue
        if name not in old or name not in new:
            lines.append(f"- {name}: only in {'new' if name not in old else 'old'}")
            continue
        lines.append(f"- {name}: differs")
        diff = difflib.unified_diff(
            old[name].decode(errors="replace").splitlines(), new[name].decode(errors="replace").splitlines(), lineterm=""
        )
        lines += ["    " + line for line in list(diff)[2 : 2 + limit]]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", help="the commit before")
    ap.add_argument("new", help="the commit after")
    ap.add_argument("--repo", type=Path, default=HERE.parent, help="the git repository (default: this one)")
    ap.add_argument("--data", type=Path, default=real_book.DATA, help="the rust-by-example data folder")
    ap.add_argument("--keep", type=Path, default=None, help="keep the scratch projects here (default: removed)")
    args = ap.parse_args(argv)
    if not (args.data / "src").is_dir():
        ap.error(f"{args.data}/src not found (--data)")
    scratch = Path(tempfile.mkdtemp(prefix="l10n-compare-")) if args.keep is None else args.keep
    scratch.mkdir(parents=True, exist_ok=True)
    trees: list[Path] = []
    identical = True
    try:
        codes = {}
        for side, commit in (("old", args.old), ("new", args.new)):
            codes[side] = checkout(args.repo, commit, scratch / f"code-{side}")
            trees.append(codes[side])
        for name in ("shipped", "book"):
            results = {}
            for side in ("old", "new"):
                project = scratch / side / name  # one name: the report carries the project folder's name
                shutil.rmtree(project, ignore_errors=True)
                if name == "shipped":
                    prepare_shipped(codes["new"], project)
                else:
                    prepare_book(codes[side], args.data, project)
                results[side] = outputs(codes[side], project)
            found = differences(results["old"], results["new"])
            count = sum(1 for key in results["new"] if key.startswith("file "))
            total = sum(len(v) for v in results["new"].values())
            verdict = "byte-identical" if not found else f"{sum(1 for f in found if f.startswith('- '))} difference(s)"
            print(f"{name}: {len(COMMANDS)} commands and {count} files ({total:,} bytes): {verdict}")
            for line in found:
                print(line)
            identical = identical and not found
    finally:
        for tree in trees:
            subprocess.run(["git", "-C", str(args.repo), "worktree", "remove", "--force", str(tree)], check=False)
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print("normalized: POT-Creation-Date and PO-Revision-Date headers, age_days values")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
