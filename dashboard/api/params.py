"""Query parameters of the read API (and of /explore, whose URL uses the same names).

Every reader takes ``args`` as ``{name: [values]}`` (Flask's ``request.args.to_dict(flat=False)``
or ``urllib.parse.parse_qs``) and returns a frozen query or raises ``ApiError`` naming the
parameter at fault. Any parameter that is not a reserved name is a label filter
(``region=52.71``; repeat it for several values; ``label.step=x`` for a label whose name is
reserved). Filters must name a label of the metric and one of its values.

A principal limited to a region (``current().region``, e.g. ``52.71``) reads only that region
and the site's total: the label values offered to it are those in its scope, and asking
for another region by name (``region=52.01``, in a filter or ``/kpi``) is refused with 403 JSON
naming the parameter (``scope_error``), never answered.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pantau.dashboard.access import current
from pantau.dashboard.context import AppContext
from pantau.data.access import REGION_LABEL, region_in_scope
from pantau.data.buckets import nice_step, origin_for
from pantau.data.durations import format_duration, parse_duration
from pantau.data.queries import AGGS, label_values
from pantau.data.timeparse import parse_time
from pantau.data.zones import utc_offset

MAX_POINTS_PER_SERIES = 10_000
MAX_POINTS_TOTAL = 200_000
DEFAULT_POINTS = 1000
MAX_LIMIT = 1000
CHARTS = ("line", "bar", "area")
FORMATS = ("json", "csv")
SENTIMENTS = ("positive", "neutral", "negative")
CHANNELS = ("media_massa", "media_interaktif", "media_digital", "media_ruang_publik",
            "media_tradisional")
SERIES_PARAMS = ("metric", "from", "to", "step", "agg", "format", "lang", "max_points",
                 "metric2", "shift", "chart", "width", "height", "screen", "download")
_METRIC = re.compile(r"^[a-z_][a-z0-9_]{0,199}$")
_LABEL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,99}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LABEL_PREFIX = "label."


class ApiError(Exception):
    """A request the API refuses: HTTP ``status``, a message, and the parameter at fault."""

    def __init__(self, message: str, parameter: str | None = None, status: int = 400,
                 headers: dict | None = None, **extra):
        super().__init__(message)
        self.message, self.parameter, self.status = message, parameter, status
        self.headers, self.extra = headers or {}, extra

    def body(self) -> dict:
        return {"error": self.message, "parameter": self.parameter, **self.extra}


@dataclass(frozen=True)
class SeriesQuery:
    """A normalised /series question (also the state of /explore)."""

    metric: str
    start: int
    end: int
    step: int
    agg: str
    origin: int = 0
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    from_text: str = "now-7d"
    to_text: str = "now"
    step_auto: bool = True
    agg_auto: bool = True
    metric2: str | None = None
    shift: int | None = None
    shift_text: str | None = None
    max_points: int | None = None
    chart: str = "line"
    lang: str = "id"
    fmt: str = "json"
    scope: str | None = None
    """The region the asker is limited to (``current().region``): what is read is in it."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def filter_dict(self) -> dict[str, str | list[str]]:
        """Filters as ``queries`` takes them: one value as a string, several as a list."""
        return {k: (v[0] if len(v) == 1 else list(v)) for k, v in self.filters}

    def key(self) -> str:
        """A cache key: equal for equal questions whatever the spelling of the URL."""
        parts = [self.metric, self.start, self.end, self.step, self.agg, self.origin,
                 self.filters, self.metric2, self.shift, self.max_points, self.lang,
                 self.fmt == "csv", self.scope]
        return "series:" + repr(parts)

    def params(self) -> list[tuple[str, str]]:
        """The query as URL parameters, relative times kept relative (for links and exports)."""
        out = [("metric", self.metric), ("from", self.from_text), ("to", self.to_text)]
        if not self.step_auto:
            out.append(("step", format_duration(self.step)))
        if not self.agg_auto:
            out.append(("agg", self.agg))
        if self.metric2:
            out.append(("metric2", self.metric2))
        if self.shift_text:
            out.append(("shift", self.shift_text))
        if self.chart != "line":
            out.append(("chart", self.chart))
        for name, values in self.filters:
            key = LABEL_PREFIX + name if name in SERIES_PARAMS else name
            out.extend((key, v) for v in values)
        return out


def one(args: dict, name: str, default: str | None = None) -> str | None:
    """The single value of ``name`` (None/default when absent); 400 when given twice."""
    values = args.get(name)
    if not values:
        return default
    if len(values) > 1:
        raise ApiError(f"{name} is given {len(values)} times; give it once", name)
    value = values[0]
    if _CONTROL.search(value) or len(value) > 500:
        raise ApiError(f"{name} holds control characters or is too long", name)
    return value.strip()


