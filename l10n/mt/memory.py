"""The project's translation memory: TMX files from elsewhere, reused by ``l10n translate``.

Rules:

1. The memory is a folder of TMX files (``[memory] folder``, default ``memory/``), kept
   in the repository beside the catalogs. ``l10n import --format tmx FILE`` stores
   ``FILE`` there as ``<folder>/<name>.tmx``, normalized: only the source language and
   the configured locales are kept, written as :mod:`l10n.exchange.tmx` writes (a file
   of the same name is replaced: an agency's newer memory).
2. Languages match by BCP 47 tag, ignoring case; a locale without a region also takes
   its regional variants (``fr`` reads ``fr-FR`` and ``fr-CA``), one with a region only
   its own (``pt_BR`` does not read ``pt-PT``).
3. An exact match is the identical source text: ``translate`` saves it as a draft with
   the provenance ``tm`` (fuzzy, like every draft). When one text has several
   translations, the first wins, files in name order, units in file order.
4. A fuzzy match scores the similarity of the token sequences (words and punctuation
   marks), as ``difflib`` measures it, in percent, floored; the matches of at least
   ``[memory] min_similarity`` percent (default 75), best first, up to
   ``[memory] suggestions`` (default 3), are suggestions for the translator
   (:func:`l10n.catalog.provenance.suggestion`), never drafts.
5. Candidates are found through an index of tokens, searched for the query's rarest
   tokens only (prefix filtering: a text that shares too few of them cannot reach the
   threshold), and the share of tokens two texts have in common bounds their
   similarity from above, so texts that cannot reach the threshold are never compared.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from l10n.core.config import Config
from l10n.core.errors import ExchangeError
from l10n.core.files import read_file, write_atomic
from l10n.core.locales import bcp47
from l10n.exchange import tmx
from l10n.exchange.segments import segment

__all__ = ["Match", "Memory", "StoreReport", "language_matches", "load", "store"]

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Match:
    """A translation of the memory for a text."""

    score: int
    """100 for an exact match."""
    source: str
    target: str
    origin: str
    """The memory file, project-relative."""


def language_matches(tag: str, locale: str) -> bool:
    """Whether the TMX language *tag* holds text of the project's *locale* (rule 2)."""
    tag = tag.replace("_", "-").lower()
    wanted = bcp47(locale).lower()
    return tag == wanted or ("-" not in wanted and tag.split("-")[0] == wanted)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


@dataclass(slots=True)
class Memory:
    """The translations of one locale, indexed for exact and fuzzy lookup."""

    min_similarity: float = 75.0
    limit: int = 3
    _exact: dict[str, Match] = field(default_factory=dict)
    _texts: list[tuple[str, list[str], Counter[str]]] = field(default_factory=list)
    """(source, tokens, token counts) of each distinct source text."""
    _index: dict[str, list[int]] = field(default_factory=dict)
    """token -> the numbers of the texts holding it."""

    def add(self, source: str, target: str, origin: str) -> None:
        if not source.strip() or not target.strip() or source in self._exact:
            return
        self._exact[source] = Match(100, source, target, origin)
        tokens = _tokens(source)
        counts = Counter(tokens)
        for token in counts:
            self._index.setdefault(token, []).append(len(self._texts))
        self._texts.append((source, tokens, counts))

    def __len__(self) -> int:
        return len(self._exact)

    def exact(self, text: str) -> Match | None:
        """The translation of *text* itself, if the memory has one (rule 3)."""
        return self._exact.get(text)

    def _candidates(self, wanted: list[str], threshold: float) -> set[int]:
        """The texts that may reach *threshold* with *wanted* (rule 5).

        Reaching it takes ``k = threshold * n / (2 - threshold)`` tokens in common (of the
        *n* of *wanted*), so at least one of its ``n - k + 1`` rarest: only those
        tokens' texts are candidates, which keeps ``the`` and ``.`` out of the search.
        """
        needed = math.ceil(threshold * len(wanted) / (2 - threshold) - 1e-9)
        rarest = sorted(wanted, key=lambda token: len(self._index.get(token, ())))
        found: set[int] = set()
        for token in dict.fromkeys(rarest[: max(1, len(wanted) - needed + 1)]):
            found.update(self._index.get(token, ()))
        return found

    def similar(self, text: str) -> list[Match]:
        """Fuzzy matches of *text*, best first, exact ones left out (rules 4-5)."""
        wanted = _tokens(text)
        if not wanted or not self._texts:
            return []
        counts = Counter(wanted)
        threshold = self.min_similarity / 100
        # a text of m tokens shares at most min(n, m) with these n: 2 min(n, m) / (n + m) bounds its score
        shortest, longest = len(wanted) * threshold / (2 - threshold), len(wanted) * (2 - threshold) / max(threshold, 1e-9)
        bounds = []
        for number in self._candidates(wanted, threshold):
            _, tokens, theirs = self._texts[number]
            if not shortest - 1e-9 <= len(tokens) <= longest + 1e-9:
                continue
            common = sum(min(count, theirs[token]) for token, count in counts.items())
            bound = 2 * common / (len(wanted) + len(tokens))
            if bound >= threshold:
                bounds.append((bound, number))
        bounds.sort(reverse=True)
        found: list[Match] = []
        for bound, number in bounds:
            if len(found) >= self.limit and bound * 100 < found[-1].score:
                break
            source, tokens, _ = self._texts[number]
            if source == text:
                continue
            ratio = difflib.SequenceMatcher(None, wanted, tokens, autojunk=False).ratio()
            score = min(99, math.floor(ratio * 100))
            if score >= self.min_similarity:
                match = self._exact[source]
                found.append(Match(score, source, match.target, match.origin))
                found.sort(key=lambda m: -m.score)
                del found[self.limit :]
        return found


