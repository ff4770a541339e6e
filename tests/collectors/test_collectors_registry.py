"""The eight kinds register through the ``pantau.collectors`` entry points, and their options
models accept exactly the options the README's table of kinds lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from pantau.collectors.registry import kinds, option_models
from pantau.data.config import ConfigError, load_config, metric_sources
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parents[2]

# Each kind's options, as the README's table "Collector kinds and their options" lists them.
DOCUMENTED_OPTIONS = {
    "http_json": {"url", "method", "headers", "params", "body", "values"},
    "rss": {"url", "outlet", "channel"},
    "csv": {"url", "path", "format", "sheet", "delimiter", "decimal", "timestamp", "values",
            "records"},
    "sql": {"url", "query", "timestamp", "values"},
    "http_probe": {"url", "method", "expect_status", "expect_text", "verify_tls"},
    "prometheus": {"url", "include", "rename"},
    "complaints": {"url", "path", "format", "items", "sheet", "delimiter", "fields"},
    "bmkg": {"feed", "url", "adm4"},
}
SHIPPED_OFF = {"bmkg"}  # in config.yaml as commented examples (tests/bmkg/test_bmkg_config.py)


def test_eight_kinds_registered_through_entry_points():
    found = kinds()
    assert set(found) == set(DOCUMENTED_OPTIONS)
    for name, cls in found.items():
        assert cls.kind == name
        assert callable(cls().collect)
        assert set(cls.Options.model_fields) == DOCUMENTED_OPTIONS[name], name
        assert cls.Options.model_config["extra"] == "forbid"
        assert cls.Options.model_config["frozen"] is True


def test_repo_config_validates_with_every_kind():
    cfg = load_config(ROOT / "config.yaml", kinds=option_models(), env={})
    assert {s.kind for s in cfg.sources} == set(DOCUMENTED_OPTIONS) - SHIPPED_OFF
    by_metric = metric_sources(cfg)
    assert by_metric["service_up"] == ["portal_ntbprov", "ppid_ntb", "satudata_ntb"]
    assert by_metric["tls_expiry_days"] == ["portal_ntbprov", "ppid_ntb", "satudata_ntb"]
    assert by_metric["server_load"] == ["pusat_data"]
    assert by_metric["ipm_score"] == ["indikator_ntb"]
    assert set(by_metric["news_articles_count"]) == {
        "suara_ntb", "lombok_post", "antara_mataram", "insidelombok", "diskominfotik_ntb"}


@pytest.mark.parametrize("kind,options,expected", [
    ("rss", {"url": "https://x.id/feed", "outlet": "X", "colour": "red"},
     "sources[0].options.colour: unknown key"),
    ("rss", {"url": "https://x.id/feed", "outlet": "X", "channel": "koran"},
     "sources[0].options.channel:"),
    ("http_json", {"url": "ftp://x.id/a", "values": [{"metric": "service_up", "path": "a"}]},
     "sources[0].options.url:"),
    ("http_json", {"url": "https://x.id/a", "values": [{"metric": "service_up",
                                                        "path": "data[.masuk"}]},
     "sources[0].options.values[0].path:"),
    ("http_json", {"url": "https://x.id/a", "values": [{"metric": "nope", "path": "a"}]},
     "sources[0].options.values[0].metric: 'nope' is not in metrics"),
    ("sql", {"url": "sqlite:///x.db", "query": "DELETE FROM t",
             "values": [{"metric": "service_up", "column": "c"}]},
     "sources[0].options.query: must be a read-only SELECT"),
    ("sql", {"url": "sqlite:///x.db", "query": "SELECT 1; DROP TABLE t",
             "values": [{"metric": "service_up", "column": "c"}]},
     "sources[0].options.query: must be one statement"),
    ("csv", {"values": [{"metric": "service_up", "column": "c"}]},
     "sources[0].options: Value error, give exactly one of url or path"),
    ("csv", {"path": "a.csv", "decimal": ";", "values": [{"metric": "service_up",
                                                          "column": "c"}]},
     "sources[0].options.decimal:"),
    ("http_probe", {"url": "https://x.id", "expect_status": "200-99x"},
     "sources[0].options.expect_status:"),
    ("prometheus", {"url": "http://x:9100/metrics", "include": "node_(load"},
     "sources[0].options.include:"),
])
def test_bad_options_are_reported_with_their_path(make_config, kind, options, expected):
    with pytest.raises(ConfigError) as err:
        make_config([{"id": "s", "kind": kind, "every": "1h", "options": options}])
    text = "\n".join(err.value.problems)
    assert expected.replace("Value error, ", "") in text, text


def test_options_are_frozen():
    opts = option_models()["rss"].model_validate({"url": "https://x.id/f", "outlet": "X"})
    with pytest.raises(ValidationError):
        opts.outlet = "Y"


def test_sql_query_check_allows_selects():
    from pantau.collectors.sql import check_query

    assert check_query("  SELECT a, 'delete; me' AS b FROM t;  ") == "SELECT a, 'delete; me' AS b FROM t"
    assert check_query("WITH x AS (SELECT 1 AS n) SELECT n FROM x")
    assert check_query("SELECT updated_at, created_by FROM t")
    for bad in ("INSERT INTO t VALUES (1)", "SELECT * INTO t2 FROM t", "PRAGMA writable_schema",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", ""):
        with pytest.raises(ValueError):
            check_query(bad)
