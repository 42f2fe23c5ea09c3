"""The links of a unit's text, as the build will resolve them: targets, reference labels, localized targets.

A unit's text is inline Markdown cut out of its article, so its reference links
(``[text][label]``, collapsed ``[label][]``, shortcut ``[label]``, images alike) only
resolve against the article's link reference definitions
(:attr:`l10n.document.model.Document.references`). This module reads them as markdown-it
does, for the checks and for the translator hints.

Rules:

1. :func:`parser` is the CommonMark parser of the checks; it keeps each reference
   link's normalized label (``token.meta["label"]``). :func:`env` gives it an
   article's definitions.
2. :func:`links_of`: the links and images of inline tokens, in order, with their
   target, text and the code spans in their text. Autolinks are not among them: they
   are URL spans (:mod:`l10n.text.spans`).
3. A collapsed or shortcut reference's text is its label (:func:`reference_labels`):
   translating the text unlinks it, unless the translator writes a full reference
   ``[texto][label]``. ``[label]`` right after a ``]`` is the label of a full
   reference, and right before a ``[other]`` its text.
4. Localized targets (:func:`localized_home`): ``[check] localized_links`` holds URL
   patterns with one ``{lang}`` host label or path segment (``{lang}.wikipedia.org``,
   ``learn.microsoft.com/{lang}/``). A target that differs from a source target only
   in that part, where it names the translation's language (``es``, ``ja-jp``,
   ``zh-hans`` for ``zh_Hant``'s ``zh``), stands for that source target. Scheme, host,
   the rest of the path, query and fragment must be the same.
5. The same site in another language, unconfigured (:func:`same_site`): a target that
   differs from a source target in one part only, where the source's names the source's
   language and the target's the translation's: the first host label
   (``en.wikipedia.org`` -> ``es.wikipedia.org``) or one path segment (``/en-us/`` ->
   ``/es-es/``, ``/docs/en/`` -> ``/docs/ja/``). Scheme, the rest of the host, port,
   every other segment, query and fragment must be byte for byte the same, and neither
   URL may carry a user name (``en.wikipedia.org@evil.example``). It returns what
   differs and the ``localized_links`` pattern that would accept it; the checks make it
   a warning, not an acceptance (:mod:`l10n.checks.links`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown_it.common.utils import normalizeReference

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from l10n.document.model import Reference

__all__ = ["Link", "env", "links_of", "localized_home", "parser", "reference_labels", "same_site", "written_label"]


@cache
def parser() -> MarkdownIt:
    """The CommonMark parser of the checks; reference links keep their label (rule 1)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"store_labels": True})


def env(references: Mapping[str, Reference]) -> dict[str, Any]:
    """A markdown-it environment holding *references*, as its block parser would have collected them."""
    return {"references": {label: {"href": ref.href, "title": ref.title} for label, ref in references.items()}}


@dataclass(frozen=True, slots=True)
class Link:
    """A link or an image of a text, resolved."""

    kind: str
    """``link`` or ``image``."""
    href: str
    """The target (``src`` of an image), normalized as markdown-it normalizes it."""
    text: str
    """The link text (the alt text of an image), as plain text."""
    codes: tuple[str, ...]
    """The contents of the code spans in the link text."""
    label: str | None
    """The normalized reference label, for a reference link."""


def links_of(tokens: Sequence[Token]) -> list[Link]:
    """The links and images of inline *tokens*, in order; autolinks are URL spans, not counted here."""
    found: list[Link] = []
    open_link: tuple[Token, list[str], list[str]] | None = None
    for token in tokens:
        if token.type == "link_open":
            open_link = None if token.markup == "autolink" else (token, [], [])
        elif token.type == "link_close" and open_link is not None:
            head, text, codes = open_link
            label = head.meta.get("label")
            found.append(Link("link", str(head.attrGet("href")), "".join(text).strip(), tuple(codes), label))
            open_link = None
        elif token.type == "image":
            label = token.meta.get("label")
            found.append(Link("image", str(token.attrGet("src")), token.content, (), label))
        if open_link is not None and token.type != "link_open":
            _, text, codes = open_link
            if token.type in ("text", "code_inline", "image", "html_inline"):
                text.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                text.append(" ")
            if token.type == "code_inline":
                codes.append(token.content)
    return found


# --- Localized targets (rule 4) ----------------------------------------------------------

_LANG = r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*"


@cache
def _rule_re(rule: str) -> re.Pattern[str]:
    head, _, tail = rule.partition("{lang}")
    return re.compile(rf"(?i)(?:[a-z][a-z0-9+.-]*:)?//{re.escape(head)}(?P<lang>{_LANG}){re.escape(tail)}")


