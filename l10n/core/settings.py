"""The settings of every configuration table, typed: one frozen dataclass per table.

Rules:

1. Each table (``[build]``, ``[review]``, ``[status]``, ``[translate]``, ``[check]``,
   ``[memory]``) is a frozen dataclass; each field is one setting, declared with
   :func:`setting` (its default, its validator and what it means). A new setting is one field.
2. A validator returns the value to use (normalized: a tuple for a list) or raises
   :class:`Invalid` saying what was expected; :mod:`l10n.core.schema` reads the fields to
   validate a file with ``path:line`` errors.
3. The settings are read once, when the configuration is loaded (``Config.settings``); no
   module indexes an untyped mapping of them.
4. ``[translate.<engine>]`` sub-tables hold each engine's own settings, checked against the
   engine's specification by the layer that owns the engines; the same keys written flat in
   ``[translate]`` (the old place) are still read, with a warning naming the new place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from l10n.core.patterns import PatternError, check
from l10n.core.urls import UrlError, web_url


class Invalid(Exception):
    """A value of the wrong type or out of range: the message says what was expected."""


Validator = Callable[[Any], Any]
"""Returns the value to use (normalized), or raises :class:`Invalid`."""


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {value!r}")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(f"expected a string, got {value!r}")
    return value


def _positive(kind: type[int] | type[float]) -> Validator:
    def check(value: Any) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
            raise Invalid(f"expected a positive {kind.__name__}, got {value!r}")
        if value <= 0:
            raise Invalid(f"expected a positive {kind.__name__}, got {value!r}")
        return kind(value)

    return check


def _one_of(*choices: str) -> Validator:
    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid(f"expected one of {', '.join(map(repr, choices))}, got {value!r}")
        return str(value)

    return check


def _percentage(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise Invalid(f"expected a percentage from 0 to 100, got {value!r}")
    return float(value)


def _patterns(value: Any) -> tuple[str, ...]:
    """Regular expressions, compiled by :mod:`l10n.core.patterns` (RE2: linear time, never a hang)."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        raise Invalid(f"expected a list of regular expressions, got {value!r}")
    for pattern in value:
        try:
            check(pattern)
        except PatternError as exc:
            raise Invalid(f"invalid regular expression {pattern!r}: {exc}") from None
    return tuple(value)


def _link(value: Any) -> str:
    """A link base: http(s) or relative, scheme read after removing whitespace and control characters."""
    try:
        return web_url(_string(value)) if value else ""
    except UrlError as exc:
        raise Invalid(str(exc)) from None


_LANG_SEGMENT_RE = re.compile(r"(?:\A|[./])\{lang\}(?:[./]|\Z)")


