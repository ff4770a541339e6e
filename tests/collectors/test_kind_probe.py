"""``http_probe``: up/down like an uptime monitor, latency, TLS certificate expiry."""

from __future__ import annotations

import ssl
import subprocess
import threading
import time
from datetime import datetime

import httpx
import pytest
from collector_helpers import run_rows, stored
from pantau.collectors.base import USER_AGENT


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    """A self-signed certificate for localhost valid for 30 days, made with openssl."""
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                    "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem"),
                    "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    end = subprocess.run(["openssl", "x509", "-enddate", "-noout", "-in", str(d / "cert.pem")],
                         check=True, capture_output=True, text=True).stdout
    not_after = datetime.strptime(end.strip().split("=", 1)[1], "%b %d %H:%M:%S %Y %Z")
    return d / "cert.pem", d / "key.pem", not_after


@pytest.fixture
def https_server(cert):
    from pytest_httpserver import HTTPServer

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert[0], cert[1])
    server = HTTPServer(host="localhost", port=0, ssl_context=ctx, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def _cfg(make_config, url, **options):
    return make_config([{"id": "portal", "kind": "http_probe", "every": "1m", "timeout": "1s",
                         "retries": 2, "options": {"url": url, **options}}])


def _by_metric(store):
    return {m: stored(store, m) for m in ("service_up", "service_latency_seconds",
                                          "tls_expiry_days")}


def test_up_with_expected_text(store, httpserver, make_config, run_once):
    httpserver.expect_request("/", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<title>Satu Data NTB</title>")
    res = run_once(_cfg(make_config, httpserver.url_for("/"), expect_text="Satu Data"),
                   store, "portal")
    assert (res.status, res.samples) == ("up", 2), res.error
    got = _by_metric(store)
    assert got["service_up"][0][0] == {"service": "portal"}
    assert got["service_up"][0][2] == 1.0
    assert 0 < got["service_latency_seconds"][0][2] < 1
    assert got["tls_expiry_days"] == []  # plain http


@pytest.mark.parametrize("status,body,options,needle", [
    (503, "Service Unavailable", {}, "HTTP 503, expected 200-399"),
    (200, "<title>Portal</title>", {"expect_text": "Satu Data"},
     "text 'Satu Data' not found in the answer (HTTP 200)"),
    (302, "", {"expect_status": [200, "204"]}, "HTTP 302, expected (200, '204')"),
])
def test_failed_checks_write_service_up_zero(store, httpserver, make_config, run_once, status,
                                             body, options, needle):
    httpserver.expect_request("/").respond_with_data(body, status=status)
    res = run_once(_cfg(make_config, httpserver.url_for("/"), **options), store, "portal")
    assert res.status == "pending" and res.error == needle
    got = _by_metric(store)
    assert [v for _, _, v in got["service_up"]] == [0.0]
    assert len(got["service_latency_seconds"]) == 1  # an answer came: its latency is real
    assert run_rows(store, "portal")[-1]["samples"] == 2


def test_timeout_is_a_failure_not_zero_latency(store, threaded_server, make_config, run_once):
    release = threading.Event()
    threaded_server.expect_request("/").respond_with_handler(
        lambda req: (release.wait(10), "late")[1])
    t0 = time.monotonic()
    try:
        res = run_once(_cfg(make_config, threaded_server.url_for("/")), store, "portal")
    finally:
        release.set()
    took = time.monotonic() - t0
    assert 0.9 < took < 2.5, took
    assert res.status == "pending"
    assert res.error == f"timed out after 1s waiting for {threaded_server.url_for('/')}"
    got = _by_metric(store)
    assert [v for _, _, v in got["service_up"]] == [0.0]
    assert got["service_latency_seconds"] == []


def test_connection_refused(store, make_config, run_once):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = run_once(_cfg(make_config, f"http://127.0.0.1:{port}/"), store, "portal")
    assert res.error.startswith(f"cannot connect to http://127.0.0.1:{port}/")
    assert [v for _, _, v in stored(store, "service_up")] == [0.0]


def test_tls_expiry_days_with_a_trusted_certificate(store, https_server, cert, make_config,
                                                    run_once, clock):
    https_server.expect_request("/").respond_with_data("ok")
    trusted = ssl.create_default_context(cafile=str(cert[0]))

    def factory(timeout, verify=True):
        return httpx.Client(timeout=timeout, verify=trusted if verify else False)

    clock.now = time.time()
    res = run_once(_cfg(make_config, https_server.url_for("/")), store, "portal",
                   http_factory=factory)
    assert res.status == "up", res.error
    days = stored(store, "tls_expiry_days")[0][2]
    expected = (cert[2].timestamp() - clock.now) / 86400
    assert abs(days - expected) < 0.01 and 29.9 < days <= 30.0


def test_untrusted_certificate_fails_unless_verify_tls_is_off(store, https_server, make_config,
                                                             run_once, clock):
    https_server.expect_request("/").respond_with_data("ok")
    clock.now = time.time()
    res = run_once(_cfg(make_config, https_server.url_for("/")), store, "portal")
    assert res.status == "pending" and "CERTIFICATE_VERIFY_FAILED" in res.error
    res = run_once(_cfg(make_config, https_server.url_for("/"), verify_tls=False), store,
                   "portal")
    assert res.status == "up", res.error
    assert 29.9 < stored(store, "tls_expiry_days")[-1][2] <= 30.0


def test_der_not_after_matches_openssl(cert):
    from pantau.collectors.fetch import der_not_after

    pem = cert[0].read_text()
    der = ssl.PEM_cert_to_DER_cert(pem)
    assert der_not_after(der) == cert[2].replace(tzinfo=__import__("datetime").UTC).timestamp()
    assert der_not_after(b"\x30\x03garbage") is None
