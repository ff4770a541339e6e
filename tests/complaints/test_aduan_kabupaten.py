"""/aduan on a kabupaten site (Kabupaten Sukoharjo, 33.11): complaints of a kecamatan and of a
desa inside it count for that kecamatan on the map and are named by their own place in the
table; the region select offers the kecamatan; the site's own OPD is off the map."""

from __future__ import annotations

import json

from pantau.data.complaint_views import page_view
from pantau.data.complaints import Complaint, upsert
from support.aduan_seed import NOW, at
from support.config import config_from
from test_aduan_scope import render

CFG = config_from({"site": {"name": "Sukoharjo", "region": "33.11"},
                   "metrics": [{"name": "x", "title": "X"}]})


def test_a_kabupaten_site_counts_its_kecamatan(sqlite_store):
    upsert(sqlite_store, [
        Complaint("lapor", "K-1", "33.11.12", "Dinas PUPR", "Jalan", at(5, 4)),      # Kartasura
        Complaint("lapor", "K-2", "33.11.10.2001", "Dinas PUPR", "Jalan", at(5, 4)),  # Ngrombo, Baki
        Complaint("lapor", "K-3", "33.11", "Bappeda", "Umum", at(5, 4)),              # the site's own
    ], now=int(NOW))
    v = page_view(sqlite_store, CFG, at(3, 1), at(5, 18, 11), NOW, None, None)
    assert CFG.site.timezone == "Asia/Jakarta"  # WIB from the province
    assert v.overdue_total == 3
    assert dict(v.by_region.values.tolist()) == {"33.11.10": 1, "33.11.12": 1}
    from pantau.dashboard.app import create_app

    client = create_app(CFG, sqlite_store, clock=lambda: NOW).server.test_client()
    page = render(client)
    body = json.loads(page)
    text = json.dumps(body, ensure_ascii=False)
    assert "Kartasura" in text and "Ngrombo" in text and "Kabupaten Sukoharjo" in text
    assert '"label": "Seluruh kabupaten"' in text and '"value": "33.11.12"' in text
    assert "(WIB)" in text
