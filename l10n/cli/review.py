"""``l10n review``: the queue, and the reviewer's commands (approve, waive, log)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from l10n.cli.base import _REVIEWER, _article_option, _articles, _config, _locale_option, _locales, _output_option, cli

if TYPE_CHECKING:
    from l10n.core.config import Config

_KEY = click.option(
    "--key",
    "key",
    default=None,
    metavar="PATH",
    help="The SSH key that signs (default: L10N_SIGNING_KEY, else git's user.signingKey with gpg.format=ssh);"
    " a .pub file signs through ssh-agent.",
)


@cli.group("review", invoke_without_command=True)
@_locale_option()
@_article_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "html"]),
    default="table",
    show_default=True,
    help="html: the reviewer's page, one self-contained file.",
)
@_output_option("Write the json or html to this file instead of standard output.")
@click.option(
    "--back-translate",
    "back",
    is_flag=True,
    help="With json or html: each translation machine-translated back into the source language (cached; an aid).",
)
@click.pass_context
def review_command(
    ctx: click.Context, locale: tuple[str, ...], article: tuple[str, ...], fmt: str, output: Path | None, back: bool
) -> None:
    """List what waits for a human: drafts, outdated units and translations awaiting approval."""
    if ctx.invoked_subcommand is not None:
        return
    from collections import Counter

    if fmt == "table" and (back or output):
        raise click.UsageError("--back-translate and --output go with --format json or html")
    config = _config(ctx)
    if fmt in ("json", "html"):
        _page(config, _locales(config, locale), _articles(config, article), fmt, output, back)
        return
    from l10n.workflow.queue import queue

    items = list(queue(config, _locales(config, locale), _articles(config, article)))
    for i in items:
        age = "-" if i.age_days is None else f"{i.age_days:g}d"
        checks = ",".join(i.checks) or "ok"
        approvals = f"{i.approvers}/{i.needed} approvals" if i.needed else "-"
        click.echo(f"{i.path}:{i.line}\t{i.locale}\t{i.state}\t{i.words}w\t{age}\t{approvals}\t{checks}\t{i.source}")
    counts = Counter((i.locale, i.article) for i in items)
    for (lo, ar), n in sorted(counts.items()):
        click.echo(f"{lo} {ar}: {n} waiting")
    click.echo(f"{len(items)} waiting for review", err=True)


def _page(config: Config, locales: tuple[str, ...], articles: tuple[str, ...], fmt: str, output: Path | None, back: bool) -> None:
    """Write the reviewer's page (``l10n.workflow.review_page``) as json or html."""
    import json

    from l10n.workflow.review_page import document

    data = document(config, locales, articles, back)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from l10n.render.review_html import render

        text = render(data)
    if output is None:
        click.echo(text, nl=False)
    else:
        from l10n.core.files import write_atomic

        write_atomic(output, text.encode("utf-8"))
        click.echo(f"wrote: {output}", err=True)
    failed = [i for i in data["items"] if i["back"] and i["back"]["error"]]
    if failed:
        reasons = "; ".join(dict.fromkeys(i["back"]["error"] for i in failed))
        click.echo(f"Warning: {len(failed)} translation(s) not back-translated: {reasons}", err=True)
    click.echo(f"{len(data['items'])} waiting for review", err=True)


@review_command.command("approve")
@click.option("--locale", "-l", "locale", required=True)
@_article_option("Approve the waiting units of this article (repeatable).")
@click.option("--entry", "-e", "entry", multiple=True, help="Approve one entry: source/x.md:LINE or its catalog path:line.")
@click.option("--all", "everything", is_flag=True, help="Approve every waiting entry of the locale (needs --yes).")
@click.option("--yes", is_flag=True, help="Confirm --all.")
@_REVIEWER
@_KEY
@click.pass_context
def approve_command(
    ctx: click.Context,
    locale: str,
    article: tuple[str, ...],
    entry: tuple[str, ...],
    everything: bool,
    yes: bool,
    reviewer: str | None,
    key: str | None,
) -> None:
    """Approve translations: record, signed with your SSH key, who approved which exact text. Refuses errors."""
    from l10n.core.signing import signer_from
    from l10n.workflow.review import approve

    if not article and not entry and not (everything and yes):
        raise click.UsageError("name --article or --entry, or approve the whole locale with --all --yes")
    config = _config(ctx)
    (code,) = _locales(config, (locale,))
    report = approve(config, code, _articles(config, article), entry, reviewer, signer_from(key, config.root))
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for where in report.approved:
        click.echo(f"approved: {where}")
    for note in report.pending:
        click.echo(f"needs another reviewer: {note}")
    for where in report.offered:
        click.echo(f"offered as a reuse draft: {where}")
    for reason in report.refused:
        click.echo(f"Error: refused: {reason}", err=True)
    if report.refused:
        sys.exit(1)


