"""The interface every machine-translation engine implements, and the batch rules they share.

Rules:

1. An engine has an ``id`` (in cache keys and provenance), a ``max_chars`` per text
   (longer texts are split upstream; a longer one is :class:`Permanent` here),
   ``translate_batch(texts, source, target)`` returning one translation per text in
   order, and ``languages()``: the engine codes it supports, ``None`` when unknown.
   ``source`` and ``target`` are gettext locales, mapped to the engine's codes
   (:mod:`l10n.mt.engines.codes`). An engine holding connections has ``close()``. One
   engine serves one thread at a time.
2. Texts carry ``<x id="N"></x>`` placeholders (:mod:`l10n.text.placeholders`, rule 1) and go in
   each engine's tag-keeping mode: LibreTranslate ``format=html``, DeepL
   ``tag_handling=xml`` with ``ignore_tags=["x"]``, Microsoft ``textType=html``. A
   text's leading and trailing white space is not sent: it is put back around the
   translation. Blank texts come back as they are, without a request. An answer with
   another number of translations than texts sent is :class:`BadResponse`.
3. An engine that needs a third-party package says which, as a :class:`ConfigError`,
   before anything is sent; the package is imported only when the engine is made.
4. An engine's key never reaches a draft or the cache: :func:`run_batch` replaces it by
   ``***`` in every translation (a server may echo it), as :func:`l10n.mt.engines.http.scrub`
   does in the server texts an error quotes.
5. A call that may block for longer than its caller can wait (a server that never
   answers, or drips its answer a byte at a time so that no read timeout fires) runs
   under :func:`call_with_deadline`: in a daemon thread that the caller waits on for a
   wall-clock time. The abandoned thread ends when the server answers or closes, or at
   the request's own timeout; its result is dropped, it holds no lock and writes nothing,
   and as a daemon it never keeps the process alive.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar, cast

from l10n.core.errors import BadResponse, ConfigError, Permanent

T = TypeVar("T")


class Engine(Protocol):
    """What the pipeline needs from a machine-translation engine (rule 1)."""

    id: str
    max_chars: int

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...

    def languages(self) -> set[str] | None: ...


EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)
"""A text's leading white space, its core and its trailing white space (rule 2)."""


class Overdue(Exception):
    """A call under :func:`call_with_deadline` did not return in time (rule 5); callers turn it into their error."""


def call_with_deadline(call: Callable[[], T], seconds: float, name: str) -> T:
    """*call*'s result, run in a daemon thread named *name* and waited on for *seconds* at most (rule 5).

    Raises :class:`Overdue` when it has not returned by then, and what *call* raised otherwise.
    """
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except Exception as exc:  # handed to the caller: the thread never dies with an unhandled exception
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(max(0.0, seconds))
    if not outcome:
        raise Overdue
    ok, value = outcome[0]
    if not ok:
        raise value
    return cast(T, value)


def redact(text: str, secret: str | None) -> str:
    """*text* with every occurrence of *secret* replaced by ``***`` (rule 4)."""
    return text.replace(secret, "***") if secret else text


def run_batch(
    engine_id: str,
    max_chars: int,
    texts: Sequence[str],
    send: Callable[[list[str]], list[str]],
    secret: str | None = None,
) -> list[str]:
    """Translate the non-blank *texts* through *send* with edge white space taken off and put back,
    and *secret* (the engine's key) taken out of every translation (rule 4)."""
    out = list(texts)
    for text in texts:
        if len(text) > max_chars:
            msg = f"{engine_id}: a text of {len(text)} characters is longer than its limit of {max_chars}"
            raise Permanent(msg, engine_id)
    parts = [(i, m.groups()) for i, m in enumerate(EDGES.fullmatch(t) for t in texts) if m and m.group(2)]
    if not parts:
        return out
    results = send([core for _, (_, core, _) in parts])
    if len(results) != len(parts):
        msg = f"{engine_id}: {len(results)} translations for {len(parts)} texts"
        raise BadResponse(msg, engine_id)
    for (i, (lead, _, trail)), result in zip(parts, results, strict=True):
        out[i] = lead + redact(result, secret).strip() + trail
    return out


def chunks(texts: list[str], size: int, max_bytes: int) -> Iterator[list[str]]:
    """*texts* in consecutive requests of at most *size* texts and *max_bytes* of UTF-8 (one text may exceed it)."""
    chunk: list[str] = []
    used = 0
    for text in texts:
        n = len(text.encode("utf-8"))
        if chunk and (len(chunk) >= size or used + n > max_bytes):
            yield chunk
            chunk, used = [], 0
        chunk.append(text)
        used += n
    if chunk:
        yield chunk


def strings(value: Any, count: int) -> list[str] | None:
    """*value* if it is a list of *count* strings."""
    if isinstance(value, list) and len(value) == count and all(isinstance(v, str) for v in value):
        return cast(list[str], value)
    return None


def need(module: str, engine_id: str) -> None:
    """Refuse *engine_id* when *module* is not installed (rule 3)."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        package = "deep-translator" if module == "deep_translator" else module
        msg = f"engine {engine_id} needs the {package} package (pip install {package})"
        raise ConfigError(msg)
