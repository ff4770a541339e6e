"""``/sources``: the health of every source at a glance, like Prometheus' targets page.

One row per configured source, the worst first: status (UP green, PENDING amber, DOWN red,
not run yet grey), last run, last success, next run (times in the site's zone), a STALE flag
when it has not succeeded for twice its interval (or its metrics' ``stale_after``), samples and
rejected rows of the last run, its duration and the last error (in full for admins, its
category for everyone else: ``dashboard.source_errors``). Everything comes from
``data.health.source_health`` (the ``runs`` table); the page refreshes itself every
``web.min_refresh`` seconds (``?refresh=60`` asks for slower).
"""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import catalogue, t
from pantau.dashboard.source_errors import error_text
from pantau.data.durations import format_duration
from pantau.data.health import config_health, one_status, stale_limits

ROUTE = "/sources"
COLOURS = {"UP": "success", "PENDING": "warning", "DOWN": "danger", "NEW": "secondary",
           "DISABLED": "light", "STALE": "danger"}
ORDER = {"DOWN": 0, "STALE": 1, "PENDING": 2, "NEW": 3, "UP": 4, "DISABLED": 5}
"""Worst first; also the order of the counts above the table."""
ERROR_CHARS = 160
SECONDS_BELOW = 300
"""Sources that run more often than this show their times to the second: the next retry of
a 30-second source must be tellable from the last."""


def health(ctx: AppContext) -> pd.DataFrame:
    """The health table of every configured source, now, worst first."""
    cfg = ctx.config
    df = config_health(ctx.store, cfg, ctx.clock())
    if df.empty:
        return df
    # A stale source (no success for too long: is the worker running?) goes right after the
    # sources that are down.
    one = [one_status(s, bool(x)) for s, x in zip(df["status"], df["stale"], strict=True)]
    df = df.assign(state=one)
    rank = df["state"].map(ORDER).fillna(2)
    # within a status, as people read the list: by title (the id when there is none)
    title = [(s.title_in(cfg.site.language) if (s := cfg.source(i)) else i).casefold()
             for i in df["source_id"]]
    return (df.assign(_rank=rank, _title=title).sort_values(["_rank", "_title", "source_id"])
            .drop(columns=["_rank", "_title"]))


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _when(ts, lang: str, tz: str, seconds: bool = False) -> str:
    return fmt.when(None if _missing(ts) else float(ts), lang, tz, seconds)


def _kind(kind: str, lang: str) -> str:
    key = f"sources.kind.{kind}"
    return t(key, lang) if key in catalogue() else kind


def _schedule(src, lang: str) -> str:
    if src is None:
        return ""
    if src.cron:
        return t("sources.schedule.cron", lang, cron=src.cron)
    return t("sources.schedule.every", lang, every=format_duration(src.every))


