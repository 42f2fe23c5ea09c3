"""Regular expressions from configuration, matched in linear time (Google RE2).

Rules:

1. Every pattern a user writes in the configuration (``[build] required``, and any
   pattern setting added later) is compiled here with RE2, whose matching time grows
   linearly with the text: no pattern can hang ``build`` or ``status``, whatever the
   text (``(a+)+$`` against a long heading takes microseconds, not minutes). Python's
   ``re`` backtracks, so it is never used for configured patterns.
2. Patterns are validated when the configuration is loaded (:func:`check`): RE2 has no
   backreferences and no lookaround, so such a pattern is refused there with RE2's
   reason. Otherwise the syntax is Python's for what configurations use: ``(?i)``,
   ``\\b``, ``\\d``, classes, anchors (``\\z`` for Python's ``\\Z``).
3. RE2 is told not to log: an error is the project's own one-line message, nothing
   else reaches stderr.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["PatternError", "check", "search"]


class PatternError(ValueError):
    """A pattern RE2 cannot compile; the message says why."""


@cache
def _options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own lines on stderr
    return options


@cache
def _compiled(pattern: str) -> Any:
    import re2

    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        msg = f"{reason} (patterns are RE2 syntax, matched in linear time: no backreferences or lookaround)"
        raise PatternError(msg) from None


def check(pattern: str) -> str:
    """*pattern*, if RE2 compiles it; else a :class:`PatternError`."""
    _compiled(pattern)
    return pattern


def search(pattern: str, text: str) -> bool:
    """Whether *pattern* (checked by :func:`check`) matches anywhere in *text*, in time linear in *text*."""
    return _compiled(pattern).search(text) is not None
