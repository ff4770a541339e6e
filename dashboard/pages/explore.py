"""/explore: the analyst's page. Pick a metric, label filters, a time range (quick ranges or a
calendar), step, aggregation and chart type; compare with a second metric or an earlier
period; read the chart and an AG Grid table of exactly the numbers drawn; download CSV, XLSX,
PNG, SVG, PDF and a PDF report from the API with the same parameters.

The whole state lives in the URL (``?metric=...&from=now-7d&region=52.71``, the names of
``/api/v1/series``): one callback keeps controls and URL in step both ways (so the back button
and a shared link work), another draws from the URL.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, callback_context, dcc, html, no_update
from dash.exceptions import PreventUpdate
from pantau.dashboard import fmt
from pantau.dashboard.api.alerts import annotation_rows
from pantau.dashboard.api.answers import series_answer
from pantau.dashboard.api.params import AGGS, MAX_POINTS_PER_SERIES, ApiError
from pantau.dashboard.figures.annotations import mark
from pantau.dashboard.figures.explore_chart import explore_figure, local_ms
from pantau.dashboard.figures.explore_table import explore_table
from pantau.dashboard.figures.style import graph_config
from pantau.dashboard.i18n import t
from pantau.dashboard.pages import _explore_state as st
from pantau.dashboard.pages._explore_fit import CHART_PX, error_text, fitted_answer, fitted_query
from pantau.data.durations import format_duration, parse_duration

ROUTE = "/explore"
CONTROLS = ("metric", "agg", "step", "chart", "range", "dates", "filters", "shift", "metric2")
EXPORTS = ("png", "svg", "pdf", "report", "csv", "xlsx", "json")


def _label(text: str, for_id: str):
    return dbc.Label(text, html_for=for_id, className="form-label")


OPTION_LISTS = ("metric", "agg", "step", "shift", "metric2")


def option_list(ctx, kind: str, lang: str, current: str | None) -> list[dict]:
    """A dropdown's options; a value from the URL that is not among them is added as it is,
    so the dropdown shows it (and the error about it) instead of silently dropping it."""
    if kind in ("metric", "metric2"):
        out = [{"label": m.title_in(lang), "value": m.name} for m in ctx.config.metrics]
    elif kind == "agg":
        out = [{"label": t("explore.agg." + a, lang), "value": a} for a in AGGS]
    elif kind == "step":
        out = [{"label": t("explore.step_auto", lang), "value": ""}] + \
            [{"label": fmt.duration(parse_duration(v), lang), "value": v} for v in st.STEPS]
    else:
        out = [{"label": t("explore.shift.none", lang), "value": ""}] + \
            [{"label": t("explore.shift." + v, lang), "value": v} for v in st.SHIFTS]
    if current and current not in {o["value"] for o in out}:
        try:  # a step from the URL reads in words too
            shown = fmt.duration(parse_duration(current), lang) if kind == "step" else current
        except ValueError:
            shown = current
        out.append({"label": shown, "value": current})
    return out


DROPDOWN_WORDS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                  "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """dcc.Dropdown's own words ("2 selected", "Search") in the page's language."""
    return {k: t("explore.dropdown." + k, lang) for k in DROPDOWN_WORDS}


def _controls(ctx, lang: str):
    o = {k: option_list(ctx, k, lang, None) for k in OPTION_LISTS}
    metrics, aggs, steps, shifts = o["metric"], o["agg"], o["step"], o["shift"]
    words = dropdown_labels(lang)
    ranges = [{"label": t("explore.range." + r, lang), "value": r} for r in st.QUICK] + \
        [{"label": t("explore.range.custom", lang), "value": "custom"}]
    charts = [{"label": t("explore.chart." + c, lang), "value": c} for c in st.CHARTS]
    col = dict(xs=12, md=6, xl=3, className="mb-2")
    return dbc.Card(dbc.CardBody(dbc.Row([
        dbc.Col([_label(t("explore.metric", lang), "ex-metric"),
                 dcc.Dropdown(labels=words, id="ex-metric", options=metrics, clearable=False)], **col),
        dbc.Col([_label(t("explore.range", lang), "ex-range"),
                 dcc.Dropdown(labels=words, id="ex-range", options=ranges, clearable=False)], **col),
        dbc.Col([_label(t("explore.dates", lang), "ex-dates"),
                 dcc.DatePickerRange(id="ex-dates", display_format="DD/MM/YYYY",
                                     first_day_of_week=1, start_date_placeholder_text=t(
                                         "explore.date_from", lang),
                                     end_date_placeholder_text=t("explore.date_to", lang),
                                     className="d-block")], **col),
        dbc.Col([_label(t("explore.filters", lang), "ex-filters"),
                 dcc.Dropdown(labels=words, id="ex-filters", multi=True,
                              placeholder=t("explore.filters_placeholder", lang))], **col),
        dbc.Col([_label(t("explore.step", lang), "ex-step"),
                 dcc.Dropdown(labels=words, id="ex-step", options=steps, clearable=False)], xs=6, md=3,
                xl=2, className="mb-2"),
        dbc.Col([_label(t("explore.agg", lang), "ex-agg"),
                 dcc.Dropdown(labels=words, id="ex-agg", options=aggs, clearable=True,
                              placeholder=t("explore.agg_auto", lang, agg="…"))], xs=6, md=3,
                xl=2, className="mb-2"),
        dbc.Col([_label(t("explore.chart", lang), "ex-chart-type"),
                 dbc.RadioItems(id="ex-chart-type", options=charts, inline=True)], xs=12,
                md=6, xl=2, className="mb-2"),
        dbc.Col([_label(t("explore.shift", lang), "ex-shift"),
                 dcc.Dropdown(labels=words, id="ex-shift", options=shifts, clearable=False)], xs=6, md=6,
                xl=3, className="mb-2"),
        dbc.Col([_label(t("explore.metric2", lang), "ex-metric2"),
                 dcc.Dropdown(labels=words, id="ex-metric2", options=metrics, clearable=True,
                              placeholder=t("explore.metric2_placeholder", lang))], xs=6,
                md=6, xl=3, className="mb-2"),
    ])), className="ex-controls mb-3")


def _buttons(kinds: tuple[str, ...], lang: str):
    names = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "report": t("explore.report", lang),
             "csv": "CSV", "xlsx": "XLSX", "json": t("explore.api", lang)}
    return dbc.ButtonGroup([
        html.A(names[k], id=f"ex-dl-{k}", href="#", className="btn btn-outline-primary",
               **({"download": ""} if k != "json" else {"target": "_blank"}))
        for k in kinds], size="sm", className="ex-exports")


def layout(ctx, lang: str, params: dict, path: str):
    return html.Div([
        dcc.Location(id="ex-url", refresh=False),
        html.Div([html.H1(t("explore.title", lang), className="h4 mb-0"),
                  html.Span(t("explore.link_hint", lang), className="ex-hint")],
                 className="d-flex flex-wrap align-items-baseline gap-3 mb-2"),
        _controls(ctx, lang),
        dbc.Alert(id="ex-error", color="warning", is_open=False, className="py-2"),
        dbc.Card([
            dbc.CardHeader(html.Div([html.Span(id="ex-summary", className="ex-summary"),
                                     _buttons(("png", "svg", "pdf", "report"), lang)],
                                    className="ex-card-head")),
            dbc.CardBody([dcc.Loading(dcc.Graph(id="ex-chart", config=graph_config(lang),
                                                style={"height": "460px"})),
                html.P(id="ex-note", className="ex-note")]),
        ], className="mb-3"),
        dbc.Card([
            dbc.CardHeader(html.Div([html.Span(t("explore.table", lang), className="fw-600"),
                                     _buttons(("csv", "xlsx", "json"), lang)],
                                    className="ex-card-head")),
            dbc.CardBody(dag.AgGrid(
                id="ex-grid", className="ex-grid", columnDefs=[], rowData=[],
                defaultColDef={"sortable": True, "resizable": True, "filter": True,
                               "flex": 1},
                dashGridOptions={"pagination": True, "paginationPageSize": 100,
                                 "animateRows": False, "localeText": grid_texts(lang)},
                style={"height": "440px"})),
        ], className="mb-4"),
    ], className="explore container-fluid pb-3", lang=lang)


GRID_TEXTS = ("page", "of", "to", "pageSizeSelectorLabel", "ariaPageSizeSelectorLabel", "firstPage", "previousPage",
              "nextPage", "lastPage", "noRowsToShow", "loadingOoo", "filterOoo", "equals",
              "notEqual", "lessThan", "greaterThan", "contains", "blank", "notBlank",
              "andCondition", "orCondition")


def grid_texts(lang: str) -> dict[str, str]:
    """AG Grid's own words (pagination, filters) in the page's language."""
    return {k: t("explore.grid." + k, lang) for k in GRID_TEXTS}


def export_urls(q, lang: str, step: int | None = None) -> dict[str, str]:
    """API links that give the files of the view ``q`` (the step always spelled out: ``step``,
    else the buckets on screen)."""
    base = [p for p in q.params() if p[0] != "step"] + [
        ("step", format_duration(step or q.step)), ("lang", lang)]
    size = [("width", str(CHART_PX)), ("height", "600")]
    return {
        "png": "/api/v1/chart.png?" + urlencode(base + size),
        "svg": "/api/v1/chart.svg?" + urlencode(base + size),
        "pdf": "/api/v1/chart.pdf?" + urlencode(base + size),
        "report": "/report.pdf?" + urlencode([("page", "explore"), *base]),
        "csv": "/api/v1/series?" + urlencode(base + [("format", "csv")]),
        "xlsx": "/api/v1/export.xlsx?" + urlencode(base),
        "json": "/api/v1/series?" + urlencode(base),
    }


def register(app, ctx) -> None:
    ids = {"metric": ("ex-metric", "value"), "agg": ("ex-agg", "value"),
           "step": ("ex-step", "value"), "chart": ("ex-chart-type", "value"),
           "range": ("ex-range", "value"), "filters": ("ex-filters", "value"),
           "shift": ("ex-shift", "value"), "metric2": ("ex-metric2", "value")}
    outs = [Output("ex-url", "search")] + [Output(*ids[k]) for k in ids] + [
        Output("ex-dates", "start_date"), Output("ex-dates", "end_date"),
        Output("ex-filters", "options")] + [
        Output(f"ex-{k}", "options") for k in OPTION_LISTS]
    ins = [Input("ex-url", "search")] + [Input(*ids[k]) for k in ids] + [
        Input("ex-dates", "start_date"), Input("ex-dates", "end_date")]

    @app.callback(outs, ins, prevent_initial_call=False)
    def _sync(search, *values):
        """URL -> controls (load, back/forward) and control -> URL, in one callback."""
        if search is None:
            raise PreventUpdate  # the Location has not read the address yet
        args = st.args_from_search(search)
        trig = callback_context.triggered_id
        control = next((k for k, v in ids.items() if v[0] == trig), None)
        if trig == "ex-dates":
            control, value = "dates", values[-2:]
        elif control:
            value = values[list(ids).index(control)]
        if control:
            args = st.apply(args, control, value, ctx)
        c = st.controls(args, ctx)
        new = st.search_from_args(args) if control else no_update
        lang = ctx.lang(st.first(args, "lang"))
        return [new, c["metric"], c["agg"] or None, c["step"], c["chart"], c["range"],
                c["filters"], c["shift"], c["metric2"], c["start_date"], c["end_date"],
                c["filter_options"]] + [option_list(ctx, k, lang, c[k]) for k in OPTION_LISTS]

    @app.callback(
        [Output("ex-chart", "figure"), Output("ex-grid", "columnDefs"),
         Output("ex-grid", "rowData"), Output("ex-summary", "children"),
         Output("ex-note", "children"), Output("ex-error", "children"),
         Output("ex-error", "is_open"), Output("ex-agg", "placeholder")]
        + [Output(f"ex-dl-{k}", "href") for k in EXPORTS],
        Input("ex-url", "search"))
    def _draw(search):
        if search is None:
            raise PreventUpdate
        args = st.args_from_search(search)
        lang = ctx.lang(st.first(args, "lang"))
        args.setdefault("metric", [st.default_metric(ctx)] if ctx.config.metrics else [])
        args = {k: v for k, v in args.items() if k != "lang"}
        try:
            q, asked = fitted_query(ctx, {**args, "lang": [lang]})
            answer, q, asked = fitted_answer(ctx, q, asked, lambda q: series_answer(ctx, q))
        except ApiError as exc:
            msg = t("explore.error", lang, message=error_text(exc, lang))
            return [explore_figure({"metric": "", "series": []}, {}, lang, ctx.tz), [], [],
                    "", "", msg, True, no_update] + ["#"] * len(EXPORTS)
        metrics = {m.name: m for m in ctx.config.metrics}
        fig = explore_figure(answer, metrics, lang, ctx.tz, q.chart)
        mark(fig, annotation_rows(ctx, q.start, q.end, q.metric),
             lambda ts: float(local_ms([ts * 1000], ctx.tz)[0]))
        columns, rows = explore_table(answer, metrics, lang, ctx.tz)
        points = sum(len(s["points"]) for s in answer["series"])
        summary = t("explore.summary", lang, start=fmt.when(q.start, lang, ctx.tz),
                    end=fmt.when(q.end, lang, ctx.tz), step=fmt.duration(answer["step"], lang),
                    agg=t("explore.agg." + q.agg, lang), n=len(answer["series"]),
                    points=fmt.number(points, lang, 0))
        reduced = [s["downsampled"] for s in answer["series"] if s.get("downsampled")]
        note = t("explore.downsampled", lang, shown=fmt.number(sum(r["to"] for r in reduced),
                                                              lang, 0),
                 total=fmt.number(sum(r["from"] for r in reduced), lang, 0)) if reduced else ""
        if asked:
            fits = "explore.fitted_bars" if q.chart == "bar" else "explore.fitted"
            note = " ".join(filter(None, [t(fits, lang, asked=fmt.duration(asked, lang),
                                            step=fmt.duration(q.step, lang),
                                            total=fmt.number(math.ceil((q.end - q.start) / asked),
                                                             lang, 0)), note]))
        # Files hold the asked step when the API can give it (bars coarsened to be read), the
        # drawn one when it cannot (a year at 1 minute).
        exported = asked if asked and math.ceil((q.end - q.start) / asked) <= \
            MAX_POINTS_PER_SERIES else None
        urls = export_urls(q, lang, exported)
        agg_hint = t("explore.agg_auto", lang,
                     agg=t("explore.agg." + ctx.config.metric(q.metric).agg, lang))
        return [fig, columns, rows, summary, note, "", False, agg_hint] + \
            [urls[k] for k in EXPORTS]

