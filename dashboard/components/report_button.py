"""The "Unduh PDF" button (and the PNG card beside it) of a page: links to ``/report.pdf``
and ``/report.png`` (``dashboard.report.routes``) carrying the page's state from the URL.

    report_buttons("ov", "overview", search, lang)         # in the layout
    follow_search(app, "ov", "overview", on_page)           # hrefs follow ?period=&region=

The link's ``download`` attribute makes the browser save the file under the name the
server gives (``Content-Disposition``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate
from pantau.dashboard.i18n import t

KEEP = ("period", "region", "outlet", "channel", "topic", "by", "year", "lang")


def report_href(kind: str, page: str, search: str | None, **extra: str) -> str:
    """``/report.pdf?page=overview&period=30d``: the page's state from ``search``."""
    params = [("page", page)] + [(k, str(v)) for k, v in extra.items() if v]
    params += [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k in KEEP]
    return f"/report.{kind}?{urlencode(params)}"


def report_buttons(prefix: str, page: str, search: str | None, lang: str, card: bool = True,
                   **extra: str) -> html.Div:
    """The PDF button (id ``<prefix>-report-pdf``) and the PNG card's (``-report-png``)."""
    kids = [html.A([html.Span("⤓ ", **{"aria-hidden": "true"}), t("report.button", lang)],
                   id=f"{prefix}-report-pdf", href=report_href("pdf", page, search, **extra),
                   download="", className="btn btn-outline-secondary btn-sm report-btn")]
    if card:
        kids.append(html.A(t("report.card_button", lang), id=f"{prefix}-report-png",
                           href=report_href("png", page, search, **extra), download="",
                           className="btn btn-outline-secondary btn-sm report-btn ms-1"))
    return html.Div(kids, className="report-buttons d-print-none")


def follow_search(app, prefix: str, page: str, on_page: Callable[[str], bool],
                  card: bool = True, extra: Callable[[str], dict] | None = None) -> None:
    """Keep the buttons' links on the URL's state (the filters change ``url.search``)."""
    outs = [Output(f"{prefix}-report-pdf", "href")]
    if card:
        outs.append(Output(f"{prefix}-report-png", "href"))

    @app.callback(*outs, Input("url", "search"), State("url", "pathname"))
    def _follow(search, pathname):
        if not on_page(pathname or "/"):
            raise PreventUpdate
        more = extra(pathname) if extra else {}
        hrefs = [report_href("pdf", page, search, **more)]
        if card:
            hrefs.append(report_href("png", page, search, **more))
        return hrefs if card else hrefs[0]
