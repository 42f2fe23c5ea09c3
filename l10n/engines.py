"""Machine-translation engines behind one small interface, and the errors they raise.

Rules:

1. An engine has an ``id`` (in cache keys and provenance), a ``max_chars`` per text
   (longer texts are split upstream; a longer one is :class:`Permanent` here),
   ``translate_batch(texts, source, target)`` returning one translation per text in
   order, and ``languages()``: the engine codes it supports, ``None`` when unknown.
   ``source`` and ``target`` are gettext locales (``en``, ``pt_BR``, ``zh_Hant``,
   ``sr@latin``); :func:`engine_code` maps them to the engine's codes and raises
   :class:`Permanent` for one it lacks, before any request. A region falls back to the
   bare language (``fr_CA`` is ``fr`` on LibreTranslate: the engine's default variety,
   for reviewers to check); a script never does (``zh_Hant`` is ``zt`` there, never
   ``zh``). DeepL's codes depend on the direction (``role``): ``pt_BR`` is ``PT`` as a
   source and ``PT-BR`` as a target, and a bare ``en`` target is ``EN-US``.
2. No third-party exception escapes an engine. HTTP 429 is :class:`RateLimited`, with
   ``Retry-After`` read as seconds or as an HTTP date; 5xx, timeouts, refused and
   dropped connections are :class:`Transient`; other 4xx, an unsupported language and a
   refused key are :class:`Permanent`; a body that is not the JSON expected or holds the
   wrong number of translations is :class:`BadResponse`. Messages are our own words plus
   the server's short error text; a third-party exception's message is never quoted
   (requests puts the URL with its query, and so deep-translator's key, in it).
3. API keys come only from environment variables, named by the ``key_env`` setting
   (default ``L10N_LIBRE_KEY``, ``L10N_DEEPL_KEY``, ``L10N_MICROSOFT_KEY``). A key is
   never put in a URL by our clients, never in a repr, and is scrubbed from every server
   text an error quotes. A setting holding a key itself is refused.
4. Texts carry ``<x id="N"></x>`` placeholders (:mod:`l10n.protect`, rule 5) and go in
   each engine's tag-keeping mode: LibreTranslate ``format=html``, DeepL
   ``tag_handling=xml`` with ``ignore_tags=["x"]``, Microsoft ``textType=html``. A
   text's leading and trailing white space is not sent: it is put back around the
   translation. Blank texts come back as they are, without a request.
5. ``libre`` is a direct client of any LibreTranslate server: one ``requests.Session``
   (connection reuse), a (connect, read) timeout on every request, ``POST /translate``
   with a JSON body holding the texts as a list (one request per batch of
   ``batch_size``) and the key, ``GET /languages`` for the pairs. deep-translator's
   ``LibreTranslator`` (1.11.4), kept as ``libre-dt`` so tests and the benchmark run its
   real code against a local server, sends each text and the key in the URL query (so
   both land in access logs and in requests' error messages), one request per text, with
   no timeout and a new connection each time, hard-codes ``format=text``, demands a key
   even from servers that need none (``libre-dt`` sends ``none``), knows 17 languages
   (no ``zt``), and lets a dropped connection escape as requests' ``ConnectionError``
   (it catches the builtin one) and a bad body as ``JSONDecodeError``; a 403 raises an
   exception whose message holds the key. One engine serves one thread at a time.
6. ``deepl`` is a direct client too: DeepL retired the ``auth_key`` query and form
   parameter deep-translator's ``DeeplTranslator`` sends; the API wants the header
   ``Authorization: DeepL-Auth-Key KEY`` and a JSON body of at most 50 texts. Keys ending
   in ``:fx`` go to ``api-free.deepl.com``; ``url`` overrides the base (for tests).
7. ``google``, ``mymemory``, ``microsoft`` and ``libre-dt`` go through deep-translator,
   one request per text. It calls module-level ``requests.get``/``post`` with no
   timeout and no way to pass a session or adapter, so each call runs in a daemon worker
   thread that the engine waits on for connect + read timeout at most, then raises
   :class:`Transient`. The abandoned thread ends when the server answers or closes; it
   shares nothing, as a fresh translator object is built for every call. deep-translator
   reports statuses only as its own exceptions, so ``libre-dt`` gets a status back from
   ``ServerException``'s message (unknown ones count as transient) and never sees
   ``Retry-After``. ``url`` overrides their hard-coded endpoint (for tests). Limits:

   - ``google`` scrapes ``translate.google.com/m`` (no key, no HTML mode: placeholders
     travel as plain text and :func:`l10n.protect.unmask` refuses what comes back
     mangled), texts under 5,000 characters, in the URL; 429 is the only status it
     tells apart (no ``Retry-After``), any other is one ``RequestError``; it answers
     ``None`` for a text without letters or digits (we keep the text).
   - ``mymemory`` is a plain-http GET, texts under 500 characters; quota and errors
     come as HTTP 200 with the message as the "translation", which we recognise.
   - ``microsoft``: its constructor fetches the language list from the internet, with
     no timeout (replaced here by our table); an error arrives as the JSON error object,
     whose six-digit code starts with the HTTP status; a failed connection is logged and
     then becomes an ``AttributeError``.
8. ``pseudo`` is offline pseudo-localization for checking layouts and the pipeline:
   deterministic, each ASCII letter accented (``a`` to ``á``), the text between ``⟦`` and
   ``⟧`` and padded with accented filler to be 30% longer (rounded up; at least the two
   brackets). Tags (``<...>``, so placeholders) and entities are kept as they are, and
   no Markdown punctuation is added or changed: ASCII ``[!! ... !!]`` brackets would
   read as link text.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC
from email.utils import parsedate_to_datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeVar, cast

from .errors import BadResponse, ConfigError, EngineError, Permanent, RateLimited, Transient

if TYPE_CHECKING:
    import requests

T = TypeVar("T")
Role = Literal["source", "target"]

ENGINES: Final = ("libre", "libre-dt", "deepl", "google", "mymemory", "microsoft", "pseudo")


class Engine(Protocol):
    """What the pipeline needs from a machine-translation engine (rule 1)."""

    id: str
    max_chars: int

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...

    def languages(self) -> set[str] | None: ...


# --- language codes (rule 1) -------------------------------------------------------

_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?(?:@(\w+))?")
_DEFAULT_SCRIPT: Final = {"zh": "Hans", "sr": "Cyrl"}  # languages written in two scripts


def _table(codes: str, **special: str) -> dict[str, str]:
    table = {code: code for code in codes.split()}
    table.update(special)
    return table


_LIBRE: Final = _table(
    "ar az bg bn ca cs da de el en eo es et eu fa fi fr ga gl he hi hu id it ja ko ky lt lv ms nb nl pl pt"
    " ro ru sk sl sq sv th tl tr uk ur vi",
    zh_Hans="zh",
    zh_Hant="zt",
    fil="tl",
)
_DEEPL_LANGS: Final = (
    "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh"
)

_DEEPL_SOURCE: Final = {**{c: c.upper() for c in _DEEPL_LANGS.split()}, "zh_Hant": "ZH"}
_DEEPL_TARGET: Final = {
    **{c: c.upper() for c in _DEEPL_LANGS.split()},
    # EN and PT are deprecated targets: a bare locale gets its CLDR likely region.
    **dict(en="EN-US", en_US="EN-US", en_GB="EN-GB", pt="PT-BR", pt_BR="PT-BR", pt_PT="PT-PT"),
    **dict(zh_Hans="ZH-HANS", zh_Hant="ZH-HANT", es_419="ES-419"),
}
_MICROSOFT: Final = _table(
    "af am ar as az ba bg bn bo bs ca cs cy da de dv el en es et eu fa fi fil fj fo fr ga gl gu ha he hi hr ht"
    " hu hy id ig is it iu ja ka kk km kn ko ku ky lo lt lv mg mi mk ml mr ms mt my nb ne nl or pa pl prs ps pt"
    " ro ru rw sk sl sm so sq sv sw ta te th ti tk to tr tt ty ug uk ur uz vi yue zu",
    pt_BR="pt",
    pt_PT="pt-pt",
    fr_CA="fr-ca",
    zh_Hans="zh-Hans",
    zh_Hant="zh-Hant",
    sr_Cyrl="sr-Cyrl",
    sr_Latn="sr-Latn",
    mn="mn-Cyrl",
)


@cache
def _dt_tables() -> dict[str, dict[str, str]]:
    """Tables for the engines reached through deep-translator: exactly the codes it accepts."""
    from deep_translator import constants  # type: ignore[import-untyped]

    google = {c: c for c in constants.GOOGLE_LANGUAGES_TO_CODES.values() if "-" not in c}
    google.update(zh_Hans="zh-CN", zh_Hant="zh-TW", he="iw", jv="jw", nb="no", fil="tl", mni="mni-Mtei")
    mymemory: dict[str, str] = {}
    for code in sorted(constants.MY_MEMORY_LANGUAGES_TO_CODES.values()):
        parts = code.split("-")
        mymemory["_".join(parts)] = code
        if len(parts) == 3:  # sr-Latn-RS also answers for sr_Latn
            mymemory.setdefault("_".join(parts[:2]), code)
    for lang in {code.split("-")[0] for code in constants.MY_MEMORY_LANGUAGES_TO_CODES.values()}:
        own = f"{lang}_{lang.upper()}"  # es_ES for es, else the first region listed
        mymemory.setdefault(lang, mymemory.get(own) or next(v for k, v in mymemory.items() if k.startswith(lang + "_")))
    mymemory.update(en="en-US", pt="pt-BR", ar="ar-SA", zh_Hans="zh-CN", zh_Hant="zh-TW", sr_Cyrl="sr-Cyrl-RS")
    libre_dt = {c: c for c in constants.LIBRE_LANGUAGES_TO_CODES.values()}
    return {"google": google, "mymemory": mymemory, "libre-dt": libre_dt}


def _codes(engine_id: str, role: Role) -> dict[str, str]:
    if engine_id == "libre":
        return _LIBRE
    if engine_id == "deepl":
        return _DEEPL_SOURCE if role == "source" else _DEEPL_TARGET
    if engine_id == "microsoft":
        return _MICROSOFT
    if engine_id in ("google", "mymemory", "libre-dt"):
        _need("deep_translator", engine_id)
        return _dt_tables()[engine_id]
    msg = f"unknown engine {engine_id!r} (known: {', '.join(ENGINES)})"
    raise ConfigError(msg)


def _candidates(locale: str, engine_id: str) -> list[str]:
    """Table keys for *locale*, most specific first; a script never falls back (rule 1)."""
    match = _LOCALE.fullmatch(locale.strip())
    if match is None:
        msg = f"{engine_id}: {locale!r} is not a locale code, so it is not supported by {engine_id}"
        raise Permanent(msg, engine_id)
    lang, script, region, modifier = match.groups()
    lang = lang.lower()
    region = region.upper() if region else None
    script = script.title() if script else ("Latn" if modifier == "latin" else None)
    if script is None and lang == "zh":
        script = "Hant" if region in ("TW", "HK", "MO") else "Hans"
    script = script or _DEFAULT_SCRIPT.get(lang)
    keys = [f"{lang}_{script}_{region}"] if script and region else []
    keys += [f"{lang}_{region}"] if region else []
    keys += [f"{lang}_{script}"] if script else []
    if script is None or script == _DEFAULT_SCRIPT.get(lang):
        keys.append(lang)
    return keys


def engine_code(engine_id: str, locale: str, *, role: Role = "target") -> str:
    """The code *engine_id* uses for the gettext *locale*; :class:`Permanent` if it has none."""
    if engine_id == "pseudo":
        return locale
    table = _codes(engine_id, role)
    for key in _candidates(locale, engine_id):
        if key in table:
            return table[key]
    as_role = f" as a {role} language" if engine_id == "deepl" else ""
    msg = f"{engine_id}: locale {locale!r} is not supported by {engine_id}{as_role}"
    raise Permanent(msg, engine_id)


# --- HTTP errors (rule 2) ----------------------------------------------------------

_DELTA = re.compile(r"\d+(?:\.\d+)?")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds from now: delta-seconds or an HTTP date; ``None`` if unreadable."""
    if value is None:
        return None
    value = value.strip()
    if _DELTA.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _scrub(text: str, secret: str | None) -> str:
    if secret:
        text = text.replace(secret, "***")
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"


