"""Shared fixtures: a fresh store on SQLite and on PostgreSQL, a live app, a browser, and the
``realdata`` marker's rule (see ``support.realdata``).

PostgreSQL comes from ``PANTAU_TEST_PG_URL`` (default the local server of CI). Without
``PANTAU_REQUIRE_PG=1`` a missing server skips the PostgreSQL half; with it (CI) it fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from support.realdata import CURRENT, REALDATA, missing

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("PANTAU_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("PANTAU_REQUIRE_PG") == "1"


def pytest_runtest_setup(item):
    """A test marked ``realdata`` is skipped when ../shared/realdata is absent (a fresh clone),
    and fails then with ``PANTAU_REQUIRE_REALDATA=1``."""
    if item.get_closest_marker("realdata") and not REALDATA.is_dir():
        missing(REALDATA)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    CURRENT["item"] = item  # support.realdata.realdata_path checks the test's marker
    yield
    CURRENT["item"] = None


_REALDATA_IDS: set[str] = set()
_REALDATA_OUTCOMES: dict[str, str] = {}


def pytest_collection_modifyitems(items):
    _REALDATA_IDS.update(i.nodeid for i in items if i.get_closest_marker("realdata"))


def pytest_runtest_logreport(report):
    if report.nodeid in _REALDATA_IDS and (report.when == "call" or report.outcome != "passed"):
        _REALDATA_OUTCOMES[report.nodeid] = report.outcome


def pytest_terminal_summary(terminalreporter):
    """One line saying how many tests of real third-party data ran, and where from."""
    if not _REALDATA_OUTCOMES:
        return
    counts: dict[str, int] = {}
    for outcome in _REALDATA_OUTCOMES.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    told = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    where = REALDATA if REALDATA.is_dir() else f"{REALDATA} (absent)"
    terminalreporter.write_line(f"realdata tests: {told}; data from {where}")


def _pg_available() -> str | None:
    import sqlalchemy as sa

    try:
        eng = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        eng.dispose()
        return None
    except Exception as exc:  # any failure to reach the server
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture(scope="session")
def pg_base_url():
    """The PostgreSQL URL; skips (or fails in CI) when no server answers."""
    why = _pg_available()
    if why:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required (PANTAU_REQUIRE_PG=1) but unreachable: {why}")
        pytest.skip(f"no PostgreSQL: {why}")
    return PG_URL


def pg_schema_url(base: str):
    """A fresh schema on the PostgreSQL server; returns (url using it, drop function)."""
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    eng = sa.create_engine(base)
    with eng.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"

    def drop():
        with eng.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        eng.dispose()

    return url, drop


@pytest.fixture
def pg_url(pg_base_url):
    """The URL of a fresh, empty schema on the PostgreSQL server (dropped afterwards)."""
    url, drop = pg_schema_url(pg_base_url)
    yield url
    drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pantau.db'}"
        return
    base = request.getfixturevalue("pg_base_url")
    url, drop = pg_schema_url(base)
    yield url
    drop()


@pytest.fixture
def store(store_url):
    """A migrated, empty ``Store`` on each backend."""
    from pantau.data.store import Store

    s = Store(store_url, retention_days=730)
    s.upgrade()
    yield s
    s.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    from pantau.data.store import Store

    s = Store(f"sqlite:///{tmp_path / 'pantau.db'}", retention_days=730)
    s.upgrade()
    yield s
    s.dispose()


# -- web app and browser ----------------------------------------------------------------------
CHROMIUM = os.environ.get("PANTAU_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("PANTAU_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def live_app():
    """``start(config, store, clock=None) -> base URL``: the Dash app served on a free port of
    127.0.0.1 in a thread, stopped after the test."""
    import threading

    from pantau.dashboard.app import create_app
    from pantau.dashboard.security_headers import RequestHandler
    from werkzeug.serving import make_server

    servers = []

    def start(config, store, clock=None, **kw):
        import time as _time

        app = create_app(config, store, clock=clock or _time.time, **kw)
        srv = make_server("127.0.0.1", 0, app.server, threaded=True,
                          request_handler=RequestHandler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_port}"

    yield start
    for srv in servers:
        srv.shutdown()


def _wait_for_function_outside(self, expression: str, *, arg=None, timeout: float | None = None,
                               polling=None):
    """``Page.wait_for_function`` asking from outside the page. Playwright's own polls inside
    the page through ``new Function``, which the app's Content-Security-Policy (no
    'unsafe-eval', dashboard.security_headers) refuses; ``page.evaluate`` goes through the
    DevTools protocol and is not subject to it. Same arguments (``polling``: ms, default 100)."""
    import time

    from playwright.sync_api import Error, TimeoutError

    every = polling if isinstance(polling, int | float) else 100
    deadline = time.monotonic() + (30_000 if timeout is None else timeout) / 1000
    while True:
        try:
            if self.evaluate(expression, arg):
                return None
        except Error as exc:  # a navigation replaced the page under the question: ask again
            if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise TimeoutError(f"wait_for_function: {expression[:200]!r} not true within "
                               f"{timeout} ms")
        self.wait_for_timeout(every)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        if REQUIRE_BROWSER:
            pytest.fail(f"Chromium required (PANTAU_REQUIRE_BROWSER=1) but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import Page, sync_playwright

    Page.wait_for_function = _wait_for_function_outside
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1366x768 that fails the test on any JavaScript error or dialog."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    # Whatever the test looks at, the Content-Security-Policy (dashboard.security_headers)
    # must not have refused anything on the way.
    pg.csp_refused = []
    pg.on("console", lambda m: pg.csp_refused.append(m.text)
          if "Content Security Policy" in m.text else None)
    yield pg
    ctx.close()
    assert not pg.csp_refused, pg.csp_refused


@pytest.fixture
def persistent_chromium(browser):
    """``open(profile_dir, **context options) -> page``: Chromium on a persistent profile (what
    a kiosk keeps between starts: service workers, caches); close the page's ``context`` to
    stop that browser, open the same folder again to start it again. Pages fail the test on a
    JavaScript error as ``page`` does; browsers still open are closed after the test."""
    opened = []

    def open_(profile, **options):
        ctx = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            **options)
        opened.append(ctx)
        pg = ctx.pages[0] if ctx.pages else ctx.new_page()
        pg.errors = []
        pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
        return pg

    yield open_
    for ctx in opened:
        try:
            ctx.close()
        except Exception:  # already closed by the test
            pass


@pytest.fixture(scope="session")
def artifacts():
    """Folder for screenshots the test run saves (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
