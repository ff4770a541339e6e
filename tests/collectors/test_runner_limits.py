"""Hard limits on every fetch: the timeout (hung and trickling endpoints), the body size (a
50 MB answer refused with memory flat, a gzip bomb too), and failures that disturb nothing."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc

import pytest
from collector_helpers import FIXTURES, run_rows, stored
from pantau.collectors.base import MAX_BODY_BYTES, CollectContext, CollectError
from pantau.collectors.fetch import fetch
from werkzeug import Response

MB = 1024 * 1024
VALUES = [{"metric": "lapor_complaints_received_count", "path": "data[].masuk",
           "labels": {"region": "data[].kode"}}]
GOOD = '{"data": [{"kode": "52.01", "masuk": 4}, {"kode": "52.71", "masuk": 9}]}'


def _cfg(make_config, server):
    return make_config([
        {"id": "bad", "kind": "http_json", "every": "15m", "timeout": "1s", "retries": 1,
         "options": {"url": server.url_for("/bad"), "values": VALUES}},
        {"id": "good", "kind": "http_json", "every": "15m", "timeout": "5s",
         "options": {"url": server.url_for("/good"), "values": VALUES}},
    ])


def _rss_kb(field: str) -> int:
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def test_hung_endpoint_abandoned_at_the_timeout(store, threaded_server, make_config, clock):
    from pantau.collectors.runner import Runner

    release = threading.Event()
    threaded_server.expect_request("/bad").respond_with_handler(
        lambda req: (release.wait(30), "late")[1])
    threaded_server.expect_request("/good").respond_with_data(GOOD)
    cfg = _cfg(make_config, threaded_server)
    runner = Runner.from_config(cfg, store, clock=clock)
    try:
        t0 = time.monotonic()
        res = runner.run(cfg.source("bad"))
        took = time.monotonic() - t0
        good = runner.run(cfg.source("good"))
    finally:
        release.set()
        runner.close()
    assert 0.9 < took < 2.0, took
    assert res.status == "pending"
    assert res.error == f"timed out after 1s waiting for {threaded_server.url_for('/bad')}"
    assert good.status == "up" and good.samples == 2


def test_trickling_endpoint_abandoned_at_the_timeout(threaded_server):
    def trickle(_req):
        def body():
            for _ in range(100):
                time.sleep(0.2)
                yield b" "
        return Response(body(), content_type="application/json")

    threaded_server.expect_request("/slow").respond_with_handler(trickle)
    ctx = CollectContext(source_id="slow", timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(CollectError, match=r"timed out after 1s reading http://127.0.0.1:\d+/slow \(\d+ bytes"):
        fetch(ctx, threaded_server.url_for("/slow"))
    ctx.close()
    assert time.monotonic() - t0 < 1.8


@pytest.fixture
def big_server():
    """``(base URL, read "sent N" lines)`` of fixtures/big_server.py in its own process."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, str(FIXTURES / "big_server.py")],
                            stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().split()[1])

    def sent() -> int:
        return int(proc.stdout.readline().split()[1])

    yield f"http://127.0.0.1:{port}", sent
    proc.kill()
    proc.wait()


def _measured(ctx, url):
    """Fetch ``url`` expecting refusal; return (error, python peak bytes, RSS peak delta kB)."""
    rss_before = _rss_kb("VmRSS")
    with open("/proc/self/clear_refs", "w") as fh:  # reset the peak (VmHWM) to the current RSS
        fh.write("5")
    tracemalloc.start()
    try:
        with pytest.raises(CollectError) as err:
            fetch(ctx, url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(err.value), peak, _rss_kb("VmHWM") - rss_before


def test_50mb_streamed_body_refused_with_memory_flat(big_server, capsys):
    base, sent = big_server
    ctx = CollectContext(source_id="big", timeout=20.0)
    fetch(ctx, base + "/small")  # imports, client and connection pool exist before measuring
    error, peak, rss_delta = _measured(ctx, base + "/stream")
    ctx.close()
    served = sent()
    assert error == (f"answer from {base}/stream is larger than the limit of 10 MB; "
                     f"refused after 10 MB")
    # Only a little more than the limit was ever read or held, not the 50 MB on offer.
    assert peak < MAX_BODY_BYTES + MB, peak
    assert rss_delta < 16 * 1024, rss_delta
    assert served < 20 * MB, served
    with capsys.disabled():
        print(f"\n50 MB body refused: python peak {peak / MB:.1f} MB, RSS peak "
              f"+{rss_delta / 1024:.1f} MB, server sent {served / MB:.1f} MB before the client "
              "hung up")


def test_declared_50mb_refused_before_reading(big_server):
    base, sent = big_server
    ctx = CollectContext(source_id="big", timeout=5.0)
    fetch(ctx, base + "/small")
    error, peak, _ = _measured(ctx, base + "/declared")
    ctx.close()
    assert error == f"answer of 50 MB from {base}/declared is larger than the limit of 10 MB; refused"
    assert peak < MB, peak
    assert sent() <= 1024


def test_gzip_bomb_is_limited_after_decompression(httpserver):
    bomb = gzip.compress(b"0" * (50 * MB), compresslevel=9)
    assert len(bomb) < MB
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/json")
    ctx = CollectContext(source_id="bomb", timeout=10.0)
    with pytest.raises(CollectError, match="larger than the limit of 10 MB"):
        fetch(ctx, httpserver.url_for("/bomb"))
    ctx.close()


@pytest.mark.parametrize("answer,needle", [
    ('{"data": [', "is not JSON"),
    ('{"data": {"masuk": 1}}', "values[0].path 'data[].masuk' matched nothing"),
    ("x" * (11 * MB), "is larger than the limit of 10 MB"),
])
def test_a_failing_source_disturbs_nothing(store, httpserver, make_config, run_once, clock,
                                           answer, needle):
    httpserver.expect_request("/good").respond_with_data(GOOD)
    httpserver.expect_request("/bad").respond_with_data(answer)
    cfg = _cfg(make_config, httpserver)
    assert run_once(cfg, store, "good").status == "up"
    before = stored(store, "lapor_complaints_received_count")
    res = run_once(cfg, store, "bad")
    assert res.status == "pending" and needle in res.error, res.error
    assert stored(store, "lapor_complaints_received_count") == before
    clock.advance(60)
    assert run_once(cfg, store, "good").status == "up"
    assert [r["status"] for r in run_rows(store)] == ["up", "pending", "up"]
    assert len(stored(store, "lapor_complaints_received_count")) == 4


def test_file_urls_obey_the_limit(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(12 * MB)
    ctx = CollectContext(source_id="f", timeout=5.0)
    with pytest.raises(CollectError, match="is 12 MB, larger than the limit of 10 MB"):
        fetch(ctx, big.as_uri())
