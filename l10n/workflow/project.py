"""The project's configuration: loaded with every layer's checks, and changed by ``l10n init``.

:func:`load` is how every command reads the configuration: the foundation validates the types
of every table, and the layers that own a setting check its meaning (``[build] layout`` against
the presets, ``[translate]`` against the engines' specifications).

The file is edited with tomlkit so that comments and layout survive; only the
``locales`` list changes. Without any configuration, an ``l10n.toml`` is created in
the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from l10n.core.config import Config, find_config, load_config, read_table
from l10n.core.errors import ConfigError, L10nError
from l10n.core.files import write_atomic
from l10n.core.locales import normalize_locale
from l10n.core.schema import TABLES
from l10n.document import layouts


def load(start: Path | None = None, path: Path | None = None) -> Config:
    """The configuration, found (or *path*), read once and validated whole."""
    return load_config(start, path, checks=(layouts.check_setting, _engines_check))


def _engines_check(tables: dict[str, dict[str, Any]], data: dict[str, Any], text: str, display: str, warnings: list[str]) -> None:
    """:func:`l10n.mt.engines.registry.check_settings`, the engines imported only when ``[translate]`` names
    one or holds a key of an engine: every command loads the configuration, and most projects name none."""
    if not tables["translate"]["engine"] and all(key in TABLES["translate"] for key in data.get("translate", {})):
        tables["translate"]["engines"] = {}  # what the check gives when there is nothing of the engines' to check
        return
    from l10n.mt.engines import registry

    registry.check_settings(tables, data, text, display, warnings)


def add_locales(path: Path | None, codes: tuple[str, ...]) -> tuple[Path, tuple[str, ...]]:
    """Add *codes* to the configured locales; return the file and the codes added."""
    import tomlkit

    normalized = tuple(dict.fromkeys(normalize_locale(code) for code in codes))
    try:
        path = path or find_config()
    except L10nError:
        path = Path.cwd() / "l10n.toml"
        write_atomic(path, b'# l10n configuration: see README.md\nsource_locale = "en"\nlocales = []\n')
    current, text = read_table(path)
    document = tomlkit.parse(text)
    table = document
    if path.name == "pyproject.toml":
        table = document.setdefault("tool", tomlkit.table()).setdefault("l10n", tomlkit.table())
    existing = [normalize_locale(str(code)) for code in current.get("locales", [])]
    source = normalize_locale(str(current.get("source_locale", "en")))
    if source in normalized:
        raise ConfigError(f"{source!r} is the source locale, not a target", path)
    added = tuple(code for code in normalized if code not in existing)
    if added:
        array = tomlkit.array()
        array.extend([*existing, *added])
        table["locales"] = array
        write_atomic(path, tomlkit.dumps(document).encode())
    return path.resolve(), added
