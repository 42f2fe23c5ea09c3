"""The timestamps of the lines ``l10n`` writes into translator comments: UTC to the minute.

Rules:

1. One timestamp format, UTC to the minute: a ``date=`` field (``STAMP`` in the lines of
   :mod:`l10n.catalog.provenance` and :mod:`l10n.catalog.sent_back`) is
   ``2025-01-31T09:05Z`` (:func:`stamp`, :func:`parse_stamp`); :data:`STAMP_PATTERN` finds
   one in a line.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

__all__ = ["STAMP_FORMAT", "STAMP_PATTERN", "parse_stamp", "stamp"]

STAMP_FORMAT = "%Y-%m-%dT%H:%MZ"
"""The one timestamp format of the ``date=`` fields (``time.strftime``, in UTC)."""

STAMP_PATTERN = r"\d{4}-\d\d-\d\dT\d\d:\d\dZ"
"""A ``date=`` timestamp in a regular expression."""


def stamp(when: float | None = None) -> str:
    """*when* (seconds since the epoch; now when None) as a ``date=`` timestamp."""
    return time.strftime(STAMP_FORMAT, time.gmtime(when))


def parse_stamp(text: str) -> float:
    """The seconds since the epoch of a ``date=`` timestamp (``ValueError`` when it is not one)."""
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC).timestamp()