def _localizes(source: str, target: str, rules: Iterable[str], language: str) -> bool:
    """Whether *target* is *source* with only its ``{lang}`` part changed, to *language*."""
    for rule in rules:
        pattern = _rule_re(rule)
        s, t = pattern.match(source), pattern.match(target)
        if (
            s is not None
            and t is not None
            and re.split("[-_]", t["lang"])[0].lower() == language
            and source[: s.start("lang")] == target[: t.start("lang")]
            and source[s.end("lang") :] == target[t.end("lang") :]
        ):
            return True
    return False


def localized_home(target: str, sources: Iterable[str], rules: Sequence[str], locale: str) -> str | None:
    """The source target that *target* localizes to *locale* under the *rules*, or None (rule 4)."""
    if not rules:
        return None
    language = re.split("[-_]", locale)[0].lower()
    return next((s for s in sources if _localizes(s, target, rules, language)), None)


_LANG_RE = re.compile(rf"(?i){_LANG}")
_URL_RE = re.compile(r"(?i)(?P<scheme>[a-z][a-z0-9+.-]*:)?//(?P<host>[^/?#]*)(?P<path>[^?#]*)(?P<rest>.*)", re.DOTALL)


def _names(part: str, language: str) -> bool:
    """Whether a host label or path segment is a language tag of *language* (``es``, ``es-ES``, ``zh_hans``)."""
    return _LANG_RE.fullmatch(part) is not None and re.split("[-_]", part)[0].lower() == language


def same_site(target: str, source: str, source_locale: str, locale: str) -> tuple[str, str] | None:
    """What makes *target* the page *source* in *locale*'s language, and the pattern that accepts it (rule 5).

    ``("host 'en.wikipedia.org' -> 'es.wikipedia.org'", "{lang}.wikipedia.org")``, or None
    when anything else differs.
    """
    s, t = _URL_RE.fullmatch(source), _URL_RE.fullmatch(target)
    if s is None or t is None or "@" in s["host"] + t["host"] or (s["scheme"], s["rest"]) != (t["scheme"], t["rest"]):
        return None
    mine, theirs = re.split("[-_]", locale)[0].lower(), re.split("[-_]", source_locale)[0].lower()
    if s["path"] == t["path"]:
        (s_label, _, s_tail), (t_label, _, t_tail) = s["host"].partition("."), t["host"].partition(".")
        if s_tail == t_tail and "." in s_tail and _names(s_label, theirs) and _names(t_label, mine):
            return f"host {s['host']!r} -> {t['host']!r}", f"{{lang}}.{s_tail}"
        return None
    s_parts, t_parts = s["path"].split("/"), t["path"].split("/")
    changed = [i for i, (a, b) in enumerate(zip(s_parts, t_parts, strict=False)) if a != b]
    if s["host"] != t["host"] or len(s_parts) != len(t_parts) or len(changed) != 1:
        return None
    i = changed[0]
    if not (_names(s_parts[i], theirs) and _names(t_parts[i], mine)):
        return None
    return f"path segment {s_parts[i]!r} -> {t_parts[i]!r}", s["host"] + "/".join([*s_parts[:i], "{lang}", ""])


# --- Reference labels as written ----------------------------------------------------------

_BRACKETS_RE = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)+)\]")


def written_label(text: str, label: str) -> tuple[str, bool] | None:
    """*label* as *text* writes it, and whether it is its own text (a collapsed or shortcut reference).

    ``[label]`` right after a ``]`` is the label of a full reference, and ``[label]``
    right before a ``[other]`` is the text of one; anywhere else it is both the text
    and the label.
    """
    written = None
    for match in _BRACKETS_RE.finditer(text):
        if normalizeReference(match[1]) != label:
            continue
        full = text[match.start() - 1 : match.start()] == "]" or re.match(r"\[(?!\])", text[match.end() :]) is not None
        if not full:
            return match[1], True
        written = written or (match[1], False)
    return written


def reference_labels(text: str, references: Mapping[str, Reference]) -> list[str]:
    """The labels of *text*'s collapsed and shortcut references (``[label][]``, ``[label]``), as written.

    Their label is also their text: a translator must keep it, or write a full
    reference ``[texto][label]``.
    """
    if not references or "[" not in text:
        return []
    md = parser()
    tokens: list[Token] = []
    md.inline.parse(text, md, env(references), tokens)
    labels: list[str] = []
    for link in links_of(tokens):
        written = written_label(text, link.label) if link.label else None
        if written is not None and written[1] and written[0] not in labels:
            labels.append(written[0])
    return labels
