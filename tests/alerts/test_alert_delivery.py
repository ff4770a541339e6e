"""Delivery from the outbox through real local servers: Telegram's Bot API faked with
pytest-httpserver (a 429 with retry_after first), email through aiosmtpd with STARTTLS and a
login, a webhook that is down for a while; mute windows hold, silences drop and expire.
Clocks are in hand (the sender's waits are read against them)."""

from __future__ import annotations

import json

import pytest
from alert_helpers import Hook
from pantau.data.alert_models import Mute
from pantau.data.alert_mute import window_end
from pantau.data.alert_store import active_silences, add_silence, load_states, outbox
from pantau.data.alerting import Evaluator
from pantau.data.batch import Batch, Sample
from pantau.data.store import RunRecord
from support.config import config_from
from support.smtp import smtp_server as local_smtp

from pantau.sender import Sender

T0 = 1_780_000_000  # 2026-05-29 04:26:40 WITA


class Clock:
    def __init__(self, t):
        self.t = t

    def __call__(self):
        return self.t


def make_cfg(channels, mute=(), notify=None):
    return config_from({
        "site": {"timezone": "Asia/Makassar"},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "last"}],
        "sources": [{"id": "lapor", "kind": "csv", "every": "5s", "timeout": "2s",
                     "options": {"path": "/x.csv",
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "alerts": {"rules": [{"id": "lonjakan", "metric": "lapor_count", "above": 10,
                              "by": ["region"], "severity": "critical",
                              "notify": notify or [c["id"] for c in channels]}],
                   "channels": channels, "mute": list(mute)},
    }, env={"TG_TOKEN": "123:rahasia", "SMTP_PASSWORD": "sandi-rahasia"})


def collect(store, ev, clock, value):
    store.write(Batch(samples=[Sample("lapor_count", value, {"region": "52.01"},
                                      int(clock.t))]), {"lapor_count"}, now=int(clock.t))
    store.record_run(RunRecord("lapor", clock.t, clock.t + 0.1, "up", 1))
    ev.after_run("lapor")


def fire_and_resolve(store, cfg, clock):
    ev = Evaluator(cfg, store, clock=clock)
    collect(store, ev, clock, 50)
    clock.t += 5
    collect(store, ev, clock, 1)
    ev.close()


def test_telegram_waits_retry_after_and_delivers_once_in_indonesian(sqlite_store, httpserver):
    calls = []

    def bot(request):
        from werkzeug import Response

        calls.append(json.loads(request.data))
        if len(calls) == 1:
            return Response(json.dumps({"ok": False, "error_code": 429,
                                        "description": "Too Many Requests: retry after 7",
                                        "parameters": {"retry_after": 7}}),
                            status=429, content_type="application/json")
        return Response(json.dumps({"ok": True, "result": {"message_id": len(calls)}}),
                        content_type="application/json")

    httpserver.expect_request("/bot123:rahasia/sendMessage", method="POST") \
        .respond_with_handler(bot)
    cfg = make_cfg([{"id": "tg", "type": "telegram", "bot_token": {"$env": "TG_TOKEN"},
                     "chat_id": -1001234, "api_url": httpserver.url_for("/")}])
    clock = Clock(T0)
    ev = Evaluator(cfg, sqlite_store, clock=clock)
    collect(sqlite_store, ev, clock, 50)
    sender = Sender(cfg, sqlite_store, clock=clock)
    assert sender.send_due() == 0 and len(calls) == 1  # 429
    row = outbox(sqlite_store)[0]
    assert row["due_ts"] == T0 + 7 and row["status"] == "waiting"
    assert "rahasia" not in row["last_error"]
    clock.t = T0 + 6.5
    assert sender.send_due() == 0 and len(calls) == 1  # not before retry_after
    clock.t = T0 + 7
    assert sender.send_due() == 1 and len(calls) == 2
    clock.t = T0 + 60
    assert sender.send_due() == 0 and len(calls) == 2  # delivered once
    assert calls[1]["chat_id"] == "-1001234"
    text = calls[1]["text"]
    assert text.startswith("KRITIS: Aduan LAPOR! di Kabupaten Lombok Barat bernilai 50, "
                           "di atas batas 10 sejak 29-05-2026 04:26 WITA")
    assert "52.01" not in text
    sender.close()
    ev.close()


@pytest.fixture
def smtp_server(tmp_path):
    """The local SMTP server of ``support.smtp`` (STARTTLS, login pantau / sandi-rahasia)."""
    with local_smtp(tmp_path) as server:
        yield server


def test_email_over_starttls_with_login_delivered_once(sqlite_store, smtp_server):
    import email

    port, cert, handler = smtp_server
    cfg = make_cfg([{"id": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                     "starttls": True, "ca_file": str(cert), "username": "pantau",
                     "password": {"$env": "SMTP_PASSWORD"}, "sender": "pantau@ntb.example",
                     "to": ["piket@ntb.example", "kadis@ntb.example"]}])
    clock = Clock(T0)
    fire_and_resolve(sqlite_store, cfg, clock)
    sender = Sender(cfg, sqlite_store, clock=clock)
    assert sender.send_due() == 2
    assert sender.send_due() == 0
    assert len(handler.messages) == 2
    (auth, rcpt, raw), (_, _, raw2) = handler.messages
    assert auth and rcpt == ["piket@ntb.example", "kadis@ntb.example"]
    msg, msg2 = email.message_from_bytes(raw), email.message_from_bytes(raw2)
    assert msg["Subject"] == "[Pantau] KRITIS: lonjakan"
    assert msg2["Subject"] == "[Pantau] PULIH: lonjakan"
    body = msg.get_payload(decode=True).decode("utf-8")
    assert "Aduan LAPOR! di Kabupaten Lombok Barat bernilai 50, di atas batas 10" in body
    assert "PULIH: Aduan LAPOR! di Kabupaten Lombok Barat kembali normal" in \
        msg2.get_payload(decode=True).decode("utf-8")
    sender.close()


def test_email_with_a_wrong_password_waits_and_never_shows_it(sqlite_store, smtp_server):
    port, cert, handler = smtp_server
    cfg = make_cfg([{"id": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                     "ca_file": str(cert), "username": "pantau", "password": "salah-sandi",
                     "sender": "p@x.id", "to": ["a@x.id"], "timeout": "3s"}])
    clock = Clock(T0)
    ev = Evaluator(cfg, sqlite_store, clock=clock)
    collect(sqlite_store, ev, clock, 50)
    sender = Sender(cfg, sqlite_store, clock=clock)
    assert sender.send_due() == 0 and handler.messages == []
    row = outbox(sqlite_store)[0]
    assert row["status"] == "waiting" and row["tries"] == 1 and row["due_ts"] == T0 + 2
    assert row["last_error"].startswith("email mail: ")
    assert "salah-sandi" not in row["last_error"]
    sender.close()
    ev.close()


def test_a_webhook_that_is_down_delays_in_order_never_drops_or_doubles(store, httpserver):
    hook = Hook(httpserver)
    hook.fail = True
    cfg = make_cfg([{"id": "hook", "type": "webhook", "url": hook.url}])
    clock = Clock(T0)
    fire_and_resolve(store, cfg, clock)
    sender = Sender(cfg, store, clock=clock)
    waits = []
    for _ in range(5):  # backs off 2, 4, 8, 16, 32 s; only the first of the channel tried
        assert sender.send_due() == 0
        first = outbox(store)[0]
        waits.append(first["due_ts"] - clock.t)
        clock.t = first["due_ts"]
    assert waits == [2, 4, 8, 16, 32] and hook.refused == 5
    assert [r["tries"] for r in outbox(store)] == [5, 0]
    hook.fail = False
    assert sender.send_due() == 2
    clock.t += 600
    assert sender.send_due() == 0
    assert [b["state"] for _, b in hook.got] == ["firing", "resolved"]
    sender.close()


def test_a_mute_window_holds_notifications_while_the_alert_shows(store, httpserver):
    hook = Hook(httpserver)
    # T0 is 04:26:40 WITA on a Friday: muted from 04:00 to 06:00 local every Friday.
    cfg = make_cfg([{"id": "hook", "type": "webhook", "url": hook.url}],
                   mute=[{"days": ["fri"], "from": "04:00", "to": "06:00"}])
    clock = Clock(T0)
    ev = Evaluator(cfg, store, clock=clock)
    collect(store, ev, clock, 50)
    sender = Sender(cfg, store, clock=clock)
    assert sender.send_due() == 0 and hook.got == []
    assert load_states(store)[("lonjakan", '{"region":"52.01"}')].state == "firing"
    end = T0 + 3600 + 33 * 60 + 20  # 06:00 WITA
    row = outbox(store)[0]
    assert row["due_ts"] == end and row["last_error"] == "held by a mute window"
    assert row["tries"] == 0
    clock.t = end - 1
    assert sender.send_due() == 0
    clock.t = end
    assert sender.send_due() == 1 and hook.states() == [("firing", "52.01")]
    sender.close()
    ev.close()


def test_a_silence_drops_notifications_until_it_expires_by_itself(store, httpserver):
    hook = Hook(httpserver)
    cfg = make_cfg([{"id": "hook", "type": "webhook", "url": hook.url}])
    clock = Clock(T0)
    add_silence(store, "lonjakan", {"region": "52.01"}, T0, T0 + 60,
                "Pemadaman listrik PLN di Sumbawa", "operator1", T0)
    ev = Evaluator(cfg, store, clock=clock)
    sender = Sender(cfg, store, clock=clock)
    collect(store, ev, clock, 50)   # fires inside the silence
    clock.t += 5
    collect(store, ev, clock, 1)    # resolves inside it
    assert sender.send_due() == 0 and hook.got == []
    assert [(r["status"], r["last_error"]) for r in outbox(store)] == [
        ("silenced", "silenced by operator1: Pemadaman listrik PLN di Sumbawa")] * 2
    clock.t = T0 + 60
    assert active_silences(store, clock.t) == []  # over by itself: nobody lifted it
    collect(store, ev, clock, 70)
    assert sender.send_due() == 1 and hook.states() == [("firing", "52.01")]
    sender.close()
    ev.close()


def test_holidays_mute_until_the_end_of_cuti_bersama():
    # 24 December 2026 is cuti bersama, 25 December Christmas: muted until 26 December 00:00.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    wita = ZoneInfo("Asia/Makassar")
    at = datetime(2026, 12, 24, 9, 0, tzinfo=wita).timestamp()
    end = window_end(Mute(holidays=True), at, "Asia/Makassar")
    assert end == datetime(2026, 12, 26, tzinfo=wita).timestamp()
    assert window_end(Mute(holidays=True), at - 86400, "Asia/Makassar") is None
