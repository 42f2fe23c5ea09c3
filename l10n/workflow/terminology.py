"""``l10n export --format tbx`` and ``l10n import`` of a TBX file: the glossary for agencies and back.

Rules:

1. Export writes every term of ``glossary.yaml`` (:mod:`l10n.exchange.tbx`): the source
   language is the project's, a locale's tag its BCP 47 tag; a term kept as is in every
   locale (``do_not_translate: true``) is kept in each configured locale.
2. Import reads an agency's TBX whose source language is the project's (else the file
   is refused) and joins its terms to ``glossary.yaml`` as :mod:`l10n.glossary.writer`
   says: new terms appended, missing renderings, variants, forbidden renderings and
   notes added, what the glossary says never overwritten (each value left out is
   reported). A language tag is the configured locale it names (``es-ES`` is ``es`` when
   the project has ``es`` and no ``es_ES``, as XLIFF's ``target-language`` is read), else
   the locale code it spells (``pt-BR`` is ``pt_BR``); a tag that is no locale is
   reported and its terms left out. A term kept as is in every
   configured locale, and translated in none, is ``do_not_translate: true``. A term the glossary's reader
   would refuse (a variant that is also forbidden, say) is dropped from the incoming
   term and reported, and the rest is taken.
3. The glossary is written atomically, only when something changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from l10n.core.config import Config
from l10n.core.errors import ExchangeError, LocaleError
from l10n.core.files import read_file, write_atomic
from l10n.core.locales import bcp47, normalize_locale
from l10n.exchange import tbx
from l10n.glossary.model import Term
from l10n.glossary.schema import forget_glossaries, glossary_of
from l10n.glossary.writer import merge_terms
from l10n.mt.memory import language_matches

__all__ = ["TermImport", "export_tbx", "import_tbx"]


@dataclass(slots=True)
class TermImport:
    """What ``import`` of a TBX file did."""

    glossary: str
    added: int = 0
    updated: int = 0
    read: int = 0
    """Concepts with an English term."""
    left_out: list[str] = field(default_factory=list)
    """One line per value not taken, and why."""


def export_tbx(config: Config) -> tuple[bytes, int]:
    """The TBX-Basic file of the project's glossary, and its entry count (rule 1)."""
    glossary = glossary_of(config)
    entries = []
    for term in glossary.terms:
        kept = term.do_not_translate
        keeps = list(config.locales) if kept is True else sorted(kept or ())
        entries.append(
            tbx.Entry(
                term.term,
                {bcp47(k): v for k, v in term.translations.items()},
                {bcp47(k): list(v) for k, v in term.variants.items()},
                {bcp47(k): list(v) for k, v in term.forbidden.items()},
                [bcp47(k) for k in keeps],
                term.case_sensitive,
                term.note,
            )
        )
    title = f"{config.relative(config.glossary)}: {len(entries)} term(s)"
    return tbx.dumps(entries, bcp47(config.source_locale), title), len(entries)


def _term(entry: tbx.Entry, bad: set[str], locales: frozenset[str]) -> Term:
    def _locale(tag: str, bad: set[str]) -> str | None:
        exact = [code for code in sorted(locales) if bcp47(code).lower() == tag.lower()]
        near = [code for code in sorted(locales) if language_matches(tag, code)]
        if exact or near:
            return (exact or near)[0]
        try:
            return normalize_locale(tag)
        except LocaleError:
            bad.add(tag)
            return None

    def by_locale(values: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for tag, items in values.items():
            locale = _locale(tag, bad)
            if locale is not None:
                out[locale] = tuple(dict.fromkeys((*out.get(locale, ()), *items)))
        return out

    renderings = {loc: text for tag, text in entry.renderings.items() if (loc := _locale(tag, bad)) is not None}
    keeps = frozenset(loc for tag in entry.keeps if (loc := _locale(tag, bad)) is not None)
    variants = {k: v for k, v in by_locale(entry.variants).items() if k in renderings or k in keeps}
    forbidden = by_locale(entry.forbidden)
    for locale, values in list(forbidden.items()):
        accepted = {entry.term.casefold()} if locale in keeps else set()
        accepted |= {renderings[locale].casefold()} if locale in renderings else set()
        accepted |= {v.casefold() for v in variants.get(locale, ())}
        forbidden[locale] = tuple(v for v in values if v.casefold() not in accepted)
    return Term(
        entry.term,
        renderings,
        variants,
        {k: v for k, v in forbidden.items() if v},
        True if keeps and keeps >= locales and not renderings else keeps or False,
        entry.case_sensitive,
        entry.note,
    )


def import_tbx(config: Config, path: Path, display: str) -> TermImport:
    """Join the terms of the TBX file *path* to the project's glossary (rules 2 and 3)."""
    glossary_of(config)  # a glossary that does not load is not edited: its error comes first
    source, entries, skipped = tbx.loads(read_file(path, display, ExchangeError), display)
    if not language_matches(source, config.source_locale):
        raise ExchangeError(f"its source language {source!r} is not the project's {config.source_locale!r}", display)
    bad: set[str] = set()
    terms = [_term(entry, bad, frozenset(config.locales)) for entry in entries]
    target = config.confined(config.glossary)
    name = config.relative(target)
    old = read_file(target, name, ExchangeError, missing_ok=True)
    merged = merge_terms(old.decode("utf-8") if old is not None else None, terms, name)
    report = TermImport(name, merged.added, merged.updated, len(entries), merged.conflicts)
    report.left_out += [f"language tag {tag!r} is no locale: its terms were left out" for tag in sorted(bad)]
    if skipped:
        report.left_out.append(f"{skipped} concept(s) without a term in {source} left out: nothing to find in a source text")
    if merged.added or merged.updated:
        write_atomic(target, merged.text.encode("utf-8"), name)
        forget_glossaries()
    return report
