"""``/media``: what the press says, across the five channels.

Attention over time (per outlet, channel, topic or sentiment), share of voice, the latest
articles (safe links, times in the site's zone, topics, sentiment in the page language) and the
top words of the period. Filters (period, outlet, channel, topic) and the grouping live in the
URL: ``/media?period=30d&channel=media_massa&topic=spbe&by=topic``.

Every number comes from ``data.articles`` (counted in the database); figures are the pure
functions of ``dashboard.figures.media_*``. Feed text is only ever a text child.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate
from pantau.dashboard import fmt
from pantau.dashboard.components.report_button import follow_search, report_buttons
from pantau.dashboard.components.url_state import parse_search
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures.media_attention import media_attention
from pantau.dashboard.figures.media_share import media_share
from pantau.dashboard.figures.media_style import CHANNEL, SENTIMENT, empty_figure
from pantau.dashboard.figures.media_words import media_words
from pantau.dashboard.figures.style import graph_config
from pantau.dashboard.i18n import t
from pantau.dashboard.pages._media_articles import (
    article_list,
    channel_name,
    sentiment_name,
    topic_name,
)
from pantau.dashboard.pages._media_filters import buttons, filters
from pantau.dashboard.pages._media_state import (
    BYS,
    MediaState,
    make_search,
    read_state,
    window,
)
from pantau.data import articles as A

ROUTE = "/media"
LATEST = 30
WORDS = 20
NO_BUTTONS = ["select2d", "lasso2d", "autoScale2d"]
ATTENTION_HEIGHT, SHARE_HEIGHT, WORDS_HEIGHT = 290, 290, 470


@dataclass
class MediaData:
    """Everything one view of the page shows, asked of ``data.articles`` in one go."""

    start: int
    end: int
    step: str
    total: int
    outlets: int
    attention: pd.DataFrame
    share: pd.DataFrame
    sentiment: pd.DataFrame
    latest: pd.DataFrame
    words: list
    word_articles: int


def topics_of(ctx: AppContext) -> list[str]:
    return list(ctx.config.media.topics)


def fetch(ctx: AppContext, state: MediaState, now: float) -> MediaData:
    """The page's data for ``state`` at ``now``."""
    start, end, step = window(state.period, now, ctx.tz)
    f = state.filters()
    if state.by == "topic":
        attention = A.topic_series(ctx.store, topics_of(ctx), start, end, ctx.tz, step, **f)
    else:
        attention = A.article_counts(ctx.store, start, end, ctx.tz, state.by, step, **f)
    share = A.share_of_voice(ctx.store, start, end, **f)
    total = int(share["count"].sum())
    return MediaData(
        start=start, end=end, step=step, total=total, outlets=len(share), attention=attention,
        share=share, sentiment=A.breakdown(ctx.store, start, end, "sentiment", **f),
        latest=A.articles(ctx.store, start, end, limit=LATEST, **f),
        words=A.top_words(ctx.store, start, end, n=WORDS, **f),
        word_articles=min(total, A.TEXT_LIMIT))


def cached(ctx: AppContext, state: MediaState) -> MediaData:
    """``fetch`` through the query cache: every viewer of the same view within the cache ttl
    (and the same minute) shares one set of queries."""
    now = ctx.clock()
    key = f"media:{state}:{int(now) // 60}"
    return ctx.cache.get_or_set(key, ctx.config.web.cache_ttl, lambda: fetch(ctx, state, now))


def names_for(by: str, lang: str, keys) -> dict[str, str]:
    """Display names of the values of ``by``."""
    if by == "channel":
        return {k: channel_name(k, lang) for k in keys}
    if by == "sentiment":
        return {k: sentiment_name(k or None, lang) for k in keys}
    if by == "topic":
        return {k: topic_name(k) for k in keys}
    return {k: k or t("media.outlet.none", lang) for k in keys}


# -- views -----------------------------------------------------------------------------------
def attention_figure(ctx: AppContext, d: MediaData, by: str, lang: str):
    tz = ctx.tz
    if by == "topic" and not topics_of(ctx):
        return empty_figure(t("media.no_topics", lang), lang, ATTENTION_HEIGHT)
    if d.total == 0 or (d.attention.empty and by != "topic"):
        return empty_figure(t("media.empty", lang), lang, ATTENTION_HEIGHT)
    fixed = {"channel": CHANNEL, "sentiment": SENTIMENT}.get(by)
    return media_attention(d.attention, by, lang, tz,
                           names=names_for(by, lang, d.attention[by].unique()),
                           fixed_colours=fixed, stacked=by != "topic",
                           other=t("media.other", lang), height=ATTENTION_HEIGHT,
                           always=topics_of(ctx) if by == "topic" else ())


def share_figure(d: MediaData, lang: str):
    if d.share.empty:
        return empty_figure(t("media.empty", lang), lang, SHARE_HEIGHT)
    return media_share(d.share, "outlet", lang,
                       names=names_for("outlet", lang, d.share["outlet"]), height=SHARE_HEIGHT)


def words_figure(d: MediaData, lang: str):
    if not d.words:
        return empty_figure(t("media.empty", lang), lang, WORDS_HEIGHT)
    return media_words(d.words, lang, height=WORDS_HEIGHT)


