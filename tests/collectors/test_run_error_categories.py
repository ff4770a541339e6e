"""Every way a real collector fails lands in a category (``data.run_errors``): what non-admins
see instead of the message, which carries upstream bodies and internal host names."""

from __future__ import annotations

import time

import pytest
from collector_helpers import FIXTURES, run_rows
from pantau.data.run_errors import ErrorCategory, error_category

VALUES = [{"metric": "lapor_complaints_received_count", "path": "data[].masuk",
           "labels": {"region": "data[].kode_wilayah"}}]
LAPOR = (FIXTURES / "lapor_statistik.json").read_bytes()


def _json_source(url, values=VALUES, timeout="5s"):
    return {"id": "s", "kind": "http_json", "every": "15m", "timeout": timeout, "retries": 2,
            "options": {"url": url, "values": values}}


def _recorded(make_config, store, run_once, source, **kw) -> str:
    res = run_once(make_config([source]), store, "s", **kw)
    error = run_rows(store, "s")[-1]["error"]
    assert res.error and error == res.error
    return error


@pytest.mark.parametrize("status", [500, 401, 404, 503])
def test_http_status(store, threaded_server, make_config, run_once, status):
    threaded_server.expect_request("/a").respond_with_data(
        "<html>db01.pemprov.local: ORA-12541</html>", status=status)
    error = _recorded(make_config, store, run_once, _json_source(threaded_server.url_for("/a")))
    assert "db01.pemprov.local" in error  # the message itself says too much
    assert error_category(error) == ErrorCategory("http", status)


@pytest.mark.parametrize("body, kind", [
    ("<html>Maintenance</html>", "unreadable"),
    ("{not json", "unreadable"),
    (LAPOR.replace(b'"masuk"', b'"masukk"'), "mismatch"),
])
def test_answers_that_do_not_fit(store, threaded_server, make_config, run_once, body, kind):
    threaded_server.expect_request("/a").respond_with_data(body,
                                                           content_type="application/json")
    error = _recorded(make_config, store, run_once, _json_source(threaded_server.url_for("/a")))
    assert error_category(error) == ErrorCategory(kind), error


def test_timeout(store, threaded_server, make_config, run_once):
    from werkzeug import Response

    threaded_server.expect_request("/slow").respond_with_handler(
        lambda _req: (time.sleep(3), Response("{}"))[1])
    source = _json_source(threaded_server.url_for("/slow"), timeout="1s")
    error = _recorded(make_config, store, run_once, source)
    assert error_category(error) == ErrorCategory("timeout"), error


def test_unreachable_and_too_large(store, threaded_server, make_config, run_once, tmp_path):
    refused = _recorded(make_config, store, run_once, _json_source("http://127.0.0.1:9/x"))
    assert error_category(refused) == ErrorCategory("unreachable"), refused
    missing = {"id": "s", "kind": "csv", "every": "1d", "options": {
        "url": f"file://{tmp_path}/nowhere.csv",
        "values": [{"metric": "ipm_score", "column": "ipm"}]}}
    error = _recorded(make_config, store, run_once, missing)
    assert error_category(error) == ErrorCategory("unreachable"), error
    threaded_server.expect_request("/big").respond_with_data(b"[" + b"1," * 40_000 + b"1]")
    big = _recorded(make_config, store, run_once, _json_source(threaded_server.url_for("/big")),
                    max_body=10_000)
    assert error_category(big) == ErrorCategory("too_large"), big


def test_feeds_and_text_files(store, threaded_server, make_config, run_once, tmp_path):
    threaded_server.expect_request("/feed").respond_with_data("<rss><channel><item>",
                                                              content_type="text/xml")
    feed = {"id": "s", "kind": "rss", "every": "15m", "options": {
        "url": threaded_server.url_for("/feed"), "outlet": "Uji"}}
    error = _recorded(make_config, store, run_once, feed)
    assert error_category(error) == ErrorCategory("unreadable"), error
    csv = tmp_path / "ipm.csv"
    csv.write_text("tahun,nilai\n2024,70\n", encoding="utf-8")
    wrong = {"id": "s", "kind": "csv", "every": "1d", "options": {
        "url": f"file://{csv}", "values": [{"metric": "ipm_score", "column": "ipm"}]}}
    error = _recorded(make_config, store, run_once, wrong)
    assert error_category(error) == ErrorCategory("mismatch"), error


@pytest.mark.parametrize("error, key", [
    ("store: OperationalError: connection refused", "store"),
    ("unknown kind 'ftp' (known: csv, http_json)", "config"),
    ("query failed on postgresql://10.1.2.3/x: relation \"y\" does not exist", "query"),
    ("query timed out after 30s on postgresql://10.1.2.3/x", "timeout"),
    ("ZeroDivisionError: division by zero", "other"),
    ("HTTP 503, expected 200-399", "http"),
])
def test_messages_of_the_runner_and_the_probe(error, key):
    assert error_category(error).key == key
    assert error_category(None) is None and error_category("  ") is None
