"""The OpenAPI 3.1 description of the read API, served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from pantau.dashboard.api.params import (
    CHANNELS,
    CHARTS,
    MAX_LIMIT,
    MAX_POINTS_PER_SERIES,
    SENTIMENTS,
)
from pantau.dashboard.context import AppContext
from pantau.data.periods import PERIODS
from pantau.data.queries import AGGS


def _p(name: str, desc: str, schema: dict | None = None, required: bool = False,
       where: str = "query") -> dict:
    return {"name": name, "in": where, "required": required, "description": desc,
            "schema": schema or {"type": "string"}}


def _ok(desc: str, ref: str | None = None, media: tuple[str, ...] = ("application/json",)):
    content = {}
    for m in media:
        if m == "application/json" and ref:
            content[m] = {"schema": {"$ref": f"#/components/schemas/{ref}"}}
        elif m == "text/csv":
            content[m] = {"schema": {"type": "string"}}
        else:
            content[m] = {"schema": {"type": "string", "format": "binary"}}
    return {"description": desc, "content": content}


ERRORS = {
    "400": {"description": "a bad parameter, named in the answer",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
    "403": {"description": "the role may not use this endpoint, or a region outside the "
                           "caller's region scope was asked for by name (region=52.01 from "
                           "a caller limited to 52.71): error 'forbidden', detail, and for a "
                           "region the parameter and the scope",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
    "404": {"description": "unknown metric (or screen)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
}

SCOPE_TEXT = (
    " Region scope: a user or token limited to a region (pantau user add/token create "
    "--region 52.71) gets only the series of that region (and the places inside it) and "
    "series without a region, in every answer that holds series or label values (series, "
    "latest, metrics' labels, chart files, reports, export.xlsx, CSV); /kpi without region "
    "(or with the site's code) gives the site's total. Asking for another region by name is "
    "refused with 403 JSON, never answered.")


def spec(ctx: AppContext) -> dict:
    """The description, with the metric names of this site's catalogue as an enum."""
    metrics = [m.name for m in ctx.config.metrics]
    metric = _p("metric", "metric name from /metrics (unknown: 404)",
                {"type": "string", "enum": metrics}, required=True)
    time = [_p("from", "start: ISO 8601 (a time without zone is in the site's zone), epoch "
                       "seconds or relative (now-7d); default now-7d"),
            _p("to", "end (exclusive), same forms; default now; to-from at most the "
                     "retention")]
    fmt = _p("format", "json (default) or csv", {"type": "string", "enum": ["json", "csv"]})
    lang = _p("lang", "language of titles: id or en", {"type": "string", "enum": ["id", "en"]})
    labels = {"name": "labels", "in": "query", "style": "form", "explode": True,
              "description": "any other parameter is a label filter (region=52.71; repeat "
                             "for several values; label.<name>= for a label whose name is a "
                             "parameter); it must name a label of the metric and one of its "
                             "values",
              "schema": {"type": "object", "additionalProperties": {"type": "string"}}}
    series_params = [metric, *time,
                     _p("step", f"bucket size: a duration (1h, 15m, 1d) or seconds; at least "
                                f"1s and at most {MAX_POINTS_PER_SERIES} buckets per series; "
                                f"default the nice step for about 1000 points; buckets of a "
                                f"day or more start at local midnight. A JSON answer without "
                                f"max_points holds at most 1000 points per series: a finer "
                                f"step is aggregated in the database at the smallest nice "
                                f"multiple that fits (the answer's step; step_asked is the "
                                f"one asked). CSV keeps the asked step"),
                     _p("agg", "how values combine in a bucket; default the metric's agg",
                        {"type": "string", "enum": list(AGGS)}),
                     _p("metric2", "a second metric drawn with the first"),
                     _p("shift", "a duration (7d) or 'period': the same query that much earlier"),
                     _p("max_points", "keep the asked step and reduce each line to at most this "
                                       "many real points by LTTB (shape kept)",
                        {"type": "integer", "minimum": 3, "maximum": MAX_POINTS_PER_SERIES}),
                     lang, labels]
    chart_params = [*series_params,
                    _p("width", "pixels", {"type": "integer", "minimum": 200, "maximum": 4000,
                                           "default": 1200}),
                    _p("height", "pixels", {"type": "integer", "minimum": 150,
                                            "maximum": 3000, "default": 600}),
                    _p("chart", "line, area or bar", {"type": "string", "enum": list(CHARTS)})]

    def get(summary: str, parameters: list, ok: dict) -> dict:
        return {"get": {"summary": summary, "parameters": parameters,
                        "responses": {"200": ok, **ERRORS}}}

    paths = {
        "/metrics": get("The metric catalogue", [lang, fmt],
                        _ok("the metrics", "Metrics", ("application/json", "text/csv"))),
        "/sources": get("Health of every source: last run, status, last success, next due, "
                        "stale flag, last error", [fmt],
                        _ok("per source", "Sources", ("application/json", "text/csv"))),
        "/series": get("Points per series, aggregated in the database",
                       [*series_params, fmt],
                       _ok("series", "Series", ("application/json", "text/csv"))),
        "/latest": get("The latest value per series with its age and stale flag",
                       [metric, lang, fmt, labels],
                       _ok("latest values", "Latest", ("application/json", "text/csv"))),
        "/kpi": get("What a metric shows for a place and a period, as on the overview's cards "
                    "and the wall's tiles: value, previous period, status, target",
                    [metric, lang, _p("period", "period", {"type": "string",
                                                           "enum": list(PERIODS)}),
                     _p("region", "the site's region code (site.region) or the code of a region "
                        "inside it (a kabupaten/kota of a province, a kecamatan of a "
                        "kabupaten/kota, a desa/kelurahan where data has it; a place without "
                        "a series of its own is the places inside it, never counted twice). "
                        "The answer's site_wide (also as province_wide, its older name) is true "
                        "when the metric has no region label and the figure is the site's")],
                    _ok("the figure")),
        "/articles": get("Media items, newest first", [
            *time, _p("outlet", "outlet name"),
            _p("channel", "media channel", {"type": "string", "enum": list(CHANNELS)}),
            _p("topic", "a configured topic", {"type": "string",
                                               "enum": list(ctx.config.media.topics)}),
            _p("q", "text in title or summary (at most 200 characters)"),
            _p("sentiment", "sentiment", {"type": "string", "enum": list(SENTIMENTS)}),
            _p("limit", "how many", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                     "default": 50}), fmt],
            _ok("articles", "Articles", ("application/json", "text/csv"))),
        "/export.xlsx": get("A workbook: the data (raw points without step; times as "
                            "Excel date-times in the site zone, named in the header), a sheet "
                            "of the filters, period and time zone, and a sheet of the sources "
                            "(id, title, kind, URL without credentials)", [*series_params],
                            _ok("workbook", media=("application/vnd.openxmlformats-"
                                                   "officedocument.spreadsheetml.sheet",))),
        "/report.pdf": get("A one-page PDF report: a view (series parameters) or a configured "
                           "screen (screen=ID)", [*series_params, _p("screen", "screen id")],
                           _ok("PDF", media=("application/pdf",))),
        "/alerts": get("Alerts not normal (firing first, then pending, nodata, error), each "
                       "with rule, severity, labels and their names, value, threshold, since, "
                       "starts_at, who acknowledged it, the silence or mute window holding "
                       "its notifications; the silences in force; critical_firing. Role: "
                       "viewer or better", [lang], _ok("alerts", "Alerts")),
        "/alerts/history": get("Alert transitions (firing, resolved with ends_at and "
                               "duration_seconds, nodata, error, acknowledged), newest first, "
                               "at most 1000. Role: viewer or better", time,
                               _ok("events", "AlertHistory")),
        "/annotations": get("Annotations in the time range: alert transitions and operators' "
                            "notes, of the metric (and the site-wide ones), oldest first. "
                            "Role: viewer or better",
                            [{**metric, "required": False}, *time],
                            _ok("annotations", "Annotations")),
        "/complaints/sla": get(
            "Service levels of public complaints (SP4N-LAPOR!) received in [from, to) "
            "(default the last 30 days), per stage: verification (receipt to verified_at, "
            "due N hari kerja after receipt), followup (verified_at to followed_up_at, due N "
            "hari kerja after verification; only verified complaints), completion (receipt "
            "to closed_at, due N days after receipt); deadlines from config complaints:. A "
            "stage is due by the end of its due date in the site's zone. due: done or past "
            "its due date (on_time + late + open_overdue); on_time/late: done by/after the "
            "due date; open_overdue: not done and past it; median_workdays: median hari kerja "
            "the done ones took (null when none). calendar.holidays_used: the weekday "
            "holidays and cuti bersama the count skipped. Role: analyst or better; a caller "
            "limited to a region gets its region's complaints (and those without a region)",
            [*time, _p("region", "the site's region code or a region one level below it: "
                                 "complaints of that region and the places inside it"),
             _p("agency", "the OPD, exactly as imported")],
            _ok("service levels per stage", "ComplaintsSla")),
        "/openapi.json": get("This description", [], {"description": "OpenAPI 3.1"}),
    }
    for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml"),
                       ("pdf", "application/pdf")):
        paths[f"/chart.{kind}"] = get(f"The explorer's chart as {kind.upper()}", chart_params,
                                      _ok("image", media=(mime,)))
    point = {"type": "array", "prefixItems": [{"type": "integer", "description": "epoch ms"},
                                              {"type": "number"}]}
    schemas = {
        "Error": {"type": "object", "required": ["error"],
                  "properties": {"error": {"type": "string"},
                                 "parameter": {"type": ["string", "null"]},
                                 "detail": {"type": "string"},
                                 "scope": {"type": "string", "description": "403 of a region "
                                           "outside the caller's scope: the scope"}}},
        "Metrics": {"type": "object", "properties": {"metrics": {"type": "array", "items": {
            "type": "object", "properties": {k: {} for k in (
                "name", "title", "unit", "better", "agg", "target", "warn", "crit",
                "stale_after", "labels")}}}}},
        "Sources": {"type": "object", "properties": {"sources": {"type": "array", "items": {
            "type": "object", "properties": {k: {} for k in (
                "id", "kind", "status", "last_run", "last_success", "next_due", "stale",
                "last_error", "last_error_kind")}}}}},
        "Series": {"type": "object", "properties": {
            "metric": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
            "step": {"type": "integer", "description": "the step answered, in seconds"},
            "step_asked": {"type": "integer", "description": "present when a finer step "
                           "was asked than the answer holds"},
            "agg": {"type": "string"},
            "series": {"type": "array", "items": {"type": "object", "properties": {
                "metric": {"type": "string"}, "labels": {"type": "object"},
                "shift": {"type": "integer"}, "points": {"type": "array", "items": point},
                "downsampled": {"type": "object", "description": "from (points at the "
                                "asked step), to (points sent), method (step or lttb)"}}}}}},
        "Latest": {"type": "object", "properties": {"series": {"type": "array", "items": {
            "type": "object", "properties": {k: {} for k in (
                "labels", "ts", "time", "value", "age_seconds", "stale")}}}}},
        "Alerts": {"type": "object", "properties": {
            "critical_firing": {"type": "integer"},
            "silences": {"type": "array", "items": {"type": "object", "properties": {
                k: {} for k in ("id", "rule", "labels", "starts_at", "ends_at", "reason",
                                "author")}}},
            "alerts": {"type": "array", "items": {"type": "object", "properties": {
                "rule": {"type": "string"},
                "state": {"type": "string", "enum": ["firing", "pending", "nodata", "error"]},
                "severity": {"type": "string", "enum": ["info", "warning", "critical"]},
                **{k: {} for k in ("labels", "names", "metric", "value", "threshold", "since",
                                   "starts_at", "acknowledged", "silenced",
                                   "muted_until")}}}}}},
        "AlertHistory": {"type": "object", "properties": {
            "from": {"type": "string"}, "to": {"type": "string"},
            "events": {"type": "array", "items": {"type": "object", "properties": {
                k: {} for k in ("rule", "state", "severity", "labels", "value", "at",
                                "starts_at", "ends_at", "duration_seconds")}}}}},
        "Annotations": {"type": "object", "properties": {
            "metric": {"type": ["string", "null"]}, "from": {"type": "string"},
            "to": {"type": "string"},
            "annotations": {"type": "array", "items": {"type": "object", "properties": {
                k: {} for k in ("id", "at", "end", "metric", "labels", "text", "author",
                                "kind", "rule")}}}}},
        "ComplaintsSla": {"type": "object", "properties": {
            "from": {"type": "string"}, "to": {"type": "string"},
            "region": {"type": ["string", "null"]}, "agency": {"type": ["string", "null"]},
            "complaints": {"type": "integer", "description": "complaints counted"},
            "stages": {"type": "object", "properties": {stage: {
                "type": "object", "properties": {
                    **{k: {"type": "integer"} for k in ("due", "on_time", "late",
                                                        "open_overdue")},
                    "median_workdays": {"type": ["number", "null"]}}}
                for stage in ("verification", "followup", "completion")}},
            "calendar": {"type": "object", "properties": {"holidays_used": {
                "type": "array", "items": {"type": "object", "properties": {
                    "date": {"type": "string", "format": "date"},
                    "name": {"type": "string"}}}}}}}},
        "Articles": {"type": "object", "properties": {"articles": {"type": "array", "items": {
            "type": "object", "properties": {k: {} for k in (
                "title", "url", "outlet", "channel", "published", "summary", "topics",
                "sentiment")}}}}},
    }
    return {"openapi": "3.1.0",
            "info": {"title": f"Pantau API — {ctx.config.site.name}", "version": "1",
                     "description": "Read-only. Times ISO 8601 in the site's zone "
                                    f"({ctx.tz}); points as [epoch_ms, value]." + SCOPE_TEXT},
            "servers": [{"url": "/api/v1"}], "paths": paths,
            "components": {"schemas": schemas}}
