"""Serve the wall from a store in a process of its own, so a test can stop and restart it.

Usage: ``python tests/wall/wall_server.py STORE_URL PORT ['{"wall": {...}}']`` (config sections
as JSON, merged into ``wall_seed.wall_raw``). Prints ``ready`` once it listens; stops on
SIGTERM.
"""

from __future__ import annotations

import json
import signal
import sys

# Run as a script, Python puts this file's folder first on sys.path: wall_seed is found there;
# support (which wall_seed uses) through PYTHONPATH=tests, as test_wall_reconnect starts it.
from pantau.dashboard.app import create_app
from pantau.data.store import Store
from wall_seed import wall_config
from werkzeug.serving import make_server


def main() -> None:
    url, port = sys.argv[1], int(sys.argv[2])
    sections = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    store = Store(url)
    app = create_app(wall_config(**sections), store)
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        store.dispose()


if __name__ == "__main__":
    main()
