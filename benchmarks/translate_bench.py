#!/usr/bin/env python3
"""l10n translate against a plain loop over deep-translator, on a local LibreTranslate server.

    python benchmarks/translate_bench.py --units 1000 --latency 0.05

One run: the server (tests/libre_server.py, 127.0.0.1 only) adds ``--latency``
seconds to every request. Timed as whole processes: ``l10n translate`` over a
generated project with ``--units`` distinct untranslated units, and the loop a user
would otherwise write: deep-translator's ``LibreTranslator.translate_batch`` over
the same texts. Then ``l10n translate`` again, which must make no request.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from libre_server import start_server  # noqa: E402

WORDS = [
    "ketamine",
    "therapy",
    "patients",
    "relief",
    "depression",
    "clinical",
    "dose",
    "infusion",
    "research",
    "anxiety",
    "treatment",
    "session",
    "provider",
    "outcome",
    "symptom",
    "effect",
    "brain",
    "receptor",
    "study",
    "evidence",
    "care",
]


def make_project(root: Path, units: int, url: str) -> list[str]:
    """A project whose articles hold *units* distinct paragraphs; returns the texts."""
    texts = []
    rng = random.Random(1234)
    seen: set[str] = set()
    while len(texts) < units:  # distinct even after masking (numbers are masked, so none are used)
        text = " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."
        if text not in seen:
            seen.add(text)
            texts.append(text)
    (root / "source").mkdir()
    for article in range(0, units, 50):
        body = "\n\n".join(texts[article : article + 50]) + "\n"
        (root / "source" / f"post-{article // 50:03d}.md").write_text(body, "utf-8")
    (root / "l10n.toml").write_text(
        textwrap.dedent(f"""\
        locales = ["fr"]

        [translate]
        engine = "libre"
        url = "{url}"
        concurrency = 8
        batch_size = 16
        rate_limit = 100.0
        """),
        "utf-8",
    )
    return texts


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


LOOP = """
import json, sys
from deep_translator import LibreTranslator
texts = json.load(open(sys.argv[2]))
translator = LibreTranslator(source="en", target="fr", api_key="none", custom_url=sys.argv[1] + "/")
out = translator.translate_batch(texts)
assert len(out) == len(texts)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with start_server(latency=args.latency) as server, tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = make_project(root, args.units, server.url)
        subprocess.run([sys.executable, "-m", "l10n", "extract"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
        before = len(server.requests)
        l10n = timed([sys.executable, "-m", "l10n", "translate", "--locale", "fr"], root, env)
        l10n_requests = len(server.requests) - before
        before = len(server.requests)
        rerun = timed([sys.executable, "-m", "l10n", "translate", "--locale", "fr"], root, env)
        rerun_requests = len(server.requests) - before
        (root / "texts.json").write_text(__import__("json").dumps(texts), "utf-8")
        before = len(server.requests)
        loop = timed([sys.executable, "-c", LOOP, server.url, str(root / "texts.json")], root, env)
        loop_requests = len(server.requests) - before
    print(f"{args.units} units, {args.latency * 1000:.0f} ms latency per request, nproc {os.cpu_count()}\n")
    print("| run | wall s | requests |\n| --- | ---: | ---: |")
    print(f"| deep-translator `LibreTranslator.translate_batch` loop | {loop:.2f} | {loop_requests} |")
    print(f"| `l10n translate` (batch 16, 8 threads) | {l10n:.2f} | {l10n_requests} |")
    print(f"| `l10n translate` rerun | {rerun:.2f} | {rerun_requests} |")
    print(f"\nratio (loop / l10n): {loop / l10n:.1f}x")


if __name__ == "__main__":
    main()
