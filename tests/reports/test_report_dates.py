"""The words of a report: the period as a letter writes it, the generated-at and the file
stamp in the site's zone (``dashboard.fmt``), and the kop surat's checks
(``data.config_reports``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

WITA = "Asia/Makassar"


def ts(*a, tz=WITA) -> float:
    return datetime(*a, tzinfo=ZoneInfo(tz)).timestamp()


@pytest.mark.parametrize("start,end,words", [
    (ts(2026, 11, 1), ts(2026, 12, 1), "1–30 November 2026"),
    (ts(2026, 11, 25), ts(2026, 12, 2), "25 November – 1 Desember 2026"),
    (ts(2025, 12, 28), ts(2026, 1, 4), "28 Desember 2025 – 3 Januari 2026"),
    (ts(2026, 12, 1), ts(2026, 12, 2), "1 Desember 2026"),
    (ts(2026, 12, 1, 10), ts(2026, 12, 1, 11), "1 Desember 2026"),
])
def test_period_words(start, end, words):
    from pantau.dashboard.fmt import period_words

    assert period_words(start, end, "id", WITA) == words


def test_period_words_in_the_sites_zone_and_english():
    from pantau.dashboard.fmt import period_words

    # 1 November 00:00 WIB is 31 October 17:00 UTC: the site's zone decides the day
    assert period_words(ts(2026, 11, 1, tz="Asia/Jakarta"), ts(2026, 12, 1, tz="Asia/Jakarta"),
                        "id", "Asia/Jakarta") == "1–30 November 2026"
    assert period_words(ts(2026, 11, 1), ts(2026, 12, 1), "en", WITA) == "1–30 November 2026"


def test_stamp_and_file_stamp():
    from pantau.dashboard.fmt import file_stamp, stamp

    t = ts(2026, 12, 1, 9, 15)
    assert stamp(t, "id", WITA) == "Selasa, 1 Desember 2026 09.15 WITA"
    assert stamp(t, "en", WITA) == "Tuesday, 1 December 2026 09:15 WITA"
    assert stamp(t, "id", "Asia/Jayapura") == "Selasa, 1 Desember 2026 10.15 WIT"
    assert file_stamp(t, WITA) == "2026-12-01-0915-WITA"


def _check(letterhead: dict) -> list[str]:
    from pantau.data.config import parse_config
    from pantau.data.config_file import ConfigError

    try:
        parse_config({"site": {"letterhead": letterhead}})
    except ConfigError as exc:
        return exc.problems
    return []


def test_letterhead_logo_is_checked(tmp_path):
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert _check({"logo": str(png), "lines": ["PEMERINTAH KOTA MATARAM"]}) == []
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert _check({"logo": str(svg)}) == []
    (p,) = _check({"logo": str(tmp_path / "none.png")})
    assert p.startswith("site.letterhead.logo") and "no such file" in p
    gif = tmp_path / "logo.gif"
    gif.write_bytes(b"GIF89a")
    assert "must be a .png, .jpg/.jpeg or .svg" in _check({"logo": str(gif)})[0]
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert "is not a JPG image" in _check({"logo": str(fake)})[0]
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 1_000_001)
    assert "at most 1,000,000" in _check({"logo": str(big)})[0]
    assert "1 to 200 characters" in _check({"lines": [""]})[0]
    assert _check({"lines": ["a"] * 6})[0].startswith("site.letterhead.lines")


def test_reports_config_is_checked():
    from pantau.data.config import parse_config
    from pantau.data.config_file import ConfigError

    raw = {"metrics": [{"name": "m", "title": "M"}],
           "screens": [{"id": "s", "title": "S", "tiles": [{"metric": "m", "view": "kpi"}]}],
           "alerts": {"channels": [{"id": "hook", "type": "webhook", "url": "http://x"}]},
           "reports": [{"id": "ok", "page": "screen", "screen": "s", "cron": "0 7 * * mon",
                        "channels": ["hook"]},
                       {"id": "bad", "page": "metric", "metric": "nope", "cron": "7 am",
                        "channels": ["tg"], "format": "docx"},
                       {"id": "ok", "page": "screen", "screen": "x", "region": "31.71"}]}
    with pytest.raises(ConfigError) as err:
        parse_config(raw)
    text = "\n".join(err.value.problems)
    assert "reports[1].cron: '7 am' is not a crontab expression" in text
    assert "reports[1].format: Input should be 'pdf' or 'png'" in text
    assert "reports[2].id: 'ok' is used twice" in text
    assert "reports[2].screen: page screen needs a screen id of screens (got 'x')" in text
    assert "reports[2].region: region '31.71'" in text and "outside the site's area" in text
    raw["reports"][1] = {"id": "bad", "page": "metric", "metric": "nope", "channels": ["tg"]}
    raw["reports"] = raw["reports"][:2]
    with pytest.raises(ConfigError) as err:
        parse_config(raw)
    assert err.value.problems == [
        "reports[1].metric: page metric needs a metric of metrics (got 'nope')",
        "reports[1].channels[0]: 'tg' is not in alerts.channels"]
    raw["reports"] = raw["reports"][:1]
    cfg = parse_config(raw)
    assert cfg.report("ok").cron == "0 7 * * mon" and cfg.report("ok").format == "pdf"
