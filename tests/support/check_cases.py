"""Check fixture cases that carry their article: link definitions, locale and settings.

A case's input is an optional header, a line ``--``, then the source text, a line
``=>`` and the translation. Header lines are ``locale: ja``, ``localized_links:
PATTERN, PATTERN`` and the article's link reference definitions (``[label]: href``).
The expected output is one line per finding of the checks of links, code spans,
inline markup and injection (:data:`CHECKS`), ``severity [check] message``: the
other families have fixtures of their own.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from l10n import checks
from l10n.document import walker
from l10n.glossary.schema import load_glossary

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = load_glossary(ROOT / "glossary.yaml", "glossary.yaml")
CHECKS = frozenset({"protected-spans", "code-spans", "markdown", "links", "link-order", "link-language", "injection"})


def context(given: str) -> checks.Context:
    """The check context of a fixture case's input."""
    header, body = given.split("\n--\n", 1) if "\n--\n" in given else ("", given)
    locale, rules, definitions = "es", (), []
    for line in header.splitlines():
        if line.startswith("locale:"):
            locale = line.split(":", 1)[1].strip()
        elif line.startswith("localized_links:"):
            rules = tuple(p.strip() for p in line.split(":", 1)[1].split(","))
        else:
            definitions.append(line)
    references = walker.parse("\n".join(["x", "", *definitions, ""]).encode(), "case.md").references
    source, translation = body.rstrip("\n").split("\n=>\n")
    return checks.Context(source, translation, locale, GLOSSARY, "en", checks.Scope(references, rules))


def shown(ctx: checks.Context, names: Set[str] | None = None) -> str:
    """The findings of *ctx* by the checks *names* (every check: None), one ``severity [check] message`` line each."""
    return "".join(f"{c.severity} [{c.name}] {m}\n" for c, m in checks.run(ctx) if names is None or c.name in names)


def findings(given: str) -> str:
    """The findings of a fixture case, one ``severity [check] message`` line each."""
    return shown(context(given), CHECKS)