@review_command.command("waive")
@click.option("--locale", "-l", "locale", required=True)
@click.option("--entry", "-e", "entry", required=True, help="The entry: source/x.md:LINE or its catalog path:line.")
@click.option("--check", "-c", "check", required=True, help="The check whose findings on this entry are acceptable.")
@click.option("--reason", "-r", "reason", required=True, help="Why (one line, recorded in the catalog).")
@_REVIEWER
@_KEY
@click.pass_context
def waive_command(
    ctx: click.Context, locale: str, entry: str, check: str, reason: str, reviewer: str | None, key: str | None
) -> None:
    """Waive one check's findings on one entry, for a recorded reason; void once either text changes."""
    from l10n.core.signing import signer_from
    from l10n.workflow.review import waive

    config = _config(ctx)
    (code,) = _locales(config, (locale,))
    where, covered = waive(config, code, entry, check, reason, reviewer, signer_from(key, config.root))
    click.echo(f"waived: {where} [{check}]")
    for message in covered:
        click.echo(f"  {message}")


@review_command.command("send-back")
@click.option("--locale", "-l", "locale", required=True)
@click.option("--entry", "-e", "entry", required=True, help="The entry: source/x.md:LINE or its catalog path:line.")
@click.option("--note", "-n", "note", required=True, help="What the translator should change (one line, written into the entry).")
@_REVIEWER
@click.pass_context
def send_back_command(ctx: click.Context, locale: str, entry: str, note: str, reviewer: str | None) -> None:
    """Send a translation back to its translator with a note: it becomes fuzzy and stays unapproved."""
    from l10n.core.identity import reviewer_name
    from l10n.workflow.send_back import send_back

    config = _config(ctx)
    (code,) = _locales(config, (locale,))
    where = send_back(config, code, entry, note, reviewer_name(reviewer, config.root))
    click.echo(f"sent back: {where}")


@review_command.command("serve")
@_locale_option()
@click.option(
    "--port", "-p", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port on 127.0.0.1 (0: a free one)."
)
@_REVIEWER
@_KEY
@click.pass_context
def serve_command(ctx: click.Context, locale: tuple[str, ...], port: int, reviewer: str | None, key: str | None) -> None:
    """Serve the reviewer's page on 127.0.0.1 with Approve, Waive and Send back buttons (Ctrl-C stops)."""
    from l10n.core.signing import signer_from
    from l10n.render.review_app import prepare
    from l10n.workflow.review import acting

    config = _config(ctx)
    signer = signer_from(key, config.root)
    who = acting(config, reviewer, signer).name  # refused here, as approve refuses, without a key the project needs
    try:
        served = prepare(config, who, _locales(config, locale), port, signer)
    except ImportError as exc:
        msg = f"l10n review serve needs the 'serve' extra: pip install 'l10n[serve]' ({exc.name} is missing)"
        raise click.ClickException(msg) from None
    click.echo(f"Reviewing as {who}")
    click.echo(f"Open {served.url}")
    click.echo("The link works once, in one browser; Ctrl-C stops the server.", err=True)
    served.run()


@review_command.command("log")
@_locale_option()
@_article_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def log_command(ctx: click.Context, locale: tuple[str, ...], article: tuple[str, ...], fmt: str) -> None:
    """The audit trail: every approval and waiver, whether it still matches its text, and its signature."""
    import json

    from l10n.workflow.review import log

    config = _config(ctx)
    records = log(config, _locales(config, locale), _articles(config, article))
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
        return
    for r in records:
        what = r.kind if r.kind == "approval" else f"waiver [{r.check}]"
        state = ("valid" if r.valid else "void") + (" (obsolete)" if r.obsolete else "")
        reason = f"\t{r.reason}" if r.reason else ""
        click.echo(f"{r.date}\t{r.by}\t{what}\t{state}\t{r.signature}\t{r.path}:{r.line}\t{r.source}{reason}")
    unverified = sum(r.signature != "verified" for r in records)
    click.echo(f"{len(records)} record(s), {sum(not r.valid for r in records)} void, {unverified} not verified", err=True)
