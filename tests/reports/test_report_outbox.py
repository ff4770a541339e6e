"""A report in the alerts' outbox (``data.report_store``, ``pantau.sender``): a claim is
taken once per (report, scheduled time) on both stores; Telegram gets a PDF by
``sendDocument`` with the summary as caption, after waiting the ``retry_after`` of a 429, and
once only; a report is not held by a mute window."""

from __future__ import annotations

import json

from support.config import config_from

T0 = 1_796_000_000


class Clock:
    def __init__(self, t):
        self.t = t

    def __call__(self):
        return self.t


def test_claim_is_taken_once(store):
    from pantau.data.report_store import claim, runs

    assert claim(store, "weekly", T0, T0, "a") is not None
    assert claim(store, "weekly", T0, T0 + 1, "b") is None
    assert claim(store, "weekly", T0 + 60, T0 + 60, "b") is not None
    assert [(r["scheduled_ts"], r["claimed_by"]) for r in runs(store, "weekly")] == \
        [(T0, "a"), (T0 + 60, "b")]


def test_telegram_send_document_after_429_once(sqlite_store, httpserver):
    from pantau.data.alert_store import outbox
    from pantau.data.report_store import claim, queue
    from werkzeug import Response

    from pantau.sender import Sender

    calls = []

    def handle(request):
        calls.append((request.form.get("chat_id"), request.form.get("caption"),
                      request.files["document"].filename, request.files["document"].read()))
        if len(calls) == 1:
            return Response(json.dumps({"ok": False, "error_code": 429,
                                        "parameters": {"retry_after": 7}}), status=429)
        return Response('{"ok": true, "result": {}}', mimetype="application/json")

    httpserver.expect_request("/bot9:t/sendDocument", method="POST").respond_with_handler(handle)
    cfg = config_from({
        "metrics": [{"name": "m", "title": "M"}],
        "alerts": {"channels": [{"id": "tg", "type": "telegram", "bot_token": "9:t",
                                 "chat_id": "-1001", "api_url": httpserver.url_for("/")}],
                   "mute": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                             "from": "00:00", "to": "24:00"}]}})
    run = claim(sqlite_store, "weekly", T0, T0)
    assert queue(sqlite_store, run, "weekly", T0, ["tg"], "laporan.pdf", "application/pdf",
                 b"%PDF-1.7 isi", "Laporan Mingguan · Uji\nlaporan.pdf", T0) == 1
    clock = Clock(T0)
    sender = Sender(cfg, sqlite_store, clock=clock)
    assert sender.send_due() == 0 and len(calls) == 1
    clock.t = T0 + 5
    assert sender.send_due() == 0 and len(calls) == 1  # not before retry_after
    clock.t = T0 + 8
    assert sender.send_due() == 1 and len(calls) == 2
    assert sender.send_due() == 0 and len(calls) == 2
    assert calls[1] == ("-1001", "Laporan Mingguan · Uji\nlaporan.pdf", "laporan.pdf",
                        b"%PDF-1.7 isi")
    (row,) = outbox(sqlite_store)
    assert row["status"] == "sent" and row["key"] == f"report:weekly:{T0}:tg"
    sender.close()
