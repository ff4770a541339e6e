"""Load config.yaml into frozen models, reporting every problem at once.

Use::

    cfg = load_config("config.yaml", kinds={"http_json": HttpJsonOptions, ...})

``kinds`` maps each collector kind to its options model (the collectors package supplies it;
``data`` imports nothing of the project). Problems are raised together as ``ConfigError``,
each as ``path.to.field: message``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from pantau.data.alert_checks import alert_warnings, inline_channel_secrets, parse_alerts
from pantau.data.config_file import ConfigError, inline_secrets, read_yaml
from pantau.data.config_models import (
    METRICLESS_VIEWS,
    Auth,
    Calendar,
    Complaints,
    Config,
    Media,
    Metric,
    Screen,
    Site,
    Source,
    Store,
    Wall,
    Web,
)
from pantau.data.config_reports import Report, report_problems
from pantau.data.durations import format_duration
from pantau.data.reference import codes
from pydantic import BaseModel, ValidationError

STORE_URL_ENV = "PANTAU_STORE_URL"


def _path(prefix: str, loc: tuple) -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _message(err: dict) -> str:
    msg = err["msg"]
    for lead in ("Value error, ", "Assertion failed, "):
        if msg.startswith(lead):
            msg = msg[len(lead) :]
    if err["type"] == "extra_forbidden":
        return "unknown key"
    if err["type"] == "missing":
        return "is required"
    return msg


def validation_problems(exc: ValidationError, prefix: str) -> list[str]:
    """``ValidationError`` as ``path: message`` lines under ``prefix``."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        out.append(f"{_path(prefix, loc)}: {_message(err)}")
    return out


def _validate(model: type[BaseModel], data: Any, prefix: str, problems: list[str]):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, prefix))
        return None


def resolve_env(node: Any, path: str, problems: list[str], env: Mapping[str, str]) -> Any:
    """Replace ``{$env: NAME}`` (optionally with ``default:``) by the variable's value."""
    if isinstance(node, dict):
        if "$env" in node and set(node) <= {"$env", "default"}:
            name = node["$env"]
            if name in env:
                return env[name]
            if "default" in node:
                return node["default"]
            problems.append(f"{path}: environment variable {name} is not set")
            return ""
        return {k: resolve_env(v, f"{path}.{k}" if path else str(k), problems, env)
                for k, v in node.items()}
    if isinstance(node, list):
        return [resolve_env(v, f"{path}[{i}]", problems, env) for i, v in enumerate(node)]
    return node


def _shortest_gap(cron: str, tz: str) -> int:
    from apscheduler.triggers.cron import CronTrigger

    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    now = datetime(2026, 1, 5, tzinfo=UTC)
    prev, gaps = None, []
    for _ in range(60):
        nxt = trigger.get_next_fire_time(prev, now)
        if nxt is None:
            break
        if prev is not None:
            gaps.append(int((nxt - prev).total_seconds()))
        prev, now = nxt, nxt + timedelta(seconds=1)
    return min(gaps) if gaps else 0


def interval_seconds(source: Source, tz: str = "UTC") -> int:
    """Seconds between runs of ``source``: ``every``, or the shortest gap of its cron."""
    if source.every:
        return source.every
    return _shortest_gap(source.cron or "", tz)


def _check_source(i: int, src: Source, site: Site | None, problems: list[str]) -> None:
    p = f"sources[{i}]"
    if (src.every is None) == (src.cron is None):
        problems.append(f"{p}: give exactly one of every or cron")
        return
    if src.cron is not None:
        try:
            gap = _shortest_gap(src.cron, site.timezone if site else "UTC")
        except (ValueError, TypeError) as exc:
            problems.append(f"{p}.cron: {src.cron!r} is not a cron expression ({exc})")
            return
        label = f"cron ({format_duration(gap)})"
    else:
        gap, label = src.every, f"every ({format_duration(src.every)})"
    if src.timeout >= gap:
        problems.append(f"{p}.timeout: must be shorter than {label}")


