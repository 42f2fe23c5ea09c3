"""Configuration text for tests: ``[translate]`` with each engine's settings in ``[translate.<engine>]``."""

from __future__ import annotations

import json
from collections.abc import Mapping

from l10n.core.schema import TABLES


def translate_toml(table: Mapping[str, object]) -> str:
    """*table* (run settings and the engine's, flat) as ``[translate]`` and ``[translate.<engine>]``."""
    run = {k: v for k, v in table.items() if k in TABLES["translate"] and not isinstance(v, dict)}
    own = {k: v for k, v in table.items() if k not in TABLES["translate"] and not isinstance(v, dict)}
    nested = {k: v for k, v in table.items() if isinstance(v, dict)}
    text = "\n[translate]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in run.items())
    if own:
        engine = str(table.get("engine", "pseudo"))
        nested[engine] = {**nested.get(engine, {}), **own}
    for engine, settings in nested.items():
        text += f"\n[translate.{engine}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items())
    return text
