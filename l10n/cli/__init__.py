"""The ``l10n`` command line: :mod:`.base` holds the group and the error boundary; each
other module registers the commands of one area on it.

Exit codes: 0 success, 1 findings, 2 usage and input errors (see :mod:`.base`).
"""

from __future__ import annotations

from l10n.cli import content, exchange, review  # noqa: F401  (importing a module registers its commands)
from l10n.cli.base import cli, main

__all__ = ["cli", "main"]