def _values_metrics(options: Any) -> list[tuple[int, str]]:
    # A dict's "values" attribute is its method: read mappings by key.
    values = options.get("values") if isinstance(options, dict) else getattr(options, "values", None)
    out = []
    for j, v in enumerate(values or ()):
        name = getattr(v, "metric", None) if not isinstance(v, dict) else v.get("metric")
        if isinstance(name, str):
            out.append((j, name))
    return out


def _check_auth_secret(auth: Any, problems: list[str]) -> None:
    # Before resolve_env: a secret written into the file would be read by whoever reads it.
    if isinstance(auth, dict) and isinstance(auth.get("secret_key"), str):
        problems.append("auth.secret_key: give it as {$env: NAME}, not written in the file")
    oidc = auth.get("oidc") if isinstance(auth, dict) else None
    if isinstance(oidc, dict) and isinstance(oidc.get("client_secret"), str):
        problems.append("auth.oidc.client_secret: give it as {$env: NAME}, not written in "
                        "the file")


def parse_config(
    raw: Any,
    kinds: Mapping[str, type[BaseModel]] | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Validate an already-parsed YAML document; raise ``ConfigError`` with every problem."""
    env = os.environ if env is None else env
    problems: list[str] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(["(top): the file must be a mapping of sections (site:, metrics:, ...)"])
    _check_auth_secret(raw.get("auth"), problems)
    raw = resolve_env(raw, "", problems, env)
    sections = {"site": Site, "store": Store, "web": Web, "media": Media, "wall": Wall,
                "auth": Auth, "calendar": Calendar,
                "complaints": Complaints}
    for key in raw:
        if key not in {*sections, "metrics", "sources", "screens", "alerts", "reports"}:
            problems.append(f"{key}: unknown section")
    parsed: dict[str, Any] = {}
    for key, model in sections.items():
        if key in raw:
            parsed[key] = _validate(model, raw[key] or {}, key, problems)
    store_url = env.get(STORE_URL_ENV)
    if store_url and parsed.get("store") is not None:
        parsed["store"] = parsed["store"].model_copy(update={"url": store_url})
    elif store_url and "store" not in raw:
        parsed["store"] = Store(url=store_url)

    def listing(key: str, model: type[BaseModel]) -> list:
        items = raw.get(key) or []
        if not isinstance(items, list):
            problems.append(f"{key}: must be a list")
            return []
        return [_validate(model, item, f"{key}[{i}]", problems) for i, item in enumerate(items)]

    metrics = listing("metrics", Metric)
    names = [m.name for m in metrics if m]
    for i, m in enumerate(metrics):
        if m and names.count(m.name) > 1 and names.index(m.name) != i:
            problems.append(f"metrics[{i}].name: {m.name!r} is declared twice")
        if m and m.warn is not None and m.crit is not None and m.better != "none":
            worse = (m.crit > m.warn) if m.better == "down" else (m.crit < m.warn)
            if not worse and m.crit != m.warn:
                problems.append(f"metrics[{i}].crit: must be worse than warn for better: {m.better}")
        if m and m.per is not None and m.agg != "sum":
            problems.append(f"metrics[{i}].per: thresholds per period are for agg: sum "
                            f"(agg {m.agg} does not grow with the period)")
        site = parsed.get("site")
        for code in (m.region_targets if m and site is not None else {}):
            why = codes.refusal(code, site.region)
            if why:
                problems.append(f"metrics[{i}].region_targets: {why}")
    known = set(names)

    sources = listing("sources", Source)
    ids = [s.id for s in sources if s]
    for i, src in enumerate(sources):
        if src is None:
            continue
        if ids.count(src.id) > 1 and ids.index(src.id) != i:
            problems.append(f"sources[{i}].id: {src.id!r} is used twice")
        _check_source(i, src, parsed.get("site"), problems)
        options = src.options
        if kinds is not None:
            if src.kind not in kinds:
                problems.append(f"sources[{i}].kind: unknown kind {src.kind!r}; "
                                f"known: {', '.join(sorted(kinds))}")
                options = None
            else:
                options = _validate(kinds[src.kind], src.options or {},
                                    f"sources[{i}].options", problems)
                if options is not None:
                    sources[i] = src.model_copy(update={"options": options})
        for j, name in _values_metrics(options):
            if name not in known:
                problems.append(f"sources[{i}].options.values[{j}].metric: "
                                f"{name!r} is not in metrics")

    screens = listing("screens", Screen)
    for i, scr in enumerate(screens):
        for j, tile in enumerate(scr.tiles if scr else ()):
            if tile.metric is not None and tile.metric not in known:
                problems.append(f"screens[{i}].tiles[{j}].metric: {tile.metric!r} is not in metrics")
            if tile.metric is None and tile.view not in METRICLESS_VIEWS:
                problems.append(f"screens[{i}].tiles[{j}].metric: is required for view {tile.view}")
    screen_ids = {s.id for s in screens if s}
    wall = parsed.get("wall")
    playlist = wall.playlist if wall else (raw.get("wall") or {}).get("playlist")
    for i, sid in enumerate(playlist if isinstance(playlist, list | tuple) else ()):
        if sid not in screen_ids:
            problems.append(f"wall.playlist[{i}]: {sid!r} is not a screen id")

    if "alerts" in raw:
        parsed["alerts"] = parse_alerts(raw["alerts"], known, set(ids), problems)

    reports = listing("reports", Report)
    alerts = parsed.get("alerts")
    problems.extend(report_problems(reports, parsed.get("site") or Site(), known, screen_ids,
                                    {c.id for c in alerts.channels} if alerts else set()))

    if problems:
        raise ConfigError(problems)
    parsed = {k: v for k, v in parsed.items() if v is not None}
    return Config(metrics=tuple(metrics), sources=tuple(sources), screens=tuple(screens),
                  reports=tuple(reports), **parsed)


def load_config(
    path: str | os.PathLike,
    kinds: Mapping[str, type[BaseModel]] | None = None,
    env: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Config:
    """Read and validate ``path`` (see ``data.config_file`` for what files are refused). A
    YAML syntax error is reported with its line number; a config without metrics is an error.
    Warnings (a password written inline, thresholds of a sum without ``per``) are appended
    to ``warnings`` when given."""
    raw = read_yaml(path)
    if warnings is not None:
        warnings.extend(inline_secrets(raw))
        warnings.extend(inline_channel_secrets(raw))
    missing = [] if not isinstance(raw, dict) or raw.get("metrics") else [
        "metrics: a config needs at least one metric (the catalogue every source writes to)"]
    try:
        cfg = parse_config(raw, kinds=kinds, env=env)
    except ConfigError as exc:
        raise ConfigError(missing + exc.problems) from None
    if missing:
        raise ConfigError(missing)
    if warnings is not None:
        warnings.extend(periodless_thresholds(cfg))
        warnings.extend(alert_warnings(cfg))
    return cfg


def periodless_thresholds(cfg: Config) -> list[str]:
    """Warnings for ``sum`` metrics whose ``target``/``warn``/``crit`` name no ``per``: they
    would be compared as written with every period shown, a day as with 90 days
    (``Metric.scale``)."""
    out = []
    for i, m in enumerate(cfg.metrics):
        if m.agg == "sum" and not m.per and (m.target, m.warn, m.crit) != (None, None, None):
            out.append(f"metrics[{i}].per: {m.name} adds up over time but its target/warn/crit "
                       f"name no period, so 1 day and 90 days are held to the same numbers; "
                       f"say what period they count for, e.g. per: 1d")
    return out


def metric_sources(cfg) -> dict[str, list[str]]:
    """``{metric: [source ids that emit it]}``, from each source's ``values[].metric`` and from
    what its kind always emits (an options model's ``emitted_metrics()``)."""
    out: dict[str, list[str]] = {}
    for src in cfg.sources:
        names = [name for _, name in _values_metrics(src.options)]
        emitted = getattr(src.options, "emitted_metrics", None)
        if callable(emitted):
            names += list(emitted())
        for name in dict.fromkeys(names):
            out.setdefault(name, []).append(src.id)
    return out
