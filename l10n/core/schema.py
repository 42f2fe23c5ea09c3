"""The schema of the configuration's tables: every setting, its default and its validator.

Rules:

1. :data:`TABLES` lists every sub-table (``[build]``, ``[review]``, ``[status]``,
   ``[translate]``, ``[check]``, ``[memory]``...) with each key's default and validator:
   a new setting is one line there. A validator returns the value to use (normalized)
   or raises :class:`_Invalid` saying what was expected.
2. Every table is validated when the configuration is loaded, whichever command runs:
   an unknown key is a warning naming the closest valid key and its line; a value of the
   wrong type is an error naming the file and the line.
3. ``[translate]`` also holds the settings of the machine-translation engines, which each
   engine's specification declares (:func:`l10n.mt.engines.registry.settings_schema`): they
   are checked for the configured engine; a key no engine knows is warned about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from l10n.core.errors import ConfigError


class _Invalid(Exception):
    """A value of the wrong type or out of range: the message says what was expected."""


TableCheck = Callable[[dict[str, dict[str, Any]], dict[str, Any], str, str, list[str]], None]
"""A higher layer's check of its settings: (validated tables, raw data, file text, file name, warnings)."""

Validator = Callable[[Any], Any]
"""Returns the value to use (normalized), or raises :class:`_Invalid`."""


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {value!r}")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {value!r}")
    return value


def _positive(kind: type[int] | type[float]) -> Validator:
    def check(value: Any) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
            raise _Invalid(f"expected a positive {kind.__name__}, got {value!r}")
        if value <= 0:
            raise _Invalid(f"expected a positive {kind.__name__}, got {value!r}")
        return kind(value)

    return check


def _percentage(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise _Invalid(f"expected a percentage from 0 to 100, got {value!r}")
    return float(value)


def _patterns(value: Any) -> tuple[str, ...]:
    """Regular expressions, compiled by :mod:`l10n.core.patterns` (RE2: linear time, never a hang)."""
    from l10n.core.patterns import PatternError, check

    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        raise _Invalid(f"expected a list of regular expressions, got {value!r}")
    for pattern in value:
        try:
            check(pattern)
        except PatternError as exc:
            raise _Invalid(f"invalid regular expression {pattern!r}: {exc}") from None
    return tuple(value)


def _link(value: Any) -> str:
    """A link base: http(s) or relative, scheme read after removing whitespace and control characters."""
    from l10n.core.urls import UrlError, web_url

    try:
        return web_url(_string(value)) if value else ""
    except UrlError as exc:
        raise _Invalid(str(exc)) from None


_LANG_SEGMENT_RE = re.compile(r"(?:\A|[./])\{lang\}(?:[./]|\Z)")


def _link_rules(value: Any) -> tuple[str, ...]:
    """URL patterns with one ``{lang}`` host label or path segment; ``*.host`` is ``{lang}.host``."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise _Invalid(f"expected a list of URL patterns such as '{{lang}}.wikipedia.org', got {value!r}")
    rules = []
    for pattern in value:
        rule = "{lang}" + pattern[1:] if pattern.startswith("*.") else pattern
        if "://" in rule or rule.startswith("/"):
            raise _Invalid(f"{pattern!r}: write the host and path without the scheme ('{{lang}}.wikipedia.org')")
        if rule.count("{lang}") != 1 or not _LANG_SEGMENT_RE.search(rule):
            raise _Invalid(f"{pattern!r}: expected one '{{lang}}' as a whole host label or path segment")
        rules.append(rule)
    return tuple(rules)


TABLES: dict[str, dict[str, tuple[Any, Validator]]] = {
    "build": {
        "min_reviewed": (100.0, _percentage),
        "required": ((), _patterns),
        "html": (False, _boolean),
        "layout": ("default", _string),  # checked against the presets by l10n.document.layouts
    },
    "review": {
        "require_approval": (True, _boolean),
        "min_approvals": (1, _positive(int)),
        "min_approvals_required_units": (1, _positive(int)),
    },
    "status": {
        "link_base": ("", _link),
    },
    "translate": {
        "engine": ("", _string),  # none: `l10n translate` names the engines rather than make pseudo drafts
        "concurrency": (4, _positive(int)),
        "deadline": (900.0, _positive(float)),
        "batch_size": (16, _positive(int)),
        "rate_limit": (8.0, _positive(float)),
        "max_attempts": (6, _positive(int)),
        "checkpoint": (25, _positive(int)),
    },
    "check": {
        "localized_links": ((), _link_rules),
    },
    "memory": {
        "folder": ("memory", _string),
        "min_similarity": (75.0, _percentage),
        "suggestions": (3, _positive(int)),
    },
}
"""Every sub-table of the configuration: key -> (default, validator). A new setting is one line here.

``[translate]`` also holds the settings of the machine-translation engines, which each
engine's specification declares (:func:`l10n.mt.engines.registry.settings_schema`): they
are checked here too, for the configured engine.
"""


def closest(key: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def key_line(text: str, key: str) -> int | None:
    name = re.escape(key)  # a key, or a table: [name] in l10n.toml, [tool.l10n.name] in pyproject.toml
    match = re.search(rf"(?m)^[ \t]*(?:{name}[ \t]*=|\[[ \t]*(?:tool\.l10n\.)?{name}[ \t]*\])", text)  # [ \t], not \s
    return text.count("\n", 0, match.start()) + 1 if match else None


def table_key_line(text: str, table: str, key: str) -> int | None:
    """The line of *key* in the ``[table]`` (or ``[tool.l10n.table]``) sub-table; else of the table."""
    header = re.search(rf"(?m)^[ \t]*\[[ \t]*(?:tool\.l10n\.)?{re.escape(table)}[ \t]*\]", text)
    if header is None:
        return None
    found = re.compile(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=").search(text, header.end())
    at = found.start() if found else header.start()
    return text.count("\n", 0, at) + 1


def validate_tables(
    data: dict[str, Any], text: str, display: str, warnings: list[str], checks: Sequence[TableCheck] = ()
) -> dict[str, dict[str, Any]]:
    """Every sub-table of :data:`TABLES`, validated, with defaults; unknown keys become warnings.

    *checks* are the higher layers' own checks of their settings (the layout presets, the engines'
    settings), run after the types are known: the foundation does not know them.
    """
    tables: dict[str, dict[str, Any]] = {}
    for name, schema in TABLES.items():
        given = data.get(name, {})
        if not isinstance(given, dict):
            raise ConfigError(f"{name}: expected a table, got {given!r}", display, key_line(text, name))
        values: dict[str, Any] = {key: default for key, (default, _) in schema.items() if default is not None}
        for key, value in given.items():
            if key not in schema:
                if name == "translate":
                    continue  # an engine's setting, or unknown: see engine_settings
                line = table_key_line(text, name, key) or 1
                warnings.append(f"{display}:{line}: unknown configuration key '{name}.{key}' (ignored{closest(key, schema)})")
                continue
            try:
                values[key] = schema[key][1](value)
            except _Invalid as exc:
                raise ConfigError(f"{name}.{key}: {exc}", display, table_key_line(text, name, key)) from None
        tables[name] = values
    for check in checks:
        check(tables, data, text, display, warnings)
    return tables
