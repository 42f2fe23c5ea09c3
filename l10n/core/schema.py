"""The schema of the configuration's tables: every setting, its default and its validator.

Rules:

1. :data:`TABLES` lists every sub-table (``[build]``, ``[review]``, ``[status]``,
   ``[translate]``, ``[check]``, ``[memory]``...) with each key's default and validator, read
   off the typed settings of :mod:`l10n.core.settings`: a new setting is one field there.
2. Every table is validated when the configuration is loaded, whichever command runs:
   an unknown key is a warning naming the closest valid key and its line; a value of the
   wrong type is an error naming the file and the line.
3. ``[translate.<engine>]`` holds the settings of each machine-translation engine, which its
   specification declares; the layer that owns them checks them through a :data:`TableCheck`
   (:func:`l10n.mt.engines.registry.check_settings`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any

from l10n.core.errors import ConfigError
from l10n.core.settings import SETTINGS, Invalid, Validator

TableCheck = Callable[[dict[str, dict[str, Any]], dict[str, Any], str, str, list[str]], None]
"""A higher layer's check of its settings: (validated tables, raw data, file text, file name, warnings)."""

TABLES: dict[str, dict[str, tuple[Any, Validator]]] = {
    name: {f.name: (f.metadata["default"], f.metadata["check"]) for f in fields(kind) if "check" in f.metadata}
    for name, kind in SETTINGS.items()
}
"""Every sub-table of the configuration: key -> (default, validator), from :mod:`l10n.core.settings`."""


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
            except Invalid as exc:
                raise ConfigError(f"{name}.{key}: {exc}", display, table_key_line(text, name, key)) from None
        tables[name] = values
    for check in checks:
        check(tables, data, text, display, warnings)
    return tables
