"""A report with ``cron: "* * * * *"`` and two ``pantau worker`` processes on one PostgreSQL
store: each minute's report is delivered once (the claim of (report, scheduled minute) is
unique in the database), as the image card through Telegram's ``sendPhoto`` faked on a local
server; the other worker logs that it was claimed. A short real run of about three minutes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest
import yaml

pytestmark = [pytest.mark.slow, pytest.mark.postgres,
              pytest.mark.skipif(not shutil.which("chromium"), reason="needs Chromium")]


def config(folder, store_url: str, api_url: str):
    from report_world import LOGO

    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump({
        "site": {"name": "Uji", "timezone": "Asia/Makassar",
                 "letterhead": {"logo": str(LOGO), "lines": ["PEMERINTAH KOTA UJI"]}},
        "store": {"url": store_url},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "sum"}],
        "screens": [{"id": "layanan", "title": "Layanan",
                     "tiles": [{"metric": "lapor_count", "view": "kpi", "period": "1d"}]}],
        "alerts": {"channels": [{"id": "tg", "type": "telegram", "bot_token": "123:rahasia",
                                 "chat_id": "-100200", "api_url": api_url}]},
        "reports": [{"id": "menit", "page": "overview", "period": "today",
                     "cron": "* * * * *", "format": "png", "channels": ["tg"]}],
    }, sort_keys=False), encoding="utf-8")
    return path


def test_two_workers_deliver_each_minute_once(tmp_path, httpserver, pg_url):
    from alerts.alert_helpers import env, stop, worker
    from pantau.data.report_store import runs
    from pantau.data.store import Store
    from werkzeug import Response

    got = []

    def handle(request):
        f = request.files["photo"]
        got.append((time.time(), request.form["chat_id"], request.form["caption"],
                    f.filename, f.read()[:8]))
        return Response('{"ok": true, "result": {}}', mimetype="application/json")

    httpserver.expect_request("/bot123:rahasia/sendPhoto", method="POST") \
        .respond_with_handler(handle)
    cfg = config(tmp_path, pg_url, httpserver.url_for("/"))
    subprocess.run([sys.executable, "-m", "pantau", "db", "upgrade", "-c", str(cfg)],
                   check=True, env=env(), capture_output=True, timeout=120)
    # start just after a minute's turn, so three whole minutes fire in the run
    time.sleep((62 - time.time() % 60) % 60)
    began = time.time()
    procs = [worker(cfg) for _ in range(2)]
    try:
        time.sleep(200)
    finally:
        logs = stop(procs)
    ended = time.time()
    assert all(p.returncode == 0 for p in procs), logs
    minutes = int(ended // 60) - int(began // 60)  # minute turns inside the run
    store = Store(pg_url)
    try:
        claims = runs(store, "menit")
    finally:
        store.dispose()
    scheduled = [c["scheduled_ts"] for c in claims]
    assert len(scheduled) == len(set(scheduled)) and all(s % 60 == 0 for s in scheduled)
    assert minutes - 1 <= len(scheduled) <= minutes, (scheduled, minutes, logs)
    assert len(got) == len(scheduled), (got, logs)
    assert {g[1] for g in got} == {"-100200"} and all(g[4] == b"\x89PNG\r\n\x1a\n" for g in got)
    assert all(g[3].startswith("pantau-ringkasan-") and g[3].endswith("-WITA.png") for g in got)
    for c in claims:  # delivered within the minute it was scheduled for
        assert c["error"] is None and c["file_name"]
    both = "\n".join(logs)
    assert both.count("claimed by another worker") == len(scheduled), both[-4000:]
