"""The SPBE card of the executive overview (``/``): the latest evaluation's index and
predikat of the place asked (the site's own evaluation, else the mean of its kabupaten/kota,
said so), its change from the year before and how many regions reach Baik; links to
``/spbe``. Shown in the section of a screen that has a ``view: spbe`` tile."""

from __future__ import annotations

from dash import dcc, html
from pantau.dashboard.components.spbe_view import (
    change_text,
    index_text,
    origin_text,
    predikat_chip,
    region_text,
    target_text,
)
from pantau.dashboard.i18n import t
from pantau.data import spbe
from pantau.data.spbe_answers import Book


def spbe_card(b: Book, region: str, lang: str, href: str, card_id: str) -> html.Div:
    year = b.years[-1] if b.years else None
    head = b.headline(year, region) if year is not None else None
    if head is None or head.index is None:
        value, chip, who, change = "–", predikat_chip(None, lang), t("common.no_data", lang), ""
    else:
        value, chip = index_text(head.index, lang), predikat_chip(head.predikat, lang)
        who = t("spbe.headline.mean", lang, n=head.mean_of, year=year) if head.mean_of else \
            t("spbe.headline.own", lang, name=region_text(region), year=year)
        change = change_text(head.change, year - 1, lang)
    lines = [
        html.Div([html.Span(t("spbe.card.title", lang), className="kpi-title"), chip],
                 className="kpi-head"),
        html.Div(value, className="kpi-value"),
        html.Div(change or t("overview.no_previous", lang), className="kpi-change"),
        html.Div(target_text(lang), className="kpi-target"),
    ]
    if head is not None and head.counted:
        lines.append(html.Div(t("spbe.reached", lang, n=head.reached, of=head.counted,
                                value=index_text(spbe.TARGET, lang)), className="kpi-note"))
    lines.append(html.Div(who, className="kpi-note"))
    if head is not None and head.index is not None:
        origin = b.origin(year, region) if not head.mean_of else \
            ("demo" if b.demo else "")
        if origin:
            lines.append(html.Div(t("spbe.card.origin", lang,
                                    origin=origin_text(origin, lang)), className="kpi-fresh"))
    status = {"Memuaskan": "ok", "Sangat Baik": "ok", "Baik": "ok", "Cukup": "warn",
              "Kurang": "crit"}.get(head.predikat if head else None, "nodata")
    body = html.Div(lines, className="card-body")
    return html.Div(dcc.Link(body, href=href, className="kpi-link",
                             title=t("spbe.card.open", lang)),
                    className=f"kpi-card spbe-kpi card h-100 status-{status}", id=card_id,
                    **{"data-metric": "spbe", "data-status": status})
