"""/report.pdf and /report.png behind the "Unduh PDF" buttons, with sign-in on: a viewer gets
the overview's report and not the explorer's (an analyst's page); a viewer limited to 52.71
gets 52.71 alone; the wall's role gets none; bad input is a 400 naming the parameter; the
download is audited."""

from __future__ import annotations

import re
import shutil

import pytest
from report_world import pdf_text
from support.access import add_users, make_app, sign_in
from support.api_seed import seed

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                                reason="needs Chromium and poppler-utils (.ci/run installs them)")


@pytest.fixture(scope="module")
def client_of(tmp_path_factory):
    from pantau.data.store import Store

    path = tmp_path_factory.mktemp("route") / "world.db"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    seed(store)
    add_users(store)
    app = make_app(store)

    def make(user: str | None):
        client = app.server.test_client()
        if user:
            assert sign_in(client, user).status_code in (302, 303)
        return client

    yield make, store
    store.dispose()


def test_viewer_downloads_the_overview(client_of, tmp_path):
    from pantau.data import audit

    make, store = client_of
    resp = make("viewer").get("/report.pdf?page=overview&period=7d&region=52.04")
    assert resp.status_code == 200, resp.data[:300]
    name = re.search(r'filename="([^"]+)"', resp.headers["Content-Disposition"]).group(1)
    assert re.fullmatch(r"pantau-ringkasan-\d{4}-\d\d-\d\d-\d{4}-WITA\.pdf", name), name
    text = pdf_text(resp.data, tmp_path)
    assert "Kabupaten Sumbawa" in text
    assert any(e.detail.startswith("/report.pdf?page=overview")
               for e in audit.recent(store, action=audit.EXPORT))


def test_roles_and_bad_input(client_of):
    make, _ = client_of
    viewer = make("viewer")
    resp = viewer.get("/report.pdf?page=explore&metric=lapor_count&from=now-1d")
    assert resp.status_code == 403 and resp.get_json()["parameter"] == "page"
    assert make("analyst").get("/report.pdf?page=explore&metric=lapor_count&from=now-1d") \
        .status_code == 200
    resp = viewer.get("/report.pdf?page=metric&metric=nope")
    assert resp.status_code == 400 and resp.get_json()["parameter"] == "metric"
    resp = viewer.get("/report.pdf?page=secret")
    assert resp.status_code == 400 and resp.get_json()["parameter"] == "page"
    assert viewer.get("/report.pdf?page=overview&period=1y").get_json()["parameter"] == "period"
    assert make("wall").get("/report.pdf?page=overview").status_code == 403
    assert make(None).get("/report.pdf?page=overview").status_code in (302, 303)


def test_scoped_viewer_gets_only_its_region(client_of, tmp_path):
    make, _ = client_of
    resp = make("rina").get("/report.pdf?page=overview&period=7d&region=52.04")
    assert resp.status_code == 200
    text = pdf_text(resp.data, tmp_path)
    assert "Kota Mataram" in text
    assert "Kabupaten Sumbawa" not in text and "Kota Bima" not in text
