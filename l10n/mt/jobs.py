"""Jobs: the distinct masked texts of a run sent to an engine, in sentence pieces and batches.

Rules:

1. Texts that differ only in their protected spans ("5 mg", "10 mg") mask to the same text,
   which is one job, sent once: each entry waiting for it gets its own spans back.
2. Long texts are split at sentence boundaries under the engine's length limit; a sentence
   longer than the limit is cut at the last space before it (at the limit when there is none).
3. Pieces are sent in batches of at most ``batch_size``; a piece already translated (cached)
   is not sent again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from l10n.text.placeholders import Masked

_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+(?=\S)")


@dataclass(slots=True)
class Job:
    """One distinct masked text to translate, and the entries waiting for it."""

    masked: Masked
    pieces: list[str]
    waiting: list[tuple[Path, str, Masked]] = field(default_factory=list)
    """(catalog, msgid, its own masking): texts that differ only in protected spans ("5 mg", "10 mg")
    share a job, and each must get its own spans back."""
    results: dict[int, str] = field(default_factory=dict)


def split_sentences(text: str, limit: int) -> list[str]:
    """*text* cut at sentence boundaries into pieces of at most *limit* characters where possible."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_RE.split(text):
        while len(sentence) > limit:  # one sentence over the limit: cut at the last space before it
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def batches(jobs: dict[str, Job], size: int) -> Iterator[list[tuple[Job, int]]]:
    """The pieces of *jobs* not yet translated, as (job, piece index), in batches of at most *size*."""
    batch: list[tuple[Job, int]] = []
    for job in jobs.values():
        for index in range(len(job.pieces)):
            if index in job.results:
                continue  # cached
            batch.append((job, index))
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch
