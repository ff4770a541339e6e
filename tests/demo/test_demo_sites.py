"""The demo's second site (issue 22): ``use("sukoharjo")`` makes the history, the feeder and the
real collectors speak of Sukoharjo's 12 kecamatan (nothing refused by the site's area), and
``use("ntb")`` gives NTB back whole."""

from __future__ import annotations

import time

import pytest
from pantau.data.reference import codes
from pantau.demo import REGIONS, SERVICES, SITE
from pantau.demo.news import OUTLETS
from pantau.demo.sites import SITES, use


@pytest.fixture
def sukoharjo():
    site = use("sukoharjo")
    yield site
    use("ntb")


def sukoharjo_config(folder, feeds="http://127.0.0.1:9", pantau="http://127.0.0.1:8"):
    from pantau.demo import render_config

    from pantau.config import load

    path = folder / "demo-config.yaml"
    path.write_text(render_config({
        "STORE_URL": f"sqlite:///{folder / 'demo.db'}", "FEEDS": feeds,
        "SOURCES": str(folder / "demo-sources"), "PANTAU": pantau},
        SITES["sukoharjo"].template.read_text(encoding="utf-8")), encoding="utf-8")
    return load(str(path))


def test_the_tables_swap_and_come_back():
    ntb = (dict(REGIONS), dict(SERVICES), dict(SITE), dict(OUTLETS))
    try:
        use("sukoharjo")
        assert list(REGIONS) == codes.children("33.11")
        assert [v[0] for v in REGIONS.values()] == [codes.name(c) for c in REGIONS]
        assert OUTLETS == {} and SITE["urban"] == "33.11.12"
    finally:
        use("ntb")
    assert (dict(REGIONS), dict(SERVICES), dict(SITE), dict(OUTLETS)) == ntb
    with pytest.raises(KeyError, match="ntb, sukoharjo"):
        use("bali")


def test_history_is_of_the_kecamatan_and_the_store_takes_it(sukoharjo, tmp_path):
    from pantau.data.store import Store
    from pantau.demo.history import load_history

    cfg = sukoharjo_config(tmp_path)
    assert cfg.site.region == "33.11" and cfg.site.timezone == "Asia/Jakarta"
    store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
    store.upgrade()
    now = int(time.time())
    report = load_history(store, cfg, now - 2 * 86400, now, seed=sukoharjo.seed)
    assert report.points > 1000 and report.articles == 0
    from pantau.data.queries import label_values

    regions = label_values(store, "lapor_complaints_received_count")["region"]
    assert sorted(regions) == codes.children("33.11")
    store.dispose()


def test_every_source_collects_with_nothing_refused(sukoharjo, tmp_path):
    """The Sukoharjo config, the feeder and the real collectors fit: every source but the probe
    of Pantau itself (not running here) is UP with samples, and the runner, which refuses
    regions outside 33.11, refuses none."""
    from pantau.collectors.runner import Runner
    from pantau.data.store import Store
    from pantau.demo.feeder import Feeder

    f = Feeder(tmp_path / "demo-sources", seed=sukoharjo.seed)
    f.prepare()
    try:
        cfg = sukoharjo_config(tmp_path, feeds=f"http://127.0.0.1:{f.serve()}")
        store = Store(cfg.store.url, retention_days=cfg.store.retention_days)
        store.upgrade()
        runner = Runner.from_config(cfg, store)
        results = {s.id: runner.run(s) for s in cfg.sources if s.id != "pantau_web"}
        runner.close()
        store.dispose()
    finally:
        f.close()
    problems = {k: (r.status, r.error, r.rejected) for k, r in results.items()
                if r.status != "up" or r.rejected or not r.samples}
    assert problems == {}
    assert results["lapor_sukoharjo"].samples == 36  # 12 kecamatan x 3 metrics


def test_office_hours_follow_the_site_clock(sukoharjo):
    """Sukoharjo's working day starts at 08:00 WIB, an hour later in UTC than NTB's 08:00 WITA."""
    import numpy as np
    from pantau.demo.calendar import Local

    ts = np.array([1764633600])  # 2025-12-02 00:00 UTC
    assert Local(ts).hour[0] == 7.0  # 07:00 WIB
    use("ntb")
    assert Local(ts).hour[0] == 8.0  # 08:00 WITA
