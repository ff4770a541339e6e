"""The read-only HTTP API of DESIGN.md section 7, on the web app's Flask server."""

from __future__ import annotations

from flask import Flask, jsonify
from pantau.dashboard.context import AppContext


def register_api(server: Flask, ctx: AppContext) -> None:
    """Add ``/healthz`` and every ``/api/v1`` endpoint to ``server``."""
    from pantau.data.queries import metric_names

    @server.get("/healthz")
    def healthz():
        try:
            metric_names(ctx.store)
        except Exception as exc:  # any store failure is "unhealthy", named for the operator
            return jsonify({"status": "error", "error": type(exc).__name__}), 503
        return jsonify({"status": "ok", "time": int(ctx.clock())})

    from pantau.dashboard.api import routes

    routes.register(server, ctx)
