"""The stylesheet of the reviewer's page (:mod:`l10n.render.review_html`), and of the served page.

Rules:

1. Colour is never the only carrier (:mod:`l10n.render.review_html` rule 4): each kind of
   highlight has its own underline, and a mark the other text lacks is outlined and followed
   by a ``≠`` drawn by CSS (not part of the text).
2. On a phone (390 CSS pixels) nothing widens the page: the texts stack, long words and
   commands wrap.
3. The page's own rules come after :data:`l10n.render.html.BASE_CSS`, the cards' diffs'
   (:data:`l10n.render.review_changes.CHANGES_CSS`) after them; the served page adds its own
   after :data:`CSS`.
"""

from __future__ import annotations

from l10n.render.html import BASE_CSS
from l10n.render.review_changes import CHANGES_CSS

_CSS = """\
.lead{max-width:46rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;list-style:none;padding:0;margin:.6rem 0}
.aid{max-width:46rem;border-left:4px solid #9a6700;background:#fff8c5;padding:.5rem .75rem;margin:.75rem 0}
.counts{padding-left:1.2rem}
.group{margin-top:2rem}
.unit{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid}
.unit h3{margin:0 0 .25rem;font-size:1.05rem}
.unit h4{margin:.75rem 0 .25rem;font-size:.95rem}
.meta{color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.state{display:inline-block;padding:0 .45em;border-radius:3px;background:#ddf4ff;color:#0a3069;font-weight:600}
.state.urgent{background:#ffebe9;color:#82071e}
.required{display:inline-block;padding:0 .45em;border-radius:3px;background:#fbefff;color:#6639ba;font-weight:600}
.texts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr));gap:.75rem}
.text{background:var(--soft);border-radius:6px;padding:.5rem .75rem;min-width:0}
.text h4{margin:0 0 .3rem}
.body{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.05rem;line-height:1.6}
.text.back{background:#fffbe6}
mark{color:inherit;background:none;padding:0 .1em;border-radius:2px}
.m-number{background:#ddf4ff;border-bottom:2px solid #0969da}
.m-negation{background:#fff1c2;border-bottom:3px double #9a6700;font-weight:600}
.m-citation{background:#dafbe1;border-bottom:2px dotted #1a7f37}
mark[data-alone]{outline:2px dashed #cf222e;outline-offset:1px;background:#ffebe9}
mark[data-alone]::after{content:"\\2260";color:#cf222e;font-weight:700;margin-left:.15em}
.look li,.findings li{margin:.2rem 0}
.sev{font-weight:700;text-transform:uppercase;font-size:.8em}
.sev.error{color:#cf222e}
.sev.warning{color:#9a6700}
pre.cmd{margin:.3rem 0;padding:.5rem .6rem;background:#f6f8fa;border:1px solid var(--line);border-radius:6px;
white-space:pre-wrap;overflow-wrap:anywhere}
pre.cmd code{user-select:all;-webkit-user-select:all}
.blocked{color:#82071e;font-weight:600}
.found{color:#116329}
.terms td,.terms th{font-size:.92rem}
@media print{.unit{border-color:#888}}
"""
"""The page's own rules, after :data:`l10n.render.html.BASE_CSS`."""

CSS = BASE_CSS + _CSS + CHANGES_CSS
"""The page's whole stylesheet (the served page adds its own rules after it)."""
