"""What a notification says: the webhook's JSON body (issue 14) and its summary in Bahasa
Indonesia, with places named at their level (``data.labels.place_phrase``: "Kabupaten Lombok
Barat", "Kecamatan Kartasura") rather than codes. Telegram and email
send the same summary.

    body = payload(cfg, rule, labels, event, base_url)
    # {"rule", "state": "firing"|"resolved", "severity", "labels", "value", "threshold",
    #  "starts_at", "ends_at" (resolved only), "summary", "url"}
"""

from __future__ import annotations

from datetime import datetime

from pantau.data.alert_models import Rule
from pantau.data.alert_state import Event
from pantau.data.config_models import Config
from pantau.data.labels import labels_text
from pantau.data.zones import zone, zone_label

SEVERITY_ID = {"info": "INFO", "warning": "PERINGATAN", "critical": "KRITIS"}


def iso(ts: float | None, tz: str) -> str | None:
    """``ts`` as ISO 8601 in the site's zone (seconds), or None."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, zone(tz)).isoformat(timespec="seconds")


def number(value: float | None) -> str:
    """A value the Indonesian way: ``1.234``, ``12,5``."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _clock(ts: float | None, tz: str) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, zone(tz)).strftime("%d-%m-%Y %H:%M") + \
        f" {zone_label(tz)}"


def _span(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    if minutes < 1:
        return f"{int(seconds)} detik"
    if minutes < 120:
        return f"{minutes} menit"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} jam {minutes} menit" if minutes else f"{hours} jam"


def subject(cfg: Config, rule: Rule, labels: dict, lang: str = "id") -> str:
    """What the alert is about (Indonesian by default): the metric's title (or the
    source's) and the places of its labels by name."""
    if rule.source_down is not None:
        src = cfg.source(labels.get("source", rule.source_down))
        name = src.title_in(lang) if src is not None else labels.get("source", "?")
        return f"{'sumber data' if lang == 'id' else 'source'} {name}"
    metric = cfg.metric(rule.series_metric or "")
    title = metric.title_in(lang) if metric is not None else rule.series_metric
    where = labels_text(cfg, {k: v for k, v in labels.items() if k != "source"}, lang)
    return f"{title} {'di' if lang == 'id' else 'in'} {where}" if where else str(title)


def summary(cfg: Config, rule: Rule, labels: dict, event: Event) -> str:
    """One sentence in Bahasa Indonesia saying what happened."""
    tz = cfg.site.timezone
    what = subject(cfg, rule, labels)
    if event.kind == "resolved":
        took = _span((event.ends_ts or event.ts) - (event.starts_ts or event.ts))
        return (f"PULIH: {what} kembali normal pada {_clock(event.ends_ts, tz)} "
                f"(berlangsung {took}; aturan {rule.id}).")
    head = SEVERITY_ID[rule.severity]
    again = " (pengingat)" if event.kind == "repeat" else ""
    if rule.kind == "source_down":
        body = f"{what} tidak dapat diambil (DOWN)"
    elif rule.kind == "no_data":
        body = f"tidak ada data baru untuk {what}"
    else:
        sign = "di atas" if rule.above is not None else "di bawah"
        body = f"{what} bernilai {number(event.value)}, {sign} batas {number(rule.threshold)}"
    return f"{head}{again}: {body} sejak {_clock(event.starts_ts, tz)} (aturan {rule.id})."


def page_url(cfg: Config, rule: Rule, base_url: str) -> str:
    """The page that shows what the alert is about: the metric's, or /sources."""
    base = base_url.rstrip("/")
    if rule.series_metric:
        return f"{base}/metric/{rule.series_metric}"
    return f"{base}/sources"


def payload(cfg: Config, rule: Rule, labels: dict, event: Event, base_url: str) -> dict:
    """The webhook's JSON body of ``event`` (a repeat reads as ``firing``)."""
    tz = cfg.site.timezone
    body = {
        "rule": rule.id,
        "state": "resolved" if event.kind == "resolved" else "firing",
        "severity": rule.severity,
        "labels": dict(labels),
        "value": event.value,
        "threshold": rule.threshold,
        "starts_at": iso(event.starts_ts, tz),
        "summary": summary(cfg, rule, labels, event),
        "url": page_url(cfg, rule, base_url),
    }
    if event.kind == "resolved":
        body["ends_at"] = iso(event.ends_ts, tz)
    return body
