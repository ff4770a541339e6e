"""The alerts' read API (issue 14): ``/api/v1/alerts`` (current states and silences),
``/api/v1/alerts/history?from&to`` (transitions) and ``/api/v1/annotations?metric&from&to``.
Any role from ``viewer`` up may read them (``pantau.dashboard.access.current``); a principal
limited to a region sees the alerts of its region only. The /alerts page, the banner of the
wall and of / and the charts' markers ask the same functions.

    rows = current_alerts(ctx)                 # firing first, then pending, nodata, error
    register(server, ctx, json_response, only)  # by dashboard.api.routes
"""

from __future__ import annotations

from flask import Flask, request
from pantau.dashboard.access import current
from pantau.dashboard.api import params
from pantau.dashboard.api.params import ApiError
from pantau.dashboard.context import AppContext
from pantau.data.access import Role, labels_in_scope, role_allows
from pantau.data.alert_models import local_time
from pantau.data.alert_mute import muted_until
from pantau.data.alert_state import FIRING, NORMAL, PENDING
from pantau.data.alert_store import active_silences, history, load_states, notes
from pantau.data.alert_text import iso
from pantau.data.labels import item_names
from pantau.data.zones import zone

ORDER = {FIRING: 0, PENDING: 1, "nodata": 2, "error": 3}
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
READ_ROLE = Role.VIEWER
WRITE_ROLE = Role.OPERATOR
"""Acknowledging an alert, writing an annotation and silencing need ``operator``."""
MAX_ROWS = 1000


def may(role: Role) -> bool:
    """Whether the current request's principal has ``role`` or better."""
    return role_allows(current().role, role)


def _in_scope(labels: dict) -> bool:
    return labels_in_scope(labels, current().region)


def current_alerts(ctx: AppContext, lang: str = "id") -> list[dict]:
    """Every alert not normal, firing first (critical before warning), then pending, no data
    and error; each with its rule's severity and threshold, label names, acknowledgement,
    the silence or mute window holding its notifications."""
    now = ctx.clock()
    cfg = ctx.config
    silences = active_silences(ctx.store, now)
    out = []
    for (rule_id, _), s in load_states(ctx.store).items():
        rule = cfg.alerts.rule(rule_id)
        if rule is None or s.state == NORMAL or not _in_scope(s.labels):
            continue
        silence = next((x for x in silences if x["rule_id"] in (None, rule_id) and all(
            s.labels.get(k) == v for k, v in x["labels"].items())), None)
        muted = muted_until(cfg, rule_id, now)
        out.append({
            "rule": rule_id, "state": s.state, "severity": rule.severity,
            "labels": s.labels, "names": item_names(cfg, s.labels, lang),
            "metric": rule.series_metric, "value": s.value, "threshold": rule.threshold,
            "since": iso(s.starts_ts if s.state == FIRING else s.active_ts or s.updated_ts,
                         ctx.tz),
            "since_ts": s.starts_ts if s.state == FIRING else s.active_ts or s.updated_ts,
            "starts_at": iso(s.starts_ts, ctx.tz) if s.state == FIRING else None,
            "acknowledged": {"by": s.ack_by, "note": s.ack_note, "at": iso(s.ack_ts, ctx.tz)}
            if s.ack_by else None,
            "silenced": f"{silence['author']}: {silence['reason']}" if silence else None,
            "muted_until": iso(muted, ctx.tz),
            "labels_key": s.labels_key,
        })
    out.sort(key=lambda a: (ORDER.get(a["state"], 9), SEVERITY_ORDER[a["severity"]],
                            a["rule"], a["labels_key"]))
    return out


def metric_alerts(ctx: AppContext) -> dict[str, dict]:
    """``{metric: its worst alert firing or pending}`` (the KPI cards name it)."""
    out: dict[str, dict] = {}
    if not ctx.config.alerts.rules:
        return out
    for a in current_alerts(ctx):
        if a["metric"] and a["state"] in (FIRING, PENDING):
            out.setdefault(a["metric"], a)
    return out


def critical_firing(ctx: AppContext) -> list[dict]:
    """The firing critical alerts (the banner of the wall and of /)."""
    return [a for a in current_alerts(ctx) if a["state"] == FIRING
            and a["severity"] == "critical"]


def silences_answer(ctx: AppContext) -> list[dict]:
    return [{"id": s["id"], "rule": s["rule_id"], "labels": s["labels"],
             "starts_at": iso(s["starts_ts"], ctx.tz), "ends_at": iso(s["ends_ts"], ctx.tz),
             "reason": s["reason"], "author": s["author"]}
            for s in active_silences(ctx.store, ctx.clock()) if _in_scope(s["labels"])]


