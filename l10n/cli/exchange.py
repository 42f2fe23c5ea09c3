"""``l10n export`` and ``l10n import``: XLIFF for agencies and CAT tools, TMX translation memories."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.cli.base import _article_option, _articles, _config, _locale_option, _locales, cli


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xliff", "xliff2", "tmx", "tbx"]),
    required=True,
    help="XLIFF 1.2 or 2.0 for an agency, TMX 1.4b memory, the glossary as TBX-Basic.",
)
@_locale_option("The locale (XLIFF: exactly one; TMX: repeatable, default all).")
@_article_option()
@click.option("--pending", is_flag=True, help="XLIFF: only the units that are not reviewed yet.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.pass_context
def export_command(
    ctx: click.Context, fmt: str, locale: tuple[str, ...], article: tuple[str, ...], pending: bool, out: Path
) -> None:
    """Export work for an agency (XLIFF) or the reviewed translations as a translation memory (TMX)."""
    from l10n.core.files import write_atomic
    from l10n.workflow.agency import export_tmx, export_xliff
    from l10n.workflow.terminology import export_tbx

    config = _config(ctx)
    locales = _locales(config, locale)
    chosen = _articles(config, article)
    if fmt in ("xliff", "xliff2"):
        if len(locales) != 1:
            raise click.UsageError("an XLIFF file is for one locale: name it with --locale")
        data, report = export_xliff(config, locales[0], chosen, pending, "2.0" if fmt == "xliff2" else "1.2")
        for warning in report.warnings:
            click.echo(f"Warning: {warning}", err=True)
        summary = f"{report.units} unit(s), {report.words} word(s) to translate or review"
    elif fmt == "tbx":
        if pending or locale or article:
            raise click.UsageError("the TBX file is the whole glossary: --pending, --locale and --article do not apply")
        data, count = export_tbx(config)
        summary = f"{count} term(s)"
    else:
        if pending:
            raise click.UsageError("--pending is for XLIFF: a TMX memory holds reviewed translations only")
        data, count = export_tmx(config, locales, chosen)
        summary = f"{count} translation unit(s)"
    write_atomic(out, data)
    click.echo(f"wrote: {out} ({summary})")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["xliff", "tmx", "tbx"]), default=None, help="Default: from the file's root element."
)
@click.pass_context
def import_command(ctx: click.Context, file: Path, fmt: str | None) -> None:
    """Import an agency's XLIFF as drafts, a TMX into the translation memory, or a TBX into the glossary."""
    from l10n.mt.memory import store
    from l10n.workflow.agency import format_of, import_xliff
    from l10n.workflow.terminology import import_tbx

    config = _config(ctx)
    display = str(file)
    kind = fmt or format_of(file, display)
    if kind == "tbx":
        terms = import_tbx(config, file, display)
        for line in terms.left_out:
            click.echo(f"Warning: {display}: {line}", err=True)
        click.echo(f"{terms.glossary}: {terms.added} term(s) added, {terms.updated} updated ({terms.read} read from {display})")
        return
    if kind == "tmx":
        stored = store(config, file, display)
        kept = ", ".join(f"{code} {n}" for code, n in stored.kept.items() if n)
        skipped = ", ".join(f"{lang} {n}" for lang, n in sorted(stored.skipped.items()))
        click.echo(
            f"wrote: {stored.path} ({stored.units} unit(s) read; kept: {kept}{'; skipped: ' + skipped if skipped else ''})"
        )
        return
    report = import_xliff(config, file, display)
    for name, count in report.imported.items():
        click.echo(f"imported: {name}: {count} draft(s)")
    for finding in report.findings:
        click.echo(str(finding))
    for respaced in report.respaced:
        click.echo(f"Warning: {respaced}: matched with white space normalized, imported", err=True)
    for problem in report.problems:
        click.echo(f"Error: {problem}", err=True)
    drafts = sum(report.imported.values())
    click.echo(
        f"{drafts} draft(s) imported for review, {report.unchanged} unit(s) unchanged, {len(report.problems)} not imported; "
        f"{report.errors} error(s), {len(report.findings) - report.errors} warning(s)",
        err=True,
    )
    if report.problems or report.errors:
        sys.exit(1)
