"""Slugs: the last part of a post's URL, and its translation.

Rules:

1. A slug is lowercase ASCII letters and digits, in words joined by single hyphens
   (``explorando-la-ketamina``): what every generator puts in a URL as it is.
2. A translated slug is transliterated first, with anyascii (a maintained table of
   Unicode to ASCII): accented letters and the letters of other scripts become ASCII
   (``ketamína`` -> ``ketamina``; Arabic, Cyrillic, Japanese kana; a Chinese
   character's syllable, lowercased). What the translator typed in ASCII must already be
   a slug: a space, a capital or punctuation is an error, which suggests the slug meant.
3. ``slug`` becomes translatable when it is listed in ``front_matter_keys``. A reviewed
   translation that is not a slug is not published: the post keeps the source's slug,
   and the build warns with the catalog entry, as for any failing translation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from l10n.core.errors import SourceError
from l10n.document import frontmatter
from l10n.document.model import Document, Unit

KEY = "slug"
"""The front-matter key of a post's slug."""

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def transliterate(value: str) -> str:
    """*value* with every non-ASCII character transliterated (and lowercased); ASCII kept as typed."""
    from anyascii import anyascii

    return "".join(ch if ch.isascii() else anyascii(ch).lower() for ch in value)


def slug(value: str) -> str | None:
    """The slug *value* stands for (rule 2), or None when it is not one."""
    ascii_value = transliterate(value.strip())
    return ascii_value if _SLUG_RE.fullmatch(ascii_value) else None


def suggest(value: str) -> str:
    """The slug *value* was probably meant to be: transliterated, lowercased, runs of other characters as one hyphen."""
    return "-".join(re.findall(r"[a-z0-9]+", transliterate(value).lower()))


def why_not(value: str) -> str:
    """Why *value* is not a slug, with a suggestion."""
    hint = suggest(value)
    return f"{value!r} is not a slug: lowercase letters, digits and single hyphens only" + (f" (as {hint!r})" if hint else "")


def unit(doc: Document) -> Unit | None:
    """The translatable ``slug`` of *doc*, when ``front_matter_keys`` lists it and the source has one."""
    return next((u for u in doc.units if u.key == KEY), None)


def translated(doc: Document, translations: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """*translations* with the slug's transliterated (rule 2), and why it was refused, if it was.

    A refused slug is left out: the post keeps the source's.
    """
    found = unit(doc)
    if found is None or found.text not in translations:
        return dict(translations), None
    value = translations[found.text]
    result = {text: t for text, t in translations.items() if text != found.text}
    normalized = slug(value)
    if normalized is None:
        return result, f"error [slug] {why_not(value)}"
    result[found.text] = normalized
    return result, None


def of(doc: Document, translations: Mapping[str, str], meta: Mapping[str, Any], name: str) -> str:
    """The slug of the post of *doc* built with *translations*: translated, the source's, else *name*.

    A source slug that is not one is an error at its line: a layout cannot put it in a path.
    """
    found = unit(doc)
    if found is not None and found.text in translations:
        return translations[found.text]
    value = meta.get(KEY)
    if value is None:
        return name
    normalized = slug(str(value))
    if normalized is None:
        lines = frontmatter.split_lines(doc.text)
        span = frontmatter.value_span(doc.text, lines, len(lines), KEY)
        raise SourceError(why_not(str(value)), doc.path, span[0] + 1 if span else None)
    return normalized
