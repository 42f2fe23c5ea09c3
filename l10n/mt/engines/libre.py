"""``libre``: a direct client of any LibreTranslate server.

Rules:

1. One ``requests.Session`` (connection reuse) and a (connect, read) timeout on every
   request (:mod:`l10n.mt.engines.http`). ``POST /translate`` takes a JSON body holding the
   texts as a list, one request per batch of ``batch_size`` texts (and at most 1 MiB),
   with ``format=html`` so that placeholders survive, and the key, if any, in the body:
   never in the URL. A server answering a one-text batch with a single string is
   accepted.
2. ``GET /languages`` gives the server's codes and the pairs it translates, read once
   per engine. Codes come from :data:`l10n.mt.engines.codes.LIBRE` (``zh_Hant`` is ``zt``).
3. ``url`` defaults to ``http://127.0.0.1:5000`` (a local server); the key is read from
   ``key_env`` (default ``L10N_LIBRE_KEY``) and is optional, as servers may need none.
4. deep-translator's client of the same servers is ``libre-dt``
   (:mod:`l10n.mt.engines.deep_translator`), kept to compare against.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from l10n.core.errors import BadResponse
from l10n.mt.engines.base import chunks, run_batch, strings
from l10n.mt.engines.codes import LIBRE
from l10n.mt.engines.http import Http
from l10n.mt.engines.spec import BATCH_SIZE, KEY_ENV, MAX_CHARS, TIMEOUT, URL, EngineSettings, EngineSpec

DEFAULT_URL = "http://127.0.0.1:5000"


class LibreEngine:
    """A direct LibreTranslate client."""

    def __init__(self, url: str, timeout: tuple[float, float], key: str | None, batch_size: int, max_chars: int) -> None:
        self.id = "libre"
        self.max_chars = max_chars
        self._http = Http(self.id, url, timeout, key)
        self._key = key
        self._batch_size = batch_size
        self._pairs: dict[str, frozenset[str]] | None = None

    def __repr__(self) -> str:
        return f"LibreEngine(url={self._http.url!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = SPEC.code(source, "source"), SPEC.code(target)

        def send(core: list[str]) -> list[str]:
            return [t for chunk in chunks(core, self._batch_size, 1 << 20) for t in self._send(chunk, src, tgt)]

        return run_batch(self.id, self.max_chars, texts, send, self._key)

    def _send(self, chunk: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": chunk, "source": source, "target": target, "format": "html"}
        if self._key:
            body["api_key"] = self._key
        data = self._http.request("POST", "/translate", body=body)
        got = data.get("translatedText") if isinstance(data, dict) else None
        translations = strings([got] if isinstance(got, str) else got, len(chunk))
        if translations is None:
            msg = f"{self.id}: the answer does not hold {len(chunk)} translatedText strings"
            raise BadResponse(msg, self.id)
        return translations

    def pairs(self) -> dict[str, frozenset[str]]:
        """The server's language codes, each with the codes it translates to (``GET /languages``)."""
        if self._pairs is None:
            data = self._http.request("GET", "/languages")
            if not isinstance(data, list) or not all(isinstance(d, dict) and isinstance(d.get("code"), str) for d in data):
                msg = f"{self.id}: /languages is not a list of languages with codes"
                raise BadResponse(msg, self.id)
            codes = frozenset(d["code"] for d in data)
            self._pairs = {
                d["code"]: frozenset(t for t in d["targets"] if isinstance(t, str))
                if isinstance(d.get("targets"), list)
                else codes - {d["code"]}
                for d in data
            }
        return self._pairs

    def languages(self) -> set[str] | None:
        return set(self.pairs())

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> LibreEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _build(s: EngineSettings) -> LibreEngine:
    return LibreEngine(s.url or DEFAULT_URL, s.timeout, s.key, s.batch_size, s.max_chars)


SPEC = EngineSpec(
    id="libre",
    build=_build,
    settings=(TIMEOUT, BATCH_SIZE, MAX_CHARS, URL, KEY_ENV),
    max_chars=5000,
    key_env="L10N_LIBRE_KEY",
    needs=("requests",),
    codes=lambda role: LIBRE,
)
