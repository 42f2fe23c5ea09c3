"""Calling an engine for a run: a shared rate limit, retries with backoff, and one deadline.

Rules:

1. Rate limits (honouring ``Retry-After``), server errors, timeouts, dropped
   connections and malformed answers (:class:`RateLimited`, :class:`Transient`,
   :class:`BadResponse`) are retried with exponential backoff and full jitter, up to
   ``max_attempts`` calls; :class:`Permanent` errors are not retried.
2. A :class:`RateLimiter` spaces the calls of every thread of a run.
3. A :class:`Deadline` bounds the whole run, whatever the number of calls and threads:
   no call starts after it (a rate-limit slot at or past it is refused), no backoff
   sleeps past it, and a running call is cut at it (it runs under
   :func:`~l10n.mt.engines.base.call_with_deadline`, so neither a server that never
   answers nor one that drips its answer under the read timeout can hold the run).
   Each of these is a :class:`Transient` error naming the deadline.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from l10n.core.errors import BadResponse, Permanent, RateLimited, Transient
from l10n.mt.engines.base import Engine, Overdue, call_with_deadline

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Deadline:
    """The end of a run, as a :func:`time.monotonic` time, and the seconds it was set for."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        """The deadline *seconds* from now."""
        return cls(time.monotonic() + seconds, seconds)


class RateLimiter:
    """At most *rate* calls a second across threads (rule 2)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self.lock = threading.Lock()
        self.next = time.monotonic()

    def wait(self, deadline: float = float("inf")) -> bool:
        """Wait for the next free slot; ``False`` at once when that slot is not before *deadline*."""
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next)
            if slot >= deadline:
                return False
            self.next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)
        return True


def call_with_retries(
    engine: Engine,
    pieces: Sequence[str],
    pair: tuple[str, str],
    limiter: RateLimiter,
    deadline: Deadline,
    max_attempts: int,
    count: Callable[[], None] = lambda: None,
) -> list[str]:
    """One batch of *pieces* through *engine* from ``pair[0]`` to ``pair[1]``, retried as the rules say."""

    def call() -> list[str]:
        out = engine.translate_batch(list(pieces), *pair)
        if len(out) != len(pieces):
            raise BadResponse(f"{engine.id} returned {len(out)} translations for {len(pieces)} texts")
        return out

    return retrying(call, limiter, deadline, max_attempts, count)


def retrying(
    call: Callable[[], _T],
    limiter: RateLimiter,
    deadline: Deadline,
    max_attempts: int,
    count: Callable[[], None] = lambda: None,
    sleep: Callable[[float], None] = time.sleep,
) -> _T:
    """*call* retried on rate limits, transient errors and bad answers, with backoff, under *deadline* (rule 3).

    *count* is called before each call is made.
    """
    attempt = 0
    while True:
        if not limiter.wait(deadline.at):
            tried = f" after {attempt} attempt(s)" if attempt else ", before it was sent"
            raise Transient(f"the run's deadline ({deadline.seconds:g} s) was reached{tried}") from None
        count()
        try:
            return call_with_deadline(call, deadline.at - time.monotonic(), "l10n-mt-request")
        except Overdue:
            msg = f"the run's deadline ({deadline.seconds:g} s) cut the request short (attempt {attempt + 1})"
            raise Transient(msg) from None
        except Permanent:
            raise
        except (RateLimited, Transient, BadResponse) as exc:
            attempt += 1
            if attempt >= max_attempts:
                raise
            backoff = random.uniform(0, min(30.0, 0.25 * 2**attempt))
            delay = exc.retry_after if isinstance(exc, RateLimited) and exc.retry_after is not None else backoff
            if time.monotonic() + delay >= deadline.at:
                raise Transient(f"the run's deadline was reached after {attempt} attempt(s): {exc}") from None
            sleep(delay)
