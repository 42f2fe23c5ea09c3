"""``google``, ``mymemory``, ``microsoft`` and ``libre-dt``: engines reached through deep-translator.

Rules:

1. One request per text. deep-translator calls module-level ``requests.get``/``post``
   with no timeout and no way to pass a session or adapter, so each call runs in a
   daemon worker thread that the engine waits on for connect + read timeout at most,
   then raises :class:`Transient`. The abandoned thread ends when the server answers or
   closes; it shares nothing, as a fresh translator object is built for every call.
2. No third-party exception escapes, and none is quoted (its message may hold the URL
   and the key). deep-translator reports statuses only as its own exceptions, so
   ``libre-dt`` gets a status back from ``ServerException``'s message (unknown ones count
   as transient) and never sees ``Retry-After``; a refused request (unknown language,
   bad key, length) is :class:`Permanent`; anything else unexpected is
   :class:`BadResponse`.
3. ``url`` overrides their hard-coded endpoint (for tests). Language codes are exactly
   those deep-translator accepts (:mod:`l10n.mt.engines.codes`, rule 4). deep-translator is
   imported when an engine is made, not when this module is.
4. ``libre-dt`` is deep-translator's ``LibreTranslator`` (1.11.4), kept so tests and the
   benchmark run its real code against a local server: it sends each text and the key
   in the URL query (so both land in access logs and in requests' error messages), one
   request per text, with no timeout and a new connection each time, hard-codes
   ``format=text``, demands a key even from servers that need none (``libre-dt`` sends
   ``none``), knows 17 languages (no ``zt``), and lets a dropped connection escape as
   requests' ``ConnectionError`` (it catches the builtin one) and a bad body as
   ``JSONDecodeError``; a 403 raises an exception whose message holds the key.
5. ``google`` scrapes ``translate.google.com/m`` (no key, no HTML mode: placeholders
   travel as plain text and :func:`l10n.text.placeholders.unmask` refuses what comes back
   mangled), texts under 5,000 characters, in the URL; 429 is the only status it tells
   apart (no ``Retry-After``), any other is one ``RequestError``; it answers ``None`` for
   a text without letters or digits (we keep the text).
6. ``mymemory`` is a plain-http GET, texts under 500 characters; quota and errors come
   as HTTP 200 with the message as the "translation", which we recognise: the daily
   quota is :class:`RateLimited` (with the wait it names), other refusals
   :class:`Permanent`.
7. ``microsoft`` (``textType=html``, key required, ``L10N_MICROSOFT_KEY``): its
   constructor fetches the language list from the internet, with no timeout (replaced
   here by our table); an error arrives as the JSON error object, whose six-digit code
   starts with the HTTP status; a failed connection is logged and then becomes an
   ``AttributeError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from l10n.core.errors import BadResponse, EngineError, Permanent, RateLimited, Transient
from l10n.mt.engines.base import Overdue, call_with_deadline, need, run_batch
from l10n.mt.engines.codes import MICROSOFT, Role, deep_translator_tables
from l10n.mt.engines.http import scrub, status_error
from l10n.mt.engines.spec import KEY_ENV, MAX_CHARS, TIMEOUT, URL, EngineSettings, EngineSpec, Setting, as_given

NEEDS: Final = ("requests", "deep_translator")

MakeTranslator = Callable[[str, str], Any]
"""``make(source_code, target_code)``: a fresh deep-translator translator object."""
CheckAnswer = Callable[[str, str, str | None], None]
"""``check(engine_id, answer, secret)``: raises our error for an answer that is a refusal."""
MapError = Callable[[str, Exception, str | None], EngineError | None]
"""``errors(engine_id, exc, secret)``: our error for an exception only this engine raises."""


def _error(engine_id: str, exc: Exception) -> EngineError:
    """Our error for what deep-translator (or requests under it) raised; its message is never quoted (rule 2)."""
    import requests
    from deep_translator import exceptions as dx  # type: ignore[import-untyped]

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
        return status_error(eid, status)
    if isinstance(exc, dx.AuthorizationException):
        return Permanent(f"{eid}: the key was refused (HTTP 403)", eid)
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
    return BadResponse(f"{eid}: unexpected answer ({name} in deep-translator)", eid)


@dataclass(frozen=True, slots=True)
class Hooks:
    """What sets one engine through deep-translator apart from the others."""

    check: CheckAnswer | None = None
    errors: MapError | None = None


class DeepTranslatorEngine:
    """An engine reached through deep-translator, one request per text (rule 1)."""

    def __init__(self, spec: EngineSpec, make: MakeTranslator, settings: EngineSettings, hooks: Hooks | None = None) -> None:
        self.id = spec.id
        self.max_chars = settings.max_chars
        self._spec, self._make, self._hooks = spec, make, hooks or Hooks()
        self._deadline = settings.timeout[0] + settings.timeout[1]
        self._secret = settings.key

    def __repr__(self) -> str:
        return f"DeepTranslatorEngine(id={self.id!r})"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        src, tgt = self._spec.code(source, "source"), self._spec.code(target)
        return run_batch(self.id, self.max_chars, texts, lambda core: [self._one(t, src, tgt) for t in core], self._secret)

    def _one(self, text: str, source: str, target: str) -> str:
        try:
            result = call_with_deadline(lambda: self._make(source, target).translate(text), self._deadline, f"l10n-{self.id}")
        except Overdue:
            msg = f"{self.id}: no answer within {self._deadline:g} s (deep-translator sets no timeout)"
            raise Transient(msg, self.id) from None
        except Exception as exc:
            own = self._hooks.errors(self.id, exc, self._secret) if self._hooks.errors else None
            raise (own or _error(self.id, exc)) from None
        if result is None and not any(c.isalnum() for c in text):
            return text  # Google's client answers None when the page echoes a text without letters or digits
        if not isinstance(result, str):
            msg = f"{self.id}: deep-translator returned {type(result).__name__}, not a translation"
            raise BadResponse(msg, self.id)
        if self._hooks.check:
            self._hooks.check(self.id, result, self._secret)
        return result

    def languages(self) -> set[str] | None:
        assert self._spec.codes is not None  # every engine here has a table
        return set(self._spec.codes("target").values())


def _table(engine_id: str) -> Callable[[Role], Mapping[str, str]]:
    def codes(role: Role) -> Mapping[str, str]:
        need("deep_translator", engine_id)
        return deep_translator_tables()[engine_id]

    return codes


def _at(translator: Any, url: str | None) -> Any:
    if url:
        translator._base_url = url  # its endpoint is a constant; tests point it at 127.0.0.1
    return translator


# --- libre-dt (rule 4) ----------------------------------------------------------------


def _libre_dt(s: EngineSettings) -> DeepTranslatorEngine:
    import deep_translator as dt

    url = (s.url or "http://127.0.0.1:5000").rstrip("/") + "/"  # it appends "translate"
    key = s.key or "none"
    return DeepTranslatorEngine(
        LIBRE_DT, lambda source, target: dt.LibreTranslator(source=source, target=target, api_key=key, custom_url=url), s
    )


LIBRE_DT: Final = EngineSpec(
    id="libre-dt",
    build=_libre_dt,
    settings=(TIMEOUT, MAX_CHARS, URL, KEY_ENV),
    max_chars=5000,
    key_env="L10N_LIBRE_KEY",
    needs=NEEDS,
    codes=_table("libre-dt"),
)


# --- google (rule 5) ----------------------------------------------------------------


def _google(s: EngineSettings) -> DeepTranslatorEngine:
    import deep_translator as dt

    return DeepTranslatorEngine(GOOGLE, lambda source, target: _at(dt.GoogleTranslator(source=source, target=target), s.url), s)


GOOGLE: Final = EngineSpec(
    id="google", build=_google, settings=(TIMEOUT, MAX_CHARS, URL), max_chars=4999, needs=NEEDS, codes=_table("google")
)


# --- mymemory (rule 6) --------------------------------------------------------------

_MYMEMORY_REFUSAL = re.compile(r"(MYMEMORY WARNING|INVALID |QUERY LENGTH LIMIT|PLEASE SELECT|'AUTO' IS AN INVALID)")
_MYMEMORY_WAIT = re.compile(r"NEXT AVAILABLE IN\s+(\d+) HOURS?\s+(\d+) MINUTES?\s+(\d+) SECONDS?")


def _mymemory_check(engine_id: str, result: str, secret: str | None) -> None:
    if not _MYMEMORY_REFUSAL.match(result):
        return
    if result.startswith("MYMEMORY WARNING"):
        wait = _MYMEMORY_WAIT.search(result)
        after = None if wait is None else float(sum(int(n) * k for n, k in zip(wait.groups(), (3600, 60, 1), strict=True)))
        raise RateLimited(f"{engine_id}: daily quota used up", engine_id, after)
    raise Permanent(f"{engine_id}: refused: {scrub(result, secret)}", engine_id)


def _mymemory(s: EngineSettings) -> DeepTranslatorEngine:
    import deep_translator as dt

    email = s.options.get("email")
    return DeepTranslatorEngine(
        MYMEMORY,
        lambda source, target: _at(dt.MyMemoryTranslator(source=source, target=target, email=email), s.url),
        s,
        Hooks(check=_mymemory_check),
    )


EMAIL: Final = Setting("email", (str,), as_given, "the address MyMemory counts a larger free quota for")
MYMEMORY: Final = EngineSpec(
    id="mymemory",
    build=_mymemory,
    settings=(TIMEOUT, MAX_CHARS, URL, EMAIL),
    max_chars=499,
    needs=NEEDS,
    codes=_table("mymemory"),
)


# --- microsoft (rule 7) -------------------------------------------------------------

_MS_STATUS = re.compile(r"""['"]code['"]:\s*(\d{3})\d{3}""")
_MS_MESSAGE = re.compile(r"""['"]message['"]:\s*['"]([^'"]*)""")


