"""The answers of the read API as plain dicts, computed by the named questions of
``data.queries`` (aggregation in the database) and cached per normalised question.

/explore draws from the same ``series_answer`` as ``/api/v1/series`` and ``/api/v1/chart.*``,
so the page, its table, the API and the exported files show the same numbers.

Every answer that holds series or label values is asked in a region scope (the question's
``scope``, or the ``scope`` argument: ``current().region`` of the request), and the data
questions keep only the series in it; the cache keeps answers per scope (``dashboard.cache``).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from pantau.dashboard.api.params import (
    DEFAULT_POINTS,
    MAX_POINTS_TOTAL,
    ApiError,
    SeriesQuery,
    bucket_origin,
    cached_label_values,
)
from pantau.dashboard.context import AppContext
from pantau.dashboard.downsample import lttb_indices
from pantau.dashboard.source_errors import error_text
from pantau.data import queries
from pantau.data.buckets import coarser_step
from pantau.data.durations import format_duration
from pantau.data.health import config_health, metric_stale_after, one_status
from pantau.data.labels import item_names
from pantau.data.run_errors import error_category


def iso(ts: float | None, tz: str) -> str | None:
    """``ts`` (epoch s) as ISO 8601 in the zone ``tz`` with its offset; None stays None."""
    if ts is None or (isinstance(ts, float) and not math.isfinite(ts)):
        return None
    return datetime.fromtimestamp(float(ts), UTC).astimezone(ZoneInfo(tz)).isoformat()


def _points(ts: np.ndarray, values: np.ndarray) -> list[list]:
    # one C-level pass instead of a Python loop per point: [[epoch_ms, value], ...]
    ms = (ts.astype("int64") * 1000).tolist()
    vals = values.astype("float64").tolist()
    return [list(p) for p in zip(ms, vals, strict=True)]


def _series_list(df: pd.DataFrame, metric: str, max_points: int | None,
                 shift: int | None = None) -> list[dict]:
    labels = df.attrs.get("labels", {})
    out = []
    if df.empty:
        return out
    sids = df["series_id"].to_numpy()
    ts_all = df["ts"].to_numpy()
    val_all = df["value"].to_numpy()
    # rows are sorted by series then time: cut them where the series id changes
    cuts = np.flatnonzero(np.diff(sids)) + 1
    for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(sids)], strict=True):
        ts, vals = ts_all[lo:hi], val_all[lo:hi]
        item = {"metric": metric, "labels": labels.get(int(sids[lo]), {})}
        if max_points and len(ts) > max_points:
            keep = lttb_indices(ts, vals, max_points)
            item["downsampled"] = {"from": int(len(ts)), "to": int(len(keep)), "method": "lttb"}
            ts, vals = ts[keep], vals[keep]
        if shift:
            item["shift"] = shift
        item["points"] = _points(ts, vals)
        out.append(item)
    return out


def answer_step(q: SeriesQuery) -> int:
    """The step the database answers ``q`` at. A chart's JSON never holds more points per
    series than a chart has pixels (``DEFAULT_POINTS``): a finer step asked without
    ``max_points`` is aggregated in the database at the smallest nice multiple that fits.
    With ``max_points`` the asked step stands and lines are reduced by LTTB instead; CSV
    (a table, not pixels) keeps the asked step."""
    if q.max_points or q.fmt == "csv":
        return q.step
    return coarser_step(q.step, q.end - q.start, DEFAULT_POINTS)


def series_frames(ctx: AppContext, q: SeriesQuery, step: int | None = None
                  ) -> list[tuple[str, int | None, pd.DataFrame]]:
    """``[(metric, shift, frame)]`` at ``step`` (default: the asked one): the asked series,
    then the compared metric or period."""
    step = q.step if step is None else step
    origin = q.origin if step == q.step else bucket_origin(ctx, step, q.start)
    filters = q.filter_dict
    jobs = [(q.metric, None, q.start, q.end)]
    if q.metric2:
        jobs.append((q.metric2, None, q.start, q.end))
    if q.shift:
        jobs.append((q.metric, q.shift, q.start - q.shift, q.end - q.shift))
    per_series = math.ceil((q.end - q.start) / step)
    out = []
    for metric, shift, start, end in jobs:
        labels = cached_labels(ctx, metric, q.scope)
        mine = {k: v for k, v in filters.items() if k in labels}
        chosen = queries.series_labels(ctx.store, metric, mine, q.scope)
        n = len(chosen)
        if n * per_series > MAX_POINTS_TOTAL:
            raise ApiError(f"{n} series x {per_series} points exceeds {MAX_POINTS_TOTAL} "
                           f"points: use a longer step or narrow the label filters", "step")
        # a compared metric combines over time by its own rule unless an agg was asked: the
        # sum of five availability samples drew 500 %
        agg = q.agg if not q.agg_auto or metric == q.metric else ctx.config.metric(metric).agg
        df = queries.series(ctx.store, metric, start, end, step, agg, mine, origin, chosen,
                            q.scope)
        out.append((metric, shift, df))
    return out


def cached_labels(ctx: AppContext, metric: str, scope: str | None) -> dict[str, list[str]]:
    """The label values of ``metric`` in ``scope`` (cached)."""
    return cached_label_values(ctx, metric, scope)


def series_answer(ctx: AppContext, q: SeriesQuery) -> dict:
    """The /series answer for ``q``: points per series as ``[epoch_ms, value]``, cached for
    ``web.cache_ttl`` under the normalised question."""
    return ctx.cache.get_or_set(q.key(), ctx.config.web.cache_ttl, lambda: _series(ctx, q))


def _series(ctx: AppContext, q: SeriesQuery) -> dict:
    step = answer_step(q)
    asked = math.ceil((q.end - q.start) / q.step)
    items = []
    for metric, shift, df in series_frames(ctx, q, step):
        for item in _series_list(df, metric, q.max_points, shift):
            if step != q.step:
                item["downsampled"] = {"from": asked, "to": len(item["points"]),
                                       "method": "step"}
            names = item_names(ctx.config, item["labels"], q.lang)
            if names:  # what people read next to the codes: {"region": "Kota Mataram"}
                item["label_names"] = names
            items.append(item)
    spec = ctx.config.metric(q.metric)
    out = {
        "metric": q.metric, "title": spec.title_in(q.lang), "unit": spec.unit,
        "from": iso(q.start, ctx.tz), "to": iso(q.end, ctx.tz), "step": step,
        "step_text": format_duration(step), "agg": q.agg, "timezone": ctx.tz,
        "filters": q.filter_dict, "series": items,
    }
    if step != q.step:
        out["step_asked"] = q.step
    if q.metric2:
        other = ctx.config.metric(q.metric2)
        out["metric2"] = {"name": other.name, "title": other.title_in(q.lang),
                          "unit": other.unit}
    if q.shift:
        out["shift"] = q.shift
    return out


def metric_entry(ctx: AppContext, m, lang: str, scope: str | None) -> dict:
    return {
        "name": m.name, "title": m.title_in(lang), "titles": {"id": m.title.get("id"),
                                                            "en": m.title.get("en")},
        "unit": m.unit, "better": m.better, "agg": m.agg, "target": m.target, "warn": m.warn,
        "crit": m.crit, "per": m.per, "stale_after": m.stale_after,
        "description": m.description.get(lang) if m.description else None,
        "labels": cached_labels(ctx, m.name, scope),
    }


def metrics_answer(ctx: AppContext, lang: str, scope: str | None) -> dict:
    """The catalogue, each metric with its label values in ``scope``."""
    return ctx.cache.get_or_set(f"metrics:{lang}:{scope}", ctx.config.web.cache_ttl, lambda: {
        "metrics": [metric_entry(ctx, m, lang, scope) for m in ctx.config.metrics]})


def stale_after(ctx: AppContext, metric) -> int | None:
    """Seconds after which a value of ``metric`` is stale (``data.health.metric_stale_after``)."""
    return metric_stale_after(ctx.config, metric)


def latest_answer(ctx: AppContext, metric, filters: dict, now: float,
                  lang: str | None = None, scope: str | None = None) -> dict:
    """The newest point of every series of ``metric`` in ``scope`` matching ``filters``."""
    lang = ctx.lang(lang)

    def compute():
        df = queries.latest(ctx.store, metric.name, filters, scope)
        limit = stale_after(ctx, metric)
        labels = df.attrs.get("labels", {})
        rows = []
        for sid, ts, value in zip(df["series_id"], df["ts"], df["value"], strict=True):
            age = max(0, int(now) - int(ts))
            row = {"metric": metric.name, "labels": labels.get(int(sid), {}),
                   "ts": int(ts) * 1000, "time": iso(int(ts), ctx.tz),
                   "value": float(value), "age_seconds": age,
                   "stale": bool(limit is not None and age > limit)}
            names = item_names(ctx.config, row["labels"], lang)
            if names:
                row["label_names"] = names
            rows.append(row)
        return {"metric": metric.name, "unit": metric.unit, "stale_after": limit,
                "series": rows}

    key = f"latest:{metric.name}:{sorted(filters.items())}:{lang}:{scope}:{int(now) // 10}"
    return ctx.cache.get_or_set(key, ctx.config.web.cache_ttl, compute)


def sources_answer(ctx: AppContext, now: float, lang: str | None = None) -> dict:
    """Every source's health; ``state`` is its one status (``data.health.one_status``)."""
    lang = ctx.lang(lang)

    def compute():
        df = config_health(ctx.store, ctx.config, now)
        rows = []
        for r in df.to_dict("records"):
            src = ctx.config.source(r["source_id"])
            rows.append({
                "id": r["source_id"], "title": src.title_in(lang) if src else r["source_id"],
                "kind": r["kind"], "enabled": bool(r["enabled"]), "status": r["status"],
                "state": one_status(r["status"], bool(r["stale"])), "last_run": iso(_num(r["last_run_ts"]), ctx.tz),
                "last_success": iso(_num(r["last_success_ts"]), ctx.tz),
                "next_due": iso(_num(r["next_due_ts"]), ctx.tz), "stale": bool(r["stale"]),
                "last_error": r["last_error"] if isinstance(r["last_error"], str) else None,
                "samples": int(r["samples"] or 0), "rejected": int(r["rejected"] or 0),
                "duration_seconds": _num(r["duration_s"]), "interval_seconds":
                int(r["interval_s"]),
            })
        return {"sources": rows}

    answer = ctx.cache.get_or_set(f"sources:{lang}:{int(now) // 5}", ctx.config.web.cache_ttl,
                                  compute)
    # cached whole, shown as the asker may read it: the error in full for admins, else its
    # category (dashboard.source_errors)
    return {**answer, "sources": [
        {**r, "last_error": error_text(r["last_error"], lang),
         "last_error_kind": (cat.key if (cat := error_category(r["last_error"])) else None)}
        for r in answer["sources"]]}


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def articles_answer(ctx: AppContext, a: dict) -> dict:
    from pantau.data.articles import articles

    def compute():
        df = articles(ctx.store, a["start"], a["end"], a["outlet"], a["channel"], a["topic"],
                      a["q"], a["limit"], a["sentiment"])
        rows = []
        for r in df.to_dict("records"):
            published = _num(r["published_ts"])
            rows.append({
                "title": r["title"], "url": r["url"], "outlet": r["outlet"],
                "channel": r["channel"], "published": iso(published, ctx.tz),
                "fetched": iso(_num(r["fetched_ts"]), ctx.tz), "summary": r["summary"],
                "topics": list(r["topics"]), "sentiment": r["sentiment"],
                "source_id": r["source_id"],
            })
        return {"articles": rows}

    return ctx.cache.get_or_set("articles:" + repr(sorted(a.items())),
                                ctx.config.web.cache_ttl, compute)


