"""Files the API renders: the explorer's chart (PNG/SVG/PDF), one-page PDF reports of a view
or of a configured screen, and the XLSX export.

The chart is drawn by the same figure function as /explore, from the same cached answer, so a
file shows what the page shows.
"""

from __future__ import annotations

from pantau.dashboard import fmt
from pantau.dashboard.api.answers import cached_labels, series_answer, series_frames
from pantau.dashboard.api.params import ApiError, SeriesQuery, label_filters
from pantau.dashboard.context import AppContext
from pantau.dashboard.figures.explore_chart import explore_figure, local_ms, ticks
from pantau.dashboard.figures.explore_report import PAGE, screen_figure, with_header
from pantau.dashboard.i18n import t
from pantau.dashboard.render import render
from pantau.data import export, queries
from pantau.data.buckets import nice_step
from pantau.data.durations import format_duration
from pantau.data.labels import NAMED, labels_text, names_of, value_name
from pantau.data.provenance import source_rows


def _metrics(ctx: AppContext) -> dict:
    return {m.name: m for m in ctx.config.metrics}


def chart_bytes(ctx: AppContext, q: SeriesQuery, kind: str, width: int, height: int) -> bytes:
    """The chart of ``q`` as ``kind`` (png, svg, pdf) of ``width`` x ``height`` px; lines
    carry no more points than the image has pixels across."""
    if q.chart != "bar" and not q.max_points:
        q = _with_max_points(q, width)
    answer = series_answer(ctx, q)
    fig = explore_figure(answer, _metrics(ctx), q.lang, ctx.tz, q.chart, height=height)
    fig.update_layout(width=width, paper_bgcolor="white")
    return render(fig, kind, width, height)


def _with_max_points(q: SeriesQuery, n: int) -> SeriesQuery:
    from dataclasses import replace

    return replace(q, max_points=max(3, int(n)))


def filter_text(filters: dict, lang: str, cfg=None) -> str:
    """``Kota Mataram, Kota Bima; opd = Bappeda``: named labels by their names."""
    if not filters:
        return t("api.report.no_filters", lang)
    parts = []
    for k, v in sorted(filters.items()):
        values = v if isinstance(v, list | tuple) else [v]
        if k in NAMED:
            parts.append(", ".join(value_name(cfg, k, x, lang) for x in values))
        else:
            parts.append(f"{k} = {', '.join(str(x) for x in values)}")
    return "; ".join(parts)


def period_text(start: int, end: int, lang: str, tz: str) -> str:
    return f"{fmt.when(start, lang, tz)} – {fmt.when(end, lang, tz)}"


def report_lines(ctx: AppContext, q: SeriesQuery, step: int | None = None) -> list[str]:
    """The printed lines of a report: period, filters, step (``step``: the one answered)."""
    lang = q.lang
    lines = [
        f"{t('api.report.period', lang)}: {period_text(q.start, q.end, lang, ctx.tz)}",
        f"{t('api.report.filters', lang)}: {filter_text(q.filter_dict, lang, ctx.config)}",
        f"{t('api.report.step', lang)}: {fmt.duration(step or q.step, lang)} · "
        f"{t('api.report.agg', lang)}: {t('explore.agg.' + q.agg, lang)}",
    ]
    if q.metric2 or q.shift:
        other = ctx.config.metric(q.metric2).title_in(lang) if q.metric2 else \
            t("explore.shifted", lang, shift=fmt.duration(q.shift, lang))
        lines.append(f"{t('api.report.compare', lang)}: {other}")
    lines.append(f"{t('api.report.created', lang)}: {fmt.when(ctx.clock(), lang, ctx.tz)}")
    if ctx.config.site.demo:
        lines.append(t("api.report.demo", lang))
    return lines


def report_bytes(ctx: AppContext, q: SeriesQuery) -> bytes:
    """A one-page PDF: site name, the metric, period in the site zone, filters, the chart."""
    if q.chart != "bar" and not q.max_points:
        q = _with_max_points(q, PAGE[0])
    answer = series_answer(ctx, q)
    chart = explore_figure(answer, _metrics(ctx), q.lang, ctx.tz, q.chart, height=PAGE[1])
    title = ctx.config.metric(q.metric).title_in(q.lang)
    fig = with_header(chart, ctx.config.site.name, title, report_lines(ctx, q, answer["step"]))
    return render(fig, "pdf", *PAGE)


