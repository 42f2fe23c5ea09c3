"""The reference pages of the documentation site are generated from the code and cannot drift.

``docs/_gen/reference.py`` writes the blocks between ``<!-- generated: NAME -->`` and
``<!-- end generated -->`` of ``docs/reference/{commands,configuration,checks}.md`` from the click
commands, the configuration's schema and the check registry. These tests fail when a committed page
differs from what it writes, when a command has no documented exit codes, when a setting or a check
is explained nowhere in the hand-written pages, and when a page names a file that does not exist.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_reference", DOCS / "_gen" / "reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _generator()


def _hand_written() -> str:
    """Every page of the site with its generated blocks taken out."""
    text = "\n".join(path.read_text("utf-8") for path in sorted(DOCS.rglob("*.md")))
    return re.sub(r"<!-- generated: [a-z-]+ -->.*?<!-- end generated -->", "", text, flags=re.DOTALL)


@pytest.mark.parametrize("page", sorted({path for path, _ in gen.BLOCKS.values()}))
def test_the_committed_page_is_what_the_generator_writes(page: str) -> None:
    now, fresh = gen.pages()[ROOT / page]
    assert now.count("<!-- generated: ") == now.count("<!-- end generated -->") >= 1, page
    assert now == fresh, f"{page} is stale: regenerate it with `{gen.COMMAND}` and commit the result"


def test_a_stale_page_is_reported_with_the_command_that_regenerates_it(tmp_path: Path, monkeypatch, capsys) -> None:
    page = tmp_path / "docs" / "reference" / "checks.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Checks\n\n<!-- generated: checks -->\n| check |\n<!-- end generated -->\n\nHand-written.\n", "utf-8")
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    monkeypatch.setattr(gen, "BLOCKS", {"checks": ("docs/reference/checks.md", gen.BLOCKS["checks"][1])})
    assert gen.main(["--check"]) == 1
    out, err = capsys.readouterr()
    assert out == "stale: docs/reference/checks.md\n"
    assert err == f"Regenerate them: {gen.COMMAND}\n"
    assert gen.main([]) == 0  # rewrites the block, keeps the hand-written text
    text = page.read_text("utf-8")
    assert "| `protected-spans` | error |" in text and text.endswith("<!-- end generated -->\n\nHand-written.\n")
    assert gen.main(["--check"]) == 0


def test_every_command_has_exit_codes_and_no_entry_is_left_over(monkeypatch) -> None:
    from l10n.cli import cli

    root = click.Context(cli, info_name="l10n", **cli.context_settings)
    names = {ctx.command_path.removeprefix("l10n").strip() or "l10n" for _, ctx in gen._commands(cli, root)}
    assert names == set(gen.EXIT_CODES), "EXIT_CODES in docs/_gen/reference.py must list exactly the commands"
    monkeypatch.delitem(gen.EXIT_CODES, "merge")
    with pytest.raises(SystemExit, match=r"^l10n merge: no exit codes; add them to EXIT_CODES in docs/_gen/reference.py$"):
        gen.commands()


def test_the_commands_page_does_not_depend_on_what_click_cached(monkeypatch) -> None:
    """A subcommand invoked on its own first (as some tests do) caches a help option of ``--help`` alone."""
    from click.testing import CliRunner

    from l10n.cli import cli

    root = click.Context(cli, info_name="l10n", **cli.context_settings)
    commands = [command for command, _ in gen._commands(cli, root)]
    for command in commands:
        monkeypatch.setattr(command, "_help_option", None, raising=False)  # as in a fresh process
    for command in commands[1:]:
        assert CliRunner().invoke(command, ["--help"]).exit_code == 0  # caches a help option of --help alone
    assert commands[1].get_help_option(click.Context(commands[1])).opts == ["--help"]
    assert gen.commands().count("`-h / --help` prints this help.") == len(commands)


def test_every_command_and_option_is_on_the_commands_page() -> None:
    from l10n.cli import cli

    page = (DOCS / "reference" / "commands.md").read_text("utf-8")
    root = click.Context(cli, info_name="l10n", **cli.context_settings)
    for command, ctx in gen._commands(cli, root):
        assert f"## `{ctx.command_path}`" in page
        for param in command.get_params(ctx):
            names = param.opts if isinstance(param, click.Option) else [param.human_readable_name]
            for name in names:
                assert name in page, f"{ctx.command_path} {name}"


def _settings() -> list[str]:
    from l10n.core.config import _DEFAULTS
    from l10n.core.schema import TABLES
    from l10n.mt.engines.registry import settings_schema

    keys = [*_DEFAULTS, *(key for table in TABLES.values() for key in table)]
    keys += [name for engine in settings_schema().values() for name in engine]
    return sorted(set(keys))


@pytest.mark.parametrize("key", _settings())
def test_every_setting_is_explained_in_the_hand_written_pages(key: str) -> None:
    meanings = {k for table in gen._meanings().values() for k, doc in table.items() if doc}
    text = _hand_written()
    explained = f"`{key}`" in text or re.search(rf"(?m)^{re.escape(key)} = ", text) or key in meanings
    assert explained, f"setting {key!r}: say what it does in the docs page of the people who set it"


def test_every_check_is_explained_in_the_hand_written_pages() -> None:
    from l10n.checks import CHECKS

    text = _hand_written()
    missing = [check.name for check in CHECKS if f"`{check.name}`" not in text]
    assert not missing, f"checks explained nowhere outside the generated table: {missing} (docs/reference/checks.md)"


def test_the_pages_name_only_files_that_exist() -> None:
    named = set()
    for path in DOCS.rglob("*.md"):
        named |= set(re.findall(r"`((?:l10n|tests|benchmarks|examples|\.ci)/[^`\s<>*]*)`", path.read_text("utf-8")))
    assert named, "the pattern finds the paths the pages name"
    missing = sorted(name for name in named if not (ROOT / name).exists())
    assert not missing, f"the docs name files that do not exist: {missing}"
