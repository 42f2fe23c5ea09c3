"""A catalog's ``Language`` header against the folder it sits in.

Rules:

1. The folder names the catalog's locale (``locales/es/LC_MESSAGES/``); its ``Language`` header
   should say the same. A French catalog copied into ``es/`` would otherwise be checked,
   reviewed and published as Spanish.
2. The header agrees when it names the folder's locale in any spelling (``pt-BR``, ``pt_BR``),
   or the same language with one side less specific (``es`` and ``es_ES``: PO editors write
   either). It disagrees when the languages differ, when both name a region or script and they
   differ (``pt_PT`` in ``pt_BR/``), or when it names no locale at all. An empty or missing
   header says nothing (``l10n extract`` writes it).
3. ``l10n check`` warns; ``l10n build`` refuses to build from such a catalog, naming the header's
   ``path:line``; ``l10n extract``, which writes the folder's locale into the header, warns before
   it does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from l10n.core.config import Config
from l10n.core.errors import CatalogError, LocaleError
from l10n.core.files import read_file
from l10n.core.locales import normalize_locale

__all__ = ["disagreement", "mismatches", "refuse_mismatches"]

_LANGUAGE_RE = re.compile(r'^"Language:[ \t]*([^"\\]*?)[ \t]*(?:\\n)?"', re.MULTILINE)
_SECOND_MSGID_RE = re.compile(r"^msgid ", re.MULTILINE)


def _agrees(declared: str, locale: str) -> bool:
    """Rule 2: whether the header value *declared* names the folder's *locale*."""
    try:
        code = normalize_locale(declared)
    except LocaleError:
        return False
    mine, theirs = locale.split("_"), code.split("_")
    if mine[0] != theirs[0]:
        return False
    return len(mine) == 1 or len(theirs) == 1 or mine == theirs


def disagreement(text: str, locale: str) -> tuple[str, int] | None:
    """``(message, line)`` when the catalog *text* of the folder *locale* declares another ``Language``."""
    first = _SECOND_MSGID_RE.search(text)
    second = _SECOND_MSGID_RE.search(text, first.end()) if first else None
    found = _LANGUAGE_RE.search(text, 0, second.start() if second else len(text))
    if found is None or not found[1] or _agrees(found[1], locale):
        return None
    line = text.count("\n", 0, found.start()) + 1
    return f"Language header {found[1]!r} names another locale than its folder ({locale})", line


def mismatches(config: Config, locales: Sequence[str] = (), articles: Sequence[str] = ()) -> list[CatalogError]:
    """The catalogs of *articles* in *locales* (none given: all) whose ``Language`` header names another locale (rule 3)."""
    found: list[CatalogError] = []
    for article in articles or config.articles():
        for locale in locales or config.locales:
            path = config.confined(config.catalog_path(locale, article))
            display = config.relative(path)
            data = read_file(path, display, CatalogError, missing_ok=True)
            if data is None:
                continue
            problem = disagreement(data.decode("utf-8", "replace"), locale)
            if problem is not None:
                found.append(CatalogError(problem[0], display, problem[1]))
    return found


def refuse_mismatches(config: Config, locales: Sequence[str], articles: Sequence[str]) -> None:
    """Raise the first of :func:`mismatches` (of *articles*; none: nothing to check): a build never
    publishes one locale's text as another's."""
    for error in mismatches(config, locales, articles) if articles else ():
        raise error
