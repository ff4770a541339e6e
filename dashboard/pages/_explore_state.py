"""The explorer's state is its URL: the query string holds the same parameters as
``/api/v1/series`` (metric, from, to, step, agg, metric2, shift, chart, label filters) plus
``lang``. These helpers turn the URL into control values and a control change into a URL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode

from pantau.dashboard.access import current
from pantau.dashboard.api.params import LABEL_PREFIX, SERIES_PARAMS, cached_label_values
from pantau.dashboard.context import AppContext
from pantau.data.durations import parse_duration
from pantau.data.labels import NAMED, value_name
from pantau.data.timeparse import parse_time

QUICK = ("now-1h", "now-6h", "now-24h", "now-7d", "now-30d", "now-90d", "now-365d",
         "now-730d")
STEPS = ("1m", "5m", "15m", "1h", "6h", "1d", "7d", "30d")
SHIFTS = ("period", "1d", "7d", "30d", "365d")
CHARTS = ("line", "area", "bar")
ORDER = ("metric", "from", "to", "step", "agg", "metric2", "shift", "chart", "lang")
FILTER_SEP = "="


def args_from_search(search: str | None) -> dict[str, list[str]]:
    return parse_qs((search or "").lstrip("?"), keep_blank_values=False)


def search_from_args(args: dict[str, list[str]]) -> str:
    """A stable query string: known parameters in a fixed order, then label filters."""
    pairs = [(k, v) for k in ORDER for v in args.get(k, [])]
    pairs += [(k, v) for k in sorted(args) if k not in ORDER for v in sorted(args[k])]
    return "?" + urlencode(pairs) if pairs else ""


def first(args: dict, name: str, default: str | None = None) -> str | None:
    values = args.get(name)
    return values[-1] if values else default


def default_metric(ctx: AppContext) -> str | None:
    return ctx.config.metrics[0].name if ctx.config.metrics else None


def filters_of(args: dict) -> list[str]:
    """Label filters as ``name=value`` strings (the filter dropdown's values)."""
    out = []
    for key, values in args.items():
        if key in SERIES_PARAMS:
            continue
        name = key[len(LABEL_PREFIX):] if key.startswith(LABEL_PREFIX) else key
        out.extend(f"{name}{FILTER_SEP}{v}" for v in values)
    return sorted(out)


def set_filters(args: dict, chosen: list[str]) -> dict:
    kept = {k: v for k, v in args.items() if k in SERIES_PARAMS}
    for item in chosen or []:
        name, _, value = item.partition(FILTER_SEP)
        key = LABEL_PREFIX + name if name in SERIES_PARAMS else name
        kept.setdefault(key, []).append(value)
    return kept


def quick(frm: str) -> str:
    """The quick range that ``from`` (with ``to=now``) spells, e.g. now-1d -> now-24h."""
    if frm in QUICK:
        return frm
    try:
        want = parse_duration(frm[4:]) if frm.startswith("now-") else None
    except ValueError:
        want = None
    return next((q for q in QUICK if want and parse_duration(q[4:]) == want), "custom")


def local_date(ts: int, tz: str) -> str:
    from zoneinfo import ZoneInfo

    return datetime.fromtimestamp(ts, UTC).astimezone(ZoneInfo(tz)).date().isoformat()


def apply(args: dict, control: str, value, ctx: AppContext) -> dict:
    """``args`` after the user set ``control`` (an id without ``ex-``) to ``value``."""
    args = {k: list(v) for k, v in args.items()}

    def put(name, v):
        if v in (None, "", []):
            args.pop(name, None)
        else:
            args[name] = [str(v)]

    if control == "metric":
        args = {k: v for k, v in args.items() if k in SERIES_PARAMS}  # labels differ
        put("metric", value)
        args.pop("agg", None)
    elif control in ("agg", "step", "chart"):
        put(control, None if control == "chart" and value == "line" else value)
    elif control == "range":
        if value in QUICK:
            put("from", value)
            put("to", "now")
    elif control == "dates":
        start, end = value
        if start:
            put("from", start[:10])
        if end:
            put("to", (datetime.fromisoformat(end[:10]) + timedelta(days=1)).date().isoformat())
    elif control == "filters":
        args = set_filters(args, value)
    elif control == "shift":
        put("shift", value)
        if value:
            args.pop("metric2", None)
    elif control == "metric2":
        put("metric2", value)
        if value:
            args.pop("shift", None)
    return args


def filter_label(option: str, ctx: AppContext, lang: str) -> str:
    """What a filter option reads: the name of a region or service ("Kota Mataram"), else
    ``label = value``."""
    label, _, value = option.partition(FILTER_SEP)
    if label in NAMED:
        return value_name(ctx.config, label, value, lang)
    return f"{label} = {value}"


def controls(args: dict, ctx: AppContext) -> dict:
    """The value of every control for ``args`` (and the filter options of its metrics)."""
    now = ctx.clock()
    metric = first(args, "metric") or default_metric(ctx)
    metric2 = first(args, "metric2")
    frm, to = first(args, "from", "now-7d"), first(args, "to", "now")
    rng = quick(frm) if to == "now" else "custom"
    try:
        start, end = parse_time(frm, now, ctx.tz), parse_time(to, now, ctx.tz)
        dates = (local_date(start, ctx.tz), local_date(max(start, end - 1), ctx.tz))
    except (ValueError, OverflowError, OSError):
        dates = (None, None)
    options = []
    for name in [m for m in (metric, metric2) if m and ctx.config.metric(m)]:
        for label, values in cached_label_values(ctx, name, current().region).items():
            options += [f"{label}{FILTER_SEP}{v}" for v in values]
    chosen = filters_of(args)
    options = [{"label": filter_label(v, ctx, ctx.lang(first(args, "lang"))), "value": v}
               for v in sorted(set(options) | set(chosen))]
    return {"metric": metric, "agg": first(args, "agg", ""), "step": first(args, "step", ""),
            "chart": first(args, "chart", "line"), "range": rng, "start_date": dates[0],
            "end_date": dates[1], "filters": chosen, "filter_options": options,
            "shift": first(args, "shift", ""), "metric2": metric2}
