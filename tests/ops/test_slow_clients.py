"""`pantau serve` (real gunicorn) survives slow and idle clients: 50 connections that never
finish their request headers, held for 30 s (reopened whenever the server drops one), while
/healthz keeps answering; kept-alive connections and request bodies still work."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
HALF_OPEN = 50
HOLD = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _half_open(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: pantau\r\nX-Never-Ends: ")
    s.setblocking(False)
    return s


def _dropped(s: socket.socket) -> bool:
    try:
        return s.recv(1024) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


@pytest.mark.slow
def test_half_open_connections_do_not_stop_healthz(tmp_path):
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"""
site: {{name: Uji, timezone: Asia/Makassar, region: "52"}}
store: {{url: "sqlite:///{tmp_path}/p.db"}}
web: {{access_log: false, workers: 2}}
metrics:
  - {{name: a_count, title: A, agg: sum}}
""")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pantau", "serve", "-c", str(cfg), "--port",
                             str(port)], cwd=ROOT, env={**os.environ},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    socks: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.3)
        socks = [_half_open(port) for _ in range(HALF_OPEN)]
        latencies, failures, reopened = [], 0, 0
        until = time.monotonic() + HOLD
        with httpx.Client(timeout=5) as client:  # kept alive between probes
            while time.monotonic() < until:
                for i, s in enumerate(socks):
                    if _dropped(s):  # the server closes a client slower than its timeout
                        s.close()
                        socks[i] = _half_open(port)
                        reopened += 1
                started = time.perf_counter()
                try:
                    ok = client.get(f"{base}/healthz").status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                failures += not ok
                time.sleep(0.5)
            page = client.post(f"{base}/_dash-update-component", json={
                "output": "page.children", "outputs": {"id": "page", "property": "children"},
                "inputs": [{"id": "url", "property": "pathname", "value": "/sources"}],
                "state": [{"id": "url", "property": "search", "value": ""}],
                "changedPropIds": ["url.pathname"]})
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"\n{HALF_OPEN} half-open connections for {HOLD} s ({reopened} reopened after "
              f"the server dropped them): /healthz {len(latencies)} probes, {failures} failed, "
              f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms")
        assert failures == 0
        assert p95 < 1.0
        assert page.status_code == 200 and "Sumber" in page.text
    finally:
        for s in socks:
            s.close()
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
