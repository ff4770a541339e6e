"""``/api/v1/kpi``: what a metric shows for a place and a period (``data.shows``), its
numbers against a sum over the rows written, and its refusals of bad input."""

from __future__ import annotations

import pytest
from support.api_seed import NOW, REGIONS, count_value


def _window_sum(region: str, days: int) -> float:
    """The rows of ``lapor_count`` in the region over the ``days`` ending at the end of the
    hour of NOW (the seed writes every 5 minutes for 10 days)."""
    end = NOW - NOW % 3600 + 3600
    start0 = NOW - 10 * 86400
    first = start0 - start0 % 300
    r = REGIONS.index(region)
    return sum(count_value(i, r) for i, ts in enumerate(range(first, NOW, 300))
               if end - days * 86400 <= ts < end)


def test_kpi_of_a_region_and_of_the_province(client):
    one = client.get("/api/v1/kpi?metric=lapor_count&period=7d&region=52.71").get_json()
    assert one["value"] == pytest.approx(_window_sum("52.71", 7))
    assert one["region"] == "52.71" and one["status"] == "none" and one["target"] is None
    whole = client.get("/api/v1/kpi?metric=lapor_count&period=7d").get_json()
    assert whole["region"] == "52"
    assert whole["value"] == pytest.approx(sum(_window_sum(r, 7) for r in REGIONS))
    assert whole["from"].endswith("+08:00") and whole["previous"] is not None


@pytest.mark.parametrize("query,parameter", [
    ("metric=lapor_count&region=99", "region"),
    ("metric=lapor_count&period=1y", "period"),
    ("metric=lapor_count&step=1h", None),
    ("region=52.71", "metric"),
])
def test_kpi_refuses_bad_input_by_name(sqlite_client, query, parameter):
    res = sqlite_client.get("/api/v1/kpi?" + query)
    assert res.status_code == 400, res.get_json()
    body = res.get_json()
    if parameter:
        assert body["parameter"] == parameter, body