def scope_error(value: str, scope: str, param: str, area: str) -> ApiError:
    """The 403 of a scoped principal asking by name for a region outside its scope: ``{"error":
    "forbidden", "detail": ..., "parameter": ..., "scope": ..., "area": ...}`` (the sign-in
    gate's 403 with the parameter at fault, the scope and the site's area, whose total the
    detail names by its level: "the regency total (33.11)")."""
    from pantau.dashboard.components.regions import total_label

    return ApiError("forbidden", param, status=403, scope=scope, area=area,
                    detail=f"region {value!r} is outside your region scope {scope!r}: you may "
                           f"read {scope} and {total_label(area, 'en')} ({area})")


def region(ctx: AppContext, args: dict, scope: str | None = None) -> str | None:
    """``region``: the site's own code or a listed region inside it (one level below, or
    deeper where data has it: a desa/kelurahan of a kecamatan; None when absent); 403 when
    outside ``scope`` (the site's area itself, the total, is inside every scope)."""
    from pantau.data.reference import codes

    value = one(args, "region")
    if not value:
        return None
    area = ctx.config.site.region
    if value != area and (not codes.within(value, area) or not codes.known(value)):
        below = codes.level(area + ".00")
        raise ApiError(f"region {value!r} is not {area} or one of its {below} codes (or a "
                       f"place inside one)", "region")
    if not region_in_scope(value, scope):
        raise scope_error(value, scope, "region", area)
    return value


def choice(args: dict, name: str, allowed, default: str | None = None) -> str | None:
    value = one(args, name)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise ApiError(f"{name} must be one of {', '.join(allowed)} (got {value!r})", name)
    return value


def integer(args: dict, name: str, lo: int, hi: int, default: int | None = None) -> int | None:
    value = one(args, name)
    if value is None or value == "":
        return default
    if not re.fullmatch(r"\d{1,9}", value):
        raise ApiError(f"{name} must be a whole number (got {value!r})", name)
    n = int(value)
    if not lo <= n <= hi:
        raise ApiError(f"{name} must be between {lo} and {hi} (got {n})", name)
    return n


def metric_name(ctx: AppContext, args: dict, name: str = "metric", required: bool = True):
    """The catalogue entry named by ``name``: 400 if missing or malformed, 404 if unknown."""
    value = one(args, name)
    if not value:
        if required:
            raise ApiError(f"{name} is required (a metric name from /api/v1/metrics)", name)
        return None
    if not _METRIC.match(value):
        raise ApiError(f"{name} {value!r} is not a metric name (lower_snake_case)", name)
    metric = ctx.config.metric(value)
    if metric is None:
        raise ApiError(f"{name} {value!r} is not in the catalogue (see /api/v1/metrics)",
                       name, status=404)
    return metric


def language(ctx: AppContext, args: dict) -> str:
    return choice(args, "lang", ("id", "en"), ctx.config.site.language)


def fmt(args: dict, allowed=FORMATS) -> str:
    return choice(args, "format", allowed, "json")


def time_range(ctx: AppContext, args: dict, now: float, default_from: str = "now-7d",
               default_to: str = "now", required: bool = True):
    """``(start, end, from_text, to_text)`` in epoch seconds; None for an absent optional end."""
    texts = {}
    values = {}
    for name, default in (("from", default_from), ("to", default_to)):
        text = one(args, name) or (default if required else None)
        texts[name] = text
        if text is None:
            values[name] = None
            continue
        try:
            values[name] = parse_time(text, now, ctx.tz)
        except (ValueError, OverflowError, OSError) as exc:
            raise ApiError(f"{name}: {exc}", name) from None
        if not 0 <= values[name] < 32503680000:
            raise ApiError(f"{name} {text!r} is outside the years 1970-2999", name)
    start, end = values["from"], values["to"]
    if start is not None and end is not None and end <= start:
        raise ApiError(f"to ({texts['to']}) must be later than from ({texts['from']})", "to")
    retention = ctx.config.store.retention_days * 86400
    if start is not None and end is not None and end - start > retention:
        raise ApiError(f"from-to spans {format_duration(end - start)}; at most the retention "
                       f"of {ctx.config.store.retention_days} days", "from")
    return start, end, texts["from"], texts["to"]


