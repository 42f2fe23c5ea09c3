"""Who is acting: the reviewer's or translator's identity, as ``Name <email>``.

Rules:

1. An identity given on the command line (``--reviewer``) or in ``L10N_REVIEWER`` wins; else
   git's author (``GIT_AUTHOR_NAME``/``GIT_AUTHOR_EMAIL``, then ``user.name``/``user.email``).
2. Whitespace runs become one space; a control character is refused, so an identity can never
   start a new line in a catalog's comments.
"""

from __future__ import annotations

import os
import subprocess

from l10n.core.errors import L10nError


def reviewer_name(given: str | None, root: str | os.PathLike[str] | None = None) -> str:
    """Who approves (rule 5), as ``Name <email>`` or ``Name``."""
    for chosen in (given, os.environ.get("L10N_REVIEWER")):
        if chosen and chosen.strip():
            return _identity(chosen)
    name = os.environ.get("GIT_AUTHOR_NAME") or git_config("user.name", root)
    email = os.environ.get("GIT_AUTHOR_EMAIL") or git_config("user.email", root)
    if name and name.strip():
        return _identity(f"{name} <{email}>" if email else name)
    msg = "who is reviewing? pass --reviewer 'Name <email>', set L10N_REVIEWER, or set git's user.name and user.email"
    raise L10nError(msg)


def known_identity(root: str | os.PathLike[str] | None = None) -> str | None:
    """The identity :func:`reviewer_name` would find without ``--reviewer``, or None."""
    try:
        return reviewer_name(None, root)
    except L10nError:
        return None


def _identity(text: str) -> str:
    identity = " ".join(text.split())
    if any(ord(ch) < 32 or ch == "\x7f" for ch in text.replace("\t", " ").replace("\n", " ")):
        msg = f"reviewer {identity!r} contains a control character"
        raise L10nError(msg)
    return identity


def git_config(key: str, root: str | os.PathLike[str] | None) -> str | None:
    """git's value of *key* in the repository at *root* (None when unset, or git missing)."""
    try:
        done = subprocess.run(["git", "config", "--get", key], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip() if done.returncode == 0 else ""
    return value or None
