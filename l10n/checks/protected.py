"""Protected spans come back: citations, DOIs, URLs and HTML exactly; code spans as code the reader types.

Link and image targets are compared by :mod:`.links`, as resolved links.

Rules, calibrated on the volunteer translations of a technical book (es, ja, ko, zh;
``benchmarks/false_alarms.py``): what changes what the reader types, cites or follows
is an error; what careful translators do on purpose is a warning, so that a reviewer
looks without the unit being held back.

1. ``protected-spans`` (error): citations, DOIs, URLs and HTML come back byte for
   byte, as many times as in the source. A URL that differs only by its language part
   under ``[check] localized_links`` (:func:`l10n.text.links.localized_home`) counts as the
   source's.
2. Code spans are compared by content (inner spaces included: `` ` 0b` `` is not
   ``0b``). ``protected-spans`` (error) reports:

   - a code span of the source that no code span of the translation has or holds: an
     identifier lost or changed (``Point`` -> ``Punto``, ``T`` -> ``t``, ``'static`` ->
     ``static``, ``Ok(T)`` -> ``Ok<T>``, ``Sender`` written as a common noun);
   - a code span of the translation that is neither in the source's code nor in its
     text, when a source code span was lost (the two are one change: ``Punto``);
   - a code span that holds only words with letters of another script than ASCII
     (`` `트레이트` ``, `` `原生类型` ``): a keyword or term translated inside its
     backticks, which the reader would take for code;
   - a backtick left outside any code span where the source has none: a broken code
     span (`` 'struct` ``).

3. ``code-spans`` (warning):

   - a code span named fewer times than in the source (the sentence names it once),
     except in a language that leaves a name implicit once its sentence has named it
     (``[code_spans] implicit_repeats``: Chinese, Japanese, Korean); a code span of the
     source named more times is not reported at all (a restructured sentence names it
     again);
   - a lost code span that is one lowercase word (``trait``, ``enum``, ``unsafe``,
     ``std``) when no other new code span explains it: translators write keywords and
     common terms as the native word (``trait`` -> トレイト, ``enum`` -> 列挙型). It is
     not reported when the translation writes the word itself, plain or spelled out in
     its script (トレイト, 트레이트: :mod:`l10n.text.loanwords`), more times than the
     source writes it plain: the keyword is there without its backticks. A dropped
     sentence around such a word is left to the omission warnings;
   - the same identifier in another form: a plural, call parentheses or a method's dot
     added or dropped (``enums`` -> ``enum``, ``read_lines()`` -> ``read_lines``,
     ``.to_string()`` -> ``to_string()``), except a lowercase word's plural dropped in a
     language whose nouns have no plural (``[code_spans] no_plural``);
   - a code span whose only change is the text of a string literal in it (an error
     message translated in ``Err("...".to_owned())``);
   - a source code span kept only inside a longer one (``T1`` in ``(T1, T2, ...)``, or
     a gloss: ``채널(channels)``), once: the longer span is not also a clarification;
   - code formatting added to words the source writes plain (``a match block`` -> a
     `` `match` `` block), or a code span added as a clarification when nothing was lost.

   A case change is never "another form": ``fmt::Debug`` -> ``Fmt::Debug`` is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from l10n.checks.registry import ERROR, WARNING, Context, check
from l10n.core import languages
from l10n.text import loanwords
from l10n.text.links import localized_home

_EXACT = ("citation", "doi", "url", "html")
_KEYWORD_RE = re.compile(r"[a-z]{2,}")
_WORDS_RE = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class _Findings:
    errors: list[str]
    warnings: list[str]


def _analysis(ctx: Context) -> _Findings:
    key = "protected"
    if key not in ctx._cache:
        found = _Findings([], [])
        _exact(ctx, found)
        _code(ctx, found)
        ctx._cache[key] = found
    return ctx._cache[key]  # type: ignore[no-any-return]


def _exact(ctx: Context, found: _Findings) -> None:
    """Rule 1."""
    source = Counter((s.kind, s.text) for s in ctx.spans("source") if s.kind in _EXACT)
    translated = Counter((s.kind, s.text) for s in ctx.spans("translation") if s.kind in _EXACT)
    missing, added = source - translated, translated - source
    for kind, text in list(added):
        lost = {t.strip("<>"): t for k, t in +missing if k == kind == "url"}
        home = localized_home(text.strip("<>"), lost, ctx.scope.localized_links, ctx.locale)
        if home is not None:  # the same page in the reader's language
            missing[(kind, lost[home])] -= 1
            added[(kind, text)] -= 1
    for (kind, text), count in sorted((+missing).items()):
        found.errors.append(f"{kind} {text!r} is missing" + (f" ({count} times)" if count > 1 else ""))
    for kind, text in sorted(+added):
        if (kind, text) in source:
            found.errors.append(
                f"{kind} {text!r} appears {translated[(kind, text)]} times, the source has {source[(kind, text)]}"
            )
        else:
            found.errors.append(f"{kind} {text!r} is not in the source")


def _code(ctx: Context, found: _Findings) -> None:
    """Rules 2 and 3."""
    source = Counter(_content(s.text) for s in ctx.spans("source") if s.kind == "code")
    translated = Counter(_content(s.text) for s in ctx.spans("translation") if s.kind == "code")
    if _stray_backticks(ctx, "translation") > _stray_backticks(ctx, "source"):
        found.errors.append("a backtick is unmatched: a code span is broken")
    missing = [code for code in source if code not in translated]
    added = [code for code in translated if code not in source]
    language = languages.table(ctx.locale, "code_spans")
    for code in source:
        if 0 < translated[code] < source[code] and not language.get("implicit_repeats"):
            found.warnings.append(f"code `{code}` appears {translated[code]} times, the source has {source[code]}")
    glosses = set()
    for code in list(missing):
        other = next((a for a in added if _same_identifier(code, a)), None)
        if other is not None:
            if not (language.get("no_plural") and _KEYWORD_RE.fullmatch(code) and code in (other + "s", other + "es")):
                found.warnings.append(f"code `{code}` is written `{other}`: check that it is the same identifier")
        elif (other := next((a for a in added if _same_code(code, a)), None)) is not None:
            found.warnings.append(f"code `{code}` is written `{other}`: only the text of a string in it is translated")
        elif (other := next((t for t in translated if _holds(t, code)), None)) is not None:
            found.warnings.append(f"code `{code}` is only named inside `{other}`")
            glosses.add(other)
            missing.remove(code)
            continue
        else:
            continue
        missing.remove(code)
        added.remove(other)
    plain = [a for a in added if _in_prose(a, ctx.prose("source"))]
    unexplained = [a for a in added if a not in plain]
    lost = [m for m in missing if unexplained or not _KEYWORD_RE.fullmatch(m)]
    for code in missing:
        if code in lost:
            found.errors.append(f"code `{code}` is missing")
        elif not _rendered(ctx, code):
            found.warnings.append(f"code `{code}` is not in the translation: fine if the keyword is written as the native term")
    for code in plain:
        found.warnings.append(f"{_LITERAL}`{code}`, which the source writes as plain text")
    for code in unexplained:
        if _WORDS_RE.fullmatch(code) and not code.isascii():
            found.errors.append(f"code `{code}` is not in the source: a translated word is not code")
        elif lost:
            found.errors.append(f"code `{code}` is not in the source")
        elif code not in glosses:
            found.warnings.append(f"code `{code}` is not in the source{_CLARIFICATION}")


def _rendered(ctx: Context, keyword: str) -> bool:
    """Whether the translation writes a lost keyword as a word more often than the source does (rule 3)."""
    written = loanwords.renderings(keyword, ctx.prose("translation"), ctx.locale)
    return written > loanwords.renderings(keyword, ctx.prose("source"), ctx.source_locale)


def _stray_backticks(ctx: Context, which: str) -> int:
    """Backticks outside code spans (and not escaped): what is left of a broken code span."""
    text = ctx.text(which)  # the spans are found on it: a translator's note is not compared
    for span in reversed([s for s in ctx.spans(which) if s.kind in ("code", "html", "url", "doi")]):
        text = text[: span.start] + text[span.end :]
    return len(re.findall(r"(?<!\\)`+", text))


def _content(span: str) -> str:
    """The content of a code span, as CommonMark reads it: one space stripped from each end."""
    ticks = len(span) - len(span.lstrip("`"))
    inner = span[ticks:-ticks].replace("\n", " ")
    if len(inner) > 2 and inner[0] == inner[-1] == " " and inner.strip(" "):
        inner = inner[1:-1]
    return inner


def _same_identifier(a: str, b: str) -> bool:
    """A plural, call parentheses or a method's dot added or dropped (rule 3): ``enums``, ``f()``, ``.f()``."""
    pairs = ((a, b), (b, a))
    return any(x == y + end for x, y in pairs for end in ("s", "es", "()")) or any(x == "." + y for x, y in pairs)


