"""The WSGI entry of the web app for gunicorn: ``gunicorn pantau.wsgi:server``.

The config file comes from ``$PANTAU_CONFIG`` (set by ``pantau serve``/``run``/``demo``).
"""

from __future__ import annotations

import gc

from pantau.config import load_or_fail, open_store
from pantau.dashboard.app import create_app
from pantau.dashboard.metrics import register_metrics
from pantau.data.telemetry import instrument_cache, instrument_store
from pantau.logs import setup_logging

# The app's own log lines (store outages, refused callbacks) in the format of the rest.
setup_logging()
config = load_or_fail(None)
# Migrations run once in the parent process (run/demo/db upgrade), never in each worker.
store = open_store(config, upgrade=False)
instrument_store(store, queries=True)
app = create_app(config, store)
instrument_cache(app.ctx.cache)
server = app.server
register_metrics(server, config.web.metrics_token, config.wall.refresh)

# The app, its layouts, the catalogue and the imported libraries live as long as the worker.
# Frozen, they are left out of every later full collection, which otherwise walks all of them
# in the middle of some request (tens of ms under load; bench/api.py shows it in p95).
gc.freeze()
