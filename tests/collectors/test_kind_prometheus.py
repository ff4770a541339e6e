"""``prometheus``: node_exporter's text exposition, include/rename, labels, bad input."""

from __future__ import annotations

import math

import pytest
from collector_helpers import FIXTURES, stored
from pantau.collectors.prometheus import parse_exposition

EXPOSITION = (FIXTURES / "node_exporter.txt").read_text(encoding="utf-8")


def _cfg(make_config, url, **options):
    return make_config([{"id": "pusat_data", "kind": "prometheus", "every": "1m",
                         "timeout": "10s", "options": {"url": url, **options}}])


def test_include_and_rename_like_config_yaml(store, httpserver, make_config, run_once, clock):
    httpserver.expect_request("/metrics").respond_with_data(EXPOSITION,
                                                           content_type="application/json")
    cfg = _cfg(make_config, httpserver.url_for("/metrics"), include="^node_load1$",
               rename={"node_load1": "server_load"})
    res = run_once(cfg, store, "pusat_data")
    assert (res.status, res.samples, res.rejected) == ("up", 1, 0), res.error
    assert stored(store, "server_load") == [({}, int(clock.now), 0.73)]


def test_names_outside_the_catalogue_are_refused_and_counted(store, httpserver, make_config,
                                                             run_once, caplog):
    httpserver.expect_request("/metrics").respond_with_data(EXPOSITION)
    cfg = _cfg(make_config, httpserver.url_for("/metrics"), rename={"node_load5": "server_load"})
    res = run_once(cfg, store, "pusat_data")
    # 13 sample lines: node_load5 is renamed into the catalogue; the 12 others are refused.
    assert (res.status, res.samples, res.rejected) == ("up", 1, 12)
    assert "metric 'node_cpu_seconds_total' is not in the catalogue (4)" in caplog.text
    assert stored(store, "node_load1") == []


def test_parse_labels_escapes_timestamps_and_specials():
    rows = parse_exposition(EXPOSITION)
    assert len(rows) == 13
    by = {(n, tuple(sorted(lab.items()))): (v, ts) for n, lab, v, ts in rows}
    assert by[("node_filesystem_avail_bytes", (("device", "/dev/sda1"), ("fstype", "ext4"),
                                               ("mountpoint", "/")))] == (4.1279803392e10, None)
    assert by[("node_network_receive_errs_total", (("device", "eth0"),))] == (0.0, 1780300800)
    uname = [lab for n, lab, _, _ in rows if n == "node_uname_info"][0]
    assert uname["version"] == "#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)"
    assert math.isnan([v for n, _, v, _ in rows if n == "process_max_fds"][0])
    escaped = parse_exposition('m{path="C:\\\\data",msg="say \\"hi\\"\\n"} +Inf\n')
    assert escaped == [("m", {"path": "C:\\data", "msg": 'say "hi"\n'}, math.inf, None)]


@pytest.mark.parametrize("text,needle", [
    ("node_load1 abc\n", "line 1: 'abc' is not a number"),
    ('node_load1{cpu="0" 1\n', "line 1: expected ',' or '}'"),
    ("# ok\n{cpu=\"0\"} 1\n", "line 2: '{cpu=\"0\"} 1' does not start with a metric name"),
    ("node_load1\n", "line 1: expected a value"),
])
def test_malformed_exposition(text, needle):
    with pytest.raises(ValueError, match=__import__("re").escape(needle)):
        parse_exposition(text)


def test_html_answer_is_a_clear_run_error(store, httpserver, make_config, run_once):
    httpserver.expect_request("/metrics").respond_with_data("<html><body>login</body></html>")
    res = run_once(_cfg(make_config, httpserver.url_for("/metrics")), store, "pusat_data")
    assert res.status == "pending"
    assert "is not Prometheus text exposition: line 1: '<html><body>login</body></html>' " \
        "does not start with a metric name" in res.error
