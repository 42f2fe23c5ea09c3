"""The ``l10n`` command line: the group, the options its commands share, and the one error boundary.

The CLI only wires: parse options, call the library, print.

One error boundary (:func:`main`) turns the project's exceptions into
``Error: path:line: message`` on stderr. Exit codes: 0 success, 1 findings (a stale
catalog under ``--check``, a ``--strict`` build that fell back, an error-level check
finding, units a translate run could not draft, a refused approval or waiver, units of an
XLIFF file not imported), 2 usage and input errors (bad flags, configuration,
sources, catalogs, unsupported languages, an exchange file that no longer matches).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from l10n import __version__
from l10n.core.errors import L10nError

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:  # the library is imported lazily, inside each command, for start-up speed
    from l10n.core.config import Config


def _config(ctx: click.Context) -> Config:
    from l10n.workflow.project import load as load_config

    path = ctx.obj.get("config") if ctx.obj else None
    config = load_config(path=Path(path) if path else None)
    for warning in config.warnings:
        click.echo(f"Warning: {warning}", err=True)
    return config


def _locales(config: Config, chosen: tuple[str, ...]) -> tuple[str, ...]:
    from l10n.core.errors import LocaleError
    from l10n.core.locales import normalize_locale

    normalized = tuple(dict.fromkeys(normalize_locale(code) for code in chosen))
    for code in normalized:
        if code not in config.locales:
            msg = f"locale {code!r} is not configured in {config.relative(config.path)} (run `l10n init {code}`)"
            raise LocaleError(msg)
    return normalized


def _articles(config: Config, chosen: tuple[str, ...]) -> tuple[str, ...]:
    from l10n.core.errors import ConfigError

    known = set(config.articles())
    for article in chosen:
        if article not in known:
            msg = f"no article {article!r} under {config.relative(config.source_dir)}"
            raise ConfigError(msg)
    return chosen


def _locale_option(help: str = "Only this locale (repeatable).") -> Callable[[F], F]:
    return click.option("--locale", "-l", "locale", multiple=True, help=help)


def _article_option(help: str = "Only this article id (repeatable).") -> Callable[[F], F]:
    return click.option("--article", "-a", "article", multiple=True, help=help)


def _output_option(help: str = "Write to this file instead of standard output.") -> Callable[[F], F]:
    return click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help=help)


_JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    envvar="L10N_JOBS",
    show_envvar=True,
    help="Worker processes for the articles that changed (default: one per CPU; 1: no workers).",
)
_SHARD = click.option(
    "--shard",
    default=None,
    metavar="K/N",
    help="Only the articles of shard K of N (a stable split by article id, for CI matrices).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10n")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file (default: the nearest l10n.toml or pyproject.toml with [tool.l10n]).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Localize Markdown articles through gettext catalogs."""
    ctx.obj = {"config": config_path}


_REVIEWER = click.option(
    "--reviewer",
    default=None,
    metavar="'NAME <EMAIL>'",
    help="Who reviews (default: L10N_REVIEWER, else git's user.name and user.email).",
)


def main() -> None:
    """Entry point: run the CLI inside the error boundary."""
    try:
        _main()
    finally:
        _replaced_stores()


def _replaced_stores() -> None:
    """Warn of every cache under ``.l10n/`` that the run found damaged and replaced (l10n.core.store rule 2)."""
    store = sys.modules.get("l10n.core.store")  # not imported: no store was opened
    for warning in store.replaced() if store is not None else ():
        click.echo(f"Warning: {warning}", err=True)


def _main() -> None:
    try:
        code = cli.main(standalone_mode=False, prog_name="l10n")
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except L10nError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