def _microsoft_error(engine_id: str, exc: Exception, secret: str | None) -> EngineError | None:
    from deep_translator import exceptions as dx

    eid = engine_id
    if isinstance(exc, dx.MicrosoftAPIerror):
        found, said = _MS_STATUS.search(exc.api_message), _MS_MESSAGE.search(exc.api_message)
        detail = scrub(said.group(1), secret) if said else ""
        if found is None:
            return Transient(f"{eid}: API error without a status" + (f": {detail}" if detail else ""), eid)
        return status_error(eid, int(found.group(1)), detail)
    if isinstance(exc, AttributeError) and "NoneType" in str(exc):
        return Transient(f"{eid}: connection failed (deep-translator logs it and goes on without a response)", eid)
    return None


@cache
def _microsoft_class() -> type[Any]:
    from deep_translator import MicrosoftTranslator

    class _Microsoft(MicrosoftTranslator):  # type: ignore[misc]
        def _get_supported_languages(self) -> dict[str, str]:
            # The original asks the internet, with no timeout, at construction.
            return {code.lower(): code for code in MICROSOFT.values()}

    return _Microsoft


def _microsoft(s: EngineSettings) -> DeepTranslatorEngine:
    key, region = s.key, s.options.get("region")

    def make(source: str, target: str) -> Any:
        return _at(_microsoft_class()(source=source, target=target, api_key=key, region=region, textType="html"), s.url)

    return DeepTranslatorEngine(MICROSOFT_SPEC, make, s, Hooks(errors=_microsoft_error))


REGION: Final = Setting("region", (str,), as_given, "the Azure region of the Translator resource")
MICROSOFT_SPEC: Final = EngineSpec(
    id="microsoft",
    build=_microsoft,
    settings=(TIMEOUT, MAX_CHARS, URL, KEY_ENV, REGION),
    max_chars=10_000,
    key_env="L10N_MICROSOFT_KEY",
    key_required=True,
    needs=NEEDS,
    codes=lambda role: MICROSOFT,
)
