"""The page of ``l10n status --format html``: one self-contained HTML file.

Rules:

1. The input is exactly the JSON document of ``l10n status --format json`` (schema 1). The
   page shows nothing that is not in it, in the data's order, so the same data gives the same
   bytes (no clock, no randomness).
2. Self-contained and escaped, as :mod:`l10n.render.html` says; the only URLs are the catalog
   links that the caller's ``link(path, line)`` returns.
3. The page is in English. A locale's name is shown as its English name, then its own name
   in its own ``lang`` and ``dir``.
4. The review queue shows each item's draft or translation beside its source text, each
   marked with its language (``lang`` and ``dir``), so that Arabic is shaped right to left.
5. Colour is never the only carrier: every figure is text too. The colours and the stylesheet
   are :mod:`l10n.render.report_style`.
6. On a phone (390 CSS pixels) nothing widens the page: the tables become one card per row.
   Printing drops the navigation, keeps the bar colours and shows whole texts. On a desktop
   (1280 CSS pixels) an article's table fits without scrolling sideways; its first columns
   are what decides publishing: the locale, "% reviewed" and "Publishable".
7. Each locale says its next step in words, with the command that does it ("26 units
   untranslated: ``l10n translate --locale de`` or ``l10n export --format xliff --pending``"),
   the most pressing first; an element with ``data-next-step="L"`` holds them.

DOM contract (what a test reads back): each figure is the whole ``textContent`` of exactly one
element carrying ``data-figure="KEY"``. ``L`` is a locale code, ``A`` an article id (it may
contain ``/``), ``S`` a state of ``data["states"]`` or ``total``, ``i`` an index in
``data["queue"]``, ``n`` an index in an article's ``reasons``:

=================================================  ==========================================
key                                                text
=================================================  ==========================================
``locale/L/units/S``, ``locale/L/words/S``         integer with thousands commas (``1,234``)
``locale/L/errors``, ``locale/L/articles``,        integer
``locale/L/publishable``
``locale/L/reviewed_percent``                      one decimal, no ``%`` sign (``93.2``)
``article/L/A/units/S``, ``article/L/A/words/S``,  integer
``article/L/A/errors``
``article/L/A/reviewed_percent``                   one decimal
``article/L/A/publishable``                        ``yes`` or ``no``
``article/L/A/reason/n``                           the reason's text
``queue/i/locale``, ``queue/i/state``,             the item's value as given
``queue/i/source``, ``queue/i/msgid``,
``queue/i/msgstr``
``queue/i/words``                                  integer
``queue/i/age_days``                               one decimal, empty when null
``queue/i/checks``                                 names joined by ``", "``, empty when none
``queue/i/position``                               ``path:line``; the element is the ``<a>``
                                                   whose ``href`` is ``link(path, line)``
``locale/L/waived``, ``article/L/A/waived``        integer: units with a waived finding
``waiver/j/check``, ``waiver/j/by``,               the value as given (``j`` an index in
``waiver/j/date``, ``waiver/j/reason``             ``data["waivers"]``)
``waiver/j/position``                              as ``queue/i/position``
``locale/L/glossary``                              the warning of glossary terms without a rendering
=================================================  ==========================================

Each segment of a locale's bar is a ``<span>`` with ``data-locale``, ``data-state`` and
``data-words``; its width is proportional to its words (``flex-grow``), at least 3 pixels when
it has any.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from l10n.core.locales import bcp47
from l10n.glossary.gaps import note_of
from l10n.render.html import BASE_CSS, decimal, e, figure, head, integer, native, path_text, plural, safe_href
from l10n.render.report_style import REPORT_CSS, SPARE_COLOURS, STATE_COLOURS

STATE_MEANINGS: dict[str, str] = {
    "reviewed": "approved translation that passes the error-level checks",
    "unapproved": "translated, awaiting approval: no recorded approval matches its text, or too few reviewers",
    "draft": "machine or reuse draft waiting for a reviewer",
    "outdated": "translation of a source text that has since changed",
    "flagged": "fuzzy with no record of why: flagged by hand, or outdated by a msgmerge without --previous",
    "failing": "reviewed, but fails an error-level check: published in English",
    "untranslated": "no translation yet",
}

_e, _int, _pct, _path, _fig, _plural = e, integer, decimal, path_text, figure, plural


def _waived(row: dict[str, Any]) -> int:
    return int((row.get("waived") or {}).get("units", 0))


class _Page:
    """The pieces of one report; each method returns an HTML fragment."""

    def __init__(self, data: dict[str, Any], link: Callable[[str, int], str]) -> None:
        if data.get("schema") != 1:
            msg = f"status report schema {data.get('schema')!r} is not 1"
            raise ValueError(msg)
        self.data = data
        self.link = link
        self.states: list[str] = list(data["states"])
        self.locales: dict[str, dict[str, Any]] = {loc["locale"]: loc for loc in data["locales"]}
        spare = iter(SPARE_COLOURS * (1 + len(self.states)))
        self.colours = {s: STATE_COLOURS.get(s) or next(spare) for s in self.states}
        self.source_lang = bcp47(str(data.get("source_locale") or "en"))

    # -- small pieces ---------------------------------------------------------------

    def swatch(self, state: str) -> str:
        i = self.states.index(state)
        stripes = " stripes" if state == "failing" else ""
        return f'<span class="swatch st{i}{stripes}" aria-hidden="true"></span>'

    def native(self, code: str) -> str:
        """The locale's own name, marked with its language and direction (rule 4)."""
        return native(self.locales.get(code, {}), code)

    def lang_dir(self, code: str) -> str:
        """The ``lang`` and ``dir`` attributes of a text in *code*."""
        loc = self.locales.get(code, {})
        return f'lang="{_e(loc.get("lang") or bcp47(code))}" dir="{_e(loc.get("dir") or "ltr")}"'

    def locale_name(self, code: str) -> str:
        loc = self.locales.get(code, {})
        english = loc.get("name") or ""
        if english and english != loc.get("native_name"):
            return f'<span class="locale-name">{_e(english)} - {self.native(code)}</span>'
        return f'<span class="locale-name">{self.native(code)}</span>'

    def href(self, path: str, line: int) -> str | None:
        return safe_href(self.link(path, line))

    # -- sections -------------------------------------------------------------------

    def head(self) -> str:
        title = f"Localization status - {self.data.get('project', '')}"
        style = "".join(f".st{i}{{background-color:{c}}}\n" for i, c in enumerate(self.colours.values()))
        return head(title, BASE_CSS + REPORT_CSS + style)

    def header(self) -> str:
        data = self.data
        policy = data.get("policy", {})
        required = policy.get("required") or []
        rules = (
            f"at least <strong>{float(policy.get('min_reviewed', 100)):g}%</strong> of its words are reviewed"
            " and every required unit is reviewed (marked <code>&lt;!-- l10n:required --&gt;</code> in the source"
        )
        if required:
            patterns = ", ".join(f"<code>{_e(p)}</code>" for p in required)
            rules += f", or matching {patterns}"
        rules += ")"
        if policy.get("require_approval", True):
            count, required_count = int(policy.get("min_approvals", 1)), int(policy.get("min_approvals_required_units", 1))
            rules += (
                f"; reviewed means approved, as it stands now, by {count} {_plural(count, 'person')}"
                f" ({max(count, required_count)} for a required unit)"
            )
        articles = list(dict.fromkeys(a["article"] for a in data["articles"]))
        queued = len(data["queue"])
        return (
            f'<header>\n<h1>Localization status <span class="muted">{_e(data.get("project", ""))}</span></h1>\n'
            f"<p>Source locale <code>{_e(data.get('source_locale', ''))}</code> · "
            f"{len(self.locales)} target {_plural(len(self.locales), 'locale')} · "
            f"{len(articles)} {_plural(len(articles), 'article')} · "
            f"{queued} {_plural(queued, 'unit')} waiting for review</p>\n"
            f"<p>An article is publishable in a locale when {rules}.</p>\n"
            '<nav aria-label="Sections"><a href="#locales">Locales</a><a href="#articles">Articles</a>'
            '<a href="#queue">Review queue</a><a href="#waivers">Waivers</a></nav>\n</header>\n'
        )

    def legend(self) -> str:
        items = []
        for state in self.states:
            meaning = STATE_MEANINGS.get(state)
            text = f': <span class="muted">{_e(meaning)}</span>' if meaning else ""
            items.append(f"<li>{self.swatch(state)}<strong>{_e(state)}</strong>{text}</li>")
        return f'<ul class="legend" aria-label="States">{"".join(items)}</ul>\n'

    def locale_section(self, loc: dict[str, Any]) -> str:
        code = loc["locale"]
        key = f"locale/{code}"
        units, words = loc["units"], loc["words"]
        total = int(words.get("total", 0))
        segments = []
        described = []
        for i, state in enumerate(self.states):
            count = int(words.get(state, 0))
            described.append(f"{count:,} {state}")
            if count <= 0:
                continue
            share = f"{100 * count / total:.1f}%" if total else ""
            stripes = " stripes" if state == "failing" else ""
            segments.append(
                f'<span class="st{i}{stripes}" style="flex-grow:{count}" data-locale="{_e(code)}" '
                f'data-state="{_e(state)}" data-words="{count}" title="{_e(state)}: {count:,} words ({share})"></span>'
            )
        label = f"{loc.get('name') or code}: {_pct(loc['reviewed_percent'])}% of {total:,} words reviewed; {', '.join(described)}"
        counts = "".join(
            f"<li>{self.swatch(state)}{_e(state)} {_fig(f'{key}/words/{state}', _int(words.get(state, 0)))} "
            f"{_plural(int(words.get(state, 0)), 'word')}, {_fig(f'{key}/units/{state}', _int(units.get(state, 0)))} "
            f"{_plural(int(units.get(state, 0)), 'unit')}</li>"
            for state in self.states
        )
        errors = int(loc.get("errors", 0))
        return (
            f'<section class="locale" data-locale="{_e(code)}">\n'
            f"<h3>{self.locale_name(code)} <code>{_e(code)}</code></h3>\n"
            f"<p><strong>{_fig(f'{key}/reviewed_percent', _pct(loc['reviewed_percent']))}%</strong> of "
            f"{_fig(f'{key}/words/total', _int(words.get('total', 0)))} words reviewed · "
            f"{_fig(f'{key}/units/total', _int(units.get('total', 0)))} {_plural(int(units.get('total', 0)), 'unit')} · "
            f"{_fig(f'{key}/errors', _int(errors))} {_plural(errors, 'error')} · "
            f"{_fig(f'{key}/waived', _int(_waived(loc)))} {_plural(_waived(loc), 'unit')} with waived findings · "
            f"{_fig(f'{key}/publishable', _int(loc.get('publishable', 0)))} of "
            f"{_fig(f'{key}/articles', _int(loc.get('articles', 0)))} {_plural(int(loc.get('articles', 0)), 'article')} "
            "publishable</p>\n"
            f'<div class="bar" role="img" aria-label="{_e(label)}">{"".join(segments)}</div>\n'
            f'<ul class="counts">{counts}</ul>\n{self.next_steps(code, units)}</section>\n'
        )

    def next_steps(self, code: str, units: dict[str, Any]) -> str:
        """What to do next in *code*, in words and commands, the most pressing first (rule 7)."""
        steps = []
        for states, what, commands in _NEXT_STEPS:
            count = sum(int(units.get(state, 0)) for state in states)
            if count:
                runs = " or ".join(f"<code>{_e(c.format(locale=code))}</code>" for c in commands)
                steps.append(f"<li>{count:,} {_plural(count, 'unit')} {_e(what)}: {runs}</li>")
        if note := note_of(code, self.locales.get(code, {}).get("glossary")):  # terms it has no rendering for
            steps.append(f"<li>{_fig(f'locale/{code}/glossary', note)}</li>")
        if not steps:
            steps.append("<li>Nothing to do: every unit is reviewed.</li>")
        return f'<ul class="next" data-next-step="{_e(code)}" aria-label="Next steps">{"".join(steps)}</ul>\n'

    def locales_section(self) -> str:
        body = "".join(self.locale_section(loc) for loc in self.data["locales"])
        if not body:
            body = '<p class="empty">No target locale is configured.</p>\n'
        return (
            '<section id="locales">\n<h2>Locales</h2>\n'
            "<p>Each bar is split by the words of the source in each state.</p>\n"
            f"{self.legend()}{body}</section>\n"
        )

    def article_table(self, number: int, article: str, rows: list[dict[str, Any]]) -> str:
        columns = [*self.states, "total"]
        head = "".join(
            f'<th scope="col" class="num">{self.swatch(s) if s in self.states else ""}{_e(s.capitalize())}</th>' for s in columns
        )
        body = []
        for row in rows:
            code = row["locale"]
            key = f"article/{code}/{article}"
            cells = [f'<td class="wide who" data-label="Locale"><div>{self.locale_name(code)} <code>{_e(code)}</code></div></td>']
            cells.append(
                f'<td class="num" data-label="% reviewed"><div>'
                f"{_fig(f'{key}/reviewed_percent', _pct(row['reviewed_percent']))}%</div></td>"
            )
            yes = bool(row.get("publishable"))
            reasons = "".join(f"<li>{_fig(f'{key}/reason/{n}', str(r))}</li>" for n, r in enumerate(row.get("reasons") or []))
            reasons = f'<ul class="reasons">{reasons}</ul>' if reasons else ""
            cells.append(
                f'<td class="wide why" data-label="Publishable"><div>'
                f"{_fig(f'{key}/publishable', 'yes' if yes else 'no', cls='yes' if yes else 'no')}{reasons}</div></td>"
            )
            for state in columns:
                words = _fig(f"{key}/words/{state}", _int(row["words"].get(state, 0)))
                units = _fig(f"{key}/units/{state}", _int(row["units"].get(state, 0)))
                count = int(row["units"].get(state, 0))
                cells.append(
                    f'<td class="num" data-label="{_e(state.capitalize())}"><div>{words} '
                    f"{_plural(int(row['words'].get(state, 0)), 'word')}"
                    f'<span class="sub">{units} {_plural(count, "unit")}</span></div></td>'
                )
            errors = _fig(f"{key}/errors", _int(row.get("errors", 0)))
            waived = f'<span class="sub">{_fig(f"{key}/waived", _int(_waived(row)))} waived</span>'
            cells.append(f'<td class="num" data-label="Errors"><div>{errors}{waived}</div></td>')
            body.append(f"<tr>{''.join(cells)}</tr>\n")
        source = rows[0].get("source", "")
        return (
            f'<section class="article" id="article-{number}">\n'
            f'<h3><span class="article-name">{_e(article)}</span></h3>\n'
            f'<p class="muted">Source <code>{_e(source)}</code></p>\n'
            f'<div class="table-wrap"><table class="cards">\n'
            "<caption>Each state: words of the source, then units.</caption>\n"
            f'<thead><tr><th scope="col">Locale</th><th scope="col" class="num">% reviewed</th>'
            f'<th scope="col">Publishable</th>{head}<th scope="col" class="num">Errors</th></tr></thead>\n'
            f"<tbody>\n{''.join(body)}</tbody></table></div>\n</section>\n"
        )

    def articles_section(self) -> str:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in self.data["articles"]:
            grouped.setdefault(row["article"], []).append(row)
        body = "".join(self.article_table(n, article, rows) for n, (article, rows) in enumerate(grouped.items()))
        if not body:
            body = '<p class="empty">No article.</p>\n'
        return f'<section id="articles">\n<h2>Articles</h2>\n{body}</section>\n'

    def position(self, key: str, item: dict[str, Any]) -> str:
        """The catalog ``path:line`` of *item*, linked (rule 3)."""
        position = f"{item['path']}:{item['line']}"
        href = self.href(str(item["path"]), int(item["line"]))
        if href is None:
            return _fig(f"{key}/position", position, tag="code", path=True)
        return f'<code><a href="{_e(href)}" data-figure="{_e(key)}/position">{_path(position)}</a></code>'

    def queue_row(self, i: int, item: dict[str, Any]) -> str:
        key = f"queue/{i}"
        where = self.position(key, item)
        age = item.get("age_days")
        checks = ", ".join(item.get("checks") or [])
        dash = "" if checks else '<span class="muted">none</span>'
        age_dash = "" if age is not None else '<span class="muted">-</span>'
        cells = [
            f'<td class="wide" data-label="Catalog"><div>{where}</div></td>',
            f'<td data-label="Locale"><div>{_fig(f"{key}/locale", str(item["locale"]), tag="code")} '
            f"{self.native(str(item['locale']))}</div></td>",
            f'<td data-label="State"><div>{_fig(f"{key}/state", str(item["state"]))}</div></td>',
            f'<td class="num" data-label="Words"><div>{_fig(f"{key}/words", _int(item["words"]))}</div></td>',
            f'<td class="num" data-label="Age (days)"><div>'
            f"{_fig(f'{key}/age_days', '' if age is None else _pct(age))}{age_dash}</div></td>",
            f'<td data-label="Checks"><div>{_fig(f"{key}/checks", checks, tag="code")}{dash}</div></td>',
            f'<td data-label="Source"><div>{_fig(f"{key}/source", str(item.get("source", "")), tag="code", path=True)}'
            "</div></td>",
            f'<td class="wide msgid" data-label="Source text"><div class="clamp" lang="{_e(self.source_lang)}">'
            f"{_fig(f'{key}/msgid', str(item.get('msgid', '')))}</div></td>",
            f'<td class="wide msgid" data-label="Translation"><div class="clamp" {self.lang_dir(str(item["locale"]))}>'
            f"{_fig(f'{key}/msgstr', str(item.get('msgstr', '')))}</div></td>",
        ]
        return f"<tr>{''.join(cells)}</tr>\n"

    def queue_section(self) -> str:
        items = self.data["queue"]
        if not items:
            return '<section id="queue">\n<h2>Review queue</h2>\n<p class="empty">Nothing waits for review.</p>\n</section>\n'
        rows = "".join(self.queue_row(i, item) for i, item in enumerate(items))
        head = "".join(f'<th scope="col"{cls}>{name}</th>' for name, cls in _QUEUE_COLUMNS)
        return (
            '<section id="queue">\n<h2>Review queue</h2>\n'
            "<p>Translations awaiting approval, drafts and outdated translations, each beside its source text and"
            " linked to its catalog entry.</p>\n"
            f'<div class="table-wrap"><table class="cards">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}</tbody></table></div>\n</section>\n"
        )

    def waivers_section(self) -> str:
        items = self.data.get("waivers") or []
        rows = []
        for j, item in enumerate(items):
            key = f"waiver/{j}"
            cells = [(self.position(key, item), "Catalog", "wide")]
            cells += [(_fig(f"{key}/{name}", str(item[name]), tag=tag), name.capitalize(), "") for name, tag in _WAIVER_FIELDS]
            cells.append((f'<span class="clamp">{_e("; ".join(item.get("findings") or []))}</span>', "Findings", "wide msgid"))
            rows.append(
                "<tr>" + "".join(f'<td class="{c}" data-label="{n}"><div>{v}</div></td>' for v, n, c in cells) + "</tr>\n"
            )
        body = (
            '<div class="table-wrap"><table class="cards">\n<thead><tr><th scope="col">Catalog</th>'
            + "".join(f'<th scope="col">{name.capitalize()}</th>' for name, _ in _WAIVER_FIELDS)
            + f'<th scope="col">Findings</th></tr></thead>\n<tbody>\n{"".join(rows)}</tbody></table></div>\n'
            if rows
            else '<p class="empty">No finding is waived.</p>\n'
        )
        return (
            '<section id="waivers">\n<h2>Waivers</h2>\n<p>Error findings a reviewer judged acceptable on these exact texts, '
            f"with the reason; void as soon as either text changes.</p>\n{body}</section>\n"
        )


