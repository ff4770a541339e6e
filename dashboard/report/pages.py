"""One function per page a report can be made of; each asks what the page asks.

``overview``: every screen's KPI cards (``pages.overview.cached_card``, the cards' cache) and
the screen's metrics per kabupaten/kota (``metric_data.values_by``, the drill-down's table);
``metric``: the card, the history chart (``figures.history``) and the kabupaten/kota table;
``screen``: a wall screen's tiles (``wall.tiledata.tile_data``); ``media``: the media page's
counts (``pages.media.cached``), its attention chart and latest articles; ``explore``: the
explorer's chart of the same ``series_answer``.
"""

from __future__ import annotations

from pantau.dashboard import fmt
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.dashboard.render import render
from pantau.dashboard.report.content import (
    MAX_CHARTS,
    Doc,
    Kpi,
    ReportInputError,
    Section,
    Spec,
    heading,
    period_of,
    region_words,
)

CHART = (700, 300)
MAX_ROWS = 40


def _svg(fig, size=CHART) -> bytes:
    fig.update_layout(width=size[0], height=size[1], paper_bgcolor="white")
    return render(fig, "svg", *size)


def card_kpi(card, lang: str, tz: str) -> Kpi:
    """A KPI card's texts (the card's own helpers: ``components.kpi_card``)."""
    from pantau.dashboard.components.kpi_card import (
        delay_text,
        delta_text,
        note_text,
        status_text,
        target_text,
    )

    notes = [x for x in (note_text(card, lang, tz), delay_text(card, lang, tz)) if x]
    return Kpi(card.metric.title.get(lang), fmt.value(card.value, card.metric.unit, lang),
               delta_text(card, lang), status_text(card, lang), target_text(card, lang),
               " · ".join(notes))


def _level_key(ctx: AppContext, key: str) -> str:
    # The regions below a kabupaten/kota site are its kecamatan: their own words.
    return f"{key}_kecamatan" if "." in ctx.config.site.region else key


def _region_rows(ctx: AppContext, metrics, start: int, end: int, scope, lang: str):
    """``(header, rows)``: one row per kabupaten/kota in scope (by name), one column per
    metric with a region label (``values_by``, as the drill-down's table)."""
    from pantau.dashboard.components.metric_data import values_by_region
    from pantau.dashboard.components.regions import REGION_LABEL, region_names
    from pantau.dashboard.figures.style import precise
    from pantau.data.queries import label_values

    names = region_names(ctx.config.site.region, scope)
    cols, values = [], []
    for m in metrics:
        if REGION_LABEL not in label_values(ctx.store, m.name, scope):
            continue
        by = values_by_region(ctx, m, ctx.config.site.region, start, end, scope)
        cols.append(m)
        values.append(dict(zip(by.frame[REGION_LABEL], by.frame["value"], strict=True)))
    if not cols:
        return [], [], cols, values
    header = [t(_level_key(ctx, "report.col.region"), lang)] + [m.title.get(lang)
                                                                 for m in cols]
    rows = [[name] + [precise(v.get(code), m.unit, lang) for m, v in zip(cols, values,
                                                                         strict=True)]
            for code, name in list(names.items())[:MAX_ROWS]]
    return header, rows, cols, values


def _bars(ctx, metric, values: dict, scope, lang: str) -> bytes:
    import plotly.graph_objects as go
    from pantau.dashboard.components.regions import region_names
    from pantau.dashboard.figures.style import separators, value_axis

    names = region_names(ctx.config.site.region, scope)
    pairs = sorted(((names[c], v) for c, v in values.items() if c in names),
                   key=lambda p: p[1])
    fig = go.Figure(go.Bar(x=[v for _, v in pairs], y=[n for n, _ in pairs], orientation="h",
                           marker_color="#0d6efd"))
    fig.update_layout(title=t(_level_key(ctx, "report.by_region"), lang,
                              metric=metric.title.get(lang)),
                      margin=dict(l=150, r=20, t=40, b=30), separators=separators(lang),
                      plot_bgcolor="white", font=dict(size=11))
    fig.update_xaxes(**value_axis(metric.unit))
    return _svg(fig, (700, max(200, 60 + 22 * len(pairs))))


