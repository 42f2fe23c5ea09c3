"""The project's own exceptions.

Every error a user can cause is an :class:`L10nError`. Those that point into a file
carry its ``path`` and, where known, a 1-based ``line``, and print as
``path:line: message``. The CLI turns them into one line on stderr and an exit code;
the library never prints and never exits.
"""

from __future__ import annotations

import os
from collections.abc import Sequence


class L10nError(Exception):
    """Base class of every error ``l10n`` reports to its user."""

    exit_code = 2

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(L10nError):
    """The configuration is missing, unreadable or has a wrong value."""


class LocaleError(L10nError):
    """A locale code is invalid or unknown."""


class SourceError(L10nError):
    """A source article cannot be read or parsed."""


class CatalogError(L10nError):
    """A PO or POT file cannot be read or is inconsistent."""


class PlaceholderError(L10nError):
    """A machine translation lost, duplicated or mangled placeholders (:mod:`l10n.placeholders`)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        """Each problem found, as one line."""
        super().__init__("placeholders not preserved: " + "; ".join(self.problems))


class GlossaryError(L10nError):
    """The glossary cannot be read or breaks its schema."""