def _files(config: Config) -> Iterator[Path]:
    folder = _folder(config)
    if folder.is_dir():
        yield from sorted(folder.glob("*.tmx"))


def _folder(config: Config) -> Path:
    name = config.settings.memory.folder
    if Path(name).is_absolute():
        raise config.error("memory", "folder", f"expected a folder inside the project, got the absolute path {name!r}")
    return config.confined(config.root / name)


def _read(path: Path, display: str) -> tuple[str, list[tmx.Unit]]:
    return tmx.loads(read_file(path, display, ExchangeError), display)


def load(config: Config, locale: str) -> Memory:
    """The memory of *locale*: every file of the memory folder (empty when there is none)."""
    settings = config.settings.memory
    memory = Memory(settings.min_similarity, settings.suggestions)
    for path in _files(config):
        display = config.relative(path)
        _, units = _read(path, display)
        for unit in units:
            sources = [v.text for v in unit.variants if language_matches(v.lang, config.source_locale)]
            targets = [v.text for v in unit.variants if language_matches(v.lang, locale)]
            if sources and targets:
                memory.add(sources[0], targets[0], display)
    return memory


@dataclass(slots=True)
class StoreReport:
    """What ``l10n import --format tmx`` kept."""

    path: str
    """The memory file written, project-relative."""
    units: int = 0
    """Units read."""
    kept: dict[str, int] = field(default_factory=dict)
    """Locale -> translations kept."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Languages of the file that are not configured -> their variants."""


def store(config: Config, path: Path, display: str) -> StoreReport:
    """Normalize the TMX file *path* into the memory folder (rule 1)."""
    _, units = _read(path, display)
    target = _folder(config) / f"{path.stem}.tmx"
    report = StoreReport(config.relative(target), len(units), dict.fromkeys(config.locales, 0))
    source_tag = bcp47(config.source_locale)
    kept: list[tmx.Unit] = []
    for unit in units:
        sources = [v for v in unit.variants if language_matches(v.lang, config.source_locale)]
        if not sources:
            report.skipped.update(v.lang for v in unit.variants)
            continue
        variants = [tmx.Variant(source_tag, tuple(segment(sources[0].text)), sources[0].changed)]
        for variant in unit.variants:
            locale = next((code for code in config.locales if language_matches(variant.lang, code)), None)
            if locale is None:
                if variant not in sources:
                    report.skipped[variant.lang] += 1
                continue
            variants.append(tmx.Variant(bcp47(locale), tuple(segment(variant.text)), variant.changed))
            report.kept[locale] += 1
        if len(variants) > 1:
            kept.append(tmx.Unit(tuple(variants)))
    if not any(report.kept.values()):
        langs = ", ".join(sorted(report.skipped)) or "none"
        msg = f"no translation from {source_tag} into a configured locale ({', '.join(config.locales)}); its languages: {langs}"
        raise ExchangeError(msg, display)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, tmx.dumps(kept, source_tag))
    return report