def kpi_answer(ctx: AppContext, metric, period: str, region: str | None, lang: str,
               now: float, scope: str | None = None) -> dict:
    """What ``metric`` shows for ``region`` (None: the site's area) over ``period`` (a key of
    ``data.periods``): ``data.shows.what_metric_shows``, the overview's and the wall's answer,
    asked in ``scope``."""
    from pantau.data.periods import window
    from pantau.data.shows import what_metric_shows

    start, end = window(period, now, ctx.tz)

    def compute():
        s = what_metric_shows(ctx.store, metric, start, end, region, ctx.config.site.region,
                              scope=scope)
        return {"metric": metric.name, "title": metric.title_in(lang), "unit": metric.unit,
                "period": period, "region": region or ctx.config.site.region,
                "from": iso(start, ctx.tz), "to": iso(end, ctx.tz), "value": s.value,
                "previous": s.previous, "delta": s.delta, "delta_pct": s.delta_pct,
                "status": s.status, "target": s.target, "attainment": s.attainment,
                "as_of": iso(s.as_of, ctx.tz), "last": iso(s.last_ts, ctx.tz),
                "site_wide": s.province_wide, "province_wide": s.province_wide}

    key = f"kpi:{metric.name}:{period}:{region}:{lang}:{scope}:{end}:{int(now) // 10}"
    return ctx.cache.get_or_set(key, ctx.config.web.cache_ttl, compute)
