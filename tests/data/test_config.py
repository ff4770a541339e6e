"""config.yaml: the shipped NTB config passes; broken ones list every problem by path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pantau.data.config import ConfigError, load_config, metric_sources, parse_config
from pantau.data.durations import format_duration, parse_duration
from pydantic import BaseModel, ConfigDict, ValidationError

ROOT = Path(__file__).resolve().parents[2]


def check_config(path: Path, **env):
    return subprocess.run([sys.executable, "-m", "pantau", "check-config", "-c", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **env})


def test_shipped_config_passes():
    res = check_config(ROOT / "config.yaml")
    assert res.returncode == 0, res.stderr
    assert "ok" in res.stdout


BROKEN = """
site: {name: X, timezone: Asia/Mars, region: 52.71, colour: red}
store: {url: "sqlite:///x.db", retention_days: 0}
metrics:
  - {name: a_count, title: A, unit: count, agg: sum}
  - {name: a_count, title: A lagi, unit: count, agg: median}
  - {name: Bad-Name, title: B}
  - {name: a_ratio, title: R, unit: ratio, agg: avg, warn: 0.9, per: 1d}
sources:
  - {id: s1, kind: fake, every: 5m, timeout: 10s, options: {url: "http://x", values: [{metric: a_count}, {metric: x}]}}
  - {id: s2, kind: fake, every: 5m, timeout: 10s, options: {url: "http://x", extra: 1}}
  - {id: s3, kind: fake, every: 5m, timeout: 5m, options: {url: "http://x"}}
  - {id: s3, kind: nope, cron: "*/15 * * * *", timeout: 20m, options: {}}
  - {id: s5, kind: fake, every: 5m, cron: "* * * * *", options: {url: "http://x"}}
  - {id: s6, kind: fake, every: soon, options: {url: {$env: NOT_SET_ANYWHERE}}}
screens:
  - id: one
    title: Satu
    tiles:
      - {metric: missing_metric, view: kpi}
      - {view: line}
wall: {playlist: [one, two], theme: neon}
"""


class FakeValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    metric: str


class FakeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    url: str
    values: list[FakeValue] = []


def test_every_problem_at_once_with_its_path(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BROKEN)
    with pytest.raises(ConfigError) as exc:
        load_config(path, kinds={"fake": FakeOptions}, env={})
    problems = exc.value.problems
    expected = [
        "site.timezone: 'Asia/Mars' is not a time zone; use e.g. Asia/Makassar (WITA)",
        'site.region: region codes must be quoted strings, e.g. "52.71" (got 52.71)',
        "site.colour: unknown key",
        "store.retention_days: Input should be greater than or equal to 1",
        "metrics[1].agg: Input should be 'sum', 'avg', 'last', 'min' or 'max'",
        "metrics[2].name: 'Bad-Name' must be lower_snake_case (letters, digits, _)",
        "metrics[3].per: thresholds per period are for agg: sum (agg avg does not grow with "
        "the period)",
        "sources[0].options.values[1].metric: 'x' is not in metrics",
        "sources[1].options.extra: unknown key",
        "sources[2].timeout: must be shorter than every (5m)",
        "sources[3].id: 's3' is used twice",
        "sources[3].timeout: must be shorter than cron (15m)",
        "sources[3].kind: unknown kind 'nope'; known: fake",
        "sources[4]: give exactly one of every or cron",
        "sources[5].every: 'soon' is not a duration; use forms like 30s, 15m, 1h, 7d",
        "sources[5].options.url: environment variable NOT_SET_ANYWHERE is not set",
        "screens[0].tiles[0].metric: 'missing_metric' is not in metrics",
        "screens[0].tiles[1].metric: is required for view line",
        "wall.playlist[1]: 'two' is not a screen id",
        "wall.theme: Input should be 'dark' or 'light'",
    ]
    for line in expected:
        assert line in problems, f"missing: {line}\ngot:\n" + "\n".join(problems)
    assert not any("metrics[1].name" in p for p in problems)  # the invalid one is not counted


def test_check_config_exit_2_and_paths(tmp_path):
    path = tmp_path / "bad.yaml"
    text = (ROOT / "config.yaml").read_text().replace("timeout: 20s", "timeout: 20m", 1)
    text = text.replace("metric: lapor_complaints_resolved_ratio\n          path",
                        "metric: nope_metric\n          path", 1)
    path.write_text(text)
    res = check_config(path)
    assert res.returncode == 2
    assert "sources[0].timeout: must be shorter than every (15m)" in res.stderr
    assert "sources[0].options.values[1].metric: 'nope_metric' is not in metrics" in res.stderr
    assert "Traceback" not in res.stderr


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("site:\n  name: X\n  language: [id\nstore: {}\n")
    res = check_config(path)
    assert res.returncode == 2
    assert "YAML syntax error at line 4" in res.stderr


def test_missing_file_is_exit_2(tmp_path):
    res = check_config(tmp_path / "nope.yaml")
    assert res.returncode == 2 and "no such file" in res.stderr


def test_env_secrets_and_store_override():
    raw = {"store": {"url": "sqlite:///a.db"}, "metrics": [{"name": "m", "title": "M"}],
           "sources": [{"id": "s", "kind": "fake", "every": "1m", "timeout": "5s",
                        "options": {"url": {"$env": "API_URL"}}}]}
    cfg = parse_config(raw, kinds={"fake": FakeOptions},
                       env={"API_URL": "http://secret", "PANTAU_STORE_URL": "sqlite:///b.db"})
    assert cfg.sources[0].options.url == "http://secret"
    assert cfg.store.url == "sqlite:///b.db"
    assert cfg.source("s").every == 60
    with pytest.raises(ValidationError, match="frozen"):
        cfg.site.name = "changed"


def test_metric_sources_index():
    raw = {"metrics": [{"name": "m", "title": "M"}],
           "sources": [{"id": "s", "kind": "fake", "every": "1m", "timeout": "5s",
                        "options": {"url": "x", "values": [{"metric": "m"}]}}]}
    cfg = parse_config(raw, kinds={"fake": FakeOptions}, env={})
    assert metric_sources(cfg) == {"m": ["s"]}


@pytest.mark.parametrize("text,seconds", [("30s", 30), ("15m", 900), ("1h", 3600),
                                          ("7d", 604800), ("1h30m", 5400), ("2w", 1209600),
                                          (45, 45), ("90", 90)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "5", "-5m", "5 minutes", "m", "1.5h", True, None, 0])
def test_bad_durations(bad):
    if bad == "5":
        assert parse_duration(bad) == 5
        return
    with pytest.raises(ValueError):
        parse_duration(bad)


def test_format_duration():
    assert [format_duration(s) for s in (300, 5400, 86400, 45)] == ["5m", "1h30m", "1d", "45s"]
