"""The list of latest articles on ``/media``.

Feed text is shown as text only: every title, summary and outlet is a plain string child
(React escapes it), never HTML. A title links to the original only when ``is_safe_link`` says
the URL is http(s); the link opens in a new tab with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import pandas as pd
from dash import html
from pantau.dashboard import fmt
from pantau.dashboard.i18n import t
from pantau.data.urls import is_safe_link

SUMMARY_CHARS = 280


def channel_name(code: str, lang: str) -> str:
    """``Media massa`` / ``Mass media`` for a channel code; an unknown code as stored."""
    try:
        return t(f"media.channel.{code}", lang)
    except KeyError:
        return code or "–"


def sentiment_name(label: str | None, lang: str) -> str:
    """``positif`` / ``positive``…, in the page language."""
    if label in ("positive", "neutral", "negative"):
        return t(f"sentiment.{label}", lang)
    return t("media.sentiment.none", lang)


def topic_name(topic: str) -> str:
    """A topic key of config.yaml as people read it: ``layanan_publik`` -> ``layanan publik``."""
    return topic.replace("_", " ")


def _shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = text or ""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def title_element(title: str, url: str, lang: str):
    """The title: a safe external link, or plain text when the URL is not http(s)."""
    title = title or "–"
    if is_safe_link(url):
        return html.A(title, href=url.strip(), target="_blank", rel="noopener noreferrer",
                      title=t("media.latest.open", lang), className="media-article-link")
    return html.Span(title, className="media-article-nolink",
                     title=t("media.latest.no_link", lang))


def article_item(row, lang: str, tz: str) -> html.Li:
    """One article: title, meta line (outlet · channel · time), summary, topic and sentiment."""
    ts = row.published_ts if pd.notna(row.published_ts) else row.fetched_ts
    sentiment = row.sentiment if isinstance(row.sentiment, str) else None
    meta = [html.Span(row.outlet or t("media.outlet.none", lang), className="media-outlet"),
            html.Span(channel_name(row.channel, lang), className="media-channel"),
            html.Time(fmt.when(int(ts), lang, tz), className="media-time")]
    tags = [html.Span(topic_name(tp), className="media-topic") for tp in row.topics]
    tags.append(html.Span(sentiment_name(sentiment, lang),
                          className=f"media-sentiment media-sentiment-{sentiment or 'none'}"))
    children = [html.Div(title_element(row.title, row.url, lang), className="media-article-title"),
                html.Div(meta, className="media-article-meta")]
    if row.summary:
        children.append(html.P(_shorten(row.summary), className="media-article-summary"))
    children.append(html.Div(tags, className="media-article-tags"))
    return html.Li(children, className="media-article")


def article_list(df: pd.DataFrame, total: int, lang: str, tz: str):
    """The newest articles (``data.articles.articles`` rows) with a count line."""
    if df.empty:
        return html.P(t("media.empty", lang), className="media-empty")
    return html.Div([
        html.Div(t("media.latest.count", lang, n=fmt.number(len(df), lang, 0),
                   total=fmt.number(total, lang, 0)), className="media-latest-count"),
        html.Ul([article_item(row, lang, tz) for row in df.itertuples(index=False)],
                className="media-articles"),
    ])
