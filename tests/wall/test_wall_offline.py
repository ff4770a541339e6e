"""The calm screen's two files as the server serves them: the service worker (a script from
this origin, versioned by what it stores) and the calm page (escaped, no inline script)."""

from __future__ import annotations

import re

from pantau.dashboard.app import create_app
from wall_seed import wall_config


def _client(store, **site):
    cfg = wall_config(site={"name": "Pemprov <NTB> & \"Kota\"", "timezone": "Asia/Makassar",
                            "region": "52", **site})
    return create_app(cfg, store).server.test_client()


def test_service_worker_is_a_script_of_this_origin_versioned_by_what_it_keeps(sqlite_store):
    r = _client(sqlite_store).get("/wall-sw.js")
    assert r.status_code == 200
    assert r.mimetype == "text/javascript"
    assert r.headers["Cache-Control"] == "no-cache"
    body = r.get_data(as_text=True)
    version = re.search(r'pantau-wall-([0-9a-f]{16})"', body).group(1)
    assert "__VERSION__" not in body
    assert "/wall/offline" in body and "/assets/wall.js" in body
    # the same server: the same bytes (no update on every check); another site name: a new
    # version, so the TVs install it and keep the new calm page
    assert _client(sqlite_store).get("/wall-sw.js").get_data(as_text=True) == body
    other = _client(sqlite_store, name="Pemkab Lombok Barat").get("/wall-sw.js")
    assert version not in other.get_data(as_text=True)


def test_calm_page_escapes_the_site_name_and_has_no_inline_script(sqlite_store):
    client = _client(sqlite_store)
    page = client.get("/wall/offline").get_data(as_text=True)
    assert "Menghubungkan ke server…" in page
    assert "Pemprov &lt;NTB&gt; &amp; &quot;Kota&quot;" in page
    assert "<NTB>" not in page
    # Content-Security-Policy without 'unsafe-inline': scripts only from files, no style=
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/assets/wall.js">']
    assert "style=" not in page
    assert 'data-zone="WITA"' in page and 'data-tz="Asia/Makassar"' in page
    english = client.get("/wall/offline?lang=en").get_data(as_text=True)
    assert "Connecting to the server…" in english and 'lang="en"' in english
    # an unknown language falls back to the site's
    assert "Menghubungkan" in client.get("/wall/offline?lang=xx").get_data(as_text=True)
