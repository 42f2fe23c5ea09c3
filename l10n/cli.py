"""The ``l10n`` command line. It only wires: parse options, call the library, print.

One error boundary (:func:`main`) turns the project's exceptions into
``Error: path:line: message`` on stderr. Exit codes: 0 success, 1 findings (a stale
catalog under ``--check``, a ``--strict`` build that fell back), 2 usage and input
errors (bad flags, configuration, sources or catalogs).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import L10nError


def _config(ctx: click.Context) -> "Config":  # noqa: F821 - imported lazily for start-up speed
    from .config import load_config

    path = ctx.obj.get("config") if ctx.obj else None
    config = load_config(path=Path(path) if path else None)
    for warning in config.warnings:
        click.echo(f"Warning: {warning}", err=True)
    return config


def _locales(config: "Config", chosen: tuple[str, ...]) -> tuple[str, ...]:  # noqa: F821
    from .errors import LocaleError
    from .locales import normalize_locale

    normalized = tuple(dict.fromkeys(normalize_locale(code) for code in chosen))
    for code in normalized:
        if code not in config.locales:
            msg = f"locale {code!r} is not configured in {config.relative(config.path)} (run `l10n init {code}`)"
            raise LocaleError(msg)
    return normalized


def _articles(config: "Config", chosen: tuple[str, ...]) -> tuple[str, ...]:  # noqa: F821
    from .errors import ConfigError

    known = set(config.articles())
    for article in chosen:
        if article not in known:
            msg = f"no article {article!r} under {config.relative(config.source_dir)}"
            raise ConfigError(msg)
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10n")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: the nearest l10n.toml or pyproject.toml with [tool.l10n]).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Localize Markdown articles through gettext catalogs."""
    ctx.obj = {"config": config_path}


@cli.command()
@click.option("--check", is_flag=True, help="Write nothing; list stale files and exit 1 if any catalog would change.")
@click.pass_context
def extract(ctx: click.Context, check: bool) -> None:
    """Write templates and update catalogs from the source articles."""
    from .extract import extract as run

    report = run(_config(ctx), check=check)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    verb = "stale" if check else "updated"
    for path in report.changed:
        click.echo(f"{verb}: {path}")
    if check and report.changed:
        click.echo(f"{len(report.changed)} file(s) out of date: run `l10n extract`", err=True)
        sys.exit(1)


@cli.command()
@click.option("--locale", "-l", "locale", multiple=True, help="Build only this locale (repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build_dir).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) instead of falling back to the source text.")
@click.pass_context
def build(ctx: click.Context, locale: tuple[str, ...], out: Path | None, strict: bool) -> None:
    """Write localized articles under the build folder."""
    from .build import build as run

    config = _config(ctx)
    report = run(config, _locales(config, locale), out.resolve() if out else None, strict)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for path in report.written:
        click.echo(f"wrote: {path}")
    if report.failed:
        for path in report.failed:
            click.echo(f"Error: not written: {path}", err=True)
        click.echo(f"Error: {len(report.failed)} localized article(s) not written (--strict)", err=True)
        sys.exit(1)


@cli.command("check")
@click.option("--locale", "-l", "locale", multiple=True, help="Check only this locale (repeatable).")
@click.option("--article", "-a", "article", multiple=True, help="Check only this article id (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check_command(ctx: click.Context, locale: tuple[str, ...], article: tuple[str, ...], fmt: str) -> None:
    """Run the QA checks over every translation; exit 1 on any error-level finding."""
    import json

    from .qa import check_catalogs

    config = _config(ctx)
    findings = list(check_catalogs(config, _locales(config, locale), _articles(config, article)))
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        errors = sum(1 for f in findings if f.severity == "error")
        click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)", err=True)
    if any(f.severity == "error" for f in findings):
        sys.exit(1)


@cli.command()
@click.argument("locales", nargs=-1, required=True)
@click.pass_context
def init(ctx: click.Context, locales: tuple[str, ...]) -> None:
    """Add LOCALES to the configuration and create their catalogs."""
    from .config import load_config
    from .extract import extract as run
    from .project import add_locales

    path = ctx.obj.get("config") if ctx.obj else None
    config_path, added = add_locales(Path(path) if path else None, locales)
    for code in added:
        click.echo(f"added locale: {code}")
    config = load_config(path=config_path)
    report = run(config, locales=added)
    for changed in report.changed:
        click.echo(f"updated: {changed}")


def main() -> None:
    """Entry point: run the CLI inside the error boundary."""
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
