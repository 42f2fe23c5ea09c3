"""Reading ``glossary.yaml``: its format, and validation with ``path:line`` errors.

The file becomes the :class:`l10n.glossary.model.Glossary` model; how terms are matched and
checked is there.

Rules:

1. The glossary is a YAML file (``glossary`` in the configuration, ``glossary.yaml``
   by default)::

       version: 1                          # optional; 1 is the only version
       terms:
         - term: ketamine                  # the English term (required, unique ignoring case)
           translations:                   # the required rendering, per locale
             es: ketamina
             fr: kétamine
           variants:                       # other accepted forms, per locale
             es: [ketaminas]
           forbidden:                      # renderings that must not appear, per locale
             es: [quetamina]
           case_sensitive: false           # default false
           note: Generic drug name.        # shown to translators
         - term: Innerwell
           do_not_translate: true          # or a list of the locales that keep it as is
           case_sensitive: true

   A missing file, an empty one and one without ``terms`` are an empty glossary. A key
   with no value is the same as a missing key, except ``term`` (then empty) and a
   locale (then an error). Where a string is expected, a scalar is
   taken as written (``term: NO`` is nitric oxide, not YAML 1.1's false); whitespace
   runs in strings become one space.
2. Loading validates the whole file and stops at the first problem with a
   :class:`l10n.core.errors.GlossaryError` printed as ``path:line: message``: invalid YAML or UTF-8,
   an unknown key (with the closest valid one), a duplicate key, a value of the wrong
   type, a missing or empty ``term``, a term given twice (ignoring case, naming the
   first line), an invalid locale code (checked and normalized by
   :func:`l10n.core.locales.normalize_locale`, so ``pt-BR`` is ``pt_BR``), a locale both
   kept (``do_not_translate``) and translated, variants for a locale that has no
   rendering, and a forbidden rendering that would flag an accepted one (the required
   translation, a variant, or the kept term).
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from l10n.core.config import Config
from l10n.core.errors import GlossaryError, LocaleError, undecodable
from l10n.core.files import read_file
from l10n.core.locales import normalize_locale
from l10n.glossary.model import Glossary, Term, language_of, lookup
from l10n.text.terms import nfc, term_pattern

__all__ = ["VERSION", "forget_glossaries", "glossary_of", "load_glossary", "parse_glossary"]

VERSION = 1
"""The only glossary format version."""

_TOP_KEYS = ("version", "terms")
_TERM_KEYS = ("term", "translations", "variants", "forbidden", "do_not_translate", "case_sensitive", "note")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
# The pure-Python loader on purpose: libyaml words its errors differently, and the glossary's
# messages must be the same on every machine; a glossary is small and read once per run.
_Loader = yaml.SafeLoader


def load_glossary(path: Path, display: str) -> Glossary:
    """Read and validate the glossary at *path*, named *display* in messages; a missing file is empty."""
    data = read_file(path, display, GlossaryError, missing_ok=True)
    if data is None:
        return Glossary((), display)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise undecodable(GlossaryError, data, exc, display) from None
    return parse_glossary(text, display)


def parse_glossary(text: str, display: str = "glossary.yaml") -> Glossary:
    """Validate the glossary *text*, named *display* in messages."""
    text = text.removeprefix("\ufeff")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, display) from None
    except RecursionError:  # the composer recurses into nested collections
        raise GlossaryError("invalid YAML: nested too deeply", display) from None
    if root is None:
        return Glossary((), display)
    return Glossary(_Reader(display).glossary(root), display)


def _yaml_error(exc: yaml.YAMLError, text: str, display: str) -> GlossaryError:
    """``invalid YAML`` at the problem's line, or where the construct began when the problem is the end of the file."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = ", ".join(filter(None, (exc.context, exc.problem)))
        mark = exc.problem_mark
        at_end = mark is None or mark.index >= len(text.rstrip())
        if at_end and exc.context_mark is not None:
            mark = exc.context_mark
        line = mark.line + 1 if mark is not None else None
    else:
        problem = str(exc).splitlines()[0]
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
    return GlossaryError(f"invalid YAML: {problem or exc}", display, line)


