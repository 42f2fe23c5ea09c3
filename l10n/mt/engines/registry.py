"""The registry of engines: which exist, the settings each accepts, and making one.

Rules:

1. :data:`SPECS` holds one :class:`~l10n.mt.engines.spec.EngineSpec` per engine, in the
   order :data:`ENGINES` lists them; adding an engine is one module and one entry here.
   An unknown engine id is a :class:`ConfigError` naming the known ones.
2. Settings are checked before anything is imported or sent, in the order the spec lists
   them: an unknown one is refused, naming the engine's valid settings; a wrong value is
   refused by the setting's check. :func:`settings_schema` gives every engine's settings,
   without importing requests or deep-translator, so that the configuration can be
   validated when it is loaded.
3. API keys come only from environment variables, named by the ``key_env`` setting
   (default ``L10N_LIBRE_KEY``, ``L10N_DEEPL_KEY``, ``L10N_MICROSOFT_KEY``). A setting
   holding a key itself (``key``, ``api_key``, ``auth_key``, ``apikey``) is refused. A
   key is never in a repr; an engine that requires one and finds none is refused with the
   name of the variable.
4. :func:`make_engine` checks the settings, then that the packages the engine needs are
   installed (naming the one to ``pip install``), then its key, and only then builds it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final

from l10n.core.errors import ConfigError
from l10n.core.schema import TABLES, closest, key_line, table_key_line
from l10n.mt.engines import deep_translator, deepl, libre, pseudo
from l10n.mt.engines.base import Engine, need
from l10n.mt.engines.codes import Role
from l10n.mt.engines.spec import EngineSettings, EngineSpec, Setting

SPECS: Final[Mapping[str, EngineSpec]] = {
    spec.id: spec
    for spec in (
        libre.SPEC,
        deep_translator.LIBRE_DT,
        deepl.SPEC,
        deep_translator.GOOGLE,
        deep_translator.MYMEMORY,
        deep_translator.MICROSOFT_SPEC,
        pseudo.SPEC,
    )
}
ENGINES: Final = tuple(SPECS)
"""The ids of the engines, in the registry's order."""

KEY_SETTINGS: Final = frozenset({"key", "api_key", "auth_key", "apikey"})
"""Settings refused because they would hold a key itself (rule 3)."""


def spec_of(engine_id: str) -> EngineSpec:
    """The specification of *engine_id*; :class:`ConfigError` for an unknown one."""
    spec = SPECS.get(engine_id)
    if spec is None:
        msg = f"unknown engine {engine_id!r} (known: {', '.join(ENGINES)})"
        raise ConfigError(msg)
    return spec


def settings_schema() -> dict[str, dict[str, Setting]]:
    """Each engine's settings by name: the TOML types each accepts and its check (rule 2).

    ``setting.check(engine_id, value)`` raises the :class:`ConfigError` :func:`make_engine`
    would; settings in :data:`KEY_SETTINGS` are refused for every engine.
    """
    return {spec.id: {s.name: s for s in spec.settings} for spec in SPECS.values()}


def engine_settings(engine_id: str, settings: Mapping[str, Any]) -> EngineSettings:
    """*settings* for *engine_id* checked (rules 2 and 3), with defaults and the key from the environment."""
    spec = spec_of(engine_id)
    allowed = {s.name: s for s in spec.settings}
    for name in settings:
        if name in KEY_SETTINGS:
            msg = f"engine {engine_id}: put the API key in an environment variable and name it with key_env"
            raise ConfigError(msg)
        if name not in allowed:
            msg = f"engine {engine_id}: unknown setting {name!r} (known: {', '.join(sorted(allowed))})"
            raise ConfigError(msg)
    values = {s.name: s.check(engine_id, settings[s.name]) for s in spec.settings if s.name in settings}
    shared = {name: values.pop(name) for name in ("timeout", "batch_size", "max_chars", "url", "key_env") if name in values}
    shared.setdefault("max_chars", spec.max_chars)
    env = shared.setdefault("key_env", spec.key_env)
    key = (os.environ.get(env) or None) if env else None
    return EngineSettings(**shared, key=key, options=values)


def make_engine(engine_id: str, settings: Mapping[str, Any]) -> Engine:
    """The engine *engine_id* configured by *settings* (rule 4)."""
    spec = spec_of(engine_id)
    checked = engine_settings(engine_id, settings)
    for module in spec.needs:
        need(module, engine_id)
    if spec.key_required and not checked.key:
        raise ConfigError(f"engine {engine_id} needs an API key in the environment variable {checked.key_env}")
    return spec.build(checked)


