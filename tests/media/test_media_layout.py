"""The /media layout built server-side (no browser): every period and grouping, empty or not."""

from __future__ import annotations

import json

import pytest
from media_fixtures import NOW, load_tempo, media_config
from pantau.dashboard.cache import Cache
from pantau.dashboard.context import AppContext
from pantau.dashboard.pages import media
from pantau.dashboard.pages._media_state import BYS, PERIODS
from plotly.utils import PlotlyJSONEncoder


def tree_text(component) -> str:
    """Every string in a Dash component tree (children and props), figures as JSON."""
    return json.dumps(component.to_plotly_json(), cls=PlotlyJSONEncoder,
                      ensure_ascii=False) if hasattr(component, "to_plotly_json") else str(component)


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("by", BYS)
def test_layout_without_articles(sqlite_store, period, by):
    ctx = AppContext(media_config(), sqlite_store, clock=lambda: NOW, cache=Cache())
    text = tree_text(media.layout(ctx, "id", {"period": period, "by": by}, "/media"))
    assert "Belum ada artikel untuk periode dan filter ini." in text
    assert "Media ruang publik" in text  # the five channels are offered even with no data


@pytest.mark.realdata
def test_layout_on_tempo_in_english(sqlite_store):
    load_tempo(sqlite_store)
    ctx = AppContext(media_config(), sqlite_store, clock=lambda: NOW, cache=Cache())
    text = tree_text(media.layout(ctx, "en", {"period": "90d", "topic": "bencana",
                                              "by": "channel", "lang": "en"}, "/media"))
    assert "2 articles · 9 Mar 2026 19:00 WITA – 7 Jun 2026 18:59 WITA" in text
    assert "Gempa, KAI Sempat Hentikan Perjalanan KA Siliwangi" in text
    assert "Mass media" in text and "Media massa" not in text