def summary(d: MediaData, lang: str):
    """Counts of the view: articles, outlets and the sentiment split."""
    def stat(value, key, extra=""):
        return html.Div([html.Span(value, className="media-stat-value"),
                         html.Span(t(key, lang), className="media-stat-label")],
                        className=f"media-stat {extra}")

    counts = dict(zip(d.sentiment["sentiment"], d.sentiment["count"], strict=True))
    parts = []
    for label in ("positive", "neutral", "negative"):
        n = int(counts.get(label, 0))
        pct = fmt.number(100 * n / d.total, lang, 0) + "%" if d.total else "–"
        parts.append(html.Span([html.Span(className=f"media-dot media-dot-{label}"),
                                f"{sentiment_name(label, lang)} {pct}"],
                               className="media-sent-part", id=f"media-sent-{label}"))
    return [stat(fmt.number(d.total, lang, 0), "media.kpi.articles"),
            stat(fmt.number(d.outlets, lang, 0), "media.kpi.outlets"),
            html.Div([html.Span(t("media.sentiment.title", lang), className="media-stat-label"),
                      html.Div(parts, className="media-sent-parts")],
                     className="media-stat media-stat-sentiment")]


def subtitle(d: MediaData, lang: str, tz: str) -> str:
    return t("media.subtitle", lang, n=fmt.number(d.total, lang, 0),
             start=fmt.when(d.start, lang, tz), end=fmt.when(d.end - 1, lang, tz))


def words_note(d: MediaData, lang: str) -> str:
    if not d.word_articles:
        return ""
    return t("media.words.note", lang, n=fmt.number(d.word_articles, lang, 0))


# -- layout ----------------------------------------------------------------------------------
def _card(title, body, extra=None, card_id=None, note=None):
    head = [html.H2(title, className="media-card-title")]
    if extra is not None:
        head.append(extra)
    children = [html.Div(head, className="media-card-head")]
    if note is not None:
        children.append(note)
    children.append(body)
    return html.Section(children, className="media-card", id=card_id)


def _graph(component_id: str, figure, height: int, lang: str):
    return dcc.Graph(id=component_id, figure=figure,
                     config=graph_config(lang, modeBarButtonsToRemove=NO_BUTTONS),
                     style={"height": f"{height}px"})


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    state = read_state(params, topics_of(ctx))
    d = cached(ctx, state)
    by_options = [(b, t(f"media.by.{b}", lang)) for b in BYS]
    return html.Div(dbc.Container([
        html.Div([
            html.Div([html.H1(t("media.title", lang), className="media-title"),
                      html.Div(subtitle(d, lang, ctx.tz), id="media-subtitle",
                               className="media-subtitle")]),
            filters(ctx, state, lang),
            report_buttons("media", "media", make_search(state, params.get("lang")), lang),
        ], className="media-header"),
        html.Div(summary(d, lang), id="media-summary", className="media-summary"),
        dbc.Row([
            dbc.Col(_card(t("media.attention.title", lang),
                          _graph("media-attention", attention_figure(ctx, d, state.by, lang),
                                 ATTENTION_HEIGHT, lang),
                          extra=buttons("media-by", state.by, by_options),
                          card_id="media-attention-card"), lg=8, className="mb-3"),
            dbc.Col(_card(t("media.share.title", lang),
                          _graph("media-share", share_figure(d, lang), SHARE_HEIGHT, lang),
                          card_id="media-share-card",
                          note=html.P(t("media.share.note", lang), className="media-note")),
                    lg=4, className="mb-3"),
        ]),
        dbc.Row([
            dbc.Col(_card(t("media.latest.title", lang),
                          html.Div(article_list(d.latest, d.total, lang, ctx.tz),
                                   id="media-latest", className="media-latest"),
                          card_id="media-latest-card"), lg=8, className="mb-3"),
            dbc.Col(_card(t("media.words.title", lang),
                          _graph("media-words", words_figure(d, lang), WORDS_HEIGHT, lang),
                          card_id="media-words-card",
                          note=html.P(words_note(d, lang), id="media-words-note",
                                      className="media-note")),
                    lg=4, className="mb-3"),
        ]),
    ], fluid=True), className="media-page")


def register(app, ctx: AppContext) -> None:
    follow_search(app, "media", "media", lambda path: path == ROUTE)

    @app.callback(
        Output("media-subtitle", "children"), Output("media-summary", "children"),
        Output("media-attention", "figure"), Output("media-share", "figure"),
        Output("media-latest", "children"), Output("media-words", "figure"),
        Output("media-words-note", "children"),
        Output("url", "search", allow_duplicate=True),
        Input("media-period", "value"), Input("media-outlet", "value"),
        Input("media-channel", "value"), Input("media-topic", "value"),
        Input("media-by", "value"), State("url", "search"), prevent_initial_call=True)
    def _update(period, outlet, channel, topic, by, search):
        params = parse_search(search)
        asked_lang = params.get("lang")
        lang = ctx.lang(asked_lang)
        state = read_state({"period": period, "outlet": outlet, "channel": channel,
                            "topic": topic, "by": by}, topics_of(ctx))
        if state == read_state(params, topics_of(ctx)):
            # Dash fires this once when the page is inserted (its outputs include the URL, which
            # is not inserted with it): the layout already shows this state, and the URL holds it.
            raise PreventUpdate
        d = cached(ctx, state)
        return (subtitle(d, lang, ctx.tz), summary(d, lang),
                attention_figure(ctx, d, state.by, lang), share_figure(d, lang),
                article_list(d.latest, d.total, lang, ctx.tz), words_figure(d, lang),
                words_note(d, lang), make_search(state, asked_lang))
