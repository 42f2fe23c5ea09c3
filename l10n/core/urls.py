"""URLs from configuration (``[status] link_base``, an engine's ``url``): cleaned, then their scheme checked.

Rules:

1. Browsers and HTTP clients drop ASCII tabs and newlines inside a URL and trim control
   characters and spaces around it, so ``java<TAB>script:`` is ``javascript:`` to them.
   The scheme is therefore read after removing every whitespace and control character,
   never from the text as written.
2. A URL must be ``http``/``https``, or relative (no scheme: a path beside the report);
   anything else (``javascript:``, ``data:``, ``file:``, ``vbscript:``) is refused when
   the configuration is loaded. The cleaned URL is what is used from then on.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

__all__ = ["UrlError", "clean", "web_url"]


class UrlError(ValueError):
    """A URL whose scheme is not allowed; the message says why."""


def clean(value: str) -> str:
    """*value* without any whitespace or control (or format) character, as a browser reads it."""
    return "".join(ch for ch in value if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")))


def web_url(value: str, relative: bool = True) -> str:
    """*value* cleaned, if it is an ``http``/``https`` URL (or, with *relative*, has no scheme)."""
    url = clean(value)
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise UrlError(f"not a URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return url
    if not scheme and (relative or parts.netloc):  # a path, or //host/... (the page's own scheme)
        return url
    wanted = "an http:// or https:// address" + (" or a relative path" if relative else "")
    raise UrlError(f"expected {wanted}, got {value!r}")
