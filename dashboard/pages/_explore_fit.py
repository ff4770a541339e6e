"""The explorer never dead-ends on a step: what the page asks of the API, fitted to what can be
drawn, and the error texts a person reads.

    q, asked = fitted_query(ctx, args)     # asked: the step the URL asked for, when coarsened
    answer, q, asked = fitted_answer(ctx, q, asked)

A step too fine for the range (a year at 1 minute: 525 600 points a series, past the API's
limit) is coarsened to the finest step that fits the limit, bars to at most ``BAR_MAX`` per
series so each stays readable; the page says so. The URL keeps the asked step; the export
links carry the step drawn.
"""

from __future__ import annotations

import math
from dataclasses import replace

from pantau.dashboard.api.params import (
    MAX_POINTS_PER_SERIES,
    ApiError,
    SeriesQuery,
    bucket_origin,
    series_query,
)
from pantau.dashboard.i18n import catalogue, t
from pantau.data.buckets import coarser_step, nice_step
from pantau.data.durations import parse_duration

BAR_MAX = 100
"""Bars per series at most: 24 h at 2 minutes drew 720 hair-thin bars."""
CHART_PX = 1200
"""Lines carry at most this many points: about the chart's width in pixels."""


def _with_step(ctx, q: SeriesQuery, step: int) -> SeriesQuery:
    return replace(q, step=step, step_auto=False, origin=bucket_origin(ctx, step, q.start))


def fitted_query(ctx, args: dict) -> tuple[SeriesQuery, int | None]:
    """The page's query for the URL ``args`` and the asked step when it had to be coarsened
    (else None). Errors other than a too-fine step stay ``ApiError``."""
    try:
        q = series_query(ctx, args)
        asked = None
    except ApiError as exc:
        step_text = (args.get("step") or [""])[-1]
        if exc.parameter != "step" or not step_text:
            raise
        try:
            asked = parse_duration(step_text)
        except ValueError:
            raise exc from None
        q = series_query(ctx, {k: v for k, v in args.items() if k != "step"})
        if asked > 366 * 86400:
            raise
        q = _with_step(ctx, q, coarser_step(asked, q.end - q.start, MAX_POINTS_PER_SERIES))
    span = q.end - q.start
    if q.chart == "bar":
        step = nice_step(span, BAR_MAX) if q.step_auto else coarser_step(q.step, span, BAR_MAX)
        if step != q.step:
            asked = asked or (None if q.step_auto else q.step)
            q = _with_step(ctx, q, step)
    else:
        q = replace(q, max_points=CHART_PX)
    return q, asked


def fitted_answer(ctx, q: SeriesQuery, asked: int | None, answer_of) -> tuple[dict, SeriesQuery,
                                                                                int | None]:
    """``answer_of(q)`` (the /series answer), coarsening further while the series together
    hold more points than the API gives (many series at a fine step)."""
    for _ in range(8):
        try:
            return answer_of(q), q, asked
        except ApiError as exc:
            if exc.parameter != "step":
                raise
            per_series = math.ceil((q.end - q.start) / q.step)
            asked = asked or q.step
            q = _with_step(ctx, q, coarser_step(q.step, q.end - q.start,
                                                max(1, per_series // 4)))
    return answer_of(q), q, asked


def error_text(exc: ApiError, lang: str) -> str:
    """What a person reads for a refused question: the API's message is English for machines,
    the page names the control at fault in the page's language."""
    if exc.status == 403:  # a region outside the principal's scope (api.params.scope_error)
        from pantau.dashboard.components.regions import total_label
        from pantau.data.reference import region_name

        scope, area = str(exc.extra.get("scope", "")), str(exc.extra.get("area", ""))
        return t("explore.error.scope", lang, scope=region_name(scope) or scope,
                 total=total_label(area, lang))
    if lang == "en":
        return exc.message
    key = f"explore.error.{exc.parameter}"
    if key in catalogue():
        return t(key, lang)
    return t("explore.error.label", lang, name=str(exc.parameter or "")[:100])
