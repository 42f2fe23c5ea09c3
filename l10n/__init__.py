"""l10n: a localization pipeline for Markdown articles with gettext catalogs."""

from __future__ import annotations

__version__ = "0.1.0"
