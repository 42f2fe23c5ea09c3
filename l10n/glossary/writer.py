"""Writing terms into ``glossary.yaml``, keeping what people wrote there.

Rules:

1. The file is edited, never regenerated: ruamel.yaml's round-trip mode keeps its
   comments, key order, flow lists (``es: [ketaminas]``) and quoting; only the values
   that change are written. Nothing changed, nothing written.
2. A term new to the glossary (compared ignoring case, as the glossary's own rule) is
   appended at the end of ``terms``, with what it brings: renderings, variants,
   forbidden renderings, the locales that keep it, its note.
3. A term the glossary has gains what it lacks: a rendering for a locale with none
   (and not kept), variants and forbidden renderings not yet listed, a note when it has
   none. What the glossary says is never overwritten: a different rendering, a locale
   kept here but translated there (or the reverse), a forbidden rendering that is an
   accepted one here, or variants for a locale with no rendering are each reported
   and left out.
4. The result is validated as ``glossary.yaml`` is on every load
   (:func:`l10n.glossary.schema.parse_glossary`) before it is returned: an edit never
   leaves a glossary that the next command would refuse.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.glossary.model import Term
from l10n.glossary.schema import parse_glossary
from l10n.text.terms import nfc

__all__ = ["Merged", "merge_terms"]


@dataclass(slots=True)
class Merged:
    """What :func:`merge_terms` did."""

    text: str
    added: int = 0
    """Terms appended."""
    updated: int = 0
    """Terms that gained a rendering, variant, forbidden rendering or note."""
    conflicts: list[str] = field(default_factory=list)
    """``term (locale): what was left out and why``, one per value not taken."""


def _yaml() -> Any:
    from ruamel.yaml import YAML  # deferred: only this command edits the glossary

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long note
    yaml.preserve_quotes = True
    return yaml


def _key(text: str) -> str:
    return nfc(text).casefold()


def _flow(values: Sequence[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _kept(item: Any, locale: str) -> bool:
    keep = item.get("do_not_translate")
    return keep is True or (isinstance(keep, list) and locale in keep)


def _new(term: Term) -> Any:
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    item["term"] = term.term
    if term.translations:
        item["translations"] = CommentedMap(sorted(term.translations.items()))
    if term.variants:
        item["variants"] = CommentedMap((k, _flow(v)) for k, v in sorted(term.variants.items()))
    if term.forbidden:
        item["forbidden"] = CommentedMap((k, _flow(v)) for k, v in sorted(term.forbidden.items()))
    if term.do_not_translate:
        item["do_not_translate"] = True if term.do_not_translate is True else _flow(sorted(term.do_not_translate))
    if term.case_sensitive:
        item["case_sensitive"] = True
    if term.note:
        item["note"] = term.note
    return item


def _table(item: Any, key: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(item.get(key), dict):
        item[key] = CommentedMap()
    return item[key]


def _update(item: Any, term: Term, conflicts: list[str]) -> bool:
    """Add to the glossary's *item* what *term* brings and it lacks (rule 3); whether anything changed."""
    name = str(item["term"])
    changed = False
    kept = term.do_not_translate
    for locale in sorted(kept) if isinstance(kept, frozenset) else ():
        if _kept(item, locale):
            continue
        if locale in (item.get("translations") or {}):
            conflicts.append(f"{name} ({locale}): kept as is there, translated here as {item['translations'][locale]!r}: left")
            continue
        keep = item.get("do_not_translate")
        if keep is not True:
            item["do_not_translate"] = _flow(sorted({*(keep or []), locale}))
            changed = True
    for locale, text in sorted(term.translations.items()):
        have = (item.get("translations") or {}).get(locale)
        if have is not None and str(have) != text:
            conflicts.append(f"{name} ({locale}): the glossary says {str(have)!r}, the file {text!r}: kept {str(have)!r}")
        elif have is None and _kept(item, locale):
            conflicts.append(f"{name} ({locale}): kept as is here, translated there as {text!r}: left")
        elif have is None:
            _table(item, "translations")[locale] = text
            changed = True
    for key in ("variants", "forbidden"):
        for locale, values in sorted(getattr(term, key).items()):
            accepted = {_key(str(v)) for v in (item.get("variants") or {}).get(locale, [])}
            rendering = (item.get("translations") or {}).get(locale)
            accepted |= {_key(str(rendering))} if rendering is not None else set()
            accepted |= {_key(name)} if _kept(item, locale) else set()
            if key == "variants" and rendering is None and not _kept(item, locale):
                conflicts.append(f"{name} ({locale}): variants {list(values)} without a rendering here: left")
                continue
            listed = {_key(str(v)) for v in (item.get(key) or {}).get(locale, [])}
            for value in values:
                if _key(value) in listed:
                    continue
                if key == "forbidden" and _key(value) in accepted:
                    conflicts.append(f"{name} ({locale}): {value!r} is forbidden there and accepted here: left")
                    continue
                table = _table(item, key)
                if locale not in table:
                    table[locale] = _flow([])
                table[locale].append(value)
                listed.add(_key(value))
                changed = True
    if term.note and not item.get("note"):
        item["note"] = term.note
        changed = True
    return changed


def merge_terms(text: str | None, terms: Sequence[Term], display: str) -> Merged:
    """``glossary.yaml``'s *text* (None: no file yet) with *terms* joined to it (rules 1-4)."""
    parse_glossary(text or "", display)  # a glossary that does not load is not edited
    yaml = _yaml()
    data = yaml.load(text) if text and text.strip() else None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap([("version", 1)])
    if data.get("terms") is None:
        from ruamel.yaml.comments import CommentedSeq

        data["terms"] = CommentedSeq()
    items = {_key(str(item["term"])): item for item in data["terms"] if isinstance(item, dict) and "term" in item}
    merged = Merged(text or "")
    for term in terms:
        item = items.get(_key(term.term))
        if item is None:
            items[_key(term.term)] = _new(term)
            data["terms"].append(items[_key(term.term)])
            merged.added += 1
        elif _update(item, term, merged.conflicts):
            merged.updated += 1
    if merged.added or merged.updated:
        out = io.StringIO()
        yaml.dump(data, out)
        merged.text = out.getvalue()
        parse_glossary(merged.text, display)
    return merged
