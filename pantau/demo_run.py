"""``pantau demo``: a living NTB command center from a fresh clone, with no network
(``--site sukoharjo``: Kabupaten Sukoharjo's, drilling to its kecamatan; ``pantau.demo.sites``).

What it does, in ``--dir`` (default ``var``):

1. starts the demo feeder (``pantau.demo.feeder``): local feeds, JSON, CSV, a SQLite database
   and simulated e-services in ``demo-sources/``, served on a free port of 127.0.0.1;
2. writes ``demo-config.yaml``: the demo config (``demo/config.yaml``) with the absolute
   paths, the feeder's address and the web port filled in;
3. opens ``demo.db`` (SQLite) and, the first time, loads 180 days of history for every metric
   plus the published IPM / SPBE figures; later runs only fill the gap since the last run;
4. runs the worker and the web app supervised (``pantau.processes.run``) and prints the URLs.

Bound to loopback (the default ``--host 127.0.0.1``) the demo has no ``auth:`` section:
everyone is admin, and the pages say "DEMO — tanpa login". With any other ``--host`` sign-in
is on, and the ``admin`` user gets a generated password, printed once.

``--reset`` deletes the demo's store and files first. Ctrl-C stops everything (exit 0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path

from pantau.demo import HISTORY_DAYS, render_config
from pantau.errors import EXIT_OK, UsageError

DB_NAME = "demo.db"
CONFIG_NAME = "demo-config.yaml"
SOURCES_NAME = "demo-sources"
STATE_NAME = "demo-state.json"
STATE_VERSION = 1


class DemoPaths:
    """Where the demo keeps its files under ``folder``."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder).resolve()
        self.db = self.folder / DB_NAME
        self.config = self.folder / CONFIG_NAME
        self.sources = self.folder / SOURCES_NAME
        self.state = self.folder / STATE_NAME

    def reset(self) -> None:
        """Forget the demo: its store, state, runtime config and source files."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            self.db.with_name(self.db.name + suffix).unlink(missing_ok=True)
        self.state.unlink(missing_ok=True)
        self.config.unlink(missing_ok=True)
        shutil.rmtree(self.sources, ignore_errors=True)


class DemoState:
    """What the demo remembers between runs (``demo-state.json``): the seed, when it last ran
    (``last_alive``, kept fresh by the feeder's heartbeat) and whether the history articles
    were all written."""

    def __init__(self, path: Path, seed: int, last_alive: int | None = None,
                 articles: bool = False):
        self.path, self.seed, self.last_alive, self.articles = path, seed, last_alive, articles
        self._lock = threading.Lock()

    @classmethod
    def read(cls, path: Path) -> DemoState | None:
        """The saved state, or None (no run yet, unreadable, or from another version)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("version") != STATE_VERSION \
                or not isinstance(raw.get("last_alive"), int) \
                or not isinstance(raw.get("seed"), int):
            return None
        return cls(path, raw["seed"], raw["last_alive"], bool(raw.get("articles")))

    def save(self, **changes) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self, k, v)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": STATE_VERSION, "seed": self.seed,
                                       "last_alive": self.last_alive,
                                       "articles": self.articles}), encoding="utf-8")
            tmp.replace(self.path)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _local_host(host: str) -> str:
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host


