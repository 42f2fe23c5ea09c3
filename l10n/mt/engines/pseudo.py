"""``pseudo``: offline pseudo-localization, for checking layouts and the pipeline.

Rules:

1. Deterministic: each ASCII letter accented (``a`` to ``á``), the text between ``⟦``
   and ``⟧`` and padded with accented filler to be 30% longer (rounded up; at least the
   two brackets).
2. Tags (``<...>``, so placeholders) and entities are kept as they are, and no Markdown
   punctuation is added or changed: ASCII ``[!! ... !!]`` brackets would read as link
   text. Leading and trailing white space stays outside the brackets; a blank text comes
   back as it is.
3. It needs no network, no key and no package, takes gettext locales as they are and
   supports every language (``languages()`` is ``None``).
4. The brackets are the pseudo mark: a text with more ``⟦`` than its source is pseudo
   output (:func:`is_pseudo`), whichever tool or article it was copied into, and is
   never approved or published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from l10n.mt.engines.base import EDGES
from l10n.mt.engines.spec import MAX_CHARS, EngineSettings, EngineSpec

_KEEP = re.compile(r"<[^<>]*>|&#?\w+;")
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒğĥíĵķłɱñóƥʠŕšţúṽŵẋýžÁƁÇĐÉƑĞĤÍĴĶŁṀÑÓƤɊŔŠŢÚṼŴẊÝŽ",
)
_FILLER = " ŀóŕéɱ íƥšúɱ đółóŕ šíţ áɱéţ"


OPEN, CLOSE = "⟦", "⟧"


def is_pseudo(source: str, text: str) -> bool:
    """Whether *text* carries the pseudo mark that its *source* does not (rule 4)."""
    return text.count(OPEN) > source.count(OPEN) and CLOSE in text


def pseudo_localize(text: str) -> str:
    """*text* pseudo-localized (rules 1 and 2)."""
    match = EDGES.fullmatch(text)
    assert match is not None  # the pattern matches every string
    lead, core, trail = match.groups()
    if not core:
        return text
    parts: list[str] = []
    pos = plain = 0
    for tag in _KEEP.finditer(core):
        parts += [core[pos : tag.start()].translate(_ACCENTED), tag.group()]
        plain += tag.start() - pos
        pos = tag.end()
    parts.append(core[pos:].translate(_ACCENTED))
    plain += len(core) - pos
    pad = max(0, (3 * plain + 9) // 10 - 2)  # 30%, rounded up, less the two brackets
    filler = (_FILLER * (pad // len(_FILLER) + 1))[:pad]
    if filler.endswith(" "):
        filler = filler[:-1] + "ŀ"
    return f"{lead}{OPEN}{''.join(parts)}{filler}{CLOSE}{trail}"


class PseudoEngine:
    """Offline pseudo-localization."""

    def __init__(self, max_chars: int = 1_000_000) -> None:
        self.id = "pseudo"
        self.max_chars = max_chars

    def __repr__(self) -> str:
        return "PseudoEngine()"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [pseudo_localize(text) for text in texts]

    def languages(self) -> set[str] | None:
        return None


def _build(s: EngineSettings) -> PseudoEngine:
    return PseudoEngine(s.max_chars)


SPEC = EngineSpec(id="pseudo", build=_build, settings=(MAX_CHARS,), max_chars=1_000_000)
