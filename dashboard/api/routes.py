"""The ``/api/v1`` endpoints (docs/architecture.md, "HTTP API") on the app's Flask server.

``register(server, ctx)`` adds them. Every handler reads its parameters through
``dashboard.api.params`` (400 naming the parameter, 404 for an unknown metric), answers from
``dashboard.api.answers`` (aggregated in the database, cached) and writes JSON, CSV
(``?format=csv``), XLSX or a rendered chart. Responses over a few KB are gzipped for clients
that accept it.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterable, Iterator

import orjson
from flask import Flask, Response, request
from pantau.dashboard import fmt
from pantau.dashboard.access import current
from pantau.dashboard.api import answers, params, tables
from pantau.dashboard.api.heavy import HeavyGate
from pantau.dashboard.api.params import ApiError
from pantau.dashboard.context import AppContext
from pantau.dashboard.i18n import t
from pantau.data.engine import store_unreachable
from pantau.data.periods import DEFAULT_PERIOD, PERIODS
from pantau.data.zones import zone_label

log = logging.getLogger(__name__)
PREFIX = "/api/v1"
GZIP_MIN = 2048
_MIMES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
          "csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _args() -> dict[str, list[str]]:
    return request.args.to_dict(flat=False)


def _only(args: dict, allowed: tuple[str, ...]) -> None:
    for name in args:
        if name not in allowed:
            raise ApiError(f"unknown parameter {name!r}; this endpoint takes "
                           f"{', '.join(allowed)}", name[:100])


def json_response(body: dict, status: int = 200) -> Response:
    """``body`` as compact UTF-8 JSON. orjson writes the thousands of floats of a /series
    answer ~10x faster than the standard library; NaN and infinities become null."""
    data = orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)
    return Response(data, status=status, mimetype="application/json")


def file_response(data: bytes | Iterable[bytes], kind: str, filename: str,
                  attachment: bool = True) -> Response:
    """``data`` (bytes, or chunks to stream) as a file download named ``filename``."""
    resp = Response(data, mimetype=_MIMES[kind])
    disposition = "attachment" if attachment else "inline"
    resp.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return resp


def file_name(ctx: AppContext, what: str, stem: str, ext: str, lang: str | None = None) -> str:
    """``pantau-grafik-lapor_count-20261202-1030-WITA.pdf``: what the file is (``what``: chart,
    report, data, latest, articles, from the text catalogue, so a chart and a report of one
    view never share a name), its subject, and when it was made in the site zone, named as
    the pages name it."""
    kind = t(f"api.file.{what}", lang or ctx.config.site.language)
    made = fmt.local(ctx.clock(), ctx.tz).strftime("%Y%m%d-%H%M")
    name = f"pantau-{kind}-{stem}-{made}-{zone_label(ctx.tz)}.{ext}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def register(server: Flask, ctx: AppContext) -> None:
    """Add every ``/api/v1`` endpoint to ``server``."""

    heavy = HeavyGate(ctx.config.web.heavy_requests)
    server.extensions["pantau.heavy"] = heavy

    @server.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        resp = json_response(exc.body(), exc.status)
        resp.headers.update(exc.headers)
        return resp

    @server.after_request
    def _compress(resp: Response):
        if not request.path.startswith(PREFIX) or resp.direct_passthrough:
            return resp
        if resp.mimetype not in ("application/json", "text/csv", "image/svg+xml"):
            return resp
        if "gzip" not in request.headers.get("Accept-Encoding", "").lower():
            return resp
        if resp.is_streamed:
            resp.response = _gzip_stream(resp.response)
            resp.headers["Content-Encoding"] = "gzip"
            resp.headers["Vary"] = "Accept-Encoding"
            resp.headers.pop("Content-Length", None)
            return resp
        data = resp.get_data()
        if len(data) < GZIP_MIN or resp.headers.get("Content-Encoding"):
            return resp
        resp.set_data(gzip.compress(data, compresslevel=5, mtime=0))
        resp.headers["Content-Encoding"] = "gzip"
        resp.headers["Vary"] = "Accept-Encoding"
        return resp

    def endpoint(rule: str):
        """Route ``rule`` under /api/v1; unexpected failures become a JSON 500."""
        def wrap(fn):
            def handler(**kw):
                try:
                    return fn(**kw)
                except ApiError:
                    raise
                except Exception as exc:  # the store or the renderer failed: say so in JSON
                    if store_unreachable(exc):
                        raise  # 503 with Retry-After (dashboard.errors)
                    log.exception("API %s failed", request.full_path)
                    return json_response({"error": "internal error; see the server log",
                                          "parameter": None}, 500)
            handler.__name__ = "api_" + fn.__name__
            server.add_url_rule(PREFIX + rule, handler.__name__, handler, methods=["GET"])
            return fn
        return wrap

    @endpoint("/metrics")
    def metrics():
        args = _args()
        _only(args, ("lang", "format"))
        answer = answers.metrics_answer(ctx, params.language(ctx, args), current().region)
        if params.fmt(args) == "csv":
            return file_response(tables.metrics_csv(answer), "csv", "pantau-metrics.csv")
        return json_response(answer)

    @endpoint("/sources")
    def sources():
        args = _args()
        _only(args, ("format", "lang"))
        lang = params.language(ctx, args)
        answer = answers.sources_answer(ctx, ctx.clock(), lang)
        if params.fmt(args) == "csv":
            return file_response(tables.sources_csv(answer), "csv",
                                 file_name(ctx, "sources", "health", "csv", lang))
        return json_response(answer)

    @endpoint("/series")
    def series():
        args = _args()
        q = params.series_query(ctx, args)
        kind = params.fmt(args)
        if kind == "csv":
            chunks = heavy.stream(lambda: tables.series_csv(answers.series_answer(ctx, q),
                                                            ctx.tz))
            return file_response(chunks, "csv", file_name(ctx, "data", q.metric, "csv", q.lang))
        return json_response(answers.series_answer(ctx, q))

    @endpoint("/latest")
    def latest():
        args = _args()
        metric = params.metric_name(ctx, args)
        kind = params.fmt(args)
        lang = params.language(ctx, args)
        scope = current().region
        filters = params.label_filters(ctx, args, [metric.name],
                                       reserved=("metric", "format", "lang"), scope=scope)
        answer = answers.latest_answer(ctx, metric, {k: list(v) for k, v in filters},
                                       ctx.clock(), lang, scope)
        if kind == "csv":
            return file_response(tables.latest_csv(answer), "csv",
                                 file_name(ctx, "latest", metric.name, "csv", lang))
        return json_response(answer)

    @endpoint("/kpi")
    def kpi():
        args = _args()
        _only(args, ("metric", "period", "region", "lang"))
        metric = params.metric_name(ctx, args)
        lang = params.language(ctx, args)
        period = params.choice(args, "period", PERIODS, DEFAULT_PERIOD)
        scope = current().region
        region = params.region(ctx, args, scope)
        return json_response(answers.kpi_answer(ctx, metric, period, region, lang,
                                                ctx.clock(), scope))

    @endpoint("/articles")
    def articles():
        args = _args()
        _only(args, ("from", "to", "outlet", "channel", "topic", "q", "limit", "sentiment",
                     "format", "lang"))
        params.language(ctx, args)
        kind = params.fmt(args)
        start, end, _, _ = params.time_range(ctx, args, ctx.clock(), required=False)
        topics = tuple(ctx.config.media.topics)
        a = {"start": start, "end": end, "outlet": params.one(args, "outlet") or None,
             "channel": params.choice(args, "channel", params.CHANNELS),
             "topic": params.choice(args, "topic", topics) if topics else
             params.one(args, "topic") or None,
             "q": params.one(args, "q") or None,
             "limit": params.integer(args, "limit", 1, params.MAX_LIMIT, 50),
             "sentiment": params.choice(args, "sentiment", params.SENTIMENTS)}
        if a["q"] and len(a["q"]) > 200:
            raise ApiError("q must be at most 200 characters", "q")
        answer = answers.articles_answer(ctx, a)
        if kind == "csv":
            return file_response(tables.articles_csv(answer), "csv",
                                 file_name(ctx, "articles", "media", "csv"))
        return json_response(answer)

    @endpoint("/chart.<kind>")
    def chart(kind: str):
        from pantau.dashboard.api.charts import chart_bytes

        if kind not in ("png", "svg", "pdf"):
            raise ApiError(f"chart.{kind[:10]}: the chart comes as png, svg or pdf", "format",
                           status=404)
        args = _args()
        width = params.integer(args, "width", 200, 4000, 1200)
        height = params.integer(args, "height", 150, 3000, 600)
        q = params.series_query(ctx, args, default_points=width)
        with heavy.slot():
            data = chart_bytes(ctx, q, kind, width, height)
        return file_response(data, kind, file_name(ctx, "chart", q.metric, kind, q.lang),
                             attachment=kind == "pdf" or "download" in args)

    @endpoint("/report.pdf")
    def report():
        from pantau.dashboard.api.charts import report_bytes, screen_report_bytes

        args = _args()
        if "screen" in args:
            screen_id = params.one(args, "screen")
            screen = ctx.config.screen(screen_id or "")
            if screen is None:
                raise ApiError(f"screen {screen_id!r} is not in config.yaml screens", "screen",
                               status=404)
            lang = params.language(ctx, args)
            with heavy.slot():
                data = screen_report_bytes(ctx, screen, lang, args, current().region)
            return file_response(data, "pdf", file_name(ctx, "report", screen.id, "pdf", lang))
        q = params.series_query(ctx, args)
        with heavy.slot():
            data = report_bytes(ctx, q)
        return file_response(data, "pdf", file_name(ctx, "report", q.metric, "pdf", q.lang))

    @endpoint("/export.xlsx")
    def export_xlsx():
        from pantau.dashboard.api.charts import xlsx_bytes

        args = _args()
        q = params.series_query(ctx, args)
        raw = not params.one(args, "step")
        with heavy.slot():
            data = xlsx_bytes(ctx, q, raw)
        return file_response(data, "xlsx", file_name(ctx, "data", q.metric, "xlsx", q.lang))

    @endpoint("/openapi.json")
    def openapi():
        from pantau.dashboard.api.openapi import spec

        return json_response(spec(ctx))

    from pantau.dashboard.api import alerts

    alerts.register(server, ctx, json_response, _only)
    from pantau.dashboard.api import complaints

    complaints.register(server, ctx, json_response, _only)

    @endpoint("/<path:rest>")
    def unknown(rest: str):
        raise ApiError(f"no endpoint {PREFIX}/{rest[:100]}; see {PREFIX}/openapi.json",
                       None, status=404)


def _gzip_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks`` gzipped on the fly (a streamed CSV is never held whole to compress it)."""
    z = zlib.compressobj(5, zlib.DEFLATED, 31)
    try:
        for chunk in chunks:
            out = z.compress(chunk)
            if out:
                yield out
        yield z.flush()
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()
