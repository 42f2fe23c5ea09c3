"""What a build did: each post with its state, and the run's written, held, removed and staged files.

Shared by the posts (:mod:`l10n.build.posts`), which fill it, and the output transaction
(:mod:`l10n.build.outputs`), which stages and commits what it lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(slots=True)
class Post:
    """One article in one locale, as built."""

    article: str
    locale: str
    state: str
    """``published``, ``held back``, ``previous`` (held back, its last published version kept) or ``source``."""
    reviewed_percent: float
    reasons: list[str] = field(default_factory=list)
    output: str | None = None
    html: str | None = None
    preview: str | None = None
    source_digest: str | None = None
    """The digest of the source this post's text was built from (``previous``: the kept version's)."""
    source_updated: str | None = None
    """``previous``: the date (``YYYY-MM-DD``) the source changed, as its notice says."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "locale": self.locale,
            "state": self.state,
            "reviewed_percent": self.reviewed_percent,
            "reasons": self.reasons,
            "output": self.output,
            "html": self.html,
            "preview": self.preview,
            "source_digest": self.source_digest,
            "source_updated": self.source_updated,
        }


@dataclass(slots=True)
class BuildReport:
    """What a build run wrote, held back and had to leave in the source language."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Posts of an earlier build removed because they are now held back."""
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    """``path: units; reasons`` of each post held back by the policy (its last version kept or not)."""
    kept: list[str] = field(default_factory=list)
    """``path: date`` of each post held back whose last published version is kept (``outdated = "previous"``)."""
    english: list[str] = field(default_factory=list)
    """``path: units`` of each post published with outdated units in the source language (``outdated = "fallback"``)."""
    why: dict[str, str] = field(default_factory=dict)
    """Why each file of an earlier build is removed, by its path as shown (held back, moved, its source gone...)."""
    previews_removed: int = 0
    """Preview files of an earlier ``--include-drafts`` build removed by a build without it."""
    failed: list[str] = field(default_factory=list)
    """Posts not written because of ``strict``."""
    posts: list[Post] = field(default_factory=list)
    skipped: int = 0
    """Articles not built again: nothing they depend on changed."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Every file this article's build wrote or found unchanged, with its digest."""
    staged: list[tuple[str, str, str]] = field(default_factory=list)
    """(temporary file, target, target as shown) of each file to rename into place (rule 8)."""
    doomed: list[tuple[str, str]] = field(default_factory=list)
    """(path, build folder) of each file of an earlier build to remove at the commit."""
    inputs: str = ""
    """The article's inputs, read on its worker when it was never built (:mod:`l10n.build.posts` rule 5)."""
    sources: list[tuple[str, list[Any]]] = field(default_factory=list)
    """Each input file read for :attr:`inputs`, with its size, times and digest, for the state's cache."""

    _POST: ClassVar[tuple[str, ...]] = (
        "locale",
        "state",
        "reviewed_percent",
        "reasons",
        "output",
        "html",
        "preview",
        "source_digest",
        "source_updated",
    )

    def add(self, part: BuildReport) -> None:
        for name in ("written", "removed", "warnings", "held", "kept", "english", "failed", "posts", "staged", "doomed"):
            getattr(self, name).extend(getattr(part, name))
        self.why.update(part.why)
        self.outputs.update(part.outputs)  # what the run wrote or kept: never removed at the commit
        self.unchanged += part.unchanged

    def summary(self) -> list[Any]:
        """What a skipped article's report says again, compactly (JSON data for the state file)."""
        rows = [[getattr(p, name) for name in self._POST] for p in self.posts]
        return [self.warnings, self.failed, rows, self.held, self.kept, self.english]

    @classmethod
    def replay(cls, article: str, summary: list[Any], strict: bool) -> BuildReport:
        warnings, failed, rows, held, kept, english = summary
        posts = [Post(article, **dict(zip(cls._POST, row, strict=True))) for row in rows]
        lists = (list(warnings), list(failed), list(held), list(kept), list(english))
        if not all(isinstance(line, str) for part in lists for line in part):
            raise TypeError("not a build summary")
        return cls(warnings=lists[0], failed=lists[1], held=lists[2], kept=lists[3], english=lists[4], posts=posts)

    def summary_line(self) -> str:
        """One line for people: the posts by state, then the files (``build: 2 published, ...``)."""
        counts = self.counts()
        parts = [f"{counts['published']} published"]
        if self.english:
            parts[0] += f" ({len(self.english)} with outdated units in the source language)"
        if counts["previous"]:
            parts.append(f"{counts['previous']} kept at their previous version")
        parts.append(f"{counts['held back']} held back")
        if self.failed:
            parts.append(f"{len(self.failed)} not written (--strict)")
        files = f"{len(self.written)} file(s) written, {len(self.removed)} removed, {self.unchanged} unchanged"
        previews = (
            f"; {self.previews_removed} preview file(s) of an earlier --include-drafts build removed"
            if self.previews_removed
            else ""
        )
        skipped = f"; {self.skipped} article(s) as the last build left them" if self.skipped else ""
        return f"build: {', '.join(parts)}; {files}{skipped}{previews}"

    def counts(self) -> dict[str, int]:
        """How many posts are in each state (source-language posts left out), for the summary line."""
        found = dict.fromkeys(("published", "previous", "held back"), 0)
        for post in self.posts:
            if post.state in found and (post.state != "published" or post.output is not None):  # not: failed --strict
                found[post.state] += 1
        return found
