"""The commands that move content: extract, build, merge, status, check, translate, init."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from l10n.cli.base import _JOBS, _SHARD, _article_option, _articles, _config, _locale_option, _locales, _output_option, cli


@cli.command()
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if any catalog would change or a locale's catalogs are not configured.",
)
@_JOBS
@_SHARD
@click.pass_context
def extract(ctx: click.Context, check: bool, jobs: int | None, shard: str | None) -> None:
    """Write templates and update catalogs from the source articles."""
    from l10n.core.config import Shard
    from l10n.workflow.extract import extract as run

    report = run(_config(ctx), check=check, jobs=jobs, shard=Shard.parse(shard) if shard else None)
    for warning in [*report.warnings, *report.unconfigured]:
        click.echo(f"Warning: {warning}", err=True)
    verb = "stale" if check else "updated"
    for path in report.changed:
        click.echo(f"{verb}: {path}")
    for path, changes in report.catalogs:  # one line per catalog: what the update brings, or that it only reformats
        click.echo(f"{path}: {changes.summary()}")
    if check and report.changed:
        click.echo(f"{len(report.changed)} file(s) out of date: run `l10n extract`", err=True)
    if check and report.unconfigured:
        click.echo(f"{len(report.unconfigured)} folder(s) of catalogs that extract never updates: adopt or delete them", err=True)
    if check and (report.changed or report.unconfigured):
        sys.exit(1)


@cli.command()
@_locale_option("Build only this locale (repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build_dir).")
@click.option("--strict", is_flag=True, help="Exit 1 when a post falls back to the source text or is held back.")
@click.option("--include-drafts", is_flag=True, help="Also write previews with drafts in place under <out>/_preview/.")
@click.option("--html/--no-html", default=None, help="Also render each post to an HTML page (default: [build] html).")
@_JOBS
@_SHARD
@click.pass_context
def build(
    ctx: click.Context,
    locale: tuple[str, ...],
    out: Path | None,
    strict: bool,
    include_drafts: bool,
    html: bool | None,
    jobs: int | None,
    shard: str | None,
) -> None:
    """Write the localized posts that the publishing policy allows."""
    from l10n.build.posts import build as run
    from l10n.core.config import Shard

    config = _config(ctx)
    report = run(
        config,
        _locales(config, locale),
        out.resolve() if out else None,
        strict,
        include_drafts,
        html,
        jobs,
        Shard.parse(shard) if shard else None,
    )
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for path in report.written:
        click.echo(f"wrote: {path}")
    for path in report.removed:
        click.echo(f"removed: {path}")
    for path in report.removed:
        if path in report.why and report.why[path] != "held back":  # a post held back is named below, with its units
            click.echo(f"removed {path}: {report.why[path]}", err=True)
    for held in report.held:
        click.echo(f"held: {held}", err=True)
    for kept in report.kept:
        click.echo(f"kept previous version: {kept}", err=True)
    for english in report.english:
        click.echo(f"published with outdated units in the source language: {english}", err=True)
    click.echo(report.summary_line(), err=True)
    if report.failed:
        for path in report.failed:
            click.echo(f"Error: not written: {path}", err=True)
        click.echo(f"Error: {len(report.failed)} localized post(s) not written (--strict)", err=True)
        sys.exit(1)


@cli.command("merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build_dir).")
@click.pass_context
def merge_command(ctx: click.Context, shards: tuple[Path, ...], out: Path | None) -> None:
    """Merge the build folders of shards (build --shard / --locale runs) into one."""
    from l10n.build.posts import merge

    report = merge(_config(ctx), [p.resolve() for p in shards], out.resolve() if out else None)
    for path in report.written:
        click.echo(f"wrote: {path}")


_STATUS_SUFFIXES = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
"""The format ``l10n status --output FILE`` writes when no ``--format`` is given."""


@cli.command("status")
@_locale_option()
@_article_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "html"]),
    default=None,
    help="Output format (default: table; with --output, from its suffix: .json, .md, .html, else table).",
)
@_output_option()
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PCT",
    help="Exit 1 when a selected locale has less than PCT percent of its words reviewed.",
)
@click.pass_context
def status_command(
    ctx: click.Context,
    locale: tuple[str, ...],
    article: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    fail_under: float | None,
) -> None:
    """Coverage by locale and article: reviewed, drafts, outdated, untranslated, publishable."""
    from l10n.render.report import show
    from l10n.workflow.status import below, json_report, report

    config = _config(ctx)
    if fmt is None:  # a table for people, on a terminal or not; JSON only when asked for
        fmt = _STATUS_SUFFIXES.get(output.suffix.lower(), "table") if output is not None else "table"
    from l10n.catalog.entries import unconfigured

    if fmt == "json" and output is None:  # written as it is made: memory does not grow with the site
        summary: list[dict[str, Any]] = []
        for piece in json_report(config, _locales(config, locale), _articles(config, article), summary):
            click.echo(piece, nl=False)
        click.echo("")
        for warning in unconfigured(config):
            click.echo(f"Warning: {warning}", err=True)
        data: dict[str, Any] = {"locales": summary}
    else:
        data = report(config, _locales(config, locale), _articles(config, article))
        for warning in unconfigured(config):
            click.echo(f"Warning: {warning}", err=True)
        text = show(config, data, fmt, output.resolve() if output else None)
        if output is None:
            click.echo(text, nl=False)
    if output is not None:
        from l10n.core.files import write_atomic

        write_atomic(output, text.encode("utf-8"))
        click.echo(f"wrote: {output}", err=True)
    failing = below(data, fail_under) if fail_under is not None else []
    if failing:
        click.echo(f"Error: below {fail_under:g}% reviewed: {', '.join(failing)}", err=True)
        sys.exit(1)


@cli.command("check")
@_locale_option("Check only this locale (repeatable).")
@_article_option("Check only this article id (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check_command(ctx: click.Context, locale: tuple[str, ...], article: tuple[str, ...], fmt: str) -> None:
    """Run the QA checks over every translation; exit 1 on any error-level finding that no waiver covers."""
    from l10n.catalog.language import mismatches
    from l10n.checks import check_catalogs
    from l10n.workflow.coverage import glossary_warnings

    config = _config(ctx)
    locales, articles = _locales(config, locale), _articles(config, article)
    for mismatch in mismatches(config, locales, articles):
        click.echo(f"Warning: {mismatch}", err=True)
    for warning in glossary_warnings(config, locales, articles):  # one per locale; never an error
        click.echo(f"Warning: {warning}", err=True)
    found = check_catalogs(config, locales, articles)
    errors = 0
    if fmt == "json":  # spooled as found, written once complete: flat memory, never half a document
        from l10n.core.jsonstream import Spool

        spool = Spool()
        try:
            for finding in found:
                errors += finding.severity == "error"
                spool.add(finding.as_dict())
            for piece in spool.pieces():
                click.echo(piece, nl=False)
        finally:
            spool.close()
        click.echo("")
    else:  # each line as found: what was printed before an input error stays, the error ends it
        shown = waived = 0
        for finding in found:
            click.echo(str(finding))
            shown += 1
            errors += finding.severity == "error"
            waived += bool(finding.waiver)
        click.echo(f"{errors} error(s), {shown - errors - waived} warning(s), {waived} waived", err=True)
    if errors:
        sys.exit(1)


@cli.command("translate")
@click.option("--locale", "-l", "locale", required=True, help="Target locale.")
@click.option("--engine", "-e", default=None, help="Engine id (default: [tool.l10n.translate] engine; pseudo only when named).")
@_article_option()
@click.option("--dry-run", is_flag=True, help="Send nothing; print the engine and what would be sent.")
@click.option("--replace-drafts", is_flag=True, help="Empty the units' machine drafts of other engines first, and draft them.")
@click.pass_context
def translate_command(
    ctx: click.Context, locale: str, engine: str | None, article: tuple[str, ...], dry_run: bool, replace_drafts: bool
) -> None:
    """Draft machine translations (fuzzy, with provenance) for untranslated units."""
    import os

    from l10n.mt.translate import translate

    config = _config(ctx)
    (code,) = _locales(config, (locale,))
    chosen = _articles(config, article)
    show = sys.stderr.isatty() and not os.environ.get("CI") and not dry_run
    if show:
        with click.progressbar(length=0, label=f"Translating {code}", show_pos=True, file=sys.stderr) as bar:

            def progress(step: int, total: int) -> None:
                bar.length = total  # known only once translate() has read the catalogs and the cache
                bar.update(step)

            report = translate(config, code, engine, chosen, dry_run, on_progress=progress, replace_drafts=replace_drafts)
    else:
        report = translate(config, code, engine, chosen, dry_run, replace_drafts=replace_drafts)
    if report.other_drafts:  # what --replace-drafts is for: they are not drafted again without it
        held = ", ".join(f"{count} {name}" for name, count in sorted(report.other_drafts.items()))
        total = sum(report.other_drafts.values())
        then = f"{report.engine} would draft them" if replace_drafts else f"--replace-drafts would let {report.engine} draft them"
        click.echo(f"{total} unit(s) already hold a draft of another engine ({held}): {then}")
    if report.replaced:
        click.echo(f"{report.replaced} draft(s) of other engines emptied for {report.engine} (--replace-drafts)")
    memory = f"translation memory: {report.remembered} exact match(es) as drafts, {report.suggested} unit(s) with suggestions"
    if dry_run:
        click.echo(
            f"engine {report.engine}: would send {report.to_send} text(s), {report.chars} character(s); "
            f"{report.cached} cached, {report.reused} reused from reviewed translations, "
            f"of {report.units} untranslated unit(s)"
        )
        if report.remembered or report.suggested:
            click.echo(memory)
        return
    click.echo(
        f"{report.drafted} draft(s) saved for review ({report.reused} reused, {report.cached} cached, "
        f"{report.requests} request(s)); {report.damaged} with damaged placeholders, "
        f"{report.reordered} with placeholders reordered"
    )
    if report.remembered or report.suggested:
        click.echo(memory)
    for failure in report.failed:
        click.echo(f"Error: {failure}", err=True)
    if report.failed:
        click.echo(f"Error: {len(report.failed)} unit(s) not drafted; run again to retry them", err=True)
        sys.exit(1)


@cli.command()
@click.argument("locales", nargs=-1, required=True)
@click.pass_context
def init(ctx: click.Context, locales: tuple[str, ...]) -> None:
    """Add LOCALES to the configuration and create their catalogs."""
    from l10n.workflow.coverage import glossary_warnings
    from l10n.workflow.extract import extract as run
    from l10n.workflow.project import add_locales
    from l10n.workflow.project import load as load_config

    path = ctx.obj.get("config") if ctx.obj else None
    config_path, added = add_locales(Path(path) if path else None, locales)
    for code in added:
        click.echo(f"added locale: {code}")
    config = load_config(path=config_path)
    report = run(config, locales=added)
    for changed in report.changed:
        click.echo(f"updated: {changed}")
    for warning in glossary_warnings(config, added) if added else ():  # the renderings a new locale needs
        click.echo(f"Warning: {warning}", err=True)
