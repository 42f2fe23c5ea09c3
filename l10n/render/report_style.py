"""How the status report (:mod:`l10n.render.report_html`) looks: its state colours and its stylesheet.

Rules:

1. Colour is never the only carrier (:mod:`l10n.render.report_html` rule 5). Each state colour
   has at least 3:1 contrast with the white page (WCAG 1.4.11); ``failing`` is also striped.
2. On a phone (390 CSS pixels) nothing widens the page: the tables become one card per row.
   Printing drops the navigation, keeps the bar colours and shows whole texts
   (:mod:`l10n.render.report_html` rule 6).
"""

from __future__ import annotations

STATE_COLOURS: dict[str, str] = {
    "reviewed": "#1a7f37",
    "unapproved": "#8250df",
    "draft": "#0969da",
    "outdated": "#9a6700",
    "flagged": "#bc4c00",
    "failing": "#cf222e",
    "untranslated": "#6e7781",
}
"""Colour of each state's bar segment and swatch; each has >= 3:1 contrast with white."""

SPARE_COLOURS = ("#bc4c00", "#1b7c83", "#953800", "#6639ba")
"""For states this module does not know yet, in order."""

REPORT_CSS = """\
.legend,.counts{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;list-style:none;padding:0;margin:.5rem 0}
.legend li{max-width:22rem}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.35em}
.bar{display:flex;height:1.6rem;margin:.5rem 0;border:1px solid var(--fg);border-radius:4px;
overflow:hidden;background:var(--soft)}
.bar>span{flex-basis:0;min-width:3px}
.bar>span+span{border-left:1px solid #fff}
.stripes{background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(255,255,255,.45) 4px 7px)}
.locale{margin-bottom:1.5rem}
.yes,.no{display:inline-block;padding:0 .45em;border-radius:3px;font-weight:600}
.yes{color:#116329;background:#dafbe1}
.no{color:#82071e;background:#ffebe9}
.reasons{margin:.3rem 0 0;padding-left:1.1rem;font-size:.9em}
.msgid{min-width:16rem;max-width:30rem}
.who{min-width:9rem}
.why{min-width:10rem}
.article table{font-size:.875rem}
.article th,.article td{padding:.35rem .4rem}
.next{margin:.5rem 0 0;padding-left:1.1rem}
.clamp{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden;overflow-wrap:anywhere}
@media (max-width:40rem){
.msgid,.who,.why{min-width:0;max-width:none}
}
@media print{
.clamp{display:block;overflow:visible}
tr,.locale{break-inside:avoid}
}
"""
"""The report's own rules, after :data:`l10n.render.html.BASE_CSS`."""
