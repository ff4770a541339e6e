"""A real Prometheus scraping a running Pantau: the scrape example of docs/metrics.md works.

    .venv/bin/python bench/prometheus_scrape.py [--seconds 40]

Starts ``pantau run`` on a temporary config (one CSV source every 5 s, one row of it always
refused as too old) and Debian's ``prometheus`` (``apt-get install prometheus``) scraping its
``/metrics`` every 2 s, waits, then asks Prometheus' HTTP API what it holds: the target's
health, collector runs, samples written and refused, HTTP requests, restarts. Prints the
figures and exits 1 when Prometheus could not scrape. Without ``prometheus`` on PATH it says
so and exits 0 (skipped).
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ops"))

from ops_helpers import env, free_port, get_json, pantau, wait_for, write_config  # noqa: E402

QUERIES = [
    ("collector runs (up)", 'sum(pantau_collector_runs_total{status="up"})'),
    ("samples written", 'sum(pantau_collector_samples_total{outcome="written"})'),
    ("samples refused (too_old)", 'sum(pantau_store_samples_refused_total{reason="too_old"})'),
    ("run duration p95 (s)",
     "histogram_quantile(0.95, sum by (le) (rate(pantau_collector_run_duration_seconds_bucket[1m])))"),
    ("HTTP requests /healthz", 'sum(pantau_http_requests_total{route="/healthz"})'),
    ("HTTP requests /metrics", 'sum(pantau_http_requests_total{route="/metrics"})'),
    ("process restarts", "sum(pantau_process_restarts_total)"),
]


def prom_query(base: str, expr: str):
    url = f"{base}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=10) as r:
        result = json.loads(r.read())["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=40, help="how long Prometheus scrapes")
    args = ap.parse_args()
    binary = shutil.which("prometheus")
    if binary is None:
        print("skipped: no prometheus on PATH (Debian: apt-get install prometheus)")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="pantau-prom-"))
    cfg = write_config(folder, every="5s", extra_rows="1990-01-01T00:00:00Z,c,3.5\n")
    import yaml

    port = yaml.safe_load(cfg.read_text())["web"]["port"]
    prom_port = free_port()
    (folder / "prometheus.yml").write_text(
        "global: {scrape_interval: 2s, evaluation_interval: 2s}\n"
        "scrape_configs:\n  - job_name: pantau\n    static_configs:\n"
        f"      - targets: ['127.0.0.1:{port}']\n", encoding="utf-8")
    run = pantau("run", "-c", str(cfg), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                 cwd=folder, env=env())
    prom = None
    try:
        assert wait_for(lambda: get_json(f"http://127.0.0.1:{port}/healthz")[0] == 200, 120), \
            "pantau run did not answer"
        prom = subprocess.Popen(
            [binary, f"--config.file={folder / 'prometheus.yml'}",
             f"--storage.tsdb.path={folder / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{prom_port}"],
            stdout=subprocess.DEVNULL, stderr=(folder / "prometheus.log").open("w"))
        pbase = f"http://127.0.0.1:{prom_port}"
        for _ in range(int(args.seconds)):  # some /healthz traffic to count
            get_json(f"http://127.0.0.1:{port}/healthz")
            time.sleep(1)
        with urllib.request.urlopen(pbase + "/api/v1/targets", timeout=10) as r:
            targets = json.loads(r.read())["data"]["activeTargets"]
        health = [(t["scrapeUrl"], t["health"], t.get("lastError", "")) for t in targets]
        version = subprocess.run([binary, "--version"], capture_output=True, text=True)
        print(f"{(version.stdout or version.stderr).splitlines()[0]}; scraped for "
              f"{args.seconds:.0f} s every 2 s")
        for url, h, err in health:
            print(f"target {url}: {h} {err}")
        up = prom_query(pbase, 'up{job="pantau"}')
        print(f"up{{job=\"pantau\"}} = {up}")
        for title, expr in QUERIES:
            print(f"{title:28} {prom_query(pbase, expr)}")
        ok = up == 1.0 and all(h == "up" for _, h, _ in health)
        print("ok" if ok else "FAILED: Prometheus could not scrape Pantau")
        return 0 if ok else 1
    finally:
        for proc in (prom, run):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
