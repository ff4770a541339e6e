"""config.yaml's ``alerts:``: rules, channels and mute windows validate; check-config names
unknown metrics, sources and channels, and warns of a ``for`` shorter than the source's
interval and of secrets written inline."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from pantau.data.config import ConfigError
from support.config import config_from

ROOT = Path(__file__).resolve().parents[2]
PANTAU = str(ROOT / ".venv" / "bin" / "pantau")

METRICS = [{"name": "lapor_count", "title": "Aduan", "agg": "sum"},
           {"name": "portal_up", "title": "Portal", "unit": "ratio", "agg": "avg"}]
SOURCES = [{"id": "lapor", "kind": "csv", "every": "5m", "timeout": "10s",
            "options": {"path": "/nonexistent.csv",
                        "values": [{"metric": "lapor_count", "column": "n"}]}}]


def raw(alerts: dict) -> dict:
    return {"metrics": METRICS, "sources": SOURCES, "alerts": alerts}


GOOD = {
    "rules": [
        {"id": "lonjakan", "metric": "lapor_count", "above": 50, "for": "10m",
         "keep_firing_for": "5m", "by": ["region"], "severity": "critical",
         "notify": ["hook", "tg", "mail"], "resolve_below": 40, "repeat": "4h"},
        {"id": "mati", "source_down": "lapor", "notify": ["tg"]},
        {"id": "semua", "source_down": "any", "notify": ["tg"]},
        {"id": "senyap", "no_data": "lapor_count", "notify": ["hook"]},
    ],
    "channels": [
        {"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/hook",
         "headers": {"Authorization": {"$env": "HOOK_TOKEN", "default": "x"}}},
        {"id": "tg", "type": "telegram", "bot_token": {"$env": "TG_TOKEN"}, "chat_id": -100123},
        {"id": "mail", "type": "email", "host": "127.0.0.1", "port": 2525,
         "password": {"$env": "SMTP_PASSWORD"}, "username": "pantau",
         "sender": "pantau@example.id", "to": ["piket@example.id"]},
    ],
    "mute": [{"start": "2026-12-24T18:00", "end": "2026-12-26T08:00"},
             {"days": ["sat", "sun"], "from": "00:00", "to": "24:00", "rules": ["senyap"]},
             {"holidays": True}],
}


def test_rules_channels_and_mutes_validate_with_secrets_by_reference():
    cfg = config_from(raw(GOOD), env={"TG_TOKEN": "123:abc", "SMTP_PASSWORD": "rahasia"})
    rule = cfg.alerts.rule("lonjakan")
    assert (rule.kind, rule.for_, rule.keep_firing_for, rule.repeat) == ("threshold", 600, 300,
                                                                        14400)
    assert rule.by == ("region",) and rule.severity == "critical"
    assert [r.kind for r in cfg.alerts.rules] == ["threshold", "source_down", "source_down",
                                                   "no_data"]
    tg = cfg.alerts.channel("tg")
    assert (tg.bot_token, tg.chat_id, tg.api_url) == ("123:abc", "-100123",
                                                     "https://api.telegram.org")
    assert cfg.alerts.channel("mail").password == "rahasia"
    assert cfg.alerts.channel("hook").headers == {"Authorization": "x"}
    assert cfg.alerts.mute[1].from_ == "00:00"


def test_hysteresis_holds_a_firing_alert_until_the_resolve_value():
    cfg = config_from(raw(GOOD), env={"TG_TOKEN": "t", "SMTP_PASSWORD": "p"})
    rule = cfg.alerts.rule("lonjakan")  # above 50, resolve_below 40
    assert not rule.breached(50, firing=False) and rule.breached(51, firing=False)
    assert rule.breached(45, firing=True) and rule.breached(40, firing=True)
    assert not rule.breached(39.9, firing=True)


def test_unknown_metric_source_channel_and_bad_rules_are_named_by_path():
    bad = {
        "rules": [
            {"id": "a", "metric": "nope_count", "above": 1, "notify": ["pager"]},
            {"id": "b", "source_down": "ghost"},
            {"id": "c", "no_data": "missing"},
            {"id": "d", "metric": "lapor_count"},
            {"id": "e", "metric": "lapor_count", "above": 5, "resolve_below": 9},
            {"id": "f", "metric": "lapor_count", "above": 5, "source_down": "lapor"},
            {"id": "g", "source_down": "any", "severity": "fatal"},
            {"id": "a", "source_down": "any"},
        ],
        "channels": [{"id": "tg", "type": "telegram", "chat_id": "1"},
                     {"id": "x", "type": "sms", "url": "http://x"}],
        "mute": [{"days": ["sat"], "from": "25:00", "to": "06:00"},
                 {"start": "2026-12-26T08:00", "end": "2026-12-24T08:00"},
                 {"holidays": True, "rules": ["zzz"]}],
        "planned": [{"start": "2026-12-01T08:00", "text": "x", "metric": "ghost"},
                    {"start": "2026-12-01T08:00", "end": "2026-12-01T07:00", "text": "y"}],
    }
    with pytest.raises(ConfigError) as exc:
        config_from(raw(bad))
    text = "\n".join(exc.value.problems)
    for expected in (
        "alerts.rules[0].metric: 'nope_count' is not in metrics",
        "alerts.rules[0].notify[0]: 'pager' is not in alerts.channels",
        "alerts.rules[1].source_down: 'ghost' is not a source id",
        "alerts.rules[2].no_data: 'missing' is not in metrics",
        "alerts.rules[3]: a metric rule gives exactly one of above or below",
        "alerts.rules[4]: resolve_below must not be over above",
        "alerts.rules[5]: give exactly one of metric",
        "alerts.rules[6].severity:",
        "alerts.rules[7].id: 'a' is used twice",
        "alerts.channels[0].telegram.bot_token: is required",
        "alerts.channels[1]:",
        "alerts.mute[0]: from: a weekly window needs a time of day as HH:MM",
        "alerts.mute[1]: end must be after start",
        "alerts.mute[2].rules[0]: 'zzz' is not a rule id",
        "alerts.planned[0].metric: 'ghost' is not in metrics",
        "alerts.planned[1]: end must be after start",
    ):
        assert expected in text, f"{expected!r} not in:\n{text}"


def test_check_config_warns_of_a_short_for_and_inline_secrets(tmp_path):
    alerts = {"rules": [{"id": "cepat", "metric": "lapor_count", "above": 1, "for": "1m",
                         "notify": ["tg"]},
                        {"id": "diam", "source_down": "lapor"}],
              "channels": [{"id": "tg", "type": "telegram", "bot_token": "123:inline",
                            "chat_id": "1"}]}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw(alerts)), encoding="utf-8")
    res = subprocess.run([PANTAU, "check-config", "-c", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert ("alerts.rules[0].for: 1m is shorter than the interval of source lapor (5m)"
            in res.stderr)
    assert "alerts.rules[1].notify: names no channel" in res.stderr
    assert "alerts.channels[0].bot_token: written inline; give it as {$env: NAME}" in res.stderr
    assert "123:inline" not in res.stderr


def test_check_config_fails_on_an_unknown_channel(tmp_path):
    alerts = {"rules": [{"id": "x", "no_data": "lapor_count", "notify": ["wa"]}]}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw(alerts)), encoding="utf-8")
    res = subprocess.run([PANTAU, "check-config", "-c", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2
    assert "alerts.rules[0].notify[0]: 'wa' is not in alerts.channels" in res.stderr


def test_the_readme_alerts_example_is_a_valid_config():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```yaml\nalerts:", 1)[1].split("```", 1)[0]
    alerts = yaml.safe_load("alerts:" + block)["alerts"]
    metrics = [{"name": "lapor_complaints_received_count", "title": "Aduan", "agg": "sum"}]
    sources = [{"id": "portal_ntbprov", "kind": "http_probe", "every": "1m",
                "options": {"url": "https://ntbprov.go.id"}}]
    cfg = config_from({"metrics": metrics, "sources": sources, "alerts": alerts},
                      env={"WA_TOKEN": "a", "TG_TOKEN": "b", "SMTP_PASSWORD": "c"})
    assert [r.id for r in cfg.alerts.rules] == ["lapor_lonjakan", "portal_mati", "lapor_senyap"]
    assert [c.type for c in cfg.alerts.channels] == ["webhook", "telegram", "email"]
    assert len(cfg.alerts.mute) == 3
