"""The project's own exceptions.

Every error a user can cause is an :class:`L10nError`. Those that point into a file
carry its ``path`` and, where known, a 1-based ``line``, and print as
``path:line: message``. The CLI turns them into one line on stderr and an exit code;
the library never prints and never exits.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar


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


E = TypeVar("E", bound=L10nError)


def undecodable(error: type[E], data: bytes, exc: UnicodeDecodeError, path: str, what: str = "UTF-8") -> E:
    """*error* for *data* that is not valid *what*: ``not valid UTF-8 (byte 0xff at offset 44)``, at its line."""
    msg = f"not valid {what} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return error(msg, path, data.count(b"\n", 0, exc.start) + 1)


def unreadable(error: type[E], exc: OSError, path: str, what: str = "") -> E:
    """*error* for a file the system would not read: ``cannot read: Permission denied``."""
    return error(f"cannot read{what}: {exc.strerror or exc}", path)


class ConfigError(L10nError):
    """The configuration is missing, unreadable or has a wrong value."""


class LocaleError(L10nError):
    """A locale code is invalid or unknown."""


class SourceError(L10nError):
    """A source article cannot be read or parsed."""


class CatalogError(L10nError):
    """A PO or POT file cannot be read or is inconsistent."""


class EngineError(L10nError):
    """A machine-translation engine could not translate; ``engine`` is its id.

    Engines raise only these (:mod:`l10n.mt.engines.http`, :mod:`l10n.mt.engines.deep_translator`):
    no third-party exception escapes them, and their messages never quote one.
    """

    exit_code = 1

    def __init__(self, message: str, engine: str = "") -> None:
        super().__init__(message)
        self.engine = engine


class RateLimited(EngineError):
    """The engine asks us to slow down; ``retry_after`` is in seconds when it said."""

    def __init__(self, message: str, engine: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, engine)
        self.retry_after = retry_after


class Transient(EngineError):
    """Worth retrying later: a 5xx, a timeout, a refused or dropped connection."""


class Permanent(EngineError):
    """Retrying will not help: a 4xx, an unsupported language, a refused key."""


class BadResponse(EngineError):
    """The engine answered, but not with the translations asked for."""


class PlaceholderError(L10nError):
    """A machine translation lost, duplicated or mangled placeholders (:mod:`l10n.text.placeholders`)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        """Each problem found, as one line."""
        super().__init__("placeholders not preserved: " + "; ".join(self.problems))


class GlossaryError(L10nError):
    """The glossary cannot be read or breaks its schema."""


class ExchangeError(L10nError):
    """An XLIFF or TMX file cannot be read, or no longer matches the catalogs (:mod:`l10n.exchange`)."""


class SigningError(L10nError):
    """A signature cannot be made or checked: no key, ``ssh-keygen`` missing, a bad allowed-signers file."""
