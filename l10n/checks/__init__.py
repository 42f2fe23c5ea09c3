"""Quality checks over translations: plain functions in an explicit registry.

:mod:`.registry` defines what a check is and runs them; each family of checks has its
own module, imported here in the order the checks run (errors first, then warnings);
:mod:`.runner` runs them over catalogs. A new check goes into the module of its family,
registered with ``@check(name, severity)``.

Texts are compared after removing what another check owns: protected spans are
compared as a multiset by ``protected-spans``; numbers outside them by ``numbers``.
"""

from __future__ import annotations

from importlib import import_module

from ..provenance import ignored
from .registry import CHECKS, ERROR, WARNING, Check, Context, check, keep_terms, run
from .runner import WAIVED, Checked, Finding, check_catalogs, entry_checked, entry_findings

FAMILIES = ("protected", "glossary", "numbers", "markup", "injection", "style")
"""The family modules, in the order their checks run and report: errors first, then warnings."""
for _family in FAMILIES:
    import_module(f"{__name__}.{_family}")

__all__ = [
    "CHECKS",
    "ERROR",
    "WAIVED",
    "WARNING",
    "Check",
    "Checked",
    "Context",
    "Finding",
    "check",
    "check_catalogs",
    "entry_checked",
    "entry_findings",
    "ignored",
    "keep_terms",
    "run",
]
