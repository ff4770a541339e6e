"""Gunicorn settings module of ``pantau serve``/``run`` (``--config python:pantau.webconf``):
hooks only; the command line in ``pantau.processes.gunicorn_cmd`` holds the settings."""

from pantau.data.telemetry import process_dead


def child_exit(_server, worker):
    """A web worker ended: its live gauges (query-cache bytes) no longer count."""
    process_dead(worker.pid)
