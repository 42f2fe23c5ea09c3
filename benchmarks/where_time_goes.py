#!/usr/bin/env python3
"""Where the time of one l10n command goes: parse, checks, PO read, PO write, file system.

    cd /tmp/rbe && PYTHONPATH=~/l10n python ~/l10n/benchmarks/where_time_goes.py extract -j 1
    cd /tmp/rbe && PYTHONPATH=~/l10n python ~/l10n/benchmarks/where_time_goes.py build -j 1

Rules:

1. The command runs in this process (``-j 1`` keeps every article here), through the CLI's
   entry point, with a wall-clock timer around a few functions of ``l10n``, one per kind
   of work. A function called inside another timed one of another kind is subtracted
   from it, so the kinds add up to the command's time.
2. ``start-up`` is the interpreter and the imports before the command starts; ``other``
   is what no timer covers (the CLI, configuration, walking the sources, the report).
3. Run it on a copy: the command writes as it always does. Run it twice to see a warm run.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

START = time.perf_counter()

KINDS: dict[str, list[str]] = {
    "parse (Markdown)": ["l10n.document.walker:parse", "l10n.document.walker:structure"],
    "checks": ["l10n.checks.registry:run"],
    "check cache": [
        "l10n.checks.cache:CheckCache.get",
        "l10n.checks.cache:CheckCache.prefetch",
        "l10n.checks.cache:CheckCache.record",
        "l10n.checks.cache:CheckCache.flush",
    ],
    "PO read": ["l10n.catalog.entries:translations", "l10n.catalog.po.reader:parse_po"],
    "PO write": ["l10n.catalog.po.writer:dumps"],
    "merge and hints": ["l10n.catalog.merge:update", "l10n.catalog.merge:messages"],
    "splice": ["l10n.document.splice:render"],
    "structural guard (re-parse)": ["l10n.document.splice:_same_structure", "l10n.document.splice:inert"],
    "policy (judging units)": ["l10n.workflow.assessment:assess"],
    "manifest": ["l10n.build.posts:_write_manifest"],
    "locks": ["l10n.core.locks:locked"],
    "file system": [
        "l10n.core.files:write_if_changed",
        "l10n.workflow.extract:_old",
        "l10n.catalog.entries:read_translations",
        "l10n.document.walker:read_bytes",
        "l10n.core.files:stage",
        "l10n.core.files:commit",
        "l10n.build.outputs:_remove",
    ],
    "state": [
        "l10n.core.state:State.save",
        "l10n.core.state:State.source_digest",
        "l10n.core.state:State.fresh",
        "l10n.core.state:State.recall",
    ],
}

TOTAL: Counter[str] = Counter()
_stack: list[list[Any]] = []  # [kind, start, time of nested timed calls]


def _timed(kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(fn, "__wrapped_kind__", None):
        return fn

    @wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        frame = [kind, time.perf_counter(), 0.0]
        _stack.append(frame)
        try:
            return fn(*args, **kwargs)
        finally:
            _stack.pop()
            spent = time.perf_counter() - frame[1]
            TOTAL[kind] += spent - frame[2]
            if _stack:
                _stack[-1][2] += spent

    timed.__wrapped_kind__ = kind  # type: ignore[attr-defined]
    return timed


def _install() -> None:
    import l10n.catalog.po
    import l10n.cli  # noqa: F401 - the modules the command would import anyway

    for kind, names in KINDS.items():
        for spec in names:
            module_name, _, attr = spec.partition(":")
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            owner: Any = module
            *path, name = attr.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            original = getattr(owner, name, None) if owner is not None else None
            if original is None:
                continue
            wrapped = _timed(kind, original)
            setattr(owner, name, wrapped)
            if not path:  # names imported elsewhere with "from ... import"
                for other in list(sys.modules.values()):
                    if getattr(other, "__name__", "").startswith("l10n") and getattr(other, name, None) is original:
                        setattr(other, name, wrapped)


def main(argv: list[str]) -> int:
    modules = (
        "l10n.workflow.extract",
        "l10n.build.posts",
        "l10n.workflow.policy",
        "l10n.workflow.assessment",
        "l10n.workflow.status",
        "l10n.workflow.queue",
        "l10n.workflow.review",
        "l10n.checks",
    )
    for module in modules:
        importlib.import_module(module)
    _install()
    began = time.perf_counter()
    from l10n.cli import main as cli

    sys.argv = ["l10n", *argv]
    code = 0
    try:
        cli()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    end = time.perf_counter()
    total = end - START
    TOTAL["start-up"] = began - START
    TOTAL["other"] = (end - began) - sum(v for k, v in TOTAL.items() if k != "start-up")
    rows = [f"| {kind} | {seconds:.3f} | {100 * seconds / total:.0f}% |" for kind, seconds in TOTAL.most_common()]
    print(f"\n`l10n {' '.join(argv)}`: {total:.2f} s\n\n| kind | seconds | share |\n| --- | ---: | ---: |", file=sys.stderr)
    print("\n".join(rows), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
