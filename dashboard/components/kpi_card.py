"""The KPI card of the executive overview: ``kpi_card(card_data, lang, tz, href)``.

Value with unit, status badge (from ``warn``/``crit``), change vs the previous period
coloured by the metric's ``better``, target with a progress bar, a sparkline and the age of the
newest point. Texts come from ``dashboard/texts/overview.py``; numbers from ``dashboard.fmt``.
"""

from __future__ import annotations

from dash import dcc, html
from pantau.dashboard import fmt
from pantau.dashboard.components.kpi_data import CardData
from pantau.dashboard.figures import sparkline
from pantau.dashboard.figures.style import STATUS
from pantau.dashboard.i18n import t
from pantau.data.reference import codes

ARROW_UP, ARROW_DOWN, MINUS = "▲", "▼", "−"
BADGE = {"ok": "text-bg-success", "warn": "text-bg-warning", "crit": "text-bg-danger",
         "none": "text-bg-light border", "nodata": "text-bg-light border"}


def status_key(card: CardData) -> str:
    """``ok``/``warn``/``crit``/``none``, or ``nodata`` when there is no value at all."""
    return "nodata" if card.value is None else card.status


def status_text(card: CardData, lang: str) -> str:
    return t(f"kpi.status.{status_key(card)}", lang)


def delta_tone(card: CardData) -> str:
    """``good``, ``bad`` or ``neutral``: a rise is good when higher is better."""
    d = card.delta
    if d is None or d == 0 or card.metric.better == "none":
        return "neutral"
    return "good" if (d > 0) == (card.metric.better == "up") else "bad"


def delta_text(card: CardData, lang: str) -> str:
    """``▲ +25 (+33,3%)``; ratios and percentages change in points (``▼ −5,0 poin``)."""
    d, unit = card.delta, card.metric.unit
    if d is None:
        return t("overview.no_previous", lang)
    if d == 0:
        return t("overview.unchanged", lang)
    arrow, sign = (ARROW_UP, "+") if d > 0 else (ARROW_DOWN, MINUS)
    if unit in ("ratio", "percent"):
        pts = abs(d) * 100 if unit == "ratio" else abs(d)
        return f"{arrow} {sign}" + t("overview.points", lang, value=small_number(pts, lang))
    text = f"{arrow} {sign}{fmt.value(abs(d), unit, lang)}"
    if card.delta_pct is not None:
        text += f" ({sign}{small_number(abs(card.delta_pct), lang)}%)"
    return text


def small_number(v: float, lang: str) -> str:
    """A change for people: one decimal, two below 1 (so a real change never reads 0)."""
    return fmt.number(v, lang, 1 if v >= 1 else 2)


def target_text(card: CardData, lang: str) -> str:
    """``Target 100 · Capaian 83,3%`` (or ``Tanpa target``)."""
    m = card.metric
    if card.target is None:
        return t("overview.no_target", lang)
    text = t("kpi.target", lang, value=fmt.value(card.target, m.unit, lang))
    if card.attainment is not None:
        pct = fmt.number(card.attainment, lang, 1) + "%"
        text += " · " + t("overview.attainment", lang, pct=pct)
    return text


def note_text(card: CardData, lang: str, tz: str) -> str | None:
    """The small print: a latest-value date, or that the figure is province-wide."""
    if card.as_of is not None:
        return t("overview.as_of", lang, date=fmt.date(card.as_of, lang, tz))
    if card.province_wide:  # a region below the site was asked: the site is its parent
        kind = codes.kind(codes.parent(card.region) or card.region)
        return t("overview.province_wide" if kind in (None, "provinsi") else
                 f"overview.{kind}_wide", lang)
    return None


