"""Exchange formats of translation agencies and CAT tools: XLIFF 1.2 and TMX 1.4b.

:mod:`.segments` turns a unit's text into text and inline codes (its protected spans);
:mod:`.xliff` and :mod:`.tmx` read and write the two formats with lxml and nothing else;
:mod:`.agency` exports work to an agency and imports it back as drafts;
:mod:`.memory` is the project's translation memory that ``l10n translate`` reuses.
"""
