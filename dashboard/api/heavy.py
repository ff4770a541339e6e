"""At most ``web.heavy_requests`` heavy answers (files: XLSX, CSV, charts, PDF) at once per
web process. One more is refused at once (429, ``Retry-After``) instead of queueing: queued
exports would hold the server's threads and CPU, and /healthz and the wall must keep answering.

Use::

    gate = HeavyGate(2)
    with gate.slot():                  # ApiError 429 when every slot is taken
        data = build_the_file()
    chunks = gate.stream(make_chunks)  # a streamed answer keeps its slot until it is sent
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from pantau.dashboard.api.params import ApiError

RETRY_AFTER = 5


class HeavyGate:
    """A non-blocking semaphore whose refusals are JSON 429 ``ApiError``s."""

    def __init__(self, limit: int):
        self.limit = limit
        self._sem = threading.BoundedSemaphore(limit)

    def acquire(self) -> None:
        if not self._sem.acquire(blocking=False):
            raise ApiError(f"{self.limit} exports or charts are being made by this server "
                           f"process already (web.heavy_requests); try again in {RETRY_AFTER} s",
                           None, status=429, headers={"Retry-After": str(RETRY_AFTER)})

    def release(self) -> None:
        self._sem.release()

    def slot(self):
        """A context manager holding one slot."""
        return _Slot(self)

    def stream(self, make: Callable[[], Iterator[bytes]]) -> _Held:
        """Take a slot (429 if none), call ``make`` and keep the slot until the chunks it
        returns are sent or closed."""
        self.acquire()
        try:
            chunks = make()
        except BaseException:
            self.release()
            raise
        return _Held(chunks, self.release)


class _Slot:
    def __init__(self, gate: HeavyGate):
        self.gate = gate

    def __enter__(self):
        self.gate.acquire()

    def __exit__(self, *exc):
        self.gate.release()


class _Held:
    """An iterator of chunks that releases its slot once, when exhausted or closed (the WSGI
    server closes it even when the client went away before the first chunk)."""

    def __init__(self, chunks: Iterator[bytes], release):
        self._chunks, self._release, self._done = iter(chunks), release, False

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._chunks)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if not self._done:
            self._done = True
            close = getattr(self._chunks, "close", None)
            if close:
                close()
            self._release()
