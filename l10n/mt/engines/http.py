"""The HTTP client of the direct engines, and how HTTP failures become our errors.

Rules:

1. No third-party exception escapes. HTTP 429 is :class:`RateLimited`, with
   ``Retry-After`` read as seconds or as an HTTP date; 5xx, timeouts, refused and
   dropped connections are :class:`Transient`; other 4xx and a request that cannot be
   sent are :class:`Permanent`; a body that is not JSON is :class:`BadResponse`.
2. Messages are our own words plus the server's short error text (LibreTranslate's
   ``error``, DeepL's ``message``), on one line, at most 200 characters. A third-party
   exception's message is never quoted (requests puts the URL with its query, and so a
   key, in it); only its class name is.
3. A key is never put in a URL by our clients, and is scrubbed (``***``) from every
   server text an error quotes (and, by :func:`l10n.mt.engines.base.run_batch`, from every
   translation).
4. One ``requests.Session`` per client (connection reuse), a (connect, read) timeout on
   every request, no redirects followed. ``requests`` is imported when a client is made,
   not when this module is.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from l10n.core.errors import BadResponse, EngineError, Permanent, RateLimited, Transient
from l10n.mt.engines.base import redact

if TYPE_CHECKING:
    import requests

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


def scrub(text: str, secret: str | None) -> str:
    """A server's *text* fit to quote: without *secret*, on one line, at most 200 characters (rules 2, 3)."""
    text = " ".join(redact(text, secret).split())
    return text if len(text) <= 200 else text[:199] + "…"


def status_error(engine_id: str, status: int, detail: str = "", retry_after: str | None = None) -> EngineError:
    """Our error for an HTTP *status* other than 2xx (rule 1)."""
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
                return scrub(value, secret)
    return ""


class Http:
    """One session, a timeout on every request, and the error mapping of rule 1."""

    def __init__(self, engine_id: str, url: str, timeout: tuple[float, float], secret: str | None) -> None:
        import requests

        self.engine_id, self.url, self.timeout, self._secret = engine_id, url.rstrip("/"), timeout, secret
        self.session = requests.Session()

    def request(self, method: str, path: str, *, body: Any = None, headers: Mapping[str, str] | None = None) -> Any:
        """The JSON answer to *method* *path*, or our error (rule 1)."""
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
                raise status_error(eid, response.status_code, detail, response.headers.get("Retry-After"))
            try:
                return response.json()
            except ValueError:
                msg = f"{eid}: the answer to {method} {path} is not JSON"
                raise BadResponse(msg, eid) from None

    def close(self) -> None:
        """Close the session's connections."""
        self.session.close()
