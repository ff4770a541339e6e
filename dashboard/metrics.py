"""``/metrics``: Pantau's own metrics in the Prometheus text format, and the HTTP request
metrics of the web app (route template, method, status, latency).

Served only to loopback clients (Prometheus on the same host; a request that came through a
proxy, with ``X-Forwarded-For``, is not loopback) or to a client sending
``Authorization: Bearer <web.metrics_token>``; everyone else gets 403. The values of every
process (worker, gunicorn workers) come from ``pantau.data.telemetry.registry()``; restarts of
``pantau run``'s processes from its state file.
"""

from __future__ import annotations

import hmac
import ipaddress
import time

from flask import Flask, Response, g, jsonify, request
from pantau.data import runstate, telemetry
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import CounterMetricFamily


class RestartsCollector:
    """``pantau_process_restarts_total{process}`` from the supervisor's state file."""

    def collect(self):
        fam = CounterMetricFamily("pantau_process_restarts",
                                  "Restarts of pantau run's processes after they died",
                                  labels=["process"])
        state = runstate.read()
        for name, child in sorted((state or {}).get("children", {}).items()):
            fam.add_metric([name], float(child.get("restarts") or 0))
        yield fam


def _loopback(addr: str | None) -> bool:
    try:
        return ipaddress.ip_address(addr or "").is_loopback
    except ValueError:
        return False


def allowed(token: str | None) -> bool:
    """Whether this request may read /metrics (loopback, or the bearer token)."""
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer ") and hmac.compare_digest(
            given[7:].strip().encode(), token.encode()):
        return True
    return _loopback(request.remote_addr) and "X-Forwarded-For" not in request.headers \
        and "Forwarded" not in request.headers


WALL_OUTPUT = "wall-hashes.data"
"""An output of the wall's refresh callback only: a request naming it is one screen's
refresh."""


def _wall_refresh() -> bool:
    body = request.get_json(silent=True, cache=True)
    return isinstance(body, dict) and WALL_OUTPUT in str(body.get("output", ""))


def register_metrics(server: Flask, token: str | None = None,
                     wall_refresh: float | None = None) -> None:
    """Add ``/metrics`` and the request metrics to ``server`` (``wall_refresh``: the wall's
    refresh interval in seconds, to tell screens connected from refreshes)."""
    restarts = RestartsCollector()
    if wall_refresh:
        telemetry.WALL_REFRESH_SECONDS.set(wall_refresh)

    @server.before_request
    def _start():
        g.pantau_t0 = time.perf_counter()

    @server.after_request
    def _count(response):
        t0 = g.pop("pantau_t0", None)
        if t0 is not None:
            rule = request.url_rule
            route = rule.rule if rule is not None else "(unmatched)"
            telemetry.HTTP.labels(route, request.method, str(response.status_code)).inc()
            telemetry.HTTP_SECONDS.labels(route, request.method).observe(
                time.perf_counter() - t0)
            if route == "/_dash-update-component" and _wall_refresh():
                telemetry.WALL_REFRESHES.inc()
        return response

    @server.get("/metrics")
    def metrics():
        if not allowed(token):
            return jsonify({"error": "/metrics is served to loopback clients or with "
                                     "web.metrics_token as a bearer token"}), 403
        body = generate_latest(telemetry.registry())
        body += generate_latest(_Single(restarts))
        return Response(body, content_type=CONTENT_TYPE_LATEST)


class _Single:
    """A registry-like object of one collector, for ``generate_latest``."""

    def __init__(self, collector):
        self.collector = collector

    def collect(self):
        return self.collector.collect()
