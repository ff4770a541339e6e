"""Scheduled reports delivered as alerts are (issue 20): ``pantau report send weekly`` (a
subprocess, as an operator types it) makes the PDF once and delivers it to a local webhook
(multipart, the file and the JSON payload) and as an email attachment through a local SMTP
server (STARTTLS, login); ``pantau report render`` writes the file; a report without
channels or an unknown id is a usage error naming it."""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_world import LINES, pdf_text, write_config
from support.smtp import smtp_server

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                                reason="needs Chromium and poppler-utils (.ci/run installs them)")
ROOT = Path(__file__).resolve().parents[2]


class FileHook:
    """A webhook on pytest-httpserver keeping each POST's form fields and files."""

    def __init__(self, server, path="/laporan"):
        self.got = []
        self.url = server.url_for(path)
        server.expect_request(path, method="POST").respond_with_handler(self._handle)

    def _handle(self, request):
        from werkzeug import Response

        f = request.files["file"]
        self.got.append({"payload": json.loads(request.form["payload"]),
                         "name": f.filename, "mime": f.mimetype, "data": f.read(),
                         "token": request.headers.get("X-Token")})
        return Response("ok")


def pantau(*args, **env):
    e = dict(os.environ, PYTHONPATH=str(ROOT), HOOK_TOKEN="rahasia",
             SMTP_PASSWORD="sandi-rahasia", **env)
    return subprocess.run([sys.executable, "-m", "pantau", *args], capture_output=True,
                          text=True, env=e, timeout=300, cwd=ROOT)


def test_send_weekly_delivers_one_pdf_to_the_webhook_and_one_email(rep_world, tmp_path,
                                                                    httpserver):
    _, store, _ = rep_world
    hook = FileHook(httpserver)
    with smtp_server(tmp_path) as (port, cert, mail):
        cfg = write_config(tmp_path, str(store.writer.url.render_as_string(False)), {
            "alerts": {"channels": [
                {"id": "hook", "type": "webhook", "url": hook.url,
                 "headers": {"X-Token": {"$env": "HOOK_TOKEN"}}},
                {"id": "mail", "type": "email", "host": "127.0.0.1", "port": port,
                 "starttls": True, "ca_file": str(cert), "username": "pantau",
                 "password": {"$env": "SMTP_PASSWORD"}, "sender": "pantau@ntb.example",
                 "to": ["kadis@ntb.example"]}]},
            "reports": [{"id": "weekly", "title": "Laporan Mingguan", "page": "overview",
                         "period": "7d", "cron": "0 7 * * mon", "channels": ["hook", "mail"]},
                        {"id": "quiet", "page": "overview"}]})
        res = pantau("report", "send", "weekly", "-c", str(cfg))
        assert res.returncode == 0, res.stderr[-3000:]
        assert "hook: sent" in res.stdout and "mail: sent" in res.stdout
        assert len(hook.got) == 1 and len(mail.messages) == 1
    got = hook.got[0]
    assert got["token"] == "rahasia" and got["mime"] == "application/pdf"
    assert got["name"].startswith("pantau-ringkasan-") and got["name"].endswith("-WITA.pdf")
    assert got["payload"]["report"] == "weekly" and got["payload"]["file_name"] == got["name"]
    assert got["payload"]["summary"].startswith("Laporan Mingguan · Command Center NTB")
    text = pdf_text(got["data"], tmp_path)
    assert LINES[0] in text and "Ringkasan Eksekutif" in text and "Kota Mataram" in text
    authenticated, rcpt, raw = mail.messages[0]
    assert authenticated and rcpt == ["kadis@ntb.example"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert str(msg["Subject"]) == "[Pantau] Laporan Mingguan · Command Center NTB"
    (att,) = [p for p in msg.walk() if p.get_filename()]
    assert att.get_filename() == got["name"] and att.get_content_type() == "application/pdf"
    assert att.get_payload(decode=True) == got["data"]

    out = tmp_path / "weekly.pdf"
    res = pantau("report", "render", "weekly", "-o", str(out), "-c", str(cfg))
    assert res.returncode == 0, res.stderr[-2000:]
    assert out.read_bytes()[:4] == b"%PDF" and LINES[0] in pdf_text(out.read_bytes(), tmp_path)
    res = pantau("report", "send", "quiet", "-c", str(cfg))
    assert res.returncode == 2 and "'quiet' has no channels" in res.stderr
    res = pantau("report", "send", "nope", "-c", str(cfg))
    assert res.returncode == 2 and "no report 'nope'" in res.stderr and "weekly" in res.stderr
