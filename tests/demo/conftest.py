"""Fixtures of the demo's tests: the demo config rendered for a temporary folder."""

from __future__ import annotations

import pytest
from pantau.demo import render_config


def demo_config(folder, feeds: str = "http://127.0.0.1:9", pantau: str = "http://127.0.0.1:8"):
    """The demo config rendered for ``folder`` (store and sources inside it), validated."""
    from pantau.config import load

    path = folder / "demo-config.yaml"
    path.write_text(render_config({
        "STORE_URL": f"sqlite:///{folder / 'demo.db'}", "FEEDS": feeds,
        "SOURCES": str(folder / "demo-sources"), "PANTAU": pantau}), encoding="utf-8")
    return load(str(path))


@pytest.fixture
def render_demo():
    """``render_demo(folder, feeds=..., pantau=...)``: the demo config for ``folder``."""
    return demo_config


@pytest.fixture
def demo_cfg(tmp_path):
    return demo_config(tmp_path)


@pytest.fixture
def demo_store(demo_cfg):
    from pantau.data.store import Store

    s = Store(demo_cfg.store.url, retention_days=demo_cfg.store.retention_days)
    s.upgrade()
    yield s
    s.dispose()
