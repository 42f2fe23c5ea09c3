"""The reviewer's page (``l10n review --format html``): one self-contained HTML file.

Written for clinicians who review translations, not for users of PO editors: plain words, the
source and the translation side by side, what differs highlighted, and the command to run.

Rules:

1. The input is exactly the JSON document of ``l10n review --format json``
   (:mod:`l10n.workflow.review_page`, schema 1); the page shows nothing that is not in it, in its
   order, so the same data gives the same bytes.
2. Self-contained and escaped, as :mod:`l10n.render.html` says: no script (nothing needs one: a
   command is selected with one click by CSS ``user-select: all``), no font, no image, no
   URL but the page's own ``#`` anchors.
3. Each text is marked with its language: the source with the source language's ``lang``,
   the translation with its locale's ``lang`` and ``dir`` (Arabic right to left), a
   back-translation with the source language's.
4. Highlights (``<mark>``) carry their kind in a class and in ``data-kind``, and
   ``data-alone`` when the other text lacks them. Colour is never the only carrier: each kind
   has its own underline, a mark the other text lacks is outlined and followed by a ``≠``
   drawn by CSS (not part of the text, :mod:`l10n.render.review_style`), and the "Look closely"
   list says the same in words.
5. The back-translation, when there is one, is introduced as what it is: a machine's
   translation of the translation, an aid to spot a meaning flip, not an approval.
6. On a phone nothing widens the page (:mod:`l10n.render.review_style`).
7. What changed is shown as a word diff (:mod:`l10n.text.diff`): since the approval, on a card
   edited after approval (or why the approved text cannot be shown), and in the source, on an
   outdated card. Deletions are ``<del>``, insertions ``<ins>``, each also struck out or
   underlined and bracketed by CSS (``[-...]``, ``[+...]``, not part of the text): never colour
   alone. The highlights of either text are laid over the pieces.
8. The cards come in the queue's order, most urgent first, one section per rank (``urgency``).
9. The page says whose identity the commands will record, in the words of
   :mod:`l10n.render.review_words`.

DOM contract (what a test reads back, as :mod:`l10n.render.html` rule 4 says): ``i`` is an
index in ``data["items"]``, ``n`` an index in one of its lists, ``L`` a locale, ``A`` an
article:

=============================================  ==============================================
key                                            text
=============================================  ==============================================
``item/i/locale``, ``item/i/article``,         the item's value as given
``item/i/state``, ``item/i/source``,
``item/i/msgid``, ``item/i/msgstr``,
``item/i/entry``
``item/i/position``                            ``path:line``
``item/i/previous``, ``item/i/draft``,         as given, when not null or empty
``item/i/blocked``
``item/i/approvers``, ``item/i/needed``        integer
``item/i/approve``                             the command, when not null
``item/i/approval/n``, ``item/i/void/n``       the approver (``by``)
``item/i/finding/n``                           the finding's message; ``item/i/check/n`` its
                                               check, ``item/i/severity/n`` its severity
``item/i/waive/n``                             the finding's waive command, when not null, on
                                               the last finding of its check (one waiver
                                               covers all of them)
``item/i/waived/n``                            a waived finding's message
``item/i/term/n``, ``item/i/rendering/n``      a glossary term and its required rendering
``item/i/diff/deleted/n``,                     piece *n* of the diff since the approval, when
``item/i/diff/inserted/n``                     deleted or inserted
``item/i/source_diff/deleted/n``, ...          the same for the source's diff
``item/i/approved_missing``                    why the approved text cannot be shown
``item/i/comment``, ``item/i/notes``           the translator's and the extracted comments
``item/i/sent_back/n``                         a reviewer's note
``item/i/send_back``                           the send-back command
``identity``                                   whose name the commands record, when known
``item/i/back``                                the back-translation, when there is one
``item/i/back_error``                          why there is none, when it failed
``count/L/A``                                  integer: units waiting
=============================================  ==============================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from l10n.render.html import e, figure, head, integer, native, path_text, plural
from l10n.render.review_changes import changes, comments
from l10n.render.review_style import CSS
from l10n.render.review_words import KIND_WORDS, LEGEND, STATE_WORDS, identity, verified

_URGENT = frozenset({"edited after approval", "outdated", "pseudo draft"})

Actions = Callable[[int, dict[str, Any]], str]
"""What the served page puts on a card in place of the commands: its buttons (:mod:`l10n.render.review_app`)."""


class _Page:
    """The pieces of one page; each method returns an HTML fragment."""

    def __init__(self, data: dict[str, Any], actions: Actions | None = None) -> None:
        self.actions = actions
        if data.get("schema") != 1:
            msg = f"review page schema {data.get('schema')!r} is not 1"
            raise ValueError(msg)
        self.data = data
        self.languages: dict[str, dict[str, Any]] = {lang["locale"]: lang for lang in data.get("languages") or []}
        self.source = str(data.get("source_locale") or "en")
        self.back = data.get("back_translation")

    def language(self, code: str) -> dict[str, Any]:
        return self.languages.get(code, {"locale": code, "name": code})

    def attrs(self, code: str) -> str:
        """``lang`` and ``dir`` of a text written in *code* (rule 3)."""
        lang = self.language(code)
        return f'lang="{e(lang.get("lang") or code.replace("_", "-"))}" dir="{e(lang.get("dir") or "ltr")}"'

    def name(self, code: str) -> str:
        return str(self.language(code).get("name") or code)

    # -- pieces -----------------------------------------------------------------------

    def marked(self, key: str, text: str, marks: Sequence[dict[str, Any]], code: str) -> str:
        """*text* with its highlights (rule 4); the element's whole text is the figure *key*."""
        out, pos = [], 0
        for mark in marks:
            start, end = int(mark["start"]), int(mark["end"])
            if start < pos or end > len(text):
                continue
            kind = str(mark["kind"])
            alone = " data-alone" if mark.get("alone") else ""
            out.append(e(text[pos:start]))
            out.append(f'<mark class="m-{e(kind)}" data-kind="{e(kind)}"{alone}>{e(text[start:end])}</mark>')
            pos = end
        out.append(e(text[pos:]))
        return f'<p class="body" {self.attrs(code)} data-figure="{e(key)}">{"".join(out)}</p>'

    def changes(self, key: str, item: dict[str, Any]) -> str:
        return changes(key, item, self.attrs, self.name(self.source), self.source)

    def comments(self, key: str, item: dict[str, Any]) -> str:
        return comments(key, item)

    def look(self, item: dict[str, Any]) -> str:
        """What differs, in words (rule 4)."""
        target = self.name(item["locale"])
        lines = []
        sides = [("msgid", f"only in the {self.name(self.source)}"), ("msgstr", f"only in the {target}")]
        for side, where in sides:
            for mark in item["marks"][side]:
                if mark.get("alone"):
                    lines.append(f"{KIND_WORDS.get(mark['kind'], mark['kind'])} <q>{e(mark['text'])}</q> is {where}.")
        back = item.get("back")
        if back and back.get("text"):
            for mark in back["marks"]:
                if mark.get("alone"):
                    what = KIND_WORDS.get(mark["kind"], mark["kind"])
                    lines.append(f"{what} <q>{e(mark['text'])}</q> is in the back-translation, not in the source.")
        if not lines:
            return ""
        items = "".join(f"<li>{line}</li>" for line in lines)
        return f'<div class="look"><h4>Look closely</h4><ul>{items}</ul></div>\n'

    def findings(self, key: str, item: dict[str, Any]) -> str:
        rows = []
        findings = item.get("findings") or []
        last = {str(f["check"]): n for n, f in enumerate(findings)}  # one waiver covers a check's findings
        for n, finding in enumerate(findings):
            severity = str(finding["severity"])
            waive = finding.get("waive") if last[str(finding["check"])] == n and self.actions is None else None
            many = sum(f["check"] == finding["check"] for f in findings) > 1
            how = (
                f"<br>If {'these are' if many else 'it is'} acceptable, waive {'them' if many else 'it'} "
                "(write your reason in the quotes):"
                f'<pre class="cmd"><code data-figure="{e(key)}/waive/{n}">{e(waive)}</code></pre>'
                if waive
                else ""
            )
            rows.append(
                f"<li>{figure(f'{key}/severity/{n}', severity, cls=f'sev {e(severity)}')} "
                f"{figure(f'{key}/check/{n}', str(finding['check']), tag='code')}: "
                f"{figure(f'{key}/finding/{n}', str(finding['message']))}{how}</li>"
            )
        for n, waived in enumerate(item.get("waived") or []):
            rows.append(
                f"<li>Waived <code>{e(waived['check'])}</code>: {figure(f'{key}/waived/{n}', str(waived['message']))} "
                f'<span class="muted">(by {e(waived["by"])} on {e(waived["date"])}: {e(waived["reason"])})</span></li>'
            )
        if not rows:
            return '<h4>Checks</h4><p class="muted">The automatic checks found nothing.</p>\n'
        return f'<div class="findings"><h4>Checks</h4><ul>{"".join(rows)}</ul></div>\n'

    def terms(self, key: str, item: dict[str, Any]) -> str:
        terms = item.get("terms") or []
        if not terms:
            return ""
        rows = []
        for n, term in enumerate(terms):
            rendering = figure(f"{key}/rendering/{n}", str(term["rendering"]))
            keep = ' <span class="muted">(keep as is)</span>' if term.get("keep") else ""
            other = [f"also: {', '.join(map(str, term['variants']))}"] if term.get("variants") else []
            other += [f"never: {', '.join(map(str, term['forbidden']))}"] if term.get("forbidden") else []
            extra = f'<span class="sub">{e("; ".join(other))}</span>' if other else ""
            problem = str(term.get("problem") or "")
            verdict = f'<span class="blocked">{e(problem)}</span>' if problem else '<span class="found">found</span>'
            note = f'<span class="sub">{e(term["note"])}</span>' if term.get("note") else ""
            rows.append(
                f'<tr><td data-label="Term" lang="{e(self.language(self.source).get("lang") or self.source)}">'
                f"{figure(f'{key}/term/{n}', str(term['term']))}{note}</td>"
                f'<td data-label="Required rendering" {self.attrs(item["locale"])}>{rendering}{keep}{extra}</td>'
                f'<td data-label="In the translation">{verdict}</td></tr>'
            )
        return (
            '<div class="terms"><h4>Glossary terms</h4><div class="table-wrap"><table class="cards">'
            '<thead><tr><th scope="col">Term</th><th scope="col">Required rendering</th>'
            f'<th scope="col">In the translation</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>\n'
        )

    def history(self, key: str, item: dict[str, Any]) -> str:
        parts = []
        if item.get("draft"):
            words = f"{e(item['draft_words'])} " if item.get("draft_words") else ""
            parts.append(f"Draft: {words}({figure(f'{key}/draft', str(item['draft']), tag='code')})")
        for n, approval in enumerate(item.get("approvals") or []):
            parts.append(
                f"Approved by {figure(f'{key}/approval/{n}', str(approval['by']))} on {e(approval['date'])}{verified(approval)}"
            )
        for n, approval in enumerate(item.get("void") or []):
            parts.append(
                f"Approved by {figure(f'{key}/void/{n}', str(approval['by']))} on {e(approval['date'])}{verified(approval)}, "
                "<strong>no longer valid</strong>: the text was changed after"
            )
        approvals = (
            f"Approvals: {figure(f'{key}/approvers', integer(int(item.get('approvers', 0))))} of "
            f"{figure(f'{key}/needed', integer(int(item.get('needed', 0))))} needed"
        )
        parts.append(approvals)
        return f'<p class="meta">{" · ".join(parts)}</p>\n'

    def approve(self, key: str, item: dict[str, Any]) -> str:
        if self.actions is not None:
            return self.actions(int(key.rsplit("/", 1)[1]), item)
        blocked = str(item.get("blocked") or "")
        note = f"<p>{figure(f'{key}/blocked', blocked, cls='blocked')}</p>" if blocked else ""
        command = item.get("approve")
        back = item.get("send_back")
        send = (
            "<p>If it must be corrected, send it back to the translator with a note (write it in the quotes):</p>"
            f'<pre class="cmd"><code data-figure="{e(key)}/send_back">{e(back)}</code></pre>'
            if back
            else ""
        )
        if not command:
            return f"<h4>To approve</h4>{note or '<p>It cannot be approved.</p>'}{send}\n"
        intro = (
            "Once that is done, and it says the same as the English, run this in the project folder:"
            if note
            else "When it says the same as the English, run this in the project folder:"
        )
        return (
            f"<h4>To approve</h4>{note}<p>{intro}</p>"
            f'<pre class="cmd"><code data-figure="{e(key)}/approve">{e(command)}</code></pre>{send}\n'
        )

    # -- sections ---------------------------------------------------------------------

    def unit(self, i: int, item: dict[str, Any]) -> str:
        key = f"item/{i}"
        code = str(item["locale"])
        state = str(item["state"])
        urgent = " urgent" if state in _URGENT else ""
        required = ' <span class="required">required</span>' if item.get("required") else ""
        position = f"{item['path']}:{item['line']}"
        texts = [
            f'<section class="text"><h4>{e(self.name(self.source))} (source)</h4>'
            f"{self.marked(f'{key}/msgid', str(item['msgid']), item['marks']['msgid'], self.source)}</section>",
            f'<section class="text"><h4>{e(self.name(code))} translation</h4>'
            f"{self.marked(f'{key}/msgstr', str(item['msgstr']), item['marks']['msgstr'], code)}</section>",
        ]
        back = item.get("back")
        if back is not None:
            engine = e((self.back or {}).get("engine", ""))
            heading = f"Back into {e(self.name(self.source))} by the machine ({engine}): an aid, not an approval"
            if back.get("text"):
                body = self.marked(f"{key}/back", str(back["text"]), back["marks"], self.source)
            else:
                body = f'<p class="muted">Not available: {figure(f"{key}/back_error", str(back.get("error", "")))}</p>'
            texts.append(f'<section class="text back"><h4>{heading}</h4>{body}</section>')
        previous = ""
        if item.get("previous") is not None:
            previous = (
                f"<p>It was translated from this earlier English: "
                f"<q {self.attrs(self.source)}>{figure(f'{key}/previous', str(item['previous']))}</q></p>\n"
            )
        return (
            f'<article class="unit" id="unit-{i}">\n'
            f'<h3><span class="state{urgent}">{figure(f"{key}/state", state)}</span>{required} '
            f"{figure(f'{key}/source', str(item['source']), tag='code', path=True)}</h3>\n"
            f'<p class="meta">{e(STATE_WORDS.get(state, ""))}</p>\n'
            f'<p class="meta">{figure(f"{key}/locale", code, tag="code")} {native(self.language(code), code)} · article '
            f"{figure(f'{key}/article', str(item['article']), tag='code', path=True)} · catalog "
            f"{figure(f'{key}/position', position, tag='code', path=True)} · entry "
            f"{figure(f'{key}/entry', str(item['entry']), tag='code', path=True)}</p>\n"
            f'<div class="texts">{"".join(texts)}</div>\n{previous}{self.changes(key, item)}{self.look(item)}'
            f"{self.comments(key, item)}{self.findings(key, item)}{self.terms(key, item)}"
            f"{self.history(key, item)}{self.approve(key, item)}"
            "</article>\n"
        )

    def header(self) -> str:
        data = self.data
        items = data["items"]
        counts = "".join(
            f"<li>{e(self.name(c['locale']))} <code>{e(c['locale'])}</code>, "
            f"{path_text(str(c['article']))}: "
            f"{figure('count/' + str(c['locale']) + '/' + str(c['article']), integer(int(c['waiting'])))} waiting</li>"
            for c in data.get("counts") or []
        )
        aid = ""
        if self.back:
            aid = (
                '<p class="aid"><strong>Back-translation is an aid, not an approval.</strong> Each translation was '
                f"translated back into {e(self.name(self.source))} by a machine ({e(self.back.get('engine', ''))}), "
                "so that you can compare its meaning with the source even if you do not read the language. The "
                "machine can hide a mistake or add one: approve only what you have judged yourself.</p>\n"
            )
        legend = "".join(
            f'<li><mark class="m-{kind}" data-kind="{kind}">{e(words)}</mark></li>' for kind, words in LEGEND.items()
        )
        return (
            f'<header>\n<h1>Review <span class="muted">{e(data.get("project", ""))}</span></h1>\n'
            f'<p class="lead">{len(items)} {plural(len(items), "text")} {"waits" if len(items) == 1 else "wait"} '
            "for a reviewer. Each card shows the English source beside its translation. Read both; when the "
            "translation says the same thing, approve it with the command under it, run in the project folder. "
            "Nothing is published until it is approved.</p>\n"
            f"{identity(data.get('identity'))}"
            '<p class="lead">Highlighted: numbers and units, negation words (such as <q>not</q>, <q>no</q>, '
            "<q>never</q>), hedge words (such as <q>may</q>, <q>generally</q>) and citations. "
            "A highlight with a dashed red outline and ≠ has no counterpart in the "
            "other text: look closely there.</p>\n"
            f'<ul class="legend" aria-label="Highlights">{legend}'
            '<li><mark class="m-number" data-kind="number" data-alone>not in the other text</mark></li></ul>\n'
            f'{aid}<ul class="counts">{counts}</ul>\n</header>\n'
        )

    def groups(self) -> str:
        """The cards, most urgent first (rule 8), a section for each rank."""
        items = self.data["items"]
        if not items:
            return '<p class="empty">Nothing waits for review.</p>\n'
        ranks: dict[str, int] = {}
        for item in items:
            label = str(item.get("urgency") or "waiting")
            ranks[label] = ranks.get(label, 0) + 1
        out, current = [], None
        for i, item in enumerate(items):
            label = str(item.get("urgency") or "waiting")
            if label != current:
                if current is not None:
                    out.append("</section>\n")
                current = label
                n = list(ranks).index(label)
                out.append(
                    f'<section class="group rank" id="rank-{n}">\n<h2>{e(label[:1].upper() + label[1:])} '
                    f'<span class="muted">({integer(ranks[label])})</span></h2>\n'
                )
            out.append(self.unit(i, item))
        out.append("</section>\n")
        return "".join(out)


def body(data: dict[str, Any], actions: Actions | None = None, top: str = "") -> str:
    """The page's ``<main>``: *top* (the served page's filters and messages), the header, the cards.

    With *actions*, each card shows what it returns in place of the commands (the served page's
    buttons), and the findings carry no waive command.
    """
    page = _Page(data, actions)
    header = page.header() if actions is None else ""
    return f"<main>\n{top}{header}{page.groups()}</main>\n"


def render(data: dict[str, Any]) -> str:
    """The reviewer's page for *data* (the ``l10n review --format json`` document)."""
    title = f"Review - {data.get('project', '')}"
    return f"{head(title, CSS)}<body>\n{body(data)}</body>\n</html>\n"
