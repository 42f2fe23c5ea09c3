"""Changes to the project's configuration file (``l10n init``).

The file is edited with tomlkit so that comments and layout survive; only the
``locales`` list changes. Without any configuration, an ``l10n.toml`` is created in
the working directory.
"""

from __future__ import annotations

from pathlib import Path

from .config import find_config, read_table
from .errors import ConfigError, L10nError
from .fsutil import write_atomic
from .locales import normalize_locale


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
