"""Issue 14's first must-show, the way an operator meets it: ``pantau worker`` collecting a
local CSV every 5 s, a threshold rule with ``for: 10s`` and a webhook to a local server.
Under the threshold: nothing; over it: exactly one ``firing`` per label set after the pending
period (not before); staying over: nothing more; back under: exactly one ``resolved`` with
``ends_at``. Then the same with two workers on one PostgreSQL store."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from alert_helpers import Hook, stop, wait_for, worker, write_config, write_csv
from support.proc import env

RULE = {"id": "lonjakan", "metric": "lapor_count", "above": 10, "for": "10s",
        "by": ["region"], "severity": "critical", "notify": ["hook"]}


def run_scenario(tmp_path, httpserver, store_url: str, workers: int):
    hook = Hook(httpserver)
    csv = tmp_path / "lapor.csv"
    write_csv(csv, {"52.01": 5, "52.71": 4})
    cfg = write_config(tmp_path, store_url, [RULE],
                       [{"id": "hook", "type": "webhook", "url": hook.url,
                         "headers": {"X-Token": {"$env": "HOOK_TOKEN"}}}])
    if store_url.startswith("postgresql"):
        subprocess.run([sys.executable, "-m", "pantau", "db", "upgrade", "-c", str(cfg)],
                       check=True, env=env(HOOK_TOKEN="rahasia"), capture_output=True,
                       timeout=120)
    procs = [worker(cfg, HOOK_TOKEN="rahasia") for _ in range(workers)]
    try:
        time.sleep(12)  # two runs or more under the threshold
        assert hook.got == []
        over_at = time.time()
        write_csv(csv, {"52.01": 12, "52.71": 4, "52.02": 30})
        assert wait_for(lambda: len(hook.got) >= 2, 40), hook.got
        time.sleep(16)  # over for three more runs: nothing more without repeat
        assert sorted(hook.states()) == [("firing", "52.01"), ("firing", "52.02")]
        for arrived, body in hook.got:
            assert arrived - over_at >= 10, "fired before the pending period"
            assert arrived - over_at < 10 + 5 + 5, "late by more than a run and a pass"
            assert body["rule"] == "lonjakan" and body["severity"] == "critical"
            assert "ends_at" not in body and body["threshold"] == 10
        assert hook.headers == ["rahasia"] * 2  # the header given by {$env: HOOK_TOKEN}
        by_region = {b["labels"]["region"]: b for _, b in hook.got}
        assert by_region["52.01"]["value"] == 12 and by_region["52.02"]["value"] == 30
        assert by_region["52.02"]["summary"].startswith(
            "KRITIS: Aduan LAPOR! di Kabupaten Lombok Tengah bernilai 30, di atas batas 10")
        assert by_region["52.01"]["url"] == "http://pantau.example/metric/lapor_count"
        write_csv(csv, {"52.01": 3, "52.71": 4, "52.02": 30})
        assert wait_for(lambda: len(hook.got) >= 3, 30), hook.got
        time.sleep(11)
        assert hook.states()[2:] == [("resolved", "52.01")]
        resolved = hook.got[2][1]
        assert resolved["ends_at"] > resolved["starts_at"] == by_region["52.01"]["starts_at"]
        assert resolved["summary"].startswith("PULIH: Aduan LAPOR! di Kabupaten Lombok Barat")
    finally:
        logs = stop(procs)
    assert all(p.returncode == 0 for p in procs), logs
    assert len(hook.got) == 3, logs
    return hook, logs


@pytest.mark.slow
def test_one_worker_fires_once_and_resolves_once(tmp_path, httpserver):
    hook, logs = run_scenario(tmp_path, httpserver, f"sqlite:///{tmp_path / 'pantau.db'}", 1)
    assert "alert lonjakan: firing sent to hook" in logs[0]


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_on_postgresql_still_send_one_of_each(tmp_path, httpserver, pg_url):
    hook, logs = run_scenario(tmp_path, httpserver, pg_url, 2)
    runs = [line for log in logs for line in log.splitlines() if " run lapor " in line]
    assert len(runs) >= 8  # the source ran all along (one worker at a time holds it)


@pytest.mark.slow
def test_a_down_source_with_three_rules_notifies_once(tmp_path, httpserver):
    """The CSV disappears: the source goes PENDING, then DOWN (retries 1). Three rules read
    its series (over, under, no data) and one watches every source: one notification, the
    source's, not four."""
    hook = Hook(httpserver)
    csv = tmp_path / "lapor.csv"
    write_csv(csv, {"52.01": 5})
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'pantau.db'}", [
        {"id": "atas", "metric": "lapor_count", "above": 10, "notify": ["hook"]},
        {"id": "bawah", "metric": "lapor_count", "below": 1, "notify": ["hook"]},
        {"id": "senyap", "no_data": "lapor_count", "notify": ["hook"]},
        {"id": "mati", "source_down": "any", "severity": "critical", "notify": ["hook"]},
    ], [{"id": "hook", "type": "webhook", "url": hook.url}])
    proc = worker(cfg, PANTAU_ALERT_SWEEP="2")
    try:
        time.sleep(7)
        csv.unlink()
        assert wait_for(lambda: hook.got, 40), "no notification"
        time.sleep(20)  # four more runs and ten sweeps: nothing more
    finally:
        logs = stop([proc])
    assert proc.returncode == 0, logs
    assert [(b["rule"], b["state"], b["labels"]) for _, b in hook.got] == [
        ("mati", "firing", {"source": "lapor"})], logs
    assert hook.got[0][1]["summary"].startswith("KRITIS: sumber data lapor tidak dapat diambil")
    assert "status=down" in logs[0]
