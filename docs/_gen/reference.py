"""The generated parts of the reference pages, written from the code so that they cannot drift.

Run from the repository's root after adding a command, an option, a setting or a check::

    .venv/bin/python docs/_gen/reference.py            # rewrite the generated blocks in place
    .venv/bin/python docs/_gen/reference.py --check    # exit 1 and name the stale pages

Rules:

1. A page holds hand-written text around blocks delimited by ``<!-- generated: NAME -->`` and
   ``<!-- end generated -->``; only what lies between them is rewritten, from :data:`BLOCKS`.
2. ``commands``: every command of the click tree (:data:`l10n.cli.cli`, subcommands included),
   its usage, its help, each option as ``l10n COMMAND --help`` prints it, and its exit codes from
   :data:`EXIT_CODES`, the one thing the click tree does not hold: a command missing there is an
   error, so a new command cannot be published without them.
3. ``configuration``: the top-level keys (``l10n.core.config._DEFAULTS``), every table of
   ``l10n.core.schema.TABLES`` with each key's default and what it accepts (with its meaning when
   the settings declare one), and the engines' settings
   (:func:`l10n.mt.engines.registry.settings_schema`).
4. ``checks``: the registry (:data:`l10n.checks.CHECKS`) in the order the checks run: name,
   severity, whether a reviewer may waive the findings, family module, docstring title.
5. The output is deterministic (registry and declaration order, no dates), so the drift test
   (``tests/unit/docs/test_reference.py``) compares bytes.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ".venv/bin/python docs/_gen/reference.py"
"""How to regenerate the pages (what the drift test tells)."""

EXIT_CODES: dict[str, str] = {
    "l10n": "0 with `--version` or `--help`; 2 for an unknown command or option.",
    "extract": "0 done; 1 with `--check` when any template or catalog would change (each listed as "
    "`stale: path`) or a locale's catalogs are not configured (a folder of catalogs of a locale the "
    "configuration does not list); 2 usage and input errors.",
    "build": "0 done, even with posts held back; 1 with `--strict` when a unit fell back to its "
    "source text or a post was held back; 2 usage and input errors (nothing is written).",
    "merge": "0 done; 2 when two shards built the same file or the same article and locale differently "
    "(nothing is written), and for usage and input errors.",
    "status": "0 done; 1 when a selected locale has less than `--fail-under` percent of its words "
    "reviewed; 2 usage and input errors.",
    "check": "0 no error-level finding that a waiver does not cover (drafts included); 1 when any "
    "exists; 2 usage and input errors.",
    "translate": "0 every unit drafted; 1 when some units could not be drafted (run again to retry "
    "them); 2 usage and input errors, an unsupported language pair.",
    "init": "0 done; 2 usage and input errors (an unknown locale).",
    "review": "0 done; 2 usage and input errors (`--back-translate` with the `pseudo` engine).",
    "review approve": "0 every entry approved; 1 when an entry was refused (an error-level finding, "
    "pseudo-localized text, a second approval by the same person); 2 usage and input errors, no "
    "reviewer identity.",
    "review waive": "0 waived; 1 when refused (the check finds nothing there, or its findings can "
    "never be waived); 2 usage and input errors, no reviewer identity.",
    "review log": "0 done; 2 usage and input errors.",
    "review send-back": "0 sent back; 2 usage and input errors (no such entry, no reviewer identity).",
    "review serve": "0 when stopped with Ctrl-C; 1 when the serve extra is not installed; 2 usage and input errors.",
    "export": "0 done; 2 usage and input errors.",
    "import": "0 every unit imported; 1 when a unit was not imported or has an error-level finding; "
    "2 when the file no longer matches the catalogs, or is for a locale, source language or article "
    "the project does not have (nothing is written).",
}
"""Each command's exit codes (rule 2): 0 success, 1 findings, 2 usage and input errors."""

