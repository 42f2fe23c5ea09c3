"""An agency's side of the exchange, played with Translate Toolkit's storage classes as a CAT tool would.

The agency reads ``l10n``'s XLIFF with ``translate.storage.xliff``, writes target texts
only (keeping every placeholder it was given as the same inline element), and saves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ROOT
from translate.storage import po, xliff
from translate.storage.placeables import StringElem

FRENCH = ROOT / "locales" / "fr" / "LC_MESSAGES" / "exploring-ketamine.po"
"""The maintainers' French drafts of the seed article: what the agency's translators write."""


def french() -> dict[str, str]:
    """The French translation of each source text of the seed article, read with Translate Toolkit's PO storage."""
    return {unit.source: unit.target for unit in po.pofile.parsefile(str(FRENCH)).units if unit.source and unit.target}


def _codes(unit: xliff.xliffunit) -> list[StringElem]:
    """The inline codes (placeables) of a unit's source, in order."""
    return [piece for piece in unit.rich_source[0].sub if not isinstance(piece, str) and type(piece) is not StringElem]


def _rich(translation: str, codes: list[StringElem]) -> StringElem:
    """*translation* with each code's text replaced by a copy of the code, wherever the translator moved it."""
    found = sorted((translation.index(str(code)), code) for code in codes if str(code) in translation)
    parts: list[StringElem] = []
    pos = 0
    for start, code in found:
        parts += [StringElem(translation[pos:start]), code.copy()]
        pos = start + len(str(code))
    parts.append(StringElem(translation[pos:]))
    return StringElem(parts)


def translate(source: Path, out: Path, translations: Callable[[str], str | None], state: str = "translated") -> int:
    """Fill the targets of the XLIFF file *source* from *translations* (source text -> translation) into *out*.

    Returns the number of units translated. *state* is the XLIFF state the agency sets.
    """
    store = xliff.xlifffile.parsefile(str(source))
    done = 0
    for unit in store.units:
        text = translations(unit.source)
        if text is None:
            continue
        unit.rich_target = [_rich(text, _codes(unit))]
        unit.xmlelement.xpath("*[local-name()='target']")[0].set("state", state)
        done += 1
    store.savefile(str(out))
    return done