def _link_rules(value: Any) -> tuple[str, ...]:
    """URL patterns with one ``{lang}`` host label or path segment; ``*.host`` is ``{lang}.host``."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise Invalid(f"expected a list of URL patterns such as '{{lang}}.wikipedia.org', got {value!r}")
    rules = []
    for pattern in value:
        rule = "{lang}" + pattern[1:] if pattern.startswith("*.") else pattern
        if "://" in rule or rule.startswith("/"):
            raise Invalid(f"{pattern!r}: write the host and path without the scheme ('{{lang}}.wikipedia.org')")
        if rule.count("{lang}") != 1 or not _LANG_SEGMENT_RE.search(rule):
            raise Invalid(f"{pattern!r}: expected one '{{lang}}' as a whole host label or path segment")
        rules.append(rule)
    return tuple(rules)


def setting(default: Any, validator: Validator, doc: str) -> Any:
    """A field of a settings table: its default, the validator of a value read from a file, and its meaning."""
    return field(default=default, metadata={"default": default, "check": validator, "doc": doc})


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """``[build]``: the publishing policy and the output."""

    min_reviewed: float = setting(100.0, _percentage, "percentage of an article's units that must be reviewed to publish it")
    required: tuple[str, ...] = setting((), _patterns, "patterns (RE2) of units that must be reviewed to publish the post")
    html: bool = setting(False, _boolean, "write an HTML page beside each post")
    layout: str = setting("default", _string, "where posts go: a static-site generator preset or a path template")
    outdated: str = setting(
        "hold",
        _one_of("hold", "previous", "fallback"),
        "a post with outdated units: hold it back, keep its last published version, or publish them in English",
    )
    allow_scripts: bool = setting(False, _boolean, "let the scripts of a source's raw HTML run in built HTML pages")


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """``[review]``: what counts as reviewed."""

    require_approval: bool = setting(True, _boolean, "a unit counts as reviewed only with a recorded approval")
    min_approvals: int = setting(1, _positive(int), "distinct approvers a unit needs")
    min_approvals_required_units: int = setting(1, _positive(int), "distinct approvers a required unit needs")
    signatures: str = setting(
        "off",
        _one_of("required", "warn", "off"),
        "whether approvals and waivers count only with a verified SSH signature (required), are shown unsigned (warn), or not",
    )
    reviewers: str = setting("reviewers", _string, "the allowed-signers file of the people whose signatures count")


@dataclass(frozen=True, slots=True)
class StatusSettings:
    """``[status]``: the coverage report."""

    link_base: str = setting("", _link, "URL prefix for catalog positions in the HTML report (a repository browser)")


@dataclass(frozen=True, slots=True)
class TranslateSettings:
    """``[translate]``: a machine-translation run; each engine's own settings are in ``engines``."""

    engine: str = setting("", _string, "the engine used when --engine is not given (none: `l10n translate` lists them)")
    concurrency: int = setting(4, _positive(int), "requests in flight at once")
    deadline: float = setting(900.0, _positive(float), "seconds a run may take before it stops and saves what it has")
    batch_size: int = setting(16, _positive(int), "texts per request")
    rate_limit: float = setting(8.0, _positive(float), "requests per second at most")
    max_attempts: int = setting(6, _positive(int), "attempts per batch before giving up")
    checkpoint: int = setting(25, _positive(int), "drafts saved to the catalog every this many units")
    engines: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each engine's settings by engine id, from ``[translate.<engine>]`` (and the old flat keys)."""

    def engine_settings(self, engine: str) -> dict[str, Any]:
        """The settings of *engine*: its own table's, over the old flat keys."""
        return {**self.engines.get("*", {}), **self.engines.get(engine, {})}


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """``[check]``: the QA checks."""

    localized_links: tuple[str, ...] = setting((), _link_rules, "URL patterns of sites whose pages exist per language")


@dataclass(frozen=True, slots=True)
class MemorySettings:
    """``[memory]``: the translation memory."""

    folder: str = setting("memory", _string, "the folder of TMX files, relative to the project")
    min_similarity: float = setting(75.0, _percentage, "how similar a fuzzy match must be to be offered")
    suggestions: int = setting(3, _positive(int), "fuzzy matches offered per unit")


SETTINGS: Mapping[str, type] = MappingProxyType(
    {
        "build": BuildSettings,
        "review": ReviewSettings,
        "status": StatusSettings,
        "translate": TranslateSettings,
        "check": CheckSettings,
        "memory": MemorySettings,
    }
)
"""Every table, by name, in the order the reference documentation lists them."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every table's settings, typed, read once with the configuration."""

    build: BuildSettings = field(default_factory=BuildSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    status: StatusSettings = field(default_factory=StatusSettings)
    translate: TranslateSettings = field(default_factory=TranslateSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    memory: MemorySettings = field(default_factory=MemorySettings)

    @classmethod
    def of(cls, tables: Mapping[str, Mapping[str, Any]]) -> Settings:
        """The settings of validated *tables* (defaults filled in; ``engines`` of ``[translate]`` from its check)."""
        made: dict[str, Any] = {}
        for name, kind in SETTINGS.items():
            known = {f.name for f in fields(kind) if f.name != "engines"}
            values = {k: v for k, v in tables.get(name, {}).items() if k in known}
            if name == "translate":
                engines = tables.get(name, {}).get("engines", {})
                values["engines"] = {k: dict(v) for k, v in engines.items()}  # plain dicts: a Config goes to workers
            made[name] = kind(**values)
        return cls(**made)
