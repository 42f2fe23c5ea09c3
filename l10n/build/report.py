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
    """``published`` or ``held back``."""
    reviewed_percent: float
    reasons: list[str] = field(default_factory=list)
    output: str | None = None
    html: str | None = None
    preview: str | None = None

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
    """``locale/article: reasons`` of each post held back by the policy."""
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

    _POST: ClassVar[tuple[str, ...]] = ("locale", "state", "reviewed_percent", "reasons", "output", "html", "preview")

    def add(self, part: BuildReport) -> None:
        for name in ("written", "removed", "warnings", "held", "failed", "posts", "staged", "doomed"):
            getattr(self, name).extend(getattr(part, name))
        self.outputs.update(part.outputs)  # what the run wrote or kept: never removed at the commit
        self.unchanged += part.unchanged

    def summary(self) -> list[Any]:
        """What a skipped article's report says again, compactly (JSON data for the state file)."""
        return [self.warnings, self.failed, [[getattr(p, name) for name in self._POST] for p in self.posts]]

    @classmethod
    def replay(cls, article: str, summary: list[Any], strict: bool) -> BuildReport:
        warnings, failed, rows = summary
        posts = [Post(article, **dict(zip(cls._POST, row, strict=True))) for row in rows]
        held = [] if strict else [f"{p.locale}/{article}: {'; '.join(p.reasons)}" for p in posts if p.reasons]
        return cls(warnings=list(warnings), failed=list(failed), held=held, posts=posts)