def xlsx_bytes(ctx: AppContext, q: SeriesQuery, raw: bool) -> bytes:
    """The workbook of ``q``: raw stored points when no step was asked (as ``pantau
    export``), the aggregated buckets otherwise; compared series below; a Filter sheet; the
    period's annotations (``dashboard.api.alerts.annotation_rows``)."""
    from pantau.dashboard.api.alerts import annotation_rows

    spec = ctx.config.metric(q.metric)
    jobs = [q.metric] if raw else \
        [q.metric] + ([q.metric2] if q.metric2 else []) + ([q.metric] if q.shift else [])
    rows = series = 0
    for metric in jobs:
        labels = cached_labels(ctx, metric, q.scope)
        mine = {k: v for k, v in q.filter_dict.items() if k in labels}
        n, m = export.export_rows(ctx.store, metric, q.start, q.end, None if raw else q.step,
                                  mine, q.scope)
        rows, series = rows + n, series + m
    try:
        export.check_rows(rows, ctx.config.web.export_max_rows, q.end - q.start, series)
    except export.ExportTooLarge as exc:
        raise ApiError(str(exc), "step", limit=exc.limit, rows=exc.rows,
                       step_that_fits=format_duration(exc.step) if exc.step else None) from None
    if raw:
        frames = [(q.metric, None, queries.points(ctx.store, q.metric, q.start, q.end,
                                                  q.filter_dict, q.scope))]
    else:
        frames = series_frames(ctx, q)
    (_, _, df), extra = frames[0], frames[1:]
    metrics = list(dict.fromkeys([q.metric, *(m for m, _, _ in extra)]))
    values: dict[str, list] = {}
    for m in metrics:
        for label, vals in cached_labels(ctx, m, q.scope).items():
            values.setdefault(label, []).extend(vals)
    return export.to_xlsx(df, q.metric, ctx.tz, q.filter_dict, q.lang, spec.title_in(q.lang),
                          extra=extra, created=ctx.clock(),
                          sources=source_rows(ctx.config, metrics, q.lang),
                          names=names_of(ctx.config, values, q.lang),
                          notes=annotation_rows(ctx, q.start, q.end, q.metric))


# -- a configured screen as one page -------------------------------------------------------
def screen_report_bytes(ctx: AppContext, screen, lang: str, args: dict,
                        scope: str | None = None) -> bytes:
    """A configured screen's tiles as one PDF page, with the site, each panel's period and the
    label filters (any parameter but ``screen``/``lang``, applied where the label exists);
    series, maps and bars hold only the series in ``scope``, KPIs the province total."""
    now = int(ctx.clock())
    names = sorted({tile.metric for tile in screen.tiles if tile.metric})
    filters = dict(label_filters(ctx, args, names, reserved=("screen", "lang"), scope=scope))
    panels = [p for tile in screen.tiles
              if (p := _panel(ctx, tile, lang, now, filters, scope))]
    lines = [f"{t('api.report.period', lang)}: {t('api.report.periods', lang)} "
             f"({t('explore.date_to', lang).lower()} {fmt.when(now, lang, ctx.tz)})",
             f"{t('api.report.filters', lang)}: "
             f"{filter_text({k: list(v) for k, v in filters.items()}, lang, ctx.config)}",
             f"{t('api.report.created', lang)}: {fmt.when(now, lang, ctx.tz)}"]
    if ctx.config.site.demo:
        lines.append(t("api.report.demo", lang))
    title = f"{t('api.report.screen', lang)}: {screen.title.get(lang)}"
    return render(screen_figure(ctx.config.site.name, title, lines, panels, lang), "pdf", *PAGE)


