"""Logs: ``pantau --log-format json run`` writes one JSON object per line from every process
(supervisor, worker, gunicorn), with level, component and, for a collector run, its source
and status; a bad format is a usage error."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml
from ops_helpers import get_json, wait_for, write_config
from support.proc import pantau


def test_an_unknown_log_format_is_a_usage_error():
    proc = pantau("--log-format", "xml", "check-config", stdout=subprocess.PIPE,
                  stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "--log-format: invalid choice: 'xml'" in err


@pytest.mark.slow
def test_json_logs_of_pantau_run(tmp_path):
    cfg = write_config(tmp_path, every="5s", web={"access_log": True},
                       extra_rows="1990-01-01T00:00:00Z,c,3.5\n")
    base = f"http://127.0.0.1:{yaml.safe_load(cfg.read_text())['web']['port']}"
    proc = pantau("--log-format", "json", "run", "-c", str(cfg), stdout=subprocess.PIPE,
                  stderr=subprocess.STDOUT, text=True, cwd=tmp_path)
    try:
        assert wait_for(lambda: get_json(base + "/healthz")[1].get("last_collection"), 120)
        get_json(base + "/healthz")
        # A callback that does not exist: refused with 400 and one line of the web app's log.
        req = urllib.request.Request(
            base + "/_dash-update-component", method="POST",
            headers={"Content-Type": "application/json"},
            data=json.dumps({"output": "nope.children", "inputs": [],
                             "outputs": {"id": "nope", "property": "children"},
                             "changedPropIds": []}).encode())
        try:
            urllib.request.urlopen(req, timeout=10)
        except urllib.error.HTTPError as exc:
            assert exc.code == 400
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    lines = [line for line in out.splitlines() if line.strip()]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON line: {line!r}\n{out}")
    assert all({"time", "level", "component", "message"} <= set(r) for r in records), out
    runs = [r for r in records if r["component"] == "worker" and r.get("source") == "load"]
    assert runs and runs[0]["status"] == "up" and runs[0]["level"] == "INFO", out
    refused = [r for r in records if r.get("reason") == "samples-refused"]
    assert refused and refused[0]["source"] == "load" and refused[0]["level"] == "WARNING", out
    assert "timestamp is older than retention" in refused[0]["message"]
    assert any(r["component"] == "web.access" and "/healthz" in r["message"] for r in records)
    assert any(r["component"] == "worker" and r["message"].startswith("worker stopped")
               for r in records)
    refused = [r for r in records if r["component"] == "dashboard.errors"]
    assert refused and refused[0]["level"] == "WARNING", out
    assert refused[0]["message"].startswith("callback refused: KeyError"), out
