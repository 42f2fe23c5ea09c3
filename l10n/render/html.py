"""What l10n's self-contained HTML pages share: the status report and the reviewer's page.

Rules:

1. Self-contained: one file, inline CSS only; no script, font, image or stylesheet; no URL
   except the catalog links a caller passes. :func:`head` sets a Content-Security-Policy of
   ``default-src 'none'`` (inline styles only), so a browser refuses any load or script that
   slipped through, and ``no-referrer``.
2. Every text from the data is escaped (:func:`e`): msgids, msgstrs, article names and paths
   come from users. A link whose scheme would run code (``javascript:``, ``data:``,
   ``vbscript:``) is not a link (:func:`safe_href`).
3. The pages are in English (``<html lang="en">``). A locale's own name is shown in
   ``<span class="native" lang="BCP47" dir="ltr|rtl">`` (:func:`native`), so Arabic and Hebrew
   names are shaped and ordered right.
4. DOM contract: a figure is the whole ``textContent`` of exactly one element carrying
   ``data-figure="KEY"`` (:func:`figure`); each page documents its keys. Tests read them back
   and compare them with the page's JSON.
5. A phone (390 CSS pixels) never scrolls sideways: long words and paths break
   (``overflow-wrap: anywhere``, a break opportunity after each ``/`` of a path), and a table
   of class ``cards`` becomes one card per row. Printing drops the navigation.
"""

from __future__ import annotations

import html
from typing import Any

from l10n.core.csp import REPORT
from l10n.core.locales import bcp47

CODE_SCHEMES = ("javascript:", "data:", "vbscript:")

BASE_CSS = """\
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:82rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .4rem;overflow-wrap:anywhere}
p{margin:.4rem 0}
a{color:#0550ae}
code{font:.88em/1.4 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:break-word}
.muted,.sub{color:var(--muted)}
.sub{display:block;font-size:.85em}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding:.25rem 0}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.empty{color:var(--muted);font-style:italic}
@media (max-width:40rem){
main{padding:.75rem .75rem 2rem}
.table-wrap{overflow:visible}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
table.cards caption{display:block}
table.cards,table.cards tbody{display:block;width:100%}
table.cards tr{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.2rem 1rem;
margin:0 0 .75rem;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px}
table.cards td{display:block;min-width:0;border:0;padding:.15rem 0;text-align:left;overflow-wrap:anywhere}
table.cards td::before{content:attr(data-label);display:block;color:var(--muted);font-size:.8em;font-weight:600}
table.cards td.wide{grid-column:1/-1}
.sub{display:inline;margin-left:.4em}
}
@media print{
nav{display:none}
body{font-size:10pt}
main{max-width:none;padding:0}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""
"""The stylesheet every page starts with; each page adds its own rules after it."""


def e(value: object) -> str:
    """*value* as escaped HTML text, quotes included (rule 2)."""
    return html.escape(str(value), quote=True)


def integer(value: int) -> str:
    """An integer with thousands commas: ``1,234``."""
    return f"{int(value):,}"


def decimal(value: float) -> str:
    """One decimal: ``93.2``."""
    return f"{float(value):.1f}"


def path_text(text: str) -> str:
    """*text* escaped, with a line-break opportunity after each slash (rule 5)."""
    return e(text).replace("/", "/<wbr>")


def figure(key: str, text: str, tag: str = "span", cls: str = "", path: bool = False) -> str:
    """An element whose whole text is the figure *key* (rule 4)."""
    attr = f' class="{cls}"' if cls else ""
    return f'<{tag} data-figure="{e(key)}"{attr}>{path_text(text) if path else e(text)}</{tag}>'


def plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def safe_href(target: str) -> str | None:
    """*target*, or None when its scheme would run code (rule 2), read as a browser reads it:
    ``java<TAB>script:`` is ``javascript:`` (:func:`l10n.core.urls.clean`)."""
    from l10n.core.urls import clean

    return None if clean(target).lower().startswith(CODE_SCHEMES) else target


def native(locale: dict[str, Any], code: str) -> str:
    """The locale's own name, marked with its language and direction (rule 3).

    *locale* holds ``native_name``, ``name``, ``lang`` and ``dir`` as the JSON documents give
    them; what is missing falls back to the code.
    """
    name = locale.get("native_name") or locale.get("name") or code
    lang = locale.get("lang") or bcp47(code)
    direction = locale.get("dir") or "ltr"
    return f'<span class="native" lang="{e(lang)}" dir="{e(direction)}">{e(name)}</span>'


def head(title: str, css: str, referrer: str = "no-referrer") -> str:
    """The document up to ``</head>``: charset, viewport, the policy of rule 1, *title*, *css*.

    *referrer* is the page's referrer policy: the served review page (:mod:`l10n.render.review_app`)
    needs ``same-origin``, with which a browser sends the ``Origin`` of its forms.
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{REPORT}">\n'
        f'<meta name="referrer" content="{e(referrer)}">\n'
        f"<title>{e(title)}</title>\n<style>\n{css}</style>\n</head>\n"
    )
