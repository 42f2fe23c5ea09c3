"""Who is one person among the identities that approve and waive: ``Name <email>`` or ``Name``.

Rules:

1. Approvals by the same person count once (:func:`reviewers`): two identities are one
   person when their names are equal (ignoring case and spacing) or their emails are.

The identities are the ``by=`` fields of the lines of :mod:`l10n.catalog.provenance`; the
policy and the review commands ask here whether two of them are one reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["person", "reviewers", "same_person"]

_IDENTITY_RE = re.compile(r"^(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>]*)>)?$")


def person(identity: str) -> tuple[str, str]:
    """(name, email) of ``Name <email>``, each normalized for comparison (case, spacing)."""
    found = _IDENTITY_RE.match(identity.strip())
    if found is None:
        return " ".join(identity.split()).casefold(), ""
    return " ".join(found["name"].split()).casefold(), (found["email"] or "").strip().casefold()


def same_person(one: str, other: str) -> bool:
    """Whether two identities are one person (rule 1)."""
    return len(reviewers([one, other])) == 1


def reviewers(identities: Iterable[str]) -> list[str]:
    """One identity per person among *identities*: the first of each, in order (rule 1)."""
    people: list[tuple[int, set[str], set[str], str]] = []
    for index, identity in enumerate(identities):
        name, email = person(identity)
        names, emails = {name} - {""}, {email} - {""}
        first = (index, identity)
        for group in [g for g in people if g[1] & names or g[2] & emails]:
            names, emails = names | group[1], emails | group[2]
            first = min(first, (group[0], group[3]))
            people.remove(group)
        people.append((first[0], names, emails, first[1]))
    return [identity for _, _, _, identity in sorted(people)]
