"""The wall's header (site, screen title, clock with zone label, date), the strip naming the
sources that are down, and the headline ticker."""

from __future__ import annotations

import json

from babel.dates import get_day_names, get_month_names
from dash import html
from pantau.dashboard import fmt
from pantau.dashboard.i18n import t
from pantau.data.zones import utc_offset, zone_label

TICKER_SECONDS_PER_CHAR = 0.16
TICKER_MIN_SECONDS = 40


def clock_data(tz: str, lang: str, now: float) -> dict:
    """``data-*`` attributes the page's script needs for the clock, in the site's zone: the
    zone, its label and current UTC offset, and day/month names in the language (so the date
    reads in Bahasa Indonesia whatever the browser's locale)."""
    locale = fmt.LOCALES.get(lang, "id_ID")
    days = get_day_names("wide", locale=locale)  # 0 = Monday
    months = get_month_names("wide", locale=locale)
    return {
        "data-tz": tz, "data-zone": zone_label(tz),
        "data-offset": str(utc_offset(now, tz)),
        "data-days": json.dumps([days[6]] + [days[i] for i in range(6)], ensure_ascii=False),
        "data-months": json.dumps([months[i] for i in range(1, 13)], ensure_ascii=False),
    }


def header(site: str, demo: bool, titles: list[str], tz: str, lang: str, now: float):
    """Site name, the current screen's title, one dot per screen, the connection mark, the
    DEMO badge and the clock."""
    dots = [html.Span(className="wall-dot" + (" is-active" if i == 0 else ""),
                      id={"type": "wall-dot", "index": i}) for i in range(len(titles))]
    status = []
    if demo:
        status.append(html.Span(t("common.demo", lang), className="wall-demo", id="wall-demo"))
    status.append(html.Span("", id="wall-conn", className="wall-conn"))
    return html.Div([
        html.Div([html.Div(site, className="wall-site"),
                  html.Div(titles[0] if titles else "", id="wall-screen-title",
                           className="wall-screen-title")], className="wall-brand"),
        html.Div(dots if len(titles) > 1 else [], className="wall-dots"),
        html.Div(status, className="wall-status"),
        html.Div([
            html.Div([html.Span(fmt.clock(now, lang, tz, seconds=True).split(" ")[0],
                                id="wall-clock-time", className="wall-clock-time"),
                      html.Span(zone_label(tz), className="wall-zone")],
                     id="wall-clock", className="wall-clock"),
            html.Div(fmt.long_date(now, lang, tz), id="wall-date", className="wall-date"),
        ], className="wall-time"),
    ], className="wall-header")


def down_strip(cfg, ids: list[str], lang: str) -> tuple[str, str]:
    """Children and class of the strip naming (by their titles) the sources that are down
    (hidden when none)."""
    if not ids:
        return "", "wall-down"
    names = [(s.title_in(lang) if (s := cfg.source(i)) is not None else i) for i in ids]
    return t("wall.down", lang, names=", ".join(names)), "wall-down is-shown"


def ticker_track(items: list[dict], lang: str) -> html.Div:
    """The scrolling line of headlines: the list written twice so the loop is seamless.
    Plain text only."""
    if not items:
        return html.Div(html.Span(t("wall.no_news", lang), className="wall-tick"),
                        className="wall-ticker-track is-still")
    spans = []
    for item in items:
        spans.append(html.Span([html.B(item["outlet"] + " "), item["title"]],
                               className="wall-tick"))
    chars = sum(len(i["title"]) + len(i["outlet"]) + 6 for i in items)
    seconds = max(TICKER_MIN_SECONDS, round(chars * TICKER_SECONDS_PER_CHAR))
    return html.Div([html.Div(spans, className="wall-ticker-run"),
                     html.Div(spans, className="wall-ticker-run", **{"aria-hidden": "true"})],
                    className="wall-ticker-track",
                    style={"animationDuration": f"{seconds}s"})


def ticker(items: list[dict], lang: str) -> html.Div:
    return html.Div([html.Div(t("wall.headlines", lang), className="wall-ticker-label"),
                     html.Div(ticker_track(items, lang), id="wall-ticker",
                              className="wall-ticker-window")], className="wall-ticker")
