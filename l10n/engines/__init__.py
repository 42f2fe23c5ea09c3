"""Machine-translation engines behind one small interface, and a registry of them.

Each module states its own rules:

- :mod:`~l10n.engines.base`: the :class:`Engine` interface; edge white space, blank
  texts and placeholders in batches.
- :mod:`~l10n.engines.codes`: gettext locales to engine codes; a region falls back to the
  language, a script never does; DeepL's codes depend on the direction.
- :mod:`~l10n.engines.http`: the HTTP client of the direct engines; statuses, timeouts and
  connection failures become :mod:`l10n.errors` engine errors; keys are scrubbed.
- :mod:`~l10n.engines.spec` and :mod:`~l10n.engines.registry`: one specification per
  engine (settings, defaults, key, codes, constructor); settings checked, keys only from
  the environment, :func:`make_engine`.
- :mod:`~l10n.engines.libre`, :mod:`~l10n.engines.deepl`: the direct clients.
- :mod:`~l10n.engines.deep_translator`: ``google``, ``mymemory``, ``microsoft`` and
  ``libre-dt`` through deep-translator, each call under a deadline.
- :mod:`~l10n.engines.pseudo`: offline pseudo-localization.
- :mod:`~l10n.engines.calls`: calling an engine for a run: rate limit, retries with
  backoff, and one deadline that cuts what is still running.

No third-party exception escapes an engine: they raise :class:`~l10n.errors.RateLimited`,
:class:`~l10n.errors.Transient`, :class:`~l10n.errors.Permanent` or
:class:`~l10n.errors.BadResponse`. Importing this package imports neither requests nor
deep-translator.
"""

from __future__ import annotations

from .base import Engine
from .codes import Role
from .deep_translator import DeepTranslatorEngine
from .deepl import DeepLEngine
from .http import retry_after_seconds
from .libre import LibreEngine
from .pseudo import PseudoEngine, pseudo_localize
from .registry import ENGINES, close_engine, engine_code, engine_settings, make_engine, settings_schema
from .spec import EngineSettings, EngineSpec, Setting

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
