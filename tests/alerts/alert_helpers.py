"""Helpers of the alerts tests: a config with one local CSV source and a webhook channel,
``pantau worker`` as a subprocess of this worktree's code, the webhook bodies received."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from support.proc import env

METRICS = [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "last"}]


def write_csv(path: Path, values: dict[str, float]) -> None:
    """The CSV the source reads: ``kode,n`` per region (replaced whole, atomically)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text("kode,n\n" + "".join(f"{k},{v}\n" for k, v in values.items()),
                   encoding="utf-8")
    tmp.replace(path)


def write_config(folder: Path, store_url: str, rules: list, channels: list,
                 every: str = "5s", mute: list | None = None) -> Path:
    cfg = folder / "config.yaml"
    cfg.write_text(yaml.safe_dump({
        "site": {"name": "Uji", "timezone": "Asia/Makassar"},
        "store": {"url": store_url, "retention_days": 3650},
        "metrics": METRICS,
        "sources": [{"id": "lapor", "kind": "csv", "every": every, "timeout": "3s",
                     "options": {"path": str(folder / "lapor.csv"),
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "alerts": {"rules": rules, "channels": channels, "mute": mute or [],
                   "url": "http://pantau.example"},
    }, sort_keys=False), encoding="utf-8")
    return cfg

def worker(cfg: Path, **extra_env) -> subprocess.Popen:
    """``pantau worker -c cfg`` (stderr to a file beside the config)."""
    path = cfg.with_name(f"worker-{time.monotonic_ns()}.log")
    with open(path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "pantau", "worker", "-c", str(cfg)],
                                stdout=log, stderr=subprocess.STDOUT, env=env(**extra_env),
                                cwd=cfg.parent)
    proc.log_path = path
    return proc


def stop(procs) -> list[str]:
    """SIGTERM each worker, wait, return their logs; a worker that hangs is killed."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    logs = []
    for p in procs:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        logs.append(p.log_path.read_text(encoding="utf-8"))
    return logs


class Hook:
    """A webhook receiver on a pytest-httpserver: every POST's arrival time and JSON body;
    ``fail`` answers 503 while set (a channel that is down)."""

    def __init__(self, server, path: str = "/hook"):
        self.got: list[tuple[float, dict]] = []
        self.headers: list[str | None] = []
        self.refused = 0
        self.fail = False
        self.url = server.url_for(path)
        server.expect_request(path, method="POST").respond_with_handler(self._handle)

    def _handle(self, request):
        from werkzeug import Response

        if self.fail:
            self.refused += 1
            return Response("down", status=503)
        self.got.append((time.time(), json.loads(request.data)))
        self.headers.append(request.headers.get("X-Token"))
        return Response("ok")

    def states(self) -> list[tuple[str, str | None]]:
        return [(b["state"], b["labels"].get("region")) for _, b in self.got]


def wait_for(check, timeout: float, every: float = 0.2):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = check()
        if got:
            return got
        time.sleep(every)
    return None


T0 = 1_780_000_000


def world(store):
    """A config with two rules and a store where the evaluator fired, resolved, an operator
    acknowledged, annotated and silenced: the clock at ``T0 + 90``."""
    from pantau.data.alert_store import Note, acknowledge, add_note, add_silence
    from pantau.data.alerting import Evaluator
    from pantau.data.batch import Batch, Sample
    from pantau.data.store import RunRecord
    from support.config import config_from

    cfg = config_from({
        "site": {"timezone": "Asia/Makassar"},
        "metrics": [{"name": "lapor_count", "title": "Aduan LAPOR!", "agg": "last"}],
        "sources": [{"id": "lapor", "kind": "csv", "every": "5s", "timeout": "2s",
                     "options": {"path": "/x.csv",
                                 "values": [{"metric": "lapor_count", "column": "n",
                                             "labels": {"region": "kode"}}]}}],
        "alerts": {"rules": [
            {"id": "lonjakan", "metric": "lapor_count", "above": 10, "by": ["region"],
             "severity": "critical"},
            {"id": "naik", "metric": "lapor_count", "above": 20, "for": "1h",
             "by": ["region"]}]},
    })
    clock = [T0]
    ev = Evaluator(cfg, store, clock=lambda: clock[0])
    for i, values in enumerate([{"52.01": 50, "52.71": 30}, {"52.01": 40, "52.71": 5}]):
        clock[0] = T0 + 60 * i
        store.write(Batch(samples=[Sample("lapor_count", v, {"region": r}, int(clock[0]))
                                   for r, v in values.items()]), {"lapor_count"},
                    now=int(clock[0]))
        store.record_run(RunRecord("lapor", clock[0], clock[0] + 1, "up", 2))
        ev.after_run("lapor")
    ev.close()
    acknowledge(store, "lonjakan", '{"region":"52.01"}', "operator1", "Sedang dicek", T0 + 70)
    add_note(store, Note(T0 + 80, "Pemadaman listrik PLN di Sumbawa", "operator1",
                         metric="lapor_count", labels={"region": "52.04"}))
    add_silence(store, "naik", {}, T0, T0 + 3600, "uji", "operator1", T0)
    return cfg
