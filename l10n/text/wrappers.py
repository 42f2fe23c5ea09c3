"""Direction wrappers: the markup right-to-left translators add so that Latin text displays right.

In an Arabic, Hebrew or Persian page, a dose, a brand or a command line written in Latin
letters can display in the wrong order; translators wrap it: ``<bdi>0.5 mg/kg</bdi>``,
``<span dir="ltr">Innerwell</span>``, ``<code dir="ltr">ketamine --dose</code>``. Such a
wrapper changes how the text displays, not what it says.

Rules:

1. Only in a right-to-left locale (CLDR, :func:`l10n.core.locales.text_direction`).
2. Only ``<bdi>``, and ``<span>`` or ``<code>`` with nothing but a ``dir`` attribute
   (``ltr``, ``rtl`` or ``auto``), closed by the same tag, holding no other markup. ``<bdo>``
   overrides the order of the letters: it is never a wrapper.
3. Only around text the source has as it is (a ``<code>`` wrapper: around the content of
   one of its code spans), and only a wrapper the source itself does not have.
4. The checks then read the translation with the wrapper taken off (a ``<code>`` wrapper
   becomes the code span it stands for), as if it were not there.
"""

from __future__ import annotations

import re

from l10n.core.locales import text_direction

__all__ = ["unwrap"]

_WRAPPER_RE = re.compile(r'<(bdi|span|code)(?:\s+dir\s*=\s*"(?:ltr|rtl|auto)")?\s*>([^<>]*)</\1\s*>', re.IGNORECASE)


def unwrap(text: str, source: str, locale: str) -> str:
    """*text* with the direction wrappers a right-to-left translator added taken off (rules 1-4)."""
    if "<" not in text or text_direction(locale) != "rtl":
        return text

    def plain(match: re.Match[str]) -> str:
        tag, inner = match.group(1).lower(), match.group(2)
        wrapper = match.group()
        if wrapper in source or not inner.strip() or (tag != "bdi" and "dir" not in wrapper.lower()):
            return wrapper
        if tag == "code":
            fence = "`" * (max((len(run) for run in re.findall("`+", inner)), default=0) + 1)
            padded = f" {inner} " if inner.startswith("`") or inner.endswith("`") else inner
            return f"{fence}{padded}{fence}" if f"`{inner}`" in source or f"{fence}{padded}{fence}" in source else wrapper
        return inner if inner in source else wrapper

    return _WRAPPER_RE.sub(plain, text)