GUIDES: dict[str, str] = {
    "extract": "../how-to/content-manager.md#writing-sources-what-is-extracted",
    "build": "../how-to/content-manager.md#building-the-posts",
    "merge": "../how-to/ci.md#sharding-across-a-ci-matrix",
    "status": "../how-to/content-manager.md#coverage-l10n-status",
    "check": "checks.md",
    "translate": "../how-to/engines.md",
    "init": "../how-to/weblate.md#new-languages",
    "review": "../how-to/reviewer.md",
    "review approve": "../how-to/reviewer.md",
    "review waive": "../how-to/reviewer.md#waiving-a-finding",
    "review log": "../how-to/content-manager.md#the-audit-trail",
    "review send-back": "../how-to/review-serve.md",
    "review serve": "../how-to/review-serve.md",
    "export": "../how-to/agency.md",
    "import": "../how-to/agency.md",
}
"""Where the guide to a command is (optional: a command without one has no link)."""


def _plain(text: str) -> str:
    """Help text as Markdown: reStructuredText's ``code`` as `code`, click's \\b markers dropped, < escaped."""
    text = re.sub(r"``([^`]+)``", r"`\1`", inspect.cleandoc(text).replace("\b\n", ""))
    parts = re.split(r"(`[^`]*`)", text)  # code spans keep their < as they are
    return "".join(part if part.startswith("`") else part.replace("<", "&lt;") for part in parts)


def _commands(group: click.Command, ctx: click.Context) -> Iterator[tuple[click.Command, click.Context]]:
    yield group, ctx
    if isinstance(group, click.Group):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if command is not None and not command.hidden:
                yield from _commands(command, click.Context(command, info_name=name, parent=ctx))


def commands() -> str:
    from l10n.cli import cli

    out: list[str] = []
    root = click.Context(cli, info_name="l10n", **cli.context_settings)
    for command, ctx in _commands(cli, root):
        path = ctx.command_path
        name = path.removeprefix("l10n").strip() or "l10n"
        if name not in EXIT_CODES:
            msg = f"{path}: no exit codes; add them to EXIT_CODES in docs/_gen/reference.py"
            raise SystemExit(msg)
        out += [f"## `{path}`", "", "```text", command.get_usage(ctx).removeprefix("Usage: "), "```", ""]
        out += [_plain(command.help or ""), ""]
        # The help option by the context's names: click caches a command's help option from the first
        # context it saw, which a test invoking a subcommand on its own would make ``--help`` alone.
        helps = {*ctx.help_option_names, "--help"} if command.add_help_option else set()
        options = [p for p in command.get_params(ctx) if isinstance(p, click.Option) and not set(p.opts) <= helps]
        records = [r for r in (p.get_help_record(ctx) for p in options) if r is not None]
        if records:
            out += ["Options:", ""]
            out += [f"- `{names}`: {_plain(help_) if help_ else ''}".rstrip() for names, help_ in records]
            out.append("")
        if isinstance(command, click.Group):
            subs = ", ".join(f"`{path} {sub}`" for sub in command.list_commands(ctx))
            out += [f"Subcommands: {subs}.", ""]
        if helps:
            out += [f"`{' / '.join(ctx.help_option_names)}` prints this help.", ""]
        out += [f"Exit codes: {EXIT_CODES[name]}", ""]
        if name in GUIDES:
            out += [f"Guide: [{GUIDES[name].split('#')[0].split('/')[-1].removesuffix('.md')}]({GUIDES[name]}).", ""]
    return "\n".join(out).rstrip("\n")


def _toml(value: Any) -> str:
    """A default as it is written in a configuration file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


_KINDS = {bool: "true or false", int: "a positive integer", float: "a number", str: "a string", tuple: "a list", list: "a list"}


def _accepts(default: Any, validator: Callable[..., Any]) -> str:
    """What a setting accepts: its validator's docstring, else the kind of its default."""
    doc = (validator.__doc__ or "").strip()
    if doc:
        return re.sub(r"``([^`]+)``|:[a-z]+:`~?([^`]+)`", lambda m: f"`{m[1] or m[2]}`", doc.splitlines()[0]).rstrip(".")
    if validator.__name__ == "_percentage":
        return "a percentage, 0 to 100"
    if validator.__qualname__.startswith("_positive"):
        return "a positive integer" if isinstance(default, int) else "a positive number"
    return _KINDS.get(type(default), type(default).__name__)