_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _same_code(a: str, b: str) -> bool:
    """The same code once the contents of its string literals are blanked (rule 3): a message translated."""
    return '"' in a and _STRING_RE.sub('""', a) == _STRING_RE.sub('""', b)


def _holds(code: str, part: str) -> bool:
    """Whether *part* is a whole token of the code span *code* (``T1`` in ``(T1, T2, ...)``)."""
    return code.strip() != part.strip() and re.search(rf"(?<![\w]){re.escape(part)}(?![\w])", code) is not None


def _in_prose(code: str, prose: str) -> bool:
    text = code.strip()
    return bool(text) and re.search(rf"(?<![\w]){re.escape(text)}(?![\w])", prose) is not None


def _waivable(message: str) -> bool:
    """A reviewer may waive a code span's finding; citations, DOIs, URLs, link targets and HTML never."""
    return message.startswith("code ")


@check("protected-spans", ERROR, waivable=_waivable)
def protected_spans(ctx: Context) -> Iterator[str]:
    """Citations, DOIs, URLs and HTML come back exactly; no code span is lost or changed."""
    yield from _analysis(ctx).errors


@check("code-spans", WARNING)
def code_spans(ctx: Context) -> Iterator[str]:
    """Code spans repeated less, a keyword written as the native term, code formatting added."""
    for message in _analysis(ctx).warnings:
        if not (ctx.required and _literal(message)):
            yield message


_LITERAL = "code formatting added to "
_CLARIFICATION = ": fine if it is a clarification"


def _literal(message: str) -> bool:
    """A warning about prose turned into code: a source word in code, or a code span the source lacks."""
    return message.startswith(_LITERAL) or message.endswith(_CLARIFICATION)


@check("required-code-spans", ERROR)
def required_code_spans(ctx: Context) -> Iterator[str]:
    """No word of a required unit's prose is turned into code (a reader skips code)."""
    if ctx.required:
        yield from (message for message in _analysis(ctx).warnings if _literal(message))
