"""``/report.pdf`` and ``/report.png``: the report of a page behind its "Unduh PDF" button.

    /report.pdf?page=overview&period=30d&region=52.71
    /report.pdf?page=metric&metric=ipm&period=ytd&paper=F4
    /report.pdf?page=screen&screen=layanan
    /report.pdf?page=media&period=30d&outlet=Suara+NTB&topic=spbe
    /report.pdf?page=explore&metric=lapor_count&from=now-7d&region=52.71
    /report.png?page=overview                     # the image card, 1080x1350

The paths need a viewer (``dashboard.auth.rules.REPORT_PATHS``); the report of a page needs
the role of that page too (``page_role``: the explorer's needs an analyst), and is made in
the principal's region scope. One render at a time per process (``engine``); a request
that waits too long is answered 429. Bad input is a 400 naming the parameter.
"""

from __future__ import annotations

from flask import Flask, Response, request
from pantau.dashboard.access import current
from pantau.dashboard.context import AppContext

PAGE_PATHS = {"overview": "/", "metric": "/metric/", "media": "/media", "screen": "/",
              "explore": "/explore", "aduan": "/aduan", "spbe": "/spbe"}
"""The page whose role a report of ``page`` needs (a screen's report is offered on /)."""
MEDIA_KEYS = ("outlet", "channel", "topic", "by")
DEFAULT_PERIODS = {"aduan": "90d"}
"""A page whose default period is not 7 days leaves it out of its URL (``/aduan``)."""
WAIT = 20.0
"""Seconds a request waits for the renderer before it is answered 429."""


def _error(status: int, message: str, parameter: str | None = None) -> Response:
    import orjson

    return Response(orjson.dumps({"error": message, "parameter": parameter}), status=status,
                    mimetype="application/json")


def spec_from(args, lang: str):
    """The ``Spec`` of a request's query (values checked by ``content.check``)."""
    from pantau.dashboard.report.content import Spec

    page = args.get("page", "overview")
    one = {k: v for k, v in args.items()}
    explore = tuple((k, v) for k, v in one.items() if k not in ("page", "paper", "lang")) \
        if page == "explore" else ()
    return Spec(page=page, period=one.get("period") or DEFAULT_PERIODS.get(page, "7d"),
                region=one.get("region"),
                metric=one.get("metric"), screen=one.get("screen"), lang=lang,
                paper=one.get("paper", "A4"), year=one.get("year"),
                media=tuple((k, one[k]) for k in MEDIA_KEYS if one.get(k)),
                explore=explore)


def register(server: Flask, ctx: AppContext) -> None:
    def answer(kind: str):
        from pantau.dashboard.auth.rules import page_role
        from pantau.dashboard.report import make
        from pantau.dashboard.report.content import ReportInputError
        from pantau.dashboard.report.engine import Busy, RenderFailed

        args = request.args
        if any(len(v) > 200 for v in args.values()) or len(args) > 30:
            return _error(400, "query too long: at most 30 parameters of 200 characters")
        page = args.get("page", "overview")
        if page not in PAGE_PATHS:
            return _error(400, f"page must be one of {', '.join(PAGE_PATHS)}", "page")
        who = current()
        needed = page_role(PAGE_PATHS[page])
        if who.role < needed:
            return _error(403, f"the role {who.role.label} may not see this page's report; "
                               f"it needs {needed.label} or higher", "page")
        spec = spec_from(args, ctx.lang(args.get("lang")))
        try:
            name, mime, data = make(ctx, spec, who.region, kind, wait=WAIT)
        except ReportInputError as exc:
            return _error(400, str(exc), exc.param)
        except Busy as exc:
            resp = _error(429, str(exc))
            resp.headers["Retry-After"] = "10"
            return resp
        except RenderFailed as exc:
            return _error(503, f"the report could not be rendered: {exc}")
        resp = Response(data, mimetype=mime)
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        resp.headers["Cache-Control"] = "no-store"
        return resp

    server.add_url_rule("/report.pdf", "pantau_report_pdf", lambda: answer("pdf"))
    server.add_url_rule("/report.png", "pantau_report_png", lambda: answer("png"))