def _meanings() -> dict[str, dict[str, str]]:
    """Each setting's meaning, when the settings declare one (``doc`` in a dataclass field's metadata)."""
    if importlib.util.find_spec("l10n.core.settings") is None:
        return {}
    settings = importlib.import_module("l10n.core.settings")
    tables: dict[str, dict[str, str]] = {}
    for table, kind in getattr(settings, "SETTINGS", {}).items():
        if dataclasses.is_dataclass(kind):
            tables[table] = {f.name: f.metadata["doc"] for f in dataclasses.fields(kind) if "doc" in f.metadata}
    return tables


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def configuration() -> str:
    from l10n.core.config import _DEFAULTS
    from l10n.core.schema import TABLES
    from l10n.mt.engines.registry import SPECS, settings_schema

    meanings = _meanings()
    out = ["## Top-level keys", "", "| key | default |", "| --- | --- |"]
    out += [f"| `{key}` | `{_cell(_toml(default))}` |" for key, default in _DEFAULTS.items()]
    for table, schema in TABLES.items():
        out += ["", f"## `[{table}]`", "", f"`[tool.l10n.{table}]` in `pyproject.toml`, `[{table}]` in `l10n.toml`.", ""]
        doc = meanings.get(table, {})
        if doc:
            out += ["| key | default | accepts | meaning |", "| --- | --- | --- | --- |"]
        else:
            out += ["| key | default | accepts |", "| --- | --- | --- |"]
        for key, (default, validator) in schema.items():
            row = f"| `{key}` | `{_cell(_toml(default))}` | {_cell(_accepts(default, validator))} |"
            out.append(row + (f" {_cell(doc.get(key, ''))} |" if doc else ""))
    schemas = settings_schema()
    out += ["", "## Engine settings", "", "The settings each machine-translation engine accepts, from its specification:", ""]
    out += [
        "| engine | settings | longest text (`max_chars` default) | key from (`key_env` default) |",
        "| --- | --- | --- | --- |",
    ]
    for engine, settings in schemas.items():
        spec = SPECS[engine]
        key = f"`{spec.key_env}`" + (" (required)" if spec.key_required else "") if spec.key_env else "no key"
        names = ", ".join(f"`{name}`" for name in settings)
        out.append(f"| `{engine}` | {names} | {spec.max_chars:,} | {key} |")
    every: dict[str, str] = {}
    for settings in schemas.values():
        for name, setting in settings.items():
            every.setdefault(name, setting.help)
    out += ["", "| setting | what it is |", "| --- | --- |"]
    out += [f"| `{name}` | {_cell(what)} |" for name, what in every.items()]
    return "\n".join(out)


def _waivable(check: Any) -> str:
    if callable(check.waivable):
        doc = (check.waivable.__doc__ or "").strip().splitlines()
        return "some findings" + (f": {doc[0].rstrip('.')}" if doc else "")
    return "yes" if check.waivable else "never"


def checks() -> str:
    from l10n.checks import CHECKS

    out = ["| check | severity | waivable | family | what it checks |", "| --- | --- | --- | --- | --- |"]
    for check in CHECKS:
        family = check.function.__module__.removeprefix("l10n.checks.")
        title = re.sub(r"``([^`]+)``", r"`\1`", check.title)
        out.append(f"| `{check.name}` | {check.severity} | {_cell(_waivable(check))} | `{family}` | {_cell(title)} |")
    return "\n".join(out)


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "commands": ("docs/reference/commands.md", commands),
    "configuration": ("docs/reference/configuration.md", configuration),
    "checks": ("docs/reference/checks.md", checks),
}
"""Each generated block: the page that holds it, and what writes it."""

_BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.DOTALL)


def render(page: str) -> str:
    """*page* with every generated block written afresh."""

    def block(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in BLOCKS:
            raise SystemExit(f"unknown generated block {name!r} (known: {', '.join(BLOCKS)})")
        return f"{match[1]}\n{BLOCKS[name][1]()}\n\n{match[4]}"

    return _BLOCK.sub(block, page)


def pages() -> dict[Path, tuple[str, str]]:
    """Each page with generated blocks: (its text now, its text regenerated)."""
    out = {}
    for relative in dict.fromkeys(path for path, _ in BLOCKS.values()):
        path = ROOT / relative
        text = path.read_text("utf-8")
        out[path] = (text, render(text))
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, (now, fresh) in pages().items():
        if now != fresh:
            stale.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(fresh, "utf-8")
    for name in stale:
        print(f"{'stale' if check else 'wrote'}: {name}")
    if check and stale:
        print(f"Regenerate them: {COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
