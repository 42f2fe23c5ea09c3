"""Mapping one function over many articles on worker processes.

:func:`imap` is the only entry point; ``extract`` and ``build`` use it the same way::

    from functools import partial
    from .parallel import imap

    task = partial(_one_article, config, locales)      # module-level function + picklable args
    for article, result in zip(stale, imap(task, stale, jobs), strict=True):
        ...                                            # in the parent: report, State.record

``imap(fn, items, jobs=None, chunksize=None)`` returns an iterator of ``fn(item)``;
``zip(..., strict=True)`` runs it to its end, which shuts the pool down at once (an
iterator dropped early shuts it down when it is closed or garbage-collected).
:func:`default_jobs` is the default ``jobs``; the CLI's ``-j/--jobs`` (and the
``L10N_JOBS`` environment variable) pass ``None`` or a number of at least 1.

Rules:

1. ``jobs`` is the number of worker processes; ``None`` means :func:`default_jobs` (the
   CPUs this process may run on). With ``jobs=1``, or when there is at most one item,
   everything runs in the calling process: no pool, no pickling, plain tracebacks.
2. Results come back **in input order**, each as soon as it and every result before it
   are ready, so the output of a run (files, report lines, errors) does not depend on
   ``jobs``. Items are sent in chunks of ``chunksize`` and at most ``jobs * AHEAD``
   chunks are in flight, so memory stays flat however many items there are: pass
   small items (article ids) and return small results (digests, not file contents).
   Without a ``chunksize``, a sized list of items is sent in chunks of up to
   :data:`CHUNK` (a book of many small files pays one hand-off per chunk, not per
   file), small enough that every worker still gets :data:`AHEAD` chunks.
3. The function and the items must be picklable: a module-level function, or a
   :func:`functools.partial` of one over picklable arguments (a ``Config`` is).
   Module-level caches (``functools.cache``) live once per worker.
4. An exception raised by the function ends the run where ``jobs=1`` would end it:
   the results of the items before it are yielded first, then it is raised in the
   caller, of the same type with the same attributes (an ``L10nError`` keeps its
   ``path`` and ``line``, so the CLI prints the same one line and exits 2). The
   worker's traceback is attached as ``__cause__``, for bugs. Items after it may
   already have been processed by other workers; their results are discarded.
5. Workers are forked when the caller runs no other thread (the fastest start on
   Linux: a worker begins with the caller's imports and caches, and nothing is held
   by a thread at fork time); otherwise they start from a fork server. Workers ignore
   ``SIGINT``: Ctrl-C interrupts the caller, which cancels what has not started and
   waits for the chunks being processed. A worker that dies (killed, out of memory)
   raises ``BrokenProcessPool`` instead of hanging; a caller that dies (``kill -9``)
   takes its workers with it within a fraction of a second (:func:`_exit_with_parent`).
6. When a pool is needed, the first item runs in the caller before it starts: forked
   workers begin with the imports and module-level caches that item filled (Markdown
   parser, merge, checks, number words, locale data, the glossary) instead of each
   filling its own, which cost every worker of a book of small files a tenth of a
   second of CPU. The rest are sent to the pool, unless they fit in one chunk: then
   they run in the caller too.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: a run with nothing to do never starts one
    import multiprocessing.context
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 4
"""Chunks in flight per worker: enough to keep every worker busy while the caller consumes."""
CHUNK = 8
"""The largest chunk :func:`imap` makes on its own (rule 2)."""


def default_jobs() -> int:
    """The number of CPUs this process may run on (its affinity mask, else ``os.cpu_count()``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def imap(fn: Callable[[T], R], items: Iterable[T], jobs: int | None = None, chunksize: int | None = None) -> Iterator[R]:
    """``fn(item)`` for every item, computed by *jobs* processes, yielded in input order."""
    jobs = default_jobs() if jobs is None else jobs
    if chunksize is None:
        chunksize = max(1, min(CHUNK, len(items) // (jobs * AHEAD * 2))) if isinstance(items, Sized) and jobs > 0 else 1
    if jobs < 1 or chunksize < 1:
        msg = f"jobs and chunksize must be at least 1, got {jobs} and {chunksize}"
        raise ValueError(msg)
    if isinstance(items, Sized):
        jobs = min(jobs, -(-(len(items) - 1) // chunksize))  # the first runs in the caller (rule 6)
    if jobs <= 1:
        return map(fn, items)
    return _pooled(fn, iter(items), jobs, chunksize)


def _pooled(fn: Callable[[T], R], items: Iterator[T], jobs: int, chunksize: int) -> Iterator[R]:
    from concurrent.futures import ProcessPoolExecutor

    for first in islice(items, 1):  # rule 6: the workers are forked warm
        yield fn(first)
    pending: deque[Future[tuple[list[R], BaseException | None, str]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_ignore_interrupts, initargs=(os.getpid(),))
    try:
        while True:
            while len(pending) < jobs * AHEAD and (chunk := list(islice(items, chunksize))):
                pending.append(pool.submit(_run_chunk, fn, chunk))
            if not pending:
                break
            results, error, trace = pending.popleft().result()
            yield from results
            if error is not None:
                error.__cause__ = _RemoteTraceback(trace)
                raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _ignore_interrupts(caller: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(caller)


def _exit_with_parent(caller: int) -> None:
    """End this worker when the *caller* dies.

    A caller killed with ``kill -9`` cannot shut its pool down, and an orphaned worker
    would wait on the task queue for ever: every worker holds a copy of the queue's
    write end, so the pipe never reports end-of-file. The worker's parent (the caller,
    or a fork server that ends with it) changing tells; so does the caller being gone,
    for a caller killed before this worker got here and was adopted.
    """
    parent = os.getppid()

    def alive() -> bool:
        try:
            os.kill(caller, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # a process of another user took the caller's number
            pass
        return os.getppid() == parent

    def watch() -> None:
        while alive():
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="l10n-parent-watch", daemon=True).start()


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> tuple[list[R], BaseException | None, str]:
    """In a worker: the results of *chunk* up to the first exception, that exception and its traceback."""
    results: list[R] = []
    for item in chunk:
        try:
            results.append(fn(item))
        except Exception as exc:
            trace = traceback.format_exc()
            return results, _portable(exc, trace), trace
    return results, None, ""


def _portable(exc: Exception, trace: str) -> Exception:
    """*exc* if it survives the trip to the caller; else an exception carrying its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # an exception whose class does not pickle must not break the pool
        return WorkerError(f"{type(exc).__name__}: {exc}\n{trace}")
    return exc


class WorkerError(RuntimeError):
    """An exception from a worker that could not be sent back as itself."""


class _RemoteTraceback(Exception):
    def __init__(self, trace: str) -> None:
        super().__init__(trace)
        self.trace = trace

    def __str__(self) -> str:
        return f'\n"""\n{self.trace}"""'
