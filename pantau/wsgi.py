"""The WSGI entry of the web app for gunicorn: ``gunicorn pantau.wsgi:server``.

The config file comes from ``$PANTAU_CONFIG`` (set by ``pantau serve``/``run``/``demo``).
"""

from __future__ import annotations

from dashboard.app import create_app
from pantau.commands import load_or_fail, open_store

config = load_or_fail(None)
# Migrations run once in the parent process (run/demo/db upgrade), never in each worker.
store = open_store(config, upgrade=False)
app = create_app(config, store)
server = app.server