def engine_code(engine_id: str, locale: str, *, role: Role = "target") -> str:
    """The code *engine_id* uses for the gettext *locale*; :class:`~l10n.core.errors.Permanent` if it has none."""
    return spec_of(engine_id).code(locale, role)


def close_engine(engine: Engine) -> None:
    """Close *engine*'s connections, if it holds any."""
    close = getattr(engine, "close", None)
    if callable(close):
        close()


def no_engine_message() -> str:
    """What ``l10n translate`` says when no engine is configured and none is named."""
    real = [engine for engine in ENGINES if engine != "pseudo"]
    return (
        "no machine-translation engine is configured: name one with --engine, or set it in l10n.toml "
        f'([translate] engine = "{real[0]}", or [tool.l10n.translate] in pyproject.toml); '
        f"engines: {', '.join(real)} (docs/how-to/engines.md); pseudo makes fake accented drafts for layout tests only"
    )


def check_settings(tables: dict[str, dict[str, Any]], data: dict[str, Any], text: str, display: str, warnings: list[str]) -> None:
    """Check each engine's settings, ``[translate.<engine>]``, and keep them as ``engines`` of ``[translate]``.

    A :data:`l10n.core.schema.TableCheck`, run when the configuration is loaded. The same keys
    written flat in ``[translate]`` (the old place) still count, for whichever engine runs, with
    a warning naming the new place; those the configured engine does not accept are refused
    only if that engine is ever chosen.
    """
    values, given = tables["translate"], data.get("translate", {})
    schema = settings_schema()
    engine = values["engine"]
    if engine and engine not in schema:  # "" is no engine: `l10n translate` says how to choose one
        what = f"unknown engine {engine!r}{closest(engine, ENGINES)} (known: {', '.join(ENGINES)})"
        raise ConfigError(f"translate.engine: {what}", display, table_key_line(text, "translate", "engine"))
    every = {name for settings in schema.values() for name in settings}
    engines: dict[str, dict[str, Any]] = {}
    for key, value in given.items():
        if key in TABLES["translate"]:
            continue
        if isinstance(value, dict):
            if key not in schema:
                at = key_line(text, f"translate.{key}") or 1
                warnings.append(f"{display}:{at}: unknown engine table '[translate.{key}]' (ignored{closest(key, ENGINES)})")
                continue
            engines[key] = _engine_table(key, value, schema[key], text, display, warnings)
            continue
        line = table_key_line(text, "translate", key)
        if key in KEY_SETTINGS:
            msg = f"translate.{key}: put the API key in an environment variable and name it with key_env"
            raise ConfigError(msg, display, line)
        if key not in every:
            warnings.append(
                f"{display}:{line or 1}: unknown configuration key 'translate.{key}' "
                f"(ignored{closest(key, [*TABLES['translate'], *sorted(every)])})"
            )
            continue
        owner = engine if key in schema.get(engine, {}) else next(e for e in ENGINES if key in schema[e])
        warnings.append(f"{display}:{line or 1}: 'translate.{key}' is an engine's setting: move it to [translate.{owner}]")
        setting = schema.get(engine, {}).get(key)
        if setting is not None:
            try:
                setting.check(engine, value)
            except ConfigError as exc:
                raise ConfigError(exc.message, display, line) from None
        engines.setdefault("*", {})[key] = value  # another engine's setting: that engine refuses it, if it is ever chosen
    values["engines"] = engines


def _engine_table(
    engine: str, given: dict[str, Any], settings: Mapping[str, Setting], text: str, display: str, warnings: list[str]
) -> dict[str, Any]:
    """The settings of ``[translate.<engine>]``, each checked against the engine's specification."""
    table = f"translate.{engine}"
    kept = {}
    for key, value in given.items():
        line = table_key_line(text, table, key)
        if key in KEY_SETTINGS:
            msg = f"{table}.{key}: put the API key in an environment variable and name it with key_env"
            raise ConfigError(msg, display, line)
        if key not in settings:
            warnings.append(f"{display}:{line or 1}: unknown configuration key '{table}.{key}' (ignored{closest(key, settings)})")
            continue
        try:
            settings[key].check(engine, value)
        except ConfigError as exc:
            raise ConfigError(exc.message, display, line) from None
        kept[key] = value
    return kept
