"""Machine-translation engines behind one small interface, and a registry of them.

Each module states its own rules:

- :mod:`~l10n.mt.engines.base`: the :class:`Engine` interface; edge white space, blank
  texts and placeholders in batches.
- :mod:`~l10n.mt.engines.codes`: gettext locales to engine codes; a region falls back to the
  language, a script never does; DeepL's codes depend on the direction.
- :mod:`~l10n.mt.engines.http`: the HTTP client of the direct engines; statuses, timeouts and
  connection failures become :mod:`l10n.core.errors` engine errors; keys are scrubbed.
- :mod:`~l10n.mt.engines.spec` and :mod:`~l10n.mt.engines.registry`: one specification per
  engine (settings, defaults, key, codes, constructor); settings checked, keys only from
  the environment, :func:`make_engine`.
- :mod:`~l10n.mt.engines.libre`, :mod:`~l10n.mt.engines.deepl`: the direct clients.
- :mod:`~l10n.mt.engines.deep_translator`: ``google``, ``mymemory``, ``microsoft`` and
  ``libre-dt`` through deep-translator, each call under a deadline.
- :mod:`~l10n.mt.engines.pseudo`: offline pseudo-localization.
- :mod:`~l10n.mt.engines.calls`: calling an engine for a run: rate limit, retries with
  backoff, and one deadline that cuts what is still running.

No third-party exception escapes an engine: they raise :class:`~l10n.core.errors.RateLimited`,
:class:`~l10n.core.errors.Transient`, :class:`~l10n.core.errors.Permanent` or
:class:`~l10n.core.errors.BadResponse`. Importing this package imports neither requests nor
deep-translator, nor any engine's module: each name below is imported where it lives on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from l10n.mt.engines.base import Engine
    from l10n.mt.engines.codes import Role
    from l10n.mt.engines.deep_translator import DeepTranslatorEngine
    from l10n.mt.engines.deepl import DeepLEngine
    from l10n.mt.engines.http import retry_after_seconds
    from l10n.mt.engines.libre import LibreEngine
    from l10n.mt.engines.pseudo import PseudoEngine, pseudo_localize
    from l10n.mt.engines.registry import ENGINES, close_engine, engine_code, engine_settings, make_engine, settings_schema
    from l10n.mt.engines.spec import EngineSettings, EngineSpec, Setting

_HOMES = {
    "Engine": "base",
    "Role": "codes",
    "DeepTranslatorEngine": "deep_translator",
    "DeepLEngine": "deepl",
    "retry_after_seconds": "http",
    "LibreEngine": "libre",
    "PseudoEngine": "pseudo",
    "pseudo_localize": "pseudo",
    "ENGINES": "registry",
    "close_engine": "registry",
    "engine_code": "registry",
    "engine_settings": "registry",
    "make_engine": "registry",
    "settings_schema": "registry",
    "EngineSettings": "spec",
    "EngineSpec": "spec",
    "Setting": "spec",
}
"""The module of each name this package gives, imported on first use (PEP 562): importing one
engine's module, as the policy does for :func:`l10n.mt.engines.pseudo.is_pseudo`, runs this file,
which must not import every engine and its HTTP client for it."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "ENGINES",
    "DeepLEngine",
    "DeepTranslatorEngine",
    "Engine",
    "EngineSettings",
    "EngineSpec",
    "LibreEngine",
    "PseudoEngine",
    "Role",
    "Setting",
    "close_engine",
    "engine_code",
    "engine_settings",
    "make_engine",
    "pseudo_localize",
    "retry_after_seconds",
    "settings_schema",
]
