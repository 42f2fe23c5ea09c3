"""Engine specifications: what the registry knows about an engine, and the settings engines share.

Rules:

1. Each engine is described by one :class:`EngineSpec`: its id, the settings it accepts
   (each a :class:`Setting` with the TOML types it takes and a check), its default
   ``max_chars`` and ``key_env``, whether it requires a key, the packages it needs, its
   language codes and its constructor. Adding an engine is one module holding its class
   and its spec, and one entry in :mod:`l10n.mt.engines.registry`.
2. A setting's check turns a configured value into what the engine gets, or raises
   :class:`ConfigError` naming the engine and the setting. A value that may be a key
   pasted in by mistake (``key_env``) is never quoted.
3. The shared settings: ``timeout`` is seconds or ``[connect, read]`` seconds (default 5
   and 30; the deep-translator engines wait for their sum); ``batch_size`` the texts per
   request (default 50); ``max_chars`` the longest text (default per engine); ``url`` an
   ``http://`` or ``https://`` address replacing the engine's (for tests and
   self-hosted servers); ``key_env`` the environment variable holding the API key.
4. Nothing here imports a third-party package: the configuration can be validated
   against :func:`l10n.mt.engines.registry.settings_schema` cheaply.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from l10n.core.errors import ConfigError
from l10n.mt.engines.base import Engine
from l10n.mt.engines.codes import Role, lookup


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting an engine accepts under ``[tool.l10n.translate]``."""

    name: str
    types: tuple[type, ...]
    """The TOML value types it accepts (``int`` and ``float`` for numbers, ``list`` for arrays)."""
    check: Callable[[str, Any], Any]
    """``check(engine_id, value)``: the value the engine gets, or :class:`ConfigError` (rule 2)."""
    help: str
    """What it is, in a few words, for messages and documentation."""


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """An engine's checked settings with defaults filled in, and its key."""

    timeout: tuple[float, float] = (5.0, 30.0)
    """Connect and read timeouts, seconds."""
    batch_size: int = 50
    max_chars: int = 1_000_000
    url: str | None = None
    """The configured address; ``None`` for the engine's own."""
    key_env: str | None = None
    key: str | None = field(default=None, repr=False)
    """The API key read from ``key_env``; never in a repr."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Settings of this engine only (``email``, ``region``), as configured."""


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """Everything the registry needs to know about one engine (rule 1)."""

    id: str
    """The engine's id: in configuration, cache keys and provenance."""
    build: Callable[[EngineSettings], Engine]
    """Makes the engine from checked settings (the packages it needs are installed)."""
    settings: tuple[Setting, ...]
    """The settings it accepts, in the order they are checked."""
    max_chars: int
    """The default longest text."""
    key_env: str | None = None
    """The default environment variable holding its API key."""
    key_required: bool = False
    needs: tuple[str, ...] = ()
    """Modules it imports when made, each checked first (``requests``, ``deep_translator``)."""
    codes: Callable[[Role], Mapping[str, str]] | None = None
    """Its code table for a direction; ``None``: it takes gettext locales as they are."""
    directional: bool = False
    """Its codes depend on the direction (DeepL), which errors then name."""

    def code(self, locale: str, role: Role = "target") -> str:
        """The code this engine uses for the gettext *locale* (:func:`l10n.mt.engines.codes.lookup`)."""
        if self.codes is None:
            return locale
        return lookup(self.id, self.codes(role), locale, role if self.directional else None)


# --- the shared settings (rule 3) -------------------------------------------------

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_URL = re.compile(r"https?://[^\s/?#]+")


def positive(engine_id: str, name: str, value: Any) -> float:
    """*value* as a float if it is a positive finite number, else :class:`ConfigError`."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        msg = f"engine {engine_id}: {name} must be a positive number"
        raise ConfigError(msg)
    return float(value)


def _timeout(engine_id: str, value: Any) -> tuple[float, float]:
    pair = list(value) if isinstance(value, list | tuple) else [value, value]
    if len(pair) != 2:
        raise ConfigError(f"engine {engine_id}: timeout is seconds or [connect, read] seconds")
    connect, read = (positive(engine_id, "timeout", t) for t in pair)
    return connect, read


def _count(name: str) -> Callable[[str, Any], int]:
    return lambda engine_id, value: int(positive(engine_id, name, value))


def _url(engine_id: str, value: Any) -> str | None:
    from l10n.core.urls import UrlError, web_url

    if value is None:
        return None
    try:  # the scheme is read as an HTTP client reads it, tabs and control characters removed
        value = web_url(value, relative=False) if isinstance(value, str) else None
    except UrlError:
        value = None
    if not isinstance(value, str) or not _URL.match(value):
        raise ConfigError(f"engine {engine_id}: url must be an http:// or https:// address")
    return value


def _env_name(engine_id: str, value: Any) -> str | None:
    if value is not None and not (isinstance(value, str) and _ENV_NAME.fullmatch(value)):
        # Not quoted: it may be a key pasted in by mistake.
        raise ConfigError(f"engine {engine_id}: key_env must be the name of an environment variable")
    return value


def as_given(engine_id: str, value: Any) -> Any:
    """The check of a setting passed to the engine's library as configured."""
    return value


TIMEOUT: Final = Setting("timeout", (int, float, list), _timeout, "seconds, or [connect, read] seconds")
BATCH_SIZE: Final = Setting("batch_size", (int, float), _count("batch_size"), "texts per request")
MAX_CHARS: Final = Setting("max_chars", (int, float), _count("max_chars"), "the longest text, in characters")
URL: Final = Setting("url", (str,), _url, "an http:// or https:// address replacing the engine's")
KEY_ENV: Final = Setting("key_env", (str,), _env_name, "the environment variable holding the API key")