class _Reader:
    """Turns the composed YAML nodes into terms, failing at the first problem's line."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.seen: dict[str, int] = {}

    def fail(self, node: Node, message: str) -> GlossaryError:
        return GlossaryError(message, self.display, node.start_mark.line + 1)

    def glossary(self, root: Node) -> tuple[Term, ...]:
        if not isinstance(root, MappingNode):
            raise self.fail(root, f"expected a mapping with 'version' and 'terms', got {_describe(root)}")
        fields = self.fields(root, _TOP_KEYS)
        if "version" in fields:
            version = fields["version"][1]
            if not (isinstance(version, ScalarNode) and version.tag == _INT and version.value == str(VERSION)):
                raise self.fail(version, f"version: unsupported glossary version {_describe(version)} (expected {VERSION})")
        if "terms" not in fields:
            return ()
        terms = fields["terms"][1]
        if not isinstance(terms, SequenceNode):
            raise self.fail(terms, f"terms: expected a list of terms, got {_describe(terms)}")
        return tuple(self.term(node) for node in terms.value)

    def pairs(self, node: MappingNode, what: str, unique: bool = True) -> list[tuple[ScalarNode, Node]]:
        """The key and value nodes of *node*, whose keys must be scalars (and, if *unique*, distinct)."""
        first: dict[str, int] = {}
        pairs: list[tuple[ScalarNode, Node]] = []
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _NULL:
                raise self.fail(key, f"{what}expected a plain key, got {_describe(key)}")
            if unique and key.value in first:
                raise self.fail(key, f"{what}duplicate key {key.value!r} (first at line {first[key.value]})")
            first.setdefault(key.value, key.start_mark.line + 1)
            pairs.append((key, value))
        return pairs

    def fields(self, node: MappingNode, allowed: tuple[str, ...]) -> dict[str, tuple[ScalarNode, Node]]:
        """The known keys of *node* that have a value; an unknown key is an error suggesting the closest known one."""
        found: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in self.pairs(node, ""):
            if key.value not in allowed:
                close = difflib.get_close_matches(key.value.lower(), allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
                raise self.fail(key, f"unknown key {key.value!r} ({hint})")
            if value.tag != _NULL:  # a key with no value is a missing key
                found[key.value] = (key, value)
        return found

    def string(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            raise self.fail(node, f"{what}: expected a string, got {_describe(node)}")
        value = nfc(" ".join(node.value.split()))
        if not value:
            raise self.fail(node, f"{what}: must not be empty")
        return value

    def strings(self, node: Node, what: str) -> tuple[str, ...]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what}: expected a list of strings, got {_describe(node)}")
        return tuple(dict.fromkeys(self.string(item, what) for item in node.value))

    def boolean(self, node: Node, what: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return bool(yaml.constructor.SafeConstructor.bool_values[node.value.lower()])
        raise self.fail(node, f"{what}: expected true or false, got {_describe(node)}")

    def locale(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            raise self.fail(node, f"{what}: expected a locale code, got {_describe(node)}")
        try:
            return normalize_locale(node.value)
        except LocaleError as exc:
            raise self.fail(node, f"{what}: {exc.message}") from None

    def by_locale(self, node: Node, what: str, shape: str) -> list[tuple[str, str, Node]]:
        """``(locale, key as written, value node)`` for each entry of a per-locale mapping."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what}: expected a mapping of locale to {shape}, got {_describe(node)}")
        first: dict[str, int] = {}
        entries: list[tuple[str, str, Node]] = []
        for key, value in self.pairs(node, f"{what}: ", unique=False):
            code = self.locale(key, what)
            if code in first:
                raise self.fail(key, f"{what}: duplicate locale {code!r} (first at line {first[code]})")
            first[code] = key.start_mark.line + 1
            entries.append((code, key.value, value))
        return entries

    def term(self, node: Node) -> Term:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"terms: expected a mapping for each term, got {_describe(node)}")
        fields = self.fields(node, _TERM_KEYS)
        if "term" not in fields:
            for key, _value in node.value:  # present but with no value
                if isinstance(key, ScalarNode) and key.value == "term":
                    raise self.fail(key, "term: must not be empty")
            raise self.fail(node, "missing required key 'term'")
        term = self.string(fields["term"][1], "term")
        line = fields["term"][0].start_mark.line + 1
        if term.casefold() in self.seen:
            raise self.fail(fields["term"][1], f"duplicate term {term!r} (first at line {self.seen[term.casefold()]})")
        self.seen[term.casefold()] = line

        keep: bool | frozenset[str] = False
        if "do_not_translate" in fields:
            value = fields["do_not_translate"][1]
            if isinstance(value, SequenceNode):
                keep = frozenset(self.locale(item, "do_not_translate") for item in value.value) or False
            elif isinstance(value, ScalarNode) and value.tag == _BOOL:
                keep = self.boolean(value, "do_not_translate")
            else:
                msg = f"do_not_translate: expected true, false or a list of locales, got {_describe(value)}"
                raise self.fail(value, msg)

        def kept(code: str, own_entry_only: bool = False) -> bool:
            """As :meth:`Term.keeps`, or only by the locale's own entry."""
            if isinstance(keep, bool):
                return keep
            fallback = not own_entry_only and code not in translations and language_of(code) in keep
            return code in keep or fallback

        def entries(name: str, shape: str) -> list[tuple[str, str, Node]]:
            return self.by_locale(fields[name][1], name, shape) if name in fields else []

        translations: dict[str, str] = {}
        for code, key, value in entries("translations", "string"):
            where = f"translations.{key}"
            translations[code] = self.string(value, where)
            if kept(code, own_entry_only=True):
                raise self.fail(value, f"{where}: {term!r} is both do_not_translate and translated for {code}")

        variants: dict[str, tuple[str, ...]] = {}
        for code, key, value in entries("variants", "list of strings"):
            where = f"variants.{key}"
            variants[code] = self.strings(value, where)
            if not kept(code) and lookup(translations, code) is None:
                raise self.fail(value, f"{where}: {code} has no translation to vary (add translations.{key})")

        forbidden: dict[str, tuple[str, ...]] = {}
        for code, key, value in entries("forbidden", "list of strings"):
            where = f"forbidden.{key}"
            forbidden[code] = self.strings(value, where)
            accepted: list[tuple[str | None, str]]
            if kept(code):
                accepted = [(term, f"the term itself, which {code} keeps")]
            else:
                accepted = [(lookup(translations, code), "the required translation")]
            accepted += [(form, "an accepted variant") for form in lookup(variants, code) or ()]
            for item in value.value:  # a list of strings, as checked above
                self.check_forbidden(item, where, self.string(item, where), accepted)

        case_sensitive = self.boolean(fields["case_sensitive"][1], "case_sensitive") if "case_sensitive" in fields else False
        note = self.string(fields["note"][1], "note") if "note" in fields else ""
        return Term(term, translations, variants, forbidden, keep, case_sensitive, note, line)

    def check_forbidden(self, node: Node, where: str, rendering: str, accepted: list[tuple[str | None, str]]) -> None:
        """A forbidden rendering must not flag a form the glossary accepts."""
        for form, what in accepted:
            if form is None or not term_pattern(rendering, False).search(form):
                continue
            if rendering.casefold() == form.casefold():
                raise self.fail(node, f"{where}: {rendering!r} is {what}")
            raise self.fail(node, f"{where}: {rendering!r} would flag {form!r}, {what}")


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return repr(node.value) if node.tag == _STR else str(node.value)


def glossary_of(config: Config) -> Glossary:
    """The glossary of *config*'s project, read and validated once per process."""
    return _load(config.glossary, config.relative(config.glossary))


@cache
def _load(path: Path, display: str) -> Glossary:
    return load_glossary(path, display)


def forget_glossaries() -> None:
    """Forget the glossaries read so far: the next :func:`glossary_of` reads the file again (after an edit)."""
    _load.cache_clear()
