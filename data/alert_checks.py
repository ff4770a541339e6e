"""check-config's checks of ``alerts:`` against the rest of the config: each problem one
``path: message`` line, as ``data.config`` reports.

    problems += alert_problems(alerts, metric_names, source_ids)   # errors
    warnings += alert_warnings(cfg)                                # after the config is whole
"""

from __future__ import annotations

from collections.abc import Collection

from pantau.data.alert_models import Alerts, Channel, Mute, Planned, Rule
from pantau.data.durations import format_duration
from pydantic import TypeAdapter, ValidationError

_CHANNEL = TypeAdapter(Channel)


def parse_alerts(raw, metrics: Collection[str], sources: Collection[str],
                 problems: list[str]) -> Alerts | None:
    """``alerts:`` validated item by item (one bad rule does not hide the checks of the
    others) and checked against ``metrics`` and ``sources``; problems are appended as
    ``path: message``. None when the section is not a mapping."""
    from pantau.data.config import validation_problems

    if raw is None:
        return Alerts()
    if not isinstance(raw, dict):
        problems.append("alerts: must be a mapping of rules, channels and mute")
        return None
    for key in raw:
        if key not in ("rules", "channels", "mute", "planned", "url"):
            problems.append(f"alerts.{key}: unknown key")
    parts: dict[str, list] = {}
    for key, model in (("rules", Rule), ("channels", _CHANNEL), ("mute", Mute),
                       ("planned", Planned)):
        items = raw.get(key) or []
        if not isinstance(items, list):
            problems.append(f"alerts.{key}: must be a list")
            items = []
        parts[key] = []
        for i, item in enumerate(items):
            try:
                parts[key].append(model.validate_python(item) if model is _CHANNEL
                                  else model.model_validate(item))
            except ValidationError as exc:
                problems.extend(validation_problems(exc, f"alerts.{key}[{i}]"))
                parts[key].append(None)
    problems.extend(alert_problems(parts["rules"], parts["channels"], parts["mute"], metrics,
                                   sources))
    for i, event in enumerate(parts["planned"]):
        if event is not None and event.metric is not None and event.metric not in metrics:
            problems.append(f"alerts.planned[{i}].metric: {event.metric!r} is not in metrics")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        problems.append("alerts.url: must be an http(s) address")
        url = None
    return Alerts(url=url, **{k: tuple(v for v in items if v is not None)
                              for k, items in parts.items()})


def _twice(items: list, path: str) -> list[str]:
    ids = [getattr(x, "id", None) for x in items]
    return [f"{path}[{i}].id: {v!r} is used twice" for i, v in enumerate(ids)
            if v is not None and ids.index(v) != i]


def alert_problems(rules: list, channels: list, mutes: list, metrics: Collection[str],
                   sources: Collection[str]) -> list[str]:
    """Unknown metrics, sources and channels named by rules and mute windows; ids given
    twice. The lists keep the file's positions (None for an item that did not validate)."""
    out: list[str] = []
    out += _twice(rules, "alerts.rules")
    out += _twice(channels, "alerts.channels")
    known_channels = {c.id for c in channels if c is not None}
    rule_ids = {r.id for r in rules if r is not None}
    for i, rule in enumerate(rules):
        if rule is None:
            continue
        p = f"alerts.rules[{i}]"
        for key in ("metric", "no_data"):
            name = getattr(rule, key)
            if name is not None and name not in metrics:
                out.append(f"{p}.{key}: {name!r} is not in metrics")
        if rule.source_down not in (None, "any") and rule.source_down not in sources:
            out.append(f"{p}.source_down: {rule.source_down!r} is not a source id (or any)")
        for j, ch in enumerate(rule.notify):
            if ch not in known_channels:
                out.append(f"{p}.notify[{j}]: {ch!r} is not in alerts.channels"
                           + (f" (known: {', '.join(sorted(known_channels))})"
                              if known_channels else ""))
    for i, mute in enumerate(mutes):
        for j, rid in enumerate(mute.rules if mute is not None else ()):
            if rid not in rule_ids:
                out.append(f"alerts.mute[{i}].rules[{j}]: {rid!r} is not a rule id")
    return out


def alert_warnings(cfg) -> list[str]:
    """Rules whose ``for`` is shorter than the interval of a source feeding their metric (the
    pending period cannot be seen between two runs), and rules that notify nobody."""
    from pantau.data.config import interval_seconds, metric_sources

    feeds = metric_sources(cfg)
    out = []
    for i, rule in enumerate(cfg.alerts.rules):
        p = f"alerts.rules[{i}]"
        ids = feeds.get(rule.series_metric, []) if rule.series_metric else (
            [rule.source_down] if rule.source_down != "any" else [])
        for sid in ids:
            src = cfg.source(sid)
            if src is None or rule.for_ is None:
                continue
            gap = interval_seconds(src, cfg.site.timezone)
            if rule.for_ < gap:
                out.append(f"{p}.for: {format_duration(rule.for_)} is shorter than the "
                           f"interval of source {sid} ({format_duration(gap)}): the value is "
                           f"seen only once per run, so the alert waits at least that long")
        if not rule.notify:
            out.append(f"{p}.notify: names no channel; the alert shows on /alerts only")
    return out


SECRET_KEYS = ("bot_token", "password")


def inline_channel_secrets(raw) -> list[str]:
    """Warnings for a channel's ``bot_token`` or ``password`` written in the file rather than
    given by ``{$env: NAME}``."""
    alerts = raw.get("alerts") if isinstance(raw, dict) else None
    channels = alerts.get("channels") if isinstance(alerts, dict) else None
    out = []
    for i, ch in enumerate(channels if isinstance(channels, list) else ()):
        for key in SECRET_KEYS:
            if isinstance(ch, dict) and isinstance(ch.get(key), str) and ch[key]:
                out.append(f"alerts.channels[{i}].{key}: written inline; give it as "
                           f"{{$env: NAME}}")
    return out
