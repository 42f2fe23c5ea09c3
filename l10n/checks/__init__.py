"""Layer 5, quality checks over translations: plain functions in an explicit registry.

:mod:`.registry` defines what a check is and runs them, errors first, then warnings;
each family of checks has its own module, imported here in the order its checks run
within a severity; :mod:`.runner` runs them over catalogs, each entry in the
:class:`Scope` of its article. A new check goes into the module of its family,
registered with ``@check(name, severity)``.

Texts are compared after removing what another check owns: protected spans are
compared by ``protected-spans`` (code spans as code, see :mod:`.protected`); links and
images by ``links``; numbers outside protected spans by ``numbers``.
"""

from __future__ import annotations

from importlib import import_module

from l10n.catalog.provenance import ignored
from l10n.checks.cache import CheckCache, check_cache
from l10n.checks.registry import CHECKS, ERROR, NO_SCOPE, WARNING, Check, Context, Scope, check, keep_terms, run
from l10n.checks.runner import (
    WAIVED,
    Checked,
    Finding,
    check_catalogs,
    checked_entries,
    entry_checked,
    entry_findings,
    honour,
    pack,
    prefetch,
    scope_of,
    unpack,
)

FAMILIES = (
    "protected",
    "drafts",
    "glossary",
    "numbers",
    "negations",
    "notes",
    "markup",
    "links",
    "injection",
    "deceptive",
    "omissions",
    "untranslated",
    "style",
)
"""The family modules, in the order their checks run and report within a severity."""
for _family in FAMILIES:
    import_module(f"{__name__}.{_family}")

__all__ = [
    "CHECKS",
    "ERROR",
    "NO_SCOPE",
    "WAIVED",
    "WARNING",
    "Check",
    "CheckCache",
    "Checked",
    "Context",
    "Finding",
    "Scope",
    "check",
    "check_cache",
    "check_catalogs",
    "checked_entries",
    "entry_checked",
    "entry_findings",
    "honour",
    "ignored",
    "keep_terms",
    "pack",
    "prefetch",
    "run",
    "scope_of",
    "unpack",
]
