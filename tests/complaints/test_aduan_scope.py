"""Who may see /aduan and what: viewer or better by the role table; a principal limited to a
region sees only the complaints of its region on the page (not the province's own, not those
without a region, not another kabupaten's), whatever region its URL names; the API endpoint
keeps the same rule for records."""

from __future__ import annotations

import json

import pytest
from aduan_fixtures import config
from pantau.dashboard.auth.rules import allowed, page_role
from pantau.data.access import Principal, Role, record_in_scope
from support.aduan_seed import NOW, seed


def render(client, path="/aduan", search=""):
    body = {"output": "page.children", "outputs": {"id": "page", "property": "children"},
            "inputs": [{"id": "url", "property": "pathname", "value": path}],
            "state": [{"id": "url", "property": "search", "value": search}],
            "changedPropIds": ["url.pathname"]}
    r = client.post("/_dash-update-component", data=json.dumps(body),
                    content_type="application/json")
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_data(as_text=True)


def client_for(store, role="viewer", region=None):
    from pantau.dashboard.access import set_current
    from pantau.dashboard.app import create_app

    app = create_app(config(), store, clock=lambda: NOW)
    who = Principal(name="rina", role=Role.parse(role), region=region, kind="user")
    app.server.before_request(lambda: set_current(who))
    return app.server.test_client()


def test_the_role_table_opens_aduan_to_viewers():
    assert page_role("/aduan") == Role.VIEWER and page_role("/aduan/") == Role.VIEWER
    assert allowed(Role.VIEWER, "/aduan") and not allowed(Role.WALL, "/aduan")


def test_the_scope_rule_for_records():
    assert record_in_scope("52.71", None) and record_in_scope(None, None)
    assert record_in_scope("52.71", "52.71") and record_in_scope("52.71.01", "52.71")
    assert not record_in_scope("52", "52.71")      # the province's own OPD
    assert not record_in_scope(None, "52.71") and not record_in_scope("", "52.71")
    assert not record_in_scope("52.01", "52.71") and not record_in_scope("52.710", "52.71")


@pytest.mark.parametrize(("region", "search"), [(None, ""), ("52.71", ""),
                                                ("52.71", "?region=52.01")])
def test_the_page_shows_only_records_in_scope(sqlite_store, region, search):
    seed(sqlite_store)
    page = render(client_for(sqlite_store, region=region), search=search)
    ids = {"B-0", "B-1", "C", "D", "E", "F"} if region is None else {"B-0", "B-1"}
    for cid in ("B-0", "B-1", "C", "D", "E", "F"):
        assert (f'"{cid}"' in page) == (cid in ids), cid
    assert ('"aduan-overdue_total"' in page)
    shown = _text_of(json.loads(page), "aduan-overdue_total")
    assert shown == ("6" if region is None else "2")
    if region:
        assert "Kabupaten Lombok Barat" not in page  # 52.01: not in the select, not on the map


def test_a_wall_principal_gets_the_forbidden_page(sqlite_store):
    seed(sqlite_store)
    page = render(client_for(sqlite_store, role="wall"))
    assert '"forbidden"' in page and '"B-0"' not in page


def test_the_api_keeps_the_record_rule(sqlite_store):
    seed(sqlite_store)
    window = "from=2026-03-01T00:00&to=2026-05-18T00:00"
    whole = client_for(sqlite_store, "analyst").get(f"/api/v1/complaints/sla?{window}")
    scoped = client_for(sqlite_store, "analyst", "52.71").get(
        f"/api/v1/complaints/sla?{window}")
    assert whole.get_json()["complaints"] == 10
    # A x3, B x2 and G: not E (the province's own) nor F (no region)
    assert scoped.get_json()["complaints"] == 6


def _text_of(tree, component_id):
    """The text child of the component with ``component_id`` in a Dash response."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and props.get("id") == component_id:
                found.append(props.get("children"))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(tree)
    assert len(found) == 1, found
    return found[0]
