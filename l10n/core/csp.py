"""The Content-Security-Policies of the HTML pages l10n writes: its own reports, and built posts.

Rules:

1. l10n's own pages (the status report, the reviewer's page; :mod:`l10n.render.html`) load
   nothing and run nothing: ``default-src 'none'`` with inline styles only (:data:`REPORT`).
2. A built post's page (:mod:`l10n.build.pages`) keeps its source's raw HTML (authors are
   trusted), so it may show images, audio, video and embedded frames from its own site or over
   HTTPS; it never runs a script, nor loads a plugin, nor changes its base URL or posts a form,
   unless ``[build] allow_scripts = true`` lets its own and HTTPS scripts run
   (:func:`post_policy`). A translation cannot add markup (the ``injection`` check), so a
   script in a page is the author's.
3. Both are given in a ``<meta http-equiv="Content-Security-Policy">`` so that a page served
   from any host, or opened as a file, carries its policy.
"""

from __future__ import annotations

REPORT = "default-src 'none'; style-src 'unsafe-inline'"
"""l10n's own pages (rule 1)."""

_POST = (
    "default-src 'none'",
    "img-src 'self' https: data:",
    "media-src 'self' https:",
    "frame-src 'self' https:",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
)


def post_policy(allow_scripts: bool = False) -> str:
    """The policy of a built post's page (rule 2)."""
    scripts = (
        ("script-src 'self' 'unsafe-inline' https:", "connect-src 'self' https:") if allow_scripts else ("script-src 'none'",)
    )
    return "; ".join((*_POST, *scripts))