def history_rows(ctx: AppContext, start: float, end: float) -> list[dict]:
    """Transitions in [start, end), newest first, with durations of resolved episodes."""
    out = []
    for e in history(ctx.store, start, end, MAX_ROWS):
        if not _in_scope(e["labels"]):
            continue
        ends = e["ends_ts"]
        out.append({"rule": e["rule_id"], "state": e["state"], "severity": e["severity"],
                    "labels": e["labels"], "value": e["value"], "at": iso(e["ts"], ctx.tz),
                    "at_ts": e["ts"], "starts_at": iso(e["starts_ts"], ctx.tz),
                    "ends_at": iso(ends, ctx.tz),
                    "duration_seconds": (ends - e["starts_ts"]) if ends and e["starts_ts"]
                    else None})
    return out


def annotation_rows(ctx: AppContext, start: float, end: float,
                    metric: str | None = None) -> list[dict]:
    """Annotations overlapping [start, end) of ``metric`` (and the site-wide ones): the
    stored ones and the planned events of config (``alerts.planned``), oldest first."""
    rows = [{"id": n["id"], "at": iso(n["ts"], ctx.tz), "at_ts": n["ts"],
             "end": iso(n["end_ts"], ctx.tz), "end_ts": n["end_ts"], "metric": n["metric"],
             "labels": n["labels"], "text": n["text"], "author": n["author"],
             "kind": n["kind"], "rule": n["rule_id"]}
            for n in notes(ctx.store, start, end, metric, MAX_ROWS) if _in_scope(n["labels"])]
    rows += planned_rows(ctx, start, end, metric)
    return sorted(rows, key=lambda r: r["at_ts"])


def planned_rows(ctx: AppContext, start: float, end: float,
                 metric: str | None = None) -> list[dict]:
    """The planned events of config overlapping [start, end), as annotation rows."""
    out = []
    for i, p in enumerate(ctx.config.alerts.planned):
        if metric is not None and p.metric not in (None, metric):
            continue
        labels = {"region": p.region} if p.region else {}
        at = local_time(p.start).replace(tzinfo=zone(ctx.tz)).timestamp()
        until = local_time(p.end).replace(tzinfo=zone(ctx.tz)).timestamp() if p.end else None
        if at >= end or (until or at) < start or not _in_scope(labels):
            continue
        out.append({"id": f"planned-{i}", "at": iso(at, ctx.tz), "at_ts": at,
                    "end": iso(until, ctx.tz), "end_ts": until, "metric": p.metric,
                    "labels": labels, "text": p.text, "author": "config", "kind": "planned",
                    "rule": None})
    return out


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.endswith("_ts") and k != "labels_key"}


def register(server: Flask, ctx: AppContext, json_response, _only) -> None:
    """Add the three GET endpoints under /api/v1 (``json_response`` and ``_only``, the
    parameter check, are ``dashboard.api.routes``')."""

    def guard():
        if not may(READ_ROLE):
            raise ApiError("the alerts need the viewer role or better", None, status=403)
        return request.args.to_dict(flat=False)

    def alerts():
        args = guard()
        _only(args, ("lang",))
        lang = params.language(ctx, args)
        rows = current_alerts(ctx, lang)
        return json_response({"alerts": [_public(a) for a in rows],
                              "silences": silences_answer(ctx),
                              "critical_firing": sum(a["state"] == FIRING and
                                                     a["severity"] == "critical"
                                                     for a in rows)})

    def alerts_history():
        args = guard()
        _only(args, ("from", "to"))
        start, end, _, _ = params.time_range(ctx, args, ctx.clock())
        return json_response({"from": iso(start, ctx.tz), "to": iso(end, ctx.tz),
                              "events": [_public(e) for e in history_rows(ctx, start, end)]})

    def annotations():
        args = guard()
        _only(args, ("metric", "from", "to"))
        metric = params.metric_name(ctx, args).name if "metric" in args else None
        start, end, _, _ = params.time_range(ctx, args, ctx.clock())
        return json_response({"metric": metric, "from": iso(start, ctx.tz),
                              "to": iso(end, ctx.tz),
                              "annotations": [_public(n) for n in
                                              annotation_rows(ctx, start, end, metric)]})

    for rule, fn in (("/alerts", alerts), ("/alerts/history", alerts_history),
                     ("/annotations", annotations)):
        server.add_url_rule("/api/v1" + rule, "api_" + fn.__name__, fn, methods=["GET"])