def overview(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.components.regions import region_key
    from pantau.dashboard.pages.overview import cached_card, complaint_metric, screen_metrics

    lang, province = spec.lang, ctx.config.site.region
    region = region_key(spec.region, province, scope)
    start, end, _ = period_of(ctx, spec.period, now, lang)
    words = _words(ctx, spec, start, end, now)
    sections, charts = [], 0
    overdue = complaint_metric(ctx)
    if overdue is not None:  # the page's first section (the card linking to /aduan)
        sections.append(Section(t("aduan.title", lang), kpis=[
            card_kpi(cached_card(ctx, overdue, spec.period, region, scope), lang, ctx.tz)]))
    for screen in ctx.config.screens:
        metrics = screen_metrics(ctx.config, screen)
        with_spbe = any(tile.view == "spbe" for tile in screen.tiles)
        if not metrics and not with_spbe:
            continue
        sec = Section(screen.title.get(lang),
                      kpis=[card_kpi(cached_card(ctx, m, spec.period, region, scope), lang,
                                     ctx.tz) for m in metrics])
        if with_spbe:  # the page's SPBE card (components.spbe_card) in this section
            sec.kpis.append(spbe_kpi(ctx, region, lang, now))
        sec.header, sec.rows, cols, values = _region_rows(ctx, metrics[:4], start, end,
                                                          scope, lang)
        if cols and charts < MAX_CHARTS and any(values[0].values()):
            sec.charts.append(_bars(ctx, cols[0], values[0], scope, lang))
            charts += 1
        sections.append(sec)
    return Doc("overview", heading(spec, lang), ctx.config.site.name, words,
               _filters(ctx, spec, region, scope, lang), now, sections,
               stem=t("report.file.overview", lang))


def spbe_kpi(ctx: AppContext, region: str, lang: str, now: float) -> Kpi:
    """The SPBE card's texts: the latest year's index and predikat of ``region`` (the card's
    own book and helpers, ``components.spbe_view``)."""
    from pantau.dashboard.components.spbe_view import cached_book, change_text, index_text

    b = cached_book(ctx, now)
    year = b.years[-1] if b.years else None
    head = b.headline(year, region) if year is not None else None
    title = t("spbe.card.title", lang)
    if head is None or head.index is None:
        return Kpi(title, "–")
    return Kpi(title, index_text(head.index, lang), change_text(head.change, year - 1, lang),
               head.predikat or "")


def _filters(ctx, spec: Spec, region, scope, lang: str, extra=()) -> list[tuple[str, str]]:
    return [(t("report.region", lang), region_words(ctx, region, scope, lang)), *extra]


def _words(ctx, spec: Spec, start: int, end: int, now: float) -> str:
    """``1 November – 1 Desember 2026 (30 hari)``: the window and the period picked."""
    words = fmt.period_words(start, min(end, now + 1), spec.lang, ctx.tz)
    key = f"overview.period.{spec.period}"
    return f"{words} ({t(key, spec.lang)})" if spec.page != "media" else words


def metric(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.components.kpi_data import card_data
    from pantau.dashboard.components.metric_data import history_frames
    from pantau.dashboard.components.regions import region_filter, region_key
    from pantau.dashboard.figures import history
    from pantau.data.queries import label_values

    lang, province = spec.lang, ctx.config.site.region
    m = ctx.config.metric(spec.metric or "")
    region = region_key(spec.region, province, scope)
    card = card_data(ctx, m, spec.period, region, now, scope=scope)
    rf = region_filter(label_values(ctx.store, m.name, scope), region, province)
    h = history_frames(ctx, m, card.start, card.end, rf.filters,
                       fallback=card.as_of is not None, scope=card.scope)
    fig = history(h.current, h.previous, m, lang, tz=ctx.tz, period=h.period or 1)
    sec = Section(m.title.get(lang), kpis=[card_kpi(card, lang, ctx.tz)],
                  charts=[_svg(fig)])
    words = _words(ctx, spec, card.start, card.end, now)
    sec.header, sec.rows, cols, values = _region_rows(ctx, [m], card.start, card.end, scope,
                                                      lang)
    if cols and any(values[0].values()):
        sec.charts.append(_bars(ctx, m, values[0], scope, lang))
    return Doc("metric", f"{heading(spec, lang)}: {m.title.get(lang)}", ctx.config.site.name,
               words, _filters(ctx, spec, region, scope, lang), now, [sec],
               stem=f"{t('report.file.metric', lang)}-{m.name}")


def screen(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.pages.metric import label_title
    from pantau.dashboard.wall.tiledata import tile_data
    from pantau.data.labels import value_name

    lang = spec.lang
    scr = ctx.config.screen(spec.screen or "")
    kpis, sections = [], []
    for tile in scr.tiles:
        d = tile_data(ctx, tile, now, scope)
        m = ctx.config.metric(tile.metric or "")
        title = (tile.title.get(lang) if tile.title else m.title.get(lang) if m else
                 t(f"api.report.{tile.view}", lang))
        if tile.view == "spbe":  # an evaluation year, not a period
            sections.append(spbe_section(tile, d, lang))
            continue
        title += " · " + t("api.report.last", lang, period=fmt.duration(tile.period, lang))
        if tile.view == "kpi" and m is not None:
            change = "" if d.delta_pct is None else fmt.number(d.delta_pct, lang, 1) + "%"
            kpis.append(Kpi(title, fmt.value(d.value, m.unit, lang), change,
                            t(f"kpi.status.{'nodata' if d.value is None else d.status}", lang),
                            fmt.value(d.target, m.unit, lang) if d.target is not None else ""))
        elif tile.view == "headlines":
            sections.append(Section(title, header=[t("api.report.when", lang),
                                                   t("api.report.outlet", lang),
                                                   t("api.report.title", lang)],
                                    rows=[[fmt.when(i["ts"], lang, ctx.tz), i["outlet"],
                                           i["title"][:120]] for i in d.items[:12]],
                                    numeric=False))
        elif tile.view == "topics":
            sections.append(Section(title, header=[t("api.report.topics", lang), "n"],
                                    rows=[[i["topic"], fmt.number(i["count"], lang, 0)]
                                          for i in d.items]))
        elif d.frame is not None and m is not None and not d.frame.empty:
            frame = d.frame if "ts" not in d.frame.columns else \
                d.frame.groupby("group", as_index=False)["value"].last()
            by = d.by or ""
            sections.append(Section(title, header=[label_title(by, lang) if by else "",
                                                   t("report.col.value", lang)],
                                    rows=[[value_name(ctx.config, by, str(g), lang) if by
                                           else str(g), fmt.value(v, m.unit, lang)]
                                          for g, v in zip(frame["group"], frame["value"],
                                                          strict=True)][:MAX_ROWS]))
    if kpis:
        sections.insert(0, Section(scr.title.get(lang), kpis=kpis))
    words = fmt.period_words(now - max((tl.period for tl in scr.tiles), default=86400),
                             now + 1, lang, ctx.tz)
    return Doc("screen", f"{heading(spec, lang)}: {scr.title.get(lang)}",
               ctx.config.site.name, words,
               [(t("report.region", lang), region_words(ctx, scope, scope, lang))], now,
               sections, stem=f"{t('report.file.screen', lang)}-{scr.id}")


def spbe_section(tile, d, lang: str) -> Section:
    """The wall's SPBE tile as a table: the latest year's index and predikat per region."""
    from pantau.dashboard.components.spbe_view import index_text, predikat_text, region_text

    title = tile.title.get(lang) if tile.title else t("api.report.spbe", lang)
    if d.extra.get("year"):
        title += " · " + t("spbe.tile.year", lang, year=d.extra["year"])
    return Section(title, header=[t("spbe.col.region", lang), t("spbe.col.index", lang),
                                  t("spbe.col.predikat", lang)],
                   rows=[[region_text(i["region"]), index_text(i["index"], lang),
                          predikat_text(i["predikat"], lang)] for i in d.items])


def media(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.pages._media_articles import sentiment_name
    from pantau.dashboard.pages._media_state import read_state
    from pantau.dashboard.pages.media import attention_figure, cached, topics_of

    lang = spec.lang
    state = read_state({**dict(spec.media), "period": spec.period}, topics_of(ctx))
    d = cached(ctx, state)
    counts = dict(zip(d.sentiment["sentiment"], d.sentiment["count"], strict=True))
    kpis = [Kpi(t("report.articles", lang), fmt.number(d.total, lang, 0)),
            Kpi(t("report.outlets", lang), fmt.number(d.outlets, lang, 0))]
    for label in ("positive", "neutral", "negative"):
        n = int(counts.get(label, 0))
        kpis.append(Kpi(sentiment_name(label, lang),
                        fmt.number(100 * n / d.total, lang, 0) + "%" if d.total else "–"))
    sec = Section(heading(spec, lang), kpis=kpis,
                  charts=[_svg(attention_figure(ctx, d, state.by, lang))],
                  header=[t("api.report.when", lang), t("api.report.outlet", lang),
                          t("api.report.title", lang)],
                  rows=[[fmt.when(r.published_ts if r.published_ts == r.published_ts
                                  else r.fetched_ts, lang, ctx.tz), str(r.outlet or ""),
                         str(r.title or "")[:120]]
                        for r in d.latest.head(15).itertuples(index=False)], numeric=False)
    extra = [(t(f"media.filter.{k}", lang), v) for k, v in state.filters().items()]
    return Doc("media", heading(spec, lang), ctx.config.site.name,
               fmt.period_words(d.start, min(d.end, now + 1), lang, ctx.tz),
               _filters(ctx, spec, None, scope, lang, extra), now, [sec],
               stem=t("report.file.media", lang))


def explore(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.api.answers import series_answer
    from pantau.dashboard.api.charts import filter_text
    from pantau.dashboard.api.params import ApiError, series_query
    from pantau.dashboard.figures.explore_chart import explore_figure

    args = {k: [v] for k, v in spec.explore}
    try:
        q = series_query(ctx, args, now=now, default_points=CHART[0])
    except ApiError as exc:
        raise ReportInputError(str(exc), exc.parameter or "metric") from None
    answer = series_answer(ctx, q)
    metrics = {m.name: m for m in ctx.config.metrics}
    fig = explore_figure(answer, metrics, spec.lang, ctx.tz, q.chart, height=CHART[1])
    title = ctx.config.metric(q.metric).title_in(spec.lang)
    filters = [(t("report.filters", spec.lang),
                filter_text(q.filter_dict, spec.lang, ctx.config))]
    return Doc("explore", f"{heading(spec, spec.lang)}: {title}", ctx.config.site.name,
               fmt.period_words(q.start, q.end, spec.lang, ctx.tz), filters, now,
               [Section(title, charts=[_svg(fig)])],
               stem=f"{t('report.file.explore', spec.lang)}-{q.metric}")


def aduan(ctx: AppContext, spec: Spec, scope, now: float) -> Doc:
    from pantau.dashboard.components.regions import region_key
    from pantau.dashboard.figures.complaints import stage_name
    from pantau.dashboard.pages._complaints_parts import region_name
    from pantau.dashboard.pages.complaints import cached_view

    lang, province = spec.lang, ctx.config.site.region
    region = region_key(spec.region, province, scope)
    start, end, _ = period_of(ctx, spec.period, now, lang)
    view = cached_view(ctx, spec.period, region, scope)
    kpis = [Kpi(t(k, lang), fmt.number(n, lang, 0)) for k, n in (
        ("aduan.open_total", view.open_total), ("aduan.overdue_total", view.overdue_total),
        ("aduan.received", view.received))]
    sections = [Section(heading(spec, lang), kpis=kpis)]
    if not view.by_region.empty:
        rows = view.by_region.sort_values("value", ascending=False)
        sections.append(Section(t("aduan.by_region", lang),
                                header=[t("report.col.region", lang),
                                        t("aduan.overdue_total", lang)],
                                rows=[[region_name(ctx.config, c, lang), fmt.number(v, lang, 0)]
                                      for c, v in zip(rows["region"], rows["value"],
                                                      strict=True)][:MAX_ROWS]))
    if not view.oldest.empty:
        cols = ("id", "agency", "region", "stage", "due", "late")
        sections.append(Section(t("aduan.oldest", lang),
                                header=[t(f"aduan.col.{c}", lang) for c in cols],
                                rows=[[str(r.complaint_id), str(r.agency),
                                       region_name(ctx.config, r.region, lang),
                                       stage_name(r.stage, lang), fmt.day_text(r.due, lang),
                                       fmt.number(r.late_workdays, lang, 0)]
                                      for r in view.oldest.itertuples(index=False)],
                                numeric=False))
    return Doc("aduan", heading(spec, lang), ctx.config.site.name,
               _words(ctx, spec, start, end, now),
               _filters(ctx, spec, region, scope, lang), now, sections,
               stem=t("report.file.aduan", lang))