def row(r, ctx: AppContext, lang: str):
    """One table row for the health record ``r``."""
    tz = ctx.tz
    sid = r["source_id"]
    status, one = r["status"], r["state"]
    src = ctx.config.source(sid)
    hint = t(f"status.{status}", lang)
    if one == "STALE":
        limit = stale_limits(ctx.config).get(sid) or 2 * int(r["interval_s"])
        hint = t("sources.stale.hint", lang, limit=format_duration(limit)) + \
            " · " + t("sources.last_run_said", lang, status=hint)
    badge = dbc.Badge(t(f"status.{one}", lang), color=COLOURS.get(one, "secondary"),
                      text_color="dark" if one in ("PENDING", "DISABLED") else None,
                      className=f"src-status src-status-{one.lower()}",
                      id=f"src-status-{sid}", title=hint)
    status_cell = [badge]
    secs = int(r["interval_s"] or 0) < SECONDS_BELOW
    success = r["last_success_ts"]
    error = r["last_error"]
    error_cell = ""
    # the whole message for admins, its category ("HTTP 500", "batas waktu") for the others
    text = None if _missing(error) else error_text(error, lang)
    if text:
        shown = text if len(text) <= ERROR_CHARS else text[:ERROR_CHARS - 1] + "…"
        earlier = status == "UP"
        error_cell = html.Span(
            [t("sources.error.earlier", lang) if earlier else "", shown], title=text,
            className="src-error" + (" src-error-earlier" if earlier else "")
            + (" src-error-kind" if text != str(error) else ""))
    duration = r["duration_s"]
    def cell(col: str, children, className: str | None = None):
        # the column's name rides along for phones, where each row stacks as a card
        return html.Td(children, className=className,
                       **{"data-label": t(f"sources.col.{col}", lang)})

    return html.Tr([
        cell("source", [html.Div(src.title_in(lang) if src else sid, className="src-id"),
                        html.Div(sid, className="src-sid") if src and src.title else None,
                        html.Div(f"{_kind(r['kind'], lang)} · {_schedule(src, lang)}",
                                 className="src-kind")]),
        cell("status", status_cell),
        cell("last_run", _when(r["last_run_ts"], lang, tz, secs), "src-time"),
        cell("last_success", _when(success, lang, tz, secs) if not _missing(success) or
             _missing(r["last_run_ts"]) else t("sources.never", lang),
             "src-time" + (" src-never" if _missing(success)
                           and not _missing(r["last_run_ts"]) else "")),
        cell("next_run", _when(r["next_due_ts"], lang, tz, secs), "src-time"),
        cell("counts", html.Span([fmt.number(int(r["samples"] or 0), lang, 0), " / ",
                                  html.Span(fmt.number(int(r["rejected"] or 0), lang, 0),
                                            className="src-rejected" if r["rejected"]
                                            else None)]), "text-end text-nowrap"),
        cell("duration", "–" if _missing(duration) else
             fmt.value(float(duration), "seconds", lang), "text-end text-nowrap"),
        cell("error", error_cell, "src-error-cell" if error_cell else "src-error-cell is-empty"),
    ], id=f"src-row-{sid}", className=f"src-row src-row-{one.lower()}")


def summary(df: pd.DataFrame, lang: str):
    """Counts per status (each source once, by ``data.health.one_status``), as badges, worst
    first."""
    counts = df["state"].value_counts().to_dict() if not df.empty else {}
    parts = []
    for status in sorted(ORDER, key=ORDER.get):
        n = int(counts.get(status, 0))
        if n:
            parts.append(dbc.Badge(t(f"sources.summary.{status}", lang, n=n),
                                   color=COLOURS[status], className="me-2 src-count",
                                   text_color="dark" if status in ("PENDING", "DISABLED")
                                   else None, id=f"src-count-{status.lower()}"))
    return html.Div(parts, className="src-summary mb-3")


def body(ctx: AppContext, lang: str, every: int):
    """The refreshable part of the page: heading line, summary and table."""
    df = health(ctx)
    now = ctx.clock()
    sub = t("sources.subtitle", lang, n=len(df), time=fmt.clock(now, lang, ctx.tz, True),
            every=every)
    if df.empty:
        return [html.P(sub, className="text-muted"), html.P(t("sources.none", lang))]
    head = html.Thead(html.Tr([html.Th(t(f"sources.col.{c}", lang),
                                       className="text-end" if c in ("counts", "duration")
                                       else None)
                               for c in ("source", "status", "last_run", "last_success",
                                         "next_run", "counts", "duration", "error")]))
    rows = [row(r, ctx, lang) for _, r in df.iterrows()]
    table = html.Table([head, html.Tbody(rows)],
                       className="table table-sm table-hover align-middle src-table",
                       id="src-table")
    return [html.P(sub, className="text-muted src-updated"), summary(df, lang),
            html.Div(table, className="table-responsive")]


def layout(ctx: AppContext, lang: str, params: dict, path: str):
    every = ctx.refresh_seconds(params.get("refresh"))
    return dbc.Container([
        html.H1(t("sources.title", lang), className="h3 mb-1"),
        html.Div(body(ctx, lang, every), id="src-body"),
        dcc.Store(id="src-params", data={"lang": lang, "every": every}),
        dcc.Interval(id="src-tick", interval=every * 1000),
    ], fluid=True, className="sources pb-4")


def register(app, ctx: AppContext) -> None:
    @app.callback(Output("src-body", "children"), Input("src-tick", "n_intervals"),
                  State("src-params", "data"), prevent_initial_call=True)
    def _refresh(_n, params):
        params = params or {}
        return body(ctx, ctx.lang(params.get("lang")),
                    ctx.refresh_seconds(params.get("every")))
