"""The filter bar of ``/media``: period buttons, outlet, channel and topic selects, and the
button group that picks how attention is grouped. Ids: ``media-period``, ``media-outlet``,
``media-channel``, ``media-topic`` (``media-by`` is built with ``buttons``)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.pages._media_articles import channel_name, topic_name
from pantau.dashboard.pages._media_state import ALL, PERIODS, MediaState
from pantau.data import articles as A
from pantau.data.channels import CHANNELS


def buttons(component_id: str, value: str, options: list[tuple[str, str]]):
    """A Bootstrap button group of ``(value, label)`` options, one of them active."""
    return dbc.RadioItems(id=component_id, value=value,
                          options=[{"label": lab, "value": v} for v, lab in options],
                          className="btn-group media-buttons", inputClassName="btn-check",
                          labelClassName="btn btn-outline-primary btn-sm",
                          labelCheckedClassName="active")


def _select(component_id: str, value: str, all_label: str, options: list[tuple[str, str]]):
    return dbc.Select(id=component_id, value=value or ALL, size="sm", className="media-select",
                      options=[{"label": all_label, "value": ALL}]
                      + [{"label": lab, "value": v} for v, lab in options])


def _filter(label_key: str, component, lang: str, for_id: str):
    return html.Div([html.Label(t(label_key, lang), htmlFor=for_id, className="media-label"),
                     component], className="media-filter")


def _outlet_option(source) -> str:
    # Options are the kind's pydantic model once validated, a plain mapping before.
    opts = source.options
    value = opts.get("outlet") if isinstance(opts, dict) else getattr(opts, "outlet", None)
    return str(value) if value else ""


def outlet_choices(ctx: AppContext, current: str = "") -> list[str]:
    """Outlets seen in stored articles, configured on rss sources, and the one in the URL."""
    named = {_outlet_option(s) for s in ctx.config.sources if s.kind == "rss"}
    return sorted((set(A.distinct_values(ctx.store, "outlet")) | named | {current}) - {""})


def filters(ctx: AppContext, state: MediaState, lang: str):
    """The four filters with their labels, wrapping on narrow screens."""
    outlets = outlet_choices(ctx, state.outlet)
    return html.Div([
        _filter("media.filter.period", buttons(
            "media-period", state.period, [(p, t(f"media.period.{p}", lang)) for p in PERIODS]),
            lang, "media-period"),
        _filter("media.filter.outlet", _select(
            "media-outlet", state.outlet, t("media.filter.all_outlets", lang),
            [(o, o) for o in outlets]), lang, "media-outlet"),
        _filter("media.filter.channel", _select(
            "media-channel", state.channel, t("media.filter.all_channels", lang),
            [(c, channel_name(c, lang)) for c in CHANNELS]), lang, "media-channel"),
        _filter("media.filter.topic", _select(
            "media-topic", state.topic, t("media.filter.all_topics", lang),
            [(tp, topic_name(tp)) for tp in list(ctx.config.media.topics)]), lang, "media-topic"),
    ], className="media-filters")
