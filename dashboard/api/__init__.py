"""The read-only HTTP API (docs/architecture.md, "HTTP API") on the web app's Flask server."""

from __future__ import annotations

from flask import Flask, jsonify
from pantau.dashboard.context import AppContext


def register_api(server: Flask, ctx: AppContext) -> None:
    """Add ``/healthz`` and every ``/api/v1`` endpoint to ``server``."""
    from pantau.data import runstate
    from pantau.data.queries import metric_names
    from pantau.data.status import last_collection

    @server.get("/healthz")
    def healthz():
        """ok or error (503), plus what supervision knows: restarts of ``pantau run``'s
        processes, the last restart and when the last collection finished."""
        restarts, last_restart = runstate.restarts(runstate.read())
        try:
            metric_names(ctx.store)
            last = last_collection(ctx.store)
        except Exception as exc:  # any store failure is "unhealthy", named for the operator
            return jsonify({"status": "error", "error": type(exc).__name__,
                            "restarts": restarts, "last_restart": last_restart}), 503
        return jsonify({"status": "ok", "time": int(ctx.clock()), "restarts": restarts,
                        "last_restart": last_restart, "last_collection": last})

    from pantau.dashboard.api import routes

    routes.register(server, ctx)
