"""``http_json`` on a real-shaped LAPOR! answer, and every way such an answer goes wrong."""

from __future__ import annotations

import json

import pytest
from collector_helpers import FIXTURES, run_rows, stored

LAPOR = (FIXTURES / "lapor_statistik.json").read_bytes()
VALUES = [
    {"metric": "lapor_complaints_received_count", "path": "data[].masuk",
     "labels": {"region": "data[].kode_wilayah"}, "static_labels": {"source": "lapor"}},
    {"metric": "lapor_complaints_resolved_ratio", "path": "data[].rasio_selesai",
     "labels": {"region": "data[].kode_wilayah"}},
]


def _cfg(make_config, url, values=VALUES, **options):
    return make_config([{"id": "lapor", "kind": "http_json", "every": "15m", "timeout": "5s",
                         "retries": 2, "options": {"url": url, "values": values, **options}}])


def test_lapor_answer_gives_one_sample_per_region(store, httpserver, make_config, run_once,
                                                   clock):
    # The server calls it text/html: the bytes are JSON, so it is parsed as JSON.
    httpserver.expect_request("/api/statistik").respond_with_data(LAPOR, content_type="text/html")
    cfg = _cfg(make_config, httpserver.url_for("/api/statistik"))
    res = run_once(cfg, store, "lapor")
    assert (res.status, res.error) == ("up", None)
    # 10 regions received + 9 ratios; Kota Bima's ratio is null and refused with the reason.
    assert (res.samples, res.rejected) == (19, 1)
    got = stored(store, "lapor_complaints_received_count")
    assert len(got) == 10
    assert got[0] == ({"region": "52.01", "source": "lapor"}, int(clock.now), 41.0)
    ratios = {lab["region"]: v for lab, _, v in stored(store, "lapor_complaints_resolved_ratio")}
    assert ratios["52.71"] == 0.92 and "52.72" not in ratios and ratios["52.05"] == 1.0
    row = run_rows(store, "lapor")[-1]
    assert (row["status"], row["samples"], row["rejected"], row["error"]) == ("up", 19, 1, None)


def test_timestamps_headers_params_and_post_body(store, httpserver, make_config, run_once):
    doc = {"items": [{"t": "2026-06-01T08:00:00", "n": "12"}, {"t": 1780300800000, "n": 7}]}
    httpserver.expect_request(
        "/q", method="POST", headers={"Authorization": "Bearer abc"},
        query_string="periode=2026-06", json={"wilayah": "52"},
    ).respond_with_json(doc)
    values = [{"metric": "lapor_complaints_received_count", "path": "items[].n",
               "timestamp": "items[].t"}]
    cfg = _cfg(make_config, httpserver.url_for("/q"), values, method="POST",
               headers={"Authorization": "Bearer abc"}, params={"periode": "2026-06"},
               body={"wilayah": "52"})
    res = run_once(cfg, store, "lapor")
    assert res.status == "up", res.error
    got = stored(store, "lapor_complaints_received_count")
    # A naive time is read in the site's zone (WITA, +08:00); epoch milliseconds are detected.
    assert got == [({}, 1780272000, 12.0), ({}, 1780300800, 7.0)]


def test_a_scalar_path_gives_one_sample(store, httpserver, make_config, run_once):
    httpserver.expect_request("/s").respond_with_json({"total": {"masuk": 284}})
    cfg = _cfg(make_config, httpserver.url_for("/s"),
               [{"metric": "lapor_complaints_received_count", "path": "total.masuk",
                 "static_labels": {"region": "52"}}])
    assert run_once(cfg, store, "lapor").samples == 1
    assert stored(store, "lapor_complaints_received_count")[0][0] == {"region": "52"}


@pytest.mark.parametrize("body,content_type,needle", [
    (b'{"data": [{"masuk": 1,}]}', "application/json", "is not JSON (line 1, column"),
    (b"<!DOCTYPE html><html><body>Maintenance</body></html>", "application/json", "is HTML"),
    (b"", "application/json", "is not JSON"),
])
def test_malformed_answers_are_clear_run_errors(store, httpserver, make_config, run_once,
                                                 body, content_type, needle):
    httpserver.expect_request("/bad").respond_with_data(body, content_type=content_type)
    cfg = _cfg(make_config, httpserver.url_for("/bad"))
    res = run_once(cfg, store, "lapor")
    assert res.status == "pending" and needle in res.error
    assert run_rows(store, "lapor")[-1]["error"] == res.error
    assert stored(store, "lapor_complaints_received_count") == []


def test_wrong_jmespath_field_is_a_clear_error(store, httpserver, make_config, run_once):
    httpserver.expect_request("/a").respond_with_data(LAPOR)
    values = [{"metric": "lapor_complaints_received_count", "path": "data[].masukk",
               "labels": {"region": "data[].kode_wilayah"}}]
    res = run_once(_cfg(make_config, httpserver.url_for("/a"), values), store, "lapor")
    assert res.error == "values[0].path 'data[].masukk' matched nothing in the answer"
    assert res.samples == 0


def test_lists_of_different_lengths_are_refused(store, httpserver, make_config, run_once):
    httpserver.expect_request("/a").respond_with_json({"v": [1, 2, 3], "r": ["52.01", "52.02"]})
    values = [{"metric": "lapor_complaints_received_count", "path": "v",
               "labels": {"region": "r"}}]
    res = run_once(_cfg(make_config, httpserver.url_for("/a"), values), store, "lapor")
    assert res.error == "values[0].labels.region 'r' gave 2 items but path gave 3"


def test_http_error_status_is_a_run_error(store, httpserver, make_config, run_once):
    httpserver.expect_request("/a").respond_with_data("token tidak sah", status=401)
    res = run_once(_cfg(make_config, httpserver.url_for("/a")), store, "lapor")
    assert res.error.startswith("HTTP 401 from http://localhost:")
    assert "token tidak sah" in res.error


def test_split_projection():
    from pantau.collectors.http_json import split_projection

    assert split_projection("data[].masuk") == ("data[]", "masuk")
    assert split_projection("data[*].a.b") == ("data[*]", "a.b")
    assert split_projection("data[?kode=='52.01'].masuk") == ("data[?kode=='52.01']", "masuk")
    assert split_projection("data[0].masuk") is None
    assert split_projection("total.masuk") is None
    assert split_projection("a[].b[].c") == ("a[].b[]", "c")


def test_json_is_parsed_whatever_the_content_type():
    from pantau.collectors.http_json import parse_json

    assert parse_json(b'\xef\xbb\xbf{"a": 1}', "http://x/y") == {"a": 1}
    assert json.dumps(parse_json(LAPOR, "http://x"))  # round-trips
