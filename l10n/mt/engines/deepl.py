"""``deepl``: a direct client of the DeepL API v2.

Rules:

1. DeepL retired the ``auth_key`` query and form parameter that deep-translator's
   ``DeeplTranslator`` sends; the API wants the header
   ``Authorization: DeepL-Auth-Key KEY`` and a JSON body of at most 50 texts and
   128 KiB. Texts go with ``tag_handling=xml`` and ``ignore_tags=["x"]`` so that
   placeholders survive.
2. A key is required, read from ``key_env`` (default ``L10N_DEEPL_KEY``). Keys ending in
   ``:fx`` go to ``api-free.deepl.com``, others to ``api.deepl.com``; ``url`` overrides
   the base (for tests).
3. Codes depend on the direction (:mod:`l10n.mt.engines.codes`, rule 3): ``pt_BR`` is
   ``PT`` as a source and ``PT-BR`` as a target. ``languages()`` asks
   ``/v2/languages?type=target``.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.core.errors import BadResponse
from l10n.mt.engines.base import chunks, run_batch, strings
from l10n.mt.engines.codes import DEEPL_SOURCE, DEEPL_TARGET
from l10n.mt.engines.http import Http
from l10n.mt.engines.spec import BATCH_SIZE, KEY_ENV, MAX_CHARS, TIMEOUT, URL, EngineSettings, EngineSpec


class DeepLEngine:
    """A direct DeepL API v2 client."""

    def __init__(self, url: str, timeout: tuple[float, float], key: str, batch_size: int, max_chars: int) -> None:
        self.id = "deepl"
        self.max_chars = max_chars
        self._http = Http(self.id, url, timeout, key)
        self._key = key
        self._auth = {"Authorization": f"DeepL-Auth-Key {key}"}
        self._batch_size = min(batch_size, 50)

    def __repr__(self) -> str:
        return f"DeepLEngine(url={self._http.url!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = SPEC.code(source, "source"), SPEC.code(target)

        def send(core: list[str]) -> list[str]:
            # DeepL takes at most 50 texts and 128 KiB per request.
            return [t for chunk in chunks(core, self._batch_size, 120_000) for t in self._send(chunk, src, tgt)]

        return run_batch(self.id, self.max_chars, texts, send, self._key)

    def _send(self, chunk: list[str], source: str, target: str) -> list[str]:
        body = {"text": chunk, "source_lang": source, "target_lang": target}
        body |= {"tag_handling": "xml", "ignore_tags": ["x"]}
        data = self._http.request("POST", "/v2/translate", body=body, headers=self._auth)
        items = data.get("translations") if isinstance(data, dict) else None
        texts = [i.get("text") if isinstance(i, dict) else None for i in items] if isinstance(items, list) else None
        translations = strings(texts, len(chunk))
        if translations is None:
            msg = f"{self.id}: the answer does not hold {len(chunk)} translations with text"
            raise BadResponse(msg, self.id)
        return translations

    def languages(self) -> set[str] | None:
        data = self._http.request("GET", "/v2/languages?type=target", headers=self._auth)
        if not isinstance(data, list):
            raise BadResponse(f"{self.id}: /v2/languages is not a list", self.id)
        return {d["language"] for d in data if isinstance(d, dict) and isinstance(d.get("language"), str)}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DeepLEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _build(s: EngineSettings) -> DeepLEngine:
    assert s.key  # the registry refuses to make it without one
    url = s.url or ("https://api-free.deepl.com" if s.key.endswith(":fx") else "https://api.deepl.com")
    return DeepLEngine(url, s.timeout, s.key, s.batch_size, s.max_chars)


SPEC = EngineSpec(
    id="deepl",
    build=_build,
    settings=(TIMEOUT, BATCH_SIZE, MAX_CHARS, URL, KEY_ENV),
    max_chars=30_000,
    key_env="L10N_DEEPL_KEY",
    key_required=True,
    needs=("requests",),
    codes=lambda role: DEEPL_SOURCE if role == "source" else DEEPL_TARGET,
    directional=True,
)
