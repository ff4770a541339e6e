"""The audit log as an admin reads it on /audit: sign-ins, failures, sign-outs and exports
(who, what, when); other roles get 403 there."""

from __future__ import annotations

from support.access import sign_in


def test_audit_records_and_shows(world, client):
    from pantau.data import audit

    sign_in(client, "viewer", password="salah-sekali-123", address="10.1.1.1")
    sign_in(client, "analyst")
    r = client.get("/api/v1/series?metric=lapor_count&from=now-1d&step=1h&format=csv")
    assert r.status_code == 200
    r = client.get("/api/v1/export.xlsx?metric=lapor_count&from=now-1d&step=1h")
    assert r.status_code == 200
    client.get("/api/v1/series?metric=lapor_count&from=now-1d&step=1h")  # not an export
    assert client.get("/audit").status_code == 403
    client.get("/logout")
    got = [(e.actor, e.action, e.detail, e.address) for e in reversed(audit.recent(world))]
    assert got[:2] == [("viewer", "sign_in_failed", "", "10.1.1.1"),
                       ("analyst", "sign_in", "", "127.0.0.1")]
    exports = [g for g in got if g[1] == "export"]
    assert [(a, d.split("?")[0]) for a, _, d, _ in exports] == [
        ("analyst", "/api/v1/series"), ("analyst", "/api/v1/export.xlsx")]
    assert "format=csv" in exports[0][2]
    assert got[-1][:2] == ("analyst", "sign_out")
    from support.api_seed import NOW

    assert {e.ts for e in audit.recent(world)} == {NOW}  # the app's clock

    sign_in(client, "admin")
    assert client.get("/audit").status_code == 200
    r = client.post("/_dash-update-component", json={
        "output": "page.children", "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": "/audit"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"]})
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and "audit-log" in text
    for word in ("gagal masuk", "ekspor", "keluar", "10.1.1.1", "export.xlsx", "rina"):
        assert word in text, word
