"""Figures as files (PNG, SVG, PDF) rendered on the server by kaleido 1.x in the system Chromium.

    png = render(fig, "png", width=1200, height=600)

One headless Chromium (``PANTAU_CHROMIUM``, default ``/usr/bin/chromium``; never a downloaded
browser) is started on first use in a background thread with its own event loop and kept for
the life of the process; a forked worker starts its own. Kaleido's browser is not thread-safe,
so calls are serialised by a lock. Everything is local: plotly.js comes from the plotly package
and MathJax is off, so rendering works offline.
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import TimeoutError as FutureTimeout

FORMATS = ("png", "svg", "pdf")
TIMEOUT = 60.0


class RenderError(RuntimeError):
    """The browser could not render the figure (missing, crashed or timed out)."""


def browser_path() -> str:
    return os.environ.get("PANTAU_CHROMIUM") or os.environ.get("BROWSER_PATH") \
        or "/usr/bin/chromium"


class _Renderer:
    """A Kaleido browser living in its own thread and event loop."""

    def __init__(self):
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True,
                                       name="pantau-kaleido")
        self.thread.start()
        self.kaleido = self._run(self._open(), TIMEOUT)

    async def _open(self):
        import kaleido

        # kaleido takes ``path`` through to choreographer; MathJax off keeps it offline
        k = kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=browser_path())
        await k.open()
        return k

    def _run(self, coro, timeout: float):
        fut = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return fut.result(timeout)
        except FutureTimeout:
            fut.cancel()
            raise RenderError(f"rendering took longer than {timeout:.0f} s") from None

    def calc(self, fig, opts: dict) -> bytes:
        return self._run(self.kaleido.calc_fig(fig, opts=opts), TIMEOUT + 5)

    def close(self) -> None:
        try:
            self._run(self.kaleido.close(), 10)
        except Exception:  # a browser that is already gone is closed enough
            pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


_lock = threading.Lock()
_renderer: _Renderer | None = None


def render(fig, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """``fig`` (a plotly Figure or its dict) as ``fmt`` bytes of ``width`` x ``height`` px.

    Raises RenderError when the browser is missing or fails twice in a row.
    """
    global _renderer
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": scale}
    with _lock:
        last: Exception | None = None
        for _ in range(2):
            try:
                if _renderer is None or _renderer.pid != os.getpid():
                    _renderer = _Renderer()
                return _renderer.calc(fig, opts)
            except Exception as exc:  # a crashed or hung browser: start a fresh one, once
                last = exc
                if _renderer is not None and _renderer.pid == os.getpid():
                    _renderer.close()
                _renderer = None
        raise RenderError(f"chart rendering failed: {type(last).__name__}: {last}") from last


def shutdown() -> None:
    """Close the browser (tests, process exit)."""
    global _renderer
    with _lock:
        if _renderer is not None and _renderer.pid == os.getpid():
            _renderer.close()
        _renderer = None