def _status_error(engine_id: str, status: int, detail: str = "", retry_after: str | None = None) -> EngineError:
    said = f": {detail}" if detail else ""
    if status == 429:
        msg = f"{engine_id}: rate limited (HTTP 429){said}"
        return RateLimited(msg, engine_id, retry_after_seconds(retry_after))
    if status >= 500:
        return Transient(f"{engine_id}: server error (HTTP {status}){said}", engine_id)
    if status >= 400:
        return Permanent(f"{engine_id}: request refused (HTTP {status}){said}", engine_id)
    return BadResponse(f"{engine_id}: unexpected HTTP {status}{said}", engine_id)


def _detail(response: requests.Response, secret: str | None) -> str:
    """The error text a JSON error body gives (LibreTranslate ``error``, DeepL ``message``)."""
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict):
        for key in ("error", "message", "detail"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str):
                return _scrub(value, secret)
    return ""


def _need(module: str, engine_id: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        package = "deep-translator" if module == "deep_translator" else module
        msg = f"engine {engine_id} needs the {package} package (pip install {package})"
        raise ConfigError(msg)


class _Http:
    """One session, a timeout on every request, and the error mapping of rule 2."""

    def __init__(self, engine_id: str, url: str, timeout: tuple[float, float], secret: str | None) -> None:
        import requests

        self.engine_id, self.url, self.timeout, self._secret = engine_id, url.rstrip("/"), timeout, secret
        self.session = requests.Session()

    def request(self, method: str, path: str, *, body: Any = None, headers: Mapping[str, str] | None = None) -> Any:
        import requests

        eid, url = self.engine_id, self.url + path
        try:
            response = self.session.request(
                method, url, json=body, headers=dict(headers or {}), timeout=self.timeout, allow_redirects=False
            )
        except requests.Timeout:
            msg = f"{eid}: no answer from {self.url} in time (timeouts {self.timeout[0]:g} s, {self.timeout[1]:g} s)"
            raise Transient(msg, eid) from None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            msg = f"{eid}: connection to {self.url} failed or was dropped ({type(exc).__name__})"
            raise Transient(msg, eid) from None
        except requests.RequestException as exc:
            msg = f"{eid}: cannot send a request to {self.url} ({type(exc).__name__})"
            raise Permanent(msg, eid) from None
        with response:
            if not 200 <= response.status_code < 300:
                detail = _detail(response, self._secret)
                raise _status_error(eid, response.status_code, detail, response.headers.get("Retry-After"))
            try:
                return response.json()
            except ValueError:
                msg = f"{eid}: the answer to {method} {path} is not JSON"
                raise BadResponse(msg, eid) from None


# --- batches (rules 1 and 4) -------------------------------------------------------

_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


def _run_batch(
    engine_id: str, max_chars: int, texts: Sequence[str], send: Callable[[list[str]], list[str]]
) -> list[str]:
    """Translate the non-blank *texts* through *send* with edge white space taken off and put back."""
    out = list(texts)
    for text in texts:
        if len(text) > max_chars:
            msg = f"{engine_id}: a text of {len(text)} characters is longer than its limit of {max_chars}"
            raise Permanent(msg, engine_id)
    parts = [(i, m.groups()) for i, m in enumerate(_EDGES.fullmatch(t) for t in texts) if m and m.group(2)]
    if not parts:
        return out
    results = send([core for _, (_, core, _) in parts])
    if len(results) != len(parts):
        msg = f"{engine_id}: {len(results)} translations for {len(parts)} texts"
        raise BadResponse(msg, engine_id)
    for (i, (lead, _, trail)), result in zip(parts, results, strict=True):
        out[i] = lead + result.strip() + trail
    return out


def _chunks(texts: list[str], size: int, max_bytes: int) -> Iterator[list[str]]:
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


def _strings(value: Any, count: int) -> list[str] | None:
    """*value* if it is a list of *count* strings."""
    if isinstance(value, list) and len(value) == count and all(isinstance(v, str) for v in value):
        return cast(list[str], value)
    return None


# --- direct clients (rules 5 and 6) ------------------------------------------------


class LibreEngine:
    """A direct LibreTranslate client (rule 5)."""

    def __init__(
        self, url: str, timeout: tuple[float, float], key: str | None, batch_size: int, max_chars: int
    ) -> None:
        self.id = "libre"
        self.max_chars = max_chars
        self._http = _Http(self.id, url, timeout, key)
        self._key = key
        self._batch_size = batch_size
        self._pairs: dict[str, frozenset[str]] | None = None

    def __repr__(self) -> str:
        return f"LibreEngine(url={self._http.url!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = engine_code(self.id, source, role="source"), engine_code(self.id, target)

        def send(core: list[str]) -> list[str]:
            return [t for chunk in _chunks(core, self._batch_size, 1 << 20) for t in self._send(chunk, src, tgt)]

        return _run_batch(self.id, self.max_chars, texts, send)

    def _send(self, chunk: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": chunk, "source": source, "target": target, "format": "html"}
        if self._key:
            body["api_key"] = self._key
        data = self._http.request("POST", "/translate", body=body)
        got = data.get("translatedText") if isinstance(data, dict) else None
        translations = _strings([got] if isinstance(got, str) else got, len(chunk))
        if translations is None:
            msg = f"{self.id}: the answer does not hold {len(chunk)} translatedText strings"
            raise BadResponse(msg, self.id)
        return translations

    def pairs(self) -> dict[str, frozenset[str]]:
        """The server's language codes, each with the codes it translates to (``GET /languages``)."""
        if self._pairs is None:
            data = self._http.request("GET", "/languages")
            if not isinstance(data, list) or not all(
                isinstance(d, dict) and isinstance(d.get("code"), str) for d in data
            ):
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
        self._http.session.close()

    def __enter__(self) -> LibreEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DeepLEngine:
    """A direct DeepL API v2 client (rule 6)."""

    def __init__(self, url: str, timeout: tuple[float, float], key: str, batch_size: int, max_chars: int) -> None:
        self.id = "deepl"
        self.max_chars = max_chars
        self._http = _Http(self.id, url, timeout, key)
        self._auth = {"Authorization": f"DeepL-Auth-Key {key}"}
        self._batch_size = min(batch_size, 50)

    def __repr__(self) -> str:
        return f"DeepLEngine(url={self._http.url!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = engine_code(self.id, source, role="source"), engine_code(self.id, target)

        def send(core: list[str]) -> list[str]:
            # DeepL takes at most 50 texts and 128 KiB per request.
            return [t for chunk in _chunks(core, self._batch_size, 120_000) for t in self._send(chunk, src, tgt)]

        return _run_batch(self.id, self.max_chars, texts, send)

    def _send(self, chunk: list[str], source: str, target: str) -> list[str]:
        body = {"text": chunk, "source_lang": source, "target_lang": target}
        body |= {"tag_handling": "xml", "ignore_tags": ["x"]}
        data = self._http.request("POST", "/v2/translate", body=body, headers=self._auth)
        items = data.get("translations") if isinstance(data, dict) else None
        texts = [i.get("text") if isinstance(i, dict) else None for i in items] if isinstance(items, list) else None
        translations = _strings(texts, len(chunk))
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
        self._http.session.close()

    def __enter__(self) -> DeepLEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- through deep-translator (rule 7) ----------------------------------------------


class _Deadline(Exception):
    pass


def _call_with_deadline(call: Callable[[], T], seconds: float, name: str) -> T:
    """*call*'s result, run in a daemon thread waited on for *seconds* at most."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except Exception as exc:  # handed to the caller: the thread never dies with an unhandled exception
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise _Deadline
    ok, value = outcome[0]
    if not ok:
        raise value
    return cast(T, value)


_MS_STATUS = re.compile(r"""['"]code['"]:\s*(\d{3})\d{3}""")
_MS_MESSAGE = re.compile(r"""['"]message['"]:\s*['"]([^'"]*)""")
_MYMEMORY_REFUSAL = re.compile(r"(MYMEMORY WARNING|INVALID |QUERY LENGTH LIMIT|PLEASE SELECT|'AUTO' IS AN INVALID)")
_MYMEMORY_WAIT = re.compile(r"NEXT AVAILABLE IN\s+(\d+) HOURS?\s+(\d+) MINUTES?\s+(\d+) SECONDS?")


def _dt_error(engine_id: str, exc: Exception, secret: str | None) -> EngineError:
    """Our error for what deep-translator (or requests under it) raised; its message is never quoted."""
    import requests
    from deep_translator import exceptions as dx

    name, eid = type(exc).__name__, engine_id
    if isinstance(exc, requests.Timeout):
        return Transient(f"{eid}: timed out ({name})", eid)
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return Transient(f"{eid}: connection failed or was dropped ({name})", eid)
    if isinstance(exc, requests.exceptions.JSONDecodeError):
        return BadResponse(f"{eid}: the answer is not JSON", eid)
    if isinstance(exc, requests.RequestException):
        return Permanent(f"{eid}: cannot send the request ({name})", eid)
    if isinstance(exc, dx.TooManyRequests):
        return RateLimited(f"{eid}: rate limited (HTTP 429; deep-translator drops Retry-After)", eid)
    if isinstance(exc, dx.ServerException):
        statuses = {message: status for status, message in dx.ServerException.errors.items()}
        status = statuses.get(str(exc))
        if status is None:
            return Transient(f"{eid}: HTTP error (deep-translator does not say which status)", eid)
        return _status_error(eid, status)
    if isinstance(exc, dx.AuthorizationException):
        return Permanent(f"{eid}: the key was refused (HTTP 403)", eid)
    if isinstance(exc, dx.MicrosoftAPIerror):
        found, said = _MS_STATUS.search(exc.api_message), _MS_MESSAGE.search(exc.api_message)
        detail = _scrub(said.group(1), secret) if said else ""
        if found is None:
            return Transient(f"{eid}: API error without a status" + (f": {detail}" if detail else ""), eid)
        return _status_error(eid, int(found.group(1)), detail)
    if isinstance(exc, dx.RequestError):
        return Transient(f"{eid}: HTTP error (deep-translator does not say which status)", eid)
    refused = (
        dx.LanguageNotSupportedException,
        dx.InvalidSourceOrTargetLanguage,
        dx.ApiKeyException,
        dx.NotValidLength,
        dx.NotValidPayload,
    )
    if isinstance(exc, refused):
        return Permanent(f"{eid}: deep-translator refused the request ({name})", eid)
    if isinstance(exc, AttributeError) and engine_id == "microsoft" and "NoneType" in str(exc):
        return Transient(f"{eid}: connection failed (deep-translator logs it and goes on without a response)", eid)
    return BadResponse(f"{eid}: unexpected answer ({name} in deep-translator)", eid)


class DeepTranslatorEngine:
    """An engine reached through deep-translator, one request per text (rule 7)."""

    def __init__(
        self,
        engine_id: str,
        build: Callable[[str, str], Any],
        max_chars: int,
        deadline: float,
        secret: str | None,
        codes: set[str],
    ) -> None:
        self.id = engine_id
        self.max_chars = max_chars
        self._build, self._deadline, self._secret, self._codes = build, deadline, secret, codes

    def __repr__(self) -> str:
        return f"DeepTranslatorEngine(id={self.id!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = engine_code(self.id, source, role="source"), engine_code(self.id, target)
        return _run_batch(self.id, self.max_chars, texts, lambda core: [self._one(t, src, tgt) for t in core])

    def _one(self, text: str, source: str, target: str) -> str:
        try:
            result = _call_with_deadline(
                lambda: self._build(source, target).translate(text), self._deadline, f"l10n-{self.id}"
            )
        except _Deadline:
            msg = f"{self.id}: no answer within {self._deadline:g} s (deep-translator sets no timeout)"
            raise Transient(msg, self.id) from None
        except Exception as exc:
            raise _dt_error(self.id, exc, self._secret) from None
        if result is None and not any(c.isalnum() for c in text):
            return text  # Google's client answers None when the page echoes a text without letters or digits
        if not isinstance(result, str):
            msg = f"{self.id}: deep-translator returned {type(result).__name__}, not a translation"
            raise BadResponse(msg, self.id)
        if self.id == "mymemory" and _MYMEMORY_REFUSAL.match(result):
            if result.startswith("MYMEMORY WARNING"):
                wait = _MYMEMORY_WAIT.search(result)
                after = (
                    None
                    if wait is None
                    else float(sum(int(n) * k for n, k in zip(wait.groups(), (3600, 60, 1), strict=True)))
                )
                raise RateLimited(f"{self.id}: daily quota used up", self.id, after)
            raise Permanent(f"{self.id}: refused: {_scrub(result, self._secret)}", self.id)
        return result

    def languages(self) -> set[str] | None:
        return set(self._codes)


def _dt_build(engine_id: str, url: str | None, key: str | None, extra: Mapping[str, Any]) -> Callable[[str, str], Any]:
    import deep_translator as dt

    def build(source: str, target: str) -> Any:
        translator: Any
        if engine_id == "libre-dt":
            translator = dt.LibreTranslator(source=source, target=target, api_key=key or "none", custom_url=url)
        elif engine_id == "google":
            translator = dt.GoogleTranslator(source=source, target=target)
        elif engine_id == "mymemory":
            translator = dt.MyMemoryTranslator(source=source, target=target, email=extra.get("email"))
        else:
            translator = _microsoft_class()(
                source=source, target=target, api_key=key, region=extra.get("region"), textType="html"
            )
        if url and engine_id != "libre-dt":
            translator._base_url = url  # its endpoint is a constant; tests point it at 127.0.0.1
        return translator

    return build


@cache
def _microsoft_class() -> type[Any]:
    from deep_translator import MicrosoftTranslator

    class _Microsoft(MicrosoftTranslator):  # type: ignore[misc]
        def _get_supported_languages(self) -> dict[str, str]:
            # The original asks the internet, with no timeout, at construction.
            return {code.lower(): code for code in _MICROSOFT.values()}

    return _Microsoft


# --- pseudo-localization (rule 8) --------------------------------------------------

_KEEP = re.compile(r"<[^<>]*>|&#?\w+;")
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒğĥíĵķłɱñóƥʠŕšţúṽŵẋýžÁƁÇĐÉƑĞĤÍĴĶŁṀÑÓƤɊŔŠŢÚṼŴẊÝŽ",
)
_FILLER = " ŀóŕéɱ íƥšúɱ đółóŕ šíţ áɱéţ"


def pseudo_localize(text: str) -> str:
    """*text* pseudo-localized (rule 8)."""
    match = _EDGES.fullmatch(text)
    assert match is not None  # the pattern matches every string
    lead, core, trail = match.groups()
    if not core:
        return text
    parts: list[str] = []
    pos = plain = 0
    for tag in _KEEP.finditer(core):
        parts += [core[pos : tag.start()].translate(_ACCENTED), tag.group()]
        plain += tag.start() - pos
        pos = tag.end()
    parts.append(core[pos:].translate(_ACCENTED))
    plain += len(core) - pos
    pad = max(0, (3 * plain + 9) // 10 - 2)  # 30%, rounded up, less the two brackets
    filler = (_FILLER * (pad // len(_FILLER) + 1))[:pad]
    if filler.endswith(" "):
        filler = filler[:-1] + "ŀ"
    return f"{lead}⟦{''.join(parts)}{filler}⟧{trail}"


class PseudoEngine:
    """Offline pseudo-localization (rule 8)."""

    def __init__(self, max_chars: int = 1_000_000) -> None:
        self.id = "pseudo"
        self.max_chars = max_chars

    def __repr__(self) -> str:
        return "PseudoEngine()"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [pseudo_localize(text) for text in texts]

    def languages(self) -> set[str] | None:
        return None


# --- construction ------------------------------------------------------------------

_ALLOWED: Final = {
    "libre": {"url", "timeout", "key_env", "batch_size", "max_chars"},
    "libre-dt": {"url", "timeout", "key_env", "max_chars"},
    "deepl": {"url", "timeout", "key_env", "batch_size", "max_chars"},
    "google": {"url", "timeout", "max_chars"},
    "mymemory": {"url", "timeout", "email", "max_chars"},
    "microsoft": {"url", "timeout", "key_env", "region", "max_chars"},
    "pseudo": {"max_chars"},
}
_MAX_CHARS: Final = {
    "libre": 5000,
    "libre-dt": 5000,
    "deepl": 30_000,
    "google": 4999,
    "mymemory": 499,
    "microsoft": 10_000,
    "pseudo": 1_000_000,
}
_KEY_ENV: Final = {
    "libre": "L10N_LIBRE_KEY",
    "libre-dt": "L10N_LIBRE_KEY",
    "deepl": "L10N_DEEPL_KEY",
    "microsoft": "L10N_MICROSOFT_KEY",
}
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _number(settings: Mapping[str, Any], name: str, engine_id: str) -> float:
    value = settings[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        msg = f"engine {engine_id}: {name} must be a positive number"
        raise ConfigError(msg)
    return float(value)


def _settings(engine_id: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """Checked settings with defaults: url, timeout pair, key, batch_size, max_chars, extras."""
    if engine_id not in _ALLOWED:
        msg = f"unknown engine {engine_id!r} (known: {', '.join(ENGINES)})"
        raise ConfigError(msg)
    for name in settings:
        if name in ("key", "api_key", "auth_key", "apikey"):
            msg = f"engine {engine_id}: put the API key in an environment variable and name it with key_env"
            raise ConfigError(msg)
        if name not in _ALLOWED[engine_id]:
            msg = f"engine {engine_id}: unknown setting {name!r} (known: {', '.join(sorted(_ALLOWED[engine_id]))})"
            raise ConfigError(msg)
    out: dict[str, Any] = {k: v for k, v in settings.items() if k in ("email", "region")}
    timeout = settings.get("timeout", (5.0, 30.0))
    pair = list(timeout) if isinstance(timeout, list | tuple) else [timeout, timeout]
    if len(pair) != 2:
        raise ConfigError(f"engine {engine_id}: timeout is seconds or [connect, read] seconds")
    out["timeout"] = tuple(_number({"timeout": t}, "timeout", engine_id) for t in pair)
    for name, default in (("batch_size", 50), ("max_chars", _MAX_CHARS[engine_id])):
        out[name] = int(_number(settings, name, engine_id)) if name in settings else default
    url = settings.get("url")
    if url is not None and not (isinstance(url, str) and re.match(r"https?://[^\s/?#]+", url)):
        raise ConfigError(f"engine {engine_id}: url must be an http:// or https:// address")
    out["url"] = url
    env = settings.get("key_env", _KEY_ENV.get(engine_id))
    if env is not None and not (isinstance(env, str) and _ENV_NAME.fullmatch(env)):
        # Not quoted: it may be a key pasted in by mistake.
        raise ConfigError(f"engine {engine_id}: key_env must be the name of an environment variable")
    out["key_env"] = env
    out["key"] = (os.environ.get(env) or None) if env else None
    return out


def make_engine(engine_id: str, settings: Mapping[str, Any]) -> Engine:
    """The engine *engine_id* configured by *settings* (see the module docstring)."""
    s = _settings(engine_id, settings)
    if engine_id == "pseudo":
        return PseudoEngine(s["max_chars"])
    _need("requests", engine_id)
    if engine_id == "libre":
        return LibreEngine(s["url"] or "http://127.0.0.1:5000", s["timeout"], s["key"], s["batch_size"], s["max_chars"])
    if engine_id == "deepl":
        if not s["key"]:
            raise ConfigError(f"engine deepl needs an API key in the environment variable {s['key_env']}")
        url = s["url"] or ("https://api-free.deepl.com" if s["key"].endswith(":fx") else "https://api.deepl.com")
        return DeepLEngine(url, s["timeout"], s["key"], s["batch_size"], s["max_chars"])
    _need("deep_translator", engine_id)
    if engine_id == "microsoft" and not s["key"]:
        raise ConfigError(f"engine microsoft needs an API key in the environment variable {s['key_env']}")
    url = s["url"]
    if engine_id == "libre-dt":
        url = (url or "http://127.0.0.1:5000").rstrip("/") + "/"  # it appends "translate"
    codes = set((_MICROSOFT if engine_id == "microsoft" else _dt_tables()[engine_id]).values())
    deadline = s["timeout"][0] + s["timeout"][1]
    build = _dt_build(engine_id, url, s["key"], s)
    return DeepTranslatorEngine(engine_id, build, s["max_chars"], deadline, s["key"], codes)


def close_engine(engine: Engine) -> None:
    """Close *engine*'s connections, if it holds any."""
    close = getattr(engine, "close", None)
    if callable(close):
        close()
