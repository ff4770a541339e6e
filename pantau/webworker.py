"""gunicorn's gthread worker, but a thread is given a connection only once its request
headers are all in: ``--worker-class pantau.webworker.BufferingThreadWorker``.

Why: gthread hands a new (or kept-alive) connection to a thread as soon as it is readable,
and the thread then blocks reading the rest of the headers. Fifty clients that open a
connection and send half a request line ("slowloris", or just a bad mobile link) hold every
thread, and /healthz and the wall stop answering. Here the worker's own event loop reads the
headers without blocking, into the connection's buffer, and gives the connection to a thread
only when the blank line that ends them has arrived. A client that has not sent its headers
within ``HEADER_TIMEOUT`` seconds is closed; headers over ``MAX_HEADER`` bytes go on to the
parser, which refuses them. A request body still arrives in a thread: Pantau takes no bodies
beyond Dash's small callbacks (1 MB at most, ``dashboard.errors``), and a reverse proxy in
front (README, "Production") buffers whole requests anyway. TLS connections are handed over
as gthread does (their bytes cannot be read before the handshake in the thread).
"""

from __future__ import annotations

import errno
import selectors
import time
from collections import deque
from functools import partial

from gunicorn import http
from gunicorn.workers.gthread import TConn, ThreadWorker

HEADER_TIMEOUT = 10.0
MAX_HEADER = 64 * 1024
END = b"\r\n\r\n"


class BufferingThreadWorker(ThreadWorker):
    """gthread whose threads only ever see connections with complete request headers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gated: deque = deque()

    def accept(self, listener):
        if self.cfg.is_ssl:
            return super().accept(listener)
        try:
            sock, addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, sock, addr, listener.getsockname())  # non-blocking
        self._gate(conn)

    def on_client_socket_readable(self, conn, client):
        # A kept-alive connection's next request passes the same gate.
        if self.cfg.is_ssl:
            return super().on_client_socket_readable(conn, client)
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._gate(conn)

    def _gate(self, conn) -> None:
        conn.head = bytearray()
        conn.head_deadline = time.monotonic() + HEADER_TIMEOUT
        conn.sock.setblocking(False)
        self.gated.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_head, conn))

    def _on_head(self, conn, _sock) -> None:
        try:
            data = conn.sock.recv(MAX_HEADER)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before a whole request
            self._drop(conn)
            return
        conn.head += data
        # The end of headers may straddle two reads: look a little before the new bytes.
        if END not in conn.head[-(len(data) + 3):] and len(conn.head) < MAX_HEADER:
            return
        self.poller.unregister(conn.sock)
        self.gated.remove(conn)
        conn.sock.setblocking(True)
        if conn.parser is None:
            conn.initialized = True
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(bytes(conn.head))
        conn.data_ready = True
        self.enqueue_req(conn)

    def _drop(self, conn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (OSError, KeyError, ValueError):
            pass
        self.gated.remove(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.gated and self.gated[0].head_deadline <= now:
            self._drop(self.gated[0])