def _panel(ctx: AppContext, tile, lang: str, now: int, filters: dict,
           scope: str | None = None) -> dict | None:
    from pantau.data.articles import articles, topic_counts
    from pantau.data.periods import last
    from pantau.data.shows import what_metric_shows

    period = fmt.duration(tile.period, lang)
    if tile.view == "headlines":
        df = articles(ctx.store, limit=min(tile.limit, 12))
        cells = [[fmt.when(p if p == p else f, lang, ctx.tz)
                  for p, f in zip(df["published_ts"], df["fetched_ts"], strict=True)],
                 list(df["outlet"]), [str(x)[:90] for x in df["title"]]]
        return {"kind": "table", "title": t("api.report.headlines", lang),
                "header": [t("api.report.when", lang), t("api.report.outlet", lang),
                           t("api.report.title", lang)], "cells": cells}
    if tile.view == "topics":
        counts = topic_counts(ctx.store, list(ctx.config.media.topics), now - tile.period, now)
        return {"kind": "bars", "unit": "count", "title": f"{t('api.report.topics', lang)} · "
                f"{t('api.report.last', lang, period=period)}",
                "traces": [{"x": list(counts), "y": list(counts.values()), "name": ""}]}
    metric = ctx.config.metric(tile.metric or "")
    if metric is None:
        return None
    mine = {k: list(v) for k, v in filters.items()
            if k in queries.label_values(ctx.store, metric.name, scope)}
    title = (tile.title.get(lang) if tile.title else metric.title_in(lang))
    title += f" · {t('api.report.last', lang, period=period)}"
    if tile.view == "kpi":
        start, end = last(tile.period, now)
        k = what_metric_shows(ctx.store, metric, start, end, None, ctx.config.site.region,
                              mine, scope)
        good, bad = "#198754", "#dc3545"
        up, down = (good, bad) if metric.better != "down" else (bad, good)
        if k.as_of is not None:  # an older value than the period: say of when, as the wall
            title += " · " + t("wall.as_of", lang, date=fmt.date(k.as_of, lang, ctx.tz))
        return {"kind": "kpi", "title": title, "value": k.value, "previous": k.previous,
                "unit": metric.unit, "up_color": up, "down_color": down}
    start, end = last(tile.period, now)  # the wall's and the cards' window (data.periods)
    if tile.view in ("line", "area"):
        step = nice_step(tile.period, 200)
        df = queries.series(ctx.store, metric.name, start, end, step, metric.agg, mine,
                            scope=scope)
        traces = []
        for _sid, part in df.groupby("series_id", sort=True):
            labels = df.attrs["labels"].get(int(_sid), {})
            name = value_name(ctx.config, tile.by, labels.get(tile.by, ""), lang) if tile.by \
                else labels_text(ctx.config, labels, lang)
            traces.append({"x": local_ms(part["ts"].to_numpy() * 1000, ctx.tz),
                           "y": part["value"].to_numpy(), "name": name})
        vals, texts = ticks(int(local_ms([start * 1000], ctx.tz)[0]),
                            int(local_ms([end * 1000], ctx.tz)[0]), lang, 5)
        return {"kind": "lines" if tile.view == "line" else "area", "title": title,
                "unit": metric.unit, "traces": traces, "tickvals": vals, "ticktext": texts}
    # bar, map and table: one bar per value of the tile's label (the region for a map)
    by = tile.by or ("region" if tile.view == "map" else None)
    df = queries.totals(ctx.store, metric.name, start, end, metric.agg, mine, scope)
    if by == "region" and by in df.columns and by not in mine:  # data.places' rule
        from pantau.data.shows import region_totals

        df, _ = region_totals(ctx.store, metric, start, end, ctx.config.site.region, mine,
                              scope)
    if by and by in df.columns:
        df = df.sort_values(by)
        x = [value_name(ctx.config, by, str(v), lang) for v in df[by]]
    else:
        x = [labels_text(ctx.config, df.attrs["labels"].get(int(s), {}), lang) or metric.name
             for s in df["series_id"]]
    return {"kind": "bars", "title": title, "unit": metric.unit,
            "traces": [{"x": x, "y": list(df["value"]), "name": metric.name}]}
