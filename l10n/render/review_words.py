"""What the reviewer's page (:mod:`l10n.render.review_html`) says in plain words.

Rules:

1. Written for clinicians, not for users of PO editors: each queue state and each kind of
   highlight is named in plain words, and the legend shows an example of each.
2. The page says whose identity the commands will record (``identity``), and how to name
   another (``--reviewer``).
3. Whether a signature proves who gave an approval is said in words beside it: verified, not
   valid, or a name as recorded.
"""

from __future__ import annotations

from typing import Any

from l10n.render.html import e, figure

STATE_WORDS: dict[str, str] = {
    "edited after approval": "Someone changed this translation after it was approved. Read it again first.",
    "awaiting approval": "A person translated this (in a translation editor); nobody has approved it yet.",
    "awaiting another approval": "Approved, but this text needs the approval of more people.",
    "outdated": "The English text changed after this was translated: compare it with the earlier English shown.",
    "machine draft": "A machine translated this. No person has checked it yet.",
    "reuse draft": "Copied from an approved translation of the same text in another article; it needs its own approval.",
    "memory draft": "Taken from the translation memory (an earlier human translation of the same text).",
    "agency draft": "Translated by a translation agency; nobody has approved it here yet.",
    "flagged": "Marked as needing a look, with no record of why.",
    "pseudo draft": "Fake accented text for layout tests, not a translation. It can never be approved.",
    "sent back": "A reviewer sent this back to the translator with a note; it waits for a corrected translation.",
}
"""What each queue state means, in plain words."""

KIND_WORDS = {"number": "Number", "negation": "Negation word", "hedge": "Hedge word", "citation": "Citation"}

LEGEND = {
    "number": "0.5 mg/kg: a number",
    "negation": "not: a negation",
    "hedge": "may: a hedge",
    "citation": "(Krystal et al., 2013): a citation",
}


def identity(identity: object) -> str:
    """Whose name the commands will record (rule 2)."""
    if identity:
        return (
            '<p class="lead who">The commands record the approval under the identity of the computer they run on '
            f"(on the one that made this page: {figure('identity', str(identity), tag='strong')}). To approve as "
            "yourself, add <code>--reviewer 'Your Name &lt;you@example.org&gt;'</code> to each command.</p>\n"
        )
    return (
        '<p class="lead who">No reviewer identity is configured where this page was made: add '
        "<code>--reviewer 'Your Name &lt;you@example.org&gt;'</code> to each command, or the command names "
        "<code>L10N_REVIEWER</code> or git's <code>user.name</code> of the computer it runs on.</p>\n"
    )


def verified(approval: dict[str, Any]) -> str:
    """Whether a signature proves who gave *approval*, in words (null: the project does not require signatures)."""
    verified = approval.get("verified")
    if verified is None:
        return ' <span class="muted">(name as recorded, not verified by a signature)</span>'
    if verified:
        return ' <span class="found">(signature verified)</span>'
    return f' <strong class="blocked">({e(str(approval.get("signature", "signature not valid")))}: counts for nothing)</strong>'
