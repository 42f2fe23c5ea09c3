"""``l10n status`` as a terminal table or as Markdown (for a pull-request comment).

Both are views of the JSON document of :func:`l10n.workflow.status.report`; they show the same
figures. Each state cell is ``units · words``; ``waived`` counts apart the units whose
findings a reviewer waived, and each waiver is listed with its reason. A locale whose sources
use glossary terms it has no rendering for is said under the locales (:mod:`l10n.glossary.gaps`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from l10n.glossary.gaps import note_of

_QUEUE_SHOWN = 50


def _width(text: str) -> int:
    """Columns *text* takes in a terminal (wide East Asian characters take two)."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _grid(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        out.append("  ".join(cells).rstrip())
    return out


def _cell(row: dict[str, Any], state: str) -> str:
    return f"{row['units'][state]} · {row['words'][state]}"


def _states(data: dict[str, Any]) -> list[str]:
    return list(data["states"])


def _waived(row: dict[str, Any]) -> str:
    waived = row.get("waived") or {"units": 0, "words": 0}
    return f"{waived['units']} · {waived['words']}"


def _waiver(item: dict[str, Any]) -> str:
    return (
        f"{item['locale']}/{item['article']}: {item['path']}:{item['line']} [{item['check']}] "
        f"waived by {item['by']} on {item['date']}: {item['reason']}"
    )


def table(data: dict[str, Any]) -> str:
    """The terminal table: one line per locale, then one per article and locale."""
    states = _states(data)
    head = ["locale", "language", "reviewed %", *states, "errors", "waived", "publishable"]
    rows = [head]
    for row in data["locales"]:
        rows.append(
            [
                row["locale"],
                row["display_name"],
                f"{row['reviewed_percent']:.1f}%",
                *(_cell(row, s) for s in states),
                str(row["errors"]),
                _waived(row),
                f"{row['publishable']}/{row['articles']}",
            ]
        )
    lines = [
        f"Coverage by locale (units · words; publishing needs {data['policy']['min_reviewed']:g}% reviewed)",
        "",
        *_grid(rows, set(range(2, len(head) - 1))),
    ]
    if glossary := _glossary(data):
        lines += ["", "Glossary", *(f"  {note}" for note in glossary)]
    rows = [["article", "locale", "reviewed %", *states, "errors", "waived", "publishable"]]
    for row in data["articles"]:
        rows.append(
            [
                row["article"],
                row["locale"],
                f"{row['reviewed_percent']:.1f}%",
                *(_cell(row, s) for s in states),
                str(row["errors"]),
                _waived(row),
                "yes" if row["publishable"] else "no",
            ]
        )
    lines += ["", "Articles", "", *_grid(rows, set(range(2, len(rows[0]) - 1)))]
    held = [row for row in data["articles"] if not row["publishable"]]
    if held:
        lines += ["", "Held back"]
        lines += [f"  {row['locale']}/{row['article']}: {'; '.join(row['reasons'])}" for row in held]
    waivers = data.get("waivers") or []
    if waivers:
        lines += ["", "Waivers", *(f"  {_waiver(item)}" for item in waivers)]
    lines += ["", f"{len(data['queue'])} unit(s) waiting for review (`l10n review` lists them)"]
    return "\n".join(lines) + "\n"


def _glossary(data: dict[str, Any]) -> list[str]:
    """The warning of each locale whose sources use glossary terms it has no rendering for."""
    notes = (note_of(row["locale"], row.get("glossary")) for row in data["locales"])
    return [note for note in notes if note]


def _escape(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes, markup, line breaks)."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown(data: dict[str, Any]) -> str:
    """GitHub-flavoured Markdown: locale and article tables, held-back reasons, the queue."""
    states = _states(data)
    head = ["Locale", "Reviewed %", *(s.capitalize() for s in states), "Errors", "Waived", "Publishable"]
    lines = [
        f"### Translation status of {_escape(data['project'])}",
        "",
        f"Units · words per state. Publishing needs {data['policy']['min_reviewed']:g}% of words reviewed "
        "and every required unit reviewed.",
        "",
        "| " + " | ".join(head) + " |",
        "| --- | " + " | ".join("---:" for _ in head[1:]) + " |",
    ]
    for row in data["locales"]:
        cells = [
            f"{_escape(row['display_name'])} (`{row['locale']}`)",
            f"**{row['reviewed_percent']:.1f}%**",
            *(_cell(row, s) for s in states),
            str(row["errors"]),
            _waived(row),
            f"{row['publishable']}/{row['articles']}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if glossary := _glossary(data):
        lines += ["", "**Glossary:**", "", *(f"- {_escape(note)}" for note in glossary)]
    head = ["Article", "Locale", "Reviewed %", *(s.capitalize() for s in states), "Errors", "Waived", "Publishable"]
    lines += ["", "| " + " | ".join(head) + " |", "| --- | --- | " + " | ".join("---:" for _ in head[2:]) + " |"]
    for row in data["articles"]:
        verdict = "yes" if row["publishable"] else "no: " + _escape("; ".join(row["reasons"]))
        cells = [
            _escape(row["article"]),
            f"`{row['locale']}`",
            f"{row['reviewed_percent']:.1f}%",
            *(_cell(row, s) for s in states),
            str(row["errors"]),
            _waived(row),
            verdict,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    waivers = data.get("waivers") or []
    if waivers:
        lines += ["", f"**{len(waivers)}** waiver(s):", "", *(f"- {_escape(_waiver(item))}" for item in waivers)]
    queue = data["queue"]
    lines += ["", f"**{len(queue)}** unit(s) waiting for review."]
    if queue:
        lines += [
            "",
            "<details><summary>Review queue</summary>",
            "",
            "| Catalog entry | Locale | State | Words | Checks |",
            "| --- | --- | --- | ---: | --- |",
        ]
        for item in queue[:_QUEUE_SHOWN]:
            checks = ", ".join(item["checks"]) or "ok"
            lines.append(
                f"| `{item['path']}:{item['line']}` | `{item['locale']}` | {item['state']} | {item['words']} | "
                f"{_escape(checks)} |"
            )
        if len(queue) > _QUEUE_SHOWN:
            lines.append(f"| … and {len(queue) - _QUEUE_SHOWN} more | | | | |")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
