"""``/metrics`` of a running ``pantau run``: Prometheus text that prometheus_client's own parser
reads, with the worker's collector counts (another process) and the web's request counts
moving as they should; served to loopback or with the bearer token only."""

from __future__ import annotations

import signal
import subprocess
import urllib.request

import pytest
import yaml
from ops_helpers import get_json, wait_for, write_config
from prometheus_client.parser import text_string_to_metric_families
from support.proc import pantau

pytestmark = pytest.mark.slow
TOKEN = "s3cret-token"


def scrape(base: str, headers: dict | None = None) -> dict:
    """``{(sample name, frozenset(labels)): value}`` of /metrics."""
    req = urllib.request.Request(base + "/metrics", headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/plain; version=")
        text = r.read().decode()
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def _status(base: str, headers: dict) -> int:
    req = urllib.request.Request(base + "/metrics", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_metrics_after_collections(tmp_path):
    # One row older than retention: refused on every run, with its reason counted.
    cfg = write_config(tmp_path, every="5s", web={"metrics_token": {"$env": "PANTAU_MT"}},
                       extra_rows="1990-01-01T00:00:00Z,c,3.5\n")
    base = f"http://127.0.0.1:{yaml.safe_load(cfg.read_text())['web']['port']}"
    from support.proc import env

    proc = pantau("run", "-c", str(cfg), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                  text=True, cwd=tmp_path, env=env(PANTAU_MT=TOKEN))
    try:
        assert wait_for(lambda: get_json(base + "/healthz")[1].get("last_collection"), 120)
        for _ in range(5):
            assert get_json(base + "/healthz")[0] == 200
        first = scrape(base)
        runs = value(first, "pantau_collector_runs_total", source="load", status="up")
        assert runs >= 1
        assert value(first, "pantau_collector_samples_total", source="load",
                     outcome="written") == 2 * runs
        assert value(first, "pantau_collector_samples_total", source="load",
                     outcome="refused") == runs
        assert value(first, "pantau_store_samples_refused_total", reason="too_old") == runs
        assert value(first, "pantau_collector_run_duration_seconds_count", source="load") \
            == runs
        assert value(first, "pantau_store_write_duration_seconds_count",
                     operation="record_run") >= runs
        hz = value(first, "pantau_http_requests_total", route="/healthz", method="GET",
                   status="200")
        assert hz >= 6
        assert value(first, "pantau_process_restarts_total", process="worker") == 0
        assert value(first, "pantau_process_restarts_total", process="web") == 0

        # Counters move: more runs, more requests (the previous scrape is counted too).
        assert wait_for(lambda: value(scrape(base), "pantau_collector_runs_total",
                                      source="load", status="up") >= runs + 2, 40)
        for _ in range(3):
            get_json(base + "/api/v1/metrics")
        later = scrape(base)
        runs2 = value(later, "pantau_collector_runs_total", source="load", status="up")
        assert value(later, "pantau_collector_samples_total", source="load",
                     outcome="written") == 2 * runs2
        assert value(later, "pantau_http_requests_total", route="/healthz", method="GET",
                     status="200") >= hz
        assert value(later, "pantau_http_requests_total", route="/metrics", method="GET",
                     status="200") >= 2
        assert value(later, "pantau_http_requests_total", route="/api/v1/metrics",
                     method="GET", status="200") == 3
        api_q = value(later, "pantau_store_query_duration_seconds_count")
        hits = value(later, "pantau_query_cache_requests_total", result="hit")
        misses = value(later, "pantau_query_cache_requests_total", result="miss")
        assert misses >= 1 and hits + misses >= 3 and api_q >= 1
        assert value(later, "pantau_query_cache_bytes") > 0
        assert not any(name == "pantau_http_requests_total" and ("route", "/nope/x") in labels
                       for name, labels in later)

        # Off the public path: a request through a proxy needs the token.
        proxied = {"X-Forwarded-For": "203.0.113.9"}
        assert _status(base, proxied) == 403
        assert _status(base, {**proxied, "Authorization": "Bearer wrong"}) == 403
        assert _status(base, {**proxied, "Authorization": f"Bearer {TOKEN}"}) == 200
        print(f"\n/metrics after {runs2:.0f} runs: {len(later)} samples; cache hits "
              f"{hits:.0f}, misses {misses:.0f}; {api_q:.0f} timed store reads")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out


def test_docs_and_dashboard_name_only_metrics_that_exist():
    import json
    import re
    from pathlib import Path

    from pantau.data import telemetry

    root = Path(__file__).resolve().parents[2]
    known = {m._name for m in vars(telemetry).values() if hasattr(m, "_name")
             and getattr(m, "_name", "").startswith("pantau_")} | {"pantau_process_restarts"}
    dash = json.loads((root / "docs" / "grafana-pantau.json").read_text())
    exprs = " ".join(t["expr"] for p in dash["panels"] for t in p["targets"])
    named = set(re.findall(r"pantau_[a-z_]+", exprs + (root / "docs" / "metrics.md").read_text()))
    unknown = set()
    for name in named:
        base = name
        for suf in ("_bucket", "_count", "_sum", "_total"):
            base = base.removesuffix(suf)
        if base not in known and name not in known:
            unknown.add(name)
    assert named and not unknown, unknown
