"""The pure figure functions of the media page, the five channel names and the page state."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from pantau.dashboard.figures.media_attention import media_attention
from pantau.dashboard.figures.media_share import media_share
from pantau.dashboard.figures.media_style import CHANNEL, SENTIMENT, empty_figure, label
from pantau.dashboard.figures.media_words import media_words
from pantau.dashboard.i18n import t
from pantau.dashboard.pages._media_state import MediaState, make_search, read_state, window
from pantau.data import periods
from pantau.data.channels import CHANNELS, check_channel, is_channel

WITA = "Asia/Makassar"


def day(d: int) -> int:
    return int(datetime(2026, 6, d, tzinfo=ZoneInfo(WITA)).timestamp())


def frame(rows, by="outlet", buckets=None, step="day"):
    df = pd.DataFrame(rows, columns=["ts", by, "count"])
    df.attrs.update(buckets=buckets or sorted({r[0] for r in rows}), step=step)
    return df


def test_five_channels_with_names_in_both_languages():
    assert CHANNELS == ("media_massa", "media_interaktif", "media_digital",
                        "media_ruang_publik", "media_tradisional")
    assert [t(f"media.channel.{c}", "id") for c in CHANNELS] == [
        "Media massa", "Media interaktif", "Media digital", "Media ruang publik",
        "Media tradisional"]
    assert t("media.channel.media_massa", "en") == "Mass media"
    assert set(CHANNEL) == set(CHANNELS)
    assert check_channel("media_digital") == "media_digital"
    for bad in ("Media Massa", " media_massa", "radio", None, 3):
        assert not is_channel(bad)
        with pytest.raises(ValueError, match="use one of media_massa, media_interaktif"):
            check_channel(bad)


def test_attention_fills_empty_days_and_stacks_parts():
    buckets = [day(d) for d in (1, 2, 3, 4)]
    df = frame([(day(1), "Suara NTB", 3), (day(1), "Lombok Post", 1), (day(3), "Suara NTB", 2)],
               buckets=buckets)
    fig = media_attention(df, "outlet", "id", WITA)
    assert [tr.name for tr in fig.data] == ["Suara NTB", "Lombok Post"]  # largest first
    assert list(fig.data[0].y) == [3, 0, 2, 0] and list(fig.data[1].y) == [1, 0, 0, 0]
    assert fig.layout.barmode == "stack" and fig.data[0].type == "bar"
    assert list(fig.layout.xaxis.ticktext) == ["1 Jun", "2 Jun", "3 Jun", "4 Jun"]
    assert fig.layout.separators == ",."
    assert fig.data[0].customdata[0][0] == "Senin, 1 Juni 2026"  # hover date in Indonesian


def test_attention_topics_as_lines_and_other_bucket():
    rows = [(day(1), f"outlet{i}", 10 - i) for i in range(10)]
    fig = media_attention(frame(rows), "outlet", "en", WITA, max_series=3, other="Other")
    assert [tr.name for tr in fig.data] == ["outlet0", "outlet1", "outlet2", "Other"]
    assert list(fig.data[-1].y) == [sum(10 - i for i in range(3, 10))]
    lines = media_attention(frame([(day(1), "spbe", 2)], "topic"), "topic", "en", WITA,
                            names={"spbe": "spbe"}, stacked=False)
    assert lines.data[0].type == "scatter" and lines.layout.separators == ".,"


def test_attention_hours_and_fixed_colours():
    h = int(datetime(2026, 6, 7, 9, tzinfo=ZoneInfo(WITA)).timestamp())
    df = frame([(h, "negative", 2), (h + 3600, "positive", 1)], "sentiment",
               buckets=[h, h + 3600], step="hour")
    fig = media_attention(df, "sentiment", "id", WITA, fixed_colours=SENTIMENT,
                          names={"negative": "negatif", "positive": "positif"})
    assert list(fig.layout.xaxis.ticktext) == ["09:00", "10:00"]
    colour = {tr.name: tr.marker.color for tr in fig.data}
    assert colour == {"negatif": SENTIMENT["negative"], "positif": SENTIMENT["positive"]}


def test_feed_text_is_inert_in_figures():
    evil = '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>'
    assert "<" not in label(evil)
    fig = media_share(pd.DataFrame({"outlet": [evil], "count": [1], "share": [1.0]}),
                      "outlet", "id")
    assert "<" not in fig.data[0].y[0]
    words = media_words([(evil, 3)], "id")
    assert "<" not in words.data[0].y[0]
    assert "<" not in empty_figure(evil, "id").layout.annotations[0].text


def test_share_labels_and_words_order():
    df = pd.DataFrame({"outlet": ["A", "B"], "count": [3, 1], "share": [0.75, 0.25]})
    fig = media_share(df, "outlet", "id")
    assert list(fig.data[0].y) == ["B", "A"]  # Plotly draws the first bar at the bottom
    assert list(fig.data[0].text) == ["25% · 1", "75% · 3"]
    en = media_share(pd.DataFrame({"outlet": ["A"], "count": [1234], "share": [0.125]}),
                     "outlet", "en")
    assert en.data[0].text == ("12.5% · 1,234",)
    words = media_words([("harga", 20), ("rupiah", 16)], "id")
    assert list(words.data[0].y) == ["rupiah", "harga"]


def test_state_from_the_url_is_cleaned():
    topics = ["spbe", "pariwisata"]
    s = read_state({"period": "30d", "outlet": "Suara NTB", "channel": "media_massa",
                    "topic": "spbe", "by": "topic"}, topics)
    assert s == MediaState("30d", "Suara NTB", "media_massa", "spbe", "topic")
    assert make_search(s, "en") == ("?period=30d&outlet=Suara+NTB&channel=media_massa"
                                    "&topic=spbe&by=topic&lang=en")
    bad = read_state({"period": "1y", "channel": "radio", "topic": "gone", "by": "x",
                      "outlet": "*"}, topics)
    assert bad == MediaState() and make_search(bad, None) == ""


def test_windows_are_the_periods_of_every_page():
    # "7d" on /media is the window data.periods gives the cards, the wall and the API.
    now = int(datetime(2026, 6, 7, 18, 20, tzinfo=ZoneInfo(WITA)).timestamp())
    end_of_hour = now - 20 * 60 + 3600
    assert window("7d", now, WITA) == (*periods.window("7d", now, WITA), "day")
    assert window("7d", now, WITA) == (end_of_hour - 7 * 86400, end_of_hour, "day")
    assert window("30d", now, WITA)[:2] == periods.window("30d", now, WITA)
    start, end, step = window("24h", now, WITA)
    assert step == "hour" and (start, end) == (end_of_hour - 86400, end_of_hour)
