"""The salt of the check cache: what every key of a project shares, and the digests keys are made of.

Rules:

1. The salt is a digest of the version of ``l10n`` and a digest of its installed files (so
   an edited or upgraded check never reads an old result); the versions of Python and of
   the libraries whose data the checks read (:data:`DEPENDENCIES`); the glossary as loaded;
   the source locale; every validated configuration table; the settings that shape units.
   Results stored under another salt are never read again (:mod:`l10n.checks.cache`).
2. A digest is taken of parts each followed by a NUL byte; a value is first made a text
   that is the same for equal values in every run (mappings sorted, dataclasses by the
   fields they compare), never of ``repr`` of a mapping or a set.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from l10n.core.config import Config
    from l10n.glossary.model import Glossary


def digest(*parts: str) -> bytes:
    """A digest of *parts* (rule 2)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.digest()


def stable(value: Any) -> str:
    """A text that is the same for equal values in every run: mappings sorted, dataclasses by field (rule 2)."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{stable(k)}:{stable(v)}" for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"
    if is_dataclass(value) and not isinstance(value, type):
        inner = ",".join(f"{f.name}={stable(getattr(value, f.name))}" for f in fields(value) if f.compare)
        return f"{type(value).__name__}({inner})"
    if isinstance(value, list | tuple):
        return "[" + ",".join(stable(item) for item in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(stable(item) for item in value)) + "}"
    return repr(value)


DEPENDENCIES = ("babel", "markdown-it-py", "num2words", "confusable-homoglyphs", "google-re2", "polib", "py3langid")
"""The libraries whose code or data decide what the checks find (CLDR, Unicode's confusables...)."""


@cache
def code_digest() -> str:
    """The version of ``l10n`` and the size and time of each of its files (rule 1).

    An installed release has fixed files; a working copy changes with every edit, so a
    changed check is never taken for the one that stored a result. Python's version (its
    Unicode database) and the versions of :data:`DEPENDENCIES` are part of it too.
    """
    from importlib import metadata

    from l10n import __version__

    versions = [sys.version]
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")

    package = Path(__file__).resolve().parent.parent
    found = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".json", ".yaml", ".txt")):
                info = os.stat(os.path.join(folder, name))
                found.append(f"{os.path.relpath(os.path.join(folder, name), package)}:{info.st_size}:{info.st_mtime_ns}")
    return digest(__version__, *versions, *found).hex()


def salt_of(config: Config, glossary: Glossary) -> str:
    """What every key of *config*'s project shares (rule 1)."""
    tables = {name: dict(table) for name, table in config.tables.items()}
    units = (config.front_matter_keys, config.verbatim_sections)  # what a status record's units depend on
    return digest(code_digest(), config.source_locale, stable(glossary), stable(tables), stable(units)).hex()
