"""Configs and stores of the /aduan tests: a province site (NTB) whose catalogue declares
complaints_overdue_count, with the demo's complaint stream or the hand-computed fixture."""

from __future__ import annotations

from pantau.data.complaint_metrics import OVERDUE_METRIC, write_days
from pantau.data.workdays import calendar_of
from pantau.demo.complaints import write_complaints
from support.aduan_seed import NOW
from support.config import config_from

METRICS = [{"name": OVERDUE_METRIC,
            "title": {"id": "Aduan lewat tenggat", "en": "Complaints past deadline"},
            "unit": "count", "better": "down", "agg": "last", "combine": "sum", "warn": 50,
            "crit": 150}]

SCREEN_TILES = [{"view": "sla"},
                {"metric": OVERDUE_METRIC, "view": "kpi", "period": "7d"},
                {"metric": OVERDUE_METRIC, "view": "line", "period": "90d"},
                {"metric": OVERDUE_METRIC, "view": "map", "period": "1d"},
                {"metric": OVERDUE_METRIC, "view": "bar", "period": "1d", "by": "agency"}]
"""The demo's wall screen of complaints (demo/config.yaml)."""


def config(**extra):
    raw = {"site": {"name": "Command Center NTB", "region": "52",
                    "timezone": "Asia/Makassar"},
           "metrics": METRICS,
           "screens": [{"id": "aduan", "title": {"id": "Aduan Masyarakat", "en": "Complaints"},
                        "tiles": SCREEN_TILES}]}
    raw.update(extra)
    return config_from(raw)


def demo_stream(store, cfg, days: int = 180, now: float = NOW) -> int:
    """The demo's complaints received in the ``days`` before ``now`` (seed 7), and the
    derived metric of each of those days."""
    n = write_complaints(store, cfg, int(now) - days * 86400, int(now), 7, int(now))
    cal = calendar_of(cfg)
    today = cal.day(now)
    from datetime import timedelta

    write_days(store, cfg, {m.name for m in cfg.metrics}, today - timedelta(days=days), today,
               int(now))
    return n
