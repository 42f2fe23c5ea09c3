"""Layer 6, exchange formats of translation agencies and CAT tools: XLIFF 1.2 and TMX 1.4b (formats only).

:mod:`.segments` turns a unit's text into text and inline codes (its protected spans);
:mod:`.xliff` and :mod:`.tmx` read and write the two formats with lxml and nothing else. What is
done with them lives above: :mod:`l10n.workflow.agency` (export and import) and
:mod:`l10n.mt.memory` (the translation memory that ``l10n translate`` reuses).
"""
