"""A LibreTranslate-compatible server on 127.0.0.1 for the engine tests, with injected faults.

Rules:

1. :func:`start_server` binds 127.0.0.1 on a free port and serves from a background
   thread (HTTP/1.1, keep-alive); :meth:`Server.stop` ends every thread it started:
   waiting faults wake up, open connections are shut, handler threads are joined.
2. ``POST /translate`` reads fields from the query string, then a form or JSON body
   (the body wins); ``q`` is a string or a list. The "translation" of a text is
   ``"[target] " + text``, tags and placeholders untouched; list in, list out. A server
   started with ``translator=f`` answers ``f(text, source, target)`` instead (a scripted
   engine, for pages that show real-looking translations).
   ``GET /languages`` lists :data:`LANGUAGES`, each with every other as a target.
3. So that deep-translator's other clients run their real code here, the server also
   speaks their dialects: a JSON *list* body on ``/translate`` is Microsoft's,
   ``GET /m`` is Google's mobile page, ``GET /get`` is MyMemory's, and
   ``POST /v2/translate`` is DeepL's (only with ``deepl=True``; key in the
   ``Authorization: DeepL-Auth-Key`` header).
4. With ``api_key`` set, a request without a key gets 401 and one with another key 403
   (``/languages`` and the keyless Google and MyMemory dialects need none).
5. Faults are tried in the order of :data:`FAULTS`, before the key check; the first that
   fires decides the answer, and ``latency`` (``delay`` seconds) adds to any. Each is a
   :class:`Rule`: :func:`always` (or ``True``), the next *n* requests (:func:`times`, or
   an int), or a probability (:func:`chance`) drawn from the RNG seeded by ``seed``;
   ``latency=0.2`` is short for ``latency=True, delay=0.2``.
   :meth:`Server.set_faults` replaces all faults and their parameters at run time.
   ``paths`` (a tuple of path prefixes) limits the faults to requests on those paths.
6. ``hang`` answers nothing for ``hang_for`` seconds, then drops the connection; ``drip``
   sends the right answer one byte every ``drip_every`` seconds, status line first, so
   that no read timeout ever fires; ``leak_key`` answers with the server's API key in
   every translation, as a hostile or broken server might; ``reorder`` answers with the
   placeholders of each text in reverse order (their words stay where they were), as an
   engine that swaps two doses would.
7. :attr:`Server.requests` is a thread-safe log of every request, faulted ones included;
   :attr:`Server.answered` counts the answers sent in full.
"""

from __future__ import annotations

import contextlib
import html
import json
import random
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

FAULTS = ("drop", "hang", "drip", "rate_limit", "error", "bad_json", "leak_key", "reorder", "latency")
LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "zh", "zt")
_OPTIONS = {"delay": 0.05, "retry_after": "1", "status": 500, "hang_for": 30.0, "drip_every": 1.0, "paths": None, "seed": 0}
_PLACEHOLDER = re.compile(r'<x id="\d+"></x>')


@dataclass
class Rule:
    """When a fault fires: always, for the next ``times`` requests, or with probability ``p``."""

    always: bool = False
    times: int = 0
    p: float = 0.0

    def fires(self, rng: random.Random) -> bool:
        if self.always:
            return True
        if self.times > 0:
            self.times -= 1
            return True
        return self.p > 0 and rng.random() < self.p


def always() -> Rule:
    return Rule(always=True)


def times(n: int) -> Rule:
    return Rule(times=n)


def chance(p: float) -> Rule:
    return Rule(p=p)


@dataclass(frozen=True)
class Logged:
    """One request as the server saw it."""

    method: str
    path: str
    raw: str  # the request target, query string included
    fields: dict[str, Any]
    texts: int
    headers: dict[str, str]
    port: int  # the client's port: the same port means a reused connection
    fault: str | None