def label_filters(ctx: AppContext, args: dict, metrics: list[str], reserved=SERIES_PARAMS,
                  scope: str | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every non-reserved parameter as a label filter, checked against the labels of
    ``metrics`` in ``scope`` (a filter must name a label of at least one of them and one of
    its values; a region outside ``scope`` is 403)."""
    known: dict[str, set[str]] = {}
    for m in metrics:
        for name, values in cached_label_values(ctx, m, scope).items():
            known.setdefault(name, set()).update(values)
    out = []
    for param, values in sorted(args.items()):
        if param in reserved:
            continue
        name = param[len(LABEL_PREFIX):] if param.startswith(LABEL_PREFIX) else param
        if not _LABEL.match(name):
            raise ApiError(f"{param!r} is neither a parameter nor a label name", param[:100])
        outside = [v for v in values if name == REGION_LABEL and not region_in_scope(v, scope)]
        if outside:
            raise scope_error(outside[0][:100], scope, param, ctx.config.site.region)
        if name not in known:
            names = ", ".join(sorted(known)) or "none"
            raise ApiError(f"{name!r} is not a label of {' or '.join(metrics)} "
                           f"(labels: {names})", param)
        if len(values) > 100:
            raise ApiError(f"{param}: at most 100 values", param)
        clean = []
        for v in values:
            if _CONTROL.search(v) or len(v) > 500:
                raise ApiError(f"{param} holds control characters or is too long", param)
            if v not in known[name]:
                raise ApiError(f"{v!r} is not a value of label {name}", param)
            clean.append(v)
        out.append((name, tuple(sorted(set(clean)))))
    return tuple(out)


def bucket_origin(ctx: AppContext, step: int, start: int) -> int:
    """Where buckets of ``step`` start for a question from ``start``: local midnight of the
    site's zone for a day or more (``data.buckets.origin_for``)."""
    return origin_for(step, utc_offset(start, ctx.tz))


def cached_label_values(ctx: AppContext, metric: str, scope: str | None
                        ) -> dict[str, list[str]]:
    """``data.queries.label_values`` of ``metric`` in ``scope``, through the query cache."""
    return ctx.cache.get_or_set(f"labels:{metric}:{scope}", ctx.config.web.cache_ttl,
                                lambda: label_values(ctx.store, metric, scope))


def series_query(ctx: AppContext, args: dict, now: float | None = None,
                 default_points: int = DEFAULT_POINTS) -> SeriesQuery:
    """Read and check a /series question (also /chart, /export and /explore), asked in the
    scope of the current principal (``current().region``)."""
    now = ctx.clock() if now is None else now
    scope = current().region
    metric = metric_name(ctx, args)
    metric2 = metric_name(ctx, args, "metric2", required=False)
    start, end, from_text, to_text = time_range(ctx, args, now)
    span = end - start
    step_text = one(args, "step")
    if step_text:
        try:
            step = parse_duration(step_text)
        except ValueError as exc:
            raise ApiError(f"step: {exc}", "step") from None
        if step > 366 * 86400:
            raise ApiError("step must be at most 366d", "step")
    else:
        step = nice_step(span, default_points)
    per_series = math.ceil(span / step)
    if per_series > MAX_POINTS_PER_SERIES:
        raise ApiError(f"step {format_duration(step)} over {format_duration(span)} gives "
                       f"{per_series} points per series; at most {MAX_POINTS_PER_SERIES}: "
                       f"use a step of at least {format_duration(-(-span // 10_000))}", "step")
    agg_text = choice(args, "agg", AGGS)
    shift_text = one(args, "shift") or None
    shift = None
    if shift_text:
        if shift_text == "period":
            shift = span
        else:
            try:
                shift = parse_duration(shift_text)
            except ValueError as exc:
                raise ApiError(f"shift: {exc} (or 'period')", "shift") from None
        if shift > ctx.config.store.retention_days * 86400:
            raise ApiError("shift is longer than the retention", "shift")
    if metric2 and shift:
        raise ApiError("compare either two metrics (metric2) or two periods (shift)", "shift")
    names = [metric.name] + ([metric2.name] if metric2 else [])
    filters = label_filters(ctx, args, names, scope=scope)
    q = SeriesQuery(
        metric=metric.name, start=start, end=end, step=step, agg=agg_text or metric.agg,
        origin=bucket_origin(ctx, step, start), filters=filters,
        from_text=from_text, to_text=to_text, step_auto=not step_text, agg_auto=not agg_text,
        metric2=metric2.name if metric2 else None, shift=shift, shift_text=shift_text,
        max_points=integer(args, "max_points", 3, MAX_POINTS_PER_SERIES),
        chart=choice(args, "chart", CHARTS, "line"), lang=language(ctx, args),
        fmt=one(args, "format") or "json", scope=scope)
    return q
