"""The reviewer's cards: what changed (word diffs) and the comments around a translation.

Rules 7 of :mod:`l10n.render.review_html`: a word diff (:mod:`l10n.text.diff`) is shown with
deletions in ``<del>`` and insertions in ``<ins>``, struck out or underlined and bracketed by CSS
(``[-...]``, ``[+...]``, drawn by the stylesheet, not part of the text), so that colour is never the
only carrier; the highlights of the text each piece comes from (numbers, negations, hedges,
citations) are laid over it. Every text is escaped (:func:`l10n.render.html.e`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from l10n.render.html import e, figure

CHANGES_CSS = """\
del,ins{text-decoration:none;border-radius:2px;padding:0 .1em}
del{background:#ffebe9;text-decoration:line-through;text-decoration-thickness:2px;text-decoration-color:#cf222e}
ins{background:#dafbe1;text-decoration:underline;text-decoration-thickness:2px;text-decoration-color:#1a7f37}
del::before{content:"[\\2212";font-weight:700;color:#82071e;text-decoration:none}
del::after{content:"]";font-weight:700;color:#82071e}
ins::before{content:"[+";font-weight:700;color:#116329}
ins::after{content:"]";font-weight:700;color:#116329}
.m-hedge{background:#f3e8ff;border-bottom:2px dashed #8250df}
.changes{margin:.6rem 0;padding:.5rem .75rem;border-left:4px solid #cf222e;background:#fff8f8}
.changes.source{border-left-color:#0969da;background:#f6faff}
.notes{margin:.5rem 0;padding:.4rem .75rem;background:var(--soft);border-radius:6px}
.notes p{margin:.2rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.who{font-size:.92rem}
.rank{margin-top:2.5rem}
"""
"""The rules of the diffs and comments, after the page's."""


def _spans(text: str, marks: Sequence[dict[str, Any]], start: int, end: int) -> str:
    """*text*[start:end] escaped, with the parts of *marks* (offsets in *text*) that fall inside highlighted."""
    out, pos = [], start
    for mark in marks:
        a, b = max(int(mark["start"]), start), min(int(mark["end"]), end)
        if a >= b or a < pos:
            continue
        kind = str(mark["kind"])
        alone = " data-alone" if mark.get("alone") else ""
        out.append(e(text[pos:a]))
        out.append(f'<mark class="m-{e(kind)}" data-kind="{e(kind)}"{alone}>{e(text[a:b])}</mark>')
        pos = b
    out.append(e(text[pos:end]))
    return "".join(out)


def _diffed(
    key: str,
    pieces: Sequence[dict[str, Any]],
    old: tuple[str, Sequence[Any]],
    new: tuple[str, Sequence[Any]],
    code: str,
    attrs: Callable[[str], str],
) -> str:
    """A word diff (rule 7): deletions in ``<del>``, insertions in ``<ins>``, the highlights of either text inside."""
    out = []
    for n, piece in enumerate(pieces):
        op, text = str(piece["op"]), str(piece["text"])
        if op == "deleted":
            at = int(piece["old"])
            body = _spans(old[0], old[1], at, at + len(text))
            out.append(f'<del data-figure="{e(key)}/deleted/{n}">{body}</del>')
        else:
            at = int(piece["new"])
            body = _spans(new[0], new[1], at, at + len(text))
            out.append(f'<ins data-figure="{e(key)}/inserted/{n}">{body}</ins>' if op == "inserted" else body)
    return f'<p class="body" {attrs(code)}>{"".join(out)}</p>'


def changes(key: str, item: dict[str, Any], attrs: Callable[[str], str], source_name: str, source: str) -> str:
    """What changed since the approval, or in the source since the translation (rule 7)."""
    out = []
    approved = item.get("approved")
    if approved is not None:
        if approved.get("text") is None:
            out.append(
                '<div class="changes"><h4>What changed since it was approved</h4>'
                f"<p>{figure(f'{key}/approved_missing', str(approved.get('why', '')))}</p></div>"
            )
        else:
            when = (
                f"approved text from commit <code>{e(approved['revision'])}</code> of {e(approved['date'])}"
                if approved.get("revision")
                else f"approved text as recorded on the computer that approved it, {e(approved['date'])}"
            )
            body = _diffed(
                f"{key}/diff",
                item["diff"],
                (str(approved["text"]), approved.get("marks") or []),
                (str(item["msgstr"]), item["marks"]["msgstr"]),
                str(item["locale"]),
                attrs,
            )
            out.append(
                '<div class="changes"><h4>What changed since it was approved</h4>'
                f'<p class="meta">Struck out [\u2212...]: only in the approved text; underlined [+...]: added since ({when}).</p>'
                f"{body}</div>"
            )
    if item.get("source_diff") is not None:
        body = _diffed(
            f"{key}/source_diff",
            item["source_diff"],
            (str(item["previous"]), item.get("previous_marks") or []),
            (str(item["msgid"]), item["marks"]["msgid"]),
            source,
            attrs,
        )
        out.append(
            f'<div class="changes source"><h4>What changed in the {e(source_name)} since it was translated</h4>'
            '<p class="meta">Struck out [\u2212...]: only in the earlier text the translation was made from; underlined [+...]: '
            f"new in the text now. The translation below still says the earlier text.</p>{body}</div>"
        )
    return "\n".join(out) + ("\n" if out else "")


def comments(key: str, item: dict[str, Any]) -> str:
    """The translator's and the extraction's comments, and the notes of reviewers who sent it back."""
    parts = []
    if item.get("comment"):
        parts.append(f"<p><strong>Translator's comment:</strong> {figure(f'{key}/comment', str(item['comment']))}</p>")
    if item.get("notes"):
        parts.append(
            f"<p><strong>Notes for the translator (from the source):</strong> {figure(f'{key}/notes', str(item['notes']))}</p>"
        )
    for n, back in enumerate(item.get("sent_back") or []):
        parts.append(
            f"<p><strong>Sent back</strong> by {e(back['by'])} on {e(back['date'])}: "
            f"{figure(f'{key}/sent_back/{n}', str(back['note']))}</p>"
        )
    return f'<div class="notes">{"".join(parts)}</div>\n' if parts else ""