def load(paths: DemoPaths, cfg, seed: int, now: int) -> tuple[str, DemoState, int | None]:
    """Load the history (first run) or fill the gap since the last run.

    Returns a summary line, the state, and — when the history articles are still to be written
    (``backfill_articles``, run while the web app starts) — the start of their window."""
    from pantau.config import open_store
    from pantau.demo import ARTICLE_DAYS
    from pantau.demo.history import load_history

    state = DemoState.read(paths.state) if paths.db.exists() else None
    store = open_store(cfg)
    try:
        if state is None or state.seed != seed:
            state = DemoState(paths.state, seed)
            start = now - HISTORY_DAYS * 86400
            from pantau.progress import progress

            with progress("pantau demo: history", None, "points") as advance:
                r = load_history(store, cfg, start, now, seed=seed, articles=False,
                                 on_points=advance)
            what = f"{HISTORY_DAYS} days of demo history"
        else:
            start = max(state.last_alive, now - HISTORY_DAYS * 86400)
            r = load_history(store, cfg, start, now, seed=seed, published=False)
            what = f"the {_span(max(0, now - start))} since the last run"
        state.save(last_alive=now)
    finally:
        store.dispose()
    backfill = None if state.articles else now - ARTICLE_DAYS * 86400
    summary = f"{what}: {r.points:,} points in {r.series} series ({r.seconds:.1f} s)"
    return summary, state, backfill


def backfill_articles(cfg, state: DemoState, start: int, end: int, stop: threading.Event,
                      ready: threading.Event | None = None):
    """Write the history articles of [start, end) in small transactions (the worker writes
    between them), newest first, once ``ready`` is set (the web app is up: on a small machine
    its start-up should not share the CPU with this); mark them done in the state."""
    from pantau.config import open_store
    from pantau.demo.history import write_articles

    if ready is not None:  # ... or until stopped: the demo waits for this thread at exit
        deadline = time.monotonic() + 60
        while not ready.wait(0.5) and not stop.is_set() and time.monotonic() < deadline:
            pass
    if stop.is_set():
        return
    began = time.perf_counter()
    store = open_store(cfg, upgrade=False)
    try:
        n = write_articles(store, cfg, start, end, seed=state.seed, chunk=200, stop=stop)
    except Exception as exc:  # the demo goes on without the older articles
        print(f"pantau demo: history articles: {type(exc).__name__}: {exc}", flush=True)
        return
    finally:
        store.dispose()
    if not stop.is_set():
        state.save(articles=True)
        print(f"pantau demo: {n:,} history articles written "
              f"({time.perf_counter() - began:.1f} s)", flush=True)


def _span(seconds: int) -> str:
    if seconds >= 86400:
        return f"{seconds / 86400:.1f} days"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} hours"
    return f"{max(1, seconds // 60)} minutes"


def _announce_ready(url: str, began: float, stop: threading.Event,
                    ready: threading.Event) -> None:
    # Tell the visitor when the pages answer, not just when the processes were started.
    while not stop.is_set():
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    print(f"pantau demo: ready — {url}/healthz answered "
                          f"{time.perf_counter() - began:.1f} s after start", flush=True)
                    ready.set()
                    return
        except OSError:
            pass
        stop.wait(0.5)


DEMO_SECRET_ENV = "PANTAU_DEMO_SECRET"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (``127.0.0.1``, ``::1``,
    ``localhost``): only then does the demo let everyone in as admin."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sign_in_section() -> str:
    """The ``auth:`` section of a demo bound beyond loopback; its secret (new each run) goes
    to this process's environment, which the web workers inherit."""
    import os
    import secrets

    os.environ[DEMO_SECRET_ENV] = secrets.token_urlsafe(48)
    return (f"\n# pantau demo --host beyond loopback: sign-in is on "
            f"(README, \"Pengguna dan akses\")\nauth:\n  secret_key: {{$env: {DEMO_SECRET_ENV}}}\n")


def demo_admin(cfg) -> str:
    """Give the demo's ``admin`` user a new generated password (made if absent); return it."""
    import secrets

    from pantau.config import open_store
    from pantau.data import users
    from pantau.data.access import Role

    password = secrets.token_urlsafe(12)
    store = open_store(cfg, upgrade=False)
    try:
        if users.get(store, "admin") is None:
            users.add(store, "admin", password, Role.ADMIN)
        else:
            users.set_password(store, "admin", password)
            users.set_role(store, "admin", Role.ADMIN)
    finally:
        store.dispose()
    return password


