"""KPI card numbers against an independent computation from the rows written, on SQLite and
PostgreSQL, for every period and for the province and one kabupaten/kota."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from ov_seed import END, METRICS, PROVINCE, T, expected, raw_config, region_for, seed
from pantau.dashboard.cache import Cache
from pantau.dashboard.components.kpi_data import card_data
from pantau.dashboard.context import AppContext

WITA = timezone(timedelta(hours=8))


def windows() -> dict[str, tuple[int, int]]:
    """The five periods at T, written out by hand."""
    today = int(datetime(2026, 11, 28, tzinfo=WITA).timestamp())
    jan1 = int(datetime(2026, 1, 1, tzinfo=WITA).timestamp())
    return {"today": (today, END), "7d": (END - 7 * 86400, END),
            "30d": (END - 30 * 86400, END), "90d": (END - 90 * 86400, END),
            "ytd": (jan1, END)}


def test_windows_start_at_local_midnight():
    w = windows()
    assert datetime.fromtimestamp(w["today"][0], UTC).hour == 16  # 00:00 WITA
    assert w["today"] == (1795795200, 1795831200)
    assert w["ytd"][0] == 1767196800  # 2026-01-01 00:00 WITA = 2025-12-31 16:00 UTC


@pytest.mark.parametrize("region", [PROVINCE, "52.71"])
def test_card_numbers_match_the_rows(store, ov_config, region):
    seeded = seed(store, ov_config)
    ctx = AppContext(config=ov_config, store=store, clock=lambda: T, cache=Cache())
    checked = 0
    for period, (start, end) in windows().items():
        for spec in METRICS:
            card = card_data(ctx, ov_config.metric(spec["name"]), period, region, now=T)
            exp = expected(seeded, spec, start, end, region_for(spec, region))
            where = f"{spec['name']} {period} {region}"
            assert (card.start, card.end) == (start, end), where
            assert card.value == pytest.approx(exp["value"]), where
            assert card.previous == pytest.approx(exp["previous"]), where
            assert card.as_of == exp["as_of"], where
            status = "nodata" if card.value is None else card.status
            assert status == exp["status"], where
            checked += 1
    assert checked == 30


def test_province_wide_note_for_metrics_without_region(sqlite_store, ov_config):
    seed(sqlite_store, ov_config)
    ctx = AppContext(config=ov_config, store=sqlite_store, clock=lambda: T, cache=Cache())
    svc = card_data(ctx, ov_config.metric("service_up"), "7d", "52.71", now=T)
    assert svc.province_wide and svc.value is not None
    lapor = card_data(ctx, ov_config.metric("lapor_complaints_received_count"), "7d",
                      "52.71", now=T)
    assert not lapor.province_wide
    whole = card_data(ctx, ov_config.metric("service_up"), "7d", PROVINCE, now=T)
    assert not whole.province_wide and whole.value == svc.value


def test_sparkline_adds_up_to_the_card_value(sqlite_store, ov_config):
    """The sum metric's sparkline buckets add up to the card's value (same window)."""
    seed(sqlite_store, ov_config)
    ctx = AppContext(config=ov_config, store=sqlite_store, clock=lambda: T, cache=Cache())
    card = card_data(ctx, ov_config.metric("lapor_complaints_received_count"), "30d",
                     PROVINCE, now=T)
    assert len(card.spark) <= 48
    assert card.spark["value"].sum() == pytest.approx(card.value)
    assert card.spark["ts"].min() >= card.start - 86400


def test_thresholds_per_period_grow_with_the_window(sqlite_store, ov_config):
    """LAPOR counts have target/warn/crit per 7 days: the 7-day card compares 2,017 with
    them as written (Kritis), the 30-day card with 30/7 of them (3,357 is under 4,286: Baik)."""
    from pantau.dashboard import fmt
    from pantau.dashboard.components.kpi_card import target_text

    seed(sqlite_store, ov_config)
    ctx = AppContext(config=ov_config, store=sqlite_store, clock=lambda: T, cache=Cache())
    metric = ov_config.metric("lapor_complaints_received_count")
    week = card_data(ctx, metric, "7d", PROVINCE, now=T)
    month = card_data(ctx, metric, "30d", PROVINCE, now=T)
    assert (week.value, week.status) == (2017, "crit")
    assert week.attainment == pytest.approx(1000 / 2017 * 100)
    assert fmt.value(1000, "count", "id") in target_text(week, "id")
    assert (month.value, month.status) == (3357, "ok")
    assert month.attainment == 100.0
    assert fmt.value(1000 * 30 / 7, "count", "id") in target_text(month, "id")


def test_a_kabupaten_is_judged_by_its_own_target_or_none(sqlite_store, config_from):
    """Issue 17 item 1: Kota Mataram's 30-day LAPOR count is not measured against the
    province's target and thresholds; with ``region_targets`` it gets its own, scaled by
    ``per`` like the province's; the province keeps its own."""
    from pantau.dashboard.components.kpi_card import target_text
    from pantau.dashboard.i18n import t

    raw = raw_config()
    seed(sqlite_store, config_from(raw))
    name = "lapor_complaints_received_count"
    for with_targets in (False, True):
        if with_targets:
            raw["metrics"] = [{**m, "region_targets": {"52.71": 70}} if m["name"] == name
                              else m for m in raw["metrics"]]
        cfg = config_from(raw)
        ctx = AppContext(config=cfg, store=sqlite_store, clock=lambda: T, cache=Cache())
        city = card_data(ctx, cfg.metric(name), "30d", "52.71", now=T)
        whole = card_data(ctx, cfg.metric(name), "30d", PROVINCE, now=T)
        assert city.value and city.status == "none"
        assert whole.target == pytest.approx(1000 * 30 / 7) and whole.status == "ok"
        if with_targets:
            assert city.target == pytest.approx(70 * 30 / 7)
            assert city.attainment == pytest.approx(min(100.0, 100 * 300 / city.value))
        else:
            assert city.target is None and city.attainment is None
            assert target_text(city, "id") == t("overview.no_target", "id")