_NEXT_STEPS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        ("untranslated",),
        "untranslated",
        ("l10n translate --locale {locale}", "l10n export --format xliff --pending --locale {locale} --out {locale}.xlf"),
    ),
    (("outdated", "flagged"), "outdated or flagged (fuzzy)", ("l10n review --locale {locale}",)),
    (("draft", "unapproved"), "waiting for a reviewer", ("l10n review --locale {locale}",)),
    (("failing",), "reviewed but failing an error-level check", ("l10n check --locale {locale}",)),
)
"""A locale's next steps (rule 7): the states that call for one, what they are, the commands that do it."""

_WAIVER_FIELDS = (("check", "code"), ("by", "span"), ("date", "span"), ("reason", "span"))

_QUEUE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Catalog", ""),
    ("Locale", ""),
    ("State", ""),
    ("Words", ' class="num"'),
    ("Age (days)", ' class="num"'),
    ("Checks", ""),
    ("Source", ""),
    ("Source text", ""),
    ("Translation", ""),
)


def render(data: dict[str, Any], link: Callable[[str, int], str]) -> str:
    """The report page for *data* (the ``--format json`` document); *link* gives catalog hrefs."""
    page = _Page(data, link)
    return (
        f"{page.head()}<body>\n<main>\n{page.header()}{page.locales_section()}"
        f"{page.articles_section()}{page.queue_section()}{page.waivers_section()}</main>\n</body>\n</html>\n"
    )