def delay_text(card: CardData, lang: str, tz: str) -> str | None:
    """``DATA TERTUNDA · sejak 27 Nov 2026 09:15 WITA`` when the metric's sources fail (the
    wall's words), else None."""
    if card.delay is None:
        return None
    text = t("wall.delayed", lang)
    if card.delay.since is not None:
        text += " · " + t("wall.since", lang, time=fmt.when(card.delay.since, lang, tz))
    return text


def kpi_card(card: CardData, lang: str, tz: str, href: str, card_id: str,
             link: bool = True, alert: dict | None = None) -> html.Div:
    """The card as Dash components; the whole card links to ``href`` when ``link``.
    ``alert``: the worst alert of the metric firing or pending (``dashboard.api.alerts.
    metric_alerts``), named on the card."""
    m, key = card.metric, status_key(card)
    progress = []
    if card.target is not None and card.attainment is not None:
        width = max(0.0, min(100.0, card.attainment))
        progress = [html.Div(html.Div(className="kpi-progress-bar",
                                      style={"width": f"{width:.1f}%",
                                             "background": STATUS.get(card.status,
                                                                      STATUS["none"])}),
                             className="kpi-progress", role="progressbar",
                             **{"aria-valuenow": f"{width:.0f}", "aria-valuemin": "0",
                                "aria-valuemax": "100"})]
    spark = []
    if not card.spark.empty:
        fig = sparkline(card.spark, m, lang, tz=tz, color=STATUS.get(card.status, "#0d6efd")
                        if card.status in ("warn", "crit") else "#0d6efd")
        spark = [dcc.Graph(figure=fig, config={"staticPlot": True, "displayModeBar": False},
                           className="kpi-spark", responsive=True,
                           style={"height": "56px"})]
    note = note_text(card, lang, tz)
    delayed = delay_text(card, lang, tz)
    fresh = t("overview.last_data", lang, when=fmt.when(card.last_ts, lang, tz)) \
        if card.last_ts is not None and card.as_of is None else None
    body = html.Div([
        html.Div([html.Span(m.title.get(lang), className="kpi-title"),
                  html.Span(status_text(card, lang),
                            className=f"kpi-status badge rounded-pill {BADGE[key]}")],
                 className="kpi-head"),
        html.Div(fmt.value(card.value, m.unit, lang), className="kpi-value"),
        html.Div([html.Span(delta_text(card, lang),
                            className=f"kpi-delta tone-{delta_tone(card)}"
                            + (" is-empty" if card.delta is None else "")),
                  html.Span(t("overview.vs_previous", lang), className="kpi-vs")
                  if card.delta is not None else None], className="kpi-change"),
        html.Div(target_text(card, lang), className="kpi-target"),
        *progress,
        *spark,
        html.Div(note, className="kpi-note") if note else None,
        html.Div(fresh, className="kpi-fresh") if fresh else None,
        html.Div(delayed, className="kpi-delayed", role="status") if delayed else None,
        alert_line(alert, lang) if alert else None,
    ], className="card-body")
    classes = f"kpi-card card h-100 status-{key}" + (" is-delayed" if delayed else "")
    attrs = {"data-metric": m.name, "data-status": key, "data-delayed": "1" if delayed else "0",
             "data-alert": alert["state"] if alert else ""}
    if link:
        return html.Div(dcc.Link(body, href=href, className="kpi-link",
                                 title=t("overview.open", lang, title=m.title.get(lang))),
                        className=classes, id=card_id, **attrs)
    return html.Div(body, className=classes, id=card_id, **attrs)


def alert_line(alert: dict, lang: str) -> html.Div:
    """"MENYALA · kritis: lonjakan" on a card whose metric has an alert firing or pending."""
    state = t(f"alerts.state.{alert['state']}", lang)
    severity = t(f"alerts.severity.{alert['severity']}", lang)
    colour = "bg-danger" if alert["state"] == "firing" else "bg-warning text-dark"
    return html.Div(html.Span(f"{state} · {severity}: {alert['rule']}",
                              className=f"badge {colour}"),
                    className="kpi-alert", role="status")
