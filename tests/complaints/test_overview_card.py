"""The card "Aduan lewat tenggat" on /: made as every KPI card (data.shows through card_data) from
complaints_overdue_count, linking to /aduan, shown only when the catalogue declares the metric
and complaint records exist; it is not repeated in the screens' sections."""

from __future__ import annotations

import json

from aduan_fixtures import config
from pantau.data.complaint_metrics import OVERDUE_METRIC, write_today
from support.aduan_seed import NOW, seed
from test_aduan_scope import render


def client_for(store, cfg):
    from pantau.dashboard.app import create_app

    return create_app(cfg, store, clock=lambda: NOW).server.test_client()


def find(tree, component_id):
    out = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and props.get("id") == component_id:
                out.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(tree)
    return out


def texts(node):
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for n in node for t in texts(n)]
    if isinstance(node, dict):
        props = node.get("props") or {}
        return [t for k in ("children",) for t in texts(props.get(k))]
    return []


def test_the_card_with_complaint_data(sqlite_store):
    cfg = config()
    seed(sqlite_store)
    write_today(sqlite_store, cfg, {OVERDUE_METRIC}, NOW)
    page = json.loads(render(client_for(sqlite_store, cfg), "/"))
    cards = find(page, f"ov-card-aduan-{OVERDUE_METRIC}")
    assert len(cards) == 1
    words = texts(cards[0])
    assert "Aduan lewat tenggat" in words and "6" in words  # the hand-computed fixture
    links = [n for n in json.dumps(cards[0]).split('"href": ')[1:]]
    assert links and links[0].startswith('"/aduan"')
    # once only: the screen "aduan" shows the metric too, but not as a second card
    assert json.dumps(page).count(f'"data-metric": "{OVERDUE_METRIC}"') == 1


def test_no_card_without_complaint_data_or_without_the_metric(sqlite_store):
    cfg = config()
    page = render(client_for(sqlite_store, cfg), "/")
    assert "ov-screen-aduan" not in page
    seed(sqlite_store)
    plain = config(metrics=[{"name": "x", "title": "X"}], screens=[])
    assert "ov-screen-aduan" not in render(client_for(sqlite_store, plain), "/")