def demo(args) -> int:
    """Run the demo (see the module docstring). ``args``: port, host, reset, dir, site
    (``ntb`` or ``sukoharjo``: ``pantau.demo.sites``; another site keeps its files in a
    sub-folder of ``dir``)."""
    from pantau.config import load_or_fail
    from pantau.demo.sites import use

    site = use(getattr(args, "site", None) or "ntb")
    from pantau.demo.feeder import Feeder
    from pantau.processes import run

    began = time.perf_counter()
    seed = int(getattr(args, "seed", None) or site.seed)
    paths = DemoPaths(Path(args.dir) / site.folder)
    host, port = args.host, int(args.port)
    if not _port_free(host, port):
        raise UsageError(f"port {port} on {host} is in use; choose another with --port")
    try:
        paths.folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--dir {args.dir}: {exc.strerror}") from None
    if args.reset:
        paths.reset()
        print(f"pantau demo: reset — removed the demo store and files in {paths.folder}")

    feeder = Feeder(paths.sources, seed=seed)
    feeder.prepare()
    feeds_port = feeder.serve()
    web = f"http://{_local_host(host)}:{port}"
    text = render_config({
        "STORE_URL": f"sqlite:///{paths.db}", "FEEDS": f"http://127.0.0.1:{feeds_port}",
        "SOURCES": str(paths.sources), "PANTAU": web},
        site.template.read_text(encoding="utf-8"))
    sign_in = not is_loopback(host)
    if sign_in:
        text += sign_in_section()
    paths.config.write_text(text, encoding="utf-8")
    cfg = load_or_fail(str(paths.config))
    now = int(time.time())
    print("pantau demo: loading …", flush=True)
    from pantau.demo.history import HistoryError

    try:
        summary, state, backfill = load(paths, cfg, seed, now)
    except HistoryError as exc:  # the demo config was edited beyond what the demo can fill
        feeder.close()
        raise UsageError(f"{site.template}: {exc}") from None
    print(f"pantau demo: loaded {summary}", flush=True)
    if sign_in:
        password = demo_admin(cfg)
        print(f"pantau demo: --host {host} reaches beyond this machine, so sign-in is on. "
              f"User admin, password (shown only now): {password}", flush=True)

    stop, ready = threading.Event(), threading.Event()
    workers: list[threading.Thread] = []

    def banner():
        threading.Thread(target=feeder.run, name="demo-feeder", daemon=True, kwargs={
            "stop": stop, "heartbeat": lambda ts: state.save(last_alive=ts)}).start()
        if backfill is not None:
            workers.append(threading.Thread(target=backfill_articles, name="demo-articles",
                                            daemon=True,
                                            args=(cfg, state, backfill, now, stop, ready)))
            workers[-1].start()
        made_up = "fictional except IPM and SPBE" if site.key == "ntb" else \
            "numbers made up, places real"
        lines = [f"Pantau demo — {cfg.site.name} (DEMO data: {made_up})",
                 f"  Wall:       {web}/wall", f"  Executive:  {web}/",
                 f"  Explorer:   {web}/explore", f"  Media:      {web}/media",
                 f"  Sources:    {web}/sources",
                 f"Store {paths.db} · config {paths.config} · Ctrl-C stops"]
        print("\n".join(lines), flush=True)
        threading.Thread(target=_announce_ready, args=(web, began, stop, ready),
                         daemon=True).start()

    run_args = argparse.Namespace(config=str(paths.config), host=host, port=port, workers=None)
    try:
        code = run(cfg, run_args, banner=banner)
    finally:
        stop.set()
        # A daemon thread still writing when the interpreter exits is ended inside whatever
        # C/C++ code it runs (numpy's, for the articles): "terminate called without an active
        # exception" and SIGABRT on a Ctrl-C in the first seconds. The backfill stops between
        # chunks once told; wait for it.
        for thread in workers:
            thread.join(timeout=30)
        feeder.close()
        state.save(last_alive=int(time.time()))
    print("pantau demo: stopped", file=sys.stderr, flush=True)
    return code if code is not None else EXIT_OK