def _single(pairs: dict[str, list[str]]) -> dict[str, Any]:
    return {k: v[0] if len(v) == 1 else v for k, v in pairs.items()}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # head and body leave in one write: no delayed-ACK stall on keep-alive connections
    timeout = 10  # a silent client cannot hold a thread for ever
    _drip: float | None = None
    """Seconds between the bytes of the next answer (the ``drip`` fault)."""
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        owner = self.server.owner
        url = urlsplit(self.path)
        fields = _single(parse_qs(url.query))
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        payload: Any = None
        if body and "json" in self.headers.get("Content-Type", ""):
            try:
                payload = json.loads(body)
            except ValueError:
                return self._send(400, {"error": "Invalid JSON"})
            fields.update(payload if isinstance(payload, dict) else {})
        elif body:
            fields.update(_single(parse_qs(body.decode())))
        dialects = {"/translate": "libre", "/m": "google", "/get": "mymemory", "/v2/translate": "deepl"}
        kind = "microsoft" if isinstance(payload, list) else dialects.get(url.path, url.path.strip("/"))
        if kind == "microsoft":
            q: Any = [item.get("text", "") for item in payload if isinstance(item, dict)]
        else:
            q = fields.get("text" if kind == "deepl" else "q")
        fault, latency, options = owner._pick_fault(url.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        texts = len(q) if isinstance(q, list) else int(q is not None)
        owner._log(Logged(self.command, url.path, self.path, fields, texts, headers, self.client_address[1], fault))
        if latency and owner._stopping.wait(options["delay"]):
            return self._drop()
        if fault == "drop":
            return self._drop()
        if fault == "hang":
            owner._stopping.wait(options["hang_for"])
            return self._drop()
        if fault == "drip":
            self._drip = options["drip_every"]
        if fault == "rate_limit":
            return self._send(429, self._error(kind, 429, "Too many requests"), {"Retry-After": options["retry_after"]})
        if fault == "error":
            return self._send(options["status"], self._error(kind, options["status"], "Internal error"))
        if fault == "bad_json":
            return self._send(200, '{"translatedText": ["cut')
        if owner.api_key is not None and kind not in ("languages", "google", "mymemory"):  # no key there
            auth = self.headers.get("Authorization", "").removeprefix("DeepL-Auth-Key ")
            key = fields.get("api_key") or self.headers.get("Ocp-Apim-Subscription-Key") or auth or None
            if key != owner.api_key:
                status = 401 if key is None else 403
                return self._send(status, self._error(kind, status, "Invalid API key"))
        self._answer(kind, fields, q, fault)

    def _answer(self, kind: str, fields: dict[str, Any], q: Any, fault: str | None = None) -> None:
        scripted = self.server.owner.translator

        def tr(text: str, target: Any) -> str:
            if fault == "reorder":  # the words stay, the placeholders come back in reverse order
                found = _PLACEHOLDER.findall(text)
                swapped = iter(reversed(found))
                text = _PLACEHOLDER.sub(lambda _: next(swapped), text)
            if scripted is not None and text:
                text = scripted(text, str(fields.get("source", "")), str(target))
            elif text:
                text = f"[{target}] {text}"
            if fault == "leak_key" and text:
                text = f"{text} (key {self.server.owner.api_key})"
            return text

        if kind == "languages" and self.command == "GET":
            langs = [{"code": c, "name": c, "targets": [t for t in LANGUAGES if t != c]} for c in LANGUAGES]
            return self._send(200, langs)
        if kind == "microsoft":
            return self._send(200, [{"translations": [{"text": tr(t, fields.get("to")), "to": fields.get("to")}]} for t in q])
        if kind == "google" and isinstance(q, str):
            page = f'<html><body><div class="result-container">{html.escape(tr(q, fields.get("tl")))}</div>'
            return self._send(200, page + "</body></html>", content_type="text/html; charset=utf-8")
        if kind == "mymemory" and isinstance(q, str):
            target = str(fields.get("langpair", "|")).split("|")[-1]
            return self._send(200, {"responseData": {"translatedText": tr(q, target)}, "responseStatus": 200})
        if kind == "deepl" and isinstance(q, list) and self.server.owner.deepl:
            lang = fields.get("target_lang")
            return self._send(200, {"translations": [{"detected_source_language": "EN", "text": tr(t, lang)} for t in q]})
        if kind == "libre" and self.command == "POST" and isinstance(q, str | list):
            for name in ("source", "target"):
                if fields.get(name) not in LANGUAGES:
                    return self._send(400, {"error": f"{fields.get(name)} is not supported"})
            target = fields["target"]
            return self._send(200, {"translatedText": [tr(t, target) for t in q] if isinstance(q, list) else tr(q, target)})
        known = kind in ("libre", "google", "mymemory") or (kind == "deepl" and self.server.owner.deepl)
        self._send(400 if known else 404, {"error": "Invalid request" if known else "Not found"})

    @staticmethod
    def _error(kind: str, status: int, message: str) -> Any:
        if kind == "microsoft":
            return {"error": {"code": status * 1000, "message": message}}
        return {"message": message} if kind == "deepl" else {"error": message}

    def _send(
        self, status: int, data: Any, headers: dict[str, str] | None = None, content_type: str = "application/json"
    ) -> None:
        body = (data if isinstance(data, str) else json.dumps(data)).encode()
        fields = {"Content-Type": content_type, "Content-Length": str(len(body)), **(headers or {})}
        drip, self._drip = self._drip, None
        if drip is not None:
            reason = self.responses.get(status, ("",))[0]
            head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
            return self._send_slowly(f"HTTP/1.1 {status} {reason}\r\n{head}\r\n".encode() + body, drip)
        self.send_response(status)
        for name, value in fields.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.server.owner._count_answer()
        return None

    def _send_slowly(self, data: bytes, every: float) -> None:
        """*data* one byte every *every* seconds: each read gets something, so no read timeout fires."""
        for i in range(len(data)):
            if self.server.owner._stopping.wait(every):
                return self._drop()
            try:
                self.connection.sendall(data[i : i + 1])
            except OSError:
                return self._drop()
        self.server.owner._count_answer()
        return None

    def _drop(self) -> None:
        """Close the connection without a word."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # so that server_close() joins every handler thread
    owner: Server

    def process_request(self, request: Any, client_address: Any) -> None:
        self.owner._track(request, add=True)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.owner._track(request, add=False)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away before its answer


class Server:
    """A running server: :attr:`url`, :attr:`requests`, :meth:`set_faults`, :meth:`stop`."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        deepl: bool = False,
        translator: Callable[[str, str, str], str] | None = None,
        **faults: Any,
    ) -> None:
        self.api_key, self.deepl, self.translator = api_key, deepl, translator
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._entries: list[Logged] = []
        self._answers = 0
        self._open: set[Any] = set()
        self.set_faults(**faults)
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), name="libre-server", daemon=True)
        self._thread.start()

    def set_faults(self, **faults: Any) -> None:
        """Replace every fault and fault parameter (rule 5); no argument clears them."""
        unknown = set(faults) - set(FAULTS) - set(_OPTIONS)
        if unknown:
            raise TypeError(f"unknown faults: {sorted(unknown)}")
        if isinstance(faults.get("latency"), float):  # latency=0.2: always, 0.2 s
            faults = {**faults, "latency": True, "delay": faults.get("delay", faults["latency"])}
        rules = {
            name: v if isinstance(v, Rule) else Rule(always=v) if isinstance(v, bool) else Rule(times=v)
            for name, v in faults.items()
            if name in FAULTS
        }
        options = {name: faults.get(name, default) for name, default in _OPTIONS.items()}
        with self._lock:
            self._rules, self._options, self._rng = rules, options, random.Random(options["seed"])

    def _pick_fault(self, path: str) -> tuple[str | None, bool, dict[str, Any]]:
        with self._lock:
            paths = self._options["paths"]
            if paths is not None and not path.startswith(tuple(paths)):
                return None, False, dict(self._options)
            latency = "latency" in self._rules and self._rules["latency"].fires(self._rng)
            fault = next((f for f in FAULTS[:-1] if f in self._rules and self._rules[f].fires(self._rng)), None)
            return fault, latency, dict(self._options)

    def _log(self, entry: Logged) -> None:
        with self._lock:
            self._entries.append(entry)

    def _count_answer(self) -> None:
        with self._lock:
            self._answers += 1

    def _track(self, sock: Any, *, add: bool) -> None:
        with self._lock:
            (self._open.add if add else self._open.discard)(sock)

    @property
    def requests(self) -> list[Logged]:
        with self._lock:
            return list(self._entries)

    @property
    def answered(self) -> int:
        with self._lock:
            return self._answers

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._httpd.shutdown()
        with self._lock:
            still_open = list(self._open)
        for sock in still_open:  # wakes handlers waiting for a keep-alive request
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(**options: Any) -> Server:
    """Start a server; *options* are ``api_key``, ``deepl``, ``translator``, faults and fault parameters."""
    return Server(**options)


@pytest.fixture
def libre_server() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()
